"""Who may connect (admission, docs/architecture.md), over real sockets; the legitimate host
keeps being served."""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import pytest

from aerpc import aftereffects
from aerpc.aftereffects import send_context_change
from aerpc.runtime import (
    HostAlreadyConnected,
    RpcTimeout,
    SchemaMismatch,
    Unauthorized,
)
from aerpc.runtime.client import ToolPeer
from aerpc.runtime.peer import Peer
from aerpc.runtime.protocol import Response
from aerpc.testing import FakePanel

from .conftest import (
    CONTRACT,
    WAIT,
    HostImpl,
    Pipeline,
    async_test,
    closed_with,
    hello_request,
    host_peer,
    make_server,
    raw_socket,
    receive,
    send,
    serving,
)

pytestmark = pytest.mark.timeout(60)


@async_test
async def test_hello_result() -> None:
    async with serving(max_message_size=12345) as server, raw_socket(server.url) as ws:
        await send(ws, hello_request(server.token))
        reply = await receive(ws)
        result = reply["result"]
        assert reply["id"] == "cep:1"
        assert set(result) == {"session", "server", "schema", "limits", "resume"}
        assert result["server"]["name"] == "aerpc"
        assert result["schema"] == CONTRACT.identity
        assert result["limits"] == {"max_message_size": 12345}
        assert server.host.connected


@async_test
async def test_no_hello_in_time_is_closed_4401() -> None:
    async with (
        serving(hello_timeout=0.2) as server,
        host_peer(server) as legit,
        raw_socket(server.url) as ws,
    ):
        reply = await receive(ws)
        assert reply["error"]["code"] == Unauthorized.code
        assert "no rpc.hello within 0.2 s" in reply["error"]["message"]
        assert await closed_with(ws) == 4401
        assert await legit.call("set_context", {"project": "p", "folder": "f", "task": "t"}) is None
        assert await server.host.call("echo", {"text": "ok"}) == "ok"


@async_test
async def test_a_request_before_hello_is_refused() -> None:
    async with serving() as server, raw_socket(server.url) as ws:
        await send(ws, {"jsonrpc": "2.0", "id": 1, "method": "set_context", "params": {}})
        reply = await receive(ws)
        assert reply["error"]["code"] == -32001
        assert await closed_with(ws) == 4401


@pytest.mark.parametrize("token", ["wrong", "", None])
@async_test
async def test_wrong_or_missing_token_is_refused_and_never_logged(
    token: str | None, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with serving() as server, host_peer(server) as legit, raw_socket(server.url) as ws:
        await send(ws, hello_request(server.token, token=token))
        reply = await receive(ws)
        assert (reply["id"], reply["error"]["code"]) == ("cep:1", -32001)
        assert await closed_with(ws) == 4401
        assert await server.host.call("echo", {"text": "ok"}) == "ok"
        assert legit.connected
        real = server.token
    assert real not in caplog.text
    assert all(real not in str(record.args) for record in caplog.records)


@async_test
async def test_client_raises_unauthorized() -> None:
    async with serving() as server:
        client = ToolPeer(server.url, "nope", contract=CONTRACT)
        with pytest.raises(Unauthorized):
            await client.connect()
        await client.close()
        assert client.close_code == 4401


@pytest.mark.parametrize("origin", ["https://evil.example", "http://localhost:8080"])
@async_test
async def test_foreign_origin_gets_403(origin: str) -> None:
    async with serving() as server, host_peer(server):
        with pytest.raises(aiohttp.WSServerHandshakeError) as caught:
            async with raw_socket(server.url, origin=origin):
                pass
        assert caught.value.status == 403
        assert await server.host.call("echo", {"text": "ok"}) == "ok"


@pytest.mark.parametrize("origin", [None, "null", "file://", "file:///C:/panel/index.html"])
@async_test
async def test_cep_and_local_origins_are_accepted(origin: str | None) -> None:
    async with serving() as server, raw_socket(server.url, origin=origin) as ws:
        await send(ws, hello_request(server.token))
        assert "result" in await receive(ws)


@async_test
async def test_configured_origin_is_accepted() -> None:
    async with (
        serving(allowed_origins=["http://localhost:3000"]) as server,
        raw_socket(server.url, origin="http://localhost:3000") as ws,
    ):
        await send(ws, hello_request(server.token))
        assert "result" in await receive(ws)


@async_test
async def test_second_host_instance_is_refused_4403() -> None:
    async with serving() as server, host_peer(server) as first:
        second = FakePanel(server.url, server.token, HostImpl(), contract=CONTRACT)
        with pytest.raises(HostAlreadyConnected) as caught:
            await second.connect()
        assert first.instance not in str(caught.value)  # never echoes another's identity
        await second.close()
        assert second.close_code == 4403
        assert server.host.instance == first.instance
        assert await server.host.call("echo", {"text": "first"}) == "first"


@async_test
async def test_same_instance_reconnecting_replaces_its_old_socket() -> None:
    async with serving() as server, host_peer(server) as first:
        twin = FakePanel(
            server.url, server.token, HostImpl(), contract=CONTRACT, instance=first.instance
        )
        assert first.hello_result is not None
        twin._resume = (first.instance, first.hello_result["resume"])  # the same page's secret
        async with twin:
            assert await first.wait_closed() == 4000
            assert server.host.instance == twin.instance
            assert await server.host.call("echo", {"text": "twin"}) == "twin"
            assert twin.requests
            assert not first.requests


@async_test
async def test_schema_mismatch_is_refused_4409() -> None:
    other = {"name": "mini", "version": "0.9", "hash": "sha256:" + "0" * 64}
    async with serving() as server, host_peer(server), raw_socket(server.url) as ws:
        await send(ws, hello_request(server.token, schema=other, role="tool"))
        reply = await receive(ws)
        assert reply["error"]["code"] == SchemaMismatch.code
        assert reply["error"]["data"] == {
            "server": CONTRACT.identity,
            "peer": other,
            "rule": "major-version",
        }
        assert await closed_with(ws) == 4409
        assert await server.host.call("echo", {"text": "ok"}) == "ok"


@async_test
async def test_schema_mismatch_allowed() -> None:
    other = {"name": "mini", "version": "0.9", "hash": "sha256:" + "0" * 64}
    async with serving(allow_schema_mismatch=True) as server, raw_socket(server.url) as ws:
        await send(ws, hello_request(server.token, schema=other, role="tool"))
        assert "result" in await receive(ws)
        await send(ws, {"jsonrpc": "2.0", "id": 2, "method": "only_in_v2", "params": {}})
        assert (await receive(ws))["error"]["code"] == -32601


@async_test
async def test_malformed_hello_with_the_right_token_is_closed_4400() -> None:
    async with serving() as server, raw_socket(server.url) as ws:
        await send(ws, hello_request(server.token, role="admin"))
        reply = await receive(ws)
        assert reply["error"]["code"] == -32602
        assert reply["error"]["data"]["errors"][0]["path"] == "/role"
        assert await closed_with(ws) == 4400


@async_test
async def test_tools_may_call_pipeline_methods_beside_the_host() -> None:
    pipeline = Pipeline()
    async with (
        serving(handlers=pipeline) as server,
        host_peer(server),
        ToolPeer(server.url, server.token, contract=CONTRACT) as tool,
    ):
        await tool.call("set_context", {"project": "p", "folder": "/f", "task": "t"})
        assert pipeline.contexts == [("p", "/f", "t")]
        assert server.host.connected


@pytest.mark.filterwarnings("ignore::aerpc.runtime.HandlersWarning")  # partial on purpose
def test_send_context_change() -> None:
    """The reference's "already running" case: a second launcher sends its context. It comes
    with the generated After Effects package (whose ``server()`` binds its contract)."""
    pipeline = Pipeline()
    server = aftereffects.server(pipeline)  # type: ignore[arg-type]  # the mini schema's
    server.start()
    try:
        send_context_change(server.url, server.token, "demo", "/shots/sh010", "comp")
        assert pipeline.contexts == [("demo", "/shots/sh010", "comp")]
        with pytest.raises(Unauthorized):
            send_context_change(server.url, "wrong", "demo", "/x", "comp")
    finally:
        server.stop()


def test_token_is_random_unless_given() -> None:
    assert make_server().token != make_server().token
    assert len(make_server().token) >= 40
    assert make_server(token="fixed-sixteen-ch").token == "fixed-sixteen-ch"


@pytest.mark.parametrize("token", ["", "x", "fifteen-chars-x"])
def test_a_short_or_empty_token_is_refused_at_construction(token: str) -> None:
    """An empty token would let anyone in (``hello_request(token="")`` matches it): fewer than 16
    characters is a ValueError naming the length, never the token."""
    with pytest.raises(ValueError, match=f"at least 16 characters, not {len(token)}") as caught:
        make_server(token=token)
    assert token == "" or token not in str(caught.value)
    assert make_server(token="sixteen-chars-ok").token == "sixteen-chars-ok"


@pytest.mark.parametrize("cap", [0, -1])
def test_max_pending_hellos_must_be_positive(cap: int) -> None:
    with pytest.raises(ValueError, match="max_pending_hellos"):
        make_server(max_pending_hellos=cap)


@async_test
async def test_a_new_host_is_accepted_once_the_old_one_left() -> None:
    async with serving() as server:
        async with host_peer(server) as first:
            assert server.host.instance == first.instance
        async with asyncio.timeout(WAIT):
            async with host_peer(server) as second:
                assert server.host.instance == second.instance
                assert await server.host.call("echo", {"text": "2"}) == "2"


@async_test
async def test_a_tool_client_that_fails_on_one_reply_logs_it_and_goes_on(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception while acting on one message does not end the client's reader: the call it
    concerned ends by its deadline, and the next call on the same socket works."""
    pipeline = Pipeline()
    failures = [RuntimeError("boom")]
    original = Peer.settle

    def settle(self: Peer, response: Response) -> None:
        if failures:
            raise failures.pop()
        original(self, response)

    monkeypatch.setattr(Peer, "settle", settle)
    params = {"project": "p", "folder": "/f", "task": "t"}
    async with (
        serving(handlers=pipeline) as server,
        ToolPeer(server.url, server.token, contract=CONTRACT) as tool,
    ):
        with caplog.at_level(logging.ERROR, logger="aerpc"), pytest.raises(RpcTimeout):
            await tool.call("set_context", params, timeout=0.5)
        assert "failed on a message (RuntimeError)" in caplog.text
        await tool.call("set_context", params)
        assert pipeline.contexts == [("p", "/f", "t"), ("p", "/f", "t")]
