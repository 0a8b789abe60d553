"""``aerpc mcp``: After Effects' methods as MCP tools, served over stdio.

By default it connects to a running pipeline's server as a ``tool`` (``--url`` and
``--token-file``, or ``AERPC_URL``/``AERPC_TOKEN``) and calls through its relay; with
``--serve`` it runs its own aerpc server, writes what After Effects needs (the token too) to a
ready file only this user can read, and prints on stderr where it is: MCP clients keep the
server's stderr in their logs, so the token is never printed there (unless stderr is a
terminal). stdout carries the MCP protocol only; logs go to stderr.

A model can be talked into anything, so the tools that may destroy work (``x-destructive``)
are offered only when asked (``--allow-destructive``, or one by one with ``--allow``), and path
params that are relative, step up with ``..`` or name a network share are refused unless
``--allow-paths`` says otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from aerpc.mcp.tools import ToolSpec, select_tools
from aerpc.runtime import HostChannel, PathPolicy, RemoteHost, Server
from aerpc.runtime.paths import PATH_KINDS, STRICT_PATHS
from aerpc.tooling.options import UsageError, add_connection, connection, log_level, version
from aerpc.tooling.package import HostPackage, add_package, host_package

from .serve import path_policy, relay_server, write_ready_file

__all__ = ["DEFAULT_EXCLUDED", "main", "parser"]

DEFAULT_EXCLUDED = frozenset({"run_jsx_file"})
"""Tools left out unless named with ``--allow`` (even with ``--allow-destructive``):
``run_jsx_file`` runs any script."""

log = logging.getLogger("aerpc.mcp")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="aerpc mcp",
        description="Serve After Effects' methods as Model Context Protocol tools over stdio.",
    )
    add_connection(p)
    add_package(p)
    p.add_argument(
        "--serve",
        action="store_true",
        help="run an aerpc server of its own (for After Effects to connect to) instead of "
        "connecting to a pipeline; AERPC_URL goes to stderr, the token to the --ready-file",
    )
    p.add_argument("--bind-host", default="127.0.0.1", help="with --serve: address to bind")
    p.add_argument("--port", type=int, default=0, help="with --serve: port (default: any free)")
    p.add_argument(
        "--ready-file",
        type=Path,
        metavar="PATH",
        help="with --serve: write PATH (mode 0600) with the url, the token and the environment "
        'to start After Effects with ("launch_env"), as `aerpc serve --ready-file` does '
        "(default: a new private folder's ready.json, removed at exit; its path is printed)",
    )
    p.add_argument(
        "--read-only", action="store_true", help="offer only the methods that change nothing"
    )
    p.add_argument(
        "--allow-destructive",
        action="store_true",
        help="also offer the methods that may destroy work (delete_item, close, save_as, …: "
        "the schema's x-destructive); they are left out by default",
    )
    p.add_argument(
        "--allow",
        "--include",
        dest="allow",
        action="append",
        default=[],
        type=_names,
        metavar="METHOD[,METHOD…]",
        help="offer these methods even if destructive or left out by default "
        f"({', '.join(sorted(DEFAULT_EXCLUDED))}); repeatable",
    )
    p.add_argument(
        "--exclude", action="append", default=[], metavar="METHOD", help="leave a method out"
    )
    p.add_argument(
        "--allow-paths",
        type=path_policy,
        default=STRICT_PATHS,
        metavar="KIND[,KIND…]",
        help=f"accept path params of these kinds ({', '.join(PATH_KINDS)}, or all); by default "
        "a relative path, a '..' step and a network (UNC) path are refused",
    )
    p.add_argument("--log-level", type=log_level, default="WARNING", help="on stderr")
    return p


def _names(text: str) -> list[str]:
    """``--allow``: a comma-separated list of method names."""
    return [name.strip() for name in text.split(",") if name.strip()]


def offered(all_tools: Sequence[ToolSpec], args: argparse.Namespace) -> tuple[ToolSpec, ...]:
    """The tools the options leave on (raises ValueError for a name that is no tool)."""
    names = {t.name for t in all_tools}
    allowed = {name for group in args.allow for name in group}
    unknown = allowed - names
    if unknown:
        raise ValueError(f"no such tool to allow: {', '.join(sorted(unknown))}")
    excluded = (DEFAULT_EXCLUDED & names) - allowed | set(args.exclude)
    return select_tools(
        all_tools,
        read_only=args.read_only,
        exclude=excluded,
        destructive=args.allow_destructive,
        allow=allowed,
    )


def main(argv: Sequence[str]) -> int:
    args = parser().parse_args(list(argv))
    logging.basicConfig(
        level=args.log_level, stream=sys.stderr, format="%(asctime)s %(name)s %(message)s"
    )
    try:
        package = host_package(args.package)
        all_tools = package.tools()
    except ImportError as exc:
        print(f"aerpc mcp: {exc}", file=sys.stderr)
        return 2
    try:
        tools = offered(all_tools, args)
        url, token = ("", "") if args.serve else connection(args)
    except (ValueError, UsageError) as exc:
        more = " (or run a server of its own with --serve)" if isinstance(exc, UsageError) else ""
        print(f"aerpc mcp: {exc}{more}", file=sys.stderr)
        return 2
    try:
        from aerpc.mcp.server import build_server
    except ImportError as exc:
        print(f"aerpc mcp: {exc}; install the MCP extra: pip install 'aerpc[mcp]'", file=sys.stderr)
        return 2
    paths: PathPolicy = args.allow_paths
    if args.serve:
        return _serve(args, package, tools, build_server)
    return asyncio.run(_over_tool_connection(url, token, package, tools, build_server, paths))


async def _run_stdio(
    channel: HostChannel,
    package: HostPackage,
    tools: Sequence[ToolSpec],
    build: Any,
    paths: PathPolicy,
) -> None:
    from mcp.server.stdio import stdio_server

    name = f"aerpc-{package.short_name}"
    server = build(tools, channel, name=name, version=version(), paths=paths)
    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())


async def _over_tool_connection(
    url: str,
    token: str,
    package: HostPackage,
    tools: Sequence[ToolSpec],
    build: Any,
    paths: PathPolicy,
) -> int:
    remote = RemoteHost(url, token, contract=package.contract)
    try:
        await remote.connect()
    except Exception as exc:
        print(f"aerpc mcp: cannot connect to {url}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    try:
        await _run_stdio(remote, package, tools, build, paths)
    finally:
        await remote.close()
    return 0


def _serve(
    args: argparse.Namespace, package: HostPackage, tools: Sequence[ToolSpec], build: Any
) -> int:
    contract = package.contract
    token = os.environ.get("AERPC_TOKEN") or None
    server = relay_server("aerpc mcp", contract, args, token)
    if server is None:
        return 2
    try:
        server.start()
    except OSError as exc:
        print(f"aerpc mcp: {exc}", file=sys.stderr)
        return 1
    try:
        with _ready_path(args.ready_file) as ready:
            try:
                write_ready_file(ready, server)
            except OSError as exc:
                print(f"aerpc mcp: cannot write --ready-file {ready}: {exc}", file=sys.stderr)
                return 1
            _print_launch_env(server, ready, token_from_env=token is not None)
            asyncio.run(_run_stdio(server.host, package, tools, build, args.allow_paths))
    finally:
        server.stop()
    return 0


@contextlib.contextmanager
def _ready_path(given: Path | None) -> Iterator[Path]:
    """``--ready-file``, or ``ready.json`` in a new folder only this user can enter (mode
    0700), removed with it at exit."""
    if given is not None:
        yield given
        return
    folder = tempfile.mkdtemp(prefix="aerpc-mcp-")
    try:
        yield Path(folder) / "ready.json"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _print_launch_env(server: Server, ready: Path, *, token_from_env: bool) -> None:
    """On stderr, what to start After Effects with; the token only where nobody logs it."""
    print("aerpc mcp: start After Effects with this environment:", file=sys.stderr)
    for key, value in server.launch_env().items():
        if key != "AERPC_TOKEN":
            print(f"{key}={value}", file=sys.stderr)
    if token_from_env:
        line = "AERPC_TOKEN: as in this command's environment"
    elif sys.stderr.isatty():  # a person at a terminal, not an MCP client's log
        line = f"AERPC_TOKEN={server.token}"
    else:
        line = f'AERPC_TOKEN: in {ready} (mode 0600: its "token"; "launch_env" has them all)'
    print(line, file=sys.stderr)
    print(f"aerpc mcp: ready file {ready}", file=sys.stderr)
    sys.stderr.flush()
