"""Issue 13 §6: per socket, a batch has at most ``max_batch`` members and at most
``max_in_flight`` requests are served at once; the excess is answered ``-32005`` and the server
keeps answering other peers. A 100,000-request batch used to grow the process by ~500 MiB and
delay another tool's call by 14 s."""

from __future__ import annotations

import orjson

from aerpc.runtime import ServerLimits, TooManyRequests

from .conftest import Door, connected, peak_rss, receive, request, reset_peak_rss, running, send

MiB = 2**20


def test_a_batch_over_the_limit_is_one_error_and_nothing_runs() -> None:
    with running() as stage:
        door = stage.server.handlers
        assert isinstance(door, Door)

        async def scenario() -> tuple[object, object, int]:
            batch = [request(f"n{i}", "note", text=f"n{i}") for i in range(100_000)]
            async with (
                connected(stage.server) as (attacker, _),
                connected(stage.server) as (other, _),
            ):
                data = orjson.dumps(batch)
                base = reset_peak_rss()
                await send(attacker, data)
                await send(other, request(1, "ping"))
                pong = await receive(other)  # another peer's call completes meanwhile
                reply = await receive(attacker)
                return reply, pong["result"], peak_rss() - base

        reply, pong, growth = stage.run(scenario())
    assert isinstance(reply, dict)
    assert reply["id"] is None
    assert reply["error"]["code"] == TooManyRequests.code
    assert "100000" in reply["error"]["message"]
    assert door.notes == []  # none of it ran
    assert pong == "pong"
    assert growth < 200 * MiB, f"peak memory grew by {growth / MiB:.0f} MiB"


def test_a_batch_within_the_limit_is_served() -> None:
    with running(limits=ServerLimits(max_batch=10)) as stage:

        async def scenario() -> list[object]:
            async with connected(stage.server) as (ws, _):
                await send(ws, [request(i, "ping") for i in range(10)])
                replies = await receive(ws)
                await send(ws, [request(i, "ping") for i in range(11)])
                return [replies, await receive(ws)]

        served, refused = stage.run(scenario())
    assert isinstance(served, list)
    assert [r["result"] for r in served] == ["pong"] * 10
    assert isinstance(refused, dict)
    assert refused["error"]["code"] == TooManyRequests.code


def test_requests_in_flight_per_socket_are_capped() -> None:
    """``wait`` never returns until the test ends: the first ``max_in_flight`` are held, the
    rest answered -32005 at once; another peer is served meanwhile; nothing of the held ones
    is lost (they answer when released)."""
    limits = ServerLimits(max_in_flight=16)
    with running(limits=limits) as stage:

        async def scenario() -> tuple[list[object], object]:
            async with connected(stage.server) as (ws, _), connected(stage.server) as (other, _):
                for i in range(40):
                    await send(ws, request(i, "wait"))
                refused = [await receive(ws) for _ in range(40 - 16)]
                await send(other, request("p", "ping"))
                pong = await receive(other)
                return refused, pong["result"]

        refused, pong = stage.run(scenario())
    assert pong == "pong"
    assert all(r["error"]["code"] == TooManyRequests.code for r in refused)  # type: ignore[index]
    assert sorted(r["id"] for r in refused) == list(range(16, 40))  # type: ignore[index]
