"""Per-call logging and listener callbacks.

Logger ``aerpc``: one line per call at DEBUG (method, id, direction, peer, duration, outcome);
failures at INFO (an error the peer or handler declared) or WARNING (timeouts, lost
connections, broken results), with the error's class and code but not its message, which may
quote the payload (a peer's text, jsonschema's copy of a value). Payloads, those messages
included, go to the separate logger ``aerpc.payload`` at DEBUG. Tokens are never logged.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .codec import clip
from .errors import RemoteError, ResultValidationError
from .protocol import Id

__all__ = ["CallEvent", "Direction", "Listener", "Observer", "RateLimitedLog"]

log = logging.getLogger("aerpc")
payload_log = logging.getLogger("aerpc.payload")

Direction = Literal["out", "in"]
"""``out``: this side called the peer (pipeline → host); ``in``: the peer called this side."""


@dataclass(frozen=True, slots=True)
class CallEvent:
    """One call starting, ending or failing. ``duration`` is in seconds (None at start)."""

    kind: Literal["start", "end", "failed"]
    direction: Direction
    method: str
    id: Id | None
    peer: str
    duration: float | None = None
    error: BaseException | None = None


Listener = Callable[[CallEvent], object]

_ARROW = {"out": "->", "in": "<-"}


class Observer:
    """Fans call events out to the log and to listeners (errors in listeners are logged)."""

    __slots__ = ("listeners",)

    def __init__(self) -> None:
        self.listeners: list[Listener] = []

    def start(self, direction: Direction, method: str, id: Id | None, peer: str) -> None:
        if self.listeners:
            self._emit(CallEvent("start", direction, method, id, peer))

    def end(
        self, direction: Direction, method: str, id: Id | None, peer: str, duration: float
    ) -> None:
        if log.isEnabledFor(logging.DEBUG):
            log.debug(
                "%s %s %s %s ok in %.3f ms",
                _ARROW[direction],
                peer,
                clip(method),
                _id(id),
                duration * 1000,
            )
        if self.listeners:
            self._emit(CallEvent("end", direction, method, id, peer, duration))

    def fail(
        self,
        direction: Direction,
        method: str,
        id: Id | None,
        peer: str,
        duration: float,
        error: BaseException,
    ) -> None:
        level = logging.INFO if isinstance(error, RemoteError) else logging.WARNING
        if log.isEnabledFor(level):
            log.log(
                level,
                "%s %s %s %s failed in %.3f ms: %s",
                _ARROW[direction],
                peer,
                clip(method),
                _id(id),
                duration * 1000,
                _outcome(error),
            )
        if payload_log.isEnabledFor(logging.DEBUG):
            payload_log.debug("%s %s %s: %s", _ARROW[direction], clip(method), _id(id), error)
        if self.listeners:
            self._emit(CallEvent("failed", direction, method, id, peer, duration, error))

    def _emit(self, event: CallEvent) -> None:
        for listener in self.listeners:
            try:
                listener(event)
            except Exception:
                log.exception("aerpc: a call listener raised")


def _id(id: Id | None) -> str:
    return clip(id) if isinstance(id, str) else str(id)


def _outcome(error: BaseException) -> str:
    """How a call failed, quoting no payload: the class and code of a remote error (its
    message may quote the peer's values), the message of a local one (written here)."""
    name = type(error).__name__
    if isinstance(error, RemoteError):
        return f"{name} ({error.code})"
    if isinstance(error, ResultValidationError):
        return f"{name} ({len(error.errors)} error(s) in the result)"
    return f"{name}: {clip(str(error), 500)}"


class RateLimitedLog:
    """At most one WARNING per ``period`` seconds per kind; the lines in between are counted and
    reported with the next one."""

    def __init__(self, period: float = 10.0):
        self.period = period
        self._last: dict[str, float] = {}
        self._quiet: dict[str, int] = {}

    def warning(self, kind: str, text: str, *args: object) -> None:
        now = time.monotonic()
        if len(self._last) > 256:  # kinds may name what a peer sent: keep the memory bounded
            self._last.clear()
        last = self._last.get(kind)
        if last is not None and now - last < self.period:
            self._quiet[kind] = self._quiet.get(kind, 0) + 1
            return
        self._last[kind] = now
        quiet = self._quiet.pop(kind, 0)
        more = f" ({quiet} more like it in the last {self.period:g} s, not logged)" if quiet else ""
        log.warning(text + "%s", *args, more)
