"""One open websocket and its JSON-RPC state, the same object on the server's and the client's
side (as ``websockets`` shares one ``Connection`` between them).

A :class:`Peer` reads frames until the socket closes and acts on their events: requests go
through the socket's gate (:class:`~aerpc.runtime.admission.InFlight`) to the
:class:`~aerpc.runtime.dispatch.Dispatcher` (their tasks are kept by id, so ``rpc.cancel``
cancels them), replies settle this side's calls (or, for the host's socket on a server, go to
:class:`~aerpc.runtime.host.Host`), bytes the protocol wants sent are sent. Where each kind of
event goes is the peer's :class:`~aerpc.runtime.roles.Role`, given when it is built.
:meth:`Peer.send` never raises: a closing socket makes it return False.
:meth:`Peer.keep_alive` runs the keepalive:

Every frame marks the socket alive; a timer every half ``heartbeat`` pings a socket that sent
nothing for a whole period, and aborts one that then sends nothing, not even the pong, for
another half. Pings are answered here (aiohttp's autoping is off, so the frames it would swallow
count as signs of life); this costs one timer per socket, where aiohttp's heartbeat costs a loop
callback per frame received.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Callable
from typing import Any

import aiohttp
from aiohttp import WebSocketError, WSCloseCode, WSMessage, WSMsgType, web

from .codec import clip, preview
from .contract import MethodSpec
from .dispatch import Dispatcher, Respond
from .errors import ConnectionLost, InternalError, MessageTooLarge, RemoteError, RpcTimeout
from .frames import send_guarded
from .inflight import InFlight
from .observe import payload_log
from .protocol import (
    CallTable,
    Cancel,
    Connection,
    Event,
    HelloParams,
    Id,
    Invalid,
    Request,
    Response,
    Send,
    encode_error,
    encode_notification,
)
from .roles import Role

__all__ = ["Peer", "WebSocket"]

log = logging.getLogger("aerpc")

WebSocket = web.WebSocketResponse | aiohttp.ClientWebSocketResponse

_DRAIN_POLL = 0.05
"""Seconds between looks at the unsent output of a socket that stopped taking it."""


class _Call:
    """One call this side made on the socket, awaiting its reply in ``conn.calls``."""

    __slots__ = ("future", "method", "spec")

    def __init__(self, method: str, spec: MethodSpec | None, future: asyncio.Future[Any]):
        self.method = method
        self.spec = spec
        self.future = future


class Peer:
    """One websocket, either side: the read loop, guarded sends, the keepalive, the requests it
    serves and the calls it made.

    ``role`` (a :class:`~aerpc.runtime.roles.Role`) says where the other side's requests,
    cancels and replies go and how the gate runs a request; its name is kept in :attr:`role`
    (``"host"``, ``"tool"``, ``"server"``) for logs and call events. Requests go through
    :attr:`gate` (:class:`~aerpc.runtime.admission.InFlight`: at most ``max_in_flight`` served
    at once, None: no bound), which keeps their tasks by id. ``hello`` holds the params of the
    other side's hello (on a server) and ``session`` the session id the server gave it. This
    side's calls are in the connection's call table (``conn.calls``), each with its future.
    ``cause`` is why the socket closed, when known (a frame over the size limit).
    """

    __slots__ = (
        "cause",
        "conn",
        "dispatcher",
        "gate",
        "hello",
        "keepalive",
        "loop",
        "max_unsent",
        "on_cancel",
        "on_orphan",
        "on_request",
        "on_response",
        "quiet",
        "role",
        "running",
        "seen",
        "session",
        "transport",
        "unsent_timeout",
        "ws",
    )

    def __init__(
        self,
        ws: WebSocket,
        conn: Connection,
        dispatcher: Dispatcher,
        *,
        role: Role,
        hello: HelloParams | None = None,
        session: str = "",
        transport: asyncio.Transport | None = None,
        max_in_flight: int | None = None,
        max_unsent: int | None = None,
        unsent_timeout: float = 30.0,
    ):
        self.ws = ws
        self.max_unsent = max_unsent if transport is not None else None
        self.unsent_timeout = unsent_timeout
        self.conn = conn
        self.dispatcher = dispatcher
        self.transport = transport
        self.role = role.name
        self.hello: HelloParams = hello if hello is not None else {}  # type: ignore[typeddict-item]
        self.session = session
        self.running: dict[Id, asyncio.Task[None]] = {}
        self.cause: BaseException | None = None
        self.seen = True  # a frame arrived since the keepalive timer last looked
        self.quiet = 0  # half periods of the keepalive timer without a frame
        self.keepalive: asyncio.TimerHandle | None = None
        self.loop: asyncio.AbstractEventLoop | None = None  # the reader's, once it runs
        self.gate = InFlight(self, max_in_flight, role.runner(self))
        self.on_request: Callable[[Request], None] = role.requests(self)
        self.on_cancel: Callable[[Id], None] = role.cancels(self)
        self.on_response: Callable[[Response], None] = role.replies(self)
        self.on_orphan: Callable[[str], None] = role.orphans(self)

    @property
    def closed(self) -> bool:
        return self.ws.closed

    # -- sending --------------------------------------------------------------------------------

    def send(self, data: bytes, opcode: WSMsgType = WSMsgType.TEXT) -> bool:
        """Write one frame now; False if the socket is closing."""
        return send_guarded(self.ws, data, opcode)

    def respond(self, request: Request, result: object, error: RemoteError | None) -> None:
        """Answer a request this side served (a batch's reply goes out with its last member)."""
        if request.id is not None:
            self.running.pop(request.id, None)
        frame = self.conn.answer(request, result, error).send
        if frame is not None:
            self.send(frame)

    async def call(
        self,
        method: str,
        params: dict[str, object],
        spec: MethodSpec | None,
        timeout: float,  # noqa: ASYNC109  # the call's deadline, sent with it and as rpc.cancel
        grace: float = 0.0,
    ) -> object:
        """Call a method of the other side and await its reply (checked when ``spec`` is set).
        ``grace``: seconds to wait past the deadline for the other side's own answer to it (it
        counts the deadline from the request's arrival). Cancelled, it sends ``rpc.cancel``."""
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        call = _Call(method, spec, future)
        call_id, data = self.conn.request(method, params, time_left=timeout, call=call)
        self.send(data)
        try:
            async with asyncio.timeout(timeout + grace):
                return await future
        except TimeoutError:
            self.conn.calls.pop(call_id)
            self.send(encode_notification("rpc.cancel", {"id": call_id}))
            raise RpcTimeout(method, timeout) from None
        except asyncio.CancelledError:  # the caller gave up: so does the other side
            if self.conn.calls.pop(call_id) is not None:
                self.send(encode_notification("rpc.cancel", {"id": call_id}))
            raise

    # -- receiving ------------------------------------------------------------------------------

    async def run(self) -> None:
        """Read frames until the socket closes; then fail this side's calls still waiting.

        A frame (or one of its events) this side fails on is logged and, if it is a request,
        answered with ``-32603``; the connection goes on.
        """
        self.loop = asyncio.get_running_loop()
        ws = self.ws
        receive = self.conn.receive
        transport, max_unsent = self.transport, self.max_unsent
        try:
            while True:
                if (
                    max_unsent is not None
                    and transport is not None
                    and transport.get_write_buffer_size() > max_unsent
                    and not await self._drained(transport, max_unsent)
                ):
                    break
                msg = await ws.receive()
                self.seen = True
                kind = msg.type
                try:
                    if kind is WSMsgType.TEXT:
                        events = receive(msg.data)
                    elif kind is WSMsgType.BINARY:
                        events = self.conn.binary_frame(msg.data)
                    elif kind is WSMsgType.PING:
                        self.send(msg.data, WSMsgType.PONG)
                        continue
                    elif kind is WSMsgType.PONG:
                        continue
                    else:
                        self._closed_by(msg)
                        break
                except Exception as exc:
                    events = self._failed(None, exc)
                for event in events:
                    try:
                        if type(event) is Response:  # the hot path
                            self.on_response(event)
                        else:
                            self.act(event)
                    except Exception as exc:
                        self._failed(event, exc)
        finally:
            self._stop_keepalive()
            for call in self.conn.calls.drain():
                if call is not None and not call.future.done():
                    method = call.method
                    call.future.set_exception(
                        ConnectionLost(
                            f"{method}: the connection closed (code {ws.close_code})",
                            method=method,
                            maybe_applied=True,
                        )
                    )

    async def _drained(self, transport: asyncio.Transport, max_unsent: int) -> bool:
        """The other side has not taken ``max_unsent`` bytes written to it: read nothing more
        from it (its requests would add replies) until half of that is taken; False, the
        socket aborted, if none is taken for ``unsent_timeout`` seconds."""
        loop = asyncio.get_running_loop()
        size = transport.get_write_buffer_size()
        log.warning(
            "aerpc: %r does not read what is sent to it (%d bytes unsent): reading from it "
            "stops until it does",
            self,
            size,
        )
        stuck_since = loop.time()
        while size > max_unsent // 2:
            if transport.is_closing():
                return False
            if loop.time() - stuck_since >= self.unsent_timeout:
                log.warning(
                    "aerpc: %r took none of the %d bytes sent to it for %g s; closing the "
                    "connection",
                    self,
                    size,
                    self.unsent_timeout,
                )
                self.abort()
                return False
            await asyncio.sleep(_DRAIN_POLL)  # the transport says nothing when it drains
            now = transport.get_write_buffer_size()
            if now < size:
                stuck_since = loop.time()
            size = now
        return True

    def act(self, event: Event) -> None:
        """Act on one event of a received frame (other than a reply)."""
        if type(event) is Request:
            self.on_request(event)
        elif type(event) is Send:
            self.send(event.data)
        elif type(event) is Cancel:
            self.on_cancel(event.id)
        elif type(event) is Invalid:
            log.warning("aerpc: %r: %s", self, event.reason)
            if event.detail is not None and payload_log.isEnabledFor(logging.DEBUG):
                payload_log.debug("aerpc: %r: %s: %s", self, event.reason, preview(event.detail))
            if event.orphan:
                self.on_orphan(event.reason)
        elif type(event) is Response:
            self.on_response(event)

    def serve(self, request: Request) -> None:
        """Serve a request through the socket's gate (:attr:`gate`: the in-flight bound, the
        running-task map for ``rpc.cancel``)."""
        self.gate.serve(request)

    def dispatch(self, request: Request, respond: Respond) -> asyncio.Task[None] | None:
        """Start a request on the dispatcher (the gate's default :attr:`~InFlight.run`)."""
        return self.dispatcher.dispatch(request, respond, self.role, self.loop, owner=self)

    def cancel_running(self, id: Id) -> None:
        """``rpc.cancel``: cancel the request ``id`` if it runs here."""
        task = self.running.pop(id, None)
        if task is not None:
            task.cancel()

    def settle(self, response: Response) -> None:
        """Settle this side's call that ``response`` answers (:meth:`CallTable.settle
        <aerpc.runtime.protocol.CallTable.settle>`: the typed error, or the checked result)."""
        calls: CallTable[_Call] = self.conn.calls
        settled = calls.settle(response, self.dispatcher.contract.error_classes)
        if settled is None:
            log.debug("aerpc: %r sent a reply to nothing: %s", self, _show_id(response.id))
            return
        call, result, error = settled
        if call.future.done():
            return
        if error is not None:
            call.future.set_exception(error)
        else:
            call.future.set_result(result)

    # -- keepalive ------------------------------------------------------------------------------

    def keep_alive(self, heartbeat: float | None) -> None:
        """Run the keepalive timer every half ``heartbeat`` (module doc; None: no keepalive)."""
        self.keepalive = None
        if heartbeat is None or self.ws.closed:
            return
        if self.seen:
            self.seen = False
            self.quiet = 0
        else:
            self.quiet += 1
            if self.quiet == 2:  # nothing for a whole period: ask for a sign of life
                self.send(b"", WSMsgType.PING)
            elif self.quiet > 2:  # and nothing, not even the pong, for another half
                log.warning(
                    "aerpc: %r sent nothing, not even a pong, for %g s; closing the connection",
                    self,
                    heartbeat * 1.5,
                )
                self.abort()
                return
        loop = self.loop or asyncio.get_running_loop()
        self.keepalive = loop.call_later(heartbeat / 2, self.keep_alive, heartbeat)

    def abort(self) -> None:
        """Drop the connection at once (no close handshake)."""
        if self.transport is not None:
            self.transport.abort()
            return
        sock = self.ws.get_extra_info("socket")
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def _stop_keepalive(self) -> None:
        if self.keepalive is not None:
            self.keepalive.cancel()
            self.keepalive = None

    # -- failures -------------------------------------------------------------------------------

    def _failed(self, event: Event | None, exc: Exception) -> list[Event]:
        """This side failed on a frame (``event`` None) or one of its events: log it, and answer
        a request per JSON-RPC; returns the events to act on instead of the frame's."""
        log.error("aerpc: %r: failed on a message (%s)", self, type(exc).__name__, exc_info=exc)
        error = InternalError(f"the message could not be processed ({type(exc).__name__})")
        if event is None:
            return [Send(encode_error(None, error))]
        if type(event) is Request and event.id is not None:
            self.respond(event, None, error)
        return []

    def _closed_by(self, msg: WSMessage) -> None:
        """The socket closed (or failed): note a frame over the size limit as the cause."""
        too_big = isinstance(msg.data, WebSocketError) and (
            msg.data.code == WSCloseCode.MESSAGE_TOO_BIG
        )
        if msg.type is WSMsgType.ERROR and too_big:
            self.cause = MessageTooLarge(
                f"{self!r} sent a message over the limit of {self.conn.max_message_size} "
                f"bytes: {msg.data}"
            )
            log.warning("aerpc: %s", self.cause)

    def __repr__(self) -> str:
        return f"<{self.role} {self.hello.get('instance', '?')}>"


def _show_id(id: Id) -> str:
    return repr(clip(id)) if isinstance(id, str) else repr(id)
