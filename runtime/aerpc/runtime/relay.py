"""The relay: ``tool`` peers call host methods through the server (``Server(relay=True)``).

A tool's request for a host method becomes a call of the server's own :class:`Host` with the
tool's time left (its ``aerpc.timeout_ms``, else the method's ``x-timeout-ms``), so the same
rules hold as for the pipeline's calls: params checked, one call at a time in the panel, resent
with the same id after a reconnect, idempotent calls resent to a reloaded panel and the others
failed with ``maybe_applied``. The outcome goes back to the tool: a result, a wire error as the
host sent it, or a local error (``RpcTimeout``, ``NotConnected``, ``ConnectionLost``, …) as
:data:`RELAYED_ERROR` with its class name in ``data.name``. A tool's ``rpc.cancel``, or its
socket closing, cancels its calls: one not sent yet is dropped, one sent gets ``rpc.cancel``
(the panel drops it if it has not started).

Two methods of its own, outside any schema (a schema's method names are snake_case):
``aerpc.hosts`` lists the connected host (``params.watch: true`` also subscribes the tool to
``aerpc.host`` notifications: ``{"event": "connected" | "disconnected", "host": {...}}``).
"""

from __future__ import annotations

import asyncio
import datetime
import logging
from collections.abc import Callable
from typing import Any, Final, Protocol

from .channel import CallOptions
from .contract import Contract
from .errors import (
    ConnectionLost,
    InvalidParams,
    LocalError,
    MethodNotFound,
    RemoteError,
    ResultValidationError,
    RpcTimeout,
    TooManyRequests,
)
from .host import Host
from .protocol import HelloParams, Id, Request, encode_notification

__all__ = [
    "HOSTS_METHOD",
    "HOST_EVENT",
    "RELAYED_ERROR",
    "Relay",
    "RelayedError",
    "host_entry",
    "relayed",
]

log = logging.getLogger("aerpc")

HOSTS_METHOD: Final = "aerpc.hosts"
HOST_EVENT: Final = "aerpc.host"
RELAYED_ERROR: Final = -32020
"""The code of a local error of the server's host connection, sent back to a tool."""


class RelayedError(RemoteError):
    """A local error on the server's side of a relayed call; ``data`` has its ``name``,
    ``method``, ``maybe_applied`` and ``timeout`` (``RemoteHost`` raises the class again)."""

    code = RELAYED_ERROR
    default_message = "Relayed error"


class ToolLink(Protocol):
    """A tool's socket, as the server gives it to the relay (a ``Peer``)."""

    hello: HelloParams
    running: dict[Id, asyncio.Task[None]]

    def send(self, data: bytes) -> bool: ...

    def respond(self, request: Request, result: object, error: RemoteError | None) -> None: ...

    def serve(self, request: Request) -> None: ...


def relayed(exc: LocalError) -> RelayedError:
    """``exc`` as the wire error a tool receives."""
    data: dict[str, Any] = {"name": type(exc).__name__}
    for member in ("method", "maybe_applied", "timeout"):
        value = getattr(exc, member, None)
        if value is not None:
            data[member] = value
    if isinstance(exc, ResultValidationError):
        data["errors"] = exc.errors
    return RelayedError(str(exc), data)


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

    def __init__(self, host: Host, contract: Contract, *, enabled: bool):
        self.host = host
        self.contract = contract
        self.enabled = enabled
        self._watchers: set[ToolLink] = set()
        self._relayed: dict[ToolLink, set[asyncio.Task[None]]] = {}  # by tool, while they run
        self._current: dict[str, Any] | None = None  # the connected host's entry

    def requests_of(
        self, link: ToolLink, local: Callable[[Request], None], max_in_flight: int
    ) -> Callable[[Request], None]:
        """What a tool's socket does with a request: the relay's methods here (at most
        ``max_in_flight`` relayed calls of one socket at once, the excess answered ``-32005``),
        the pipeline's through ``local`` (the socket's own in-flight gate)."""

        def on_request(request: Request) -> None:
            if not self.handles(request.method):
                local(request)
            elif len(self._relayed.get(link, ())) >= max_in_flight:
                text = (
                    f"{request.method}: {max_in_flight} relayed calls of this socket are in "
                    "flight, the limit (max_in_flight); retry when one has answered"
                )
                link.respond(request, None, TooManyRequests(text))
            else:
                self.serve(link, request)

        return on_request

    def handles(self, method: str) -> bool:
        """Whether a tool's request for ``method`` is the relay's to serve."""
        spec = self.contract.methods.get(method)
        return (spec is not None and spec.served_by == "host") or method == HOSTS_METHOD

    def serve(self, link: ToolLink, request: Request) -> None:
        """Serve a tool's request for a host method or :data:`HOSTS_METHOD`."""
        if request.method == HOSTS_METHOD:
            self._hosts(link, request)
            return
        if not self.enabled:
            error = MethodNotFound(
                f"{request.method} is a host method, and this server does not relay tool calls "
                "to the host (Server(relay=True); `aerpc serve` does)"
            )
            link.respond(request, None, error)
            return
        task = asyncio.ensure_future(self._forward(link, request))
        if request.id is not None:
            link.running[request.id] = task  # so that the tool's rpc.cancel cancels it
        relayed = self._relayed.setdefault(link, set())
        relayed.add(task)
        task.add_done_callback(relayed.discard)

    async def _forward(self, link: ToolLink, request: Request) -> None:
        spec = self.contract.methods[request.method]
        budget = request.budget if request.budget is not None else spec.timeout
        try:
            result = await self.host.call(
                request.method, request.params, CallOptions(timeout=budget)
            )
        except RemoteError as exc:
            link.respond(request, None, exc)
        except LocalError as exc:
            link.respond(request, None, relayed(exc))
        except asyncio.CancelledError:
            log.info("aerpc: %s from a tool cancelled", request.method)
            raise
        else:
            link.respond(request, result, None)

    def _hosts(self, link: ToolLink, request: Request) -> None:
        watch = request.params.get("watch", False)
        if not isinstance(watch, bool) or set(request.params) - {"watch"}:
            error = InvalidParams(f"{HOSTS_METHOD}: params are {{watch?: boolean}}")
            link.respond(request, None, error)
            return
        if watch:
            self._watchers.add(link)
        link.respond(request, [self._current] if self._current is not None else [], None)

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
        running = self._relayed.pop(link, set())
        for task in running:
            task.cancel()
        if running:
            log.info("aerpc: a tool disconnected; %d of its call(s) cancelled", len(running))

    def _notify(self, event: str, entry: dict[str, Any]) -> None:
        data = encode_notification(HOST_EVENT, {"event": event, "host": entry})
        for link in list(self._watchers):
            link.send(data)


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
