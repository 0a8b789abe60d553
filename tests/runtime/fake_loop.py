"""A fake event loop for the runtime's timer code: ``time()`` is a number the test moves, and
timers run only when the test advances the clock past them. Enough of the loop's interface for
``Host``, ``Peer.keep_alive`` and ``Dispatcher`` (``time``, ``call_at``, ``call_later``,
``call_soon``, ``call_soon_threadsafe``), so their timing is checked exactly, not measured."""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable
from typing import Any


class FakeTimer:
    """A scheduled callback (the part of ``asyncio.TimerHandle`` the runtime uses)."""

    def __init__(self, when: float, callback: Callable[..., object], args: tuple[Any, ...]):
        self._when = when
        self.callback = callback
        self.args = args
        self.cancelled = False

    def when(self) -> float:
        return self._when

    def cancel(self) -> None:
        self.cancelled = True


class FakeLoop:
    """The clock starts at ``now``; :meth:`advance` moves it, running what falls due in order."""

    def __init__(self, now: float = 1000.0):
        self.now = now
        self._timers: list[tuple[float, int, FakeTimer]] = []
        self._order = itertools.count()

    def time(self) -> float:
        return self.now

    def call_at(self, when: float, callback: Callable[..., object], *args: Any) -> FakeTimer:
        timer = FakeTimer(when, callback, args)
        heapq.heappush(self._timers, (when, next(self._order), timer))
        return timer

    def call_later(self, delay: float, callback: Callable[..., object], *args: Any) -> FakeTimer:
        return self.call_at(self.now + delay, callback, *args)

    def call_soon(self, callback: Callable[..., object], *args: Any) -> FakeTimer:
        return self.call_at(self.now, callback, *args)

    call_soon_threadsafe = call_soon

    def is_running(self) -> bool:
        return True

    @property
    def timers(self) -> list[float]:
        """When the live timers fall due, in order."""
        return sorted(when for when, _, timer in self._timers if not timer.cancelled)

    def advance(self, seconds: float = 0.0) -> None:
        """Move the clock ``seconds`` on, running each timer due by then at its own time."""
        until = self.now + seconds
        while self._timers and self._timers[0][0] <= until:
            when, _, timer = heapq.heappop(self._timers)
            if timer.cancelled:
                continue
            self.now = max(self.now, when)
            timer.callback(*timer.args)
        self.now = until
