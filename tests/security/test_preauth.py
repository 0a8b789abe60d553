"""Issue 13 §1, issue 25 §8: before the token is checked only a small hello is read and parsed.

A first frame over ``max_hello_size`` (16 KiB), or one that does not open like a JSON object, is
refused (-32001, close 4401) without being parsed: a 16 MiB ``[{},{},…]`` from a sandboxed page
(``Origin: null``) used to grow the process by ~500 MiB while it was parsed. One over four times
that is not even read: the socket's reader has that limit until the hello (close 1009)."""

from __future__ import annotations

import asyncio
import contextlib

import aiohttp
import pytest

from .conftest import (
    DoorProcess,
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


READER_CHECKS_HEADER = tuple(int(part) for part in aiohttp.__version__.split(".")[:2]) >= (3, 14)
"""aiohttp 3.14's reader refuses a frame from the length its header announces; older ones (the
floor, 3.11) once it is received, so there a first frame costs its size (docs/reliability.md)."""


@pytest.mark.skipif(not READER_CHECKS_HEADER, reason="this aiohttp buffers a frame first")
@pytest.mark.parametrize("size", [16 * MiB, 64 * MiB])
def test_a_huge_first_frame_is_refused_before_it_is_buffered(size: int) -> None:
    """Issue 25 §8: the first frame is read with a small limit (raised after the hello), so a
    huge one is refused from its header: it used to be buffered whole first (a 64 MiB frame
    grew the server by ~190 MiB). Measured in the server's own process."""
    frame = b"[" + b",".join([b"{}"] * (size // 3)) + b"]"

    async def attack(server: DoorProcess) -> tuple[int | None, str]:
        async with (
            raw_socket(server.url, None, max_msg_size=0) as tool,
            aiohttp.ClientSession() as session,
            session.ws_connect(server.url, origin="null") as ws,
        ):
            await send(tool, hello(server.token))
            assert "result" in await receive(tool)
            with contextlib.suppress(ConnectionError):
                await ws.send_bytes(frame)
            # another peer's call completes while the junk is refused
            await send(tool, request(1, "ping"))
            reply = await receive(tool)
            return await closed_with(ws), reply["result"]

    with door_process() as server:
        base = server.reset_peak()
        code, pong = asyncio.run(attack(server))
        growth = server.peak_rss() - base
    assert growth < 20 * MiB, f"the server grew by {growth / MiB:.0f} MiB"
    assert pong == "pong"
    assert code in (1006, 1009)  # message too big, from the frame header (or reset mid-send)


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


def test_after_the_hello_a_socket_takes_messages_up_to_the_message_limit() -> None:
    """The first frame's small limit is raised once the hello is accepted: a 1 MiB request
    and its 1 MiB reply pass on the same socket, a host's as a tool's."""
    with running() as stage:
        server = stage.server

        async def big(role: str) -> int:
            async with connected(server, role=role, instance=f"big-{role}") as (ws, _):
                await send(ws, request(1, "note", text="n" * MiB))
                assert (await receive(ws))["result"] is None
                await send(ws, request(2, "blob", size=MiB))
                return len((await receive(ws))["result"])

        assert stage.run(big("tool")) == MiB
        assert stage.run(big("host")) == MiB
