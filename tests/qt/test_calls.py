"""QtCalls from a real Qt main thread against the simulated After Effects: the window keeps
running during a slow host call, outcomes arrive on the calling thread as typed signals, cancel
before the call is handed over means it never reaches the host, closing the window leaks
nothing."""

from __future__ import annotations

import itertools
import threading
import time

import pytest
from pytestqt.qtbot import QtBot
from qtpy.QtCore import QTimer
from qtpy.QtGui import QCloseEvent
from qtpy.QtWidgets import QWidget

from aerpc.aftereffects import ItemNotFound
from aerpc.aftereffects.types import JsonValue, ProjectItem
from aerpc.qt import QtCall, QtCalls

from .conftest import WAIT, Sim

WAIT_MS = int(WAIT * 1000)
TICK_MS = 10
MAX_GAP = 0.100  # the longest pause of the 10 ms timer the issue allows during a host call


def _qt_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "aerpc-qt" and t.is_alive()]


def test_timer_keeps_firing_during_a_slow_host_call(qtbot: QtBot, sim: Sim) -> None:
    script = sim.slow_script(2000, "slept")
    ticks: list[float] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(TICK_MS)
    delivered_on: list[int] = []
    with QtCalls() as qt:
        call: QtCall[JsonValue] = qt.call(sim.ae.run_jsx_file, path=script)
        call.on_finished(lambda _: delivered_on.append(threading.get_ident()))
        started = time.monotonic()
        with qtbot.waitSignal(call.finished, timeout=WAIT_MS) as blocker:
            pass
        took = time.monotonic() - started
        timer.stop()
    assert blocker.args == ["slept"]
    assert call.result() == "slept"
    assert delivered_on == [threading.get_ident()]  # the main thread, which made the call
    assert took >= 1.9, f"the host call was not slow ({took:.2f} s): the test proves nothing"
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    assert len(ticks) > 50, f"the timer barely ran: {len(ticks)} ticks in {took:.2f} s"
    assert max(gaps) <= MAX_GAP, f"the timer paused {max(gaps) * 1000:.0f} ms: {len(ticks)} ticks"


def test_result_is_typed_and_arrives_on_the_calling_thread(qtbot: QtBot, sim: Sim) -> None:
    comps: list[list[ProjectItem]] = []
    threads: list[int] = []
    with QtCalls() as qt:
        call = qt.call(sim.ae.get_items, comps=True)
        assert call.state == "waiting"  # handed to the loop when the event loop runs again
        call.on_finished(comps.append).on_finished(lambda _: threads.append(threading.get_ident()))
        with qtbot.waitSignal(call.finished, timeout=WAIT_MS):
            pass
        assert qt.pending == 0
    assert call.done
    assert comps
    assert comps[0]
    assert all(item["type"] == "comp" for item in comps[0])
    assert threads == [threading.get_ident()]


def test_an_error_arrives_as_the_generated_error_class(qtbot: QtBot, sim: Sim) -> None:
    errors: list[Exception] = []
    finished: list[object] = []
    with QtCalls() as qt:
        call = qt.call(sim.ae.get_comp_properties, comp_id=987654)
        call.on_failed(errors.append).on_finished(finished.append)
        with qtbot.waitSignal(call.failed, timeout=WAIT_MS):
            pass
    assert finished == []
    assert len(errors) == 1, errors
    assert isinstance(errors[0], ItemNotFound), errors
    with pytest.raises(ItemNotFound):
        call.result()


def test_cancel_before_the_call_starts_never_runs_at_the_host(qtbot: QtBot, sim: Sim) -> None:
    comp_id = sim.panel.run("app.project.activeItem === null ? 1 : app.project.activeItem.id")
    name_before = sim.panel.run(f"app.project.itemByID({comp_id}).name")
    mark = sim.panel.mark()
    outcomes: list[object] = []
    with QtCalls() as qt:
        call = qt.call(sim.ae.rename_item, item_id=comp_id, name="renamed_by_a_cancelled_call")
        call.on_finished(outcomes.append).on_failed(outcomes.append)
        with qtbot.waitSignal(call.cancelled, timeout=0):
            assert call.cancel()
        assert not call.cancel()  # once
        # a later call on the same loop and socket: had the first been sent, it came before
        after = qt.call(sim.ae.get_app_version)
        with qtbot.waitSignal(after.finished, timeout=WAIT_MS):
            pass
    assert call.state == "cancelled"
    assert outcomes == []
    assert sim.requests("get_app_version", mark), "the later call did not reach the panel"
    assert sim.requests("rename_item", mark) == []
    assert sim.panel.run(f"app.project.itemByID({comp_id}).name") == name_before
    with pytest.raises(RuntimeError, match="cancelled"):
        call.result()


class _Tool(QWidget):
    """A tool window that closes its calls when it closes."""

    def __init__(self) -> None:
        super().__init__()
        self.qt = QtCalls(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.qt.close()
        super().closeEvent(event)


def test_closing_the_window_during_a_call_leaks_nothing(qtbot: QtBot, sim: Sim) -> None:
    script = sim.slow_script(1500, "too_late")
    window = _Tool()
    qtbot.addWidget(window)
    window.show()
    outcomes: list[object] = []
    mark = sim.panel.mark()
    call = window.qt.call(sim.ae.run_jsx_file, path=script)
    call.on_finished(outcomes.append).on_failed(outcomes.append)
    qtbot.waitUntil(lambda: bool(sim.requests("run_jsx_file", mark)), timeout=WAIT_MS)
    assert sim.host.pending == 1
    window.close()
    assert call.state == "cancelled"
    assert window.qt.loop_thread is None
    assert _qt_threads() == []
    assert window.qt.pending == 0
    qtbot.waitUntil(lambda: sim.host.pending == 0, timeout=WAIT_MS)  # the host was told
    # the host's late answer (once the script ends) reaches no one: a call made afterwards, which
    # the panel runs only after the script, settles while the first stays silent
    with QtCalls() as qt:
        after = qt.call(sim.ae.get_app_version)
        with qtbot.waitSignal(after.finished, timeout=WAIT_MS):
            pass
    sim.panel.wait_event(
        lambda e: e["event"] == "eval" and e["phase"] == "done" and e["method"] == "run_jsx_file",
        start=mark,
    )
    assert outcomes == []
    assert _qt_threads() == []
    assert sim.host.pending == 0
    with pytest.raises(RuntimeError, match="closed"):
        window.qt.call(sim.ae.get_app_version)


def test_a_call_from_another_qt_thread_answers_there(qtbot: QtBot, sim: Sim) -> None:
    """Signals come back to the thread that made the call, not to the main thread."""
    from qtpy.QtCore import QObject, QThread, Signal

    class Worker(QObject):
        done = Signal(object, object)

        def __init__(self, qt: QtCalls) -> None:
            super().__init__()
            self.qt = qt
            self.keep: list[object] = []

        def go(self) -> None:
            made_on = threading.get_ident()
            call = self.qt.call(sim.ae.get_app_version)
            self.keep.append(call)
            call.on_finished(lambda v: self.done.emit(made_on, (v, threading.get_ident())))

    thread = QThread()
    with QtCalls() as qt:
        worker = Worker(qt)
        worker.moveToThread(thread)
        thread.started.connect(worker.go)
        with qtbot.waitSignal(worker.done, timeout=WAIT_MS) as blocker:
            thread.start()
        thread.quit()
        assert thread.wait(WAIT_MS)
    made_on, (version, answered_on) = blocker.args
    assert isinstance(version, str)
    assert version
    assert answered_on == made_on != threading.get_ident()
