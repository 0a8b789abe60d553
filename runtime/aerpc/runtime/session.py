"""One socket on the server, from its upgrade to its close (as ``websockets`` splits a
``ServerConnection`` from its ``Server``): the hello, the choice of role, then its peer.

The server (``server.py``) owns the lifecycle, the port and the door; for each upgraded socket
it runs a :class:`Session`. The session reads the first frame within the hello deadline, lets
:class:`~aerpc.runtime.protocol.ServerConnection` judge it (token, params, schema), decides the
role (:meth:`Session._decide`: one host instance at a time, the resume secret), and only then
builds the socket's :class:`~aerpc.runtime.peer.Peer` with its role object
(:mod:`.roles`: :class:`~.roles.HostRole` or :class:`~.roles.ToolRole`), which it runs until the
socket closes. What every session shares is one :class:`SessionSetup`, made by the server.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import WSMessage, WSMsgType, web

from .admission import HostSeat, OriginClass, first_frame_problem, raise_message_limit
from .codec import clip
from .contract import Contract
from .dispatch import Dispatcher
from .errors import HostAlreadyConnected, TooManyRequests
from .frames import send_guarded
from .host import Host
from .limits import Limits
from .observe import RateLimitedLog
from .peer import Peer
from .protocol import (
    CLOSE_HOST_CONNECTED,
    CLOSE_REPLACED,
    Close,
    Event,
    Hello,
    HelloResult,
    Send,
    ServerConnection,
    error_data,
)
from .relay import Relay
from .roles import PENDING, HostRole, Role, ToolRole

__all__ = ["Session", "SessionSetup"]

log = logging.getLogger("aerpc")


@dataclass(frozen=True, slots=True)
class SessionSetup:
    """What the server's sessions share: the server's settings and the objects a role joins.

    ``refused(code, message, data)`` remembers a refusal for ``NotConnected``; ``closing``
    holds the closes of replaced sockets, which the server awaits when it stops."""

    token: str
    contract: Contract
    limits: Limits
    max_message_size: int
    allow_schema_mismatch: bool
    heartbeat: float | None
    server_version: str
    dispatcher: Dispatcher
    host: Host
    relay: Relay
    seat: HostSeat
    refusals: RateLimitedLog
    refused: Callable[[int, str, object], None]
    closing: set[asyncio.Task[object]]
    tools: set[Session] = field(default_factory=set)
    """The sessions of tools past their hello (at most ``limits.max_tools``)."""


class Session:
    """One upgraded socket on the server (module doc). :meth:`run` returns when it closed."""

    def __init__(
        self,
        setup: SessionSetup,
        ws: web.WebSocketResponse,
        transport: asyncio.Transport | None,
        origin: OriginClass,
        request: web.BaseRequest | None = None,
    ):
        self.setup = setup
        self.ws = ws
        self.transport = transport
        self.origin = origin
        self.request = request  # the upgrade: its reader's limit is raised after the hello
        self.conn = ServerConnection(
            token=setup.token,
            schema=setup.contract.identity,
            allow_schema_mismatch=setup.allow_schema_mismatch,
            max_message_size=setup.max_message_size,
            max_batch=setup.limits.max_batch,
        )
        self.role: Role = PENDING
        self.peer: Peer | None = None

    @property
    def closed(self) -> bool:
        return self.ws.closed

    async def run(self, first_frame_in: Callable[[], object]) -> None:
        """Settle the hello, then serve the peer until the socket closes; ``first_frame_in`` is
        called once the first frame came (or its deadline passed)."""
        limits = self.setup.limits
        deadline = limits.page_hello_timeout if self.origin == "page" else limits.hello_timeout
        ws = self.ws
        try:
            try:
                first = await self._first_message(deadline)
            finally:
                first_frame_in()
            peer = await self._hello(first, deadline)
            if peer is not None:
                self.peer = peer
                peer.keep_alive(self.setup.heartbeat)
                try:
                    await peer.run()
                finally:
                    self.role.closed(peer)
                    self._left(peer)
                    log.info("aerpc: %r disconnected (close code %s)", peer, ws.close_code)
        finally:
            self.setup.tools.discard(self)
            if not ws.closed:
                await ws.close()

    def _left(self, peer: Peer) -> None:
        """A peer's socket closed: if it was the seated host and calls await it, hold the
        seat for its instance through its reconnect grace (:meth:`HostSeat.hold`)."""
        host = self.setup.host
        if isinstance(self.role, HostRole) and not host.connected and host.pending:
            self.setup.seat.hold(asyncio.get_running_loop().time() + host.reconnect_grace)

    def _send(self, data: bytes, opcode: WSMsgType = WSMsgType.TEXT) -> None:
        """Write a frame before the peer exists (a pong, a refusal); nothing if closing."""
        send_guarded(self.ws, data, opcode)

    async def _first_message(self, deadline: float) -> WSMessage | None:
        """The first data frame, or None if it did not come within ``deadline`` seconds of the
        connection (one deadline: pings, answered here, and pongs do not extend it)."""
        try:
            async with asyncio.timeout(deadline):
                while True:
                    msg = await self.ws.receive()
                    if msg.type is WSMsgType.PING:
                        self._send(msg.data, WSMsgType.PONG)
                    elif msg.type is not WSMsgType.PONG:
                        return msg
        except TimeoutError:
            return None

    async def _hello(self, msg: WSMessage | None, deadline: float) -> Peer | None:
        """Settle the hello (``msg``: the first message, None after ``deadline``); the peer
        when the connection is open."""
        conn = self.conn
        if msg is None:
            events = conn.hello_timed_out(deadline)
        elif msg.type is WSMsgType.TEXT:
            problem = first_frame_problem(msg.data, self.setup.limits.max_hello_size)
            events = conn.refuse_first(problem) if problem is not None else conn.receive(msg.data)
        elif msg.type is WSMsgType.BINARY:
            events = conn.binary_frame()
        else:
            if msg.type is WSMsgType.ERROR:  # a frame over the reader's limit until the hello
                why = f"the first message was refused unread ({msg.data})"
                self.setup.refusals.warning("hello", "aerpc: refused a connection: %s", why)
                self.setup.refused(self.ws.close_code or 1009, why, None)
            return None
        for event in events:
            if isinstance(event, Hello):
                return await self._decide(event)
        await self._refuse(events)
        return None

    async def _decide(self, hello: Hello) -> Peer | None:
        """Choose the role of an accepted hello, build the peer with it, and join it to the
        server (the host seat, the relay); None if the role is refused."""
        setup, conn, params = self.setup, self.conn, hello.params
        is_host = params["role"] == "host"
        if is_host:
            now = asyncio.get_running_loop().time()
            why = setup.seat.claim(
                params["instance"], params.get("resume"), setup.host.instance, now
            )
            if why is not None:  # never names the seated instance
                error = HostAlreadyConnected(why)
                await self._refuse(conn.refuse(hello, error, CLOSE_HOST_CONNECTED))
                return None
        elif len(setup.tools) >= setup.limits.max_tools:
            text = (
                f"{len(setup.tools)} tools are connected, the most this server takes "
                "(max_tools); retry once one has closed"
            )
            await self._refuse(conn.refuse(hello, TooManyRequests(text), CLOSE_TRY_AGAIN))
            return None
        else:
            setup.tools.add(self)
        if self.request is not None:
            raise_message_limit(self.ws, self.request, setup.max_message_size + 1)
        self.role = HostRole(setup.host, setup.relay) if is_host else ToolRole(setup.relay)
        session = secrets.token_hex(8)
        result: HelloResult = {
            "session": session,
            "server": {"name": "aerpc", "version": setup.server_version},
            "schema": setup.contract.identity,  # type: ignore[typeddict-item]
            "limits": {"max_message_size": setup.max_message_size},
        }
        if is_host:
            result["resume"] = setup.seat.give(params["instance"])
        peer = Peer(
            self.ws,
            conn,
            setup.dispatcher,
            role=self.role,
            hello=params,
            session=session,
            transport=self.transport,
            max_in_flight=setup.limits.max_in_flight,
            max_unsent=setup.limits.max_unsent,
            unsent_timeout=setup.limits.unsent_timeout,
        )
        peer.send(conn.accept(hello, result))
        self._log_accepted(hello)
        if is_host:
            replaced = setup.host.attach(peer)
            setup.relay.host_connected(params)
            if isinstance(replaced, Peer):
                task = asyncio.ensure_future(
                    replaced.ws.close(
                        code=CLOSE_REPLACED, message=b"replaced by a new socket of this instance"
                    )
                )
                setup.closing.add(task)
                task.add_done_callback(setup.closing.discard)
        return peer

    def _log_accepted(self, hello: Hello) -> None:
        params, contract = hello.params, self.setup.contract
        verdict = self.conn.schema_verdict
        if verdict is not None and verdict.rule != "same-hash":
            log.warning(
                "aerpc: %s %s has schema %s %s (%s), the server %s %s (%s): %s (%s)",
                params["role"],
                params["instance"],
                clip(params["schema"]["name"]),
                clip(params["schema"]["version"]),
                clip(params["schema"]["hash"]),
                contract.name,
                contract.version,
                contract.hash,
                "accepted" if verdict.ok else "accepted by allow_schema_mismatch",
                verdict.reason,
            )
        app = params.get("app", {})
        log.info(
            "aerpc: %s %s connected (%s %s, extension %s)",
            params["role"],
            params["instance"],
            clip(app.get("name", "?")),
            clip(app.get("version", "?")),
            clip(params.get("extension_version", "?")),
        )

    async def _refuse(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, Send):
                self._send(event.data)
            elif isinstance(event, Close):
                self.setup.refusals.warning(
                    "hello", "aerpc: refused a connection: %s (close %d)", event.reason, event.code
                )
                self.setup.refused(event.code, event.reason, error_data(events))
                await self.ws.close(code=event.code, message=_reason(event.reason))


CLOSE_TRY_AGAIN = 1013
"""A tool over ``max_tools``: the standard "try again later"."""


def _reason(text: str) -> bytes:
    """A close reason: at most 123 bytes of UTF-8."""
    return text.encode("utf-8")[:123].decode("utf-8", "ignore").encode("utf-8")
