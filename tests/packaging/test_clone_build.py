"""Building the wheel from a fresh clone, as a user types it (`pip wheel .`): without
`npm ci` it stops with one line saying to run it, not the build backend's traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git to clone the tree")
def test_a_clone_without_npm_ci_says_to_run_it_in_one_line(tmp_path: Path) -> None:
    clone = tmp_path / "aerpc"
    subprocess.run(
        ["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)],
        check=True,
        timeout=120,
        capture_output=True,
    )
    assert not (clone / "node_modules").exists()
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), "."],
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output
    ours = [line for line in output.splitlines() if "aerpc wheel:" in line]
    assert len(ours) == 1, output
    assert "run `npm ci` in the clone first" in ours[0]
