"""The door of the server: who may reach it, and what a connection may cost before its hello.

Everything here runs before a peer is trusted (docs/reliability.md §4 states each bound):

* :class:`Admission` holds the limits (:class:`Limits`) and the checks every HTTP request goes
  through, ``/ws`` and the application's extra routes and static files alike: the ``Host``
  header must name the loopback address (or ``localhost``) with the bound port (else 421), a
  foreign ``Origin`` is refused (403), and routes not marked public need the token in an
  ``Authorization: Bearer`` header (401).
* :class:`PendingHellos`: the sockets that upgraded and have not said hello, in slots per origin
  class. A full class refuses with HTTP 503, except the class a web page can reach
  (``Origin: null``, which CEP panels send too): there the oldest waiting socket is closed to
  make room, so pages that hold sockets open without a hello cannot keep a panel out.
* :class:`ConnectionGate`: every TCP connection that has not upgraded to a websocket must be
  in a request, or have begun one, within ``idle_timeout``; at most ``max_connections`` such
  connections exist at once (more are closed as they come).
* :class:`HostSeat`: the right to resume a host session is a secret handed out in the hello
  result, not the instance id the client chose.
* :func:`first_frame_problem`: a first frame is parsed only if it is small and opens like a
  JSON object.
* :class:`InFlight`: after the hello, at most ``max_in_flight`` requests of one socket are
  served at once, those its own dispatcher runs and (for a tool) those relayed to the host
  alike; the excess is answered ``-32005``. It is the one place a socket's requests start.
"""

from __future__ import annotations

import asyncio
import hmac
import ipaddress
import logging
import secrets
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

from aiohttp import hdrs, web
from aiohttp.abc import AbstractAccessLogger

from .codec import clip
from .errors import InternalError, RemoteError, TooManyRequests

if TYPE_CHECKING:
    from .dispatch import Respond
    from .protocol import HelloParams, Id, Request

__all__ = [
    "Admission",
    "ConnectionGate",
    "GateSocket",
    "HostSeat",
    "InFlight",
    "Limits",
    "OriginClass",
    "PathOnlyAccessLogger",
    "PendingHellos",
    "RateLimitedLog",
    "Run",
    "ServerLimits",
    "first_frame_problem",
    "origin_class",
]

log = logging.getLogger("aerpc")

OriginClass = Literal["local", "page", "file"]
"""``local``: no ``Origin`` (a process, not a browser); ``page``: ``Origin: null`` (a CEP panel,
or a sandboxed frame of any web page); ``file``: ``file://`` or an allowed origin."""


@dataclass(frozen=True, slots=True)
class ServerLimits:
    """The bounds of the door, with their defaults (all ``Server`` options)."""

    max_hello_size: int = 16 * 1024
    """Bytes of the first frame (the hello); a hello is well under 1 KiB."""
    max_pending_hellos: int = 8
    """Sockets waiting for their hello, per origin class."""
    hello_timeout: float = 5.0
    """Seconds from the upgrade to the hello."""
    page_hello_timeout: float = 2.0
    """Seconds from the upgrade to the hello for ``Origin: null`` (the panel sends it at once)."""
    idle_timeout: float = 5.0
    """Seconds a connection that has not upgraded may go without a request in progress."""
    max_connections: int = 64
    """TCP connections that have not upgraded, at once."""
    max_batch: int = 100
    """Requests (and notifications) in one batch."""
    max_in_flight: int = 64
    """Requests of one socket being served at once (sync handlers included)."""
    max_sync_per_peer: int = 4
    """Sync handlers of one socket running at once (each holds a thread)."""
    sync_workers: int = 16
    """Threads of the server's own pool for sync handlers."""

    def __post_init__(self) -> None:
        for name in ("max_hello_size", "max_pending_hellos", "max_connections", "max_batch"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, not {getattr(self, name)!r}")
        for name in ("max_in_flight", "max_sync_per_peer", "sync_workers"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, not {getattr(self, name)!r}")
        for name in ("hello_timeout", "page_hello_timeout", "idle_timeout"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be positive, not {getattr(self, name)!r}")


Limits = ServerLimits
"""The old name of :class:`ServerLimits`, kept for one release."""


def origin_class(origin: str | None) -> OriginClass:
    if origin is None:
        return "local"
    if origin == "null":
        return "page"
    return "file"


def first_frame_problem(data: bytes | str, max_hello_size: int) -> str | None:
    """Why a first frame is not parsed (None: it may be a hello): over ``max_hello_size``
    bytes, or not opening like a JSON object."""
    if len(data) > max_hello_size:
        return f"the first message must be a small rpc.hello (at most {max_hello_size} bytes)"
    head = data[:64].lstrip() if isinstance(data, bytes) else data[:64].lstrip().encode()
    if not head.startswith(b"{"):
        return "the first message must be the request rpc.hello (a JSON object)"
    return None


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


class _Slot:
    __slots__ = ("evict", "kind", "released")

    def __init__(self, kind: OriginClass, evict: Callable[[], object]):
        self.kind = kind
        self.evict = evict
        self.released = False


class PendingHellos:
    """Slots for the sockets that have not said hello, ``limit`` per origin class."""

    def __init__(self, limit: int):
        self.limit = limit
        self._slots: dict[OriginClass, list[_Slot]] = {"local": [], "page": [], "file": []}

    def __len__(self) -> int:
        return sum(len(slots) for slots in self._slots.values())

    def count(self, kind: OriginClass) -> int:
        return len(self._slots[kind])

    def take(self, kind: OriginClass, evict: Callable[[], object]) -> _Slot | None:
        """A slot for a new socket, or None (refuse it: 503). In the ``page`` class a full
        pool closes its oldest socket (``evict``) instead."""
        slots = self._slots[kind]
        if len(slots) >= self.limit:
            if kind != "page":
                return None
            oldest = slots.pop(0)
            oldest.released = True
            oldest.evict()
        slot = _Slot(kind, evict)
        slots.append(slot)
        return slot

    def release(self, slot: _Slot) -> None:
        if not slot.released:
            slot.released = True
            self._slots[slot.kind].remove(slot)


class GateSocket(Protocol):
    """The socket an :class:`InFlight` gate serves (a ``Peer``): who it is, its running-task
    map (``rpc.cancel`` looks tasks up there) and how it answers a request."""

    role: str
    hello: HelloParams
    running: dict[Id, asyncio.Task[None]]

    def respond(self, request: Request, result: object, error: RemoteError | None) -> None: ...


Run = Callable[["Request", "Respond"], "asyncio.Task[None] | None"]
"""Starts serving a request behind a socket's gate: ``run(request, respond)`` calls ``respond``
once with the outcome (at once, or later from a task or a thread), and returns the task that
serves it when there is one (``rpc.cancel`` cancels it)."""


class InFlight:
    """The one gate of a socket's requests: at most ``limit`` of them served at once (None: no
    bound), whatever serves them (the socket's dispatcher, or for a tool the relay to the host).

    :meth:`serve` is the peer's ``on_request``: over the limit, a request is answered ``-32005``
    at once and not run; else :attr:`run` starts it with a respond of its own, and its task, if
    any, is kept in the peer's running-task map for ``rpc.cancel``. The count is released once
    per admitted request, by its first answer (a second one is not sent), or when its task ends
    without answering (cancelled before it began, or failed): that task's request is then
    answered ``-32603`` here."""

    __slots__ = ("count", "limit", "peer", "run")

    def __init__(self, peer: GateSocket, limit: int | None, run: Run):
        self.peer = peer
        self.limit = limit
        self.run = run
        self.count = 0

    def serve(self, request: Request) -> None:
        peer = self.peer
        if self.limit is not None and self.count >= self.limit:
            peer.respond(request, None, TooManyRequests(self.refusal(request)))
            return
        self.count += 1
        ticket = _Ticket(self, request)
        try:
            task = self.run(request, ticket.answer)
        except Exception as exc:  # a bug in what runs it: answer, and keep serving
            ticket.failed(exc)
            return
        if task is not None and not ticket.answered:
            if request.id is not None:
                peer.running[request.id] = task
            task.add_done_callback(ticket.ended)

    def refusal(self, request: Request) -> str:
        """The refusal of a request over the limit: which socket, how many, what limit."""
        peer = self.peer
        instance = peer.hello.get("instance", "?")
        return (
            f"{clip(request.method)}: refused, {self.count} requests of this socket "
            f"({peer.role} {clip(instance)!r}) are in flight, the limit (max_in_flight = "
            f"{self.limit}); retry when one has answered"
        )


class _Ticket:
    """One admitted request's hold on its gate, released by its first answer."""

    __slots__ = ("answered", "gate", "request")

    def __init__(self, gate: InFlight, request: Request):
        self.gate = gate
        self.request = request
        self.answered = False

    def _release(self) -> bool:
        """Free the slot, once; whether this call was the one that did."""
        if self.answered:
            return False
        self.answered = True
        self.gate.count -= 1
        return True

    def answer(self, request: Request, result: object, error: RemoteError | None) -> None:
        """The request's respond: the first answer is sent and frees the slot."""
        if not self._release():
            log.debug("aerpc: %s %r: a second answer, not sent", clip(request.method), request.id)
            return
        self.gate.peer.respond(request, result, error)

    def ended(self, task: asyncio.Task[None]) -> None:
        """The request's task ended: if it did not answer, answer for it."""
        if self.answered:
            return
        method = clip(self.request.method)
        if task.cancelled():  # before it began (or it let the cancel through unanswered)
            self.answer(self.request, None, InternalError(f"{method}: cancelled"))
            return
        exc = task.exception()
        if exc is None or isinstance(exc, Exception):
            self.failed(exc or RuntimeError(f"{method}: its task ended without an answer"))
            return
        self._release()  # SystemExit, KeyboardInterrupt: the loop stops, nothing is sent

    def failed(self, exc: BaseException) -> None:
        request = self.request
        log.error("aerpc: %s %r: no answer", clip(request.method), request.id, exc_info=exc)
        text = f"{clip(request.method)}: {type(exc).__name__} (the server's log has the details)"
        self.answer(request, None, InternalError(text))


class HostSeat:
    """Who holds the host seat, and the secret that lets that instance resume its session."""

    def __init__(self) -> None:
        self.instance: str | None = None
        self._secret = b""

    def claim(self, instance: str, resume: object, seated: str | None) -> str | None:
        """Why a host hello may not take the seat (None: it may). ``seated``: the instance
        whose socket is open now, if any."""
        if self.instance is not None and instance == self.instance:
            if isinstance(resume, str) and hmac.compare_digest(
                resume.encode("utf-8", "surrogatepass"), self._secret
            ):
                return None
            return (
                "this instance's session can be resumed only with the resume secret of its "
                "hello result"
            )
        if seated is not None:
            return "another After Effects host instance is connected; one host at a time"
        return None

    def give(self, instance: str) -> str:
        """The seat is ``instance``'s: its resume secret (a new one for a new instance)."""
        if instance != self.instance or not self._secret:
            self.instance = instance
            self._secret = secrets.token_urlsafe(24).encode("ascii")
        return self._secret.decode("ascii")


# -- HTTP: Host, Origin, token ----------------------------------------------------------------

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Admission:
    """The checks of every HTTP request (the module doc), as an aiohttp middleware."""

    def __init__(self, *, token: str, allowed_origins: Iterable[str], bind_host: str):
        self._token = token.encode("utf-8")
        self.allowed_origins = frozenset(allowed_origins)
        self.bind_host = bind_host
        self.port: int | None = None
        self.public: set[object] = set()  # routes and resources that need no token
        self.refusals = RateLimitedLog()
        self.on_refused: Callable[[int, str], object] | None = None
        """Told of each refused origin (HTTP code, reason): the server remembers it for
        ``NotConnected``."""

    def origin_allowed(self, origin: str | None) -> bool:
        return (
            origin is None
            or origin == "null"
            or origin.lower().startswith("file://")
            or origin in self.allowed_origins
        )

    def host_allowed(self, host: str | None) -> bool:
        """``Host`` names the loopback address, ``localhost`` or the bound address, with the
        bound port: anything else is a rebound name (DNS rebinding) or a wrong target."""
        if host is None or self.port is None:
            return False
        name, sep, port = host.rpartition(":")
        if not sep or port != str(self.port):
            return False
        name = name.lower()
        if name.startswith("[") and name.endswith("]"):
            name = name[1:-1]
        if name in ("localhost", self.bind_host.lower()):
            return True
        try:
            return ipaddress.ip_address(name).is_loopback
        except ValueError:
            return False

    def token_ok(self, request: web.Request) -> bool:
        header = request.headers.get(hdrs.AUTHORIZATION, "")
        scheme, _, given = header.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(
            given.strip().encode("utf-8", "surrogatepass"), self._token
        )

    def is_public(self, request: web.Request) -> bool:
        route = request.match_info.route
        return route in self.public or route.resource in self.public

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self.host_allowed(request.headers.get(hdrs.HOST)):
            raise web.HTTPMisdirectedRequest(
                text="aerpc: the Host header must name 127.0.0.1 or localhost with this port\n"
            )
        origin = request.headers.get(hdrs.ORIGIN)
        if not self.origin_allowed(origin):
            self.refusals.warning(
                f"origin {(origin or '')[:100]}",
                "aerpc: refused a connection from origin %r (HTTP 403)",
                origin,
            )
            if self.on_refused is not None:
                self.on_refused(403, f"origin {(origin or '')[:100]!r} is not allowed")
            raise web.HTTPForbidden(text=f"aerpc: origin {origin!r} is not allowed\n")
        if not self.is_public(request) and not self.token_ok(request):
            raise web.HTTPUnauthorized(
                text="aerpc: this route needs the token (Authorization: Bearer <token>)\n"
            )
        return await handler(request)


class PathOnlyAccessLogger(AbstractAccessLogger):
    """aiohttp's access log without query strings or headers (a ``?token=`` never lands in a
    log): address, method, path, status, size, time."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        self.logger.info(
            '%s "%s %s" %s %s %.3fs',
            request.remote,
            request.method,
            request.path,
            response.status,
            response.body_length,
            time,
        )


# -- TCP: connections that have not upgraded --------------------------------------------------


class _Gated(asyncio.Protocol):
    """aiohttp's protocol for one connection, behind the gate (counts and times it)."""

    def __init__(self, gate: ConnectionGate, inner: asyncio.Protocol):
        self.gate = gate
        self.inner = inner
        self.transport: asyncio.Transport | None = None
        self.since = 0.0  # when it connected or its last request ended
        self.requests = 0  # requests in progress

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.since = time.monotonic()
        self.inner.connection_made(transport)
        self.gate._joined(self)

    def data_received(self, data: bytes) -> None:
        self.inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self.inner.eof_received()

    def connection_lost(self, exc: Exception | None) -> None:
        self.gate._left(self)
        self.inner.connection_lost(exc)

    def pause_writing(self) -> None:
        self.inner.pause_writing()

    def resume_writing(self) -> None:
        self.inner.resume_writing()


class ConnectionGate:
    """Times out and caps the TCP connections that have not upgraded to a websocket."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self._open: dict[asyncio.BaseTransport, _Gated] = {}
        self._timer: asyncio.TimerHandle | None = None
        self.refusals = RateLimitedLog()

    def __len__(self) -> int:
        return len(self._open)

    def factory(self, inner: Callable[[], Any]) -> Callable[[], asyncio.Protocol]:
        """A protocol factory for ``loop.create_server`` around aiohttp's (``runner.server``)."""
        return lambda: _Gated(self, inner())

    def upgraded(self, transport: asyncio.BaseTransport | None) -> None:
        """The connection became a websocket: no longer gated (its hello has its own timer)."""
        gated = self._open.pop(transport, None) if transport is not None else None
        if gated is not None and gated.transport is not None:
            gated.transport.set_protocol(gated.inner)  # off the path of every frame

    def request_started(self, transport: asyncio.BaseTransport | None) -> None:
        gated = self._open.get(transport) if transport is not None else None
        if gated is not None:
            gated.requests += 1

    def request_ended(self, transport: asyncio.BaseTransport | None) -> None:
        gated = self._open.get(transport) if transport is not None else None
        if gated is not None:
            gated.requests -= 1
            gated.since = time.monotonic()

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        self.request_started(request.transport)
        try:
            return await handler(request)
        finally:
            self.request_ended(request.transport)

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _joined(self, gated: _Gated) -> None:
        assert gated.transport is not None
        if len(self._open) >= self.limits.max_connections:
            self.refusals.warning(
                "connections",
                "aerpc: closed a new connection: %d connections have not upgraded yet "
                "(max_connections)",
                len(self._open),
            )
            gated.transport.abort()
            return
        self._open[gated.transport] = gated
        if self._timer is None:
            self._arm()

    def _left(self, gated: _Gated) -> None:
        if gated.transport is not None:
            self._open.pop(gated.transport, None)

    def _arm(self) -> None:
        loop = asyncio.get_running_loop()
        self._timer = loop.call_later(self.limits.idle_timeout / 2, self._sweep)

    def _sweep(self) -> None:
        self._timer = None
        now = time.monotonic()
        for gated in list(self._open.values()):
            if gated.requests == 0 and now - gated.since >= self.limits.idle_timeout:
                self._open.pop(gated.transport, None)  # type: ignore[arg-type]
                if gated.transport is not None:
                    gated.transport.abort()
        if self._open:
            self._arm()
