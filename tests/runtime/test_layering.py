"""The runtime knows no schema: importing it (every module of it) loads no generated package."""

from __future__ import annotations

import subprocess
import sys

MODULES = [
    "aerpc.runtime",
    "aerpc.runtime.server",
    "aerpc.runtime.client",
    "aerpc.runtime.host",
    "aerpc.runtime.peer",
    "aerpc.runtime.pending",
    "aerpc.runtime.relay",
    "aerpc.runtime.remote",
    "aerpc.testing.fake_panel",
    "aerpc.testing.simulator",
    "aerpc.cli.serve",
]


def test_the_runtime_does_not_import_the_after_effects_package() -> None:
    code = (
        f"import importlib, sys\nfor m in {MODULES!r}: importlib.import_module(m)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('aerpc.aftereffects'))\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr


def test_the_generated_package_binds_its_contract_to_the_runtime() -> None:
    from aerpc import aftereffects

    server = aftereffects.server(port=0)
    assert server.contract is aftereffects.CONTRACT
    client = aftereffects.client("ws://127.0.0.1:1/ws", "t" * 16)
    assert client.contract is aftereffects.CONTRACT
