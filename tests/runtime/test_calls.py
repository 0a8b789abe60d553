"""Calls from the pipeline to the host over real sockets: results, errors, validation,
deadlines, sizes, concurrency, and the sync facade."""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
import time

import pytest

from aerpc.runtime import (
    CallEvent,
    CallOptions,
    ConnectionLost,
    Host,
    HostChannel,
    InvalidParams,
    MessageTooLarge,
    MethodNotFound,
    ResultValidationError,
    RpcTimeout,
    Server,
)

from .conftest import (
    WAIT,
    HostImpl,
    ItemNotFound,
    async_test,
    host_peer,
    make_server,
    raw_host,
    receive,
    send,
    serving,
)

pytestmark = pytest.mark.timeout(60)


def test_host_is_a_host_channel() -> None:
    server = make_server()
    channel: HostChannel = server.host  # checked by mypy: the generated clients take this
    assert isinstance(channel, Host)


@async_test
async def test_typed_call_round_trips() -> None:
    async with serving() as server, host_peer(server):
        host = await server.wait_for_host_async(WAIT)
        assert host.connected
        assert host.instance
        assert await host.call("echo", {"text": 'héllo \u2028 "quoted" \\'}) == (
            'héllo \u2028 "quoted" \\'
        )
        items = await host.call("get_items", {"comps": True, "footages": True})
        assert items == [
            {"id": 1, "name": "main", "type": "comp"},
            {"id": 3, "name": "plate.exr", "type": "footage"},
        ]
        assert await host.call("sleep", {"ms": 0}) is None
        assert host.pending == 0


def test_sync_facade_from_threads(server: Server) -> None:
    """1,000 calls from 8 threads through call_blocking: each gets its own result."""

    async def scenario() -> None:
        async with host_peer(server):
            host = await asyncio.to_thread(server.wait_for_host, WAIT)

            def worker(k: int) -> list[str]:
                return [str(host.call_blocking("echo", {"text": f"{k}:{i}"})) for i in range(125)]

            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                loop = asyncio.get_running_loop()
                results = await asyncio.gather(
                    *(loop.run_in_executor(pool, worker, k) for k in range(8))
                )
            for k, got in enumerate(results):
                assert got == [f"{k}:{i}" for i in range(125)]

    asyncio.run(scenario())


@async_test
async def test_a_thousand_concurrent_async_calls() -> None:
    async with serving() as server, host_peer(server):
        host = await server.wait_for_host_async(WAIT)
        texts = [f"call {i}" for i in range(1000)]
        assert await asyncio.gather(*(host.call("echo", {"text": t}) for t in texts)) == texts


@async_test
async def test_async_call_from_another_loop() -> None:
    """A server on its own thread, awaited from the caller's loop (AsyncAfterEffects)."""
    server = make_server()
    server.start()
    try:
        async with host_peer(server):
            host = await server.wait_for_host_async(WAIT)
            assert await host.call("echo", {"text": "across loops"}) == "across loops"
    finally:
        await asyncio.to_thread(server.stop)


@async_test
async def test_declared_remote_error_is_raised_as_its_class() -> None:
    async with serving() as server, host_peer(server):
        host = await server.wait_for_host_async(WAIT)
        with pytest.raises(ItemNotFound) as caught:
            await host.call("get_item", {"id": 42})
        assert caught.value.code == 1001
        assert caught.value.data == {"id": 42}
        assert "no item with id 42" in str(caught.value)


@async_test
async def test_bad_params_fail_locally_and_nothing_is_sent() -> None:
    async with serving() as server, host_peer(server) as peer:
        host = await server.wait_for_host_async(WAIT)
        with pytest.raises(InvalidParams) as caught:
            await host.call("get_item", {"id": "seven", "extra": 1})
        errors = caught.value.data["errors"]
        assert {"path": "/id", "message": "'seven' is not of type 'integer'"} in errors
        assert any("extra" in e["message"] for e in errors)
        with pytest.raises(InvalidParams):
            await host.call("echo", {})
        with pytest.raises(MethodNotFound):
            await host.call("set_context", {"project": "p", "folder": "f", "task": "t"})
        with pytest.raises(MethodNotFound):
            await host.call("no_such_method", {})
        assert await host.call("echo", {"text": "after"}) == "after"
        assert len(peer.requests) == 1  # only the last call reached the panel


@async_test
async def test_broken_result_raises_result_validation_error() -> None:
    async with serving() as server, raw_host(server) as ws:
        host = await server.wait_for_host_async(WAIT)
        call = asyncio.ensure_future(host.call("get_item", {"id": 99}))
        request = await receive(ws)
        assert request["method"] == "get_item"
        assert request["params"] == {"id": 99}
        await send(ws, {"jsonrpc": "2.0", "id": request["id"], "result": {"id": 99, "type": "x"}})
        with pytest.raises(ResultValidationError) as caught:
            await call
        assert caught.value.method == "get_item"
        assert caught.value.errors == [
            {"path": "", "message": "'name' is a required property"},
            {"path": "/type", "message": "'x' is not one of ['comp', 'folder', 'footage']"},
        ]
        assert "get_item: result breaks the schema at /: 'name' is a required" in str(caught.value)


@async_test
async def test_hung_call_times_out_at_its_deadline_and_the_panel_gets_rpc_cancel() -> None:
    async with serving() as server, host_peer(server) as peer:
        host = await server.wait_for_host_async(WAIT)
        started = time.monotonic()
        with pytest.raises(RpcTimeout) as caught:
            await host.call("sleep", {"ms": 600_000}, CallOptions().with_timeout(0.3))
        elapsed = time.monotonic() - started
        assert 0.3 <= elapsed < 2.0
        assert caught.value.maybe_applied
        assert caught.value.method == "sleep"
        await asyncio.wait_for(peer.cancel_seen.wait(), WAIT)
        assert peer.cancelled == [peer.requests[0]]
        # the connection stays usable
        assert await host.call("echo", {"text": "still here"}) == "still here"
        assert host.pending == 0


@async_test
async def test_deadlines_share_one_timer_and_each_call_ends_at_its_own() -> None:
    """A later call with a shorter deadline ends first; a settled call's deadline is forgotten
    (the heap of deadlines stays small however many calls were made). The exact times are
    asserted on the policy's own clock (test_pending.py); here, over sockets, the order."""
    async with serving() as server, host_peer(server):
        host = await server.wait_for_host_async(WAIT)
        started = time.monotonic()
        slow = asyncio.ensure_future(
            host.call("sleep", {"ms": 600_000}, CallOptions().with_timeout(1.2))
        )
        medium = asyncio.ensure_future(
            host.call("sleep", {"ms": 600_000}, CallOptions().with_timeout(0.6))
        )
        await asyncio.sleep(0)
        with pytest.raises(RpcTimeout):
            await host.call("sleep", {"ms": 600_000}, CallOptions().with_timeout(0.2))
        assert time.monotonic() - started >= 0.2
        assert not medium.done()
        assert not slow.done()
        with pytest.raises(RpcTimeout):
            await medium
        assert time.monotonic() - started >= 0.6
        assert not slow.done()
        for _ in range(500):  # each settled at once; their deadlines (30 s) are pruned
            assert await host.call("echo", {"text": "x"}) == "x"
        assert len(host._pending._deadlines) <= 2 * 2 + 64 + 1  # slow and echo pending at a prune
        with pytest.raises(RpcTimeout):
            await slow
        assert time.monotonic() - started >= 1.2
        assert host.pending == 0


@async_test
async def test_blocking_call_times_out_too() -> None:
    async with serving() as server, host_peer(server):
        host = await server.wait_for_host_async(WAIT)
        with pytest.raises(RpcTimeout):
            await asyncio.to_thread(
                host.call_blocking, "sleep", {"ms": 600_000}, CallOptions(timeout=0.2)
            )


@async_test
async def test_sync_facade_on_the_loop_thread_is_a_clear_error() -> None:
    async with serving() as server, host_peer(server):
        host = await server.wait_for_host_async(WAIT)
        with pytest.raises(RuntimeError, match="event-loop thread, where it would deadlock"):
            host.call_blocking("echo", {"text": "x"})
        with pytest.raises(RuntimeError, match="would deadlock"):
            server.wait_for_host(1)


async def cancel_a_running_call(server: Server) -> None:
    """Cancel, from this loop, a call the panel is running: the panel is told (``rpc.cancel``)."""
    impl = HostImpl()
    async with host_peer(server, impl) as peer:
        host = await server.wait_for_host_async(WAIT)
        task = asyncio.ensure_future(host.call("sleep", {"ms": 600_000}))
        await asyncio.wait_for(impl.sleeping.wait(), WAIT)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        await asyncio.wait_for(peer.cancel_seen.wait(), WAIT)
        assert peer.cancelled == list(peer.requests)


@async_test
async def test_caller_cancelling_a_call_tells_the_panel() -> None:
    async with serving() as server:
        await cancel_a_running_call(server)
        assert server.host.pending == 0


@async_test
async def test_outgoing_message_over_the_limit_fails_locally() -> None:
    async with serving(max_message_size=2000) as server, host_peer(server) as peer:
        host = await server.wait_for_host_async(WAIT)
        with pytest.raises(MessageTooLarge) as caught:
            await host.call("echo", {"text": "x" * 5000})
        assert "over the limit of 2000 bytes" in str(caught.value)
        assert "nothing was sent" in str(caught.value)
        assert not peer.requests


@async_test
async def test_reply_over_the_limit_from_a_panel_that_knows_the_limit() -> None:
    """The hello result tells the panel the limit; it answers -32004 instead of sending."""
    async with serving(max_message_size=2000) as server, host_peer(server) as peer:
        assert peer.hello_result is not None
        assert peer.hello_result["limits"] == {"max_message_size": 2000}
        host = await server.wait_for_host_async(WAIT)
        with pytest.raises(MessageTooLarge) as caught:
            await host.call("blob", {"size": 5000})
        assert "over the limit of 2000 bytes" in str(caught.value)
        assert await host.call("blob", {"size": 10}) == "x" * 10


@async_test
async def test_reply_over_the_limit_from_a_careless_panel() -> None:
    """An oversized frame closes the socket (1009): the call fails clearly, the host reconnects."""
    async with (
        serving(max_message_size=2000) as server,
        host_peer(server, obey_limits=False) as peer,
    ):
        host = await server.wait_for_host_async(WAIT)
        started = time.monotonic()
        with pytest.raises(ConnectionLost) as caught:
            await host.call("blob", {"size": 5000})
        assert time.monotonic() - started < 5
        assert caught.value.maybe_applied
        assert "over the size limit (2000 bytes)" in str(caught.value)
        assert isinstance(caught.value.__cause__, MessageTooLarge)
        assert await peer.wait_closed() == 1009
        await peer.reconnect()
        assert await host.call("blob", {"size": 10}) == "x" * 10


@async_test
async def test_listeners_see_every_call() -> None:
    events: list[CallEvent] = []
    async with serving() as server, host_peer(server):
        server.add_listener(events.append)
        server.add_listener(lambda event: 1 / 0)  # a broken listener changes nothing
        host = await server.wait_for_host_async(WAIT)
        await host.call("echo", {"text": "a"})
        with pytest.raises(ItemNotFound):
            await host.call("get_item", {"id": 5})
    kinds = [(e.kind, e.method, e.direction) for e in events]
    assert kinds == [
        ("start", "echo", "out"),
        ("end", "echo", "out"),
        ("start", "get_item", "out"),
        ("failed", "get_item", "out"),
    ]
    assert events[1].duration is not None
    assert events[1].duration >= 0
    assert events[3].error is not None
    assert getattr(events[3].error, "code", None) == 1001
    assert events[0].id == events[1].id
    assert str(events[0].id).startswith("py:")


def test_blocking_calls_wait_for_a_host_that_connects_later(server: Server) -> None:
    """A call made while no host is connected is sent once one connects."""
    results: list[object] = []
    calling = threading.Thread(
        target=lambda: results.append(server.host.call_blocking("echo", {"text": "early"}))
    )
    calling.start()

    async def scenario() -> None:
        async with host_peer(server, HostImpl()):
            await asyncio.to_thread(calling.join, WAIT)

    asyncio.run(scenario())
    assert results == ["early"]


def test_cancelling_a_call_from_another_loop_tells_the_panel(server: Server) -> None:
    asyncio.run(cancel_a_running_call(server))
    assert server.host.pending == 0
