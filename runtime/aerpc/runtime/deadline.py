"""The caller's deadline, as a handler sees it: :func:`time_left`.

A pipeline handler runs for a caller that stops waiting at its deadline (the request's
``aerpc.timeout_ms``, else the method's ``x-timeout-ms``). While the handler runs, sync in its
thread or async in its task, :func:`time_left` says how many seconds of that deadline remain,
so the handler can bound its own work, or a call it makes to the host::

    def build_workfile(self, *, template: str) -> None:
        ae.import_file(path=template, options=CallOptions(timeout=time_left()))
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["time_left"]

T = TypeVar("T")

_deadline: contextvars.ContextVar[float | None] = contextvars.ContextVar(
    "aerpc_deadline", default=None
)  # time.monotonic() at which the caller of the request being served stops waiting


def time_left() -> float | None:
    """Seconds until the caller of the request this handler serves stops waiting (0.0 once
    passed); None outside a handler, or for a caller with no deadline."""
    deadline = _deadline.get()
    if deadline is None:
        return None
    return max(0.0, deadline - time.monotonic())


def run_until(deadline: float | None, fn: Callable[..., T], /, **kwargs: Any) -> T:
    """``fn(**kwargs)`` with :func:`time_left` counting down to ``deadline`` (monotonic)."""
    token = _deadline.set(deadline)
    try:
        return fn(**kwargs)
    finally:
        _deadline.reset(token)


def set_deadline(deadline: float | None) -> None:
    """Set the deadline for the rest of the current task (an async handler's own task)."""
    _deadline.set(deadline)
