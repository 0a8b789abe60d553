"""Generation: golden files for a fixture schema using every supported keyword, determinism, and
`aerpc generate --check` naming each drifted file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from aerpc.codegen.cli import build, main, targets
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


def test_output_is_deterministic() -> None:
    assert _render_everything() == _render_everything()
    api, _ = build(SCHEMA, root=ROOT)
    assert api is not None
    first = render_outputs(api, targets(), root=ROOT)
    second = render_outputs(api, targets(), root=ROOT)
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
    assert "run `make generate`" in err
    assert main(["--root", str(tmp_path), "generate"]) == 0
    assert main(["--root", str(tmp_path), "generate", "--check"]) == 0
