"""The door of the server: who may reach it, and what a connection may cost before its hello.

Everything here runs before a peer is trusted (docs/reliability.md §4 states each bound):

* :class:`Admission` holds the checks every HTTP request goes
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
  connections exist at once. A new one over the cap closes the oldest that is in no request
  (one that never sent a byte first), so connections held open without a request cannot keep
  the panel out; only when every one is in a request is the newcomer closed.
* :class:`HostSeat`: the right to resume a host session is a secret handed out in the hello
  result, not the instance id the client chose; while the instance that left has calls in
  flight, within its reconnect grace, only that secret takes the seat.
* :func:`first_frame_problem`: a first frame is parsed only if it is small and opens like a
  JSON object; :func:`first_frame_limit` is the reader's limit until the hello (a bigger frame
  closes the socket, 1009, as soon as its header says so where aiohttp's reader checks it),
  raised to the message limit by :func:`raise_message_limit` once the hello is accepted.

After the hello, the one gate of a socket's requests is :class:`~.inflight.InFlight`; the
bounds, before and after the hello, are :class:`~.limits.Limits`; the warnings of the door are
rate-limited by :class:`~.observe.RateLimitedLog`. These names are importable from here too.
"""

from __future__ import annotations

import asyncio
import hmac
import inspect
import ipaddress
import logging
import math
import secrets
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, Literal

from aiohttp import hdrs, web
from aiohttp.abc import AbstractAccessLogger

from .inflight import GateSocket, InFlight, Run
from .limits import Limits, ServerLimits
from .observe import RateLimitedLog

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
    "first_frame_limit",
    "first_frame_problem",
    "origin_class",
    "raise_message_limit",
]

log = logging.getLogger("aerpc")

OriginClass = Literal["local", "page", "file"]
"""``local``: no ``Origin`` (a process, not a browser); ``page``: ``Origin: null`` (a CEP panel,
or a sandboxed frame of any web page); ``file``: ``file://`` or an allowed origin."""


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


def first_frame_limit(max_hello_size: int, max_message_size: int) -> int:
    """The websocket reader's size limit until the hello (aiohttp refuses frames of this size
    and more): four times ``max_hello_size`` (a frame between the two gets the ``-32001``
    refusal naming the hello limit), or the message limit where it cannot be raised later."""
    if not _CAN_RAISE:
        return max_message_size + 1
    return min(4 * max_hello_size, max_message_size) + 1


def raise_message_limit(
    ws: web.WebSocketResponse, request: web.BaseRequest, max_msg_size: int
) -> bool:
    """Give an accepted socket's reader the message limit (``max_msg_size``: aiohttp refuses
    frames of this size and more): a new reader on the same queue, as aiohttp makes it, since
    the compiled reader's limit cannot change. Frames already read stay in the queue; a peer
    sends nothing after its hello until the result, so no frame is half read here. False
    where this aiohttp cannot (the first frame was read with the message limit then)."""
    protocol = request.protocol
    queue = getattr(ws, "_reader", None)
    if not _CAN_RAISE or queue is None or protocol is None:
        return False
    kwargs: dict[str, Any] = {"compress": bool(getattr(ws, "_compress", False))}
    if _READER_DECODES:
        kwargs["decode_text"] = getattr(ws, "_decode_text", True)
    parser = WebSocketReader(queue, max_msg_size, **kwargs)
    if hasattr(ws, "_parser"):
        ws._parser = parser  # aiohttp >= 3.13 keeps it alive from the response
    protocol._payload_parser = parser
    return True


try:
    from aiohttp._websocket.reader import WebSocketReader
    from aiohttp._websocket.reader_py import WebSocketReader as _PyReader
    from aiohttp.web_protocol import RequestHandler

    _READER_DECODES = "decode_text" in inspect.signature(_PyReader.__init__).parameters
    _CAN_RAISE = "_payload_parser" in getattr(RequestHandler, "__slots__", ())
except (ImportError, AttributeError, ValueError, TypeError):  # pragma: no cover
    _CAN_RAISE = _READER_DECODES = False


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


class HostSeat:
    """Who holds the host seat, and the secret that lets that instance resume its session.

    When the host's socket closes with calls in flight, the seat is held for that instance
    until its reconnect grace ends (:meth:`hold`): a token holder who connects as another
    instance meanwhile is refused, so it can neither take the calls nor lock the panel out.
    """

    def __init__(self) -> None:
        self.instance: str | None = None
        self._secret = b""
        self.held_until = -math.inf
        """Until when (the loop's clock) the seat is kept for :attr:`instance`."""

    def hold(self, until: float) -> None:
        """The seated instance's socket closed with calls in flight: keep the seat for it
        until ``until`` (the end of its reconnect grace)."""
        self.held_until = until

    def claim(
        self, instance: str, resume: object, seated: str | None, now: float = -math.inf
    ) -> str | None:
        """Why a host hello may not take the seat (None: it may). ``seated``: the instance
        whose socket is open now, if any; ``now``: the loop's clock, for the hold."""
        secret_ok = isinstance(resume, str) and hmac.compare_digest(
            resume.encode("utf-8", "surrogatepass"), self._secret
        )
        if self.instance is not None and instance == self.instance:
            if secret_ok:
                return None
            return (
                "this instance's session can be resumed only with the resume secret of its "
                "hello result"
            )
        if seated is not None:
            return "another After Effects host instance is connected; one host at a time"
        if now < self.held_until and not secret_ok:
            return (
                "the After Effects host instance that was connected left with calls in flight "
                "and may come back within its reconnect grace; one host at a time: retry later"
            )
        return None

    def give(self, instance: str) -> str:
        """The seat is ``instance``'s: its resume secret (a new one for a new instance)."""
        self.held_until = -math.inf
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
        self.silent = True  # it has sent nothing yet

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.since = time.monotonic()
        self.inner.connection_made(transport)
        self.gate._joined(self)

    def data_received(self, data: bytes) -> None:
        self.silent = False
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
            victim = self._victim()
            if victim is None:
                self.refusals.warning(
                    "connections",
                    "aerpc: closed a new connection: %d connections are in an HTTP request "
                    "(max_connections)",
                    len(self._open),
                )
                gated.transport.abort()
                return
            self.refusals.warning(
                "connections",
                "aerpc: closed the oldest of %d connections that have not upgraded to make "
                "room for a new one (max_connections); something holds connections open",
                len(self._open),
            )
            self._open.pop(victim.transport)  # type: ignore[arg-type]
            if victim.transport is not None:
                victim.transport.abort()
        self._open[gated.transport] = gated
        if self._timer is None:
            self._arm()

    def _victim(self) -> _Gated | None:
        """The connection to close for a new one: the oldest that never sent a byte, else the
        oldest in no request; None if every one is in a request."""
        idle = None
        for gated in self._open.values():  # oldest first
            if gated.requests == 0:
                if gated.silent:
                    return gated
                idle = idle or gated
        return idle

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
