"""The old import paths and names of the moved modules still work for one release, each import
path with a DeprecationWarning that names the new one (docs/architecture.md, "Where things
live")."""

from __future__ import annotations

import subprocess
import sys

import pytest

MOVED = [
    ("aerpc.runtime.testing", "HostPeer", "aerpc.testing", "FakePanel"),
    ("aerpc.runtime.simulator", "SimulatedPanel", "aerpc.testing.simulator", "SimulatedPanel"),
    ("aerpc.runtime.cli", "serve_main", "aerpc.cli.serve", "serve_main"),
    ("aerpc.mcp.cli", "offered", "aerpc.cli.mcp", "offered"),
    ("aerpc.codegen.cli", "build", "aerpc.codegen.build", "build"),
    ("aerpc.codegen.cli", "generate_main", "aerpc.cli.generate", "generate_main"),
    ("aerpc.render.cli", "render_main", "aerpc.cli.render", "render_main"),
]

CHECK = """
import importlib, sys, warnings
old, old_name, new, new_name = sys.argv[1:]
with warnings.catch_warnings(record=True) as seen:
    warnings.simplefilter("always")
    module = importlib.import_module(old)
moved = [w for w in seen if issubclass(w.category, DeprecationWarning) and new in str(w.message)]
assert moved, [str(w.message) for w in seen]
assert getattr(module, old_name) is getattr(importlib.import_module(new), new_name)
"""


@pytest.mark.parametrize(("old", "old_name", "new", "new_name"), MOVED)
def test_an_old_path_warns_and_gives_the_moved_object(
    old: str, old_name: str, new: str, new_name: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK, old, old_name, new, new_name],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_the_old_names_are_the_renamed_classes() -> None:
    from aerpc import runtime
    from aerpc.runtime import protocol

    assert runtime.Client is runtime.ToolPeer
    assert runtime.Limits is runtime.ServerLimits
    assert protocol.Limits is protocol.HelloLimits
