"""The generated panel in node against the real Python server.

``node runtime/cep/node/run-panel.js`` runs generated/cep/aerpc-panel.js with the ``ws``
package, and its CSInterface stand-in runs generated/cep/aerpc-host.jsx plus the host library
(runtime/cep/host/*.jsx) in a vm over the simulated After Effects. Python calls host methods
through the generated client; the panel calls pipeline methods; errors, timeouts, reconnects
and de-duplication behave as docs/architecture.md says.
"""

from __future__ import annotations

import concurrent.futures
import json
from typing import Any, get_type_hints

import pytest

from aerpc.aftereffects import AfterEffects, ProjectItem
from aerpc.runtime import (
    Contract,
    ExtendScriptError,
    HostTimeout,
    NotConnected,
    RemoteError,
    RpcTimeout,
    Server,
)

from .conftest import (
    WAIT,
    Event,
    PanelFactory,
    PanelProcess,
    RecordingHandlers,
    needs_node,
    panel_env,
    start_server,
)

pytestmark = [needs_node, pytest.mark.node]


def connect(
    server: Server, start_panel: PanelFactory, *args: str
) -> tuple[PanelProcess, AfterEffects]:
    panel = start_panel(server, *args)
    host = server.wait_for_host(timeout=WAIT)
    return panel, AfterEffects(host)


def is_eval(phase: str, method: str) -> Any:
    return lambda e: e["event"] == "eval" and e["phase"] == phase and e["method"] == method


def test_get_items_returns_typed_items_through_panel_and_dispatcher(
    server: Server, start_panel: PanelFactory
) -> None:
    panel, ae = connect(server, start_panel, "--sim-project", "demo")
    comps = ae.get_items(comps=True)
    assert comps, "the demo project has compositions"
    keys = set(get_type_hints(ProjectItem))
    for item in comps:
        assert set(item) == keys
        assert item["type"] == "comp"
        assert isinstance(item["id"], int)
        assert isinstance(item["name"], str)
    everything = ae.get_items(comps=True, folders=True, footages=True)
    assert len(everything) == ae.get_project_state()["num_items"]
    assert {i["type"] for i in everything} == {"comp", "folder", "footage"}
    assert ae.get_items() == []
    # The answers travelled through evalScript and the trampoline, one per call.
    status = panel.command("status")["result"]
    assert status["evalCount"] >= 4
    assert status["maxOutstanding"] == 1
    assert status["status"] == "connected"


def test_hello_identifies_the_panel(server: Server, start_panel: PanelFactory) -> None:
    panel, ae = connect(server, start_panel, "--instance", "page-42")
    host = server.wait_for_host(timeout=WAIT)
    hello = host.hello
    assert hello is not None
    assert hello["instance"] == "page-42"
    assert hello["role"] == "host"
    assert hello.get("app", {}).get("name") == "AEFT"
    assert "token" not in hello
    version = hello.get("extension_version")
    assert version
    assert version != "unknown"
    assert ae.get_extension_version() == version
    assert any("connected" in line for line in panel.stderr)
    assert not any(server.token in line for line in panel.stderr), "the token is never logged"


def test_the_panel_calls_the_pipeline(
    server: Server, start_panel: PanelFactory, handlers: RecordingHandlers
) -> None:
    panel, _ = connect(server, start_panel)
    reply = panel.call("open_tool", {"tool": "loader"})
    assert reply == {"tag": reply["tag"], "ok": True, "result": None}
    assert handlers.wait_call("open_tool") == {"tool": "loader"}
    reply = panel.call("set_context", {"project": "p\u2028", "folder": "/a'b\"c", "task": "t"})
    assert reply["ok"], reply
    assert handlers.wait_call("set_context") == {
        "project": "p\u2028",
        "folder": "/a'b\"c",
        "task": "t",
    }


def test_pipeline_errors_reach_the_panel_as_error_classes(
    server: Server, start_panel: PanelFactory
) -> None:
    panel, _ = connect(server, start_panel)
    reply = panel.call("open_tool", {"tool": "script_editor"})
    assert reply["ok"] is False
    assert reply["error"] == {
        "name": "RemoteError",
        "code": 4321,
        "message": "the script editor is disabled",
        "data": {"tool": "script_editor"},
    }
    reply = panel.call("open_tool", {"tool": "hammer"})
    error = reply["error"]
    assert (error["name"], error["code"]) == ("InvalidParams", -32602)
    assert error["data"]["errors"][0]["path"] == "/tool"


def test_a_pipeline_call_times_out_in_the_panel(
    server: Server, start_panel: PanelFactory, handlers: RecordingHandlers
) -> None:
    panel, _ = connect(server, start_panel)
    reply = panel.call("workfile_template", {"action": "build"}, timeout_ms=300)
    assert handlers.blocking.is_set()
    assert reply["ok"] is False
    # Both ends keep the same deadline: the panel's own timer (RpcTimeout) and the server's
    # answer for the hung sync handler (HandlerTimeout, -32012) fire together, and on a busy
    # machine either can reach the caller first. Both are the documented timeout.
    assert reply["error"]["name"] in {"RpcTimeout", "HandlerTimeout"}, reply
    handlers.release.set()
    # The connection is still good afterwards.
    assert panel.call("launched", {})["ok"]


def test_host_errors_are_raised_by_code(server: Server, start_panel: PanelFactory) -> None:
    panel, ae = connect(server, start_panel, "--sim-project", "empty")
    with pytest.raises(RemoteError) as caught:
        ae.rename_item(item_id=987654, name="x")
    assert caught.value.code == 1001
    assert type(caught.value).__name__ == "ItemNotFound"
    assert "987654" in caught.value.message
    # A bug in a host function: -32010 with where it happened.
    panel.run(
        "__aerpc.host.getAppVersion = function (params) { var none = null; return none.version; };"
    )
    with pytest.raises(ExtendScriptError) as bug:
        ae.get_app_version()
    assert bug.value.code == -32010
    assert bug.value.data["name"] == "TypeError"
    assert bug.value.data["fileName"] == "evalScript"
    # A host function that is missing: -32601 naming it.
    panel.run("delete __aerpc.host.getAppVersion;")
    with pytest.raises(RemoteError) as missing:
        ae.get_app_version()
    assert missing.value.code == -32601
    assert "getAppVersion" in missing.value.message


def test_an_evalscript_that_overruns_is_a_host_timeout(
    server: Server, start_panel: PanelFactory
) -> None:
    panel, ae = connect(server, start_panel, "--eval-timeout-ms", "300")
    start = panel.mark()
    panel.command("hold")
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        first = pool.submit(ae.get_app_version)
        panel.wait_event(is_eval("held", "get_app_version"), start=start)
        with pytest.raises(HostTimeout) as caught:
            first.result(WAIT)
        assert caught.value.code == -32011
        busy = panel.wait_event(lambda e: e["event"] == "busy", start=start)
        assert busy["waitedMs"] == 300
        second = pool.submit(ae.get_items, comps=True)
        panel.command("release")
        assert second.result(WAIT)
    assert panel.command("status")["result"]["maxOutstanding"] == 1


def test_rpc_cancel_drops_a_queued_call(server: Server, start_panel: PanelFactory) -> None:
    panel, ae = connect(server, start_panel)
    start = panel.mark()
    panel.command("hold")
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        running = pool.submit(ae.get_app_version)
        panel.wait_event(is_eval("held", "get_app_version"), start=start)
        queued = pool.submit(ae.with_timeout(0.3).add_item, name="never", item_type="folder")
        with pytest.raises(RpcTimeout):
            queued.result(WAIT)
        # The server sent rpc.cancel: the panel takes the call off its queue, unrun.
        cancelled = panel.wait_event(
            lambda e: e["event"] == "call" and e["method"] == "add_item", start=start
        )
        assert (cancelled["ok"], cancelled["code"]) == (False, -32011)
        assert panel.command("status")["result"]["queueDepth"] == 0
        panel.command("release")
        assert running.result(WAIT)
    started = [e for e in panel.events[start:] if is_eval("start", "add_item")(e)]
    assert started == []
    names = [i["name"] for i in ae.get_items(folders=True)]
    assert "never" not in names


def test_a_longer_deadline_travels_to_the_panel(server: Server, start_panel: PanelFactory) -> None:
    """``with_timeout(long)`` on a call whose host function outlasts its x-timeout-ms completes:
    the request carries the caller's budget (``aerpc.timeout_ms``), which the panel waits for."""
    panel, ae = connect(server, start_panel, "--x-timeout-ms", "get_app_version=300")
    start = panel.mark()
    panel.command("hold")
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        long = pool.submit(ae.with_timeout(WAIT).get_app_version)
        panel.wait_event(is_eval("held", "get_app_version"), start=start)
        # The clock: a call queued behind it with a 600 ms budget is answered -32011, unrun,
        # once that is spent; the panel would have timed the held call out at 300 ms before.
        with pytest.raises((RpcTimeout, HostTimeout)):
            ae.with_timeout(0.6).get_items(comps=True)
        clock = panel.wait_event(
            lambda e: e["event"] == "call" and e["method"] == "get_items", start=start
        )
        assert (clock["ok"], clock["code"]) == (False, -32011)
        assert [e for e in panel.events[start:] if e["event"] == "busy"] == []
        assert not long.done()
        panel.command("release")
        version = long.result(WAIT)
    assert isinstance(version, str)
    assert version
    assert [e for e in panel.events[start:] if is_eval("start", "get_items")(e)] == []


def test_a_shorter_deadline_travels_to_the_panel(server: Server, start_panel: PanelFactory) -> None:
    """``with_timeout(short)``: the panel stops waiting on evalScript when the caller does, not at
    the method's x-timeout-ms (10 s for get_app_version)."""
    panel, ae = connect(server, start_panel)
    start = panel.mark()
    panel.command("hold")
    with pytest.raises((RpcTimeout, HostTimeout)):
        ae.with_timeout(0.3).get_app_version()
    busy = panel.wait_event(lambda e: e["event"] == "busy", start=start)
    assert 0 < busy["waitedMs"] <= 300
    panel.command("release")
    assert ae.get_items(comps=True)


def test_a_call_in_flight_across_a_drop_runs_once(
    server: Server, start_panel: PanelFactory
) -> None:
    panel, ae = connect(
        server, start_panel, "--sim-project", "empty", "--reconnect-initial-ms", "20"
    )
    start = panel.mark()
    panel.command("hold")
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        adding = pool.submit(ae.add_item, name="exactly once", item_type="folder")
        panel.wait_event(is_eval("held", "add_item"), start=start)
        panel.command("drop")
        panel.wait_event(lambda e: e["event"] == "status" and e["status"] == "closed", start=start)
        panel.wait_event(
            lambda e: e["event"] == "status" and e["status"] == "connected", start=start
        )
        panel.command("release")
        item_id = adding.result(WAIT)
    assert isinstance(item_id, int)
    folders = [i for i in ae.get_items(folders=True) if i["name"] == "exactly once"]
    assert [f["id"] for f in folders] == [item_id]
    started = [e for e in panel.events[start:] if is_eval("start", "add_item")(e)]
    assert len(started) == 1, "the host function ran once"


def test_a_wrong_token_is_final(start_panel: PanelFactory) -> None:
    srv = start_server(RecordingHandlers())
    try:
        env = panel_env(srv, AERPC_TOKEN="not-the-token")
        panel = start_panel(None, env=env)
        assert panel.proc.wait(timeout=WAIT) == 2
        failed = panel.wait_event(lambda e: e["event"] == "status" and e["status"] == "failed")
        assert failed["code"] == -32001
        assert not any("not-the-token" in line for line in panel.stderr)
    finally:
        srv.stop()


def test_another_schema_is_refused(start_panel: PanelFactory) -> None:
    from aerpc.aftereffects import SCHEMA

    document: dict[str, Any] = json.loads(json.dumps(SCHEMA))
    document["info"]["version"] = "999.0.0"
    document["methods"].pop()  # a wire change: a new major version
    contract = Contract.from_document(document, name="aftereffects")
    srv = start_server(RecordingHandlers(), contract=contract)
    try:
        panel = start_panel(srv)
        assert panel.proc.wait(timeout=WAIT) == 2
        failed = panel.wait_event(lambda e: e["event"] == "status" and e["status"] == "failed")
        assert failed["code"] == -32002
        with pytest.raises(NotConnected) as caught:
            srv.wait_for_host(timeout=0.1)
        assert "schema mismatch (major-version)" in str(caught.value)
    finally:
        srv.stop()


def test_a_schema_that_changed_only_its_prose_still_admits_the_panel(
    start_panel: PanelFactory,
) -> None:
    from aerpc.aftereffects import SCHEMA

    document: dict[str, Any] = json.loads(json.dumps(SCHEMA))
    document["info"]["description"] = "Reworded."
    for method in document["methods"]:
        method["description"] = "Reworded: " + method["description"]
        method["examples"] = []
    srv = start_server(RecordingHandlers(), contract=Contract.from_document(document))
    try:
        _, ae = connect(srv, start_panel, "--sim-project", "empty")
        assert ae.get_metadata() == []
    finally:
        srv.stop()


def test_the_url_flag_and_sigterm(server: Server, start_panel: PanelFactory) -> None:
    panel = start_panel(None, "--url", server.url, "--token", server.token, "--fake-host")
    server.wait_for_host(timeout=WAIT)
    connected: Event = panel.wait_event(
        lambda e: e["event"] == "status" and e["status"] == "connected"
    )
    assert connected["url"] == server.url
    assert panel.stop() == 0


def test_a_key_extendscript_cannot_hold_is_refused_clearly(
    server: Server, start_panel: PanelFactory
) -> None:
    _, ae = connect(server, start_panel, "--sim-project", "empty")
    with pytest.raises(RemoteError) as caught:
        ae.imprint(entry={"id": "x", "members": [], "data": {"__proto__": 1}})
    assert caught.value.code == -32602
    assert "__proto__" in caught.value.message
    assert ae.get_metadata() == []
