"""Issue 13 §8: a host reply that carries a valid id but breaks JSON-RPC 2.0 fails the matching
call at once with ``InvalidRequest`` (-32600) naming what is wrong, instead of leaving it to its
deadline (``echo`` here has ten minutes; ``render`` has 24 hours)."""

from __future__ import annotations

import asyncio

import orjson
import pytest

from aerpc.runtime import InvalidRequest

from .conftest import WAIT, connected, receive, running, send

MALFORMED: dict[str, dict[str, object]] = {
    "error is a string": {"jsonrpc": "2.0", "error": "boom"},
    "result with error null": {"jsonrpc": "2.0", "result": "x", "error": None},
    "no jsonrpc": {"result": "x"},
    "wrong jsonrpc": {"jsonrpc": "1.0", "result": "x"},
    "neither result nor error": {"jsonrpc": "2.0"},
}


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
                # the host goes on: the next call works
                nxt = asyncio.ensure_future(host.call("echo", {"text": "y"}))
                again = await receive(ws)
                while "method" not in again:  # skip the -32600 sent back for a bad frame
                    again = await receive(ws)
                await send(ws, {"jsonrpc": "2.0", "id": again["id"], "result": "y"})
                assert await asyncio.wait_for(nxt, WAIT) == "y"
                return call.exception()

        error = stage.run(scenario())
    assert isinstance(error, InvalidRequest), error
    assert "malformed" in str(error)
