"""`make ae-selftest`: the self-test file runs in the simulated After Effects (the strict
ExtendScript realm) as a user runs it from File > Scripts > Run Script File, passes there, and
reports a broken host method as failed."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNNER = Path(__file__).with_name("run_selftest.js")
SCHEMA = json.loads((ROOT / "schema/aftereffects.openrpc.json").read_text(encoding="utf-8"))
HOST_METHODS = {m["name"] for m in SCHEMA["methods"] if m.get("x-served-by") == "host"}
# What the self-test must not run: `close` quits After Effects; panel methods have no host side.
SKIPPED = {"close", "get_extension_version"}

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not on PATH")


def load(name: str, relative: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / relative)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_builder() -> ModuleType:
    return load("aerpc_selftest_build", "runtime/cep/selftest/build_selftest.py")


def run_selftest(tmp_path: Path, source: str, project: str = "demo") -> dict[str, Any]:
    script = tmp_path / "aerpc-selftest.jsx"
    script.write_text(source, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    proc = subprocess.run(
        ["node", str(RUNNER), str(script), str(work), project],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    outcome: dict[str, Any] = json.loads(proc.stdout)
    return outcome


def statuses(outcome: dict[str, Any]) -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {}
    for r in outcome["report"]["results"]:
        seen.setdefault(r["method"], set()).add(r["status"])
    return seen


def test_the_selftest_passes_on_the_simulated_demo_project(tmp_path: Path) -> None:
    outcome = run_selftest(tmp_path, load_builder().selftest_script())
    report = outcome["report"]
    failures = [r for r in report["results"] if r["status"] == "FAILED"]
    assert failures == []
    seen = statuses(outcome)
    assert {m for m, s in seen.items() if s == {"SKIPPED"}} == SKIPPED
    assert {m for m, s in seen.items() if "OK" in s} >= HOST_METHODS - SKIPPED
    phases = {(r["method"], r["phase"]) for r in report["results"]}
    assert ("get_items", "open project") in phases, "read-only methods ran on the open project"
    assert ("import_file", "scratch project") in phases, "writing methods ran on the scratch one"
    writes = {"import_file", "imprint", "render"}
    assert not any(p == "open project" and m in writes for m, p in phases)
    # The readable report: file, console, alert; the user's project is open again, unchanged.
    text = Path(report["path"]).read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("aerpc 0.1.0 self-test in After Effects 25.2x4")
    assert re.search(r"^OK +get_layers +open project", text, re.MULTILINE)
    assert outcome["alerts"][-1].startswith(f"aerpc self-test: {report['summary']}")
    assert outcome["projectAfter"] == outcome["projectBefore"] is not None
    assert outcome["undoDepth"] == 0


def test_the_selftest_says_whether_render_events_came_during_render(tmp_path: Path) -> None:
    outcome = run_selftest(tmp_path, load_builder().selftest_script())
    (row,) = [r for r in outcome["report"]["results"] if r["method"] == "(render events)"]
    assert row["status"] == "OK", row
    assert "onStatusChanged reported rendering, done during render()" in row["detail"]
    assert "dispatched through PlugPlugExternalObject: yes" in row["detail"]
    assert row["detail"].endswith("render_finished:done)")


def test_an_untitled_open_project_is_read_and_left_alone(tmp_path: Path) -> None:
    outcome = run_selftest(tmp_path, load_builder().selftest_script(), project="empty")
    results = outcome["report"]["results"]
    assert [r for r in results if r["status"] == "FAILED"] == []
    untitled = [r for r in results if r["method"] == "get_active_document_name"]
    assert untitled[0]["detail"].startswith("declared error NoDocumentOpen")
    assert outcome["projectAfter"] is None


def test_a_broken_host_method_is_reported_failed(tmp_path: Path) -> None:
    source = load_builder().selftest_script()
    broken, count = re.subn(
        r"(getLayers\s*(?:=\s*function\s*)?\(params\)\s*\{)",
        r'\1 throw new Error("deliberately broken");',
        source,
    )
    assert count == 1, "the host function get_layers calls was not found in the built self-test"
    outcome = run_selftest(tmp_path, broken)
    failed = [r for r in outcome["report"]["results"] if r["status"] == "FAILED"]
    assert {r["method"] for r in failed} == {"get_layers"}
    assert all("deliberately broken" in r["detail"] for r in failed)
    assert outcome["report"]["failed"] == len(failed) == 2, "open and scratch project"
    assert "failed" in outcome["alerts"][-1]
    assert re.search(r"^FAILED +get_layers .*deliberately broken", outcome["report"]["text"], re.M)


def test_a_method_the_selftest_does_not_know_is_reported_failed(tmp_path: Path) -> None:
    source = load_builder().selftest_script()
    plan_marker = '"hostMethods": ['
    assert source.count(plan_marker) == 1
    outcome = run_selftest(tmp_path, source.replace(plan_marker, plan_marker + '"new_method", '))
    failed = [r for r in outcome["report"]["results"] if r["status"] == "FAILED"]
    assert [(r["method"], r["detail"]) for r in failed] == [
        ("new_method", "not exercised by the self-test (a method new in the schema?)")
    ]


def test_make_cep_bundles_the_selftest_and_the_startup_script(tmp_path: Path) -> None:
    module = load("aerpc_cep_build", "runtime/cep/build.py")
    archive = module.archive(module.build(tmp_path / "aerpc.cep"))
    with zipfile.ZipFile(archive) as zf:
        selftest = zf.read("aerpc.cep/aerpc-selftest.jsx").decode("utf-8")
        startup = zf.read("aerpc.cep/startup/aerpc-open-panel.jsx").decode("utf-8")
    assert selftest == load_builder().selftest_script()
    source = ROOT / "runtime/cep/startup/aerpc-open-panel.jsx"
    assert startup == source.read_text(encoding="utf-8")
    assert module.host_script() in selftest, "the panel's ExtendScript, unchanged"
