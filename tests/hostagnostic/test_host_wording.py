"""`aerpc generate` of another host's schema, run as a user runs it: the package is named after
the file (``my-host.openrpc.json`` → ``aerpc.my_host``, or a clear refusal), and nothing it
writes speaks of After Effects, of AYON's migration or of the source tree's `make`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import FIXTURE, WAIT

AFTER_EFFECTS_WORDS = (
    "After Effects",
    "AfterEffects",
    "ae.",
    "AYON",
    "ayon",
    "make generate",
    "make cep",
)


def _aerpc(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "aerpc.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=3 * WAIT,
        check=False,
    )


def test_another_host_s_package_is_named_by_its_file_and_never_says_after_effects(
    tmp_path: Path,
) -> None:
    schema = tmp_path / "my-host.openrpc.json"
    shutil.copy(FIXTURE / "photoshop.openrpc.json", schema)
    done = _aerpc("generate", str(schema), "--out", "build", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    package = tmp_path / "build" / "generated" / "aerpc" / "my_host"
    assert (package / "clients.py").is_file()
    written = [p for p in (tmp_path / "build").rglob("*") if p.is_file()]
    assert not (tmp_path / "build" / "docs" / "migration.md").exists()
    for path in written:
        text = path.read_text(encoding="utf-8")
        found = [w for w in AFTER_EFFECTS_WORDS if w in text]
        assert not found, f"{path.relative_to(tmp_path)} says {found}"
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "build" / "generated")}
    imported = subprocess.run(
        [sys.executable, "-c", "import aerpc.my_host as m; print(m.CONTRACT.host_name)"],
        env=env,
        capture_output=True,
        text=True,
        timeout=3 * WAIT,
        check=False,
    )
    assert imported.stdout == "photoshop\n", imported.stderr


def test_a_file_name_python_cannot_import_is_refused_in_one_line(tmp_path: Path) -> None:
    schema = tmp_path / "3d-host.openrpc.json"
    shutil.copy(FIXTURE / "photoshop.openrpc.json", schema)
    done = _aerpc("generate", str(schema), "--out", "build", cwd=tmp_path)
    assert done.returncode == 1
    assert (
        f"{schema}: the file name gives the package name aerpc.3d_host, which Python cannot "
        in (done.stderr)
    )
    assert not (tmp_path / "build").exists()
