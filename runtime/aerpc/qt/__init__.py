"""Call After Effects from a Qt window without freezing it (``pip install 'aerpc[qt]'``).

Qt comes through ``qtpy``: PySide6, PySide2, PyQt6 and PyQt5 all work. :class:`QtCalls` runs
the calls of an async client (``AsyncAfterEffects(host)``) on an asyncio loop of its own, on a
thread of its own; each call returns a :class:`QtCall` whose signals arrive on the thread that
made the call::

    qt = QtCalls(parent=window)
    ae = AsyncAfterEffects(host)
    qt.call(ae.get_items, comps=True).on_finished(window.show_comps)  # list[ProjectItem]

See docs/qt.md. A blocking call on the Qt main thread warns once
(:class:`QtMainThreadWarning`); :func:`refuse_blocking_on_qt_main_thread` makes it an error.
"""

from __future__ import annotations

from aerpc.runtime.qt_thread import (
    BlockingOnQtMainThread,
    QtMainThreadWarning,
    refuse_blocking_on_qt_main_thread,
)

try:
    import qtpy  # noqa: F401  (picks the installed binding, or says none is)
except ImportError as exc:  # qtpy missing, or no Qt binding installed
    raise ImportError(
        f"aerpc.qt needs qtpy and a Qt binding ({exc}): pip install 'aerpc[qt]' PySide6"
    ) from exc

from .calls import QtCall, QtCalls, QtEvent

__all__ = [
    "BlockingOnQtMainThread",
    "QtCall",
    "QtCalls",
    "QtEvent",
    "QtMainThreadWarning",
    "refuse_blocking_on_qt_main_thread",
]
