"""JSON-RPC 2.0 as the spec prescribes, over a real socket, after a valid hello.

"Nothing" for a notification is shown by sending a probe request right after it: the next
frame must be the probe's reply.
"""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest

from .conftest import async_test, raw_host, receive, send, serving

pytestmark = pytest.mark.timeout(60)

PROBE = {"jsonrpc": "2.0", "id": "probe", "method": "open_tool", "params": {"tool": "loader"}}


async def expect_only_probe(ws: aiohttp.ClientWebSocketResponse) -> None:
    await send(ws, PROBE)
    assert await receive(ws) == {"jsonrpc": "2.0", "id": "probe", "result": None}


async def one_reply(message: Any) -> Any:
    async with serving() as server, raw_host(server, role="tool") as ws:
        await send(ws, message)
        reply = await receive(ws)
        await expect_only_probe(ws)  # and the connection stays usable
        return reply


@async_test
async def test_malformed_json() -> None:
    reply = await one_reply('{"jsonrpc": "2.0", "method": "open_tool", "params": ')
    assert reply["jsonrpc"] == "2.0"
    assert reply["id"] is None
    assert reply["error"]["code"] == -32700


@async_test
async def test_not_a_request() -> None:
    reply = await one_reply({"jsonrpc": "2.0", "id": "x1"})
    assert (reply["id"], reply["error"]["code"]) == ("x1", -32600)
    reply = await one_reply([1, 2][0])
    assert (reply["id"], reply["error"]["code"]) == (None, -32600)


@async_test
async def test_unknown_method() -> None:
    reply = await one_reply({"jsonrpc": "2.0", "id": 7, "method": "format_disk", "params": {}})
    assert (reply["id"], reply["error"]["code"]) == (7, -32601)


@async_test
async def test_host_method_called_on_the_pipeline_is_not_found() -> None:
    reply = await one_reply({"jsonrpc": "2.0", "id": 8, "method": "echo", "params": {"text": "x"}})
    assert (reply["id"], reply["error"]["code"]) == (8, -32601)


@async_test
async def test_bad_params_get_pointers() -> None:
    reply = await one_reply(
        {
            "jsonrpc": "2.0",
            "id": "bad",
            "method": "count_items",
            "params": {"items": [{"id": 1, "name": "a", "type": "comp"}, {"id": -1, "name": 2}]},
        }
    )
    assert (reply["id"], reply["error"]["code"]) == ("bad", -32602)
    errors = reply["error"]["data"]["errors"]
    assert {e["path"] for e in errors} == {"/items/1", "/items/1/id", "/items/1/name"}


@async_test
async def test_empty_batch() -> None:
    reply = await one_reply([])
    assert isinstance(reply, dict)
    assert (reply["id"], reply["error"]["code"]) == (None, -32600)


@async_test
async def test_batch() -> None:
    replies = await one_reply(
        [
            {"jsonrpc": "2.0", "id": "a", "method": "open_tool", "params": {"tool": "loader"}},
            {"jsonrpc": "2.0", "method": "open_tool", "params": {"tool": "loader"}},
            {"foo": "bar"},
            {"jsonrpc": "2.0", "id": "b", "method": "count_items", "params": {"items": []}},
            {"jsonrpc": "2.0", "id": "c", "method": "nope"},
        ]
    )
    assert isinstance(replies, list)
    by_id = {r["id"]: r for r in replies}
    assert len(replies) == 4
    assert by_id["a"]["result"] is None
    assert by_id["b"]["result"] == 0
    assert by_id["c"]["error"]["code"] == -32601
    assert by_id[None]["error"]["code"] == -32600


@async_test
async def test_notifications_get_nothing() -> None:
    async with serving() as server, raw_host(server, role="tool") as ws:
        for notification in [
            {"jsonrpc": "2.0", "method": "open_tool", "params": {"tool": "loader"}},
            {"jsonrpc": "2.0", "method": "open_tool", "params": {"tool": 5}},
            {"jsonrpc": "2.0", "method": "format_disk"},
            {"jsonrpc": "2.0", "method": "open_tool", "params": {"tool": "workfiles"}},
            [{"jsonrpc": "2.0", "method": "open_tool", "params": {"tool": "loader"}}],
            {"jsonrpc": "2.0", "id": "py:404", "result": 1},  # a reply to nothing
        ]:
            await send(ws, notification)
        await expect_only_probe(ws)


@async_test
async def test_binary_frame_is_an_invalid_request() -> None:
    async with serving() as server, raw_host(server, role="tool") as ws:
        await ws.send_bytes(b'{"jsonrpc":"2.0","id":1,"method":"open_tool"}')
        reply = await receive(ws)
        assert reply["error"]["code"] == -32600
        await expect_only_probe(ws)


@async_test
async def test_second_hello_is_an_invalid_request() -> None:
    reply = await one_reply({"jsonrpc": "2.0", "id": "h2", "method": "rpc.hello", "params": {}})
    assert (reply["id"], reply["error"]["code"]) == ("h2", -32600)


@async_test
async def test_hostile_values_do_not_break_the_server() -> None:
    async with serving() as server, raw_host(server, role="tool") as ws:
        for text in [
            "[" * 5000 + "]" * 5000,
            '{"jsonrpc":"2.0","id":1,"method":"count_items","params":{"items":[1e400]}}',
            '{"jsonrpc":"2.0","id":2,"method":"open_tool","params":{"tool":"\\ud800"}}',
            "\x00",
            "",
        ]:
            await send(ws, text)
            reply = await receive(ws)
            assert reply["error"]["code"] in (-32700, -32600, -32602)
        await expect_only_probe(ws)
