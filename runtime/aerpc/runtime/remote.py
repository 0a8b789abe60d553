"""The host of a running pipeline, reached through its server as a ``tool`` (the relay).

:class:`RemoteHost` is a host channel like the server's own :class:`~aerpc.runtime.Host`, so
the generated clients work over it unchanged: a tool script is the same code as a plugin::

    with RemoteHost(url, token, contract=CONTRACT) as host:   # its own thread and loop
        ae = AfterEffects(host)
        print(ae.get_items(comps=True))

    async with RemoteHost(url, token, contract=CONTRACT) as host:   # in a running loop
        items = await AsyncAfterEffects(host).get_items(comps=True)

The server must relay (``Server(relay=True)``; ``aerpc serve`` does). Local errors of the
server's call (``RpcTimeout``, ``NotConnected``, ``ConnectionLost``, …) are raised here as the
same classes.

When the server goes away (the pipeline restarts), calls in flight fail with
``ConnectionLost``; the next call connects again to the same URL with the same token, once,
bounded by ``hello_timeout``, and raises ``NotConnected`` saying so if that fails. A long-lived
tool (``aerpc shell``, ``aerpc mcp``) thus outlives a restart of a server that keeps its port
and token. A host list asked with ``watch=True`` is watched again after such a reconnect
(connects and disconnects in the gap are not reported).

Host events: ``RemoteHost.events`` is an :class:`~aerpc.runtime.events.EventHub` like the
server's; a subscription to a new name asks the server to forward the events of the names
subscribed so far (:data:`~aerpc.runtime.relay.EVENTS_NOTIFICATION` with ``names``), and
every subscription ends when the host goes away or the connection to the server drops
(subscribe again after a reconnect).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import threading
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any

from .address import ws_url
from .channel import CallOptions
from .client import ToolPeer
from .contract import Contract
from .errors import MethodNotFound, NotConnected, RemoteError
from .events import DEFAULT_QUEUE, EVENT_METHOD, EventCatalog, EventHub, Subscription
from .protocol import Request
from .qt_thread import check_blocking_call
from .relay import EVENTS_NOTIFICATION, HOST_EVENT, HOSTS_METHOD, RELAYED_ERROR, local_error

__all__ = ["HostEvent", "RemoteHost"]

log = logging.getLogger("aerpc")

HostEvent = Callable[[str, Mapping[str, Any]], None]
"""``(event, host)``: ``"connected"`` or ``"disconnected"``, and the host's entry."""

_GRACE = 1.0
"""Seconds a call waits past its deadline for the server's answer to it (a relayed
``RpcTimeout``, ``NotConnected``…) before giving up by itself."""

_BACKSTOP = 2.0
"""Seconds a blocking caller waits past the deadline (and grace) if the tool's loop never
answers."""


class _RemoteHostPeer(ToolPeer):
    """A tool's connection that also takes the relay's host notifications."""

    on_host_event: HostEvent | None = None
    events: EventHub | None = None

    def _on_request(self, request: Request) -> None:
        if request.method == EVENT_METHOD and request.id is None:
            if self.events is not None:
                self.events.receive(request.params)
            return
        if request.method == HOST_EVENT and request.id is None:
            host = request.params.get("host")
            if request.params.get("event") == "disconnected" and self.events is not None:
                self.events.host_gone()
            if self.on_host_event is not None and isinstance(host, dict):
                self.on_host_event(str(request.params.get("event")), host)
            return
        super()._on_request(request)

    def _on_closed(self) -> None:
        if self.events is not None:
            self.events.host_gone()


class _ToolEvents(EventHub):
    """A tool's hub: a subscription to a name not asked for yet asks the server to forward the
    events of every name subscribed so far (their union)."""

    def __init__(self, remote: RemoteHost, catalog: EventCatalog) -> None:
        super().__init__(catalog, count_gaps=False)  # the names filtered out leave gaps
        self._remote = remote
        self.names: set[str] = set()  # the names the server is asked to forward

    @property
    def asked(self) -> bool:
        """Whether the server is to forward events (asked again at each connect)."""
        return bool(self.names)

    def request(self) -> dict[str, Any]:
        """The params of the subscribe notification: the names wanted."""
        return {"subscribe": True, "names": sorted(self.names)}

    def subscribe(
        self,
        name: str,
        *,
        maxsize: int = DEFAULT_QUEUE,
        callback: Callable[[Any], object] | None = None,
    ) -> Subscription[Any]:
        subscription = super().subscribe(name, maxsize=maxsize, callback=callback)
        if name not in self.names:
            self.names.add(name)
            self._remote._ask_events()
        return subscription


class RemoteHost:
    """Calls to the host of the pipeline serving ``url`` (module doc); a host channel.

    ``on_host_event(event, host)`` is called (on the connection's loop) when the host connects
    or goes away, once :meth:`hosts` was asked with ``watch=True``.
    """

    def __init__(
        self,
        url: str,
        token: str,
        *,
        contract: Contract,
        hello_timeout: float = 10.0,
        on_host_event: HostEvent | None = None,
    ):
        self.url = ws_url(url)
        self.contract = contract
        self.hello_timeout = hello_timeout
        self._client = _RemoteHostPeer(
            url, token, contract=self.contract, role="tool", hello_timeout=hello_timeout
        )
        self._client.on_host_event = on_host_event
        self._events = _ToolEvents(self, EventCatalog.from_document(contract.document))
        self.events: EventHub = self._events
        """The host's events, forwarded by the server (module doc)."""
        self._client.events = self.events
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._open = False  # connected once and not closed since: reconnect when dropped
        self._watching = False
        self._reconnecting: asyncio.Lock | None = None

    def __repr__(self) -> str:
        state = "connected" if self._client.connected else "not connected"
        return f"<RemoteHost {self.url} {state}>"

    # -- in a running loop --------------------------------------------------------------------

    @property
    def connected(self) -> bool:
        """Whether the tool's socket to the server is open now."""
        return self._client.connected

    @property
    def session(self) -> str | None:
        """The session the server gave this tool (the host's status names its calls by it)."""
        result = self._client.hello_result
        session = result.get("session") if isinstance(result, dict) else None
        return session if isinstance(session, str) else None

    async def connect(self) -> None:
        """Connect and say hello as a tool, in the running loop."""
        await self._client.connect()
        self._loop = asyncio.get_running_loop()
        self._open = True
        if self._events_asked():
            self._client.notify(EVENTS_NOTIFICATION, self._events.request())

    async def close(self) -> None:
        self._open = False
        await self._client.close()
        self.events.host_gone()

    def _events_asked(self) -> bool:
        return self._events.asked

    def _ask_events(self) -> None:
        """Ask the server for the host's events: now on the tool's loop thread, else queued
        on that loop ahead of any call made after (at :meth:`connect` when not connected)."""
        loop = self._loop
        if loop is None or not self._client.connected:
            return
        if self._thread is None or threading.current_thread() is self._thread:
            with contextlib.suppress(RuntimeError):
                if asyncio.get_running_loop() is loop:
                    self._client.notify(EVENTS_NOTIFICATION, self._events.request())
                    return
        with contextlib.suppress(RuntimeError):  # the loop is closed: nothing to ask
            loop.call_soon_threadsafe(
                self._client.notify, EVENTS_NOTIFICATION, self._events.request()
            )

    async def wait_closed(self) -> int | None:
        """Wait until the server closes the tool's socket; returns the close code."""
        return await self._client.wait_closed()

    async def _ensure_connected(self, what: str) -> None:
        """Connect again if the server dropped the socket since :meth:`connect` (module doc)."""
        if self._client.connected:
            return
        if not self._open:
            raise NotConnected(f"{what}: not connected to {self.url}")
        if self._reconnecting is None:
            self._reconnecting = asyncio.Lock()
        async with self._reconnecting:  # one attempt serves every caller waiting on it
            if self._client.connected:
                return
            try:
                async with asyncio.timeout(self.hello_timeout):
                    await self._client.connect()
                    if self._events_asked():
                        self._client.notify(EVENTS_NOTIFICATION, self._events.request())
                    if self._watching:
                        await self._client.call(
                            HOSTS_METHOD, {"watch": True}, timeout=self.hello_timeout
                        )
            except Exception as exc:
                raise NotConnected(
                    f"{what}: the connection to {self.url} was lost, and connecting again "
                    f"failed: {type(exc).__name__}: {exc}"
                ) from exc
            log.info("aerpc tool: connected again to %s", self.url)

    async def __aenter__(self) -> RemoteHost:
        await self.connect()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def call(
        self, method: str, params: Mapping[str, object], options: CallOptions | None = None
    ) -> object:
        """Call a host method through the server; the result checked against the schema."""
        spec = self.contract.methods.get(method)
        if spec is None or spec.served_by != "host":
            raise MethodNotFound(f"{method}: not a host method of schema {self.contract.name!r}")
        timeout = spec.time_limit(None if options is None else options.timeout)
        if self._loop is not None and asyncio.get_running_loop() is not self._loop:
            future = asyncio.run_coroutine_threadsafe(
                self._call(method, params, timeout), self._loop
            )
            return await asyncio.wrap_future(future)
        return await self._call(method, params, timeout)

    async def _call(self, method: str, params: Mapping[str, object], timeout: float) -> object:  # noqa: ASYNC109
        await self._ensure_connected(method)
        try:
            return await self._client.call(method, dict(params), timeout=timeout, grace=_GRACE)
        except RemoteError as exc:
            if exc.code != RELAYED_ERROR or not isinstance(exc.data, dict):
                raise
            name = exc.data.get("name")
            local = local_error(str(name), exc.message, exc.data)
            if local is None:
                raise
            raise local from None

    async def hosts(self, *, watch: bool = False) -> list[dict[str, Any]]:
        """The hosts connected to the server: instance, app, extension_version, schema, since
        (ISO 8601, UTC). ``watch``: also report connects and disconnects to ``on_host_event``."""
        await self._ensure_connected(HOSTS_METHOD)
        result = await self._client.call(HOSTS_METHOD, {"watch": watch}, timeout=self.hello_timeout)
        self._watching = self._watching or watch
        return list(result) if isinstance(result, list) else []

    # -- on its own thread --------------------------------------------------------------------

    def start(self) -> RemoteHost:
        """Connect on a thread and loop of its own, for blocking use (``call_blocking``)."""
        if self._thread is not None:
            raise RuntimeError("this RemoteHost is already started")
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, name="aerpc-tool", daemon=True)
        thread.start()
        self._thread = thread
        self._loop = loop
        try:
            self._blocking(self.connect(), self.hello_timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Close the connection and end the thread started by :meth:`start`."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        try:
            self._blocking(self.close(), self.hello_timeout)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(self.hello_timeout)
            loop.close()
            self._thread = None
            self._loop = None

    def __enter__(self) -> RemoteHost:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def call_blocking(
        self, method: str, params: Mapping[str, object], options: CallOptions | None = None
    ) -> object:
        """:meth:`call`, blocking the calling thread (after :meth:`start`)."""
        check_blocking_call(method)
        spec = self.contract.methods.get(method)
        timeout = spec.timeout if spec is not None else self.hello_timeout
        if options is not None and options.timeout is not None:
            timeout = options.timeout
        return self._blocking(self.call(method, params, options), timeout)

    def hosts_blocking(self, *, watch: bool = False) -> list[dict[str, Any]]:
        """:meth:`hosts`, blocking the calling thread (after :meth:`start`)."""
        hosts: list[dict[str, Any]] = self._blocking(self.hosts(watch=watch), self.hello_timeout)
        return hosts

    def _blocking(self, coro: Any, timeout: float) -> Any:
        loop = self._loop
        if loop is None or self._thread is None:
            coro.close()
            raise RuntimeError("start() the RemoteHost first, or use it with `async with`")
        if threading.current_thread() is self._thread:
            coro.close()
            raise RuntimeError("a blocking call on the tool's own loop thread would deadlock")
        future = asyncio.run_coroutine_threadsafe(coro, loop)
        try:
            return future.result(timeout + _GRACE + _BACKSTOP)
        except KeyboardInterrupt:
            # Ctrl-C: the call is cancelled (the server gives it up and tells the host, which
            # drops it unless it started); if it had ended, its outcome stands
            if future.cancel() or not future.done():
                raise
            return future.result()
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise TimeoutError(f"the tool connection to {self.url} did not answer") from None
