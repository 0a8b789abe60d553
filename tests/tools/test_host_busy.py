"""Busy, not dead (issue 21 §3) and interruption (§4), against the simulated After Effects: the
built panel in node, whose ``hold`` keeps ExtendScript busy with a call until ``release``.

The panel reports when each host call starts running; the server knows what runs, for whom,
since when, and what waits behind it. A call whose deadline passes behind it is ``HostBusy``
naming it (never sent: ``maybe_applied`` false); the CLI says "waiting behind"; the panel killed
mid-call is ``ConnectionLost``. Ctrl-C (SIGINT to a child process) in ``aerpc call`` prints one
line and exits 130, and in ``aerpc shell`` returns to the prompt; a call still queued in the
panel is cancelled there (read at the panel's side), one running is reported as running.
Every wait is bounded and waits on an event (the panel's, or the host status listener's)."""

from __future__ import annotations

import contextlib
import math
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from aerpc.aftereffects import CONTRACT, AfterEffects
from aerpc.runtime import ConnectionLost, HostBusy, HostStatus, RpcTimeout, Server, ServerLimits
from aerpc.testing.simulator import SimulatedPanel, panel_env

from .conftest import WAIT, needs_simulator, run_aerpc, start_panel
from .test_relay_serve import FOLDERS, is_eval, is_request, started

pytestmark = needs_simulator


class Watch:
    """The host's status as the server's listener hears it: wait until it fits."""

    def __init__(self, server: Server):
        self._changed = threading.Condition()
        self.status: HostStatus | None = None
        server.host.add_status_listener(self._heard)

    def _heard(self, status: HostStatus) -> None:
        with self._changed:
            self.status = status
            self._changed.notify_all()

    def until(self, fits: Callable[[HostStatus], bool]) -> HostStatus:
        with self._changed:
            ok = self._changed.wait_for(lambda: self.status is not None and fits(self.status), WAIT)
            assert ok, f"the host status never fit: {self.status}"
            assert self.status is not None
            return self.status


def running(method: str) -> Callable[[HostStatus], bool]:
    return lambda s: s.running is not None and s.running.method == method


@contextlib.contextmanager
def busy_stage(
    tmp_path: Path, hold: bool = True, **limits: Any
) -> Iterator[tuple[Server, SimulatedPanel, Watch]]:
    """A relaying server with ``limits``, the simulated After Effects as its host, holding
    ExtendScript when ``hold`` (the next call runs until ``release``)."""
    server = Server(
        port=0, contract=CONTRACT, relay=True, limits=ServerLimits(**limits), reconnect_grace=0.5
    )
    server.start()
    try:
        panel = start_panel(server, tmp_path)
        try:
            watch = Watch(server)
            if hold:
                panel.command("hold")
            yield server, panel, watch
        finally:
            panel.stop()
    finally:
        server.stop()


@contextlib.contextmanager
def long_call(server: Server, watch: Watch, name: str) -> Iterator[Future[int]]:
    """The pipeline's ``add_item`` running in the held ExtendScript (the server heard it start)."""
    ae = AfterEffects(server.host).with_timeout(WAIT)
    with ThreadPoolExecutor(max_workers=1) as pool:
        long = pool.submit(ae.add_item, name=name, item_type="folder")
        watch.until(running("add_item"))
        yield long


def env(server: Server) -> dict[str, str]:
    return panel_env(server.launch_env())


def aerpc(server: Server, *args: str, stdin: int | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "aerpc.cli", *args],
        env=env(server),
        stdin=subprocess.DEVNULL if stdin is None else stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


# -- busy, not dead ---------------------------------------------------------------------------


def test_a_call_behind_a_long_one_fails_as_host_busy_naming_it(tmp_path: Path) -> None:
    with busy_stage(tmp_path, busy_after=0) as (server, panel, watch):
        start = panel.mark()
        with long_call(server, watch, "busy_long") as long:
            status = server.host_status()
            assert status.running is not None
            assert status.running.caller == "pipeline"
            assert status.to_json()["running"]["method"] == "add_item"
            with pytest.raises(HostBusy) as busy:
                AfterEffects(server.host).with_timeout(0.5).get_project_state()
            assert isinstance(busy.value, RpcTimeout)  # code catching timeouts catches it
            assert busy.value.running == "add_item"
            assert busy.value.caller == "pipeline"
            assert busy.value.maybe_applied is False  # it waited at the server
            assert "waiting behind add_item" in str(busy.value)
            panel.command("release")
            long.result(WAIT)
        watch.until(lambda s: s.running is None)
    # the busy call never reached the panel, let alone ExtendScript
    assert [method for method, _ in started(panel, start)] == ["add_item"]
    assert not any(is_request("get_project_state")(e) for e in panel.events[start:])


def test_a_call_during_a_render_fails_as_host_busy_naming_render(tmp_path: Path) -> None:
    with busy_stage(tmp_path, hold=False, busy_after=0) as (server, panel, watch):
        ae = AfterEffects(server.host).with_timeout(WAIT)
        comp = next(c["id"] for c in ae.get_items(comps=True) if c["name"] == "sh010_comp")
        panel.command("hold")
        with ThreadPoolExecutor(max_workers=1) as pool:
            render = pool.submit(ae.render, comp_id=comp, output_dir=str(tmp_path))
            watch.until(running("render"))
            with pytest.raises(HostBusy) as busy:
                AfterEffects(server.host).with_timeout(0.5).get_project_state()
            assert busy.value.running == "render"
            assert "waiting behind render" in str(busy.value)
            assert busy.value.maybe_applied is False
            panel.command("release")
            assert render.result(WAIT)[0]["file_name"].endswith(".png")


def test_the_cli_says_waiting_behind_and_fails_as_host_busy(tmp_path: Path) -> None:
    with (
        busy_stage(tmp_path, busy_after=0) as (server, panel, watch),
        long_call(server, watch, "busy_cli") as long,
    ):
        done = run_aerpc("call", "get_project_state", "--timeout", "2", env=env(server))
        panel.command("release")
        long.result(WAIT)
    assert done.returncode == 1, done.stderr
    assert "aerpc call: get_project_state is waiting behind add_item (" in done.stderr
    assert "for pipeline)" in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert "HostBusy" in last
    assert "waiting behind add_item" in last
    assert "Traceback" not in done.stderr


def test_the_panel_killed_mid_call_is_connection_lost_not_host_busy(tmp_path: Path) -> None:
    with busy_stage(tmp_path, busy_after=0) as (server, panel, watch):
        with long_call(server, watch, "busy_kill") as long:
            panel.kill()
            with pytest.raises(ConnectionLost) as lost:
                long.result(WAIT)
        assert not isinstance(lost.value, HostBusy)
        assert lost.value.maybe_applied is True
        status = watch.until(lambda s: not s.connected)
        assert status.running is None  # a gone host runs nothing we can know of


# -- interruption -----------------------------------------------------------------------------


def test_ctrl_c_in_aerpc_call_cancels_a_queued_call_at_the_panel(tmp_path: Path) -> None:
    # every call goes to the panel at once, so the tool's call waits in the panel's queue
    with busy_stage(tmp_path, busy_after=math.inf) as (server, panel, watch):
        start = panel.mark()
        with long_call(server, watch, "busy_c") as long:
            call = aerpc(server, "call", "get_project_state", "--no-progress")
            queued = panel.wait_event(is_request("get_project_state"), start=start)
            call.send_signal(signal.SIGINT)
            out, err = call.communicate(timeout=WAIT)
            panel.wait_event(is_request("rpc.cancel", cancels=queued["id"]), start=start)
            answered = panel.wait_event(
                lambda e: (
                    e["event"] == "call" and e["direction"] == "in" and e["id"] == queued["id"]
                ),
                start=start,
            )
            assert answered["ok"] is False  # answered without running: cancelled
            panel.command("release")
            long.result(WAIT)
    assert call.returncode == 130, err
    assert out == ""
    (line,) = err.strip().splitlines()
    assert line.startswith("aerpc call: interrupted get_project_state before After Effects started")
    assert "aerpc hosts" in line
    assert [method for method, _ in started(panel, start)] == ["add_item"]


def test_ctrl_c_in_aerpc_call_reports_a_running_call_as_running(tmp_path: Path) -> None:
    with busy_stage(tmp_path, busy_after=0) as (server, panel, watch):
        start = panel.mark()
        call = aerpc(server, "call", "add_item", "name=busy_running", "item_type=folder")
        panel.wait_event(is_eval("held", "add_item"), start=start)
        watch.until(running("add_item"))
        call.send_signal(signal.SIGINT)
        _out, err = call.communicate(timeout=WAIT)
        assert call.returncode == 130, err
        (line,) = [x for x in err.strip().splitlines() if "interrupted" in x]
        assert "still running in After Effects" in line
        assert "aerpc hosts" in line
        assert "Traceback" not in err
        # it runs on in After Effects, as the line said: ExtendScript cannot be stopped
        panel.command("release")
        panel.wait_event(is_eval("done", "add_item"), start=start)
        assert panel.run(FOLDERS).count("busy_running") == 1


def test_ctrl_c_in_the_shell_interrupts_the_call_and_returns_to_the_prompt(
    tmp_path: Path,
) -> None:
    with busy_stage(tmp_path, busy_after=math.inf) as (server, panel, watch):
        start = panel.mark()
        with long_call(server, watch, "busy_s") as long:
            shell = aerpc(server, "shell", stdin=subprocess.PIPE)
            lines = _lines(shell)
            assert shell.stdin is not None
            shell.stdin.write("get_project_state\n")
            shell.stdin.flush()
            queued = panel.wait_event(is_request("get_project_state"), start=start)
            shell.send_signal(signal.SIGINT)
            said = lines.get(timeout=WAIT)
            assert said.startswith("! aerpc shell: interrupted get_project_state before")
            panel.wait_event(is_request("rpc.cancel", cancels=queued["id"]), start=start)
            panel.command("release")
            long.result(WAIT)
            # back at the prompt: the next line runs
            shell.stdin.write("get_app_version\n")
            shell.stdin.flush()
            assert lines.get(timeout=WAIT) == f'"{panel.run("app.version")}"'
            shell.stdin.close()
            assert shell.wait(timeout=WAIT) == 0
    assert [method for method, _ in started(panel, start)] == ["add_item", "get_app_version"]


def _lines(proc: subprocess.Popen[str]) -> queue.Queue[str]:
    """The process's stdout lines, as they come (read on a thread)."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line.rstrip("\n"))

    threading.Thread(target=read, daemon=True).start()
    return lines
