"""The panel's capabilities announcement end to end: the built extension on the simulated After
Effects tells the server whether its ExtendScript can dispatch events (``aerpc.event`` with
``{"capabilities": {"extendscript_events": bool}}``, docs/wire-extensions.md), after each hello,
and a render's ``on_progress`` (``CallProgress``) decides from it whether to wait for events
trailing the reply (docs/events.md). Whether it waited is read from ``CallProgress.waited`` and
the DEBUG log of ``aerpc.events``, never from the clock."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aerpc.aftereffects import CONTRACT, AfterEffects
from aerpc.runtime import Server
from aerpc.runtime.events import CallProgress
from aerpc.testing.simulator import REPO_ROOT, SimulatedPanel, panel_env

from .conftest import WAIT, needs_simulator

pytestmark = needs_simulator

NOT_WAITING = "render_progress: the call returned; nothing to wait for, not waiting"


@contextlib.contextmanager
def panel_on_server(tmp_path: Path, *extra: str) -> Iterator[tuple[Server, SimulatedPanel]]:
    """A server with the simulated After Effects (demo project, ``extra`` options) as its host."""
    server = Server(port=0, contract=CONTRACT, relay=True)
    server.start()
    try:
        args = ["--no-launched", "--sim-project", "demo", "--work-dir", str(tmp_path / "ae")]
        with SimulatedPanel(
            [*args, "--reconnect-initial-ms", "20", *extra],
            panel_env(server.launch_env()),
            cwd=REPO_ROOT,
            timeout=WAIT,
            name="capabilities-panel",
        ) as panel:
            server.wait_for_host(timeout=WAIT)
            yield server, panel
    finally:
        server.stop()


def announced(server: Server) -> bool | None:
    """What the host announced, once a call's reply came back: the panel sends its
    announcement right after the hello, so on the same socket it arrives before any reply."""
    AfterEffects(server.host).with_timeout(WAIT).get_project_state()
    return server.host.events.extendscript_events


@pytest.mark.parametrize("plugplug", [True, False], ids=["plugplug", "no-plugplug"])
def test_render_progress_waits_only_when_the_panel_announced_extendscript_events(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, plugplug: bool
) -> None:
    """No render event arrived during the call: ``on_progress`` waits for trailing ones only
    if the host said ExtendScript can dispatch them. ``linger=0``: a wait, if decided, ends at
    once (the decision is what is checked)."""
    extra = [] if plugplug else ["--no-plugplug"]
    with panel_on_server(tmp_path, *extra) as (server, _):
        assert announced(server) is plugplug
        heard: list[Any] = []
        with caplog.at_level(logging.DEBUG, logger="aerpc.events"):
            watch = CallProgress(server.host.events, "render_progress", heard.append, linger=0)
            with watch:
                AfterEffects(server.host).with_timeout(WAIT).get_project_state()
    assert heard == []
    assert watch.waited is plugplug
    decided = [r.getMessage() for r in caplog.records if "the call returned" in r.getMessage()]
    assert len(decided) == 1, decided
    assert (decided[0] == NOT_WAITING) is not plugplug, decided


def test_render_on_progress_without_plugplug_does_not_wait_and_the_panel_says_so_again_after_a_drop(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """``--no-plugplug``: a render's ``on_progress`` returns without waiting; the server forgets
    the announcement when the panel's socket drops, and the panel makes it again on its new
    connection."""
    with panel_on_server(tmp_path, "--no-plugplug") as (server, panel):
        client = AfterEffects(server.host).with_timeout(WAIT)
        comp = next(c["id"] for c in client.get_items(comps=True) if c["name"] == "sh010_comp")
        assert server.host.events.extendscript_events is False
        start = panel.mark()
        panel.command("drop")
        panel.wait_event(lambda e: e["event"] == "status" and e["status"] == "closed", start=start)
        panel.wait_event(
            lambda e: e["event"] == "status" and e["status"] == "connected", start=start
        )
        assert announced(server) is False, "announced again on the new connection"
        got: list[Any] = []
        with caplog.at_level(logging.DEBUG, logger="aerpc.events"):
            client.render(comp_id=comp, output_dir=str(tmp_path / "out"), on_progress=got.append)
    assert [p["status"] for p in got] == ["rendering"], "the panel's own start event"
    decided = [r.getMessage() for r in caplog.records if "the call returned" in r.getMessage()]
    assert decided == [NOT_WAITING]
