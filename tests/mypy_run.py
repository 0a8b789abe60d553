"""mypy --strict over some files, with the project's configuration, for the typing tests.

mypy runs in a child process: run in the test process it leaves the interpreter changed (a raised
recursion limit, compiled modules' state), which broke later tests of deep values.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_mypy(paths: list[Path], *options: str) -> tuple[str, int]:
    """mypy's output (stdout and stderr) and exit status for ``paths``."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            *options,
            "--show-error-codes",
            "--no-error-summary",
            "--config-file",
            str(ROOT / "pyproject.toml"),
            *(str(p) for p in paths),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return done.stdout + done.stderr, done.returncode
