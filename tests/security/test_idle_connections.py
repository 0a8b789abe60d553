"""Issue 13 §3, issue 25 §1: a TCP connection that has not upgraded to a websocket must be in a
request (or have finished one) within ``idle_timeout``, and at most ``max_connections`` of them
exist at once; sockets that never finish their HTTP request used to stay open for an hour."""

from __future__ import annotations

import asyncio

from aerpc.runtime import ServerLimits

from .conftest import WAIT, connected, receive, request, running, send


async def slow_header(port: int) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A connection that starts an HTTP request and never finishes its headers."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    await writer.drain()
    return reader, writer


async def closed_by_server(reader: asyncio.StreamReader) -> bool:
    """True once the server closed the connection (EOF or reset), bounded by WAIT."""
    async with asyncio.timeout(WAIT):
        try:
            while await reader.read(4096):
                pass
        except ConnectionError:
            pass
    return True


def test_a_slow_header_socket_is_closed_after_the_idle_timeout() -> None:
    with running(limits=ServerLimits(idle_timeout=0.5)) as stage:

        async def scenario() -> bool:
            reader, writer = await slow_header(stage.server.port)
            idle_reader, idle_writer = await asyncio.open_connection("127.0.0.1", stage.server.port)
            try:
                return await closed_by_server(reader) and await closed_by_server(idle_reader)
            finally:
                writer.close()
                idle_writer.close()

        assert stage.run(scenario())


def test_connections_that_have_not_upgraded_are_capped() -> None:
    """Over ``max_connections`` a new connection closes the oldest one in no request (issue 25
    §1: the newcomer, possibly the panel, is kept); the others close at their idle timeout; a
    websocket (the panel) gets in, and one that upgraded is not counted."""
    limits = ServerLimits(max_connections=5, idle_timeout=2.0)
    with running(limits=limits) as stage:
        server = stage.server

        async def scenario() -> str:
            async with connected(server) as (tool, _):  # upgraded: not counted
                held = [await slow_header(server.port) for _ in range(5)]
                extra_reader, extra_writer = await slow_header(server.port)
                assert await closed_by_server(held[0][0])  # at once, not after idle_timeout
                for reader, _ in [*held[1:], (extra_reader, extra_writer)]:
                    assert await closed_by_server(reader)  # then the others, when idle
                for _, writer in [*held, (extra_reader, extra_writer)]:
                    writer.close()
                await send(tool, request(1, "ping"))
                pong = str((await receive(tool))["result"])
            async with connected(server) as (again, _):
                await send(again, request(2, "ping"))
                return str((await receive(again))["result"]) + pong

        assert stage.run(scenario()) == "pongpong"


def test_the_panel_gets_in_under_a_flood_of_connections_that_never_upgrade() -> None:
    """Issue 25 §1: ~80 TCP connections that never send a byte, each reopened as soon as the
    server closes it, kept the cap full: the panel connected 0 times in 30 tries. Now a new
    connection closes the oldest silent one, so every try of the panel (and a tool) gets in at
    once, each bounded by 5 s."""
    with running() as stage:
        server = stage.server
        flooders = server.limits.max_connections + 16

        async def scenario() -> tuple[int, list[str]]:
            stop = asyncio.Event()
            churned = asyncio.Event()
            closed = 0

            async def flood() -> None:
                nonlocal closed
                while not stop.is_set():
                    try:
                        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
                    except OSError:
                        continue
                    try:
                        await reader.read()  # until the server closes it
                    except ConnectionError:
                        pass
                    finally:
                        writer.close()
                    closed += 1
                    if closed >= 2 * flooders:
                        churned.set()

            tasks = [asyncio.ensure_future(flood()) for _ in range(flooders)]
            try:
                await asyncio.wait_for(churned.wait(), WAIT)  # the cap is full and churning
                answers = []
                for attempt in range(5):
                    role = "host" if attempt == 0 else "tool"

                    async def one(role: str = role, attempt: int = attempt) -> str:
                        async with connected(server, role=role, instance=f"p{attempt}") as (ws, _):
                            await send(ws, request(attempt, "ping"))
                            return str((await receive(ws))["result"])

                    answers.append(await asyncio.wait_for(one(), 5.0))
                return closed, answers
            finally:
                stop.set()
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)

        closed, answers = stage.run(scenario())
    assert closed >= 2 * flooders
    assert answers == ["pong"] * 5


def test_an_http_request_answered_then_idle_is_closed() -> None:
    """Keep-alive after a finished request is held to ``idle_timeout`` too."""
    with running(limits=ServerLimits(idle_timeout=0.5)) as stage:

        async def scenario() -> bytes:
            reader, writer = await asyncio.open_connection("127.0.0.1", stage.server.port)
            host = f"127.0.0.1:{stage.server.port}".encode()
            writer.write(b"GET /nothing HTTP/1.1\r\nHost: " + host + b"\r\n\r\n")
            await writer.drain()
            status = await asyncio.wait_for(reader.readline(), WAIT)
            try:
                assert await closed_by_server(reader)
            finally:
                writer.close()
            return status

        assert stage.run(scenario()).startswith(b"HTTP/1.1 401")
