"""`make cep`: the extension folder and zip hold what After Effects loads, nothing stale."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_manifest_targets_after_effects() -> None:
    tree = ET.parse(ROOT / "runtime/cep/CSXS/manifest.xml")
    hosts = [h.get("Name") for h in tree.iter("Host")]
    assert hosts == ["AEFT"]
    paths = {e.tag: e.text for e in tree.iter() if e.tag in ("MainPath", "ScriptPath")}
    assert paths == {"MainPath": "./index.html", "ScriptPath": "./jsx/aerpc.jsx"}


def test_build_produces_folder_and_zip(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "runtime/cep/build.py")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    zips = sorted((ROOT / "dist").glob("aerpc-cep-*.zip"))
    assert zips, proc.stdout
    with zipfile.ZipFile(zips[-1]) as zf:
        names = set(zf.namelist())
        jsx = zf.read("aerpc.cep/jsx/aerpc.jsx").decode("utf-8")
        html = zf.read("aerpc.cep/index.html").decode("utf-8")
    assert {
        "aerpc.cep/CSXS/manifest.xml",
        "aerpc.cep/index.html",
        "aerpc.cep/cep-bridge.js",
        "aerpc.cep/js/aerpc-panel.js",
        "aerpc.cep/jsx/aerpc.jsx",
    } <= names
    assert jsx.index("__aerpc_dispatch") < jsx.index("// ---- runtime/cep/host/")
    for host_file in sorted((ROOT / "runtime/cep/host").glob("*.jsx")):
        assert f"// ---- runtime/cep/host/{host_file.name}" in jsx
    assert 'data-extension-version="0.1.0"' in html
    assert (ROOT / "generated/cep/aerpc-panel.js").read_text(encoding="utf-8") == (
        ROOT / "dist/aerpc.cep/js/aerpc-panel.js"
    ).read_text(encoding="utf-8")
