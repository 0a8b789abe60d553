"""The example tool runs against the simulated After Effects and renders its screenshot; the
wheel's metadata asks for Qt only under the `qt` extra."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import requires
from pathlib import Path

from .conftest import MISSING, WAIT

ROOT = Path(__file__).resolve().parents[2]


def test_the_example_tool_lists_comps_and_renders_a_screenshot(tmp_path: Path) -> None:
    assert MISSING is None, MISSING
    shot = tmp_path / "qt-tool.png"
    run = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "qt_tool.py"), "--screenshot", str(shot)],
        capture_output=True,
        text=True,
        timeout=WAIT * 2,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_qt_is_only_an_optional_dependency() -> None:
    declared = requires("aerpc") or []
    qt_names = ("qtpy", "pyside", "pyqt", "qasync", "pytest-qt")
    core = [r for r in declared if "extra ==" not in r]
    assert not [r for r in core if r.lower().startswith(qt_names)], core
    assert any(
        r.startswith("qtpy") and r.replace("'", '"').endswith('extra == "qt"') for r in declared
    ), declared
