"""The caller's deadline travels with each request to the panel as ``"aerpc": {"timeout_ms"}``
(docs/wire-extensions.md): the time left when it is sent, sent again when the call is."""

from __future__ import annotations

import asyncio
import math

import orjson
import pytest

from aerpc.runtime import CallOptions
from aerpc.runtime.client import ToolPeer
from aerpc.runtime.protocol import (
    MAX_TIMEOUT_MS,
    TIME_BUDGET_SLACK,
    Connection,
    Event,
    Request,
    ServerConnection,
    encode_request,
    with_time_budget,
)

from .conftest import (
    CONTRACT,
    WAIT,
    async_test,
    hello_request,
    raw_host,
    raw_socket,
    receive,
    send,
    serving,
)

pytestmark = pytest.mark.timeout(60)


def test_with_time_budget_adds_the_member_in_whole_milliseconds() -> None:
    data = encode_request("py:1", "echo", {"text": "x"})
    message = orjson.loads(with_time_budget(data, 7.2501))
    assert message == {
        "jsonrpc": "2.0",
        "id": "py:1",
        "method": "echo",
        "params": {"text": "x"},
        "aerpc": {"timeout_ms": 7251},  # rounded up: never shorter than the caller waits
    }

    def budget(seconds: float) -> int:
        ms: int = orjson.loads(with_time_budget(data, seconds))["aerpc"]["timeout_ms"]
        return ms

    assert budget(0.0) == 1
    assert budget(-3.0) == 1  # due already (the expiry timer runs next): still a valid value
    assert budget(math.inf) == MAX_TIMEOUT_MS
    assert budget(1e12) == MAX_TIMEOUT_MS
    assert orjson.loads(with_time_budget(data, 2.0, idle=True))["aerpc"] == {
        "timeout_ms": 2000,
        "idle": True,
    }
    longest = with_time_budget(data, math.inf, idle=True)
    assert len(longest) == len(data) + TIME_BUDGET_SLACK


def test_the_protocol_core_ignores_unknown_request_members() -> None:
    """A peer (the panel's pipeline calls, a tool) may send the member too: it is not an
    error, members it does not know are ignored, and the time left is kept (the relay uses
    it); a value that is not a positive number is ignored."""
    frame = orjson.dumps(
        {
            "jsonrpc": "2.0",
            "id": "cep:3",
            "method": "open_tool",
            "params": {"tool": "loader"},
            "aerpc": {"timeout_ms": 5000, "later": [1]},
        }
    )
    events = Connection().receive(frame)
    assert events == [Request("open_tool", {"tool": "loader"}, "cep:3", budget=5.0)]
    for bad in (0, -1, "5000", None, True):
        frame = orjson.dumps(
            {"jsonrpc": "2.0", "id": 1, "method": "m", "params": {}, "aerpc": {"timeout_ms": bad}}
        )
        assert Connection().receive(frame) == [Request("m", {}, 1)]
    # "idle": true only, whether or not the budget is valid; in a batch as alone
    for extension, idle in (
        ({"timeout_ms": 9, "idle": True}, True),
        ({"idle": True}, True),
        ({"timeout_ms": 9, "idle": 1}, False),
        ({"idle": "true"}, False),
    ):
        message = {"jsonrpc": "2.0", "id": 2, "method": "m", "params": {}, "aerpc": extension}
        for frame in (orjson.dumps(message), orjson.dumps([message])):
            (received,) = Connection().receive(frame)
            assert isinstance(received, Request)
            assert received.idle is idle, (extension, frame)


@async_test
async def test_a_host_request_carries_the_time_left_of_its_deadline() -> None:
    async with serving() as server, raw_host(server) as ws:
        host = await server.wait_for_host_async(WAIT)
        call = asyncio.ensure_future(host.call("echo", {"text": "a"}, CallOptions(timeout=7.5)))
        request = await receive(ws)
        assert request["method"] == "echo"
        assert request["params"] == {"text": "a"}
        assert set(request["aerpc"]) == {"timeout_ms", "idle"}  # idle: nothing else was sent
        assert 7000 < request["aerpc"]["timeout_ms"] <= 7500
        await send(ws, {"jsonrpc": "2.0", "id": request["id"], "result": "a"})
        assert await asyncio.wait_for(call, WAIT) == "a"

        # Without an override: the method's x-timeout-ms.
        default_ms = CONTRACT.methods["echo"].timeout * 1000
        call = asyncio.ensure_future(host.call("echo", {"text": "b"}))
        request = await receive(ws)
        assert default_ms - 1000 < request["aerpc"]["timeout_ms"] <= default_ms
        await send(ws, {"jsonrpc": "2.0", "id": request["id"], "result": "b"})
        assert await asyncio.wait_for(call, WAIT) == "b"


@async_test
async def test_a_call_sent_again_after_a_reconnect_carries_what_is_left() -> None:
    async with serving(reconnect_grace=WAIT) as server:
        async with raw_socket(server.url) as ws:
            await send(ws, hello_request(server.token, instance="same-panel"))
            resume = (await receive(ws))["result"]["resume"]
            host = await server.wait_for_host_async(WAIT)
            call = asyncio.ensure_future(host.call("echo", {"text": "c"}, CallOptions(timeout=9)))
            first = await receive(ws)
        # The socket closed with the call in flight; the same instance comes back (its secret).
        async with raw_host(server, instance="same-panel", resume=resume) as ws:
            again = await receive(ws)
            assert again["id"] == first["id"]
            assert again["params"] == first["params"]
            assert 0 < again["aerpc"]["timeout_ms"] <= first["aerpc"]["timeout_ms"] <= 9000
            await send(ws, {"jsonrpc": "2.0", "id": again["id"], "result": "c"})
            assert await asyncio.wait_for(call, WAIT) == "c"


@async_test
async def test_a_request_from_the_panel_with_the_member_is_served() -> None:
    """Pipeline calls from the panel carry it; the dispatcher serves them as before."""
    async with serving() as server, raw_host(server) as ws:
        await send(
            ws,
            {
                "jsonrpc": "2.0",
                "id": "cep:7",
                "method": "set_context",
                "params": {"project": "p", "folder": "/f", "task": "t"},
                "aerpc": {"timeout_ms": 4000},
            },
        )
        reply = await receive(ws)
        assert reply == {"jsonrpc": "2.0", "id": "cep:7", "result": None}


@async_test
async def test_a_tool_clients_request_carries_the_time_left(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The tool-role ``ToolPeer`` sends the member too (its pipeline calls), as the panel does."""
    frames: list[object] = []
    receive_frame = ServerConnection.receive

    def spy(self: ServerConnection, data: str | bytes) -> list[Event]:
        frames.append(orjson.loads(data))
        return receive_frame(self, data)

    monkeypatch.setattr(ServerConnection, "receive", spy)
    params = {"project": "p", "folder": "/f", "task": "t"}
    async with serving() as server, ToolPeer(server.url, server.token, contract=CONTRACT) as tool:
        await tool.call("set_context", params, timeout=6.5)
    (request,) = [f for f in frames if isinstance(f, dict) and f.get("method") == "set_context"]
    assert request["params"] == params
    assert 6000 < request["aerpc"]["timeout_ms"] <= 6500
