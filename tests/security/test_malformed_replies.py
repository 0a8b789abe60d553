"""Issue 13 §8: a host reply that carries a valid id but breaks JSON-RPC 2.0 fails the matching
call at once with ``InvalidRequest`` (-32600) naming what is wrong, instead of leaving it to its
deadline (``echo`` here has ten minutes; ``render`` has 24 hours)."""

from __future__ import annotations

import asyncio

import aiohttp
import orjson
import pytest

from aerpc.runtime import CallOptions, Host, InvalidRequest, ResultValidationError, RpcTimeout

from .conftest import WAIT, connected, receive, running, send

MALFORMED: dict[str, dict[str, object]] = {
    "error is a string": {"jsonrpc": "2.0", "error": "boom"},
    "result with error null": {"jsonrpc": "2.0", "result": "x", "error": None},
    "no jsonrpc": {"result": "x"},
    "wrong jsonrpc": {"jsonrpc": "1.0", "result": "x"},
    "neither result nor error": {"jsonrpc": "2.0"},
}


async def the_next_call_works(host: Host, ws: aiohttp.ClientWebSocketResponse, text: str) -> None:
    """The host goes on after a bad reply: the next call is sent and its answer arrives."""
    nxt = asyncio.ensure_future(host.call("echo", {"text": text}))
    again = await receive(ws)
    while "method" not in again:  # skip the -32600 sent back for a bad frame
        again = await receive(ws)
    await send(ws, {"jsonrpc": "2.0", "id": again["id"], "result": text})
    assert await asyncio.wait_for(nxt, WAIT) == text


@pytest.mark.parametrize("case", [*MALFORMED, "binary frame"])
def test_a_malformed_reply_fails_its_call_at_once(case: str) -> None:
    with running() as stage:
        server = stage.server

        async def scenario() -> BaseException | None:
            async with connected(server, role="host", instance="panel") as (ws, _):
                host = await server.wait_for_host_async(WAIT)
                call = asyncio.ensure_future(host.call("echo", {"text": "x"}))
                request = await receive(ws)
                if case == "binary frame":
                    reply = {"jsonrpc": "2.0", "id": request["id"], "result": "x"}
                    await ws.send_bytes(orjson.dumps(reply))
                else:
                    await send(ws, {"id": request["id"], **MALFORMED[case]})
                done, _ = await asyncio.wait({call}, timeout=WAIT)
                assert done, f"{case}: the call still waits"
                await the_next_call_works(host, ws, "y")
                return call.exception()

        error = stage.run(scenario())
    assert isinstance(error, InvalidRequest), error
    assert "malformed" in str(error)


STRAY = ["an id never sent", "a forged id", "an error with a null id", "a binary frame", "a repeat"]


@pytest.mark.parametrize("case", STRAY)
def test_a_reply_that_answers_no_waiting_call_fails_the_calls_in_flight(case: str) -> None:
    """Issue 25 §7: four malformed replies left calls to wait their full deadline (ten minutes
    for ``echo``): a reply whose id the server never sent, an error with ``id: null``, an id
    repeated after a bad result, a binary frame naming no call. Any call in flight may have
    been the one answered, so each fails at once (``InvalidRequest``, naming what came); the
    host's socket stays open and the next call works."""
    with running() as stage:
        server = stage.server

        async def scenario() -> list[BaseException | None]:
            async with connected(server, role="host", instance="panel") as (ws, _):
                host = await server.wait_for_host_async(WAIT)
                first = asyncio.ensure_future(host.call("echo", {"text": "a"}))
                one = await receive(ws)
                second = asyncio.ensure_future(host.call("echo", {"text": "b"}))
                await receive(ws)
                if case == "an id never sent":
                    await send(ws, {"jsonrpc": "2.0", "id": "py:999999", "result": "x"})
                elif case == "a forged id":
                    await send(ws, {"jsonrpc": "2.0", "id": 7, "result": "x"})
                elif case == "an error with a null id":
                    error = {"code": -32700, "message": "Parse error"}
                    await send(ws, {"jsonrpc": "2.0", "id": None, "error": error})
                elif case == "a binary frame":
                    await ws.send_bytes(b"\x00\x01 not a reply")
                else:  # a bad result (echo answers a string), then the same id again
                    await send(ws, {"jsonrpc": "2.0", "id": one["id"], "result": 42})
                    await send(ws, {"jsonrpc": "2.0", "id": one["id"], "result": "a"})
                done, _ = await asyncio.wait({first, second}, timeout=WAIT)
                assert done == {first, second}, f"{case}: a call still waits"
                await the_next_call_works(host, ws, "c")
                return [first.exception(), second.exception()]

        errors = stage.run(scenario())
    if case == "a repeat":
        assert isinstance(errors[0], ResultValidationError), errors[0]
        errors = errors[1:]
    for error in errors:
        assert isinstance(error, InvalidRequest), error
        assert "it may have run" in str(error)


def test_a_late_reply_fails_no_other_call() -> None:
    """A reply that comes after its call's deadline answers an id the server did send: it is
    dropped, and the call in flight meanwhile is not failed for it."""
    with running() as stage:
        server = stage.server

        async def scenario() -> object:
            async with connected(server, role="host", instance="panel") as (ws, _):
                host = await server.wait_for_host_async(WAIT)
                with pytest.raises(RpcTimeout):
                    await host.call("echo", {"text": "a"}, CallOptions(timeout=0.2))
                late = await receive(ws)
                await receive(ws)  # the rpc.cancel
                waiting = asyncio.ensure_future(host.call("echo", {"text": "b"}))
                request = await receive(ws)
                await send(ws, {"jsonrpc": "2.0", "id": late["id"], "result": "late"})
                await send(ws, {"jsonrpc": "2.0", "id": request["id"], "result": "b"})
                return await asyncio.wait_for(waiting, WAIT)

        assert stage.run(scenario()) == "b"
