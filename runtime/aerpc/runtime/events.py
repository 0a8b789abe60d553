"""Host events without I/O: the schema's event catalog, the hub that checks and fans out each
``aerpc.event`` notification, and the subscriptions that read them.

The host side (the panel) sends every event as a JSON-RPC notification (docs/wire-extensions.md,
"Events")::

    {"jsonrpc": "2.0", "method": "aerpc.event",
     "params": {"event": "render_progress", "stream": "<emitter id>", "seq": 7, "payload": {...}}}

:meth:`EventHub.receive` takes those params. A payload is validated against the event's schema
like a result; an envelope or payload that does not fit is logged and dropped, never raised.
``seq`` counts from 1 per ``stream`` (one panel page load): a number already seen is a resend and
is dropped, so nothing is delivered twice and never out of order. A ``render_finished`` closes
its ``render_id``: nothing later of the same id is delivered. :meth:`EventHub.host_gone` ends every
subscription (iterators stop, nothing more is called).

A :class:`Subscription` is a bounded queue: when a reader falls behind by ``maxsize`` events the
oldest is dropped and counted in ``dropped``. It is read by ``async for`` (on any event loop),
by ``for`` (blocking, from any thread), or by a callback the hub calls on the thread that
delivers events (keep it short). The hub is thread-safe.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Final, Generic, Protocol, TypeVar, cast, runtime_checkable

from .validation import Validator, where

__all__ = [
    "CAPABILITIES",
    "EVENT_METHOD",
    "FINISH_EVENT",
    "CallProgress",
    "EventCatalog",
    "EventHub",
    "EventSource",
    "EventSpec",
    "EventStats",
    "EventsUnavailable",
    "Subscription",
    "event_source",
    "progress_events",
    "progress_line",
    "progress_percent",
]

EVENT_METHOD: Final = "aerpc.event"
"""The reserved notification method that carries one host event."""

CAPABILITIES: Final = "capabilities"
"""The key of an ``aerpc.event`` that announces what the host can send instead of an event:
``{"capabilities": {"extendscript_events": bool}}`` (docs/wire-extensions.md)."""

FINISH_EVENT: Final = "render_finished"
"""The event that closes its ``render_id``: nothing of that id is delivered after it."""

LINGER: Final = 2.0
"""Seconds :class:`CallProgress` waits at most, once its call returned, for the finish of a
render whose progress it saw."""

DEFAULT_QUEUE: Final = 256
"""Events a subscription holds for a slow reader before it drops the oldest."""

_REMEMBERED: Final = 64
"""Streams and finished render ids remembered (older ones are forgotten first)."""

log = logging.getLogger("aerpc.events")

T = TypeVar("T")


class EventsUnavailable(RuntimeError):
    """The connection a client was built on does not deliver host events."""


@dataclass(frozen=True)
class EventSpec:
    """One event of the schema's ``x-events``: its name and its payload's validator."""

    name: str
    validator: Validator


class EventCatalog:
    """The events a schema declares (``x-events``), by name."""

    def __init__(self, specs: Mapping[str, EventSpec]) -> None:
        self.specs: Final = dict(specs)

    @classmethod
    def from_document(cls, document: Mapping[str, Any]) -> EventCatalog:
        """The catalog of an OpenRPC document (empty when it declares no events)."""
        components = document.get("components", {})
        specs: dict[str, EventSpec] = {}
        for entry in document.get("x-events", []):
            schema = {**entry["payload"], "components": components}
            specs[entry["name"]] = EventSpec(entry["name"], Validator(schema))
        return cls(specs)

    def __contains__(self, name: object) -> bool:
        return name in self.specs

    def __repr__(self) -> str:
        return f"<EventCatalog {sorted(self.specs)}>"


class Subscription(Generic[T]):
    """The events of one name, as the hub delivers them; iterate it or give it a callback.

    ``async for`` and ``for`` end when the subscription is closed: by :meth:`close`, leaving a
    ``with`` block, or the host going away (:meth:`EventHub.host_gone`).
    """

    def __init__(
        self,
        hub: EventHub,
        name: str,
        *,
        maxsize: int = DEFAULT_QUEUE,
        callback: Callable[[T], object] | None = None,
    ) -> None:
        if maxsize < 1:
            raise ValueError("maxsize must be at least 1")
        self.name: Final = name
        self.dropped = 0
        """Events dropped because the reader fell ``maxsize`` behind."""
        self._hub = hub
        self._callback = callback
        self._queue: deque[T] = deque()
        self._maxsize = maxsize
        self._closed = False
        self._cond = threading.Condition()
        self._waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = []

    @property
    def closed(self) -> bool:
        return self._closed

    def _push(self, payload: T) -> None:
        if self._callback is not None:
            try:
                self._callback(payload)
            except Exception:
                log.exception("the %s callback raised; the event is dropped for it", self.name)
            return
        with self._cond:
            if self._closed:
                return
            if len(self._queue) >= self._maxsize:
                self._queue.popleft()
                self.dropped += 1
            self._queue.append(payload)
            self._wake()

    def _end(self) -> None:
        with self._cond:
            self._closed = True
            self._wake()

    def _wake(self) -> None:
        """Under the lock: wake blocking readers and every awaiting one, on its own loop."""
        self._cond.notify_all()
        waiters, self._waiters = self._waiters, []
        for loop, future in waiters:
            with contextlib.suppress(RuntimeError):  # that loop is closed: its reader is gone
                loop.call_soon_threadsafe(_resolve, future)

    def close(self) -> None:
        """Stop receiving; iterators end once they have read what is queued."""
        self._hub._unsubscribe(self)
        self._end()

    def get_nowait(self) -> T | None:
        """The next queued event, or None."""
        with self._cond:
            return self._queue.popleft() if self._queue else None

    def get(self, timeout: float | None = None) -> T | None:
        """The next event, waiting at most ``timeout`` seconds (None: until one comes or the
        subscription closes); None when none came."""
        with self._cond:
            self._cond.wait_for(lambda: self._queue or self._closed, timeout)
            return self._queue.popleft() if self._queue else None

    def __iter__(self) -> Iterator[T]:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._queue or self._closed)
                if not self._queue:
                    return
                item = self._queue.popleft()
            yield item

    def __aiter__(self) -> AsyncIterator[T]:
        return self

    async def __anext__(self) -> T:
        loop = asyncio.get_running_loop()
        while True:
            with self._cond:
                if self._queue:
                    return self._queue.popleft()
                if self._closed:
                    raise StopAsyncIteration
                future: asyncio.Future[None] = loop.create_future()
                self._waiters.append((loop, future))
            await future

    def __enter__(self) -> Subscription[T]:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    async def __aenter__(self) -> Subscription[T]:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self._closed else f"{len(self._queue)} queued"
        return f"<Subscription {self.name} {state}, {self.dropped} dropped>"


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


@runtime_checkable
class EventSource(Protocol):
    """What the generated ``events`` API subscribes through (an :class:`EventHub`)."""

    def subscribe(
        self,
        name: str,
        *,
        maxsize: int = DEFAULT_QUEUE,
        callback: Callable[[Any], object] | None = None,
    ) -> Subscription[Any]: ...


@dataclass
class EventStats:
    """What the hub did with the notifications it received, for logs and tests."""

    delivered: int = 0
    duplicates: int = 0
    missed: int = 0
    """Events the host sent that never arrived (gaps in ``seq``)."""
    invalid: int = 0
    after_finish: int = 0


class EventHub:
    """Checks each host event and hands it to the subscriptions of its name (module doc)."""

    def __init__(self, catalog: EventCatalog, *, count_gaps: bool = True) -> None:
        self.catalog: Final = catalog
        self.stats: Final = EventStats()
        self.count_gaps: Final = count_gaps
        """Whether a gap in ``seq`` counts as missed (not where a filter leaves gaps)."""
        self.extendscript_events: bool | None = None
        """Whether the host said its ExtendScript can dispatch events (a capabilities
        announcement); None until it says, and again once it goes."""
        self._lock = threading.Lock()
        self._subscriptions: dict[str, list[Subscription[Any]]] = {}
        self._last_seq: dict[str, int] = {}
        self._finished: deque[str] = deque(maxlen=_REMEMBERED)

    def subscribe(
        self,
        name: str,
        *,
        maxsize: int = DEFAULT_QUEUE,
        callback: Callable[[Any], object] | None = None,
    ) -> Subscription[Any]:
        """A new subscription to the events called ``name`` (a schema event: else ValueError)."""
        if name not in self.catalog:
            raise ValueError(f"the schema declares no event {name!r}")
        subscription: Subscription[Any] = Subscription(
            self, name, maxsize=maxsize, callback=callback
        )
        with self._lock:
            self._subscriptions.setdefault(name, []).append(subscription)
        return subscription

    def wants(self, name: str) -> bool:
        """Whether anything subscribes to ``name`` now (an emitter may skip making it)."""
        return bool(self._subscriptions.get(name))

    def _unsubscribe(self, subscription: Subscription[Any]) -> None:
        with self._lock:
            found = self._subscriptions.get(subscription.name, [])
            if subscription in found:
                found.remove(subscription)

    def receive(self, params: object) -> bool:
        """Take the params of one ``aerpc.event`` notification; True when it was delivered
        (to every subscriber of its name, possibly none) or was a capabilities announcement,
        False when it was dropped."""
        if isinstance(params, dict) and CAPABILITIES in params and "event" not in params:
            return self._announced(params[CAPABILITIES])
        envelope = _envelope(params)
        if envelope is None:
            self.stats.invalid += 1
            log.warning("dropped a malformed %s notification: %s", EVENT_METHOD, _short(params))
            return False
        name, stream, seq, payload = envelope
        spec = self.catalog.specs.get(name)
        if spec is None:
            self.stats.invalid += 1
            log.warning("dropped event %r: the schema declares no such event", name)
            return False
        if not spec.validator.is_valid(payload):
            self.stats.invalid += 1
            log.warning(
                "dropped event %s #%d: its payload breaks the schema %s",
                name,
                seq,
                where(spec.validator.errors(payload)),
            )
            return False
        with self._lock:
            if not self._in_order(stream, seq):
                return False
            render_id = payload.get("render_id")
            if isinstance(render_id, str) and render_id in self._finished:
                self.stats.after_finish += 1
                log.info("dropped event %s #%d: render %s already finished", name, seq, render_id)
                return False
            if name == FINISH_EVENT and isinstance(render_id, str):
                self._finished.append(render_id)
            targets = list(self._subscriptions.get(name, ()))
            self.stats.delivered += 1
        for subscription in targets:
            subscription._push(payload)
        return True

    def _announced(self, capabilities: object) -> bool:
        said = capabilities.get("extendscript_events") if isinstance(capabilities, dict) else None
        if not isinstance(said, bool):
            self.stats.invalid += 1
            log.warning("dropped a malformed capabilities announcement: %s", _short(capabilities))
            return False
        self.extendscript_events = said
        return True

    def _in_order(self, stream: str, seq: int) -> bool:
        """Under the lock: whether ``seq`` is new on its stream (a resend or a late one is not)."""
        last = self._last_seq.get(stream, 0)
        if seq <= last:
            self.stats.duplicates += 1
            log.debug("dropped event #%d of %s: already seen (last #%d)", seq, stream, last)
            return False
        if self.count_gaps:
            self.stats.missed += seq - last - 1
        self._last_seq.pop(stream, None)
        self._last_seq[stream] = seq
        while len(self._last_seq) > _REMEMBERED:
            self._last_seq.pop(next(iter(self._last_seq)))
        return True

    def host_gone(self) -> None:
        """The host went away: end every current subscription (new ones may follow)."""
        with self._lock:
            ending = [s for group in self._subscriptions.values() for s in group]
            self._subscriptions.clear()
            self.extendscript_events = None
        for subscription in ending:
            subscription._end()

    def __repr__(self) -> str:
        with self._lock:
            count = sum(len(group) for group in self._subscriptions.values())
        return f"<EventHub {len(self.catalog.specs)} events, {count} subscriptions>"


def _envelope(params: object) -> tuple[str, str, int, dict[str, Any]] | None:
    if not isinstance(params, dict):
        return None
    name, stream, seq, payload = (params.get(k) for k in ("event", "stream", "seq", "payload"))
    if not (isinstance(name, str) and isinstance(stream, str) and isinstance(payload, dict)):
        return None
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 1:
        return None
    return name, stream, seq, cast("dict[str, Any]", payload)


def _short(value: object, limit: int = 200) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class CallProgress:
    """A call's ``on_progress``: ``callback`` gets each ``name`` event while the call runs, and
    once it returned, those still on their way, up to the :data:`FINISH_EVENT` of each render
    whose progress it saw (at most ``linger`` seconds). The panel may forward the events a
    script made while it ran only after the script's reply, so a call's own progress can trail
    its return.

    It waits after the return only when that is warranted (:meth:`_warranted`): a render's
    progress arrived and its finish did not yet; or none arrived, and the host did not announce
    that its ExtendScript cannot dispatch events (``extendscript_events`` of the source: True,
    or None for a host that does not announce). Otherwise the call ends at once: every render
    seen finished before the reply, or the host said no events come from ExtendScript.
    :attr:`waited` says which it was (logged at DEBUG on ``aerpc.events`` too).

    ``with CallProgress(...):`` around a blocking call, ``async with`` around an awaited one.
    """

    def __init__(
        self,
        source: EventSource,
        name: str,
        callback: Callable[[Any], object],
        *,
        linger: float = LINGER,
    ) -> None:
        self.name: Final = name
        self.linger = linger
        self.waited: bool | None = None
        """After the call: whether it waited for a finish (None: not decided yet)."""
        self._callback = callback
        self._source = source
        self._seen = False  # a progress event of a render arrived
        self._finishes = 0  # finish events received
        self._settled = threading.Condition()
        self._unfinished: set[str] = set()  # render ids whose progress came, and no finish yet
        self._finished: deque[str] = deque(maxlen=_REMEMBERED)
        self._progress = source.subscribe(name, callback=self._heard_progress)
        try:
            self._finish: Subscription[Any] | None = source.subscribe(
                FINISH_EVENT, callback=self._heard_finish
            )
        except ValueError:  # the schema has no finish event: nothing to wait for
            self._finish = None

    def _heard_progress(self, payload: Mapping[str, Any]) -> None:
        render_id = payload.get("render_id")
        if isinstance(render_id, str):
            with self._settled:
                self._seen = True
                if render_id not in self._finished:
                    self._unfinished.add(render_id)
        self._callback(payload)

    def _heard_finish(self, payload: Mapping[str, Any]) -> None:
        render_id = payload.get("render_id")
        if isinstance(render_id, str):
            with self._settled:
                self._finishes += 1
                self._finished.append(render_id)
                self._unfinished.discard(render_id)
                self._settled.notify_all()

    def _warranted(self) -> bool:
        """Whether to wait after the reply; decides (and logs) :attr:`waited`."""
        with self._settled:
            pending = sorted(self._unfinished)
            seen = self._seen
        said = getattr(self._source, "extendscript_events", None)
        if self._finish is None:
            why = None
        elif pending:
            why = "the render(s) " + ", ".join(pending)
        elif not seen and said is not False:
            why = "events trailing the reply (the host " + (
                "can dispatch from ExtendScript)" if said else "did not say whether it can)"
            )
        else:
            why = None
        self.waited = why is not None
        if why is not None:
            log.debug(
                "%s: the call returned; waiting up to %s s for %s of %s",
                self.name,
                self.linger,
                FINISH_EVENT,
                why,
            )
        else:
            log.debug("%s: the call returned; nothing to wait for, not waiting", self.name)
        return self.waited

    def _settle(self, timeout: float) -> bool:
        """Block until every render seen has finished and a finish came, at most ``timeout``
        seconds."""
        with self._settled:
            return self._settled.wait_for(
                lambda: not self._unfinished and self._finishes > 0, timeout
            )

    def close(self) -> None:
        self._progress.close()
        if self._finish is not None:
            self._finish.close()

    def __enter__(self) -> CallProgress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            if kind is None and self._warranted():
                self._settle(self.linger)
        finally:
            self.close()

    async def __aenter__(self) -> CallProgress:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            if kind is None and self._warranted():
                await asyncio.to_thread(self._settle, self.linger)
        finally:
            self.close()


def progress_events(document: Mapping[str, Any]) -> dict[str, str]:
    """Method name → the event that reports its calls' progress (``x-progress-event``)."""
    return {
        m["name"]: m["x-progress-event"]
        for m in document.get("methods", [])
        if isinstance(m, Mapping) and isinstance(m.get("x-progress-event"), str)
    }


def progress_percent(payload: Mapping[str, Any]) -> float | None:
    """``frames_done`` of ``frames_total`` in percent (0 to 100), or None while unknown."""
    done, total = payload.get("frames_done"), payload.get("frames_total")
    if isinstance(done, int) and isinstance(total, int) and total > 0:
        return min(100.0, 100.0 * done / total)
    return None


def progress_line(payload: Mapping[str, Any], name: str = "render") -> str:
    """``sh010_comp: rendering 40% (4/10 frames)``; the percent only when known."""
    share = progress_percent(payload)
    label = payload.get("comp_name") or name
    text = f"{label}: {payload.get('status', 'running')}"
    if share is not None:
        text += f" {share:.0f}% ({payload['frames_done']}/{payload['frames_total']} frames)"
    return text


def event_source(host: object) -> EventSource:
    """The event source a connection carries (its ``events`` attribute); EventsUnavailable,
    saying so, when it has none."""
    source = getattr(host, "events", None)
    if isinstance(source, EventSource):
        return source
    raise EventsUnavailable(
        f"{type(host).__name__} does not deliver host events; subscribe through a connection "
        "that does (docs/events.md)"
    )
