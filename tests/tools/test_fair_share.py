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
from collections.abc import AsyncIterator
from typing import Any

import pytest

from aerpc.aftereffects import CONTRACT, AsyncAfterEffects
from aerpc.runtime import HostBusy, HostStatus, RpcTimeout, Server, ServerLimits
from aerpc.runtime.protocol import Request
from aerpc.testing import FakePanel

from .conftest import WAIT, async_test
from .test_relay_gate import hosted, request
from .test_relay_gate import tool as bare_tool

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
    async with hosted(server, _recording) as pair:
        yield pair


def _recording(server: Server) -> Recording:
    host = Recording(server.url, server.token, OneAtATime(), contract=CONTRACT, single_flight=True)
    host.budgets = []
    return host


@contextlib.asynccontextmanager
async def flooding_tool(server: Server) -> AsyncIterator[None]:
    """A tool with ``FLOOD`` relayed calls in flight, each with a budget of 2³¹−1 ms; yields
    once the server has every one of them (running or waiting)."""
    queued = asyncio.Event()

    def heard(status: HostStatus) -> None:
        if len(status.queued) + (status.running is not None) >= FLOOD:
            queued.set()

    remove = server.host.add_status_listener(heard)
    async with bare_tool(server, "flood") as client:
        for n in range(1, FLOOD + 1):
            budget = {"timeout_ms": HUGE_BUDGET_MS}
            await client.send({**request(n, "get_app_version"), "aerpc": budget})
        await asyncio.wait_for(queued.wait(), WAIT)
        remove()
        yield


@async_test
async def test_the_pipeline_is_served_within_1_s_while_a_tool_floods_the_relay() -> None:
    async with stage(ServerLimits()) as (server, host), flooding_tool(server):
        ae = AsyncAfterEffects(server.host)
        assert await ae.with_timeout(1.0).get_app_version() == "24.0"
        status = await server.host_status_async()
        waiting = [q for q in status.queued if q.caller == "test"]
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
        assert starved.value.caller == "test"
        assert starved.value.maybe_applied is True


class Gate(OneAtATime):
    """``add_item`` runs until :attr:`gate` opens (a render, say)."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = asyncio.Event()

    async def add_item(self, name: str, item_type: str) -> int:
        await self.gate.wait()
        return 7


@async_test
async def test_cancelling_the_awaiting_task_drops_a_call_that_never_left_the_server() -> None:
    server = Server(port=0, contract=CONTRACT, limits=ServerLimits(busy_after=0))
    impl = Gate()

    def make_host(server: Server) -> FakePanel:
        return FakePanel(server.url, server.token, impl, contract=CONTRACT, single_flight=True)

    async with hosted(server, make_host) as (_, host):
        changed = asyncio.Event()
        server.host.add_status_listener(lambda _: changed.set())

        async def status_fits(fits: Any) -> HostStatus:
            async with asyncio.timeout(WAIT):
                while not fits(status := server.host.status_now()):
                    changed.clear()
                    await changed.wait()
            return status

        ae = AsyncAfterEffects(server.host).with_timeout(WAIT)
        long = asyncio.ensure_future(ae.add_item(name="render", item_type="comp"))
        await status_fits(lambda s: s.running is not None)
        waiting = asyncio.ensure_future(ae.get_app_version())
        status = await status_fits(lambda s: len(s.queued) == 1)
        assert status.queued[0].where == "server"
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        assert server.host.status_now().queued == ()
        assert server.host.status_now().running is not None  # the render runs on
        impl.gate.set()
        assert await long == 7
        assert len(host.requests) == 1  # the cancelled call never reached the host
        assert impl.ran == 0
