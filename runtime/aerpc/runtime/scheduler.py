"""Who gets After Effects next, and what it is doing now: the host calls' scheduler (no I/O).

After Effects runs one script at a time. A call sent while nothing of the server's is at the
panel counts as running from its send (it goes with ``"aerpc": {"idle": true}``); the panel
reports when any other host call starts running (it waited there), and when one that
outlived its answer (timed out) ends (:data:`RUN_NOTIFICATION`), so the server knows which call
runs, for whom and since when (:class:`HostStatus`), with no report for the common case of one
call at a time.

Calls wait here, at the server, where they can be seen and cancelled, and go to the panel in
this order (:meth:`HostScheduler.release`):

* while a call has been running for :data:`LONG_RUN` seconds or more, nothing is sent: the
  calls wait here until it ends (they could not start anyway), so a call made during a render
  is known never to have reached the panel, and its caller can be told what it waits behind;
* then the pipeline's calls first, all of them (the panel's own queue pipelines them);
* then the tools' calls, round-robin by tool, with at most :data:`TOOL_CAP` calls of each tool
  at the panel: a tool flooding the relay puts at most that many short calls between the
  pipeline and After Effects.
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final

from .errors import HostBusy, RpcTimeout
from .pending import PendingCall

__all__ = [
    "LONG_RUN",
    "PIPELINE",
    "RUN_NOTIFICATION",
    "TOOL_CAP",
    "Caller",
    "HostScheduler",
    "HostStatus",
    "PanelRun",
    "QueuedCall",
    "RunningCall",
]

RUN_NOTIFICATION: Final = "aerpc.run"
"""From the panel: ``{"id", "state": "started" | "ended"}`` (``ended`` only for a call whose
answer was sent before it ended, e.g. a timed-out one)."""

LONG_RUN: Final = 0.25
"""Seconds a call runs before the next calls wait at the server behind it."""

TOOL_CAP: Final = 2
"""At most this many calls of one tool at the panel (running or in its queue)."""


_GIVEN_UP = 256
"""Calls given up at the panel whose end is still awaited, at most (the oldest are forgotten)."""


class Caller:
    """Who made a host call: ``"pipeline"``, or a tool (its hello's app name and session).
    ``call_id`` is set by :class:`~aerpc.runtime.Host` when the call begins."""

    __slots__ = ("call_id", "name", "session")

    def __init__(self, name: str, session: str | None = None):
        self.name = name
        self.session = session
        self.call_id: str | None = None

    @property
    def is_tool(self) -> bool:
        return self.session is not None

    def __repr__(self) -> str:
        return f"<Caller {self.name} {self.session or ''}>"


PIPELINE: Final = Caller("pipeline")


@dataclass(frozen=True, slots=True)
class RunningCall:
    """The host call running in After Effects: id, method, caller, tool session, seconds."""

    id: str
    method: str
    caller: str
    session: str | None
    elapsed: float

    def to_json(self) -> dict[str, Any]:
        return _call_json(self, elapsed_s=round(self.elapsed, 3))


@dataclass(frozen=True, slots=True)
class QueuedCall:
    """A host call waiting to run: ``where`` it waits (``"panel"``: sent, in the panel's queue;
    ``"server"``: not sent yet) and for how many seconds since it began."""

    id: str
    method: str
    caller: str
    session: str | None
    waited: float
    where: str

    def to_json(self) -> dict[str, Any]:
        return _call_json(self, waited_s=round(self.waited, 3), where=self.where)


def _call_json(call: RunningCall | QueuedCall, **more: object) -> dict[str, Any]:
    return {
        "id": call.id,
        "method": call.method,
        "caller": call.caller,
        "session": call.session,
        **more,
    }


@dataclass(frozen=True, slots=True)
class HostStatus:
    """What the host is doing: ``running`` (None: idle, as far as the panel said) and the calls
    ``queued`` behind it, in the order they will run; ``connected``: a host is attached."""

    connected: bool
    running: RunningCall | None
    queued: tuple[QueuedCall, ...]

    @property
    def busy(self) -> bool:
        return self.running is not None

    def waiting_behind(self) -> str | None:
        """``"render (42 s)"`` when a call runs, else None (for progress lines)."""
        if self.running is None:
            return None
        return f"{self.running.method} ({self.running.elapsed:.0f} s)"

    def to_json(self) -> dict[str, Any]:
        return {
            "connected": self.connected,
            "running": None if self.running is None else self.running.to_json(),
            "queued": [q.to_json() for q in self.queued],
        }


class PanelRun:
    """A call sent to the panel: id, method, caller and since when it runs or waits there."""

    __slots__ = ("caller", "id", "method", "since")

    def __init__(self, id: str, method: str, caller: Caller, since: float):
        self.id, self.method, self.caller, self.since = id, method, caller, since


class HostScheduler:
    """The order calls go to the panel in, and what runs there (module doc).

    ``live(id)``: whether a call still awaits its reply (a held call whose caller gave up is
    skipped). Every method takes the time (``now``, the loop's clock) where it matters.
    """

    def __init__(
        self, live: Callable[[str], bool], *, long_run: float = LONG_RUN, tool_cap: int = TOOL_CAP
    ):
        self.long_run = long_run
        self.tool_cap = tool_cap
        self._live = live
        self._pipeline: collections.deque[tuple[PendingCall, Caller]] = collections.deque()
        self._tools: collections.OrderedDict[str, collections.deque[tuple[PendingCall, Caller]]]
        self._tools = collections.OrderedDict()
        self._at_panel: dict[str, PanelRun] = {}  # sent, not answered (running or queued there)
        self._running: PanelRun | None = None
        # sent, then given up by their caller (rpc.cancel): the panel drops them unless one
        # had just started; they count for nothing, but a "started" for one is believed
        self._given_up: collections.OrderedDict[str, PanelRun] = collections.OrderedDict()

    # -- the calls -------------------------------------------------------------------------------

    def hold(self, call: PendingCall, caller: Caller) -> None:
        """A call begins: it waits here until :meth:`release` lets it go."""
        if caller.session is None:
            self._pipeline.append((call, caller))
        else:
            self._tools.setdefault(caller.session, collections.deque()).append((call, caller))

    def release(self, now: float) -> list[tuple[PendingCall, Caller]]:
        """The calls to send to the panel now (module doc); they count as at the panel, and
        when nothing was there, the first counts as running from now (:meth:`is_running`)."""
        out: list[tuple[PendingCall, Caller]] = []
        running = self._running
        if running is not None and now - running.since >= self.long_run:
            return out
        idle = running is None and not self._at_panel
        while self._pipeline:
            entry = self._pipeline.popleft()
            if self._live(entry[0].id):
                out.append(entry)
        if self._tools:
            self._release_tools(out)
        for call, caller in out:
            self._at_panel[call.id] = PanelRun(call.id, call.method, caller, now)
        if idle and out:
            self._running = self._at_panel[out[0][0].id]
        return out

    def unsent(self, call: PendingCall, caller: Caller) -> None:
        """A released call could not be written (the socket is closing): it waits here again,
        first in its line."""
        self._at_panel.pop(call.id, None)
        if self._running is not None and self._running.id == call.id:
            self._running = None
        if caller.session is None:
            self._pipeline.appendleft((call, caller))
        else:
            queue = self._tools.setdefault(caller.session, collections.deque())
            queue.appendleft((call, caller))

    def resent(self, call: PendingCall, caller: Caller, now: float) -> None:
        """A call sent again after a reconnect is at the panel again."""
        self._at_panel[call.id] = PanelRun(call.id, call.method, caller, now)

    def abandoned(self, call_id: str) -> None:
        """The caller gave up on a call (it was sent ``rpc.cancel`` if sent): unless it runs,
        the panel drops it, so it no longer holds the panel."""
        if self._running is None or self._running.id != call_id:
            run = self._at_panel.pop(call_id, None)
            if run is not None:
                self._given_up[call_id] = run
                if len(self._given_up) > _GIVEN_UP:
                    self._given_up.popitem(last=False)

    # -- what the panel says ---------------------------------------------------------------------

    def started(self, call_id: str, now: float) -> bool:
        """The panel started ``call_id`` (so the one before it ended); False if unknown."""
        run = self._at_panel.get(call_id)
        if run is None:
            run = self._given_up.pop(call_id, None)
            if run is not None:
                self._at_panel[call_id] = run  # it started after all: it runs till it ends
        if self._running is not None and self._running.id != call_id:
            self._at_panel.pop(self._running.id, None)
        if run is None:
            self._running = None
            return False
        run.since = now
        self._running = run
        return True

    def ended(self, call_id: str) -> bool:
        """``call_id`` ended at the panel (its reply, or the panel's ``ended``); whether that
        changed what runs or waits there."""
        run = self._at_panel.pop(call_id, None)
        if self._given_up:
            self._given_up.pop(call_id, None)
        if self._running is not None and self._running.id == call_id:
            self._running = None
            return True
        return run is not None

    def detached(self) -> None:
        """The host went away: nothing runs or waits at a panel (the held calls stay)."""
        self._at_panel.clear()
        self._given_up.clear()
        self._running = None

    def clear(self) -> None:
        """The server stops."""
        self.detached()
        self._pipeline.clear()
        self._tools.clear()

    # -- questions -------------------------------------------------------------------------------

    @property
    def holding(self) -> bool:
        """Whether calls wait here (some may be given up already; :meth:`release` skips them)."""
        return bool(self._pipeline) or bool(self._tools)

    @property
    def running(self) -> PanelRun | None:
        """The call the panel said runs now (id, method, caller, since), if any."""
        return self._running

    def is_running(self, call_id: str) -> bool:
        return self._running is not None and self._running.id == call_id

    def busy(self, call: PendingCall, now: float) -> RpcTimeout:
        """The error of ``call`` whose deadline passed before it ran: :class:`HostBusy` naming
        what held the host, if anything did, else a plain :class:`RpcTimeout`."""
        maybe_applied = call.sent_to is not None  # sent: the panel may be starting it now
        if self.is_running(call.id):
            return RpcTimeout(call.method, call.timeout)
        ahead = self._running  # None: the panel did not say it runs anything (an older one)
        if ahead is None:
            return RpcTimeout(call.method, call.timeout, maybe_applied=maybe_applied)
        return HostBusy(
            call.method,
            call.timeout,
            running=ahead.method,
            caller=ahead.caller.name,
            elapsed=now - ahead.since,
            maybe_applied=maybe_applied,
        )

    def status(self, now: float, *, connected: bool) -> HostStatus:
        """What runs and what waits (module doc), in the order they will run."""
        running = self._running
        current = (
            None
            if running is None
            else RunningCall(
                running.id,
                running.method,
                running.caller.name,
                running.caller.session,
                now - running.since,
            )
        )
        queued: list[QueuedCall] = [
            QueuedCall(r.id, r.method, r.caller.name, r.caller.session, now - r.since, "panel")
            for r in self._at_panel.values()
            if running is None or r.id != running.id
        ]
        for call, who in self._held():
            waited = now - call.t0
            queued.append(QueuedCall(call.id, call.method, who.name, who.session, waited, "server"))
        return HostStatus(connected, current, tuple(queued))

    # -- internals -------------------------------------------------------------------------------

    def _held(self) -> Iterator[tuple[PendingCall, Caller]]:
        for entry in self._pipeline:
            if self._live(entry[0].id):
                yield entry
        for queue in self._tools.values():
            for entry in queue:
                if self._live(entry[0].id):
                    yield entry

    def _release_tools(self, out: list[tuple[PendingCall, Caller]]) -> None:
        """Take the tools' calls round-robin, each tool up to its cap at the panel."""
        at_panel = collections.Counter(r.caller.session for r in self._at_panel.values())
        tools, live, cap = self._tools, self._live, self.tool_cap
        progress = True
        while tools and progress:
            progress = False
            for session in list(tools):
                queue = tools[session]
                while queue and not live(queue[0][0].id):
                    queue.popleft()
                if not queue:
                    del tools[session]
                    continue
                if at_panel[session] >= cap:
                    continue
                out.append(queue.popleft())
                at_panel[session] += 1
                progress = True
                tools.move_to_end(session)  # round-robin: this tool goes last
                if not queue:
                    del tools[session]
