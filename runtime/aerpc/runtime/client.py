"""A Python peer that connects to a :class:`~aerpc.runtime.Server`: the ``tool`` role, and the
base of the test host (:class:`aerpc.runtime.testing.HostPeer`).

``send_context_change`` is the reference's "already running" case: a second launcher tells the
running pipeline process its new context by calling ``set_context`` as a ``tool``.
"""

from __future__ import annotations

import asyncio
import logging
import platform
import secrets
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Literal

import aiohttp
from aiohttp import WSMsgType

from .contract import Contract, MethodSpec, default_contract
from .dispatch import Dispatcher, RunSync
from .errors import (
    ConnectionLost,
    MethodNotFound,
    NotConnected,
    RemoteError,
    ResultValidationError,
    RpcTimeout,
    error_from_wire,
)
from .frames import write_now
from .observe import Observer
from .protocol import (
    DEFAULT_MAX_MESSAGE_SIZE,
    CallTable,
    Cancel,
    Connection,
    Event,
    HelloResult,
    Id,
    Invalid,
    Request,
    Response,
    Send,
    encode_notification,
    encode_request,
    with_time_budget,
)

__all__ = ["Client", "send_context_change", "send_context_change_async"]

log = logging.getLogger("aerpc")

_Pending = tuple[str, MethodSpec | None, "asyncio.Future[Any]"]


class Client:
    """Connects to a server, says hello, calls the server's methods and serves its own.

    ``role="tool"`` calls pipeline methods; ``role="host"`` (a stand-in panel) also serves host
    methods from ``handlers``. Usable as ``async with Client(url, token) as client:``.
    With ``obey_limits`` (default) replies over the server's ``max_message_size`` (from the
    hello result) are answered with ``-32004`` instead of being sent.
    """

    def __init__(
        self,
        url: str,
        token: str,
        *,
        contract: Contract | None = None,
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
        self.url = url
        self.token = token
        self.contract = contract if contract is not None else default_contract()
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
        self._calls: CallTable[_Pending] = CallTable("cep" if role == "host" else "tool")
        self._conn = Connection(max_message_size=max_message_size)
        self._session: aiohttp.ClientSession | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None  # the reader's, while it runs

    @property
    def connected(self) -> bool:
        return self._ws is not None and not self._ws.closed

    async def __aenter__(self) -> Client:
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
            ws = await self._session.ws_connect(
                self.url,
                max_msg_size=self.max_message_size + 1,  # aiohttp refuses >= max_msg_size
                compress=0,
                heartbeat=self.heartbeat,
                origin=self.origin,
            )
            result = await self._hello(ws)
        except BaseException:
            await self._session.close()  # the dispatcher stays usable for another connect()
            self._session = None
            raise
        self._ws = ws
        self._reader = asyncio.ensure_future(self._read(ws))
        return result

    async def _hello(self, ws: aiohttp.ClientWebSocketResponse) -> HelloResult:
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
        hello_id = self._calls.new_id()
        write_now(ws, encode_request(hello_id, "rpc.hello", params))
        msg = await ws.receive(timeout=self.hello_timeout)
        events = self._conn.receive(msg.data) if msg.type is WSMsgType.TEXT else []
        reply = next((e for e in events if isinstance(e, Response) and e.id == hello_id), None)
        if reply is None or reply.error is not None:
            await self._await_close(ws)
            if reply is None:
                raise ConnectionLost(
                    f"the server closed the connection during the hello (code {self.close_code})",
                    maybe_applied=False,
                )
            assert reply.error is not None
            raise error_from_wire(reply.error, self.contract.error_classes)
        result: HelloResult = reply.result
        self.hello_result = result
        if isinstance(resume := result.get("resume"), str):
            self._resume = (self.instance, resume)
        limit = result.get("limits", {}).get("max_message_size")
        if self.obey_limits and isinstance(limit, int) and limit > 0:
            # replies over the server's limit are answered -32004 instead of being sent
            self._conn.max_message_size = min(self.max_message_size, limit)
        return result

    async def call(
        self,
        method: str,
        params: Mapping[str, object] | None = None,
        *,
        timeout: float | None = None,  # noqa: ASYNC109  # a call's deadline, sent as rpc.cancel
    ) -> object:
        """Call a method the server serves; the result is checked against the schema."""
        params = dict(params or {})
        spec = self.contract.methods.get(method)
        if spec is not None:
            spec.check_params(params)
        deadline = timeout if timeout is not None else spec.timeout if spec else 30.0
        ws = self._ws
        if ws is None or ws.closed:
            raise NotConnected(f"{method}: not connected to {self.url}")
        call_id = self._calls.new_id()
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._calls.add(call_id, (method, spec, future))
        write_now(ws, with_time_budget(encode_request(call_id, method, params), deadline))
        try:
            async with asyncio.timeout(deadline):
                result = await future
        except TimeoutError:
            self._calls.pop(call_id)
            self._send(encode_notification("rpc.cancel", {"id": call_id}))
            raise RpcTimeout(method, deadline) from None
        return result

    def notify(self, method: str, params: Mapping[str, object] | None = None) -> None:
        """Send a notification (no reply)."""
        self._send(encode_notification(method, dict(params or {})))

    def send_raw(self, data: str | bytes) -> None:
        """Send one TEXT frame as is (for tests of malformed input)."""
        self._send(data.encode("utf-8") if isinstance(data, str) else data)

    async def close(self) -> None:
        """Close the socket (normal closure) and release everything; the client is done."""
        ws, self._ws = self._ws, None
        if ws is not None and not ws.closed:
            await ws.close()
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
        self._dispatcher.dispatch(request, self._respond, "server", self._loop)

    def _on_cancel(self, id: Id) -> None:
        log.debug("aerpc client: rpc.cancel %r", id)

    def _respond(self, request: Request, result: object, error: RemoteError | None) -> None:
        data = self._conn.answer(request, result, error)
        if data is not None:
            self._send(data)

    # -- internals ----------------------------------------------------------------------------

    def _send(self, data: bytes) -> bool:
        ws = self._ws
        if ws is None or ws.closed:
            return False
        try:
            write_now(ws, data)
        except (ConnectionError, RuntimeError):
            return False
        return True

    async def _await_close(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        """Read until the server's close frame (bounded) to learn its close code."""
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

    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self._loop = asyncio.get_running_loop()
        try:
            while True:
                msg = await ws.receive()
                if msg.type is WSMsgType.TEXT:
                    try:
                        events = self._conn.receive(msg.data)
                    except Exception as exc:
                        self._failed(exc)
                        continue
                elif msg.type is WSMsgType.BINARY:
                    events = self._conn.binary_frame()
                else:
                    break
                for event in events:
                    try:
                        self._act(event)
                    except Exception as exc:
                        self._failed(exc)
        finally:
            self.close_code = ws.close_code
            if self._ws is ws:
                self._ws = None
            for method, _spec, future in self._calls.drain():
                if not future.done():
                    future.set_exception(
                        ConnectionLost(
                            f"{method}: the connection closed (code {ws.close_code})",
                            method=method,
                            maybe_applied=True,
                        )
                    )

    def _act(self, event: Event) -> None:
        """Act on one event of a received frame."""
        if type(event) is Request:  # the event classes have no subclasses
            self._on_request(event)
        elif type(event) is Response:
            self._on_response(event)
        elif isinstance(event, Cancel):
            self._on_cancel(event.id)
        elif isinstance(event, Send):
            self._send(event.data)
        elif isinstance(event, Invalid):
            log.warning("aerpc client: %s", event.reason)

    @staticmethod
    def _failed(exc: Exception) -> None:
        """This side failed on one message: log it and go on reading (as the server does)."""
        log.error("aerpc client: failed on a message (%s)", type(exc).__name__, exc_info=exc)

    def _on_response(self, response: Response) -> None:
        pending = self._calls.pop(response.id)
        if pending is None:
            return
        method, spec, future = pending
        if future.done():
            return
        if response.error is not None:
            future.set_exception(error_from_wire(response.error, self.contract.error_classes))
        elif spec is not None and (errors := spec.result_errors(response.result)):
            future.set_exception(ResultValidationError(method, errors))
        else:
            future.set_result(response.result)


async def send_context_change_async(
    url: str,
    token: str,
    project: str,
    folder: str,
    task: str,
    *,
    contract: Contract | None = None,
    timeout: float = 10.0,  # noqa: ASYNC109
) -> None:
    """Tell the pipeline process serving ``url`` its new context (``set_context``), as a tool."""
    contract = contract if contract is not None else default_contract()
    if "set_context" not in contract.methods:
        raise MethodNotFound(f"schema {contract.name!r} has no set_context method")
    async with Client(url, token, contract=contract, role="tool", hello_timeout=timeout) as client:
        await client.call(
            "set_context", {"project": project, "folder": folder, "task": task}, timeout=timeout
        )


def send_context_change(
    url: str,
    token: str,
    project: str,
    folder: str,
    task: str,
    *,
    contract: Contract | None = None,
    timeout: float = 10.0,
) -> None:
    """Blocking :func:`send_context_change_async` (not from inside a running event loop)."""
    asyncio.run(
        send_context_change_async(
            url, token, project, folder, task, contract=contract, timeout=timeout
        )
    )
