"""`make cep`: assemble the installable CEP extension under dist/ (docs/cep.md, "Assembly").

dist/aerpc.cep/ gets
  CSXS/manifest.xml, index.html (stamped with the extension's version), cep-bridge.js;
  js/aerpc/*.js     the hand-written panel library (runtime/panel/), loaded by index.html in order;
  js/aerpc-panel.js the schema's generated panel contract (it defines the page global Aerpc);
  jsx/aerpc.jsx     the one ExtendScript file the manifest's ScriptPath names (host_script()).
dist/aerpc-cep-<version>.zip holds that folder. The node harness (runtime/cep/node/) and the
browser test load this folder, so what they test is what After Effects loads. An unsigned
extension loads in After Effects once PlayerDebugMode is set (see README).

build_for_host() assembles the same layout for another host application's schema (`aerpc cep
build --schema`, docs/another-host.md): its generated tables, its host library, a manifest
naming its application ids and a page that only connects. In a wheel this file ships under
aerpc/_assets/runtime/cep/, beside the libraries it assembles.
"""

from __future__ import annotations

import html
import importlib.util
import re
import shutil
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CEP = ROOT / "runtime" / "cep"
PANEL_LIBRARY = ROOT / "runtime" / "panel"
ES3_LIBRARY = ROOT / "runtime" / "extendscript"
GENERATED = ROOT / "generated" / "cep"
DIST = ROOT / "dist"
EXTENSION = DIST / "aerpc.cep"

# The panel library's files in load order (index.html loads them in this order, then the
# generated contract).
PANEL_SCRIPTS = ("core.js", "queue.js", "bridge-evalscript.js", "panel.js", "events.js")
# The ES3 library in load order: the dispatcher makes the namespace __aerpc, the codec fills
# __aerpc.json, the events' emit side __aerpc.events.
ES3_SCRIPTS = ("aerpc-dispatch.jsx", "aerpc-json.jsx", "aerpc-events.jsx")

# The host library's scope: its names are bound to the namespace's, and are not globals.
_SCOPE_OPEN = """// ---- the host library's scope: its functions and variables are not globals
(function () {
var __aerpc_json = __aerpc.json;
var __aerpc_error = __aerpc.error;
var AerpcErrors = __aerpc.errors;
var __aerpc_events = __aerpc.events;
"""
_SCOPE_CLOSE = "}());\n"


def extension_version(manifest: Path) -> str:
    match = re.search(r'ExtensionBundleVersion="([^"]+)"', manifest.read_text(encoding="utf-8"))
    if match is None:
        raise SystemExit(f"{manifest}: no ExtensionBundleVersion")
    return match.group(1)


def _part(path: Path) -> str:
    label = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path.name
    return f"// ---- {label}\n{path.read_text(encoding='utf-8')}"


def host_sources() -> list[Path]:
    """Every file host_script() is made of, in order (for staleness checks)."""
    return [
        *(ES3_LIBRARY / name for name in ES3_SCRIPTS),
        *sorted((CEP / "host").glob("*.jsx")),
        GENERATED / "aerpc-host.jsx",
    ]


def host_script(host_library: Sequence[Path] | None = None, generated: Path = GENERATED) -> str:
    """The extension's ExtendScript: the ES3 library (global: __aerpc, __aerpc_dispatch,
    __aerpc_env), then one function scope holding every host library file (After Effects':
    runtime/cep/host/*.jsx in name order) and, last, the generated tables, which register the
    scope's host functions with the dispatcher."""
    files = sorted((CEP / "host").glob("*.jsx")) if host_library is None else host_library
    library = [_part(ES3_LIBRARY / name) for name in ES3_SCRIPTS]
    scoped = [_part(p) for p in files]
    scoped.append(_part(generated / "aerpc-host.jsx"))
    return "\n".join(library) + "\n" + _SCOPE_OPEN + "\n".join(scoped) + _SCOPE_CLOSE


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


def build(out: Path = EXTENSION) -> Path:
    """Write the extension folder at ``out`` (replacing what was there); returns ``out``."""
    version = extension_version(CEP / "CSXS" / "manifest.xml")
    shutil.rmtree(out, ignore_errors=True)
    (out / "CSXS").mkdir(parents=True)
    (out / "js" / "aerpc").mkdir(parents=True)
    (out / "jsx").mkdir()
    shutil.copy2(CEP / "CSXS" / "manifest.xml", out / "CSXS" / "manifest.xml")
    shutil.copy2(CEP / "cep-bridge.js", out / "cep-bridge.js")
    html = (CEP / "index.html").read_text(encoding="utf-8")
    html = html.replace('<html lang="en">', f'<html lang="en" data-extension-version="{version}">')
    (out / "index.html").write_text(html, encoding="utf-8")
    for name in PANEL_SCRIPTS:
        shutil.copy2(PANEL_LIBRARY / name, out / "js" / "aerpc" / name)
    shutil.copy2(GENERATED / "aerpc-panel.js", out / "js" / "aerpc-panel.js")
    (out / "jsx" / "aerpc.jsx").write_text(host_script(), encoding="utf-8")
    add_user_scripts(out)
    return out


# Another host's manifest: the After Effects one's layout, with its ids, name and host list.
_MANIFEST = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<ExtensionManifest Version="9.0" ExtensionBundleId="{bundle_id}" ExtensionBundleVersion="{version}"
                   ExtensionBundleName="{name}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <ExtensionList>
    <Extension Id="{bundle_id}.panel" Version="{version}"/>
  </ExtensionList>
  <ExecutionEnvironment>
    <HostList>
{hosts}
    </HostList>
    <LocaleList>
      <Locale Code="All"/>
    </LocaleList>
    <RequiredRuntimeList>
      <RequiredRuntime Name="CSXS" Version="9.0"/>
    </RequiredRuntimeList>
  </ExecutionEnvironment>
  <DispatchInfoList>
    <Extension Id="{bundle_id}.panel">
      <DispatchInfo>
        <Resources>
          <MainPath>./index.html</MainPath>
          <ScriptPath>./jsx/aerpc.jsx</ScriptPath>
        </Resources>
        <Lifecycle>
          <AutoVisible>true</AutoVisible>
        </Lifecycle>
        <UI>
          <Type>Panel</Type>
          <Menu>{name}</Menu>
          <Geometry>
            <Size>
              <Height>120</Height>
              <Width>280</Width>
            </Size>
          </Geometry>
        </UI>
      </DispatchInfo>
    </Extension>
  </DispatchInfoList>
</ExtensionManifest>
"""

# Another host's page: the panel library and contract, connected; nothing but its status.
_PAGE = """<!DOCTYPE html>
<html lang="en" data-extension-version="{version}">
<head>
  <meta charset="utf-8">
  <title>{name}</title>
  <style>body {{ font: 12px/1.4 system-ui, sans-serif; background: #232323; color: #ddd; }}</style>
</head>
<body>
  <div id="status">starting…</div>
  <script src="./cep-bridge.js"></script>
{scripts}
  <script>
    (function () {{
      "use strict";
      var status = document.getElementById("status");
      var cep = new CepBridge();
      var panel = new Aerpc.AerpcPanel({{csInterface: cep, extensionVersion: "{version}"}});
      var events = Object.keys(Aerpc.EVENTS || {{}});
      AerpcPanelLib.events.attach(panel, {{csInterface: cep, names: events}});
      panel.on("status", function (s) {{
        status.textContent = s.status + (s.detail ? ": " + s.detail : "");
      }});
      window.aerpcPanel = panel;
      panel.start();
    }}());
  </script>
</body>
</html>
"""


def build_for_host(
    out: Path,
    *,
    generated: Path,
    host_library: Sequence[Path],
    hosts: Sequence[tuple[str, str]],
    bundle_id: str,
    name: str,
    version: str,
) -> Path:
    """Write another host's extension folder at ``out`` (replacing what was there): the panel
    library, ``generated``'s contract and tables (``aerpc generate``'s ``generated/cep``), the
    ``host_library`` files in that order, and a manifest for ``hosts`` (application id, CEP
    version range). Returns ``out``."""
    shutil.rmtree(out, ignore_errors=True)
    (out / "CSXS").mkdir(parents=True)
    (out / "js" / "aerpc").mkdir(parents=True)
    (out / "jsx").mkdir()
    text = html.escape
    host_lines = "\n".join(
        f'      <Host Name="{text(app)}" Version="{text(versions)}"/>' for app, versions in hosts
    )
    manifest = _MANIFEST.format(
        bundle_id=text(bundle_id), version=text(version), name=text(name), hosts=host_lines
    )
    (out / "CSXS" / "manifest.xml").write_text(manifest, encoding="utf-8")
    shutil.copy2(CEP / "cep-bridge.js", out / "cep-bridge.js")
    scripts = [f"js/aerpc/{n}" for n in PANEL_SCRIPTS] + ["js/aerpc-panel.js"]
    tags = "\n".join(f'  <script src="./{s}"></script>' for s in scripts)
    page = _PAGE.format(version=text(version), name=text(name), scripts=tags)
    (out / "index.html").write_text(page, encoding="utf-8")
    for script in PANEL_SCRIPTS:
        shutil.copy2(PANEL_LIBRARY / script, out / "js" / "aerpc" / script)
    shutil.copy2(generated / "aerpc-panel.js", out / "js" / "aerpc-panel.js")
    script = host_script(host_library, generated)
    (out / "jsx" / "aerpc.jsx").write_text(script, encoding="utf-8")
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


def main(argv: list[str]) -> int:
    if argv:
        print("usage: build.py  (no arguments: writes dist/aerpc.cep and its zip)", file=sys.stderr)
        return 2
    folder = build()
    zipped = archive(folder)
    print(f"built {zipped.relative_to(ROOT)} and {folder.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
