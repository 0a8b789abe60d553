"""Generation: golden files for a fixture schema using every supported keyword, determinism, and
`aerpc generate --check` naming each drifted file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aerpc.cli import main
from aerpc.codegen.build import build
from aerpc.codegen.python_target import python_outputs
from aerpc.codegen.render import render_outputs

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schema" / "aftereffects.openrpc.json"
FIXTURES = ROOT / "tests" / "fixtures" / "codegen"
GOLDEN = FIXTURES / "golden"
EVERYTHING = FIXTURES / "everything.openrpc.json"


def _render_everything() -> dict[str, str]:
    api, problems = build(EVERYTHING, root=ROOT)
    assert api is not None, problems
    rendered = render_outputs(api, [python_outputs], root=ROOT)
    return {Path(r.path).name: r.text for r in rendered if r.path.endswith(".py")}


def test_golden_files() -> None:
    rendered = _render_everything()
    if os.environ.get("AERPC_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        for name, text in rendered.items():
            (GOLDEN / (name + ".txt")).write_text(text, encoding="utf-8")
    for name, text in rendered.items():
        golden = GOLDEN / (name + ".txt")
        assert golden.is_file(), f"no golden file for {name}: run with AERPC_UPDATE_GOLDEN=1"
        assert text == golden.read_text(encoding="utf-8"), (
            f"{name} differs from its golden file; review, then AERPC_UPDATE_GOLDEN=1"
        )


_RENDER_ALL = """
import hashlib, json, sys
from pathlib import Path
from aerpc.codegen.build import build, targets
from aerpc.codegen.render import render_outputs
root = Path(sys.argv[1])
digests = {}
for schema in sys.argv[2:]:
    api, problems = build(Path(schema), root=root)
    assert api is not None, problems
    for r in render_outputs(api, targets(), root=root):
        digests[schema + ":" + r.path] = hashlib.sha256(r.text.encode()).hexdigest()
print(json.dumps(digests, sort_keys=True))
"""


def _render_in_subprocess(hash_seed: str) -> dict[str, str]:
    """Every generated file's digest, rendered by a fresh interpreter with ``PYTHONHASHSEED``."""
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", _RENDER_ALL, str(ROOT), str(SCHEMA), str(EVERYTHING)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    digests: dict[str, str] = json.loads(done.stdout)
    return digests


def test_output_is_deterministic() -> None:
    """The same files whatever the hash seed (set and dict orders differ between the two)."""
    first = _render_in_subprocess("1")
    second = _render_in_subprocess("2")
    assert len(first) > 20
    assert first == second


def test_committed_files_match_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(ROOT), "generate", "--check"]) == 0, capsys.readouterr().err


def test_check_names_each_drifted_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for part in ("schema", "generated", "docs"):
        shutil.copytree(ROOT / part, tmp_path / part)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    assert main(["--root", str(tmp_path), "generate", "--check"]) == 0
    capsys.readouterr()
    schema = tmp_path / "schema" / "aftereffects.openrpc.json"
    schema.write_text(
        schema.read_text(encoding="utf-8").replace(
            "List the layers of a composition.", "List every layer of a composition."
        ),
        encoding="utf-8",
    )
    assert main(["--root", str(tmp_path), "generate", "--check"]) == 1
    err = capsys.readouterr().err
    assert "generated/aerpc/aftereffects/clients.py: differs" in err
    assert "docs/api.md: differs" in err
    assert "`make generate`" in err
    assert main(["--root", str(tmp_path), "generate"]) == 0
    assert main(["--root", str(tmp_path), "generate", "--check"]) == 0
