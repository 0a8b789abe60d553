"""``aerpc mcp``: After Effects' methods as MCP tools, served over stdio.

By default it connects to a running pipeline's server as a ``tool`` (``--url``/``--token``, or
``AERPC_URL``/``AERPC_TOKEN``) and calls through its relay; with ``--serve`` it runs its own
aerpc server and prints on stderr the environment to start After Effects with. stdout carries
the MCP protocol only; logs go to stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

from aerpc.mcp.tools import ToolSpec, select_tools
from aerpc.runtime import HostChannel, RemoteHost
from aerpc.tooling.options import UsageError, add_connection, connection, log_level, version
from aerpc.tooling.package import HostPackage, add_package, host_package

from .serve import LoggingHandlers

__all__ = ["DEFAULT_EXCLUDED", "main", "parser"]

DEFAULT_EXCLUDED = frozenset({"run_jsx_file"})
"""Tools left out unless named with ``--include``: ``run_jsx_file`` runs any script."""

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
        help="run an aerpc server of its own and print AERPC_URL/AERPC_TOKEN for After "
        "Effects on stderr, instead of connecting to a pipeline",
    )
    p.add_argument("--bind-host", default="127.0.0.1", help="with --serve: address to bind")
    p.add_argument("--port", type=int, default=0, help="with --serve: port (default: any free)")
    p.add_argument(
        "--read-only", action="store_true", help="offer only the methods that change nothing"
    )
    p.add_argument(
        "--exclude", action="append", default=[], metavar="METHOD", help="leave a method out"
    )
    p.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="METHOD",
        help=f"offer a method left out by default ({', '.join(sorted(DEFAULT_EXCLUDED))})",
    )
    p.add_argument("--log-level", type=log_level, default="WARNING", help="on stderr")
    return p


def offered(all_tools: Sequence[ToolSpec], args: argparse.Namespace) -> tuple[ToolSpec, ...]:
    """The tools the options leave on (raises ValueError for a name that is no tool)."""
    names = {t.name for t in all_tools}
    unknown = set(args.include) - names
    if unknown:
        raise ValueError(f"no such tool to include: {', '.join(sorted(unknown))}")
    excluded = (DEFAULT_EXCLUDED & names) - set(args.include) | set(args.exclude)
    return select_tools(all_tools, read_only=args.read_only, exclude=excluded)


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
    if args.serve:
        return _serve(args, package, tools, build_server)
    return asyncio.run(_over_tool_connection(url, token, package, tools, build_server))


async def _run_stdio(
    channel: HostChannel, package: HostPackage, tools: Sequence[ToolSpec], build: Any
) -> None:
    from mcp.server.stdio import stdio_server

    server = build(tools, channel, name=f"aerpc-{package.short_name}", version=version())
    async with stdio_server() as (read, write):
        await server.run(read, write, server.create_initialization_options())


async def _over_tool_connection(
    url: str, token: str, package: HostPackage, tools: Sequence[ToolSpec], build: Any
) -> int:
    remote = RemoteHost(url, token, contract=package.contract)
    try:
        await remote.connect()
    except Exception as exc:
        print(f"aerpc mcp: cannot connect to {url}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    try:
        await _run_stdio(remote, package, tools, build)
    finally:
        await remote.close()
    return 0


def _serve(
    args: argparse.Namespace, package: HostPackage, tools: Sequence[ToolSpec], build: Any
) -> int:
    from aerpc.runtime import Server

    contract = package.contract
    server = Server(
        LoggingHandlers(contract),
        contract=contract,
        bind_host=args.bind_host,
        port=args.port,
        token=os.environ.get("AERPC_TOKEN") or None,
        relay=True,
    )
    try:
        server.start()
    except OSError as exc:
        print(f"aerpc mcp: {exc}", file=sys.stderr)
        return 1
    try:
        print("aerpc mcp: start After Effects with this environment:", file=sys.stderr)
        for key, value in server.launch_env().items():
            print(f"{key}={value}", file=sys.stderr)
        sys.stderr.flush()
        asyncio.run(_run_stdio(server.host, package, tools, build))
    finally:
        server.stop()
    return 0
