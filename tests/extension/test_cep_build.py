"""`make cep`: the extension folder and zip hold what After Effects loads, nothing stale."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from tests.cep.conftest import cep_build

ROOT = Path(__file__).resolve().parents[2]


def test_manifest_targets_after_effects() -> None:
    tree = ET.parse(ROOT / "runtime/cep/CSXS/manifest.xml")
    hosts = [h.get("Name") for h in tree.iter("Host")]
    assert hosts == ["AEFT"]
    paths = {e.tag: e.text for e in tree.iter() if e.tag in ("MainPath", "ScriptPath")}
    assert paths == {"MainPath": "./index.html", "ScriptPath": "./jsx/aerpc.jsx"}


def test_build_writes_the_libraries_the_tables_and_one_extendscript_file(tmp_path: Path) -> None:
    build = cep_build()
    folder = build.build(tmp_path / "aerpc.cep")
    assert folder == tmp_path / "aerpc.cep"
    jsx = (folder / "jsx/aerpc.jsx").read_text(encoding="utf-8")
    assert jsx == build.host_script()
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert 'data-extension-version="0.1.0"' in html
    # The page loads the library in layer order, then the contract.
    scripts = [f"./js/aerpc/{name}" for name in build.PANEL_SCRIPTS] + ["./js/aerpc-panel.js"]
    positions = [html.index(f'<script src="{src}"></script>') for src in scripts]
    assert positions == sorted(positions)
    for src in scripts:
        assert (folder / src).is_file(), src
    for name in build.PANEL_SCRIPTS:
        built = folder / "js/aerpc" / name
        assert built.read_bytes() == (ROOT / "runtime/panel" / name).read_bytes()
    assert (folder / "js/aerpc-panel.js").read_bytes() == (
        ROOT / "generated/cep/aerpc-panel.js"
    ).read_bytes()
    # ExtendScript: the library first, then one scope with every host file and the tables last.
    order = [jsx.index(f"// ---- runtime/extendscript/{n}") for n in build.ES3_SCRIPTS]
    scope = jsx.index("(function () {\nvar __aerpc_json = __aerpc.json;")
    hosts = [
        jsx.index(f"// ---- runtime/cep/host/{p.name}")
        for p in sorted((ROOT / "runtime/cep/host").glob("*.jsx"))
    ]
    tables = jsx.index("// ---- generated/cep/aerpc-host.jsx")
    assert order == sorted(order)
    assert order[-1] < scope < min(hosts) <= max(hosts) < tables
    assert jsx.rstrip().endswith("}());")
    assert set(build.host_sources()) >= {ROOT / "generated/cep/aerpc-host.jsx"}


def test_make_cep_writes_the_folder_and_the_zip(tmp_path: Path) -> None:
    build = cep_build()
    zipped = build.archive(build.build(tmp_path / "aerpc.cep"))
    assert zipped == tmp_path / "aerpc-cep-0.1.0.zip"
    with zipfile.ZipFile(zipped) as zf:
        names = set(zf.namelist())
    assert {
        "aerpc.cep/CSXS/manifest.xml",
        "aerpc.cep/index.html",
        "aerpc.cep/cep-bridge.js",
        "aerpc.cep/js/aerpc-panel.js",
        "aerpc.cep/js/aerpc/panel.js",
        "aerpc.cep/jsx/aerpc.jsx",
    } <= names
    proc = subprocess.run(
        [sys.executable, str(ROOT / "runtime/cep/build.py"), "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 2
    assert "usage" in proc.stderr
