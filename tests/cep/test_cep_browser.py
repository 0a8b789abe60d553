"""The built extension in a real browser: headless Chromium (the engine CEP panels run in).

The extension `make cep` builds (runtime/cep/build.py, into a temporary folder) is opened from
``file://`` the way CEP opens it: the manifest's CEFCommandLine decides the page's node globals,
its ScriptPath is loaded into an ExtendScript stand-in (a separate realm), and index.html's own
scripts run in order, reading AERPC_URL and AERPC_TOKEN through ExtendScript. CEP's objects
are stood in for by tests/cep/cep-standin.js, put first in the page. The page connects to the
real Python server: Python calls host methods through the generated client, the page calls
pipeline methods, and a test script after the page's reports what it saw through one last
pipeline call. With the panel's old UMD wrapper and a mixed-context manifest the page fails
with `Aerpc is not defined`, as it did in After Effects.

Needs Debian's chromium at /usr/bin/chromium (``make setup`` installs it in CI); skipped, loudly,
when it is absent. Nothing is installed or downloaded by the test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from aerpc.aftereffects import AfterEffects
from aerpc.runtime import ExtendScriptError, RemoteError, Server

from .conftest import WAIT, RecordingHandlers, cep_build, needs_node, start_server

STANDIN = Path(__file__).with_name("cep-standin.js")

CHROMIUM = Path(os.environ.get("AERPC_CHROMIUM", "/usr/bin/chromium"))  # the Makefile exports it

pytestmark = [
    needs_node,
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"BROWSER TEST SKIPPED: {CHROMIUM} is missing (Debian's chromium; "
        "`make setup` installs it via apt in CI)",
    ),
]

# ES3 host functions for the stand-in engine (get_app_version stays the host library's own,
# reading the stand-in's app.version); AerpcErrors is the namespace's, as in the host scope.
HOST_FIXTURE_PRELUDE = "var AerpcErrors = __aerpc.errors;\n"
HOST_FIXTURE = (
    HOST_FIXTURE_PRELUDE
    + r"""
var pageItems = [
    {id: 1, name: "main comp", type: "comp", path: null, containing_comps: [],
        parent_folder_id: null},
    {id: 2, name: "plates", type: "folder", path: null, containing_comps: [],
        parent_folder_id: null}
];
function getItems(params) {
    var out = [];
    var i;
    for (i = 0; i < pageItems.length; i += 1) {
        if ((params.comps === true && pageItems[i].type === "comp") ||
                (params.folders === true && pageItems[i].type === "folder")) {
            out.push(pageItems[i]);
        }
    }
    return out;
}
function renameItem(params) {
    var i;
    for (i = 0; i < pageItems.length; i += 1) {
        if (pageItems[i].id === params.item_id) {
            pageItems[i].name = params.name;
            return;
        }
    }
    throw AerpcErrors.ItemNotFound("no item " + params.item_id, {item_id: params.item_id});
}
function getProjectState(params) {
    var none = null;
    return none.is_open;
}
__aerpc.provide({getItems: getItems, renameItem: renameItem, getProjectState: getProjectState});
"""
)

# Runs after the page's own scripts: what a user of the panel would do, reported back.
PAGE_CHECKS = """
(function () {
  "use strict";
  var panel = window.aerpcPanel;
  var once = false;
  panel.on("connected", function () {
    if (once) { return; }
    once = true;
    var report = {userAgent: navigator.userAgent, nodeGlobals: typeof module,
      cepNode: typeof cep_node};
    panel.pipeline.open_tool({tool: "loader"})
      .then(function (result) { report.openTool = result; })
      .then(function () { return panel.pipeline.open_tool({tool: "script_editor"}); })
      .then(function () { report.refused = "not refused"; }, function (e) {
        report.refused = {name: e.name, code: e.code, data: e.data,
          isRemote: e instanceof Aerpc.RemoteError, isError: e instanceof Error};
      })
      .then(function () { return panel.pipeline.open_tool({tool: "hammer"}); })
      .then(function () { report.invalid = "accepted"; }, function (e) {
        report.invalid = {name: e.name, code: e.code, isInvalid: e instanceof Aerpc.InvalidParams};
      })
      .then(function () {
        var folder = JSON.stringify(report);
        return panel.pipeline.set_context({project: "report", folder: folder, task: "done"});
      })
      .catch(function (e) { console.log("report failed: " + e.name + " " + e.message); });
  });
}());
"""

FLAGS = {
    "shipped": None,
    "mixed": ["--enable-nodejs", "--mixed-context"],
    "node": ["--enable-nodejs"],
}

OLD_UMD = """(function (root, contract) {
    "use strict";
    var api = root.AerpcPanelLib.load(contract);
    if (typeof module === "object" && module !== null && typeof module.exports === "object") {
        module.exports = api;
    } else {
        root.Aerpc = api;
    }
"""


def with_flags(folder: Path, flags: list[str]) -> None:
    """Give the extension's manifest a CEFCommandLine with ``flags``."""
    manifest = folder / "CSXS" / "manifest.xml"
    parameters = "".join(f"<Parameter>{f}</Parameter>" for f in flags)
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace("</Resources>", f"<CEFCommandLine>{parameters}</CEFCommandLine></Resources>"),
        encoding="utf-8",
    )


def with_old_umd(folder: Path) -> None:
    """The panel script's wrapper as it was before the fix (module.exports when module exists)."""
    script = folder / "js" / "aerpc-panel.js"
    text = script.read_text(encoding="utf-8")
    opening = text.index("(function (root, contract) {")
    closing = text.rindex("}(typeof self")
    script.write_text(text[:opening] + OLD_UMD + text[closing:], encoding="utf-8")


def open_as_cep(folder: Path, env: dict[str, str]) -> Path:
    """Prepare the extension's page as CEP would show it; returns the page to open.

    Reads the manifest's CEFCommandLine, MainPath and ScriptPath; puts the CEP stand-in (with
    the ScriptPath's text for its ExtendScript engine) before the page's scripts and the
    test's checks after them.
    """
    tree = ET.parse(folder / "CSXS" / "manifest.xml")
    main = folder / str(tree.findtext(".//MainPath"))
    script = folder / str(tree.findtext(".//ScriptPath"))
    flags = [str(p.text).strip() for p in tree.iterfind(".//CEFCommandLine/Parameter")]
    config = {
        "flags": flags,
        "extendScript": script.read_text(encoding="utf-8"),
        "fixture": HOST_FIXTURE,
        "env": env,
        "app": {"version": "25.2 (page)"},
    }
    (folder / "cep-config.js").write_text(
        f"window.AERPC_CEP_STANDIN = {json.dumps(config)};\n", encoding="utf-8"
    )
    shutil.copyfile(STANDIN, folder / "cep-standin.js")
    (folder / "page-checks.js").write_text(PAGE_CHECKS, encoding="utf-8")
    html = main.read_text(encoding="utf-8")
    first = ("cep-config.js", "cep-standin.js")
    standin = "".join(f'\n  <script src="./{name}"></script>' for name in first)
    html = html.replace("<head>", "<head>" + standin, 1)
    html = html.replace("</body>", '  <script src="./page-checks.js"></script>\n</body>', 1)
    main.write_text(html, encoding="utf-8")
    return main


class Browser:
    def __init__(self, page: Path, profile: Path):
        self.proc = subprocess.Popen(
            [
                str(CHROMIUM),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--enable-logging=stderr",
                "--v=0",
                f"--user-data-dir={profile}",
                page.as_uri(),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
        )
        self.lines: list[str] = []
        self._output = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            with self._output:
                self.lines.append(line.rstrip("\n"))
                self._output.notify_all()
        with self._output:
            self._output.notify_all()

    def wait_for_output(self, timeout: float) -> None:
        """Return when Chromium writes a line (or exits), or after ``timeout`` seconds."""
        with self._output:
            count = len(self.lines)
            self._output.wait_for(
                lambda: len(self.lines) > count or self.proc.poll() is not None,
                timeout=max(0.0, timeout),
            )

    def console(self) -> str:
        wanted = [line for line in self.lines if "CONSOLE" in line or "aerpc" in line]
        return "chromium console:\n" + "\n".join(wanted[-40:])

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            self.proc.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=WAIT)
        self._reader.join(timeout=WAIT)
        if self.proc.stderr is not None:
            self.proc.stderr.close()


@pytest.fixture
def browser_rig(
    tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[tuple[Server, RecordingHandlers, Browser, str]]:
    variant: str = request.param
    handlers = RecordingHandlers()
    server = start_server(handlers)
    folder = cep_build().build(tmp_path / "aerpc.cep")
    flags = FLAGS[variant.removesuffix("-old-umd")]
    if flags is not None:
        with_flags(folder, flags)
    if variant.endswith("-old-umd"):
        with_old_umd(folder)
    page = open_as_cep(folder, {"AERPC_URL": server.url, "AERPC_TOKEN": server.token})
    browser = Browser(page, tmp_path / "profile")
    try:
        yield server, handlers, browser, variant
    finally:
        browser.close()
        handlers.release.set()
        server.stop()


@pytest.mark.parametrize("browser_rig", ["shipped", "mixed", "node"], indirect=True)
def test_the_built_extension_in_headless_chromium_completes_calls_both_ways(
    browser_rig: tuple[Server, RecordingHandlers, Browser, str],
) -> None:
    server, handlers, browser, variant = browser_rig
    try:
        host = server.wait_for_host(timeout=WAIT * 2)
    except Exception as exc:
        raise AssertionError(f"the page did not connect: {exc}\n{browser.console()}") from exc
    assert host.hello is not None
    assert host.hello.get("extension_version") == "0.1.0"  # index.html's stamp from the build
    ae = AfterEffects(host)

    # Python -> page -> dispatcher -> page host functions -> back, typed.
    comps = ae.get_items(comps=True)
    assert comps == [
        {
            "id": 1,
            "name": "main comp",
            "type": "comp",
            "path": None,
            "containing_comps": [],
            "parent_folder_id": None,
        }
    ]
    hostile = "q'\"\\ */ </script> \u2028\u2029 \x00 \U0001f600 ');x=1;//"
    ae.rename_item(item_id=2, name=hostile)
    assert [i["name"] for i in ae.get_items(folders=True)] == [hostile]
    assert ae.get_app_version() == "25.2 (page)"
    assert ae.get_extension_version() == "0.1.0"
    with pytest.raises(RemoteError) as missing:
        ae.rename_item(item_id=99, name="x")
    assert missing.value.code == 1001
    assert missing.value.data == {"item_id": 99}
    with pytest.raises(ExtendScriptError) as bug:
        ae.get_project_state()
    assert bug.value.data["name"] == "TypeError"

    # Page -> Python: the pipeline saw the page's calls, and the page saw typed errors.
    handlers.wait_call("launched")  # index.html's own call once connected
    assert handlers.wait_call("open_tool") == {"tool": "loader"}
    done = handlers.wait_call("set_context", timeout=WAIT * 2)
    report = json.loads(str(done["folder"]))
    assert "HeadlessChrome" in report["userAgent"] or "Chrome" in report["userAgent"]
    assert report["openTool"] is None
    # The page globals the manifest's CEFCommandLine asked for.
    assert report["nodeGlobals"] == ("undefined" if variant == "shipped" else "object")
    assert report["cepNode"] == ("object" if variant == "node" else "undefined")
    assert report["refused"] == {
        "name": "RemoteError",
        "code": 4321,
        "data": {"tool": "script_editor"},
        "isRemote": True,
        "isError": True,
    }
    assert report["invalid"] == {"name": "InvalidParams", "code": -32602, "isInvalid": True}


@pytest.mark.parametrize("browser_rig", ["mixed-old-umd"], indirect=True)
def test_the_old_umd_wrapper_under_mixed_context_never_defines_aerpc(
    browser_rig: tuple[Server, RecordingHandlers, Browser, str],
) -> None:
    """The defect of issue 12 section 1, shown in Chromium: the page throws and never connects."""
    server, _handlers, browser, _variant = browser_rig
    wanted = "Uncaught ReferenceError: Aerpc is not defined"
    deadline = time.monotonic() + WAIT
    while not any(wanted in line for line in browser.lines) and time.monotonic() < deadline:
        browser.wait_for_output(deadline - time.monotonic())
    assert any(wanted in line for line in browser.lines), browser.console()
    # The page's script threw before it made a panel: no connection was ever attempted.
    assert server.host.hello is None
