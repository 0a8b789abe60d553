"""Fair shares of the one After Effects (issue 25 §2), and the host's status, with a relaying
``Server`` on 127.0.0.1 and the fake panel as its host, running host methods one at a time as
After Effects does (``FakePanel(single_flight=True)``).

A token holder keeps 64 relayed calls in flight with a budget of 2³¹−1 ms: the pipeline's call
still answers within 1 s (it goes first; a tool has at most ``max_tool_calls_at_host`` calls at
the panel), and the budget that reaches the host is the method's ``x-timeout-ms``. The control
(the server sending every call to the panel at once, as before the scheduler) shows the same
flood does starve the pipeline, so the test can fail."""

from __future__ import annotations

import asyncio
import contextlib
import math
import warnings
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import orjson
import pytest

from aerpc.aftereffects import CONTRACT, AsyncAfterEffects
from aerpc.runtime import HostBusy, HostStatus, RpcTimeout, Server, ServerLimits
from aerpc.runtime.dispatch import HandlersWarning
from aerpc.runtime.protocol import Request
from aerpc.testing import FakePanel

from .conftest import WAIT, async_test

FLOOD = 64
WORK = 0.05
"""Seconds of host work per call: the flood is FLOOD * WORK = 3.2 s of After Effects' time."""
HUGE_BUDGET_MS = 2**31 - 1


class OneAtATime:
    """``get_app_version`` taking ``WORK`` seconds of the host's time (the fake panel runs one
    call at a time)."""

    def __init__(self) -> None:
        self.ran = 0

    async def get_app_version(self) -> str:
        self.ran += 1
        await asyncio.sleep(WORK)  # the host's work, not a synchronisation
        return "24.0"


class Recording(FakePanel):
    """The fake panel, noting the budget (``aerpc.timeout_ms``) each request came with."""

    budgets: list[float | None]

    def _on_request(self, request: Request) -> None:
        if request.id is not None:
            self.budgets.append(request.budget)
        super()._on_request(request)


@contextlib.asynccontextmanager
async def stage(limits: ServerLimits) -> AsyncIterator[tuple[Server, Recording]]:
    server = Server(port=0, contract=CONTRACT, relay=True, limits=limits)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HandlersWarning)
        await server.start_async()
    try:
        host = Recording(
            server.url, server.token, OneAtATime(), contract=CONTRACT, single_flight=True
        )
        host.budgets = []
        async with host:
            await server.wait_for_host_async(WAIT)
            yield server, host
    finally:
        await server.stop_async()


@contextlib.asynccontextmanager
async def flooding_tool(server: Server) -> AsyncIterator[None]:
    """A tool with ``FLOOD`` relayed calls in flight, each with a budget of 2³¹−1 ms; yields
    once the server has every one of them (running or waiting)."""
    queued = asyncio.Event()

    def heard(status: HostStatus) -> None:
        if len(status.queued) + (status.running is not None) >= FLOOD:
            queued.set()

    remove = server.host.add_status_listener(heard)
    async with aiohttp.ClientSession() as session, session.ws_connect(server.url) as ws:
        hello = {
            "token": server.token,
            "role": "tool",
            "instance": "flood",
            "app": {"name": "flood", "version": "0"},
            "schema": server.contract.identity,
        }
        await ws.send_str(_request(0, "rpc.hello", hello).decode())
        assert "result" in orjson.loads(await ws.receive_str(timeout=WAIT))
        for n in range(1, FLOOD + 1):
            await ws.send_str(_request(n, "get_app_version", {}, HUGE_BUDGET_MS).decode())
        await asyncio.wait_for(queued.wait(), WAIT)
        remove()
        yield


def _request(id: int, method: str, params: dict[str, Any], budget: int | None = None) -> bytes:
    message: dict[str, Any] = {"jsonrpc": "2.0", "id": id, "method": method, "params": params}
    if budget is not None:
        message["aerpc"] = {"timeout_ms": budget}
    return orjson.dumps(message)


@async_test
async def test_the_pipeline_is_served_within_1_s_while_a_tool_floods_the_relay() -> None:
    async with stage(ServerLimits()) as (server, host), flooding_tool(server):
        ae = AsyncAfterEffects(server.host)
        assert await ae.with_timeout(1.0).get_app_version() == "24.0"
        status = await server.host_status_async()
        waiting = [q for q in status.queued if q.caller == "flood"]
        assert len(waiting) >= FLOOD - 4  # the flood waits at the server, not at the panel
        assert {q.where for q in waiting[2:]} == {"server"}
    limit = CONTRACT.methods["get_app_version"].timeout
    relayed = [b for b in host.budgets if b is not None]
    assert relayed
    assert max(relayed) <= limit  # 2³¹−1 ms capped at x-timeout-ms


@async_test
async def test_control_without_the_scheduler_the_flood_starves_the_pipeline() -> None:
    """Every call sent to the panel at once: the pipeline's call waits behind the whole flood."""
    unscheduled = ServerLimits(busy_after=math.inf, max_tool_calls_at_host=FLOOD)
    async with stage(unscheduled) as (server, _host), flooding_tool(server):
        ae = AsyncAfterEffects(server.host)
        with pytest.raises(RpcTimeout) as starved:
            await ae.with_timeout(1.0).get_app_version()
        # it was sent, and the panel said what ran: the host was busy, not gone
        assert isinstance(starved.value, HostBusy)
        assert starved.value.running == "get_app_version"
        assert starved.value.caller == "flood"
        assert starved.value.maybe_applied is True
