"""The aiohttp websocket server the After Effects panel (and tools) connect to.

``start()`` runs it on its own thread and loop (host applications need their main thread);
``await start_async()`` runs it inside the caller's loop. Who may connect (admission, in
docs/architecture.md): the Origin check, ``rpc.hello`` within ``hello_timeout``, the token
(constant time, never logged), the schema (``compat.py``'s rule), one host instance at a time
(a different one is refused with ``-32003`` and close 4403; the same instance reconnecting
replaces its old socket, closed 4000, only with the resume secret of its hello result). Each
refusal is remembered (``Host.refusals``), so a call or ``wait_for_host`` that finds no host
says why.
The door before the hello (Host and Origin checks, the token on extra routes, slots for sockets
waiting for their hello, the first frame's size, connections that never upgrade, the host
seat's resume secret) is :mod:`.admission`; its bounds are :class:`~.admission.Limits`.

Each admitted socket is a :class:`~aerpc.runtime.peer.Peer` (the read loop, the keepalive of
``heartbeat`` seconds, the requests it serves); the host's one is attached to :attr:`Server.host`.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import dataclasses
import errno
import importlib.metadata
import inspect
import logging
import secrets
import threading
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any, Literal, Self

from aiohttp import hdrs, web

from .admission import (
    Admission,
    ConnectionGate,
    HostSeat,
    PathOnlyAccessLogger,
    PendingHellos,
    first_frame_limit,
    origin_class,
)
from .contract import Contract
from .dispatch import Dispatcher, RunSync, check_handlers
from .errors import (
    NotConnected,
    ServerStopped,
)
from .host import Host
from .limits import Limits
from .observe import Listener, Observer, RateLimitedLog
from .paths import STRICT_PATHS, PathPolicy
from .peer import Peer
from .pending import DEFAULT_CONNECT_TIMEOUT
from .protocol import (
    CLOSE_GOING_AWAY,
    DEFAULT_MAX_MESSAGE_SIZE,
)
from .relay import Relay
from .scheduler import HostStatus
from .session import Session, SessionSetup

__all__ = ["Server"]

log = logging.getLogger("aerpc")

_CLOSE_TIMEOUT = 2.0
"""Seconds a close handshake (and aiohttp's shutdown of handlers) may take."""

_RAW_TEXT: dict[str, Any] = (
    {"decode_text": False}
    if "decode_text" in inspect.signature(web.WebSocketResponse.__init__).parameters
    else {}
)
"""TEXT frames as bytes, undecoded (orjson parses bytes), where aiohttp offers it (3.14+)."""

MIN_TOKEN_LENGTH = 16
"""The shortest token a server accepts (an empty or short token would be guessable)."""


def _version() -> str:
    try:
        return importlib.metadata.version("aerpc")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


class Server:
    """Serves the pipeline's methods and gives calls to the After Effects host.

    ``contract``: the schema both sides agree on (a generated package's ``CONTRACT``; its
    ``server()`` passes it). ``bind_host`` is the address to listen on; ``ports`` (tried in turn,
    bound by trying) overrides ``port`` (0: any free port). ``run_sync`` runs sync handlers (a
    ``submit``-like callable returning a future; default: the server's own daemon threads,
    ``limits.sync_workers`` of them). The aiohttp ``app``
    takes extra routes and static files (``add_route``, ``add_static``) before ``start()``.
    ``token`` (default: a random one) must have at least ``MIN_TOKEN_LENGTH`` (16) characters.
    ``limits`` (:class:`~.admission.Limits`) bounds what a peer may cost, before and after its
    hello; ``hello_timeout`` and ``max_pending_hellos``, when given, override its fields.
    ``relay``: ``tool`` peers may call host methods through this server (``relay.py``).
    ``connect_timeout``: how long a call made while no host is connected waits for one before
    it fails with ``NotConnected`` (naming why: a refused token, schema, origin, or no panel).
    A ``handlers`` object lacking a pipeline method is reported at start (a warning; an error
    with ``strict_handlers=True``). ``allow_paths`` (:class:`~.paths.PathPolicy`): the kinds
    of path param (relative, ``..``, UNC) accepted in calls that come in over a socket (a
    tool's relayed calls, requests to the pipeline); by default none of them (``paths.py``).
    The pipeline's own ``host`` calls are not checked. ``with server:`` / ``async with
    server:`` start and stop it.
    """

    def __init__(
        self,
        handlers: object | None = None,
        *,
        contract: Contract,
        bind_host: str = "127.0.0.1",
        port: int = 0,
        ports: Iterable[int] | None = None,
        token: str | None = None,
        allowed_origins: Iterable[str] = (),
        hello_timeout: float | None = None,
        reconnect_grace: float = 10.0,
        max_message_size: int = DEFAULT_MAX_MESSAGE_SIZE,
        allow_schema_mismatch: bool = False,
        heartbeat: float | None = 20.0,
        run_sync: RunSync | None = None,
        max_pending_hellos: int | None = None,
        limits: Limits | None = None,
        relay: bool = False,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        strict_handlers: bool = False,
        allow_paths: PathPolicy = STRICT_PATHS,
    ):
        self.contract = contract
        self.handlers = handlers
        if token is not None and len(token) < MIN_TOKEN_LENGTH:
            raise ValueError(
                f"the token must have at least {MIN_TOKEN_LENGTH} characters, not {len(token)}; "
                "leave it out (token=None) for a random one"
            )
        self.token = token if token is not None else secrets.token_urlsafe(32)
        self.bind_host = bind_host
        self._ports = list(ports) if ports is not None else [port]
        if not self._ports:
            raise ValueError("ports must name at least one port")
        if max_message_size <= 0:
            raise ValueError(f"max_message_size must be positive, not {max_message_size!r}")
        limits = limits if limits is not None else Limits()
        if hello_timeout is not None:
            limits = dataclasses.replace(limits, hello_timeout=hello_timeout)
        if max_pending_hellos is not None:
            limits = dataclasses.replace(limits, max_pending_hellos=max_pending_hellos)
        self.limits = limits
        self.allowed_origins = frozenset(allowed_origins)
        self.max_message_size = max_message_size
        self._pending_hellos = PendingHellos(limits.max_pending_hellos)
        self._door = Admission(
            token=self.token, allowed_origins=self.allowed_origins, bind_host=bind_host
        )
        self._door.on_refused = lambda code, text: self._refused(code, text, None)
        self._gate = ConnectionGate(limits)
        self._seat = HostSeat()
        self._refusals = RateLimitedLog()
        self._listener: asyncio.AbstractServer | None = None
        self.allow_schema_mismatch = allow_schema_mismatch
        self.heartbeat = heartbeat
        self.observer = Observer()
        self.host = Host(
            self.contract,
            reconnect_grace=reconnect_grace,
            max_message_size=max_message_size,
            observer=self.observer,
            connect_timeout=connect_timeout,
            tool_cap=limits.max_tool_calls_at_host,
            busy_after=limits.busy_after,
        )
        self.allow_paths = allow_paths
        self.relay = Relay(self.host, self.contract, enabled=relay, paths=allow_paths)
        self.strict_handlers = strict_handlers
        self._dispatcher = Dispatcher(
            self.contract,
            "pipeline",
            handlers,
            observer=self.observer,
            run_sync=run_sync,
            sync_threads=limits.sync_workers,
            max_sync_per_peer=limits.max_sync_per_peer,
            paths=allow_paths,
        )
        self.app = web.Application(middlewares=[self._gate.middleware, self._door.middleware])
        for path in ("/ws", "/ws/"):  # "/ws/": the reference's WEBSOCKET_URL form
            self._door.public.add(self.app.router.add_get(path, self._websocket))  # token: hello
        self.on_stop_callbacks: list[Callable[[], object]] = []
        self._state: Literal["new", "running", "stopping", "stopped"] = "new"
        self._why_stopped = ""
        self._sessions: set[Session] = set()
        self._closing: set[asyncio.Task[Any]] = set()
        self._sessions_setup = SessionSetup(
            token=self.token,
            contract=self.contract,
            limits=limits,
            max_message_size=max_message_size,
            allow_schema_mismatch=allow_schema_mismatch,
            heartbeat=heartbeat,
            server_version=_version(),
            dispatcher=self._dispatcher,
            host=self.host,
            relay=self.relay,
            seat=self._seat,
            refusals=self._refusals,
            refused=self._refused,
            closing=self._closing,
        )
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._stop_requested: asyncio.Future[None] | None = None
        self._start_error: BaseException | None = None

    # -- public -------------------------------------------------------------------------------

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("the server is not started")
        return self._port

    @property
    def url(self) -> str:
        """``ws://127.0.0.1:<port>/ws``"""
        host = f"[{self.bind_host}]" if ":" in self.bind_host else self.bind_host
        return f"ws://{host}:{self.port}/ws"

    @property
    def is_running(self) -> bool:
        return self._state == "running"

    def launch_env(self) -> dict[str, str]:
        """``AERPC_URL``, ``AERPC_TOKEN`` (and ``WEBSOCKET_URL``) for After Effects' environment."""
        return {"AERPC_URL": self.url, "AERPC_TOKEN": self.token, "WEBSOCKET_URL": self.url}

    def add_route(
        self, method: str, path: str, handler: Any, *, public: bool = False, **kwargs: Any
    ) -> None:
        """Add an HTTP route to the aiohttp app (before ``start()``). Like ``/ws`` it answers
        only requests whose ``Host`` is the loopback address or ``localhost`` with the bound
        port (else 421) from an allowed ``Origin`` (else 403); unless ``public``, the request
        must also carry the token as ``Authorization: Bearer <token>`` (else 401)."""
        route = self.app.router.add_route(method, path, handler, **kwargs)
        if public:
            self._door.public.add(route)

    def add_static(self, prefix: str, path: str, *, public: bool = False, **kwargs: Any) -> None:
        """Serve the files of a directory (before ``start()``), behind the same checks as
        :meth:`add_route` (``public``: without the token)."""
        resource = self.app.router.add_static(prefix, path, **kwargs)
        if public:
            self._door.public.add(resource)

    def add_listener(self, listener: Listener) -> None:
        """Call ``listener(CallEvent)`` on every call's start, end and failure (loop thread)."""
        self.observer.listeners.append(listener)

    def __repr__(self) -> str:
        where = self.url if self._port is not None else f"{self.bind_host} (not started)"
        host = self.host.instance
        state = f"host instance {host!r}" if host is not None else "no host"
        schema = f"{self.contract.name} {self.contract.version}"
        return f"<Server {where} {self._state}, {state}, schema {schema}>"

    @property
    def hello_timeout(self) -> float:
        """Seconds a new socket has to say hello (``limits.hello_timeout``)."""
        return self.limits.hello_timeout

    @property
    def max_pending_hellos(self) -> int:
        """Sockets per origin class that may wait for their hello (``limits``)."""
        return self.limits.max_pending_hellos

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    async def __aenter__(self) -> Self:
        await self.start_async()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop_async()

    def start(self) -> None:
        """Run the server on its own daemon thread; returns once it listens (or raises)."""
        self._check_new()
        ready = threading.Event()
        thread = threading.Thread(
            target=self._thread_main, args=(ready,), name="aerpc-server", daemon=True
        )
        self._thread = thread
        thread.start()
        ready.wait()
        if self._start_error is not None:
            thread.join()
            raise self._start_error

    def stop(self, timeout: float = 10.0) -> None:
        """Stop a server started with ``start()``: calls in flight fail with ServerStopped."""
        thread = self._thread
        if thread is None:
            if self._state == "new":
                return
            raise RuntimeError("this server runs in your event loop: use `await stop_async()`")
        if thread is threading.current_thread():
            raise RuntimeError("stop() on the server's own thread would deadlock; use stop_async()")
        loop = self._loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # closed: the thread ended or is ending
                loop.call_soon_threadsafe(self._request_stop)
        thread.join(timeout)
        if thread.is_alive():
            raise TimeoutError(f"the aerpc server thread did not stop within {timeout:g} s")

    async def start_async(self) -> None:
        """Run the server inside the running loop; returns once it listens."""
        self._check_new()
        await self._open()

    async def stop_async(self) -> None:
        """Stop a server started with ``start_async()``."""
        if self._thread is not None:
            raise RuntimeError("this server runs on its own thread: use stop()")
        if self._state in ("new", "stopped"):
            return
        await self._close("the aerpc server stopped")
        raised = self._run_stop_callbacks()
        if raised is not None:
            raise raised  # SystemExit or KeyboardInterrupt, once every callback has run

    def wait_for_host(self, timeout: float = 120.0) -> Host:
        """Block until the After Effects host has said hello; raises NotConnected on timeout."""
        loop = self._check_running()
        if self.host.on_loop_thread():
            raise RuntimeError(
                "wait_for_host() on the server's loop thread would deadlock; "
                "use `await server.wait_for_host_async()`"
            )
        try:
            future = asyncio.run_coroutine_threadsafe(self.host.wait_connected(timeout), loop)
        except RuntimeError:
            raise ServerStopped(self._not_running(), maybe_applied=False) from None
        try:
            future.result(timeout + 1.0)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise NotConnected(
                f"no {self.contract.host_name} host connected within {timeout:g} s"
            ) from None
        return self.host

    async def wait_for_host_async(self, timeout: float = 120.0) -> Host:  # noqa: ASYNC109
        """Wait until the host has said hello (on the server's loop or any other)."""
        loop = self._check_running()
        if asyncio.get_running_loop() is loop:
            await self.host.wait_connected(timeout)
        else:
            future = asyncio.run_coroutine_threadsafe(self.host.wait_connected(timeout), loop)
            await asyncio.wrap_future(future)
        return self.host

    def host_status(self) -> HostStatus:
        """What After Effects is doing now: the host call running there (method, caller, seconds)
        and the calls waiting behind it (:class:`~aerpc.runtime.HostStatus`); from any thread
        but the server's loop thread (there: ``server.host.status_now()``)."""
        self._check_running()
        return self.host.status_blocking()

    async def host_status_async(self) -> HostStatus:
        """:meth:`host_status` from any loop."""
        self._check_running()
        return await self.host.status()

    # -- lifecycle ----------------------------------------------------------------------------

    def _check_new(self) -> None:
        if self._state != "new":
            raise RuntimeError("a Server can be started once")
        check_handlers(self.handlers, self._dispatcher.missing_handlers(), self.strict_handlers)

    def _check_running(self) -> asyncio.AbstractEventLoop:
        if self._state == "new" or self._loop is None:
            raise RuntimeError("start the server first")
        if self._state != "running":
            raise ServerStopped(self._not_running(), maybe_applied=False)
        return self._loop

    def _not_running(self) -> str:
        return self._why_stopped or "the aerpc server is not running"

    def _thread_main(self, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        try:
            try:
                loop.run_until_complete(self._open())
            except BaseException as exc:
                self._start_error = exc
                return
            finally:
                ready.set()
            assert self._stop_requested is not None
            why = "the aerpc server stopped"
            try:
                loop.run_until_complete(self._stop_requested)
            except BaseException as exc:
                why = f"the aerpc server thread died ({type(exc).__name__}: {exc})"
                log.critical("aerpc: the server thread died; stopping the server", exc_info=exc)
            try:
                loop.run_until_complete(self._close(why))
            except BaseException:
                log.exception("aerpc: error while stopping the server")
        finally:
            _finish_loop(loop)
            if self._start_error is None:
                self._run_stop_callbacks()

    def _request_stop(self) -> None:
        if self._stop_requested is not None and not self._stop_requested.done():
            self._stop_requested.set_result(None)

    async def _open(self) -> None:
        loop = asyncio.get_running_loop()
        self._loop = loop
        runner = web.AppRunner(
            self.app,
            handle_signals=False,
            shutdown_timeout=_CLOSE_TIMEOUT,
            access_log_class=PathOnlyAccessLogger,
            keepalive_timeout=self.limits.idle_timeout,
        )
        await runner.setup()
        try:
            self._port = await self._bind(runner)
        except BaseException as exc:
            await runner.cleanup()
            self._state = "stopped"  # the app is bound to this loop: no second start
            self._why_stopped = f"the aerpc server could not start: {exc}"
            raise
        self._runner = runner
        self._door.port = self._port
        self._stop_requested = loop.create_future()
        self.host.bind(loop, self.url)
        self._state = "running"
        log.info(
            "aerpc: serving %s (schema %s %s)", self.url, self.contract.name, self.contract.version
        )

    async def _bind(self, runner: web.AppRunner) -> int:
        """Bind the first free port of ``ports`` by trying each (never probe-then-bind)."""
        last: OSError | None = None
        loop = asyncio.get_running_loop()
        assert runner.server is not None  # set up
        factory = self._gate.factory(runner.server)  # aiohttp's protocol, timed and capped
        for port in self._ports:
            try:
                listener = await loop.create_server(factory, self.bind_host, port)
            except OSError as exc:
                if exc.errno not in (errno.EADDRINUSE, errno.EACCES):
                    raise
                last = exc
                continue
            self._listener = listener
            return int(listener.sockets[0].getsockname()[1])
        tried = (
            f"{self._ports[0]}-{self._ports[-1]}"
            if self._ports == list(range(self._ports[0], self._ports[-1] + 1))
            else ", ".join(map(str, self._ports))
        )
        raise OSError(
            errno.EADDRINUSE,
            f"aerpc: no free port on {self.bind_host}: tried {tried} "
            f"({len(self._ports)} port(s)), all in use",
        ) from last

    async def _close(self, why: str) -> None:
        if self._state in ("stopping", "stopped"):
            return
        self._state = "stopping"
        self._why_stopped = why
        self.host.shutdown(why)
        self._dispatcher.shutdown()
        closing = [
            session.ws.close(code=CLOSE_GOING_AWAY, message=b"server stopping")
            for session in self._sessions
            if not session.closed
        ]
        await asyncio.gather(*closing, *self._closing, return_exceptions=True)
        self._gate.close()
        if self._listener is not None:
            self._listener.close()  # no new connections; runner.cleanup() closes the others
            self._listener = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        self._state = "stopped"
        log.info("aerpc: %s", why)

    def _run_stop_callbacks(self) -> BaseException | None:
        """Run every callback, whatever one raises; returns the first ``SystemExit`` or
        ``KeyboardInterrupt`` raised (logged), for the caller to raise."""
        raised: BaseException | None = None
        for callback in self.on_stop_callbacks:
            try:
                callback()
            except Exception:
                log.exception("aerpc: an on_stop callback raised")
            except BaseException as exc:  # SystemExit, KeyboardInterrupt: the others still run
                log.exception("aerpc: an on_stop callback raised %s", type(exc).__name__)
                raised = raised or exc
        return raised

    # -- connections --------------------------------------------------------------------------

    async def _websocket(self, request: web.Request) -> web.StreamResponse:
        """``/ws``: the Host and Origin checks were done by the door (:mod:`.admission`); take
        a slot to wait for the hello, upgrade, and run the socket's :class:`~.session.Session`."""
        if self._state != "running":
            raise web.HTTPServiceUnavailable(text="aerpc: the server is stopping\n")
        kind = origin_class(request.headers.get(hdrs.ORIGIN))
        transport = request.transport
        slot = self._pending_hellos.take(kind, transport.abort if transport else lambda: None)
        if slot is None:
            self._refusals.warning(
                "pending",
                "aerpc: refused a connection from %s with HTTP 503: %d sockets of its origin "
                "class (%s) are already waiting for their hello (max_pending_hellos)",
                request.remote,
                self._pending_hellos.count(kind),
                kind,
            )
            self._refused(503, "too many sockets waiting for their hello", None)
            raise web.HTTPServiceUnavailable(
                text="aerpc: too many connections waiting for their hello; retry\n"
            )
        ws = web.WebSocketResponse(
            heartbeat=None,  # the keepalive is the peer's (peer.py)
            autoping=False,
            # aiohttp refuses frames >= max_msg_size; raised to the message limit after the hello
            max_msg_size=first_frame_limit(self.limits.max_hello_size, self.max_message_size),
            compress=False,
            timeout=_CLOSE_TIMEOUT,
            **_RAW_TEXT,
        )
        try:
            await ws.prepare(request)
        except BaseException:
            self._pending_hellos.release(slot)
            raise
        self._gate.upgraded(transport)
        session = Session(self._sessions_setup, ws, transport, kind, request)
        self._sessions.add(session)
        try:
            await session.run(lambda: self._pending_hellos.release(slot))
        finally:
            self._sessions.discard(session)
        return ws

    @property
    def _peers(self) -> set[Peer]:
        """The peers of the open sessions (past their hello), for tests that inspect one."""
        return {session.peer for session in self._sessions if session.peer is not None}

    def _refused(self, code: int, message: str, data: object) -> None:
        """Remember a refusal: a call waiting for a host names it (``NotConnected``)."""
        if self._loop is not None:
            self.host.refusals.refused(code, message, data, self._loop.time())


def _finish_loop(loop: asyncio.AbstractEventLoop) -> None:
    """Cancel what is left on a thread's loop, then close it."""
    try:
        tasks = asyncio.all_tasks(loop)
        for task in tasks:
            task.cancel()
        if tasks:
            loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.run_until_complete(loop.shutdown_default_executor())
    finally:
        loop.close()
