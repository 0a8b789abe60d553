"""The keepalive (``heartbeat``) of a socket, the same ``Peer`` on the server's and the client's
side: pings a quiet socket, closes one that stays silent, answers the other side's pings
(aiohttp's own heartbeat and autoping are off: ``peer.py``)."""

from __future__ import annotations

import asyncio
import time

import aiohttp
import orjson
import pytest
from aiohttp import web

from aerpc.runtime import ConnectionLost
from aerpc.runtime.client import ToolPeer

from .conftest import (
    CONTRACT,
    WAIT,
    async_test,
    hello_request,
    host_peer,
    raw_host,
    raw_socket,
    receive,
    scripted_server,
    send,
    serving,
)

pytestmark = pytest.mark.timeout(60)

WS = aiohttp.WSMsgType


@async_test
async def test_a_host_that_stays_silent_is_pinged_then_closed() -> None:
    async with serving(heartbeat=0.2) as server, raw_host(server, autoping=False) as ws:
        assert server.host.connected
        started = time.monotonic()
        msg = await ws.receive(timeout=WAIT)
        pinged = time.monotonic() - started
        assert msg.type is WS.PING
        # quiet for a whole period (counted from the hello, just before ``started``), at most
        # one and a half
        assert 0.2 - 0.05 <= pinged < 0.2 * 1.5 + 2.0
        msg = await ws.receive(timeout=WAIT)  # no pong: closed a half period later
        assert msg.type in (WS.CLOSE, WS.CLOSED, WS.ERROR), msg
        assert time.monotonic() - started >= 0.3 - 0.05
        for _ in range(int(WAIT / 0.01)):  # the server's side of the abort, within WAIT
            if not server.host.connected:
                break
            await asyncio.sleep(0.01)
        assert not server.host.connected
        # a new host instance is accepted at once, the dead one being gone
        async with host_peer(server):
            assert server.host.connected
            assert await server.host.call("echo", {"text": "ok"}) == "ok"


@async_test
async def test_a_quiet_host_that_answers_pings_stays_connected() -> None:
    async with serving(heartbeat=0.3) as server, raw_host(server, autoping=False) as ws:
        instance = server.host.instance
        pings = 0
        while pings < 3:  # three periods and more, with nothing but pongs
            msg = await ws.receive(timeout=WAIT)
            assert msg.type is WS.PING, msg
            pings += 1
            await ws.pong(msg.data)
        assert server.host.connected
        assert server.host.instance == instance
        call = asyncio.ensure_future(server.host.call("echo", {"text": "still here"}))
        request = await receive(ws)
        await send(ws, {"jsonrpc": "2.0", "id": request["id"], "result": "still here"})
        assert await asyncio.wait_for(call, WAIT) == "still here"


@async_test
async def test_a_busy_host_is_not_pinged() -> None:
    async with serving(heartbeat=0.5) as server, raw_host(server, autoping=False) as ws:
        deadline = time.monotonic() + 1.5  # three periods of traffic
        while time.monotonic() < deadline:
            call = asyncio.ensure_future(server.host.call("echo", {"text": "x"}))
            msg = await ws.receive(timeout=WAIT)
            assert msg.type is WS.TEXT, msg  # a request, never a ping
            request = orjson.loads(msg.data)
            await send(ws, {"jsonrpc": "2.0", "id": request["id"], "result": "x"})
            assert await asyncio.wait_for(call, WAIT) == "x"
            await asyncio.sleep(0.02)
        assert server.host.connected


@pytest.mark.parametrize("before_hello", [True, False])
@async_test
async def test_pings_from_the_peer_are_answered(before_hello: bool) -> None:
    async with serving() as server, raw_socket(server.url, autoping=False) as ws:
        if not before_hello:
            await send(ws, hello_request(server.token))
            assert "result" in await receive(ws)
        await ws.ping(b"are you there")
        msg = await ws.receive(timeout=WAIT)
        assert msg.type is WS.PONG
        assert msg.data == b"are you there"
        if before_hello:  # a ping is not the hello: the hello is still awaited
            await send(ws, hello_request(server.token))
            assert "result" in await receive(ws)
        assert server.host.connected


@async_test
async def test_the_clients_keepalive_is_the_same_peer_object() -> None:
    """A ``ToolPeer`` with ``heartbeat`` keeps its socket alive the server's way (the shared
    ``Peer``): a server that accepts the hello and then answers nothing, not even pings, is
    pinged and then dropped, and the client's pending call fails as ConnectionLost."""
    pinged = asyncio.Event()

    async def mute(ws: web.WebSocketResponse) -> None:
        async for msg in ws:  # reads, answers nothing
            if msg.type is WS.PING:
                pinged.set()

    async with scripted_server(mute) as url:
        client = ToolPeer(url, "t" * 16, contract=CONTRACT, heartbeat=0.2)
        await client.connect()
        params = {"project": "p", "folder": "/f", "task": "t"}
        call = asyncio.ensure_future(client.call("set_context", params, timeout=WAIT))
        await asyncio.wait_for(pinged.wait(), WAIT)
        with pytest.raises(ConnectionLost):
            await asyncio.wait_for(call, WAIT)
        assert not client.connected
        await client.close()
