"""Notice a blocking call made on a Qt main thread, where it freezes the window.

The blocking facade (``AfterEffects(host)``, through ``call_blocking``) asks
:func:`check_blocking_call` first. It looks for Qt only among the modules already imported (it
never imports Qt itself): when a ``QCoreApplication`` exists and the calling thread is its
thread, it warns once per process (:class:`QtMainThreadWarning`), naming the non-blocking way
(``aerpc.qt``); after :func:`refuse_blocking_on_qt_main_thread` it raises
:class:`BlockingOnQtMainThread` instead.
"""

from __future__ import annotations

import sys
import warnings
from typing import Any

__all__ = [
    "BlockingOnQtMainThread",
    "QtMainThreadWarning",
    "check_blocking_call",
    "on_qt_main_thread",
    "refuse_blocking_on_qt_main_thread",
]

_QT_CORE_MODULES = ("PySide6.QtCore", "PyQt6.QtCore", "PySide2.QtCore", "PyQt5.QtCore")

_ADVICE = (
    "the window freezes until After Effects answers; call through aerpc.qt instead "
    "(QtCalls(...).call(async_client.method, ...): its signals bring the result to this thread)"
)


class QtMainThreadWarning(RuntimeWarning):
    """A blocking call was made on a Qt application's main thread."""


class BlockingOnQtMainThread(RuntimeError):
    """A blocking call on a Qt main thread, refused (see
    :func:`refuse_blocking_on_qt_main_thread`)."""


_state = {"strict": False, "warned": False}


def refuse_blocking_on_qt_main_thread(refuse: bool = True) -> None:
    """Make a blocking call on a Qt main thread raise :class:`BlockingOnQtMainThread` (or, with
    ``False``, warn once again, the default)."""
    _state["strict"] = refuse


def on_qt_main_thread() -> bool:
    """Whether the caller runs on the thread of a ``QCoreApplication`` that exists now, for
    whichever Qt binding is already imported (never importing one)."""
    modules = sys.modules
    for name in _QT_CORE_MODULES:
        core: Any = modules.get(name)
        if core is None:
            continue
        app = core.QCoreApplication.instance()
        if app is not None and app.thread() == core.QThread.currentThread():
            return True
    return False


def check_blocking_call(method: str) -> None:
    """Warn once (or raise, when refused) if ``method`` is about to block a Qt main thread."""
    if not on_qt_main_thread():
        return
    message = f"{method}: a blocking call on the Qt main thread: {_ADVICE}"
    if _state["strict"]:
        raise BlockingOnQtMainThread(message)
    if not _state["warned"]:
        _state["warned"] = True
        warnings.warn(message, QtMainThreadWarning, stacklevel=4)
