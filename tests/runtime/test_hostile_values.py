"""Values the fast paths refuse or cannot print, over real sockets: lone surrogates both ways, a
reply that is not JSON, values nested near the parser's limit, a busy server loop; and what
the logs say about them."""

from __future__ import annotations

import asyncio
import logging
import threading
import time

import orjson
import pytest

from aerpc.runtime import (
    CallEvent,
    CallOptions,
    InternalError,
    InvalidParams,
    ParseError,
    ResultValidationError,
    RpcTimeout,
    Server,
)

from .conftest import (
    WAIT,
    HostImpl,
    Pipeline,
    async_test,
    host_peer,
    raw_host,
    receive,
    send,
    serving,
)

pytestmark = pytest.mark.timeout(60)

LONE = "a\ud800b\udfffc\udc00\ud800"


@async_test
async def test_a_lone_surrogate_in_params_and_result_through_the_host_peer() -> None:
    async with serving() as server, host_peer(server):
        host = await server.wait_for_host_async(WAIT)
        assert await host.call("echo", {"text": LONE}) == LONE
        assert await host.call("echo", {"text": "\ud83d"}) == "\ud83d"  # half an emoji
        assert await host.call("echo", {"text": "plain"}) == "plain"


@async_test
async def test_a_lone_surrogate_from_the_panel_to_the_pipeline() -> None:
    pipeline = Pipeline()
    async with serving(handlers=pipeline) as server, host_peer(server) as peer:
        await peer.call("set_context", {"project": LONE, "folder": "/\udc00", "task": "t"})
    assert pipeline.contexts == [(LONE, "/\udc00", "t")]


@async_test
async def test_a_reply_that_is_not_json_fails_its_call_at_once() -> None:
    async with serving() as server, raw_host(server) as ws:
        host = await server.wait_for_host_async(WAIT)
        call = asyncio.ensure_future(host.call("echo", {"text": "x"}, CallOptions(timeout=WAIT)))
        request = await receive(ws)
        started = time.monotonic()
        await send(
            ws, '{"jsonrpc":"2.0","id":' + orjson.dumps(request["id"]).decode() + ',"result":NaN}'
        )
        with pytest.raises(ParseError, match="not valid JSON"):
            await call
        assert time.monotonic() - started < WAIT / 2
        assert (await receive(ws))["error"]["code"] == -32700  # the panel is told too
        assert host.pending == 0


@async_test
async def test_a_deeply_nested_result_or_error_settles_its_call() -> None:
    deep = "[" * 1000 + "]" * 1000
    async with serving() as server, raw_host(server) as ws:
        host = await server.wait_for_host_async(WAIT)
        replies: list[tuple[str, type[Exception]]] = [
            ('"result":' + deep, ResultValidationError),  # not a string, nested too deeply
            ('"error":{"code":' + deep + ',"message":"m"}', InternalError),  # a malformed error
        ]
        for member, error in replies:
            call = asyncio.ensure_future(host.call("echo", {"text": "x"}))
            request = await receive(ws)
            await send(ws, f'{{"jsonrpc":"2.0","id":"{request["id"]}",{member}}}')
            with pytest.raises(error):
                await call
        assert host.pending == 0
        call = asyncio.ensure_future(host.call("echo", {"text": "still serving"}))
        request = await receive(ws)
        await send(ws, {"jsonrpc": "2.0", "id": request["id"], "result": "ok"})
        assert await call == "ok"


@async_test
async def test_deeply_nested_params_are_answered_and_the_peer_goes_on() -> None:
    deep = "[" * 1000 + "]" * 1000
    async with serving() as server, host_peer(server) as peer:
        peer.send_raw(
            '{"jsonrpc":"2.0","id":"deep","method":"set_context","params":{"project":'
            + deep
            + ',"folder":"f","task":"t"}}'
        )
        with pytest.raises(InvalidParams):
            await peer.call("set_context", {"project": [], "folder": "f", "task": "t"})
        assert await peer.call("set_context", {"project": "p", "folder": "f", "task": "t"}) is None
        assert peer.connected


def test_a_call_from_another_loop_ends_by_its_deadline_while_the_server_loop_is_stuck(
    server: Server,
) -> None:
    """The caller's backstop (deadline + 1 s) ends the call; when the loop runs again it
    forgets the call and tells the panel (rpc.cancel): nothing is left pending."""
    unblock = threading.Event()

    def stuck(event: CallEvent) -> None:
        if event.kind == "start" and event.method == "echo":
            unblock.wait(WAIT)  # blocks the server's loop: the fault

    server.add_listener(stuck)

    async def scenario() -> None:
        async with host_peer(server, HostImpl()) as peer:
            host = await server.wait_for_host_async(WAIT)
            started = time.monotonic()
            with pytest.raises(RpcTimeout):
                await host.call("echo", {"text": "x"}, CallOptions(timeout=0.2))
            assert time.monotonic() - started < 0.2 + 1.0 + 0.5
            unblock.set()
            await asyncio.wait_for(peer.cancel_seen.wait(), WAIT)
            assert peer.cancelled == list(peer.requests)

    try:
        asyncio.run(scenario())
    finally:
        unblock.set()
    assert server.host.pending == 0


@async_test
async def test_failures_are_logged_without_their_payload_above_debug(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    async with serving() as server, host_peer(server) as peer:
        host = await server.wait_for_host_async(WAIT)
        peer.send_raw(
            '{"jsonrpc":"2.0","id":"bad","method":"set_context",'
            '"params":{"project":["SECRET"],"folder":"f","task":"t"}}'
        )
        with pytest.raises(InternalError):  # the peer refuses its own result, quoting it
            await host.call("get_item", {"id": 99})  # {"type": "sound"}: breaks the schema
        peer.send_raw('{"jsonrpc":"2.0","id":null,"error":{"code":5,"message":"SECRET"}}')
        await peer.call("set_context", {"project": "p", "folder": "f", "task": "t"})
    above = [r.getMessage() for r in caplog.records if r.levelno > logging.DEBUG]
    assert not [m for m in above if "SECRET" in m or "sound" in m]
    assert any("InvalidParams (-32602)" in m for m in above)
    assert any("the peer reported an error (code 5)" in m for m in above)
    debug = [r.getMessage() for r in caplog.records if r.name == "aerpc.payload"]
    assert any("SECRET" in m for m in debug)
