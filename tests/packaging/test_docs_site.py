"""The documentation site as a reader opens it (`mkdocs build --strict`, what `make docs` runs):
the first page leads to a getting-started page, no page points readers to a file the site does
not have, and the sidebar wraps the API reference's long method names."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_site_starts_with_getting_started_and_wraps_long_names(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--quiet",
            "--site-dir",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert 'href="getting-started/"' in index
    assert "README" not in index
    started = (tmp_path / "getting-started" / "index.html").read_text(encoding="utf-8")
    assert "aerpc simulate" in started
    api = (tmp_path / "api" / "index.html").read_text(encoding="utf-8")
    assert "css/aerpc.css" in api
    css = (tmp_path / "css" / "aerpc.css").read_text(encoding="utf-8")
    assert re.search(r"\.bs-sidebar[^{]*\{[^}]*overflow-wrap:\s*anywhere", css)
