"""The After Effects host as the pipeline sees it: calls to it, with deadlines, across reconnects.

Each call is checked, encoded and given an id (``py:N``) on the caller's thread, then begins on
the server's loop. What happens to it across reconnects, reloads and deadlines is decided by
:class:`~aerpc.runtime.pending.PendingCalls` (no I/O); this module is its clock and its hands:
the thread bridge (``call_blocking``, calls from other loops), the loop timers (one for the
earliest deadline, one for the reconnect grace), the socket writes, and settling the callers'
futures. The server drives it through :meth:`Host.bind`, :meth:`Host.attach`,
:meth:`Host.detach`, :meth:`Host.on_response`, :meth:`Host.on_run` and :meth:`Host.shutdown`.

Which call goes to the panel when, and what runs there now, is
:class:`~aerpc.runtime.scheduler.HostScheduler`'s (the pipeline first, tools round-robin);
:meth:`Host.status` tells it, and :meth:`Host.add_status_listener` is called on each change.

Host events (docs/events.md): :attr:`Host.events` is the :class:`~aerpc.runtime.events.EventHub`
the generated clients subscribe through. The panel's ``aerpc.event`` notifications reach it
through :meth:`Host.on_event`; ``host_busy`` is the server's own, made from the scheduler's
state (so it names the caller), on a stream of its own. Each event the hub delivers also goes
to the forwarders (:meth:`Host.add_event_forwarder`: the relay, for tools).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import math
import secrets
import threading
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from .channel import CallOptions
from .codec import preview
from .contract import Contract, MethodSpec
from .errors import (
    MethodNotFound,
    RpcTimeout,
    ServerStopped,
)
from .events import EventCatalog, EventHub
from .observe import Observer, payload_log
from .pending import DEFAULT_CONNECT_TIMEOUT, Actions, PendingCall, PendingCalls
from .protocol import (
    CallTable,
    HelloParams,
    Response,
    encode_notification,
)
from .qt_thread import check_blocking_call
from .refusals import Refusals
from .scheduler import (
    LONG_RUN,
    PIPELINE,
    TOOL_CAP,
    Caller,
    HostScheduler,
    HostStatus,
    PanelRun,
)

__all__ = ["EventForwarder", "Host", "HostLink", "StatusListener"]

log = logging.getLogger("aerpc")

_BACKSTOP = 1.0
"""Seconds a blocking caller waits past the deadline if the loop never answers (it died)."""

Sink = asyncio.Future[Any] | concurrent.futures.Future[Any]

StatusListener = Callable[[HostStatus], None]
"""Called on the server's loop with the host's status each time it changes."""


EventForwarder = Callable[[Mapping[str, Any]], None]
"""Called on the server's loop with the params of each host event the hub delivered."""


class HostLink(Protocol):
    """One accepted host socket, as the server gives it to :class:`Host`."""

    hello: HelloParams
    session: str

    def send(self, data: bytes) -> bool:
        """Write one frame now; False if the socket is closing."""
        ...


class Host:
    """Calls to the After Effects host (implements :class:`~aerpc.runtime.HostChannel`).

    ``await host.call(...)`` on any loop; ``host.call_blocking(...)`` from any thread but the
    server's loop thread. Generated clients wrap it: ``AfterEffects(host)``.
    """

    def __init__(
        self,
        contract: Contract,
        *,
        reconnect_grace: float,
        max_message_size: int,
        observer: Observer,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        tool_cap: int = TOOL_CAP,
        busy_after: float = LONG_RUN,
    ):
        self.contract = contract
        self.reconnect_grace = reconnect_grace
        self.max_message_size = max_message_size
        self.observer = observer
        self.where = "the aerpc server"  # set to the URL by the server, for messages
        self._calls: CallTable[PendingCall] = CallTable("py")
        """The pipeline's calls to the host: ids, requests, the table, settling a reply."""
        self._pending = PendingCalls(
            self._calls,
            reconnect_grace=reconnect_grace,
            max_message_size=max_message_size,
            connect_timeout=connect_timeout,
        )
        self._pending.host_name = contract.host_name
        # one timer, armed for ``_sweep_at``, expires the calls due (``_sweep``)
        self._sweep_timer: asyncio.TimerHandle | None = None
        self._sweep_at = math.inf
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None
        self._link: HostLink | None = None
        self._grace: asyncio.TimerHandle | None = None
        self._waiters: set[asyncio.Future[None]] = set()
        self._stopped: str | None = None  # why calls are refused once the server stopped
        self._scheduler = HostScheduler(
            self._calls.__contains__, long_run=busy_after, tool_cap=tool_cap
        )
        self._pending.busy = self._scheduler.busy
        self._callers: dict[str, Caller] = {}  # the callers of the calls pending
        self._listeners: list[StatusListener] = []
        self.events = EventHub(EventCatalog.from_document(contract.document))
        """The host's events, for ``ae.events`` (docs/events.md)."""
        self._forwarders: list[EventForwarder] = []
        self._stream = f"server-{secrets.token_hex(6)}"  # the server's own events (host_busy)
        self._seq = 0
        self._busy: PanelRun | None = None  # the running call host_busy last reported

    # -- public -------------------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        return self._link is not None

    @property
    def instance(self) -> str | None:
        """The connected panel's ``instance`` (random per page load)."""
        return self._link.hello["instance"] if self._link is not None else None

    @property
    def hello(self) -> HelloParams | None:
        """The connected panel's hello params (app, extension version…), token removed."""
        if self._link is None:
            return None
        params = dict(self._link.hello)
        params.pop("token", None)
        return params  # type: ignore[return-value]

    @property
    def connect_timeout(self) -> float:
        """Seconds a call not sent yet waits for a host (then ``NotConnected``)."""
        return self._pending.connect_timeout

    @property
    def refusals(self) -> Refusals:
        """The connections the server refused (the last per cause), for ``NotConnected``."""
        return self._pending.refusals

    def __repr__(self) -> str:
        if self._stopped is not None:
            state = "stopped"
        elif self._link is not None:
            hello = self._link.hello
            app = hello.get("app")
            state = f"connected instance={hello['instance']!r}"
            if app:
                state += f" app={app.get('name', '?')!r} {app.get('version', '?')!r}"
        else:
            state = "no host connected"
        return f"<Host {self.where} {state}, {len(self._pending)} pending>"

    @property
    def pending(self) -> int:
        """How many calls await a reply."""
        return len(self._pending)

    async def call(
        self,
        method: str,
        params: Mapping[str, object],
        options: CallOptions | None = None,
        *,
        caller: Caller = PIPELINE,
    ) -> object:
        """Call a host method; returns its schema-checked result or raises (see module doc).
        ``caller``: who the call is for (the relay names the tool)."""
        spec, call_id, data, timeout = self._prepare(method, params, options)
        loop = self._loop
        if loop is not None and (
            # on the server's loop: its thread runs it (cheaper than get_running_loop(), a
            # getpid system call per call on Python 3.11; one thread runs one loop at a time)
            (threading.get_ident() == self._loop_thread and loop.is_running())
            or asyncio.get_running_loop() is loop
        ):
            future: asyncio.Future[Any] = loop.create_future()
            self._begin(spec, call_id, data, timeout, future, _connect(options), caller)
            try:
                return await future
            except asyncio.CancelledError:
                self._abandon(call_id)
                raise
        # from another thread's loop
        submitted = self._submit(spec, call_id, data, timeout, _connect(options), caller)
        return await self._await_across_loops(spec, call_id, submitted, timeout)

    def call_blocking(
        self, method: str, params: Mapping[str, object], options: CallOptions | None = None
    ) -> object:
        """The same as :meth:`call`, blocking the calling thread (never the loop's)."""
        if threading.get_ident() == self._loop_thread:
            raise RuntimeError(
                f"{method}: call_blocking() was called on the aerpc server's event-loop thread, "
                "where it would deadlock; use `await host.call(...)` (the async client) there, "
                "or call from another thread"
            )
        check_blocking_call(method)
        spec, call_id, data, timeout = self._prepare(method, params, options)
        future = self._submit(spec, call_id, data, timeout, _connect(options))
        try:
            return future.result(timeout + _BACKSTOP)
        except concurrent.futures.TimeoutError:  # the loop did not answer: it is stuck or dead
            raise self._backstop(spec, call_id, future, timeout) from None

    async def _await_across_loops(
        self,
        spec: MethodSpec,
        call_id: str,
        future: concurrent.futures.Future[Any],
        timeout: float,  # noqa: ASYNC109  # the call's deadline, enforced by the server's loop
    ) -> object:
        """Await a call started on the server's loop from another loop, with the backstop."""
        try:
            async with asyncio.timeout(timeout + _BACKSTOP) as backstop:
                return await asyncio.wrap_future(future)
        except TimeoutError:
            if not backstop.expired():
                raise
            raise self._backstop(spec, call_id, future, timeout) from None
        except asyncio.CancelledError:
            self._abandon_threadsafe(call_id)
            raise

    def _backstop(
        self,
        spec: MethodSpec,
        call_id: str,
        future: concurrent.futures.Future[Any],
        timeout: float,
    ) -> RpcTimeout:
        """The server's loop did not settle a call by its deadline (it is stuck or dead): give
        up on it here; the loop forgets it (and sends ``rpc.cancel``) when it runs again."""
        error = RpcTimeout(spec.name, timeout)
        future.cancel()  # if the loop has not begun the call, it never will
        self._abandon_threadsafe(call_id, error)
        return error

    # -- the server's side --------------------------------------------------------------------

    @property
    def link(self) -> HostLink | None:
        """The attached host's socket, if one is attached."""
        return self._link

    def on_loop_thread(self) -> bool:
        """Whether the caller runs on the server's loop thread (where blocking would deadlock)."""
        return threading.get_ident() == self._loop_thread

    def bind(self, loop: asyncio.AbstractEventLoop, where: str) -> None:
        """The server runs on ``loop`` at ``where`` (its URL, for messages)."""
        self._loop = loop
        self._loop_thread = threading.get_ident()
        self.where = self._pending.where = where

    def attach(self, link: HostLink) -> HostLink | None:
        """A host said hello; returns the socket it replaces (the same instance), if any."""
        old = self._link
        if self._grace is not None:
            self._grace.cancel()
            self._grace = None
        self._link = link
        assert self._loop is not None
        now = self._loop.time()
        actions = self._pending.on_attach(link.hello["instance"], now)
        self._scheduler.detached()  # a new socket: nothing of it runs yet
        self._report_busy()
        for call in actions.send:
            if call.sent_to is None:
                continue  # the scheduler holds it: released below
            if link.send(call.frame(now)):
                self._pending.sent(call)
                self._scheduler.resent(call, self._callers.get(call.id, PIPELINE), now)
        self._fail(actions)
        self._release(now)
        self._changed()
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        return old if old is not link else None

    def detach(self, link: HostLink, cause: BaseException | None = None) -> None:
        """A host socket closed (``cause``: why, if known)."""
        if link is not self._link:
            return  # a replaced socket
        self._link = None
        self._scheduler.detached()
        self._report_busy()
        if self._stopped is not None:
            return
        assert self._loop is not None
        self._fail(self._pending.on_detach(cause, self._loop.time()))
        self._changed()
        if len(self._pending):  # (the server logs the disconnection itself)
            log.warning(
                "aerpc: %d call(s) in flight wait up to %g s for the host to reconnect",
                len(self._pending),
                self.reconnect_grace,
            )
        self._grace = self._loop.call_at(self._pending.grace_ends, self._grace_over)

    def on_response(self, response: Response) -> None:
        """A reply from the host: settle the call it answers (:meth:`CallTable.settle
        <aerpc.runtime.protocol.CallTable.settle>`, the same step as a tool's calls)."""
        rid = response.id
        if type(rid) is str and self._scheduler.ended(rid):
            if self._scheduler.holding:
                assert self._loop is not None
                self._release(self._loop.time())
            self._report_busy()
            if self._listeners:
                self._changed()
        settled = self._calls.settle(response, self.contract.error_classes)
        if settled is None:
            if not self._calls.issued(response.id):  # not a late reply: a broken host
                self.stray_reply(f"a reply to {response.id!r:.80}, an id the server never sent")
                return
            log.debug(
                "aerpc: a reply for %r, which no call awaits (after its deadline?)", response.id
            )
            return
        call, result, error = settled
        if response.error is None and payload_log.isEnabledFor(logging.DEBUG):
            payload_log.debug("<- host %s %s result=%s", call.method, call.id, preview(result))
        self._settle(call, result, error)

    def on_run(self, params: Mapping[str, Any]) -> None:
        """The panel's :data:`~aerpc.runtime.scheduler.RUN_NOTIFICATION`: a host call started
        running in After Effects, or (answered already) ended."""
        call_id, state = params.get("id"), params.get("state")
        if not isinstance(call_id, str) or self._loop is None:
            return
        now = self._loop.time()
        if state == "started":
            self._scheduler.started(call_id, now)
        elif state == "ended":
            if not self._scheduler.ended(call_id):
                return
            self._release(now)
        else:
            return
        self._report_busy()
        self._changed()

    # -- events -----------------------------------------------------------------------------------

    def on_event(self, params: Mapping[str, Any]) -> None:
        """An ``aerpc.event`` notification from the panel: to the hub, and when the hub
        delivered it (valid, in order, not a repeat), to the forwarders."""
        if self.events.receive(params) and self._forwarders:
            for forward in list(self._forwarders):
                try:
                    forward(params)
                except Exception:
                    log.exception("aerpc: an event forwarder failed")

    def add_event_forwarder(self, forward: EventForwarder) -> Callable[[], None]:
        """Call ``forward(params)`` on the server's loop with each event the hub delivers;
        returns the function that removes it."""
        self._forwarders.append(forward)

        def remove() -> None:
            with contextlib.suppress(ValueError):
                self._forwarders.remove(forward)

        return remove

    def host_gone(self) -> None:
        """The panel's socket closed: every subscription to its events ends."""
        self._report_busy()
        self.events.host_gone()

    def _report_busy(self) -> None:
        """``host_busy`` for what the scheduler says runs now, when that changed: the end of
        the call that ran (how long since it started), then the start of the next, with the
        caller's name. It runs twice per host call: each step is as cheap as it can be."""
        running = self._scheduler.running
        was = self._busy
        if running is was:
            return  # idle before and now, or the same call still runs
        self._busy = running
        if running is not None and was is not None and running.id == was.id:
            return  # the same call, sent again
        if not self._forwarders and not self.events.wants("host_busy"):
            return  # nobody listens: not even numbered
        now = self._loop.time() if self._loop is not None else 0.0
        if was is not None:
            self._emit_busy(False, was.id, was.method, was.caller.name, now - was.since)
        if running is not None:
            self._emit_busy(True, running.id, running.method, running.caller.name, 0.0)

    def _emit_busy(
        self, busy: bool, call_id: str, method: str, caller: str, elapsed: float
    ) -> None:
        self._seq += 1
        payload = {
            "busy": busy,
            "method": method,
            "call_id": call_id,
            "caller": caller,
            "elapsed_s": round(max(0.0, elapsed), 3),
        }
        self.on_event(
            {"event": "host_busy", "stream": self._stream, "seq": self._seq, "payload": payload}
        )

    # -- the host's status ----------------------------------------------------------------------

    def status_now(self) -> HostStatus:
        """What the host runs and what waits, now (on the server's loop thread)."""
        now = self._loop.time() if self._loop is not None else 0.0
        return self._scheduler.status(now, connected=self._link is not None)

    async def status(self) -> HostStatus:
        """:meth:`status_now` from any loop."""
        loop = self._loop
        if loop is None or asyncio.get_running_loop() is loop:
            return self.status_now()
        return await asyncio.wrap_future(self._status_future(loop))

    def status_blocking(self) -> HostStatus:
        """:meth:`status_now` from any thread but the server's loop thread."""
        loop = self._loop
        if loop is None:
            return self.status_now()
        if self.on_loop_thread():
            raise RuntimeError("status_blocking() on the server's loop thread: use status_now()")
        return self._status_future(loop).result(_BACKSTOP * 5)

    def _status_future(
        self, loop: asyncio.AbstractEventLoop
    ) -> concurrent.futures.Future[HostStatus]:
        future: concurrent.futures.Future[HostStatus] = concurrent.futures.Future()

        def read() -> None:
            if not future.cancelled():
                future.set_result(self.status_now())

        loop.call_soon_threadsafe(read)
        return future

    def add_status_listener(self, listener: StatusListener) -> Callable[[], None]:
        """Call ``listener(status)`` on the server's loop each time the host's status changes
        (a call starts or ends running, one is queued or leaves the queue, the host comes or
        goes); returns the function that removes it. A listener must not block."""
        self._listeners.append(listener)

        def remove() -> None:
            with contextlib.suppress(ValueError):
                self._listeners.remove(listener)

        return remove

    def abandon(self, call_id: str) -> None:
        """Give up on a call now (on the server's loop): as if its caller was cancelled."""
        self._abandon(call_id)

    def _changed(self) -> None:
        if not self._listeners:
            return
        status = self.status_now()
        for listener in list(self._listeners):
            try:
                listener(status)
            except Exception:
                log.exception("aerpc: a host status listener failed")

    def stray_reply(self, why: str) -> None:
        """The host sent a reply that answers none of the calls awaiting it (``why``): the
        calls sent to it fail now (:meth:`PendingCalls.on_stray_reply`), not at their deadline."""
        actions = self._pending.on_stray_reply(why)
        if actions.fail:
            count = len(actions.fail)
            log.warning("aerpc: the host sent %s; %d call(s) in flight fail", why, count)
        self._fail(actions)

    def shutdown(self, why: str) -> None:
        """The server stops: fail every call and waiter with :class:`ServerStopped`."""
        self._stopped = why
        self._scheduler.clear()
        if self._grace is not None:
            self._grace.cancel()
            self._grace = None
        if self._sweep_timer is not None:
            self._sweep_timer.cancel()
            self._sweep_timer = None
        self._sweep_at = math.inf
        self._link = None
        self._busy = None
        self.events.host_gone()
        self._fail(self._pending.shutdown(why))
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_exception(ServerStopped(f"{why}; no host", maybe_applied=False))

    async def wait_connected(self, timeout: float) -> None:  # noqa: ASYNC109
        """Wait (on the server's loop) until a host is attached; raises NotConnected."""
        if self._link is not None:
            return
        if self._stopped is not None:
            raise ServerStopped(f"{self._stopped}; no host", maybe_applied=False)
        assert self._loop is not None
        waiter: asyncio.Future[None] = self._loop.create_future()
        self._waiters.add(waiter)
        try:
            async with asyncio.timeout(timeout):
                await waiter
        except TimeoutError:
            raise self._pending.not_connected("wait_for_host", timeout, self._loop.time()) from None
        finally:
            self._waiters.discard(waiter)

    # -- internals ----------------------------------------------------------------------------

    def _prepare(
        self, method: str, params: Mapping[str, object], options: CallOptions | None
    ) -> tuple[MethodSpec, str, bytes, float]:
        """Check and encode a call (on the caller's thread): spec, id, frame, timeout."""
        spec = self.contract.methods.get(method)
        if spec is None or spec.served_by != "host":
            raise MethodNotFound(f"{method}: not a host method of schema {self.contract.name!r}")
        if type(params) is not dict:
            params = dict(params)
        if spec.path_params:
            params = spec.with_paths_as_str(params)
        spec.check_params(params)
        timeout = spec.time_limit(None if options is None else options.timeout)
        call_id, data = self._calls.prepare(method, params, max_message_size=self.max_message_size)
        return spec, call_id, data, timeout

    def _submit(
        self,
        spec: MethodSpec,
        call_id: str,
        data: bytes,
        timeout: float,
        connect: float | None,
        caller: Caller = PIPELINE,
    ) -> concurrent.futures.Future[Any]:
        """Start a call from another thread (or loop); the future completes on the loop."""
        loop = self._loop
        if loop is None or self._stopped is not None:
            why = self._stopped or "the aerpc server is not running"
            raise ServerStopped(f"{spec.name}: {why}", method=spec.name, maybe_applied=False)
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        try:
            loop.call_soon_threadsafe(
                self._begin, spec, call_id, data, timeout, future, connect, caller
            )
        except RuntimeError:  # the loop is closed
            raise ServerStopped(
                f"{spec.name}: the aerpc server is not running",
                method=spec.name,
                maybe_applied=False,
            ) from None
        return future

    def _begin(
        self,
        spec: MethodSpec,
        call_id: str,
        data: bytes,
        timeout: float,
        sink: Sink,
        connect: float | None = None,
        caller: Caller = PIPELINE,
    ) -> None:
        if sink.done():
            return  # the caller gave up before the call began: nothing is sent
        loop = self._loop
        assert loop is not None
        now = loop.time()
        call = PendingCall(call_id, spec, data, sink, timeout, now, connect)
        if self.observer.listeners:
            self.observer.start("out", spec.name, call_id, "host")
        if self._stopped is not None:
            why = self._stopped
            self._settle(call, None, ServerStopped(f"{spec.name}: {why}", maybe_applied=False))
            return
        connected = self._pending.add(call)
        due = self._pending.next_deadline  # this call's deadline, or its connect timeout
        if due < self._sweep_at:
            self._arm(due)
        if payload_log.isEnabledFor(logging.DEBUG):
            payload_log.debug("-> host %s %s %s", spec.name, call_id, data)
        if caller is not PIPELINE:
            caller.call_id = call_id
        self._callers[call_id] = caller
        self._scheduler.hold(call, caller)
        if connected:
            self._release(now)
        if self._listeners:
            self._changed()

    def _release(self, now: float) -> None:
        """Send the calls the scheduler lets go now."""
        link = self._link
        if link is None:
            return
        scheduler = self._scheduler
        released = scheduler.release(now)
        for call, caller in released:
            # a call sent to an idle host counts as running from now (scheduler.release): the
            # panel reports no start for it unless it had to wait after all (aerpc.idle)
            if link.send(call.frame(now, idle=scheduler.is_running(call.id))):
                self._pending.sent(call)
            else:  # the socket is closing: it goes with the next one
                scheduler.unsent(call, caller)
        if released:
            self._report_busy()

    def _arm(self, when: float) -> None:
        """Set the deadline timer for ``when`` (earlier than it is set for)."""
        if self._sweep_timer is not None:
            self._sweep_timer.cancel()
        assert self._loop is not None
        self._sweep_timer = self._loop.call_at(when, self._sweep)
        self._sweep_at = when

    def _sweep(self) -> None:
        """The deadline timer: expire the calls due, then set it for the next live deadline."""
        assert self._loop is not None
        due = max(self._sweep_at, self._loop.time())  # the loop runs a timer up to its clock
        self._sweep_timer = None  # resolution early: what it was set for is due
        self._sweep_at = math.inf
        actions = self._pending.expire(due)
        link = self._link
        if link is not None:
            for call in actions.cancel:
                link.send(encode_notification("rpc.cancel", {"id": call.id}))
                self._scheduler.abandoned(call.id)
        self._fail(actions)
        if actions.cancel:
            self._release(due)
            self._changed()
        next_deadline = self._pending.next_deadline
        if next_deadline < math.inf:
            self._arm(next_deadline)

    def _grace_over(self) -> None:
        self._grace = None
        self._fail(self._pending.on_grace_over())

    def _fail(self, actions: Actions) -> None:
        for call, exc in actions.fail:
            self._settle(call, None, exc)

    def _abandon_threadsafe(self, call_id: str, why: BaseException | None = None) -> None:
        if self._loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop is closed: nothing to tell
                self._loop.call_soon_threadsafe(self._abandon, call_id, why)

    def _abandon(self, call_id: str, why: BaseException | None = None) -> None:
        """The caller stopped waiting (cancelled, or ``why``): forget the call, tell the host."""
        call = self._pending.pop(call_id)
        if call is None:
            return
        self._callers.pop(call_id, None)
        link = self._link
        if call.sent_to is not None and link is not None:
            link.send(encode_notification("rpc.cancel", {"id": call_id}))
        self._scheduler.abandoned(call_id)
        assert self._loop is not None
        self._release(self._loop.time())
        self._changed()
        assert self._loop is not None
        self.observer.fail(
            "out",
            call.spec.name,
            call_id,
            "host",
            self._loop.time() - call.t0,
            why if why is not None else asyncio.CancelledError(),
        )

    def _settle(self, call: PendingCall, result: object, exc: BaseException | None) -> None:
        self._callers.pop(call.id, None)
        sink = call.sink
        if not sink.done():
            try:
                if exc is None:
                    sink.set_result(result)
                else:
                    sink.set_exception(exc)
            except (asyncio.InvalidStateError, concurrent.futures.InvalidStateError):
                pass  # the caller gave up in the meantime
        observer = self.observer
        if exc is None and not observer.listeners and not log.isEnabledFor(logging.DEBUG):
            return  # Observer.end would do nothing
        assert self._loop is not None
        duration = self._loop.time() - call.t0
        if exc is None:
            observer.end("out", call.spec.name, call.id, "host", duration)
        else:
            observer.fail("out", call.spec.name, call.id, "host", duration, exc)


def _connect(options: CallOptions | None) -> float | None:
    """The call's own connect timeout, if it has one."""
    return None if options is None else options.connect_timeout
