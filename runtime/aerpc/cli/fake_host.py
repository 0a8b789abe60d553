"""``aerpc fake-host``: another host application's extension run in node with a fake host, so
that a pipeline for that host runs and is tested with no Adobe software (docs/another-host.md).

``aerpc fake-host --extension DIR``                      an extension ``aerpc cep build --schema``
                                                         wrote
``aerpc fake-host --schema S --host-lib PATH...``        built first, into a temporary folder

It connects to ``--url``/``--token`` (default ``AERPC_URL``/``AERPC_TOKEN``) and serves the host
methods from the host library, in node (``runtime/cep/node/run-fake-host.js``), until Ctrl-C.
Exit codes: 0 stopped; 1 it could not build or start; 2 bad arguments, or the server refused it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from aerpc.runtime import assets

__all__ = ["fake_host_main"]

PROG = "aerpc fake-host"
RUNNER = Path("runtime") / "cep" / "node" / "run-fake-host.js"
STOP_WAIT = 10.0
"""Seconds node has to close its socket once asked to stop."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Serve another host application's methods from its host library, in node "
        "with a fake host, connected to a server, until Ctrl-C.",
    )
    parser.add_argument("--extension", type=Path, help="an extension `aerpc cep build` wrote")
    parser.add_argument("--schema", type=Path, help="or build one: the host application's schema")
    parser.add_argument(
        "--host-lib",
        type=Path,
        action="append",
        default=[],
        help="with --schema: a host library file, or a folder of .jsx files (repeatable)",
    )
    parser.add_argument("--url", help="the server to connect to (default: $AERPC_URL)")
    parser.add_argument("--token", help="its token (default: $AERPC_TOKEN)")
    parser.add_argument("--app", help="the application id the host says it is (default: the first)")
    parser.add_argument(
        "--app-version", help="its version (default: the lowest the manifest names)"
    )
    parser.add_argument(
        "--call",
        action="append",
        default=[],
        metavar="METHOD=JSON",
        help="once connected, call the pipeline's METHOD with these params (repeatable)",
    )
    return parser


def fake_host_main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(list(argv))
    url = args.url or os.environ.get("AERPC_URL")
    token = args.token or os.environ.get("AERPC_TOKEN")
    problem = _argument_problem(args, url, token)
    if problem is not None:
        print(f"{PROG}: {problem}", file=sys.stderr)
        return 2
    node_problem = assets.node_problem()
    if node_problem is not None:
        print(f"{PROG}: {node_problem}", file=sys.stderr)
        return 1
    if args.extension is not None:
        return _run(args, args.extension, str(url), str(token))
    from .cep import cep_main

    with tempfile.TemporaryDirectory(prefix="aerpc-fake-host-") as tmp:
        extension = Path(tmp) / "extension"
        build = ["build", "--schema", str(args.schema), "--out", str(extension)]
        for path in args.host_lib:
            build += ["--host-lib", str(path)]
        with _quiet():
            status = cep_main(build)  # says itself, in one line, what it could not build
        if status != 0:
            return 1
        return _run(args, extension, str(url), str(token))


def _argument_problem(args: argparse.Namespace, url: str | None, token: str | None) -> str | None:
    if (args.extension is None) == (args.schema is None):
        return "give the extension (--extension DIR) or its schema (--schema S --host-lib PATH)"
    if args.schema is not None and not args.host_lib:
        return "--schema needs the host library: --host-lib FILE_OR_FOLDER"
    if args.extension is not None and not (args.extension / "CSXS" / "manifest.xml").is_file():
        return f"{args.extension} is not an extension folder (no CSXS/manifest.xml)"
    if not url or not token:
        return "name the server: --url and --token (or AERPC_URL and AERPC_TOKEN)"
    return None


class _quiet:
    """Send the build's report to stderr: stdout says only what the fake host does."""

    def __enter__(self) -> None:
        self._stdout = sys.stdout
        sys.stdout = sys.stderr

    def __exit__(self, *exc: object) -> None:
        sys.stdout = self._stdout


def _run(args: argparse.Namespace, extension: Path, url: str, token: str) -> int:
    node = shutil.which("node")
    assert node is not None  # node_problem() said it is there
    command = [node, str(assets.ROOT / RUNNER), "--extension", str(extension)]
    command += ["--url", url, "--token", token]
    if args.app:
        command += ["--app", args.app]
    if args.app_version:
        command += ["--app-version", args.app_version]
    for call in args.call:
        command += ["--call", call]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL)

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    print(f"fake host for {extension} connecting to {url}; Ctrl-C stops it", flush=True)
    try:
        status = process.wait()
    except KeyboardInterrupt:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_WAIT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_WAIT)
        return 0
    finally:
        signal.signal(signal.SIGTERM, previous)
    if status == 64:
        return 2
    return 0 if status == 0 else (2 if status == 2 else 1)
