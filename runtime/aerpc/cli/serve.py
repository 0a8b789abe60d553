"""``aerpc serve``: run a server in the foreground, for a panel or a test client."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import errno
import json
import logging
import os
import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aerpc.runtime.codec import preview
from aerpc.runtime.contract import Contract
from aerpc.runtime.limits import ServerLimits
from aerpc.runtime.observe import payload_log
from aerpc.runtime.paths import PATH_KINDS, STRICT_PATHS, PathPolicy
from aerpc.runtime.server import Server

__all__ = ["LoggingHandlers", "path_policy", "serve_main", "write_ready_file"]

log = logging.getLogger("aerpc.serve")

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def _log_level(text: str) -> str:
    """``--log-level``: a level name, in any case."""
    level = text.upper()
    if level not in LOG_LEVELS:
        raise argparse.ArgumentTypeError(
            f"unknown level {text!r}; choose one of {', '.join(LOG_LEVELS)}"
        )
    return level


class _OneBanner(logging.Filter):
    """Drops the server's own "serving" line: ``aerpc serve`` prints it (once) on stdout."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name == "aerpc" and str(record.msg).startswith("aerpc: serving"))


class LoggingHandlers:
    """Serves every pipeline method by logging the call (its parameter names at INFO; their
    values, clipped, only at DEBUG on ``aerpc.payload``); returns the schema's example result
    for the method (or null when it has none)."""

    def __init__(self, contract: Contract):
        self._contract = contract

    def __getattr__(self, name: str) -> Callable[..., Any]:
        spec = self._contract.methods.get(name)
        if spec is None or spec.served_by != "pipeline":
            raise AttributeError(name)
        examples = [ex for ex in spec.examples if isinstance(ex.get("result"), dict)]
        result = examples[0]["result"].get("value") if examples else None

        def handler(**params: Any) -> Any:
            log.info("pipeline call %s(%s)", name, ", ".join(params))  # names only: no payload
            if payload_log.isEnabledFor(logging.DEBUG):
                payload_log.debug("pipeline call %s params=%s", name, preview(params))
            return result

        return handler


def serve_main(argv: list[str]) -> int:
    """``aerpc serve [--port N] [--bind-host H] [--schema FILE | --package P]
    [--ready-file PATH]``; runs until Ctrl-C or SIGTERM."""
    parser = argparse.ArgumentParser(
        prog="aerpc serve",
        description="Run an aerpc server in the foreground. The token is AERPC_TOKEN from the "
        "environment, or a new one that is printed.",
    )
    parser.add_argument("--port", type=int, default=0, help="port to bind (default: any free)")
    parser.add_argument(
        "--bind-host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    schema = parser.add_mutually_exclusive_group()
    schema.add_argument("--schema", help="an OpenRPC file")
    schema.add_argument(
        "--package",
        default="aerpc.aftereffects",
        help="a generated package whose CONTRACT to serve (default aerpc.aftereffects)",
    )
    parser.add_argument(
        "--log-level",
        default="INFO",
        type=_log_level,
        metavar="{" + ",".join(LOG_LEVELS) + "}",
        help="logging level (default INFO; any case)",
    )
    parser.add_argument(
        "--ready-file",
        type=Path,
        metavar="PATH",
        help="once listening, write PATH (mode 0600; it holds the token): one JSON object "
        '{"url", "token", "launch_env", "pid", "schema": {"name", "version"}}, written before '
        "the banner is printed, so a program that saw the banner can read it",
    )
    parser.add_argument(
        "--limit",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set one of the server's limits (ServerLimits, docs/reliability.md), e.g. "
        "max_tool_calls_at_host=4 or busy_after=inf; repeatable",
    )
    parser.add_argument(
        "--allow-paths",
        type=path_policy,
        default=STRICT_PATHS,
        metavar="KIND[,KIND…]",
        help=f"accept path params of these kinds from tools ({', '.join(PATH_KINDS)}, or all); "
        "by default a relative path, a '..' step and a network (UNC) path are refused",
    )
    args = parser.parse_args(argv)
    try:
        limits = _limits(args.limit)
    except ValueError as exc:
        print(f"aerpc serve: --limit: {exc}", file=sys.stderr)
        return 2
    logging.basicConfig(
        level=args.log_level, format="%(asctime)s %(name)s %(levelname)s %(message)s"
    )
    for handler in logging.getLogger().handlers:
        handler.addFilter(_OneBanner())
    # a socket's end is logged by aerpc ("disconnected"); aiohttp's access line would repeat it
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    try:
        contract = (
            Contract.from_file(args.schema) if args.schema else Contract.from_package(args.package)
        )
    except (OSError, ValueError, ImportError) as exc:
        print(f"aerpc serve: cannot load the schema: {exc}", file=sys.stderr)
        return 2
    token = os.environ.get("AERPC_TOKEN") or None
    server = relay_server("aerpc serve", contract, args, token, limits=limits)
    if server is None:
        return 2
    return asyncio.run(_serve(server, print_token=token is None, ready_file=args.ready_file))


def relay_server(
    prog: str,
    contract: Contract,
    args: argparse.Namespace,
    token: str | None,
    limits: ServerLimits | None = None,
) -> Server | None:
    """The relaying server ``aerpc serve`` and ``aerpc mcp --serve`` run, from their shared
    options (``--bind-host``, ``--port``, ``--allow-paths``), ``token`` (``AERPC_TOKEN``, or
    None for a random one) and ``limits`` (None: the defaults); None, after one line on
    stderr, when that token is not usable."""
    try:
        return Server(
            LoggingHandlers(contract),
            contract=contract,
            bind_host=args.bind_host,
            port=args.port,
            token=token,
            relay=True,
            allow_paths=args.allow_paths,
            limits=limits,
        )
    except ValueError as exc:  # the message names the length, never the token
        if token is None:
            raise
        print(f"{prog}: AERPC_TOKEN is not usable: {exc}", file=sys.stderr)
        return None


def _limits(settings: list[str]) -> ServerLimits:
    """``--limit NAME=VALUE`` settings over the default :class:`ServerLimits`."""
    fields = {f.name: f.type for f in dataclasses.fields(ServerLimits)}
    changes: dict[str, Any] = {}
    for setting in settings:
        name, _, value = setting.partition("=")
        if name not in fields or not value:
            raise ValueError(f"{setting!r}: NAME=VALUE, NAME one of {', '.join(fields)}")
        changes[name] = float(value) if fields[name] in (float, "float") else int(value)
    return dataclasses.replace(ServerLimits(), **changes)


def path_policy(text: str) -> PathPolicy:
    """``--allow-paths``: the kinds of path param to accept, comma-separated."""
    try:
        return PathPolicy.allowing(text.split(","))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def write_ready_file(path: Path, server: Server) -> None:
    """``--ready-file``: what a program needs to reach the server, as one JSON object, in a
    file only this user can read (it holds the token), replaced whole (never seen half
    written).

    The content goes to a file of a random name next to ``path``, created exclusively
    (``O_EXCL``: never through a file or link someone planted) with mode 0600 (``mkstemp``),
    then renamed over ``path``: no other local user can have it open or choose its mode."""
    ready = {
        "url": server.url,
        "token": server.token,
        "launch_env": server.launch_env(),
        "pid": os.getpid(),
        "schema": {"name": server.contract.name, "version": server.contract.version},
    }
    fd, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(ready, out)
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise


def banner_lines(url: str, token: str | None) -> list[str]:
    """What to set in a tool's shell, POSIX first, then Windows (PowerShell); ``token`` None:
    it came from the environment, so it is not repeated."""
    lines = [f"export AERPC_URL={url}"]
    windows = f'$env:AERPC_URL="{url}"'
    if token is None:
        lines.append("# AERPC_TOKEN: from the environment")
    else:
        lines.append(f"export AERPC_TOKEN={token}")
        windows += f'; $env:AERPC_TOKEN="{token}"'
    return [*lines, f"# Windows (PowerShell): {windows}"]


def _bind_failure(server: Server, exc: OSError) -> str:
    """One line for a server that could not listen, without ``[Errno N]``; a busy port says
    what to do."""
    reason = str(exc.strerror or exc).removeprefix("aerpc: ")
    if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
        return f"{reason} (another aerpc serve?): give another --port, or --port 0 for any free one"
    return f"cannot listen on {server.bind_host}: {reason}"


async def _serve(server: Server, *, print_token: bool, ready_file: Path | None = None) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # Windows: Ctrl-C raises instead
            loop.add_signal_handler(sig, stop.set)
    try:
        await server.start_async()
    except OSError as exc:
        print(f"aerpc serve: {_bind_failure(server, exc)}", file=sys.stderr)
        return 1
    if ready_file is not None:
        try:
            write_ready_file(ready_file, server)
        except OSError as exc:
            print(f"aerpc serve: cannot write --ready-file {ready_file}: {exc}", file=sys.stderr)
            await server.stop_async()
            return 1
    print(f"aerpc serving {server.url} (schema {server.contract.name} {server.contract.version})")
    for line in banner_lines(server.url, server.token if print_token else None):
        print(line)
    sys.stdout.flush()
    try:
        await stop.wait()
    finally:
        await server.stop_async()
    return 0
