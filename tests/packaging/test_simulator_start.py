"""`SimulatedPanel` fails at once, with node's own words, when node or the panel script cannot
start; and names the node version it needs when node is missing or too old."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from aerpc.testing.simulator import PanelStartError, SimulatedPanel, simulator_missing

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="needs node")


def _path_with_node(tmp_path: Path, version: str) -> str:
    """A PATH whose `node` prints ``version`` and exits (a stand-in for an old install)."""
    node = tmp_path / "bin" / "node"
    node.parent.mkdir()
    node.write_text(f"#!/bin/sh\necho {version}\n", encoding="utf-8")
    node.chmod(node.stat().st_mode | stat.S_IXUSR)
    return f"{node.parent}{os.pathsep}{os.environ['PATH']}"


def test_a_script_that_exits_at_start_raises_with_its_stderr() -> None:
    with pytest.raises(PanelStartError) as caught:
        SimulatedPanel(["--no-such-flag"], timeout=20)
    message = str(caught.value)
    assert "exited with code 64 before it started" in message
    assert "unknown argument --no-such-flag" in message


def test_node_too_old_names_the_minimum(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", _path_with_node(tmp_path, "v18.19.0"))
    with pytest.raises(PanelStartError, match=r"node v18\.19\.0 .* too old .* node 20 or later"):
        SimulatedPanel([], timeout=20)
    assert "node 20 or later" in (simulator_missing() or "")


def test_no_node_on_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(PanelStartError, match=r"node is not on PATH.*node 20 or later"):
        SimulatedPanel([], timeout=20)
