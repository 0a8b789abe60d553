"""``aerpc simulate``: the simulated After Effects (the panel in node, on a simulated project),
with no After Effects installed.

Alone it also starts a relaying server, as ``aerpc serve`` would, and prints the lines that point
``aerpc call``, ``hosts``, ``shell`` and ``mcp`` at it. With ``--url`` and ``--token`` (or
``AERPC_URL``/``AERPC_TOKEN``) it connects to a server already running instead, as After
Effects would when started with the pipeline's launch environment. It runs until Ctrl-C.
Exit codes: 0 stopped; 1 node, the panel or the server could not start (one line says why).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from aerpc.runtime.address import ws_url
from aerpc.runtime.contract import Contract
from aerpc.runtime.server import Server
from aerpc.testing.simulator import PanelStartError, SimulatedPanel, panel_env

from .serve import LoggingHandlers, banner_lines

__all__ = ["simulate_main"]

PROG = "aerpc simulate"
WAIT = 20.0
"""Seconds the panel has to start and say hello."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Run the simulated After Effects until Ctrl-C: with a server of its own "
        "(whose address and token it prints), or connected to --url/--token.",
    )
    parser.add_argument(
        "--project",
        default="demo",
        help="the simulated project: demo (comps, footage, layers; the default), empty, or a "
        "JSON file in the simulator's project format",
    )
    parser.add_argument("--url", help="a running server to connect to (default: $AERPC_URL)")
    parser.add_argument("--token", help="its token (default: $AERPC_TOKEN)")
    parser.add_argument(
        "--port", type=int, default=0, help="the port of the server it starts (default: any free)"
    )
    parser.add_argument("--work-dir", type=Path, help="where the simulated project saves files")
    return parser


def simulate_main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(list(argv))
    logging.basicConfig(level=logging.WARNING, format="%(name)s %(levelname)s %(message)s")
    url = args.url or os.environ.get("AERPC_URL")
    token = args.token or os.environ.get("AERPC_TOKEN")
    if url and not token:
        print(f"{PROG}: --url needs --token (or AERPC_TOKEN)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="aerpc-simulate-") as tmp:
        work = args.work_dir or Path(tmp)
        if url and token:
            try:
                url = ws_url(url)
            except ValueError as exc:
                print(f"{PROG}: {exc}", file=sys.stderr)
                return 2
            return _run_panel(args.project, work, {"AERPC_URL": url, "AERPC_TOKEN": token}, None)
        return _with_server(args.project, work, args.port)


def _with_server(project: str, work: Path, port: int) -> int:
    contract = Contract.from_package("aerpc.aftereffects")
    server = Server(LoggingHandlers(contract), contract=contract, port=port, relay=True)
    try:
        server.start()
    except OSError as exc:
        print(f"{PROG}: cannot start the server: {exc.strerror or exc}", file=sys.stderr)
        return 1
    try:
        return _run_panel(project, work, server.launch_env(), server)
    finally:
        server.stop()


def _run_panel(project: str, work: Path, launch: dict[str, str], server: Server | None) -> int:
    args = ["--sim-project", project, "--work-dir", str(work)]
    try:
        panel = SimulatedPanel(args, panel_env(launch), timeout=WAIT, name="aerpc-simulate")
    except PanelStartError as exc:
        print(
            f"{PROG}: the simulated After Effects did not start: {_first_line(exc)}",
            file=sys.stderr,
        )
        return 1
    try:
        if server is not None:
            try:
                server.wait_for_host(timeout=WAIT)
            except Exception as exc:
                print(f"{PROG}: the simulated panel did not connect: {exc}", file=sys.stderr)
                return 1
            print(f"simulated After Effects ({project} project) connected to {server.url}")
            print("set these where you run aerpc call, hosts, shell or mcp:")
            for line in banner_lines(server.url, server.token):
                print(line)
        else:
            print(
                f"simulated After Effects ({project} project) connecting to {launch['AERPC_URL']}"
            )
        print("Ctrl-C stops it.", flush=True)
        threading.Event().wait()  # until Ctrl-C
    except KeyboardInterrupt:
        pass
    finally:
        panel.stop()
    return 0


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]
