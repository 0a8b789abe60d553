"""`make demo` as a user runs it: the demo script end to end, in its own process.

The demo starts a server, the simulated After Effects (the generated panel in node) and the
example plugins; this test checks that it exits 0, prints its table and summary, and writes
nothing to stderr (no log noise).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None or not (ROOT / "node_modules" / "ws").is_dir(),
    reason="needs node and node_modules (make setup)",
)


def test_the_demo_runs_every_example_and_prints_a_clean_summary() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "demo.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    out = done.stdout
    header = next(line for line in out.splitlines() if line.lstrip().startswith("#"))
    assert header.split()[:5] == ["#", "direction", "call", "params", "result"]
    rows = [line for line in out.splitlines() if re.match(r"\s*\d+\s+(AE|py) ", line)]
    methods = {row.split()[4] for row in rows}  # "<n>  AE → py  <method> ..."
    assert {"get_items", "import_file", "imprint", "get_metadata", "render"} <= methods
    assert re.search(r"^\d+ calls into After Effects in \d+ ms", out, re.M)
    assert "read back intact" in out
    assert re.search(r"\b1 render output\(s\) written", out)
