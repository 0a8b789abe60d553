"""A Python peer that connects to a :class:`~aerpc.runtime.Server`: the ``tool`` role
(:class:`ToolPeer`), and the base of the fake panel (:class:`aerpc.testing.FakePanel`).

It is not a generated client (``AfterEffects``), which calls through any host channel. It owns
the connect and the hello; the open socket is a :class:`~aerpc.runtime.peer.Peer`, the same
object the server uses for each of its sockets.
"""

from __future__ import annotations

import asyncio
import logging
import platform
import secrets
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any, Literal

import aiohttp
from aiohttp import WSMsgType

from .address import ws_url
from .codec import dumps
from .contract import Contract
from .dispatch import Dispatcher, RunSync
from .errors import ConnectionLost, MessageTooLarge, NotConnected, error_from_wire
from .observe import Observer
from .peer import Peer
from .protocol import (
    DEFAULT_MAX_MESSAGE_SIZE,
    Accepted,
    ClientConnection,
    HelloResult,
    Id,
    Refused,
    Request,
    encode_notification,
)
from .roles import Role

__all__ = ["Client", "ToolPeer"]

log = logging.getLogger("aerpc")


class _ServerSide(Role):
    """A client's socket: the other side is the server; its requests and ``rpc.cancel`` go to
    the client's :meth:`ToolPeer._on_request` and :meth:`ToolPeer._on_cancel` (which subclasses,
    such as the stand-in panel, override)."""

    def __init__(self, client: ToolPeer):
        super().__init__("server")
        self.client = client

    def requests(self, peer: Peer) -> Callable[[Request], None]:
        return self.client._on_request

    def cancels(self, peer: Peer) -> Callable[[Id], None]:
        return self.client._on_cancel


class ToolPeer:
    """Connects to a server, says hello, calls the server's methods and serves its own.

    ``contract``: the schema both sides agree on (a generated package's ``CONTRACT``; its
    ``client()`` passes it). ``role="tool"`` calls pipeline methods; ``role="host"`` (a stand-in
    panel) also serves host methods from ``handlers``. Usable as
    ``async with ToolPeer(url, token, contract=CONTRACT) as peer:``. With ``obey_limits``
    (default) replies over the server's ``max_message_size`` (from the hello result) are answered
    with ``-32004`` instead of being sent. ``heartbeat``: the keepalive period (None: none).
    """

    def __init__(
        self,
        url: str,
        token: str,
        *,
        contract: Contract,
        role: Literal["host", "tool"] = "tool",
        instance: str | None = None,
        handlers: object | None = None,
        app: Mapping[str, str] | None = None,
        extension_version: str | None = None,
        origin: str | None = None,
        hello_timeout: float = 10.0,
        heartbeat: float | None = None,
        max_message_size: int = DEFAULT_MAX_MESSAGE_SIZE,
        obey_limits: bool = True,
        run_sync: RunSync | Literal["inline"] | None = None,
    ):
        self.url = ws_url(url)
        self.token = token
        self.contract = contract
        self.role = role
        self.instance = instance or secrets.token_hex(8)
        self.app = dict(app or {"name": "python", "version": platform.python_version()})
        self.extension_version = extension_version
        self.origin = origin
        self.hello_timeout = hello_timeout
        self.heartbeat = heartbeat
        self.max_message_size = max_message_size
        self.obey_limits = obey_limits
        self.observer = Observer()
        self.hello_result: HelloResult | None = None
        self.close_code: int | None = None
        self._resume: tuple[str, str] | None = None  # (instance, secret) of the host session
        self._dispatcher = Dispatcher(
            self.contract, "host", handlers, observer=self.observer, run_sync=run_sync
        )
        self._prefix = "cep" if role == "host" else "tool"
        self._session: aiohttp.ClientSession | None = None
        self._peer: Peer | None = None
        self._reader: asyncio.Task[None] | None = None

    @property
    def connected(self) -> bool:
        return self._peer is not None and not self._peer.closed

    async def __aenter__(self) -> ToolPeer:
        await self.connect()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def connect(self) -> HelloResult:
        """Open the socket and say hello; raises the server's error if it refuses."""
        if self._session is None:
            self._session = aiohttp.ClientSession()
        self.close_code = None
        try:
            ws = await self._open_socket()
            conn = ClientConnection(
                prefix=self._prefix,
                max_message_size=self.max_message_size,
                obey_limits=self.obey_limits,
            )
            peer = Peer(ws, conn, self._dispatcher, role=_ServerSide(self))
            result = await self._hello(peer, conn)
        except BaseException:
            await self._session.close()  # the dispatcher stays usable for another connect()
            self._session = None
            raise
        self._peer = peer
        peer.keep_alive(self.heartbeat)
        self._reader = asyncio.ensure_future(self._read(peer))
        return result

    async def _open_socket(self) -> aiohttp.ClientWebSocketResponse:
        """The websocket to the server; :class:`NotConnected` saying why if there is none."""
        assert self._session is not None
        try:
            return await self._session.ws_connect(
                self.url,
                max_msg_size=self.max_message_size + 1,  # aiohttp refuses >= max_msg_size
                compress=0,
                heartbeat=None,  # the peer's keepalive (aerpc.runtime.peer)
                autoping=False,
                origin=self.origin,
            )
        except aiohttp.WSServerHandshakeError as exc:
            reason = f"the server at {self.url} answered HTTP {exc.status} {exc.message}"
            raise NotConnected(f"cannot connect: {reason}", {"reason": reason}) from None
        except (aiohttp.ClientError, OSError) as exc:
            cause = exc.os_error if isinstance(exc, aiohttp.ClientConnectorError) else exc
            reason = getattr(cause, "strerror", None) or str(cause) or type(cause).__name__
            raise NotConnected(
                f"cannot connect to {self.url} ({reason}): is the server running? "
                "`aerpc serve` or your pipeline starts it",
                {"reason": reason},
            ) from None

    async def _hello(self, peer: Peer, conn: ClientConnection) -> HelloResult:
        params: dict[str, Any] = {
            "token": self.token,
            "role": self.role,
            "instance": self.instance,
            "app": self.app,
            "schema": self.contract.identity,
        }
        if self.extension_version is not None:
            params["extension_version"] = self.extension_version
        if self._resume is not None and self._resume[0] == self.instance:
            params["resume"] = self._resume[1]  # this instance's session: resume it
        peer.send(conn.hello(params))
        msg = await peer.ws.receive(timeout=self.hello_timeout)
        events = conn.receive(msg.data) if msg.type is WSMsgType.TEXT else []
        for event in events:
            if type(event) is Accepted:
                self.hello_result = event.result
                if isinstance(resume := event.result.get("resume"), str):
                    self._resume = (self.instance, resume)
                return event.result
        await self._await_close(peer)
        for event in events:
            if type(event) is Refused:
                raise error_from_wire(event.error, self.contract.error_classes)
        raise ConnectionLost(
            f"the server closed the connection during the hello (code {self.close_code})",
            maybe_applied=False,
        )

    async def call(
        self,
        method: str,
        params: Mapping[str, object] | None = None,
        *,
        timeout: float | None = None,  # noqa: ASYNC109  # a call's deadline, sent as rpc.cancel
        grace: float = 0.0,
    ) -> object:
        """Call a method the server serves; the result is checked against the schema.
        ``grace``: seconds to wait past the deadline for the server's own answer to it."""
        params = dict(params or {})
        spec = self.contract.methods.get(method)
        if spec is not None:
            params = spec.with_paths_as_str(params)
            spec.check_params(params)
        deadline = timeout if timeout is not None else spec.timeout if spec else 30.0
        peer = self._peer
        if peer is None or peer.closed:
            raise NotConnected(f"{method}: not connected to {self.url}")
        self._check_size(method, params)
        return await peer.call(method, params, spec, deadline, grace)

    def _check_size(self, method: str, params: Mapping[str, object]) -> None:
        """Refuse a call whose params alone exceed the server's message limit, before sending
        it (the server would close the socket without a reason): name the limit and the
        largest parameter."""
        hello: Mapping[str, Any] = self.hello_result or {}
        limits = hello.get("limits")
        limit = limits.get("max_message_size") if isinstance(limits, dict) else None
        if type(limit) is not int:
            return
        sizes = {name: len(dumps(value)) for name, value in params.items()}
        if sum(sizes.values()) < limit:
            return
        largest = max(sizes, key=sizes.__getitem__)
        raise MessageTooLarge(
            f"{method}: the arguments are {sum(sizes.values())} bytes of JSON, over the server's "
            f"limit of {limit} bytes per message; {largest!r} alone is {sizes[largest]} bytes: "
            "pass large data as a file path instead",
            {"limit": limit, "param": largest, "size": sizes[largest]},
        )

    def notify(self, method: str, params: Mapping[str, object] | None = None) -> None:
        """Send a notification (no reply)."""
        self._send(encode_notification(method, dict(params or {})))

    def send_raw(self, data: str | bytes) -> None:
        """Send one TEXT frame as is (for tests of malformed input)."""
        self._send(data.encode("utf-8") if isinstance(data, str) else data)

    async def close(self) -> None:
        """Close the socket (normal closure) and release everything; the client is done."""
        peer, self._peer = self._peer, None
        if peer is not None and not peer.closed:
            await peer.ws.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)
            self._reader = None
        self._dispatcher.shutdown()
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def wait_closed(self) -> int | None:
        """Wait until the server closes the socket; returns the close code."""
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)
        return self.close_code

    # -- overridable ------------------------------------------------------------------------

    def _on_request(self, request: Request) -> None:
        assert self._peer is not None
        self._peer.serve(request)

    def _on_cancel(self, id: Id) -> None:
        log.debug("aerpc client: rpc.cancel %r", id)
        if self._peer is not None:
            self._peer.cancel_running(id)

    # -- internals ----------------------------------------------------------------------------

    def _send(self, data: bytes) -> bool:
        peer = self._peer
        return peer is not None and peer.send(data)

    async def _await_close(self, peer: Peer) -> None:
        """Read until the server's close frame (bounded) to learn its close code."""
        ws = peer.ws
        try:
            async with asyncio.timeout(self.hello_timeout):
                while not ws.closed:
                    msg = await ws.receive()
                    if msg.type in (WSMsgType.CLOSE, WSMsgType.CLOSED, WSMsgType.ERROR):
                        break
        except TimeoutError:
            pass
        self.close_code = ws.close_code
        await ws.close()

    async def _read(self, peer: Peer) -> None:
        try:
            await peer.run()
        finally:
            self.close_code = peer.ws.close_code
            if self._peer is peer:
                self._peer = None
            self._on_closed()

    def _on_closed(self) -> None:
        """The socket closed (overridable; a tool's event subscriptions end here)."""


Client = ToolPeer
"""The old name of :class:`ToolPeer`, kept for one release."""
