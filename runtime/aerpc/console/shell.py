"""``aerpc shell``: an interactive prompt on a running pipeline's After Effects.

A line is either a call as ``aerpc call`` takes it (``get_layers comp_id=3``) or Python with
``ae`` bound to the typed client (``[c["name"] for c in ae.get_items(comps=True)]``). Method
and parameter names complete with Tab in both forms (prompt-toolkit, ``pip install
'aerpc[shell]'``). When stdin is not a terminal the lines are read from it as they come, so a
script can drive the shell. Ctrl-C during a call cancels it (one line says whether it still
runs in After Effects) and returns to the prompt; a call waiting behind another says so.
"""

from __future__ import annotations

import argparse
import builtins
import difflib
import keyword
import logging
import re
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from aerpc.runtime import HostChannel, LocalError, RemoteError
from aerpc.tooling.options import add_connection, log_level
from aerpc.tooling.output import error_line, json_text
from aerpc.tooling.package import HostPackage, add_package
from aerpc.tooling.values import ParamError, method_params, parse_params

from .busy import interrupted_line
from .call import _connect, loaded_package, progress_channel, stop_quietly

if TYPE_CHECKING:
    from prompt_toolkit.completion import Completer

__all__ = ["Shell", "completer", "prompt_lines", "shell_main"]

_CALL = re.compile(r"^\s*([a-z][a-z0-9_]*)(\s.*)?$")
_AE_ATTRIBUTE = re.compile(r"\bae\.([a-z0-9_]*)$")
_AE_ARGUMENT = re.compile(r"\bae\.([a-z][a-z0-9_]*)\(([^()]*)$")
_PARTIAL_WORD = re.compile(r"([a-z0-9_]*)$")
_KEY_VALUE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")


class Shell:
    """Runs the lines of the shell against ``channel``; output goes to ``out``."""

    def __init__(
        self,
        channel: HostChannel,
        package: HostPackage,
        out: TextIO,
        *,
        interrupted: Callable[[str], str] | None = None,
    ):
        self.channel = channel
        self.interrupted = interrupted
        """The line after Ctrl-C interrupted a call of a method (given its name)."""
        self.contract = package.contract
        self.out = out
        self.methods = sorted(n for n, s in self.contract.methods.items() if s.served_by == "host")
        self.namespace: dict[str, Any] = {"ae": package.typed_client(channel)}

    def execute(self, line: str) -> None:
        """Run one line and print its result or error."""
        text = line.strip()
        if not text or text.startswith("#"):
            return
        match = _CALL.match(text)
        try:
            if match and match.group(1) in self.methods:
                self._call(match.group(1), (match.group(2) or "").split())
                return
            if match and self._unknown_call(match.group(1), (match.group(2) or "").split()):
                return
            self._python(text)
        except KeyboardInterrupt:
            method = match.group(1) if match and match.group(1) in self.methods else ""
            if not method:
                method = next((m for m in self.methods if f"ae.{m}(" in text), "the line")
            said = self.interrupted(method) if self.interrupted is not None else "interrupted"
            print(f"! {said}", file=self.out, flush=True)

    def _unknown_call(self, name: str, words: list[str]) -> bool:
        """Print the closest method when ``name words`` reads as a call of a method that does
        not exist (and not as Python); False when the line is left to Python."""
        if name in self.namespace or keyword.iskeyword(name) or hasattr(builtins, name):
            return False
        if not all(_KEY_VALUE.match(w) for w in words):
            return False
        near = difflib.get_close_matches(name, self.methods, n=1)
        hint = f"did you mean {near[0]!r}? " if near else ""
        print(f"! no host method {name!r}; {hint}(Tab completes the names)", file=self.out)
        return True

    def _call(self, method: str, words: list[str]) -> None:
        try:
            params = parse_params(self.contract, method, words)
            result = self.channel.call_blocking(method, params)
        except ParamError as exc:
            print(f"! {exc}", file=self.out)
        except (RemoteError, LocalError) as exc:
            print(f"! {error_line(exc)}", file=self.out)
        else:
            print(json_text(result), file=self.out)

    def _python(self, text: str) -> None:
        try:
            try:
                code = compile(text, "<aerpc shell>", "eval")
            except SyntaxError:
                exec(compile(text, "<aerpc shell>", "exec"), self.namespace)
                return
            value = eval(code, self.namespace)
        except (RemoteError, LocalError) as exc:
            print(f"! {error_line(exc)}", file=self.out)
        except Exception as exc:
            text = traceback.format_exc(limit=1).rstrip()
            print("! " + text + _suggestion(exc, text), file=self.out)
        else:
            if value is not None:
                self.namespace["_"] = value
                print(json_text(value) if _is_json(value) else repr(value), file=self.out)

    def completions(self, before_cursor: str) -> list[str]:
        """The words that complete the text before the cursor (method or ``param=``)."""
        if match := _AE_ARGUMENT.search(before_cursor):
            method, written = match.groups()
            word = _PARTIAL_WORD.search(written)
            prefix = word.group(1) if word else ""
            given = set(re.findall(r"([a-z0-9_]+)\s*=", written))
            return [
                f"{p}=" for p in self._params(method) if p.startswith(prefix) and p not in given
            ]
        if match := _AE_ATTRIBUTE.search(before_cursor):
            return [m for m in self.methods if m.startswith(match.group(1))]
        words = before_cursor.split()
        if not words or (len(words) == 1 and not before_cursor.endswith(" ")):
            prefix = words[0] if words else ""
            return [m for m in self.methods if m.startswith(prefix)]
        if words[0] not in self.methods:
            return []
        prefix = "" if before_cursor.endswith(" ") else words[-1]
        if "=" in prefix:
            return []
        given = {w.partition("=")[0] for w in words[1:] if "=" in w}
        return [f"{p}=" for p in self._params(words[0]) if p.startswith(prefix) and p not in given]

    def _params(self, method: str) -> list[str]:
        try:
            return list(method_params(self.contract, method))
        except ParamError:
            return []


def _suggestion(exc: Exception, text: str) -> str:
    """Python's own "Did you mean" for a misspelt attribute, which ``traceback`` leaves out
    before Python 3.12."""
    if not isinstance(exc, AttributeError) or "Did you mean" in text or exc.name is None:
        return ""
    near = difflib.get_close_matches(exc.name, dir(exc.obj), n=1)
    return f". Did you mean: {near[0]!r}?" if near else ""


def _is_json(value: object) -> bool:
    return isinstance(value, dict | list | str | int | float | bool)


def completer(shell: Shell) -> Completer:
    """prompt-toolkit's completer for the shell: :meth:`Shell.completions` of the word at the
    cursor."""
    from prompt_toolkit.completion import CompleteEvent, Completer, Completion
    from prompt_toolkit.document import Document

    class _Completer(Completer):
        def get_completions(
            self, document: Document, complete_event: CompleteEvent
        ) -> Iterable[Completion]:
            before = document.text_before_cursor
            word = _PARTIAL_WORD.search(before)
            start = -len(word.group(1)) if word else 0
            for text in shell.completions(before):
                yield Completion(text, start_position=start)

    return _Completer()


def prompt_lines(shell: Shell, **session_options: Any) -> Iterator[str]:
    """Lines from an interactive prompt with completion, until Ctrl-D (``session_options``:
    prompt-toolkit's ``input`` and ``output``, for a test)."""
    from prompt_toolkit import PromptSession

    session: PromptSession[str] = PromptSession(completer=completer(shell), **session_options)
    while True:
        try:
            yield session.prompt("ae> ")
        except KeyboardInterrupt:
            continue
        except EOFError:
            return


def shell_main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="aerpc shell", description="An interactive prompt on the pipeline's After Effects."
    )
    add_connection(parser)
    add_package(parser)
    parser.add_argument("--log-level", type=log_level, default="WARNING", help="on stderr")
    args = parser.parse_args(list(argv))
    logging.basicConfig(level=args.log_level, stream=sys.stderr)
    package = loaded_package(args, "aerpc shell")
    if package is None:
        return 2

    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    if interactive:
        try:
            import prompt_toolkit  # noqa: F401
        except ImportError:
            print("aerpc shell: needs prompt-toolkit: pip install 'aerpc[shell]'", file=sys.stderr)
            return 2
    remote = _connect(args, "aerpc shell", contract=package.contract)
    if remote is None:
        return 1
    channel = progress_channel(remote, package.contract, "aerpc shell")
    shell = Shell(
        channel,
        package,
        sys.stdout,
        interrupted=lambda method: interrupted_line(remote, method, "aerpc shell"),
    )
    try:
        if interactive:
            print(f"aerpc shell on {remote.url}: `ae` is the typed client; Tab completes; Ctrl-D")
        for line in prompt_lines(shell) if interactive else sys.stdin:
            shell.execute(line)
            sys.stdout.flush()
    except KeyboardInterrupt:  # Ctrl-C at no call (reading stdin): the shell ends
        return 130
    finally:
        stop_quietly(remote)
    return 0
