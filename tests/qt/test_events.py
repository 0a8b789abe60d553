"""Render progress and host events as Qt signals: ``qt.call(ae.render, ...)`` emits the
handle's ``progress`` with each ``render_progress`` event, and ``qt.events(...)`` turns a host
event into a signal, both on the thread that made them (the simulated After Effects)."""

from __future__ import annotations

import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from aerpc.aftereffects.types import ProjectItem, RenderFinished, RenderOutput, RenderProgress
from aerpc.qt import QtCall, QtCalls

from .conftest import WAIT, Sim

WAIT_MS = int(WAIT * 1000)


def _comp(qtbot: QtBot, qt: QtCalls, sim: Sim, name: str) -> int:
    call = qt.call(sim.ae.get_items, comps=True)
    with qtbot.waitSignal(call.finished, timeout=WAIT_MS):
        pass
    items: list[ProjectItem] = call.result()
    return next(item["id"] for item in items if item["name"] == name)


def test_a_render_emits_progress_then_finished_and_events_arrive_as_signals(
    qtbot: QtBot, sim: Sim, tmp_path: Path
) -> None:
    updates: list[RenderProgress] = []
    finishes: list[RenderFinished] = []
    threads: set[int] = set()
    with QtCalls() as qt:
        comp = _comp(qtbot, qt, sim, "sh010_comp")
        finished = qt.events(sim.ae.events.render_finished, finishes.append)
        finished.on_received(lambda _: threads.add(threading.get_ident()))
        call: QtCall[list[RenderOutput]] = qt.call(
            sim.ae.with_timeout(WAIT).render, comp_id=comp, output_dir=str(tmp_path)
        )
        call.progress.connect(updates.append)
        call.progress.connect(lambda _: threads.add(threading.get_ident()))
        with qtbot.waitSignal(call.finished, timeout=WAIT_MS):
            pass
        qtbot.waitUntil(lambda: bool(finishes), timeout=WAIT_MS)
    assert finished.closed, "closing the QtCalls ends its event subscriptions"
    assert updates, "no progress signal"
    assert updates[-1]["status"] == "done"
    assert {u["render_id"] for u in updates} == {finishes[0]["render_id"]}
    assert finishes[0]["ok"] is True
    assert threads == {threading.get_ident()}, "emitted on the thread that made them"


def test_no_progress_for_a_method_without_progress_events(qtbot: QtBot, sim: Sim) -> None:
    updates: list[object] = []
    with QtCalls() as qt:
        call = qt.call(sim.ae.get_project_state)
        call.progress.connect(updates.append)
        with qtbot.waitSignal(call.finished, timeout=WAIT_MS):
            pass
    assert updates == []
