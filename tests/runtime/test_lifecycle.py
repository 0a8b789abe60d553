"""Starting and stopping: ports, waiting for the host, prompt stop with calls in flight,
nothing left behind, a dying server thread, and the seed's remaining surface."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import errno
import logging
import os
import socket
import threading
import time
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from aerpc.runtime import (
    ConnectionLost,
    NotConnected,
    Server,
    ServerStopped,
)
from aerpc.runtime.client import ToolPeer

from .conftest import CONTRACT, WAIT, HostImpl, async_test, host_peer, make_server, serving

pytestmark = pytest.mark.timeout(60)


def open_fds() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


def threads() -> set[threading.Thread]:
    return set(threading.enumerate())


def test_start_stop_leaves_nothing_behind() -> None:
    before_threads, before_fds = threads(), open_fds()
    server = make_server()
    server.start()
    assert server.is_running
    assert server.url == f"ws://127.0.0.1:{server.port}/ws"
    server.stop()
    assert not server.is_running
    assert threads() == before_threads
    assert open_fds() == before_fds
    server.stop()  # twice is fine
    with pytest.raises(RuntimeError, match="started once"):
        server.start()


def test_stop_with_calls_in_flight_fails_them_promptly_and_leaves_nothing() -> None:
    before_threads, before_fds = threads(), open_fds()
    server = make_server()
    server.start()
    impl = HostImpl()
    outcomes: list[BaseException] = []

    def call() -> None:
        try:
            server.host.call_blocking("sleep", {"ms": 600_000})
        except BaseException as exc:
            outcomes.append(exc)

    async def scenario() -> float:
        async with host_peer(server, impl) as peer:
            callers = [threading.Thread(target=call) for _ in range(3)]
            for t in callers:
                t.start()
            async with asyncio.timeout(WAIT):
                while impl.sleeps < 3:
                    impl.sleeping.clear()
                    await impl.sleeping.wait()
            started = time.monotonic()
            await asyncio.to_thread(server.stop)
            took = time.monotonic() - started
            for t in callers:
                await asyncio.to_thread(t.join, WAIT)
            assert await peer.wait_closed() == 1001
            return took

    took = asyncio.run(scenario())
    assert took < 3.0
    assert len(outcomes) == 3
    for exc in outcomes:
        assert isinstance(exc, ServerStopped)
        assert isinstance(exc, ConnectionLost)
        assert exc.maybe_applied is True
        assert "the aerpc server stopped while the call was in flight" in str(exc)
    assert threads() == before_threads
    assert open_fds() == before_fds
    with pytest.raises(ServerStopped):
        server.host.call_blocking("echo", {"text": "late"})


@async_test
async def test_stop_async_leaves_no_task() -> None:
    before = asyncio.all_tasks()
    async with serving() as server, host_peer(server) as peer:
        assert await server.host.call("echo", {"text": "x"}) == "x"
        hung = asyncio.ensure_future(server.host.call("sleep", {"ms": 600_000}))
    assert isinstance(hung.exception(), ServerStopped)
    assert not peer.connected
    assert asyncio.all_tasks() == before


def consecutive_busy_ports(n: int) -> tuple[list[int], list[socket.socket]]:
    """``n`` consecutive ports on 127.0.0.1, each held by a listening socket."""
    for _ in range(50):
        first = socket.socket()
        first.bind(("127.0.0.1", 0))
        base = first.getsockname()[1]
        held = [first]
        try:
            for port in range(base + 1, base + n):
                s = socket.socket()
                held.append(s)
                s.bind(("127.0.0.1", port))
        except OSError:
            for s in held:
                s.close()
            continue
        for s in held:
            s.listen()
        return list(range(base, base + n)), held
    raise RuntimeError("no consecutive free ports found")


def test_port_range_all_taken_is_a_clear_error() -> None:
    ports, held = consecutive_busy_ports(3)
    try:
        server = make_server(ports=ports)
        with pytest.raises(OSError, match=r"no free port on 127\.0\.0\.1") as caught:
            server.start()
        assert caught.value.errno == errno.EADDRINUSE
        assert f"tried {ports[0]}-{ports[-1]} (3 port(s)), all in use" in str(caught.value)
        assert not server.is_running
    finally:
        for s in held:
            s.close()


def test_port_range_binds_the_first_free_port() -> None:
    ports, held = consecutive_busy_ports(3)
    held.pop().close()  # the last one is free again
    try:
        server = make_server(ports=ports)
        server.start()
        assert server.port == ports[-1]
        server.stop()
    finally:
        for s in held:
            s.close()


def test_wait_for_host_timeout_is_a_clear_not_connected(server: Server) -> None:
    started = time.monotonic()
    with pytest.raises(NotConnected) as caught:
        server.wait_for_host(timeout=0.2)
    assert time.monotonic() - started < 2
    message = str(caught.value)
    assert "no mini host connected to" in message
    assert server.url in message
    assert "within 0.2 s" in message
    assert "launch_env" in message


def test_wait_for_host_returns_the_host(server: Server) -> None:
    async def scenario() -> None:
        async with host_peer(server) as peer:
            host = await asyncio.to_thread(server.wait_for_host, WAIT)
            assert host is server.host
            assert host.instance == peer.instance
            hello = host.hello
            assert hello is not None
            assert "token" not in hello
            assert hello["app"] == {"name": "aerpc.testing", "version": "0"}

    asyncio.run(scenario())


class Dies:
    """A pipeline handler that takes the server's loop down (SystemExit escapes asyncio)."""

    async def open_tool(self, *, tool: str) -> None:
        raise SystemExit("the loop dies")


@pytest.mark.filterwarnings("ignore::aerpc.runtime.HandlersWarning")  # partial on purpose
def test_server_thread_death_is_reported(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="aerpc")
    before_threads = threads()
    stopped = threading.Event()
    server = make_server(Dies())
    server.on_stop_callbacks.append(stopped.set)
    server.start()
    waiting: concurrent.futures.Future[object] = concurrent.futures.Future()

    def wait_for_host() -> None:
        try:
            waiting.set_result(server.wait_for_host(timeout=30))
        except BaseException as exc:
            waiting.set_exception(exc)

    waiter = threading.Thread(target=wait_for_host)
    waiter.start()

    async def scenario() -> None:
        async with ToolPeer(server.url, server.token, contract=CONTRACT) as tool:
            with pytest.raises(ConnectionLost):
                await tool.call("open_tool", {"tool": "loader"})

    asyncio.run(scenario())
    assert stopped.wait(WAIT)
    waiter.join(WAIT)
    with pytest.raises(ServerStopped) as caught:
        waiting.result(0)
    assert "the aerpc server thread died (SystemExit: the loop dies)" in str(caught.value)
    assert not server.is_running
    assert "the server thread died" in caplog.text
    with pytest.raises(ServerStopped, match="thread died"):
        server.wait_for_host(1)
    with pytest.raises(ServerStopped):
        server.host.call_blocking("echo", {"text": "x"})
    server.stop()
    assert threads() == before_threads


def test_on_stop_callbacks_run_on_stop() -> None:
    calls: list[str] = []
    server = make_server()
    server.on_stop_callbacks.append(lambda: calls.append("one"))
    server.on_stop_callbacks.append(lambda: 1 / 0)  # logged, the others still run
    server.on_stop_callbacks.append(lambda: calls.append("two"))
    server.start()
    server.stop()
    assert calls == ["one", "two"]


def test_launch_env(server: Server) -> None:
    env = server.launch_env()
    assert env == {
        "AERPC_URL": server.url,
        "AERPC_TOKEN": server.token,
        "WEBSOCKET_URL": server.url,
    }


@pytest.fixture
def static_dir(tmp_path: Path) -> Path:
    (tmp_path / "hello.txt").write_text("static hello")
    return tmp_path


def test_extra_routes_and_static_files(static_dir: Path) -> None:
    async def ping(request: web.Request) -> web.Response:
        return web.Response(text="pong")

    server = make_server()
    server.add_route("GET", "/ping", ping)
    server.add_static("/files", str(static_dir), public=True)
    server.start()

    async def fetch(path: str) -> str:
        headers = {"Authorization": f"Bearer {server.token}"}
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"http://127.0.0.1:{server.port}{path}", headers=headers) as response,
        ):
            return await response.text()

    try:
        assert asyncio.run(fetch("/ping")) == "pong"
        assert asyncio.run(fetch("/files/hello.txt")) == "static hello"
    finally:
        server.stop()


@async_test
async def test_reference_url_form_is_served() -> None:
    async with serving() as server:
        client = ToolPeer(server.url + "/", server.token, contract=CONTRACT)
        async with client:
            assert client.hello_result is not None


@async_test
async def test_logs_carry_method_id_and_outcome_but_never_the_token(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    async with serving() as server, host_peer(server) as peer:
        host = await server.wait_for_host_async(WAIT)
        await host.call("echo", {"text": "payload-text"})
        await peer.call("set_context", {"project": "p", "folder": "f", "task": "t"})
        token = server.token
    outcome = [r for r in caplog.records if r.name == "aerpc" and "echo" in r.getMessage()]
    assert any("py:1" in r.getMessage() and "ok in" in r.getMessage() for r in outcome)
    assert not any("payload-text" in r.getMessage() for r in caplog.records if r.name == "aerpc")
    assert any(
        "payload-text" in r.getMessage() for r in caplog.records if r.name == "aerpc.payload"
    )
    assert token not in caplog.text


@async_test
async def test_wait_for_host_async_timeout() -> None:
    async with serving() as server:
        with pytest.raises(NotConnected):
            await server.wait_for_host_async(0.1)
        with contextlib.suppress(NotConnected):
            await server.wait_for_host_async(0.01)
        assert not server.host._waiters
