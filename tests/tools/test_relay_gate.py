"""A tool's socket has one in-flight gate (``ServerLimits.max_in_flight``) for the host calls
the server relays and the pipeline methods it serves itself: over it a request is refused
``-32005`` with a message naming the limit, the others run, and the count comes back to zero
whichever way the calls end (answered, cancelled by the tool, the tool gone, the host gone), so a
further batch up to the limit is admitted. The host is the fake panel, whose methods wait until
the test lets them go; the tool is a bare websocket, so the test sees every frame."""

from __future__ import annotations

import asyncio
import contextlib
import warnings
from collections.abc import AsyncIterator, Callable
from typing import Any, TypeVar

import aiohttp
import orjson

from aerpc.aftereffects import CONTRACT
from aerpc.runtime import Server, ServerLimits, TooManyRequests
from aerpc.runtime.dispatch import HandlersWarning
from aerpc.runtime.peer import Peer
from aerpc.runtime.protocol import Id
from aerpc.runtime.relay import RELAYED_ERROR
from aerpc.testing import FakePanel

from .conftest import WAIT, async_test

CAP = 3


class Gated:
    """Host and pipeline methods that return once :attr:`gate` opens (a new gate holds the next
    calls); :attr:`started` gets each one's name as it starts."""

    def __init__(self) -> None:
        self.gate = asyncio.Event()
        self.started: asyncio.Queue[str] = asyncio.Queue()

    async def _held(self, name: str) -> None:
        gate = self.gate
        await self.started.put(name)
        await gate.wait()

    async def get_app_version(self) -> str:
        await self._held("get_app_version")
        return "24.0"

    async def add_item(self, name: str, item_type: str) -> int:
        await self._held("add_item")
        return 7

    async def open_tool(self, *, tool: str) -> None:  # a pipeline method
        await self._held("open_tool")

    async def started_all(self, count: int) -> list[str]:
        return [await asyncio.wait_for(self.started.get(), WAIT) for _ in range(count)]

    def release(self) -> None:
        """Let the waiting calls return; the next ones wait for a new gate."""
        self.gate.set()
        self.gate = asyncio.Event()


class Tool:
    """A tool on a bare websocket: requests by id, replies by id (batch replies by member)."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse, instance: str):
        self.ws = ws
        self.instance = instance
        self.replies: dict[Id, dict[str, Any]] = {}
        self.batches: list[list[dict[str, Any]]] = []

    async def send(self, message: object) -> None:
        await self.ws.send_str(orjson.dumps(message).decode())

    async def call(self, id: Id, method: str, **params: object) -> None:
        await self.send(request(id, method, **params))

    async def cancel(self, id: Id) -> None:
        await self.send({"jsonrpc": "2.0", "method": "rpc.cancel", "params": {"id": id}})

    async def replies_to(self, *ids: Id) -> list[dict[str, Any]]:
        """The replies to ``ids``, reading frames until each has come (bounded)."""
        async with asyncio.timeout(WAIT):
            while not all(id in self.replies for id in ids):
                frame = orjson.loads(await self.ws.receive_str())
                if isinstance(frame, list):
                    self.batches.append(frame)
                for reply in frame if isinstance(frame, list) else [frame]:
                    self.replies[reply["id"]] = reply
        return [self.replies.pop(id) for id in ids]


def request(id: Id, method: str, **params: object) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": id, "method": method, "params": params}


@contextlib.asynccontextmanager
async def relaying(impl: Gated, **kwargs: Any) -> AsyncIterator[tuple[Server, FakePanel]]:
    """A relaying server capped at ``CAP`` requests per socket, ``impl`` as its pipeline's
    handlers and as its host's methods."""
    server = Server(
        impl,
        port=0,
        contract=CONTRACT,
        relay=True,
        limits=ServerLimits(max_in_flight=CAP, max_tool_calls_at_host=CAP),
        **kwargs,
    )

    def make_host(server: Server) -> FakePanel:
        return FakePanel(server.url, server.token, impl, contract=CONTRACT)

    async with hosted(server, make_host) as pair:
        yield pair


H = TypeVar("H", bound=FakePanel)


@contextlib.asynccontextmanager
async def hosted(
    server: Server, make_host: Callable[[Server], H]
) -> AsyncIterator[tuple[Server, H]]:
    """``server`` started, with the fake panel ``make_host(server)`` connected as its host;
    stopped on leaving. The pipeline methods the server has no handler for are not called
    in these tests, so the warning about them is not shown."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HandlersWarning)
        await server.start_async()
    try:
        host = make_host(server)
        async with host:
            await server.wait_for_host_async(WAIT)
            yield server, host
    finally:
        await server.stop_async()


@contextlib.asynccontextmanager
async def tool(server: Server, instance: str = "gate-tool") -> AsyncIterator[Tool]:
    async with aiohttp.ClientSession() as session, session.ws_connect(server.url) as ws:
        hello = {
            "token": server.token,
            "role": "tool",
            "instance": instance,
            "app": {"name": "test", "version": "0"},
            "schema": server.contract.identity,
        }
        await ws.send_str(orjson.dumps(request(0, "rpc.hello", **hello)).decode())
        assert "result" in orjson.loads(await ws.receive_str(timeout=WAIT))
        yield Tool(ws, instance)


def served(server: Server, tool: Tool) -> Peer:
    """The server's side of ``tool``'s socket (its gate is ``.gate``)."""
    (peer,) = [p for p in server._peers if p.hello.get("instance") == tool.instance]
    return peer


async def cancels_seen(host: FakePanel, count: int) -> None:
    """Wait (bounded) until the host has received ``count`` ``rpc.cancel`` notifications."""
    async with asyncio.timeout(WAIT):
        while True:
            host.cancel_seen.clear()
            if len(host.cancelled) >= count:
                return
            await host.cancel_seen.wait()


def refused(reply: dict[str, Any]) -> str:
    """The message of a ``-32005`` reply (asserting it is one)."""
    error = reply["error"]
    assert error["code"] == TooManyRequests.code, reply
    message: str = error["message"]
    assert f"max_in_flight = {CAP}" in message
    return message


async def a_full_batch_is_admitted(impl: Gated, client: Tool, first: int) -> None:
    """``CAP`` relayed calls in one batch all run at once, none refused: nothing leaked."""
    ids = list(range(first, first + CAP))
    await client.send([request(id, "get_app_version") for id in ids])
    assert await impl.started_all(CAP) == ["get_app_version"] * CAP
    impl.release()
    replies = await client.replies_to(*ids)
    assert [r.get("result") for r in replies] == ["24.0"] * CAP
    assert [len(batch) for batch in client.batches[-1:]] == [CAP]  # one batch reply


@async_test
async def test_a_tool_over_the_relayed_cap_is_refused_and_the_others_run() -> None:
    impl = Gated()
    async with relaying(impl) as (server, _host), tool(server) as client:
        for id in range(1, CAP + 3):
            await client.call(id, "get_app_version")
        over = await client.replies_to(CAP + 1, CAP + 2)  # at once, while the others run
        message = refused(over[0])
        assert message.startswith("get_app_version: refused")
        assert f"{CAP} requests of this socket (tool 'gate-tool') are in flight" in message
        refused(over[1])
        assert await impl.started_all(CAP) == ["get_app_version"] * CAP
        gate = served(server, client).gate
        assert gate.count == CAP
        impl.release()
        done = await client.replies_to(*range(1, CAP + 1))
        assert [r["result"] for r in done] == ["24.0"] * CAP
        assert gate.count == 0
        assert impl.started.empty()  # the refused ones never reached the host
        await a_full_batch_is_admitted(impl, client, 100)
        assert gate.count == 0


@async_test
async def test_cancelled_relayed_calls_are_answered_and_free_the_gate() -> None:
    impl = Gated()
    async with relaying(impl) as (server, host), tool(server) as client:
        for id in range(1, CAP + 1):
            await client.call(id, "add_item", name=f"x{id}", item_type="comp")
        await impl.started_all(CAP)
        gate = served(server, client).gate
        for id in range(1, CAP + 1):
            await client.cancel(id)
        answers = await client.replies_to(*range(1, CAP + 1))
        for answer in answers:
            error = answer["error"]
            assert error["code"] == RELAYED_ERROR
            assert error["data"]["name"] == "Cancelled"
            assert error["data"]["maybe_applied"] is True
            assert "add_item: cancelled before the host answered" in error["message"]
        await cancels_seen(host, CAP)
        assert gate.count == 0
        assert server.host.pending == 0
        impl.release()  # the host's runs end (their answers go to no one)
        await a_full_batch_is_admitted(impl, client, 100)


@async_test
async def test_a_cancelled_member_of_a_batch_is_answered_so_the_batch_reply_comes() -> None:
    impl = Gated()
    async with relaying(impl) as (server, _host), tool(server) as client:
        await client.send([request(1, "get_app_version"), request(2, "get_app_version")])
        await impl.started_all(2)
        await client.cancel(1)
        await cancels_seen(_host, 1)
        impl.release()
        first, second = await client.replies_to(1, 2)
        assert first["error"]["data"]["name"] == "Cancelled"
        assert second["result"] == "24.0"
        assert [len(batch) for batch in client.batches] == [2]
        assert served(server, client).gate.count == 0


@async_test
async def test_a_tool_that_disconnects_leaves_nothing_counted() -> None:
    impl = Gated()
    async with relaying(impl) as (server, host):
        async with tool(server, "leaving") as client:
            for id in range(1, CAP + 1):
                await client.call(id, "get_app_version")
            await impl.started_all(CAP)
            peer = served(server, client)
            assert peer.gate.count == CAP
        await cancels_seen(host, CAP)  # the tool's socket closed: its calls were cancelled
        assert peer.gate.count == 0
        assert peer.running == {}
        assert server.host.pending == 0
        impl.release()
        async with tool(server, "next") as other:
            await a_full_batch_is_admitted(impl, other, 1)


@async_test
async def test_a_host_that_disconnects_leaves_nothing_counted() -> None:
    """The host goes away past the reconnect grace: the tool's calls fail (not idempotent:
    ``ConnectionLost``, maybe applied) and free the gate; with the host back, a full batch
    runs."""
    impl = Gated()
    async with (
        relaying(impl, reconnect_grace=0.2) as (server, host),
        tool(server) as client,
    ):
        for id in range(1, CAP + 1):
            await client.call(id, "add_item", name=f"x{id}", item_type="comp")
        await impl.started_all(CAP)
        gate = served(server, client).gate
        await host.drop()
        lost = await client.replies_to(*range(1, CAP + 1))
        for answer in lost:
            assert answer["error"]["code"] == RELAYED_ERROR
            assert answer["error"]["data"]["name"] == "ConnectionLost"
            assert answer["error"]["data"]["maybe_applied"] is True
        assert gate.count == 0
        impl.release()  # the dropped host's runs end
        await host.reconnect()
        await server.wait_for_host_async(WAIT)
        await a_full_batch_is_admitted(impl, client, 100)
        assert gate.count == 0


@async_test
async def test_local_and_relayed_calls_of_one_tool_share_the_cap() -> None:
    impl = Gated()
    async with relaying(impl) as (server, _host), tool(server) as client:
        await client.call(1, "get_app_version")  # relayed to the host
        await client.call(2, "open_tool", tool="loader")  # served by the pipeline
        await client.call(3, "get_app_version")
        assert sorted(await impl.started_all(CAP)) == sorted(
            ["get_app_version", "open_tool", "get_app_version"]
        )
        gate = served(server, client).gate
        assert gate.count == CAP
        await client.call(4, "open_tool", tool="loader")  # local, over the cap
        await client.call(5, "get_app_version")  # relayed, over the cap
        local, relayed = await client.replies_to(4, 5)
        assert refused(local).startswith("open_tool: refused")
        assert refused(relayed).startswith("get_app_version: refused")
        impl.release()
        replies = await client.replies_to(1, 2, 3)
        assert [r["result"] for r in replies] == ["24.0", None, "24.0"]
        assert gate.count == 0
        # a batch mixing both, one over the cap: one refusal, in the batch reply
        batch = [
            request(10, "open_tool", tool="loader"),
            request(11, "get_app_version"),
            request(12, "open_tool", tool="loader"),
            request(13, "get_app_version"),
        ]
        await client.send(batch)
        await impl.started_all(CAP)
        impl.release()
        mixed = await client.replies_to(10, 11, 12, 13)
        assert [r.get("result") for r in mixed[:3]] == [None, "24.0", None]
        refused(mixed[3])
        assert [len(b) for b in client.batches] == [4]
        assert gate.count == 0


@async_test
async def test_the_server_stopping_answers_every_call_in_flight_and_frees_the_gate() -> None:
    """Relayed calls fail ``ServerStopped`` (maybe applied), local handlers are cancelled; each
    is answered before the socket closes, and the gate is back to zero."""
    impl = Gated()
    async with relaying(impl) as (server, _host), tool(server) as client:
        await client.call(1, "add_item", name="x", item_type="comp")
        await client.call(2, "open_tool", tool="loader")
        await client.call(3, "get_app_version")
        await impl.started_all(CAP)
        gate = served(server, client).gate
        await server.stop_async()
        relayed, local, idempotent = await client.replies_to(1, 2, 3)
        for answer in (relayed, idempotent):
            assert answer["error"]["code"] == RELAYED_ERROR
            assert answer["error"]["data"]["name"] == "ServerStopped"
            assert answer["error"]["data"]["maybe_applied"] is True
        assert local["error"]["code"] == -32603
        assert "open_tool: cancelled" in local["error"]["message"]
        assert gate.count == 0
        impl.release()
