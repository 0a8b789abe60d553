"""Deadlines, disconnects and retries over real sockets (the promise, docs/architecture.md): a
call is never silently dropped, never silently run twice, and never waits past its deadline."""

from __future__ import annotations

import asyncio
import time

import orjson
import pytest
from aiohttp import web

from aerpc.runtime import CallOptions, ConnectionLost, HostAlreadyConnected, NotConnected
from aerpc.testing import FakePanel

from .conftest import (
    CONTRACT,
    WAIT,
    HostImpl,
    async_test,
    host_peer,
    scripted_server,
    send,
    serving,
)

pytestmark = pytest.mark.timeout(60)


@async_test
async def test_dropped_mid_call_same_instance_back_in_grace_joins_the_run() -> None:
    """The run is still going when the panel reconnects: the repeated id joins it."""
    impl = HostImpl()
    impl.hold = True
    async with serving(reconnect_grace=WAIT) as server, host_peer(server, impl) as peer:
        host = await server.wait_for_host_async(WAIT)
        call = asyncio.ensure_future(host.call("add_item", {"name": "plates"}))
        await asyncio.wait_for(impl.adding.wait(), WAIT)
        await peer.drop()
        await peer.reconnect()  # same instance: the server sends the call again, same id
        impl.gate.set()
        item = await asyncio.wait_for(call, WAIT)
        assert item == {"id": 101, "name": "plates", "type": "folder"}
        assert impl.added == ["plates"]  # the host function ran exactly once
        assert list(peer.requests) == [peer.requests[0]] * 2
        assert peer.repeats == 1


@async_test
async def test_dropped_mid_call_reply_made_while_away_comes_from_memory() -> None:
    """The run ended while the panel was away: the repeated id is answered from memory."""
    impl = HostImpl()
    impl.hold = True
    async with serving(reconnect_grace=WAIT) as server, host_peer(server, impl) as peer:
        host = await server.wait_for_host_async(WAIT)
        call = asyncio.ensure_future(host.call("add_item", {"name": "plates"}))
        await asyncio.wait_for(impl.adding.wait(), WAIT)
        await peer.drop()
        impl.gate.set()
        await asyncio.wait_for(peer.wait_idle(), WAIT)  # the run ends while disconnected
        await peer.reconnect()
        assert await asyncio.wait_for(call, WAIT) == {"id": 101, "name": "plates", "type": "folder"}
        assert impl.added == ["plates"]
        assert peer.repeats == 1


@async_test
async def test_a_reloaded_panel_waits_out_the_grace_and_gets_no_call_of_the_old_one() -> None:
    """Issue 25 §3: while the instance that left has calls in flight, within its grace, another
    instance is refused (-32003); once the grace is over it gets in, and the calls sent to the
    old instance fail with ``maybe_applied`` rather than go to it, idempotent or not."""
    impl = HostImpl()
    impl.hold = True
    async with serving(reconnect_grace=0.3) as server, host_peer(server, impl) as peer:
        host = await server.wait_for_host_async(WAIT)
        adding = asyncio.ensure_future(host.call("add_item", {"name": "plates"}))
        sleeping = asyncio.ensure_future(host.call("sleep", {"ms": 200}, CallOptions(timeout=WAIT)))
        await asyncio.wait_for(impl.adding.wait(), WAIT)
        await asyncio.wait_for(impl.sleeping.wait(), WAIT)
        old_instance = peer.instance
        await peer.drop()
        with pytest.raises(HostAlreadyConnected):
            await peer.reconnect(new_instance=True)
        with pytest.raises(ConnectionLost) as caught:
            await asyncio.wait_for(adding, WAIT)
        assert caught.value.maybe_applied is True
        assert caught.value.method == "add_item"
        assert "did not reconnect within 0.3 s" in str(caught.value)
        assert not sleeping.done()  # idempotent: it waits for its instance
        await peer.connect()  # the grace is over: the new instance takes the seat
        assert server.host.instance == peer.instance != old_instance
        with pytest.raises(ConnectionLost) as lost:
            await asyncio.wait_for(sleeping, WAIT)
        assert lost.value.maybe_applied is True
        assert "the panel was reloaded" in str(lost.value)
        assert impl.sleeps == 1  # never sent to the new instance
        assert impl.added == ["plates"]


@async_test
async def test_grace_running_out_fails_non_idempotent_calls() -> None:
    impl = HostImpl()
    impl.hold = True
    async with serving(reconnect_grace=0.2) as server, host_peer(server, impl) as peer:
        host = await server.wait_for_host_async(WAIT)
        adding = asyncio.ensure_future(host.call("add_item", {"name": "plates"}))
        sleeping = asyncio.ensure_future(
            host.call("sleep", {"ms": 100_000}, CallOptions(timeout=WAIT))
        )
        await asyncio.wait_for(impl.adding.wait(), WAIT)
        await asyncio.wait_for(impl.sleeping.wait(), WAIT)
        await peer.drop()
        started = time.monotonic()
        with pytest.raises(ConnectionLost) as caught:
            await asyncio.wait_for(adding, WAIT)
        assert 0.15 < time.monotonic() - started < 3
        assert caught.value.maybe_applied is True
        assert "did not reconnect within 0.2 s" in str(caught.value)
        assert not sleeping.done()  # idempotent: it waits for its instance until its deadline
        await peer.reconnect()  # the same instance, past the grace
        # a later call's reply comes after the resent one reached the panel
        assert await asyncio.wait_for(host.call("sleep", {"ms": 0}), WAIT) is None
        assert peer.repeats == 1  # sent again, to the instance it was sent to: it joined the run
        assert impl.sleeps == 2  # the first run and the later call
        sleeping.cancel()


@async_test
async def test_no_call_waits_past_its_deadline_while_the_host_is_away() -> None:
    impl = HostImpl()
    async with serving(reconnect_grace=60) as server, host_peer(server, impl) as peer:
        host = await server.wait_for_host_async(WAIT)
        call = asyncio.ensure_future(host.call("sleep", {"ms": 100_000}, CallOptions(timeout=0.5)))
        await asyncio.wait_for(impl.sleeping.wait(), WAIT)
        await peer.drop()
        # ends by its deadline, not the 60 s grace (exact times: test_pending.py)
        with pytest.raises(ConnectionLost) as caught:
            await asyncio.wait_for(call, WAIT)
        assert caught.value.maybe_applied is True
        assert "did not come back within the call's deadline (0.5 s)" in str(caught.value)


@async_test
async def test_calls_without_a_host_fail_at_their_deadline_with_not_connected() -> None:
    async with serving() as server:
        started = time.monotonic()
        with pytest.raises(NotConnected) as caught:
            await server.host.call("echo", {"text": "x"}, CallOptions(timeout=0.3))
        assert 0.3 <= time.monotonic() - started < 2
        assert "nothing was sent" in str(caught.value)
        assert server.url in str(caught.value)


@async_test
async def test_calls_made_before_the_host_connects_are_sent_when_it_does() -> None:
    async with serving() as server:
        early = asyncio.ensure_future(server.host.call("echo", {"text": "early"}))
        async with host_peer(server):
            assert await asyncio.wait_for(early, WAIT) == "early"


@async_test
async def test_many_calls_survive_a_drop_each_run_once() -> None:
    impl = HostImpl()
    impl.hold = True
    async with serving(reconnect_grace=WAIT) as server, host_peer(server, impl) as peer:
        host = await server.wait_for_host_async(WAIT)
        names = [f"item{i}" for i in range(20)]
        calls = [asyncio.ensure_future(host.call("add_item", {"name": n})) for n in names]
        echoes = [asyncio.ensure_future(host.call("echo", {"text": n})) for n in names]
        async with asyncio.timeout(WAIT):
            while len(impl.added) < len(names):
                await impl.adding.wait()
                impl.adding.clear()
        await peer.drop()
        await peer.reconnect()
        impl.gate.set()
        results = await asyncio.wait_for(asyncio.gather(*calls, *echoes), WAIT)
        assert [r["name"] for r in results[:20]] == names  # type: ignore[index]
        assert results[20:] == names
        assert sorted(impl.added) == sorted(names)  # each ran exactly once


@async_test
async def test_the_stand_in_panel_remembers_every_member_of_a_batch() -> None:
    """A batch's members are answered in one frame, and each is remembered under its id: a
    member sent again alone is answered from memory at once (not taken for "still running"),
    and the host function ran once."""
    impl = HostImpl()
    replies: list[object] = []

    async def batch_then_repeat(ws: web.WebSocketResponse) -> None:
        requests = [
            {"jsonrpc": "2.0", "id": f"py:{n}", "method": "add_item", "params": {"name": name}}
            for n, name in ((1, "a"), (2, "b"))
        ]
        await send(ws, requests)
        replies.append(orjson.loads((await ws.receive(timeout=WAIT)).data))
        await send(ws, requests[0])
        replies.append(orjson.loads((await ws.receive(timeout=WAIT)).data))
        await ws.close()

    async with scripted_server(batch_then_repeat) as url:
        peer = FakePanel(url, "t" * 16, impl, contract=CONTRACT, report_runs=False)
        await peer.connect()
        await asyncio.wait_for(peer.wait_closed(), WAIT)
        await peer.close()
    batch, repeat = replies
    assert isinstance(batch, list)
    assert sorted(r["id"] for r in batch) == ["py:1", "py:2"]
    assert repeat == {"jsonrpc": "2.0", "id": "py:1", "result": batch_result(batch, "py:1")}
    assert impl.added == ["a", "b"]
    assert peer.repeats == 1


def batch_result(batch: list[dict[str, object]], id: str) -> object:
    return next(reply["result"] for reply in batch if reply["id"] == id)
