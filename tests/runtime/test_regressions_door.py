"""Regressions of the door and of what a lost call reports, each a test that failed on a
planted bug (tests/mutation/mutants.py): the Origin and Host checks taken by prefix or by address
class, a hello sent as text with no size bound, the page class's hello deadline, and
``maybe_applied`` when a socket closes under a call (the tool client and the relay's default)."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from aerpc.runtime import ConnectionLost, RpcTimeout
from aerpc.runtime.admission import Admission, first_frame_problem
from aerpc.runtime.client import ToolPeer
from aerpc.runtime.errors import NotConnected, ServerStopped
from aerpc.runtime.limits import ServerLimits
from aerpc.runtime.relay import local_error, relayed

from .conftest import (
    CONTRACT,
    WAIT,
    async_test,
    closed_with,
    hello_request,
    raw_socket,
    receive,
    scripted_server,
    send,
    serving,
)

pytestmark = pytest.mark.timeout(60)

ALLOWED = "http://localhost:3000"

# -- Origin and Host -------------------------------------------------------------------------


def door(port: int = 8123) -> Admission:
    admission = Admission(token="t" * 32, allowed_origins=[ALLOWED], bind_host="127.0.0.1")
    admission.port = port
    return admission


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        (None, True),
        ("null", True),
        ("file://", True),
        ("FILE:///C:/panel/index.html", True),
        (ALLOWED, True),
        (ALLOWED + ".evil.example", False),  # an allowed origin as a prefix
        (ALLOWED + "0", False),
        (ALLOWED + "/", False),
        ("http://localhost", False),
        ("http://evil.example/file://x", False),
        ("https://localhost:3000", False),
        ("nullx", False),
        ("", False),
    ],
)
def test_an_origin_is_allowed_only_when_it_is_exactly_an_allowed_one(
    origin: str | None, allowed: bool
) -> None:
    assert door().origin_allowed(origin) is allowed


@pytest.mark.parametrize(
    ("host", "allowed"),
    [
        ("127.0.0.1:8123", True),
        ("127.8.9.10:8123", True),  # all of 127/8 is loopback
        ("localhost:8123", True),
        ("LOCALHOST:8123", True),
        ("[::1]:8123", True),
        ("127.0.0.1:8124", False),
        ("127.0.0.1", False),
        ("10.0.0.1:8123", False),  # private, not loopback
        ("192.168.1.20:8123", False),
        ("172.16.0.1:8123", False),
        ("[fd00::1]:8123", False),
        ("[fe80::1]:8123", False),
        ("0.0.0.0:8123", False),
        ("169.254.1.1:8123", False),
        ("localhost.evil.example:8123", False),
        ("127.0.0.1.evil.example:8123", False),
        (None, False),
    ],
)
def test_the_host_header_must_name_the_loopback_with_the_port(
    host: str | None, allowed: bool
) -> None:
    assert door().host_allowed(host) is allowed


@async_test
async def test_a_socket_from_an_origin_extending_an_allowed_one_is_refused() -> None:
    async with serving(allowed_origins=[ALLOWED]) as server:
        async with raw_socket(server.url, origin=ALLOWED) as ws:  # the allowed one itself
            await send(ws, hello_request(server.token, role="tool"))
            assert "result" in await receive(ws)
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            async with raw_socket(server.url, origin=ALLOWED + ".evil.example"):
                pass
        assert refused.value.status == 403


@async_test
async def test_a_request_naming_a_private_address_in_host_is_refused() -> None:
    async with serving() as server:
        port = server.url.rsplit(":", 1)[1].split("/")[0]
        for name in ("10.1.2.3", "192.168.0.9"):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                async with raw_socket(server.url, headers={"Host": f"{name}:{port}"}):
                    pass
            assert refused.value.status == 421


# -- the hello: its size as text, the page's deadline ----------------------------------------


def test_a_first_frame_over_the_bound_is_refused_as_text_and_as_bytes() -> None:
    big = '{"jsonrpc": "2.0", "method": "rpc.hello", "params": {"pad": "' + "x" * 20_000 + '"}}'
    assert first_frame_problem(big, 16 * 1024) is not None
    assert first_frame_problem(big.encode(), 16 * 1024) is not None
    small = '{"jsonrpc": "2.0"}'
    assert first_frame_problem(small, 16 * 1024) is None
    assert first_frame_problem(small.encode(), 16 * 1024) is None
    exact = "{" + " " * (99) + "}"
    assert first_frame_problem(exact, 101) is None
    assert first_frame_problem(exact, 100) is not None


@async_test
async def test_a_hello_sent_as_text_over_the_bound_is_refused() -> None:
    limits = ServerLimits(max_hello_size=2048)
    async with serving(limits=limits) as server:
        async with raw_socket(server.url) as ws:
            hello = hello_request(server.token, role="tool", pad="x" * 4096)
            await ws.send_str(json.dumps(hello))  # a TEXT frame, as str
            assert await closed_with(ws) == 4401
        async with raw_socket(server.url) as ws:  # the same hello under the bound is served
            await send(ws, hello_request(server.token, role="tool", pad="x" * 512))
            assert "result" in await receive(ws)


@async_test
async def test_a_page_gets_the_page_hello_deadline_and_a_process_the_other() -> None:
    """Each deadline is set far beyond the test's wait for the other class, so a socket closed
    within the wait was closed by its own class's deadline."""
    page_first = ServerLimits(page_hello_timeout=0.2, hello_timeout=WAIT * 6)
    async with serving(limits=page_first) as server, raw_socket(server.url, origin="null") as ws:
        assert await closed_with(ws) == 4401
    local_first = ServerLimits(page_hello_timeout=WAIT * 6, hello_timeout=0.2)
    async with serving(limits=local_first) as server:
        async with raw_socket(server.url) as ws:
            assert await closed_with(ws) == 4401
        async with raw_socket(server.url, origin="file://") as ws:
            assert await closed_with(ws) == 4401


# -- maybe_applied when a socket closes under a call -----------------------------------------


@async_test
async def test_a_tool_call_whose_socket_closes_under_it_may_have_been_applied() -> None:
    async def close_on_request(ws: web.WebSocketResponse) -> None:
        async for msg in ws:
            if msg.type is aiohttp.WSMsgType.TEXT:
                await ws.close()  # the request arrived: it may have run
                return

    async with scripted_server(close_on_request) as url:
        client = ToolPeer(url, "t" * 16, contract=CONTRACT)
        await client.connect()
        params = {"project": "p", "folder": "/f", "task": "t"}
        with pytest.raises(ConnectionLost) as lost:
            await asyncio.wait_for(client.call("set_context", params, timeout=WAIT), WAIT)
        assert lost.value.maybe_applied is True
        await client.close()


@pytest.mark.parametrize("maybe", [True, False])
def test_a_relayed_connection_lost_keeps_its_maybe_applied(maybe: bool) -> None:
    exc = ConnectionLost("add_item: gone", method="add_item", maybe_applied=maybe)
    wire = relayed(exc)
    assert wire.data["maybe_applied"] is maybe
    again = local_error(wire.data["name"], str(exc), wire.data)
    assert isinstance(again, ConnectionLost)
    assert again.maybe_applied is maybe
    assert again.method == "add_item"


@pytest.mark.parametrize("data", [{}, {"maybe_applied": "yes"}, {"maybe_applied": None}])
def test_a_relayed_loss_that_does_not_say_may_have_been_applied(data: dict[str, Any]) -> None:
    for name in ("ConnectionLost", "ServerStopped"):
        error = local_error(name, "lost", {"method": "add_item", **data})
        assert isinstance(error, ConnectionLost | ServerStopped)
        assert error.maybe_applied is True
    timeout = local_error("RpcTimeout", "late", {"method": "add_item", "timeout": 2, **data})
    assert isinstance(timeout, RpcTimeout)
    assert timeout.maybe_applied is True
    assert timeout.timeout == 2.0


def test_a_relayed_not_connected_is_raised_again_as_itself() -> None:
    error = local_error("NotConnected", "no host", {})
    assert isinstance(error, NotConnected)
