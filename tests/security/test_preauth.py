"""Issue 13 §1: before the token is checked only a small hello is parsed.

A first frame over ``max_hello_size`` (16 KiB), or one that does not open like a JSON object, is
refused (-32001, close 4401) without being parsed: a 16 MiB ``[{},{},…]`` from a sandboxed page
(``Origin: null``) used to grow the process by ~500 MiB while it was parsed."""

from __future__ import annotations

import aiohttp
import orjson

from .conftest import (
    WAIT,
    closed_with,
    connected,
    hello,
    peak_rss,
    receive,
    request,
    reset_peak_rss,
    running,
    send,
)

MiB = 2**20


def test_a_huge_junk_first_frame_costs_a_small_multiple_of_its_size() -> None:
    frame = b"[" + b",".join([b"{}"] * (16 * MiB // 3)) + b"]"  # 16 MiB, ~5.6 million objects
    with running() as stage:
        server = stage.server

        async def attack() -> tuple[object, int | None, str]:
            async with (
                connected(server) as (tool, _),
                aiohttp.ClientSession() as session,
                session.ws_connect(server.url, origin="null") as ws,
            ):
                await send(ws, frame)
                # another peer's call completes while the junk is handled
                await send(tool, request(1, "ping"))
                reply = await receive(tool)
                msg = await ws.receive(timeout=WAIT)
                error = (
                    orjson.loads(msg.data)["error"] if msg.type is aiohttp.WSMsgType.TEXT else None
                )
                return error, await closed_with(ws), reply["result"]

        base = reset_peak_rss()
        error, code, pong = stage.run(attack())
        growth = peak_rss() - base
    # the frame is buffered (and joined, and masked by the client in this same process), never
    # parsed: a small multiple of its size (parsing it cost ~30 times its size)
    assert growth < 8 * len(frame), f"peak memory grew by {growth / MiB:.0f} MiB"
    assert pong == "pong"
    assert code == 4401
    assert isinstance(error, dict)
    assert error["code"] == -32001
    assert "at most 16384 bytes" in error["message"]


def test_a_hello_over_the_hello_limit_is_refused_unparsed() -> None:
    with running() as stage:
        token = stage.server.token

        async def oversized() -> tuple[int, int | None]:
            padded = hello(token, app={"name": "x" * 20_000, "version": "1"})
            async with (
                aiohttp.ClientSession() as session,
                session.ws_connect(stage.server.url) as ws,
            ):
                await send(ws, padded)
                reply = await receive(ws)
                return reply["error"]["code"], await closed_with(ws)

        assert stage.run(oversized()) == (-32001, 4401)

        async def small() -> str:
            async with connected(stage.server) as (ws, _):
                await send(ws, request(2, "ping"))
                return str((await receive(ws))["result"])

        assert stage.run(small()) == "pong"


def test_the_hello_limit_is_a_server_option() -> None:
    from aerpc.runtime import ServerLimits

    with running(limits=ServerLimits(max_hello_size=40_000)) as stage:
        token = stage.server.token

        async def padded() -> object:
            big = hello(token, app={"name": "x" * 20_000, "version": "1"})
            async with (
                aiohttp.ClientSession() as session,
                session.ws_connect(stage.server.url) as ws,
            ):
                await send(ws, big)
                return (await receive(ws)).get("result") is not None

        assert stage.run(padded()) is True
