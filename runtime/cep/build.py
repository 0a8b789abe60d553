"""`make cep`: build the installable CEP extension under dist/.

dist/aerpc.cep/ gets the manifest, index.html, the bridge, the generated panel script and one
ExtendScript file (the generated dispatcher, then every host library file in name order, the
same order the node harness loads them in); dist/aerpc-cep-<version>.zip holds that folder.
An unsigned extension loads in After Effects once PlayerDebugMode is set (see README).
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CEP = ROOT / "runtime" / "cep"
GENERATED = ROOT / "generated" / "cep"
DIST = ROOT / "dist"


def extension_version(manifest: Path) -> str:
    match = re.search(r'ExtensionBundleVersion="([^"]+)"', manifest.read_text(encoding="utf-8"))
    if match is None:
        raise SystemExit(f"{manifest}: no ExtensionBundleVersion")
    return match.group(1)


def host_script() -> str:
    parts = [GENERATED / "aerpc-host.jsx", *sorted((CEP / "host").glob("*.jsx"))]
    return "\n".join(
        f"// ---- {p.relative_to(ROOT).as_posix()}\n{p.read_text(encoding='utf-8')}" for p in parts
    )


def add_user_scripts(out: Path) -> None:
    """The scripts a user runs in After Effects itself: the self-test (README) and the start-up
    script that opens the panel (docs/cep.md, "Starting without a click")."""
    spec = importlib.util.spec_from_file_location(
        "aerpc_selftest_build", CEP / "selftest" / "build_selftest.py"
    )
    if spec is None or spec.loader is None:
        raise SystemExit("cannot load runtime/cep/selftest/build_selftest.py")
    selftest = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(selftest)
    (out / "aerpc-selftest.jsx").write_text(str(selftest.selftest_script()), encoding="utf-8")
    (out / "startup").mkdir()
    shutil.copy2(CEP / "startup" / "aerpc-open-panel.jsx", out / "startup" / "aerpc-open-panel.jsx")


def build(out: Path) -> Path:
    """Write the extension folder at ``out`` (replacing what was there); returns ``out``."""
    version = extension_version(CEP / "CSXS" / "manifest.xml")
    shutil.rmtree(out, ignore_errors=True)
    (out / "CSXS").mkdir(parents=True)
    (out / "js").mkdir()
    (out / "jsx").mkdir()
    shutil.copy2(CEP / "CSXS" / "manifest.xml", out / "CSXS" / "manifest.xml")
    shutil.copy2(CEP / "cep-bridge.js", out / "cep-bridge.js")
    html = (CEP / "index.html").read_text(encoding="utf-8")
    html = html.replace('<html lang="en">', f'<html lang="en" data-extension-version="{version}">')
    (out / "index.html").write_text(html, encoding="utf-8")
    shutil.copy2(GENERATED / "aerpc-panel.js", out / "js" / "aerpc-panel.js")
    (out / "jsx" / "aerpc.jsx").write_text(host_script(), encoding="utf-8")
    add_user_scripts(out)
    return out


def archive(folder: Path) -> Path:
    """Zip ``folder`` as ``aerpc-cep-<version>.zip`` next to it."""
    version = extension_version(folder / "CSXS" / "manifest.xml")
    zipped = folder.parent / f"aerpc-cep-{version}.zip"
    zipped.unlink(missing_ok=True)
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, Path(folder.name) / path.relative_to(folder))
    return zipped


def main() -> int:
    folder = build(DIST / "aerpc.cep")
    zipped = archive(folder)
    print(f"built {zipped.relative_to(ROOT)} and {folder.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
