"""The relay's rules, fast, with an in-process relaying ``Server`` and a Python host peer
(``aerpc.testing.FakePanel``) whose methods wait until the test lets them go: the tool's
deadline travels, cancelling or disconnecting the tool cancels its calls at the host, a reload
sends none of the old page's calls to the new one (each fails with ``maybe_applied``), the host
list and its notifications, and a server that does not relay says so.

The same deadline, cancel and reload rules against the simulated After Effects behind an
``aerpc serve`` process, read at the panel's side: ``test_relay_serve.py``. Every host method
from a tool through the relay of ``aerpc serve``: the e2e suite's ``relay`` half
(``tests/e2e/conftest.py``)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Mapping
from typing import Any

import aiohttp
import orjson
import pytest

from aerpc import aftereffects
from aerpc.aftereffects import CONTRACT, AfterEffects, AsyncAfterEffects
from aerpc.runtime import (
    CallOptions,
    ConnectionLost,
    HostAlreadyConnected,
    MethodNotFound,
    NotConnected,
    RemoteHost,
    RpcTimeout,
    Server,
)
from aerpc.runtime.relay import HOSTS_METHOD, RELAYED_ERROR
from aerpc.testing import FakePanel

from .conftest import WAIT, Ae, async_test, relaying


class Gated:
    """Host methods that return once :attr:`gate` opens; :attr:`started` counts the runs."""

    def __init__(self) -> None:
        self.gate = asyncio.Event()
        self.started: asyncio.Queue[str] = asyncio.Queue()

    async def get_app_version(self) -> str:
        await self.started.put("get_app_version")
        await self.gate.wait()
        return "24.0"

    async def add_item(self, name: str, item_type: str) -> int:
        await self.started.put("add_item")
        await self.gate.wait()
        return 7


@contextlib.asynccontextmanager
async def host_peer(server: Server, impl: object) -> AsyncIterator[FakePanel]:
    peer = FakePanel(server.url, server.token, impl, contract=CONTRACT)
    async with peer:
        await server.wait_for_host_async(WAIT)
        yield peer


@contextlib.asynccontextmanager
async def chain(
    impl: object, reconnect_grace: float = WAIT
) -> AsyncIterator[tuple[Server, FakePanel, RemoteHost]]:
    """A relaying server, ``impl`` as its host, and a tool connected to it."""
    async with (
        relaying(reconnect_grace=reconnect_grace) as server,
        host_peer(server, impl) as peer,
        RemoteHost(server.url, server.token, contract=CONTRACT) as remote,
    ):
        yield server, peer, remote


async def _started(impl: Gated, method: str) -> None:
    assert await asyncio.wait_for(impl.started.get(), WAIT) == method


@contextlib.asynccontextmanager
async def raw_tool(server: Server) -> AsyncIterator[aiohttp.ClientWebSocketResponse]:
    """A tool's bare websocket to ``server``, after its hello."""
    async with aiohttp.ClientSession() as session, session.ws_connect(server.url) as ws:
        hello = {
            "token": server.token,
            "role": "tool",
            "instance": "raw-tool",
            "app": {"name": "test", "version": "0"},
            "schema": server.contract.identity,
        }
        await ws.send_str(
            orjson.dumps(
                {"jsonrpc": "2.0", "id": 0, "method": "rpc.hello", "params": hello}
            ).decode()
        )
        assert "result" in orjson.loads(await ws.receive_str(timeout=WAIT))
        yield ws


async def _raw_call(server: Server, message: Mapping[str, Any]) -> Any:
    """One request from a tool on a bare websocket; the reply."""
    async with raw_tool(server) as ws:
        await ws.send_str(orjson.dumps({"jsonrpc": "2.0", **message}).decode())
        return orjson.loads(await ws.receive_str(timeout=WAIT))


@async_test
async def test_the_tool_s_time_left_is_the_relayed_call_s_deadline() -> None:
    impl = Gated()
    async with relaying(reconnect_grace=WAIT) as server, host_peer(server, impl) as peer:
        reply = await _raw_call(
            server,
            {
                "id": 1,
                "method": "get_app_version",
                "params": {},
                "aerpc": {"timeout_ms": 300},
            },
        )
        await asyncio.wait_for(peer.cancel_seen.wait(), WAIT)
    error = reply["error"]
    assert error["code"] == RELAYED_ERROR
    assert error["data"]["name"] == "RpcTimeout"
    assert error["data"]["timeout"] == 0.3  # not get_app_version's own 10 s
    assert error["data"]["maybe_applied"] is True


@async_test
async def test_a_tool_gets_the_local_errors_as_their_classes() -> None:
    impl = Gated()
    async with (
        relaying(reconnect_grace=WAIT) as server,
        RemoteHost(server.url, server.token, contract=CONTRACT) as remote,
    ):
        ae = AsyncAfterEffects(remote)
        with pytest.raises(NotConnected, match="no After Effects host connected"):
            await ae.with_timeout(0.2).get_app_version()
        async with host_peer(server, impl):
            with pytest.raises(RpcTimeout) as timeout:
                await ae.with_timeout(0.2).get_app_version()
            assert timeout.value.maybe_applied is True
            impl.gate.set()
            assert await ae.get_app_version() == "24.0"


@async_test
async def test_disconnecting_the_tool_cancels_its_calls_at_the_host() -> None:
    impl = Gated()
    async with relaying(reconnect_grace=WAIT) as server, host_peer(server, impl) as peer:
        remote = RemoteHost(server.url, server.token, contract=CONTRACT)
        await remote.connect()
        call = asyncio.ensure_future(AsyncAfterEffects(remote).get_app_version())
        await _started(impl, "get_app_version")
        assert server.host.pending == 1
        await remote.close()
        await asyncio.wait_for(peer.cancel_seen.wait(), WAIT)
        assert server.host.pending == 0
        assert peer.cancelled == [peer.requests[-1]]
        with pytest.raises(ConnectionLost):
            await call


@async_test
async def test_cancelling_a_tool_call_cancels_it_at_the_host() -> None:
    impl = Gated()
    async with chain(impl) as (server, peer, remote):
        call = asyncio.ensure_future(AsyncAfterEffects(remote).get_app_version())
        await _started(impl, "get_app_version")
        call.cancel()
        await asyncio.wait_for(peer.cancel_seen.wait(), WAIT)
        assert server.host.pending == 0
        impl.gate.set()  # the tool's connection goes on serving
        assert await AsyncAfterEffects(remote).get_app_version() == "24.0"


@async_test
async def test_a_reload_gets_none_of_the_calls_sent_to_the_old_page() -> None:
    """The reloaded page is refused while the old one's calls wait through its grace (issue
    25 §3); then it gets in, and the tool's calls sent to the old page fail with
    ``maybe_applied`` (the one that is not idempotent at the end of the grace, the idempotent
    one when the new page connects) instead of being sent to the new page."""
    impl = Gated()
    async with chain(impl, reconnect_grace=0.3) as (_server, peer, remote):
        ae = AsyncAfterEffects(remote)
        version = asyncio.ensure_future(ae.get_app_version())
        added = asyncio.ensure_future(ae.add_item(name="x", item_type="comp"))
        await _started(impl, "get_app_version")
        await _started(impl, "add_item")
        with pytest.raises(HostAlreadyConnected):
            await peer.reconnect(new_instance=True)  # a reloaded panel: its runs are gone
        with pytest.raises(ConnectionLost) as lost:
            await added
        assert lost.value.maybe_applied is True
        assert "not idempotent" in str(lost.value)
        await peer.connect()  # the grace is over
        with pytest.raises(ConnectionLost) as lost:
            await version
        assert lost.value.maybe_applied is True
        assert "reloaded" in str(lost.value)
        assert impl.started.empty()  # nothing was sent to the new page


@async_test
async def test_a_tool_lists_the_host_and_hears_it_come_and_go() -> None:
    events: asyncio.Queue[tuple[str, str]] = asyncio.Queue()

    def heard(event: str, host: Mapping[str, Any]) -> None:
        events.put_nowait((event, host["instance"]))

    async with relaying(reconnect_grace=WAIT) as server:
        remote = RemoteHost(server.url, server.token, contract=CONTRACT, on_host_event=heard)
        async with remote:
            assert await remote.hosts(watch=True) == []
            async with host_peer(server, Gated()) as peer:
                assert await asyncio.wait_for(events.get(), WAIT) == ("connected", peer.instance)
                (entry,) = await remote.hosts()
                assert entry["instance"] == peer.instance
                assert entry["app"] == {"name": "aerpc.testing", "version": "0"}
                assert entry["extension_version"] == "test"
                assert entry["schema"] == server.contract.identity
                assert entry["since"].endswith("+00:00")
                await peer.drop()
                heard_gone = await asyncio.wait_for(events.get(), WAIT)
                assert heard_gone == ("disconnected", peer.instance)
                await peer.reconnect()
                assert await asyncio.wait_for(events.get(), WAIT) == ("connected", peer.instance)
        bad = await _raw_call(server, {"id": 2, "method": HOSTS_METHOD, "params": {"watch": 1}})
        assert bad["error"]["code"] == -32602


@async_test
async def test_a_server_that_does_not_relay_says_so() -> None:
    async with (
        relaying(relay=False, reconnect_grace=WAIT) as server,
        host_peer(server, Gated()),
        RemoteHost(server.url, server.token, contract=CONTRACT) as remote,
    ):
        with pytest.raises(MethodNotFound, match=r"does not relay tool calls .*relay=True"):
            await remote.call("get_app_version", {}, CallOptions(timeout=WAIT))


def test_a_tool_script_is_the_same_code_as_a_plugin(ae: Ae) -> None:
    with aftereffects.remote_host(ae.server.url, ae.server.token) as host:
        assert repr(host) == f"<RemoteHost {ae.server.url} connected>"
        tool = AfterEffects(host)
        assert tool.get_items(comps=True) == ae.ae.get_items(comps=True)
        assert tool.with_timeout(5).get_layers(comp_id=ae.a_comp) == ae.ae.get_layers(
            comp_id=ae.a_comp
        )
        (entry,) = host.hosts_blocking()
        assert entry["instance"] == ae.server.host.instance
    assert repr(host) == f"<RemoteHost {ae.server.url} not connected>"
