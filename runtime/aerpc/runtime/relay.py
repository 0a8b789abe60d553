"""The relay: ``tool`` peers call host methods through the server (``Server(relay=True)``).

A tool's request for a host method becomes a call of the server's own :class:`Host` with the
tool's time left (its ``aerpc.timeout_ms``, else the method's ``x-timeout-ms``), so the same
rules hold as for the pipeline's calls: params checked, one call at a time in the panel, resent
with the same id after a reconnect, idempotent calls resent to a reloaded panel and the others
failed with ``maybe_applied``. The outcome goes back to the tool: a result, a wire error as the
host sent it, or a local error (``RpcTimeout``, ``NotConnected``, ``ConnectionLost``, …) as
:data:`RELAYED_ERROR` with its class name in ``data.name``. A tool's ``rpc.cancel``, or its
socket closing, cancels its calls: one not sent yet is dropped, one sent gets ``rpc.cancel``
(the panel drops it if it has not started), and the tool is answered :data:`RELAYED_ERROR`
with ``data.name`` ``"Cancelled"`` (``maybe_applied``: true), as the protocol answers a
cancelled request (a batch's reply waits for each of its members).

Fair shares: the pipeline's calls go to the host first, the tools' calls round-robin, one at a
time (:mod:`.scheduler`), and a tool's budget is capped at the method's ``x-timeout-ms``, so a
token holder keeping many calls in flight with a huge budget starves nobody. A tool's
``rpc.cancel`` gives its call up at once (:meth:`Relay.cancel`), so the host's status shows it
gone before the next request of that socket is read.

A tool's relayed calls and the pipeline methods it calls go through its socket's one in-flight
gate (:class:`~aerpc.runtime.admission.InFlight`, ``max_in_flight``): the relay is that gate's
way to run host methods (:meth:`Relay.runner`).

Two methods of its own, outside any schema (a schema's method names are snake_case):
``aerpc.hosts`` lists the connected host, with what it runs and what waits (``"status"``:
:meth:`HostStatus.to_json <aerpc.runtime.scheduler.HostStatus.to_json>`) (``params.watch: true``
also subscribes the tool to ``aerpc.host`` notifications: ``{"event": "connected" |
"disconnected", "host": {...}}``).

Host events: a tool's ``aerpc.events`` notification (``{"subscribe": true}``; ``false`` stops)
makes the relay forward it the host events the server's hub delivers, as the same
``aerpc.event`` notification, and the host's comings and goings as ``aerpc.host`` notifications
(so its subscriptions end when the host goes), as with ``watch``. ``"names": [...]`` limits the
events to those names (each subscribe replaces the tool's list); without it, every event. The
host's capabilities announcement goes to every listening tool, and on subscribing, the last one.
"""

from __future__ import annotations

import asyncio
import datetime
import logging
from collections.abc import Callable
from typing import Any, Final, Protocol

from .channel import CallOptions
from .contract import Contract
from .dispatch import Respond
from .errors import (
    ConnectionLost,
    HostBusy,
    InvalidParams,
    LocalError,
    MethodNotFound,
    RemoteError,
    ResultValidationError,
    RpcTimeout,
)
from .events import CAPABILITIES, EVENT_METHOD
from .host import Host
from .inflight import Run
from .paths import PathPolicy
from .protocol import HelloParams, Id, Request, encode_notification
from .scheduler import Caller

__all__ = [
    "EVENTS_NOTIFICATION",
    "HOSTS_METHOD",
    "HOST_EVENT",
    "RELAYED_ERROR",
    "Relay",
    "RelayedError",
    "cancelled",
    "host_entry",
    "relayed",
]

log = logging.getLogger("aerpc")

HOSTS_METHOD: Final = "aerpc.hosts"
HOST_EVENT: Final = "aerpc.host"
EVENTS_NOTIFICATION: Final = "aerpc.events"
"""From a tool: ``{"subscribe": bool, "names"?: [str]}``, whether it wants the host's events
forwarded, and which (all without ``names``)."""
RELAYED_ERROR: Final = -32020
"""The code of a local error of the server's host connection, sent back to a tool."""


class RelayedError(RemoteError):
    """A local error on the server's side of a relayed call; ``data`` has its ``name``,
    ``method``, ``maybe_applied`` and ``timeout`` (``RemoteHost`` raises the class again)."""

    code = RELAYED_ERROR
    default_message = "Relayed error"


class ToolLink(Protocol):
    """A tool's socket, as the server gives it to the relay (a ``Peer``)."""

    def send(self, data: bytes) -> bool: ...


def relayed(exc: LocalError) -> RelayedError:
    """``exc`` as the wire error a tool receives."""
    data: dict[str, Any] = {"name": type(exc).__name__}
    for member in ("method", "maybe_applied", "timeout"):
        value = getattr(exc, member, None)
        if value is not None:
            data[member] = value
    if isinstance(exc, HostBusy):
        data["running"] = {"method": exc.running, "caller": exc.caller, "elapsed_s": exc.elapsed}
    if isinstance(exc, ResultValidationError):
        data["errors"] = exc.errors
    return RelayedError(str(exc), data)


def cancelled(method: str) -> RelayedError:
    """The answer to a relayed call cancelled before the host's answer came (the tool's
    ``rpc.cancel``, its socket closing, or the server stopping)."""
    return RelayedError(
        f"{method}: cancelled before the host answered; if it had been sent, the host was sent "
        "rpc.cancel and drops it unless it had started, so it may have run",
        {"name": "Cancelled", "method": method, "maybe_applied": True, "cancelled": True},
    )


def host_entry(hello: HelloParams, since: str) -> dict[str, Any]:
    """What a tool learns of a connected host: instance, app, extension, schema, since when."""
    entry: dict[str, Any] = {
        "instance": hello["instance"],
        "app": dict(hello.get("app", {})),
        "schema": dict(hello.get("schema", {})),
        "since": since,
    }
    if "extension_version" in hello:
        entry["extension_version"] = hello["extension_version"]
    return entry


class Relay:
    """The server's relay of tool calls to its host (module doc)."""

    def __init__(
        self, host: Host, contract: Contract, *, enabled: bool, paths: PathPolicy | None = None
    ):
        self.host = host
        self.paths = paths if paths is not None else PathPolicy()
        self.contract = contract
        self.enabled = enabled
        self._callers: dict[tuple[ToolLink, Id | None], Caller] = {}  # of the calls running
        self._watchers: set[ToolLink] = set()
        # the tools the host's events go to, with the names each wants (None: all)
        self._listeners: dict[ToolLink, frozenset[str] | None] = {}
        self._relayed: dict[ToolLink, set[asyncio.Task[None]]] = {}  # by tool, while they run
        self._current: dict[str, Any] | None = None  # the connected host's entry
        self._unforward: Callable[[], None] | None = None  # while tools listen

    def runner(self, link: ToolLink, local: Run) -> Run:
        """How a tool's socket runs a request behind its gate (``InFlight.run``): the relay's
        methods here, the others through ``local`` (the socket's dispatcher). One gate counts
        both, so ``max_in_flight`` bounds a tool's requests whoever serves them."""

        def run(request: Request, respond: Respond) -> asyncio.Task[None] | None:
            if self.handles(request.method):
                return self.serve(link, request, respond)
            return local(request, respond)

        return run

    def handles(self, method: str) -> bool:
        """Whether a tool's request for ``method`` is the relay's to serve."""
        spec = self.contract.methods.get(method)
        return (spec is not None and spec.served_by == "host") or method == HOSTS_METHOD

    def serve(
        self, link: ToolLink, request: Request, respond: Respond
    ) -> asyncio.Task[None] | None:
        """Serve a tool's request for a host method or :data:`HOSTS_METHOD`; ``respond`` gets
        the outcome once. Returns the task of a forwarded call."""
        if request.method == HOSTS_METHOD:
            self._hosts(link, request, respond)
            return None
        if not self.enabled:
            error = MethodNotFound(
                f"{request.method} is a host method, and this server does not relay tool calls "
                "to the host (Server(relay=True); `aerpc serve` does)"
            )
            respond(request, None, error)
            return None
        spec = self.contract.methods[request.method]
        refused = self.paths.refusal(spec.name, spec.path_params, request.params)
        if refused is not None:
            respond(request, None, refused)
            return None
        caller = _caller_of(link)
        key = (link, request.id)
        self._callers[key] = caller
        task = asyncio.ensure_future(self._forward(request, respond, caller))
        task.add_done_callback(lambda _: self._callers.pop(key, None))
        relayed = self._relayed.setdefault(link, set())
        relayed.add(task)
        task.add_done_callback(relayed.discard)
        return task

    async def _forward(self, request: Request, respond: Respond, caller: Caller) -> None:
        spec = self.contract.methods[request.method]
        budget = request.budget
        if budget is not None and budget > spec.timeout:
            budget = spec.timeout  # no more than the method's x-timeout-ms
        try:
            result = await self.host.call(
                request.method,
                request.params,
                CallOptions(timeout=spec.time_limit(budget)),
                caller=caller,
            )
        except RemoteError as exc:
            respond(request, None, exc)
        except LocalError as exc:
            respond(request, None, relayed(exc))
        except asyncio.CancelledError:
            log.info("aerpc: %s from a tool cancelled", request.method)
            respond(request, None, cancelled(request.method))
            raise
        else:
            respond(request, result, None)

    def _hosts(self, link: ToolLink, request: Request, respond: Respond) -> None:
        watch = request.params.get("watch", False)
        if not isinstance(watch, bool) or set(request.params) - {"watch"}:
            error = InvalidParams(f"{HOSTS_METHOD}: params are {{watch?: boolean}}")
            respond(request, None, error)
            return
        if watch:
            self._watchers.add(link)
        if self._current is None:
            respond(request, [], None)
            return
        entry = dict(self._current)
        entry["status"] = self.host.status_now().to_json()
        respond(request, [entry], None)

    def subscribe_events(self, link: ToolLink, params: Any) -> None:
        """A tool's :data:`EVENTS_NOTIFICATION`: start or stop forwarding it the host's events."""
        if isinstance(params, dict) and params.get("subscribe") is False:
            self._stop_listening(link)
        else:
            self._listeners[link] = _wanted_names(params)
            if self._unforward is None:
                self._unforward = self.host.add_event_forwarder(self._forward_event)
            said = self.host.events.extendscript_events
            if said is not None:  # what the host announced before this tool listened
                capabilities = {CAPABILITIES: {"extendscript_events": said}}
                link.send(encode_notification(EVENT_METHOD, capabilities))

    def _stop_listening(self, link: ToolLink) -> None:
        self._listeners.pop(link, None)
        if not self._listeners and self._unforward is not None:
            self._unforward()
            self._unforward = None

    def _forward_event(self, params: Any) -> None:
        if not self._listeners:
            return
        name = params.get("event") if isinstance(params, dict) else None
        links = [
            link
            for link, names in self._listeners.items()
            if names is None or name in names or name is None  # None: capabilities, for all
        ]
        if not links:
            return
        data = encode_notification(EVENT_METHOD, dict(params))
        for link in links:
            link.send(data)

    def cancel(self, link: ToolLink, id: Id) -> None:
        """A tool's ``rpc.cancel`` of its relayed call ``id``: give the host call up now (its
        task, cancelled next, answers the tool)."""
        caller = self._callers.get((link, id))
        if caller is not None and caller.call_id is not None:
            self.host.abandon(caller.call_id)

    # -- hooks of the server ------------------------------------------------------------------

    def host_connected(self, hello: HelloParams) -> None:
        """A host said hello (a new socket of the same instance counts again)."""
        since = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        self._current = host_entry(hello, since)
        self._notify("connected", self._current)

    def host_gone(self) -> None:
        """The host's socket closed (it may come back within the reconnect grace)."""
        entry, self._current = self._current, None
        if entry is not None:
            self._notify("disconnected", entry)

    def tool_closed(self, link: ToolLink) -> None:
        """A tool's socket closed: its calls are cancelled (module doc)."""
        self._watchers.discard(link)
        self._stop_listening(link)
        running = self._relayed.pop(link, set())
        for task in running:
            task.cancel()
        if running:
            log.info("aerpc: a tool disconnected; %d of its call(s) cancelled", len(running))

    def _notify(self, event: str, entry: dict[str, Any]) -> None:
        data = encode_notification(HOST_EVENT, {"event": event, "host": entry})
        for link in self._watchers | self._listeners.keys():
            link.send(data)


def _wanted_names(params: Any) -> frozenset[str] | None:
    """The event names a subscribe asks for: its ``names`` (strings only), None for all."""
    names = params.get("names") if isinstance(params, dict) else None
    if not isinstance(names, list):
        return None
    return frozenset(n for n in names if isinstance(n, str))


def _caller_of(link: ToolLink) -> Caller:
    """The tool behind a socket, as the host's status names it."""
    hello = getattr(link, "hello", None) or {}
    app = hello.get("app") or {}
    name = app.get("name") if isinstance(app, dict) else None
    return Caller(str(name or "tool"), str(getattr(link, "session", "") or id(link)))


def local_error(name: str, message: str, data: dict[str, Any]) -> LocalError | None:
    """The local error class a relayed error names, raised again on the tool's side."""
    method = data.get("method") if isinstance(data.get("method"), str) else None
    maybe = data.get("maybe_applied")
    maybe_applied = maybe if isinstance(maybe, bool) else True
    if name == "RpcTimeout":
        timeout = data.get("timeout")
        error = RpcTimeout(
            method or "?",
            float(timeout) if isinstance(timeout, int | float) else 0.0,
            maybe_applied=maybe_applied,
        )
        error.args = (message,)
        return error
    running = data.get("running")
    if name == "HostBusy" and isinstance(running, dict):
        timeout = data.get("timeout")
        elapsed = running.get("elapsed_s")
        busy = HostBusy(
            method or "?",
            float(timeout) if isinstance(timeout, int | float) else 0.0,
            running=str(running.get("method")),
            caller=str(running.get("caller")),
            elapsed=float(elapsed) if isinstance(elapsed, int | float) else 0.0,
            maybe_applied=maybe_applied,
        )
        busy.args = (message,)
        return busy
    if name == "ResultValidationError":
        errors = data.get("errors")
        return ResultValidationError(method or "?", errors if isinstance(errors, list) else [])
    from . import errors as _errors

    cls = getattr(_errors, name, None)
    if not (isinstance(cls, type) and issubclass(cls, LocalError)):
        return None
    if issubclass(cls, ConnectionLost):
        return cls(message, method=method, maybe_applied=maybe_applied)
    try:
        return cls(message)
    except TypeError:
        return None
