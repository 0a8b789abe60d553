"""The generated panel in a real browser: headless Chromium (the engine CEP panels run in).

A ``file://`` page, written to a temporary directory, loads generated/cep/aerpc-panel.js and the
generated ES3 dispatcher, with a CSInterface stand-in whose evalScript evaluates the trampoline
source in the page (host functions are small page fixtures). The page connects to the real
Python server: Python calls host methods through the generated client, the page calls pipeline
methods, and it reports what it saw through one last pipeline call.

Needs Debian's chromium at /usr/bin/chromium (``make setup`` installs it in CI); skipped, loudly,
when it is absent. Nothing is installed or downloaded by the test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from aerpc.aftereffects import AfterEffects
from aerpc.runtime import ExtendScriptError, RemoteError, Server

from .conftest import HOST_JSX, PANEL_JS, WAIT, RecordingHandlers, needs_node, start_server

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

# ES3 host functions in the page, under the real x-host-function names.
HOST_FIXTURE = r"""
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
function getAppVersion(params) {
    return "25.2 (page)";
}
function getProjectState(params) {
    var none = null;
    return none.is_open;
}
"""

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>aerpc browser test</title></head>
<body><div id="status">loading</div>
<script src="config.js"></script>
<script src="aerpc-host.js"></script>
<script src="host-fixture.js"></script>
<script src="aerpc-panel.js"></script>
<script>
(function () {
  "use strict";
  // CSInterface stand-in: CEP's contract (asynchronous callback, a string back,
  // "EvalScript error." on an exception), evaluating the source in the page's global scope.
  var csInterface = {
    evalScript: function (source, callback) {
      setTimeout(function () {
        var result;
        try {
          var value = (0, eval)(source);
          result = value === undefined ? "undefined" : String(value);
        } catch (e) {
          result = "EvalScript error.";
        }
        if (callback) { callback(result); }
      }, 0);
    },
    getHostEnvironment: function () { return {appName: "AEFT", appVersion: "25.2"}; }
  };
  var panel = new Aerpc.AerpcPanel({
    url: AERPC_TEST.url, token: AERPC_TEST.token, csInterface: csInterface,
    extensionVersion: "9.9.9-browser", instance: "chromium-page",
    log: function (level, message) { console.log("aerpc " + level + ": " + message); }
  });
  panel.on("status", function (s) {
    document.getElementById("status").textContent = s.status + " " + s.detail;
    console.log("status " + s.status + " " + s.detail);
  });
  var once = false;
  panel.on("connected", function () {
    if (once) { return; }
    once = true;
    var report = {userAgent: navigator.userAgent};
    panel.pipeline.launched({})
      .then(function () { return panel.pipeline.open_tool({tool: "loader"}); })
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
  panel.start();
}());
</script>
</body></html>
"""


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
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line.rstrip("\n"))

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
def browser_rig(tmp_path: Path) -> Iterator[tuple[Server, RecordingHandlers, Browser]]:
    handlers = RecordingHandlers()
    server = start_server(handlers)
    site = tmp_path / "site"
    site.mkdir()
    shutil.copyfile(PANEL_JS, site / "aerpc-panel.js")
    shutil.copyfile(HOST_JSX, site / "aerpc-host.js")  # ES3 is browser JavaScript too
    (site / "host-fixture.js").write_text(HOST_FIXTURE, encoding="utf-8")
    config = {"url": server.url, "token": server.token}
    (site / "config.js").write_text(f"var AERPC_TEST = {json.dumps(config)};\n", encoding="utf-8")
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    browser = Browser(site / "index.html", tmp_path / "profile")
    try:
        yield server, handlers, browser
    finally:
        browser.close()
        handlers.release.set()
        server.stop()


def test_the_panel_in_headless_chromium_completes_calls_both_ways(
    browser_rig: tuple[Server, RecordingHandlers, Browser],
) -> None:
    server, handlers, browser = browser_rig
    try:
        host = server.wait_for_host(timeout=WAIT * 2)
    except Exception as exc:
        raise AssertionError(f"the page did not connect: {exc}\n{browser.console()}") from exc
    assert host.hello is not None
    assert host.hello["instance"] == "chromium-page"
    assert host.hello.get("extension_version") == "9.9.9-browser"
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
    assert ae.get_extension_version() == "9.9.9-browser"
    with pytest.raises(RemoteError) as missing:
        ae.rename_item(item_id=99, name="x")
    assert missing.value.code == 1001
    assert missing.value.data == {"item_id": 99}
    with pytest.raises(ExtendScriptError) as bug:
        ae.get_project_state()
    assert bug.value.data["name"] == "TypeError"

    # Page -> Python: the pipeline saw the page's calls, and the page saw typed errors.
    handlers.wait_call("launched")
    assert handlers.wait_call("open_tool") == {"tool": "loader"}
    done = handlers.wait_call("set_context", timeout=WAIT * 2)
    report = json.loads(str(done["folder"]))
    assert "HeadlessChrome" in report["userAgent"] or "Chrome" in report["userAgent"]
    assert report["openTool"] is None
    assert report["refused"] == {
        "name": "RemoteError",
        "code": 4321,
        "data": {"tool": "script_editor"},
        "isRemote": True,
        "isError": True,
    }
    assert report["invalid"] == {"name": "InvalidParams", "code": -32602, "isInvalid": True}
