"""The `aerpc` command line from an install: its table of commands, lint and generate on a schema
the user keeps anywhere, and no jinja2 needed outside `generate`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aerpc.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schema" / "aftereffects.openrpc.json"


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name, command in COMMANDS.items():
        assert f"  {name}" in out
        assert command.help in out
    assert main([]) == 2
    assert "usage: aerpc" in capsys.readouterr().err


def test_an_unknown_command_lists_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frobnicate"]) == 2
    assert f"unknown command 'frobnicate'; one of: {', '.join(COMMANDS)}" in capsys.readouterr().err


def test_lint_and_generate_have_no_repository_defaults(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["lint"]) == 2
    assert "aerpc lint: name the schema file" in capsys.readouterr().err
    assert main(["generate", str(SCHEMA)]) == 2
    assert "aerpc generate: name the output folder (--out DIR)" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_generate_from_a_schema_kept_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schema = tmp_path / "mine" / "studio.openrpc.json"
    schema.parent.mkdir()
    shutil.copyfile(SCHEMA, schema)
    out = tmp_path / "out"
    assert main(["lint", str(schema)]) == 0
    assert main(["generate", str(schema), "--out", str(out)]) == 0
    assert f"wrote {out / 'generated/aerpc/studio/clients.py'}" in capsys.readouterr().out
    clients = (out / "generated/aerpc/studio/clients.py").read_text(encoding="utf-8")
    assert "Generated from studio.openrpc.json" in " ".join(clients.split()[:12])
    assert (out / "generated/cep/aerpc-panel.js").is_file()
    assert main(["generate", str(schema), "--out", str(out), "--check"]) == 0


_WITHOUT_JINJA2 = "import sys; sys.modules['jinja2'] = None\n"


def _python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _WITHOUT_JINJA2 + code, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_runtime_imports_need_no_jinja2() -> None:
    proc = _python(
        "import aerpc.runtime, aerpc.aftereffects, aerpc.testing.simulator, aerpc.cli.cep\n"
        "from aerpc import aftereffects\n"
        "aftereffects.server(handlers=None)\n"
        "assert 'jinja2' not in [m for m in sys.modules if sys.modules[m] is not None]\n"
    )
    assert proc.returncode == 0, proc.stderr


def test_generate_without_jinja2_names_the_extra(tmp_path: Path) -> None:
    proc = _python(
        "from aerpc.cli import main; raise SystemExit(main(sys.argv[1:]))",
        "generate",
        str(SCHEMA),
        "--out",
        str(tmp_path),
    )
    assert proc.returncode == 2
    assert "aerpc generate needs the codegen extra" in proc.stderr
    assert "pip install 'aerpc[codegen]'" in proc.stderr
