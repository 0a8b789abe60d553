"""A pipeline handler knows its caller's deadline: ``time_left()`` counts down to the request's
``aerpc.timeout_ms`` (else the method's ``x-timeout-ms``) in sync handlers, in their thread, and
in async ones, in their task; outside a handler it is None."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from aerpc.runtime import time_left

from .conftest import async_test, raw_host, receive, send, serving

pytestmark = [
    pytest.mark.timeout(60),
    pytest.mark.filterwarnings("ignore::aerpc.runtime.HandlersWarning"),  # count_items only
]

METHOD_MS = 5_000  # count_items' x-timeout-ms in the mini schema
LONG_MS = 600_000  # a caller's budget far longer than this test can run


class SyncCounts:
    def count_items(self, *, items: list[Any]) -> int:
        left = time_left()
        assert left is not None
        return round(left * 1000)


class AsyncCounts:
    async def count_items(self, *, items: list[Any]) -> int:
        await asyncio.sleep(0)  # still the handler's own task after a suspension
        left = time_left()
        assert left is not None
        return round(left * 1000)


def count_request(id: str, budget_ms: int | None) -> dict[str, Any]:
    request: dict[str, Any] = {
        "jsonrpc": "2.0",
        "id": id,
        "method": "count_items",
        "params": {"items": []},
    }
    if budget_ms is not None:
        request["aerpc"] = {"timeout_ms": budget_ms}
    return request


@pytest.mark.parametrize("handlers", [SyncCounts, AsyncCounts], ids=["sync", "async"])
@async_test
async def test_a_handler_sees_its_caller_s_time_left(handlers: type) -> None:
    async with serving(handlers=handlers()) as server, raw_host(server) as ws:
        await send(ws, count_request("cep:2", LONG_MS))
        budgeted = await receive(ws)
        await send(ws, count_request("cep:3", None))
        default = await receive(ws)
    assert "result" in budgeted, budgeted
    assert "result" in default, default
    assert METHOD_MS < budgeted["result"] <= LONG_MS, budgeted  # the caller's budget, not 5 s
    assert 0 < default["result"] <= METHOD_MS, default  # without one, the method's deadline


def test_outside_a_handler_there_is_no_deadline() -> None:
    assert time_left() is None
