"""Issue 25 §4: a tool that sends cheap requests and never reads the replies grew the server's
memory with every reply (48 → 99 MiB for 98.7 MiB sent, still growing), and authenticated
sockets were not capped (300 accepted). Now a socket whose unsent output is over
``max_unsent`` is not read from until it takes some, and is closed when it takes none for
``unsent_timeout``; tool sockets are capped by ``max_tools``."""

from __future__ import annotations

import asyncio
import contextlib

import aiohttp

from aerpc.runtime import ServerLimits, TooManyRequests

from .conftest import (
    closed_with,
    connected,
    door_process,
    hello,
    raw_socket,
    receive,
    request,
    running,
    send,
)

MiB = 2**20


def test_a_tool_that_never_reads_its_replies_costs_bounded_memory() -> None:
    text = "r" * (64 * 1024)  # each request is answered with as much (``lookup`` echoes it)
    frames = 100 * MiB // len(text)

    async def flood(url: str, token: str) -> tuple[int, int | None]:
        sent = 0
        async with raw_socket(url, None, max_msg_size=0) as ws:
            await send(ws, hello(token))
            assert "result" in await receive(ws)
            with contextlib.suppress(ConnectionError, TimeoutError):
                for sent in range(frames):  # how many went out is the result
                    # a send that does not complete: the server stopped reading this socket
                    await asyncio.wait_for(send(ws, request(sent, "lookup", what=text)), 5.0)
            return sent * len(text), await closed_with(ws)

    with door_process(limits={"unsent_timeout": 1.0}) as server:

        async def warm_up() -> str:
            async with raw_socket(server.url, None, max_msg_size=0) as ws:
                await send(ws, hello(server.token, instance="warm"))
                assert "result" in await receive(ws)
                await send(ws, request(1, "lookup", what=text))
                return str((await receive(ws))["result"])

        assert asyncio.run(warm_up()) == text
        base = server.reset_peak()
        sent, code = asyncio.run(flood(server.url, server.token))
        growth = server.peak_rss() - base
        assert asyncio.run(warm_up()) == text  # the server goes on
    assert sent < 100 * MiB - len(text), "the server read every request"
    assert growth < 30 * MiB, f"the server grew by {growth / MiB:.0f} MiB ({sent / MiB:.0f} sent)"
    assert code is not None  # closed by the server once it took nothing for unsent_timeout


def test_tool_sockets_are_capped() -> None:
    """Over ``max_tools`` a tool's hello is refused (-32005, close 1013, try again later); the
    host still gets in, and a tool does once another has closed."""
    with running(limits=ServerLimits(max_tools=2)) as stage:
        server = stage.server

        async def scenario() -> tuple[int, int | None, str]:
            async with (
                connected(server, instance="t1"),
                connected(server, instance="t2") as (
                    t2,
                    _,
                ),
            ):
                async with (
                    aiohttp.ClientSession() as session,
                    session.ws_connect(server.url) as ws,
                ):
                    await send(ws, hello(server.token, instance="t3"))
                    refused = await receive(ws)
                    code = await closed_with(ws)
                async with connected(server, role="host", instance="panel") as (host, _):
                    await send(host, request(1, "ping"))
                    assert (await receive(host))["result"] == "pong"
                await send(t2, request(2, "ping"))
                assert (await receive(t2))["result"] == "pong"
            async with connected(server, instance="t4") as (t4, _):
                await send(t4, request(3, "ping"))
                pong = str((await receive(t4))["result"])
            return refused["error"]["code"], code, pong

        error, code, pong = stage.run(scenario())
    assert error == TooManyRequests.code
    assert code == 1013
    assert pong == "pong"
