"""The ``aerpc`` command line: one table of subcommands, each run by its own module.

A subcommand is a function ``run(argv) -> exit status`` that parses its own arguments; it is
imported only when chosen, so ``aerpc cep install`` works without the ``codegen`` extra and
``aerpc --help`` loads nothing heavy. Add one by adding a row to :data:`COMMANDS`.
"""

from __future__ import annotations

import difflib
import importlib
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["COMMANDS", "EXTRAS", "Command", "main"]


@dataclass(frozen=True)
class Command:
    """One subcommand: its one-line help and ``module:function`` that runs it."""

    help: str
    target: str
    extra: str | None = None
    """The pip extra the command needs, named when one of its modules is missing."""

    def load(self) -> Callable[[Sequence[str]], int]:
        module, _, function = self.target.partition(":")
        run: Callable[[Sequence[str]], int] = getattr(importlib.import_module(module), function)
        return run


EXTRAS: dict[str, frozenset[str]] = {
    "codegen": frozenset({"jinja2"}),
    "mcp": frozenset({"mcp", "mcp_types"}),
    "shell": frozenset({"prompt_toolkit"}),
}
"""The modules each extra of ``pyproject.toml`` installs."""

COMMANDS: dict[str, Command] = {
    "lint": Command("check an OpenRPC schema", "aerpc.cli.generate:lint_main", "codegen"),
    "generate": Command(
        "write the Python package, panel script and docs from a schema",
        "aerpc.cli.generate:generate_main",
        "codegen",
    ),
    "serve": Command("run a server in the foreground", "aerpc.cli.serve:serve_main"),
    "cep": Command(
        "install or build the After Effects panel, or build another host's (CEP extension)",
        "aerpc.cli.cep:cep_main",
    ),
    "call": Command(
        "call a host method: aerpc call METHOD key=value ...", "aerpc.console.call:call_main"
    ),
    "hosts": Command("list the hosts connected to a server", "aerpc.console.call:hosts_main"),
    "shell": Command(
        "a prompt with `ae` bound to the host", "aerpc.console.shell:shell_main", "shell"
    ),
    "mcp": Command("serve the host methods as MCP tools over stdio", "aerpc.cli.mcp:main", "mcp"),
    "simulate": Command(
        "run the simulated After Effects (no Adobe software needed) until Ctrl-C",
        "aerpc.cli.simulate:simulate_main",
    ),
    "fake-host": Command(
        "serve another host's methods from its host library in node (no Adobe software)",
        "aerpc.cli.fake_host:fake_host_main",
    ),
    "render": Command("render a project headless with aerender", "aerpc.cli.render:render_main"),
}


def _usage() -> str:
    width = max(map(len, COMMANDS))
    rows = "\n".join(f"  {name:<{width}}  {cmd.help}" for name, cmd in COMMANDS.items())
    return (
        "usage: aerpc [--version] [--root DIR] COMMAND [ARGS...]\n\n"
        "Typed JSON-RPC between a Python pipeline and Adobe After Effects.\n\n"
        f"commands:\n{rows}\n\n"
        "`aerpc COMMAND --help` describes each. --root DIR (lint, generate): an aerpc source tree."
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``aerpc`` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    root: list[str] = []
    if args[:1] == ["--root"] and len(args) >= 2:
        root, args = args[:2], args[2:]
    elif args[:1] and args[0].startswith("--root="):
        root, args = ["--root", args[0].partition("=")[2]], args[1:]
    if args[:1] in (["--version"], ["-V"]):
        from aerpc.tooling.options import version

        print(f"aerpc {version()}")
        return 0
    if not args or args[0] in ("-h", "--help"):
        print(_usage(), file=sys.stdout if args else sys.stderr)
        return 0 if args else 2
    name, rest = args[0], args[1:]
    command = COMMANDS.get(name)
    if command is None:
        near = difflib.get_close_matches(name, COMMANDS, n=1)
        hint = f"did you mean {near[0]!r}? " if near else ""
        print(
            f"aerpc: unknown command {name!r}; {hint}one of: {', '.join(COMMANDS)}",
            file=sys.stderr,
        )
        return 2
    try:
        return command.load()([*root, *rest])
    except ModuleNotFoundError as exc:
        if command.extra is None or exc.name not in EXTRAS[command.extra]:
            raise
        print(
            f"aerpc {name} needs the {command.extra} extra ({exc}): "
            f"pip install 'aerpc[{command.extra}]'",
            file=sys.stderr,
        )
        return 2
