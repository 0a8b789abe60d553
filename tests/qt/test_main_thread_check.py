"""The blocking facade on a Qt main thread: one warning naming aerpc.qt, or an error when
refused; nothing off the main thread, nothing without a QApplication, and Qt is never imported
by the check itself."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import warnings

import pytest
from pytestqt.qtbot import QtBot

from aerpc.aftereffects import AfterEffects
from aerpc.qt import BlockingOnQtMainThread, QtMainThreadWarning, refuse_blocking_on_qt_main_thread
from aerpc.runtime.qt_thread import on_qt_main_thread

from .conftest import WAIT, Sim


def test_blocking_on_the_qt_main_thread_warns_once(qtbot: QtBot, sim: Sim) -> None:
    ae = AfterEffects(sim.host)
    with pytest.warns(QtMainThreadWarning, match=r"get_app_version: .*aerpc\.qt") as caught:
        version = ae.get_app_version()
    assert version
    assert caught[0].filename == __file__  # points at the caller's line
    with warnings.catch_warnings(record=True) as again:
        warnings.simplefilter("always")
        ae.get_items(comps=True)
    assert [w for w in again if issubclass(w.category, QtMainThreadWarning)] == []


def test_refused_blocking_raises_and_sends_nothing(qtbot: QtBot, sim: Sim) -> None:
    refuse_blocking_on_qt_main_thread()
    mark = sim.panel.mark()
    with pytest.raises(BlockingOnQtMainThread, match=r"aerpc\.qt"):
        AfterEffects(sim.host).get_app_version()
    assert sim.requests("get_app_version", mark) == []


def test_no_warning_off_the_main_thread(qtbot: QtBot, sim: Sim) -> None:
    refuse_blocking_on_qt_main_thread()  # an error would show as clearly as a warning
    outcome: list[object] = []

    def work() -> None:
        outcome.append(on_qt_main_thread())
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            outcome.append(AfterEffects(sim.host).get_app_version())
        outcome.append([w.category for w in caught])

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(WAIT)
    assert on_qt_main_thread()  # here, with pytest-qt's QApplication
    assert outcome[0] is False
    assert isinstance(outcome[1], str)
    assert outcome[2] == []


CHILD = textwrap.dedent(
    """
    import sys, warnings
    from aerpc.runtime import qt_thread
    warnings.simplefilter("error")
    qt_thread.refuse_blocking_on_qt_main_thread()
    qt_thread.check_blocking_call("get_items")  # no Qt loaded: nothing to say
    assert not [m for m in sys.modules if m.split(".")[0] in ("PySide6", "PyQt6", "qtpy")]
    import PySide6.QtCore
    qt_thread.check_blocking_call("get_items")  # Qt loaded, no application: nothing either
    app = PySide6.QtCore.QCoreApplication([])
    try:
        qt_thread.check_blocking_call("get_items")
    except qt_thread.BlockingOnQtMainThread:
        print("refused with an application")
    """
)


def test_without_qt_or_without_an_application_nothing_is_said() -> None:
    run = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=WAIT, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "refused with an application"
