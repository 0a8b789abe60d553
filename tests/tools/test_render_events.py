"""Host events end to end (issue 21, Done when): the simulated After Effects through the built
extension renders the demo comp while a subscriber reads ``render_progress`` and
``render_finished``, in the pipeline (sync and async, the server's own hub) and in a tool
through ``aerpc serve`` (``RemoteHost``, the relay forwarding the events); ``host_busy`` comes
from the server and names the caller; killing the panel mid-render ends the subscriptions.

Every wait is bounded by ``WAIT`` and waits on an event (a subscription's, or the host status
listener's); nothing sleeps."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from aerpc.aftereffects import (
    CONTRACT,
    AfterEffects,
    AsyncAfterEffects,
    RenderFinished,
    RenderProgress,
)
from aerpc.runtime import ConnectionLost, HostBusy, HostStatus, Server
from aerpc.runtime.events import Subscription
from aerpc.testing.simulator import REPO_ROOT, ServeProcess, SimulatedPanel, panel_env

from .conftest import WAIT, Ae, needs_simulator, run_aerpc, sim_panel, start_panel

pytestmark = needs_simulator

Event = tuple[str, dict[str, Any]]


class Heard:
    """Progress and finish events of one subscriber, in the order they were delivered."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.finished = threading.Event()

    def progress(self, p: RenderProgress) -> None:
        self.events.append(("render_progress", dict(p)))

    def finish(self, p: RenderFinished) -> None:
        self.events.append(("render_finished", dict(p)))
        self.finished.set()


def check_render(events: list[Event], out: Path) -> None:
    """Ordered progress of one in-app render of sh010_comp, ending in its finish."""
    names = [name for name, _ in events]
    assert names[-1] == "render_finished", names
    assert names.count("render_finished") == 1, names
    assert "render_progress" in names, names
    ids = {payload["render_id"] for _, payload in events}
    assert len(ids) == 1, f"one render, one id: {ids}"
    assert {payload["source"] for _, payload in events} == {"in_app"}
    assert {payload["comp_name"] for _, payload in events} == {"sh010_comp"}
    statuses = [payload["status"] for _, payload in events]
    assert statuses[-1] == "done", statuses
    assert "rendering" in statuses, statuses
    assert statuses.index("rendering") < len(statuses) - 1
    finished = events[-1][1]
    assert finished["ok"] is True
    assert finished["error"] is None
    assert finished["outputs"] == [str(out / "sh010_comp_[#####].png")]
    totals = {p["frames_total"] for n, p in events if n == "render_progress"} - {None}
    assert totals <= {48}, totals


def test_a_pipeline_subscriber_gets_ordered_render_progress_ending_in_the_finish(
    ae: Ae, tmp_path: Path
) -> None:
    client = AfterEffects(ae.host)
    comp = ae.comp_id("sh010_comp")
    heard = Heard()
    with client.events.render_progress(heard.progress), client.events.render_finished(heard.finish):
        outputs = client.with_timeout(WAIT).render(comp_id=comp, output_dir=str(tmp_path))
        assert heard.finished.wait(WAIT), heard.events
    assert outputs[0]["file_name"] == str(tmp_path / "sh010_comp_[#####].png")
    check_render(heard.events, tmp_path)
    assert ae.host.events.stats.after_finish == 0


def test_an_async_subscriber_reads_them_with_async_for(ae: Ae, tmp_path: Path) -> None:
    comp = ae.comp_id("sh010_comp")

    async def scenario() -> list[Event]:
        client = AsyncAfterEffects(ae.host)
        progress = client.events.render_progress()
        finished = client.events.render_finished()
        await client.with_timeout(WAIT).render(comp_id=comp, output_dir=str(tmp_path))
        async with asyncio.timeout(WAIT):
            done = await anext(finished)
        progress.close()  # what is queued is still read; the loop then ends
        events: list[Event] = [("render_progress", dict(p)) async for p in progress]
        finished.close()
        return [*events, ("render_finished", dict(done))]

    check_render(asyncio.run(scenario()), tmp_path)


def test_host_busy_comes_from_the_server_and_names_the_caller(ae: Ae) -> None:
    busy = AfterEffects(ae.host).events.host_busy()
    with busy:
        AfterEffects(ae.host).get_project_state()
        start, end = busy.get(WAIT), busy.get(WAIT)
    assert start is not None
    assert end is not None
    assert (start["busy"], start["method"]) == (True, "get_project_state")
    assert start["caller"] == "pipeline"
    assert (end["busy"], end["call_id"]) == (False, start["call_id"])


# -- a tool through `aerpc serve` -------------------------------------------------------------


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[ServeProcess, Any]]:
    with ServeProcess(work_dir=tmp_path, timeout=WAIT, name="events-serve") as serve:
        panel = sim_panel(serve.launch_env, tmp_path / "ae")
        try:
            instance = panel.command("status")["result"]["instance"]
            tool = serve.tool(CONTRACT, host_instance=instance)
            try:
                yield serve, tool
            finally:
                tool.stop()
        finally:
            panel.stop()
    assert serve.returncode == 0, serve.log()


def test_a_tool_through_aerpc_serve_gets_the_same_events(
    served: tuple[ServeProcess, Any], tmp_path: Path
) -> None:
    _, tool = served
    client = AfterEffects(tool)
    comp = next(c["id"] for c in client.get_items(comps=True) if c["name"] == "sh010_comp")
    heard = Heard()
    busy = client.events.host_busy()
    with client.events.render_progress(heard.progress), client.events.render_finished(heard.finish):
        client.with_timeout(WAIT).render(comp_id=comp, output_dir=str(tmp_path / "out"))
        assert heard.finished.wait(WAIT), heard.events
    check_render(heard.events, tmp_path / "out")
    first = busy.get(WAIT)
    assert first is not None
    assert (first["busy"], first["method"]) == (True, "render")
    assert first["caller"] == "python", "a tool's calls name the tool (its hello's app name)"
    busy.close()


def test_async_tool_subscribers_end_when_the_tool_disconnects(
    served: tuple[ServeProcess, Any],
) -> None:
    serve, _ = served

    async def scenario() -> bool:
        from aerpc.runtime import RemoteHost

        async with RemoteHost(serve.url, serve.token, contract=CONTRACT) as tool:
            sub: Subscription[Any] = AsyncAfterEffects(tool).events.render_finished()
        async with asyncio.timeout(WAIT):
            async for _ in sub:
                pass
        return sub.closed

    assert asyncio.run(scenario())


# -- the panel killed mid-render --------------------------------------------------------------


@dataclass
class Held:
    """A server, the simulated After Effects as its host holding the next call in ExtendScript
    until ``release``, the id of sh010_comp, and ``running`` set once a render runs there."""

    server: Server
    panel: SimulatedPanel
    comp: int
    running: threading.Event


@contextlib.contextmanager
def held_render_stage(tmp_path: Path) -> Iterator[Held]:
    server = Server(port=0, contract=CONTRACT, relay=True, reconnect_grace=0.5)
    server.start()
    try:
        panel = start_panel(server, tmp_path / "ae")
        try:
            running = threading.Event()

            def heard(status: HostStatus) -> None:
                if status.running is not None and status.running.method == "render":
                    running.set()

            server.host.add_status_listener(heard)
            items = AfterEffects(server.host).get_items(comps=True)
            comp = next(c["id"] for c in items if c["name"] == "sh010_comp")
            panel.command("hold")  # the next call runs in ExtendScript until released
            yield Held(server, panel, comp, running)
        finally:
            panel.stop()
    finally:
        server.stop()


def test_killing_the_panel_mid_render_ends_the_subscriptions(tmp_path: Path) -> None:
    with held_render_stage(tmp_path) as held:
        client = AfterEffects(held.server.host)
        progress = client.events.render_progress()
        finished = client.events.render_finished()
        with ThreadPoolExecutor(max_workers=1) as pool:
            render = pool.submit(
                client.with_timeout(WAIT).render, comp_id=held.comp, output_dir=str(tmp_path)
            )
            assert held.running.wait(WAIT), "the render never started"
            held.panel.kill()
            with pytest.raises(ConnectionLost) as lost:
                render.result(WAIT)
        assert not isinstance(lost.value, HostBusy)
        assert finished.get(WAIT) is None, "no finish: the render never ended"
        assert finished.closed
        assert progress.closed
        while progress.get(WAIT) is not None:  # what was queued, then None at once
            pass


# -- render(..., on_progress=) ----------------------------------------------------------------


def test_render_on_progress_sync_and_async(ae: Ae, tmp_path: Path) -> None:
    comp = ae.comp_id("sh010_comp")
    got: list[RenderProgress] = []
    AfterEffects(ae.host).with_timeout(WAIT).render(
        comp_id=comp, output_dir=str(tmp_path / "sync"), on_progress=got.append
    )
    assert got, "no render_progress reached on_progress"
    assert {p["comp_name"] for p in got} == {"sh010_comp"}
    assert got[-1]["status"] == "done", "the trailing events reached it too"
    assert len({p["render_id"] for p in got}) == 1

    async_got: list[RenderProgress] = []

    async def scenario() -> None:
        client = AsyncAfterEffects(ae.host).with_timeout(WAIT)
        await client.render(
            comp_id=comp, output_dir=str(tmp_path / "async"), on_progress=async_got.append
        )

    asyncio.run(scenario())
    assert async_got, "no render_progress reached on_progress (async)"
    assert async_got[0]["render_id"] != got[0]["render_id"], "a new render, a new id"


def test_without_plugplug_the_finish_comes_before_the_reply_and_nothing_waits(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """ExtendScript cannot dispatch (``--no-plugplug``): the panel reports the call's start and
    end itself, the end before its reply, so ``render`` returns without waiting."""
    server = Server(port=0, contract=CONTRACT, relay=True)
    server.start()
    try:
        args = ["--no-launched", "--sim-project", "demo", "--work-dir", str(tmp_path / "ae")]
        with SimulatedPanel(
            [*args, "--no-plugplug"],
            panel_env(server.launch_env()),
            cwd=REPO_ROOT,
            timeout=WAIT,
            name="no-plugplug-panel",
        ):
            server.wait_for_host(timeout=WAIT)
            client = AfterEffects(server.host).with_timeout(WAIT)
            comp = next(c["id"] for c in client.get_items(comps=True) if c["name"] == "sh010_comp")
            got: list[RenderProgress] = []
            with (
                client.events.render_finished() as finished,
                caplog.at_level(logging.DEBUG, logger="aerpc.events"),
            ):
                out = str(tmp_path / "out")
                client.render(comp_id=comp, output_dir=out, on_progress=got.append)
                done = finished.get_nowait()  # already there when the call returned
    finally:
        server.stop()
    assert done is not None, "the panel's render_finished came before the reply"
    assert done["ok"] is True
    assert [p["status"] for p in got] == ["rendering"], "the panel's own start event"
    decided = [r.getMessage() for r in caplog.records if "the call returned" in r.getMessage()]
    assert decided == ["render_progress: the call returned; nothing to wait for, not waiting"]


# -- MCP: progress notifications and cancel ---------------------------------------------------


def test_an_mcp_client_hears_render_progress_for_a_render_tool_call(ae: Ae, tmp_path: Path) -> None:
    from mcp import Client

    from aerpc.aftereffects.mcp_tools import TOOLS
    from aerpc.mcp.server import build_server

    comp = ae.comp_id("sh010_comp")
    heard: list[tuple[float, float | None, str | None]] = []

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        heard.append((progress, total, message))

    async def scenario() -> Any:
        server = build_server(TOOLS, ae.host, progress_interval=WAIT)  # events, not ticks
        async with asyncio.timeout(WAIT), Client(server) as client:
            return await client.call_tool(
                "render",
                {"comp_id": comp, "output_dir": str(tmp_path)},
                progress_callback=on_progress,
            )

    result = asyncio.run(scenario())
    assert result.is_error is False, result
    assert heard, "no progress notification"
    values = [value for value, _, _ in heard]
    assert values == sorted(values), "MCP progress only grows"
    assert {total for _, total, _ in heard} == {100.0}
    assert any(m == "sh010_comp: done 100% (48/48 frames)" for _, _, m in heard), heard


def test_an_mcp_client_s_cancel_gives_the_render_up(tmp_path: Path) -> None:
    from mcp import Client

    from aerpc.aftereffects.mcp_tools import TOOLS
    from aerpc.mcp.server import build_server

    with held_render_stage(tmp_path) as held:
        host = held.server.host
        idle = threading.Event()
        host.add_status_listener(
            lambda s: idle.set() if held.running.is_set() and host.pending == 0 else None
        )

        async def scenario() -> None:
            async with asyncio.timeout(WAIT), Client(build_server(TOOLS, host)) as mcp:
                arguments = {"comp_id": held.comp, "output_dir": str(tmp_path)}
                call = asyncio.ensure_future(mcp.call_tool("render", arguments))
                assert await asyncio.to_thread(held.running.wait, WAIT), "the render never ran"
                call.cancel()  # the client sends notifications/cancelled
                with pytest.raises(asyncio.CancelledError):
                    await call
                assert await asyncio.to_thread(idle.wait, WAIT), "the server still awaits it"

        asyncio.run(scenario())
        assert host.pending == 0
        held.panel.command("release")


# -- the CLI's progress line ------------------------------------------------------------------


def test_aerpc_call_render_shows_a_progress_line(ae: Ae, tmp_path: Path) -> None:
    comp = ae.comp_id("sh010_comp")
    done = run_aerpc(
        "call",
        "render",
        f"comp_id={comp}",
        f"output_dir={tmp_path}",
        env=panel_env(ae.server.launch_env()),
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("aerpc call: ")]
    assert any(line.startswith("aerpc call: sh010_comp: ") for line in lines), done.stderr
    assert "Traceback" not in done.stderr
    assert "sh010_comp_[#####].png" in done.stdout
