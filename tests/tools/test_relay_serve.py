"""The relay's rules end to end: this test process is a tool of ``aerpc serve`` running in a
process of its own (:class:`ServeProcess`), and the simulated After Effects (the generated
panel and ExtendScript dispatcher in node, on the demo project) is its host.

What happens at the host is read from the simulator's side, not inferred from the replies:
the panel process reports each request as it arrives (``request`` events, ``rpc.cancel``
included), each evalScript it holds, starts and ends (``eval`` events with the request id),
each request it answers without running (``call`` events), and ``run`` reads the simulated
project. ``hold`` keeps ExtendScript busy (the host's work outlasts the tool's deadline) until
``release``. A page reload is the harness's ``reload``: a new page (a new instance) on the same
ExtendScript engine and project; the panel's process killed and a new one started is the other
way a new instance comes (as ``tests/reliability`` does it).
Every wait is bounded by ``WAIT`` and waits on an event; sockets are 127.0.0.1, port 0.

``aerpc serve --ready-file`` (how the tests learn the server's URL, token and After Effects'
environment) is tested here too.
"""

from __future__ import annotations

import asyncio
import json
import os
import stat
import subprocess
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from aerpc.aftereffects import CONTRACT, AfterEffects, AsyncAfterEffects
from aerpc.runtime import ConnectionLost, RemoteHost, RpcTimeout
from aerpc.testing.simulator import (
    Event,
    ServeProcess,
    ServeStartError,
    SimulatedPanel,
    panel_env,
)

from .conftest import WAIT, needs_simulator, run_aerpc, sim_panel

FOLDERS = (
    "var n = [], i; for (i = 1; i <= app.project.numItems; i += 1) "
    "if (app.project.item(i) instanceof FolderItem) n.push(app.project.item(i).name); n"
)


def is_eval(phase: str, method: str) -> Callable[[Event], bool]:
    return lambda e: e["event"] == "eval" and e["phase"] == phase and e["method"] == method


def is_request(method: str, **fields: object) -> Callable[[Event], bool]:
    return lambda e: (
        e["event"] == "request"
        and e["method"] == method
        and all(e.get(k) == v for k, v in fields.items())
    )


def started(panel: SimulatedPanel, start: int) -> list[tuple[str, Any]]:
    """(method, request id) of each request's evalScript the panel started from event ``start``
    on (not the panel's own, such as reading ``AERPC_URL``)."""
    return [
        (e["method"], e["id"])
        for e in panel.events[start:]
        if e["event"] == "eval" and e["phase"] == "start" and e["method"] is not None
    ]


@dataclass
class Stage:
    """``aerpc serve``, the simulated After Effects as its host, and a tool connected to it."""

    serve: ServeProcess
    work: Path
    panels: list[SimulatedPanel] = field(default_factory=list)
    tools: list[RemoteHost] = field(default_factory=list)

    @property
    def panel(self) -> SimulatedPanel:
        return self.panels[-1]

    def start_panel(self) -> SimulatedPanel:
        """A new panel instance (a new page), on a demo project of its own; returned once the
        server has it as its host."""
        panel = sim_panel(self.serve.launch_env, self.work / f"ae{len(self.panels)}")
        self.panels.append(panel)
        self.tool().stop()
        return panel

    def tool(self) -> RemoteHost:
        """A new tool connection; returned once the server has the current panel as its host."""
        instance = self.panel.command("status")["result"]["instance"]
        remote = self.serve.tool(CONTRACT, host_instance=instance)
        self.tools.append(remote)
        return remote


@pytest.fixture
def stage(tmp_path: Path) -> Iterator[Stage]:
    # every call goes to the panel at once (no waiting at the server): these tests are of the
    # panel's own queue (tests/tools/test_host_busy.py tests the server's)
    unscheduled = ["--limit", "busy_after=inf", "--limit", "max_tool_calls_at_host=8"]
    with ServeProcess(unscheduled, work_dir=tmp_path, timeout=WAIT, name="relay-serve") as serve:
        staged = Stage(serve, tmp_path)
        try:
            staged.start_panel()
            yield staged
        finally:
            for tool in staged.tools:
                tool.stop()
            for panel in staged.panels:
                panel.stop()
    assert serve.returncode == 0, serve.log()


# -- the deadline ---------------------------------------------------------------------------


@needs_simulator
def test_a_deadline_shorter_than_the_host_s_work_fails_typed_and_the_host_serves_on(
    stage: Stage,
) -> None:
    panel = stage.panel
    ae = AfterEffects(stage.tool())
    start = panel.mark()
    panel.command("hold")  # ExtendScript is busy until released: the host's work goes on
    with pytest.raises(RpcTimeout) as timeout:
        ae.with_timeout(0.5).get_project_state()
    assert timeout.value.maybe_applied is True
    assert timeout.value.timeout == 0.5
    held = panel.wait_event(is_eval("held", "get_project_state"), start=start)
    # the tool's deadline reached the host with the call, and the server cancelled it there
    panel.wait_event(is_request("rpc.cancel", cancels=held["id"]), start=start)
    panel.command("release")
    panel.wait_event(lambda e: is_eval("done", "get_project_state")(e) and e["id"] == held["id"])
    assert ae.with_timeout(WAIT).get_app_version() == panel.run("app.version")
    assert [method for method, _ in started(panel, start)] == [
        "get_project_state",
        "get_app_version",
    ]


@needs_simulator
def test_a_call_whose_deadline_passes_while_queued_never_runs_at_the_host(stage: Stage) -> None:
    panel = stage.panel
    ae = AfterEffects(stage.tool())
    start = panel.mark()
    panel.command("hold")
    with ThreadPoolExecutor(max_workers=1) as pool:
        running = pool.submit(ae.with_timeout(WAIT).add_item, name="relay_slow", item_type="folder")
        held = panel.wait_event(is_eval("held", "add_item"), start=start)
        with pytest.raises(RpcTimeout) as timeout:
            ae.with_timeout(0.5).add_item(name="relay_late", item_type="folder")
        assert timeout.value.maybe_applied is True  # the tool cannot know; the host can
        late = panel.wait_event(
            lambda e: is_request("add_item")(e) and e["id"] != held["id"], start=start
        )
        answered = panel.wait_event(
            lambda e: e["event"] == "call" and e["direction"] == "in" and e["id"] == late["id"],
            start=start,
        )
        assert answered["ok"] is False  # answered without running: expired or cancelled
        panel.command("release")
        slow_id = running.result(WAIT)
    assert started(panel, start) == [("add_item", held["id"])]
    folders = panel.run(FOLDERS)
    assert folders.count("relay_slow") == 1
    assert "relay_late" not in folders
    assert panel.run(f"app.project.itemByID({slow_id}).name") == "relay_slow"


# -- cancel on disconnect, and cancel ----------------------------------------------------------


@needs_simulator
def test_a_tool_that_disconnects_cancels_its_queued_call_at_the_host(stage: Stage) -> None:
    panel = stage.panel
    tool = stage.tool()
    ae = AfterEffects(tool).with_timeout(WAIT)
    start = panel.mark()
    panel.command("hold")
    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(ae.add_item, name="relay_first", item_type="folder")
        running = panel.wait_event(is_eval("held", "add_item"), start=start)
        second = pool.submit(ae.add_item, name="relay_second", item_type="folder")
        queued = panel.wait_event(
            lambda e: is_request("add_item")(e) and e["id"] != running["id"], start=start
        )
        tool.stop()  # the tool goes away with one call running and one queued behind it
        panel.wait_event(is_request("rpc.cancel", cancels=queued["id"]), start=start)
        cancelled = panel.wait_event(
            lambda e: e["event"] == "call" and e["direction"] == "in" and e["id"] == queued["id"],
            start=start,
        )
        assert cancelled["ok"] is False
        panel.command("release")
        panel.wait_event(lambda e: is_eval("done", "add_item")(e) and e["id"] == running["id"])
        for call in (first, second):
            with pytest.raises(ConnectionLost):
                call.result(WAIT)
    # at the host: the running call ran once, the queued one never started
    assert started(panel, start) == [("add_item", running["id"])]
    folders = panel.run(FOLDERS)
    assert folders.count("relay_first") == 1
    assert "relay_second" not in folders
    # the host serves the next tool
    assert AfterEffects(stage.tool()).get_app_version() == panel.run("app.version")


@needs_simulator
def test_a_tool_that_cancels_its_queued_call_cancels_it_at_the_host(stage: Stage) -> None:
    panel = stage.panel
    instance = panel.command("status")["result"]["instance"]
    start = panel.mark()

    async def scenario() -> Any:
        async with RemoteHost(stage.serve.url, stage.serve.token, contract=CONTRACT) as remote:
            assert [h["instance"] for h in await remote.hosts()] == [instance]
            ae = AsyncAfterEffects(remote).with_timeout(WAIT)
            panel.command("hold")
            first = asyncio.ensure_future(ae.add_item(name="relay_kept", item_type="folder"))
            running = await asyncio.to_thread(
                panel.wait_event, is_eval("held", "add_item"), None, start
            )
            second = asyncio.ensure_future(ae.add_item(name="relay_dropped", item_type="folder"))
            queued = await asyncio.to_thread(
                panel.wait_event,
                lambda e: is_request("add_item")(e) and e["id"] != running["id"],
                None,
                start,
            )
            second.cancel()
            await asyncio.to_thread(
                panel.wait_event, is_request("rpc.cancel", cancels=queued["id"]), None, start
            )
            panel.command("release")
            with pytest.raises(asyncio.CancelledError):
                await second
            return running["id"], await first

    running_id, kept_id = asyncio.run(asyncio.wait_for(scenario(), 3 * WAIT))
    assert started(panel, start) == [("add_item", running_id)]
    folders = panel.run(FOLDERS)
    assert folders.count("relay_kept") == 1
    assert "relay_dropped" not in folders
    assert panel.run(f"app.project.itemByID({kept_id}).name") == "relay_kept"


# -- the reload rules ----------------------------------------------------------------------------


@needs_simulator
def test_a_page_reload_sends_nothing_again_and_applies_nothing_twice(stage: Stage) -> None:
    """The page reloads (``reload``: a new page, a new instance, on the same After Effects and
    project) with a non-idempotent call running in ExtendScript and two calls queued in the
    page: the running one finishes in After Effects once and the tool is told it may have been
    applied; the queued ones run nowhere and the tool is told they may have been applied (a
    call is never sent to another instance than the one it was sent to, issue 25 §3; the new
    page gets in once the old one's reconnect grace is over)."""
    panel = stage.panel
    ae = AfterEffects(stage.tool()).with_timeout(WAIT)
    start = panel.mark()
    panel.command("hold")
    with ThreadPoolExecutor(max_workers=3) as pool:
        running = pool.submit(ae.add_item, name="relay_running", item_type="folder")
        held = panel.wait_event(is_eval("held", "add_item"), start=start)
        # an idempotent read whose x-timeout-ms (30 s) outlasts the reconnect grace (10 s): a
        # tool's deadline is capped at it
        reading = pool.submit(ae.get_items, comps=True)
        panel.wait_event(is_request("get_items"), start=start)
        queued = pool.submit(ae.add_item, name="relay_queued", item_type="folder")
        panel.wait_event(lambda e: is_request("add_item")(e) and e["id"] != held["id"], start=start)
        before = panel.command("status")["result"]["instance"]
        reloaded = panel.mark()
        instance = panel.command("reload")["result"]["instance"]
        assert instance != before
        # the new page reads AERPC_URL through ExtendScript too: it connects once that is free
        panel.command("release")
        for call in (running, queued):
            with pytest.raises(ConnectionLost) as lost:
                call.result(WAIT)
            assert lost.value.maybe_applied is True
            assert "not idempotent" in str(lost.value)
        with pytest.raises(ConnectionLost) as lost:
            reading.result(WAIT)  # fails once the new page connects, not sent to it
        assert lost.value.maybe_applied is True
        assert "reloaded" in str(lost.value)
        panel.wait_event(lambda e: is_eval("done", "add_item")(e) and e["id"] == held["id"])
    # at the host: each call ran at most once; the one in ExtendScript did run (as in AE)
    assert started(panel, start) == [("add_item", held["id"])]
    assert not any(is_request("get_items")(e) for e in panel.events[reloaded:])
    folders = panel.run(FOLDERS)
    assert folders.count("relay_running") == 1
    assert "relay_queued" not in folders


@needs_simulator
def test_a_new_panel_process_gets_none_of_the_calls_of_the_one_that_died(
    stage: Stage,
) -> None:
    """The panel's process is killed (the page and its ExtendScript engine gone, held calls
    never run) and a new one connects once the old one's reconnect grace is over: no call sent
    to the old page is sent to it (issue 25 §3); each fails ``maybe_applied`` and runs
    nowhere."""
    old = stage.panel
    ae = AfterEffects(stage.tool()).with_timeout(WAIT)
    start = old.mark()
    old.command("hold")
    with ThreadPoolExecutor(max_workers=3) as pool:
        reading = pool.submit(ae.get_project_state)
        held = old.wait_event(is_eval("held", "get_project_state"), start=start)
        adding = pool.submit(ae.add_item, name="relay_reload", item_type="folder")
        listing: Future[Any] = pool.submit(ae.get_items, folders=True)
        for method in ("add_item", "get_items"):
            old.wait_event(is_request(method), start=start)  # queued behind the held one
        assert "relay_reload" not in old.run(FOLDERS)
        old.kill()  # the page and its queue are gone; its held evalScript never ran
        new = stage.start_panel()
        for call in (reading, adding, listing):
            with pytest.raises(ConnectionLost) as lost:
                call.result(WAIT)
            assert lost.value.maybe_applied is True
    # at the host: the old page started nothing, and nothing was sent again to the new one
    assert held["method"] == "get_project_state"
    assert started(old, start) == []
    assert started(new, 0) == []
    assert "relay_reload" not in new.run(FOLDERS)


# -- the harness ----------------------------------------------------------------------------------


@needs_simulator
def test_a_wait_for_a_panel_event_that_never_comes_raises_with_the_panel_s_log() -> None:
    """(It used to deadlock: the timeout's message read the log under the lock it holds.)"""
    unreachable = ["--fake-host", "--url", "ws://127.0.0.1:9/ws", "--token", "t" * 20]
    with (
        SimulatedPanel(unreachable, timeout=WAIT) as panel,
        pytest.raises(TimeoutError, match=r"within 0.2 s\nstderr of the panel:"),
    ):
        panel.wait_event(lambda e: False, timeout=0.2)


# -- aerpc serve --ready-file --------------------------------------------------------------------


def _serve(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_aerpc("serve", *args, env={**panel_env(), **(env or {})})


def test_serve_writes_the_ready_file_for_programs(tmp_path: Path) -> None:
    token = "a-token-from-the-environment-of-the-pipeline"
    with ServeProcess(env=panel_env(AERPC_TOKEN=token), work_dir=tmp_path, timeout=WAIT) as serve:
        ready = json.loads(serve.ready_file.read_text(encoding="utf-8"))
        assert stat.S_IMODE(os.stat(serve.ready_file).st_mode) == 0o600
        assert ready == {
            "url": serve.url,
            "token": token,
            "launch_env": {
                "AERPC_URL": serve.url,
                "AERPC_TOKEN": token,
                "WEBSOCKET_URL": serve.url,
            },
            "pid": serve.proc.pid,
            "schema": {"name": CONTRACT.name, "version": CONTRACT.version},
        }
        assert serve.url.startswith("ws://127.0.0.1:")
        assert "# AERPC_TOKEN: from the environment" in serve.stdout  # never printed
        assert not any(token in line for line in serve.stdout + serve.stderr)
    assert serve.returncode == 0


def test_serve_says_when_it_cannot_write_the_ready_file(tmp_path: Path) -> None:
    done = _serve("--port", "0", "--ready-file", str(tmp_path / "missing" / "ready.json"))
    assert done.returncode == 1
    assert "cannot write --ready-file" in done.stderr
    assert str(tmp_path / "missing") in done.stderr
    assert done.stdout == ""  # no banner: nothing may wait on a server that is not there


def test_serve_start_error_shows_the_exit_code_and_stderr(tmp_path: Path) -> None:
    with pytest.raises(ServeStartError, match=r"exited with code 2(.|\n)*cannot load the schema"):
        ServeProcess(["--schema", str(tmp_path / "nope.json")], work_dir=tmp_path, timeout=WAIT)


def test_serve_help_names_the_ready_file() -> None:
    done = _serve("--help")
    assert done.returncode == 0
    assert "--ready-file PATH" in done.stdout
    assert "launch_env" in done.stdout
