"""Issue 13 §4: the host seat cannot be taken. The ``-32003`` refusal names nobody; resuming a
host session needs the secret of that session's hello result (``resume``), not the instance
id the client chose; the real panel (which has the secret) still replaces its half-open old
socket."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp

from aerpc.runtime import CallOptions, ConnectionLost, Host, HostAlreadyConnected

from .conftest import WAIT, closed_with, connected, hello, raw_socket, receive, running, send


class Panel:
    """A host on a raw socket that answers ``echo`` calls as ``name``."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse, name: str):
        self.ws = ws
        self.name = name
        self.seen: list[Any] = []

    async def answer_one(self) -> None:
        call = await receive(self.ws)
        self.seen.append(call["id"])
        await send(self.ws, {"jsonrpc": "2.0", "id": call["id"], "result": self.name})


async def echo(host: Host, text: str) -> object:
    return await host.call("echo", {"text": text}, CallOptions(timeout=WAIT))


def test_the_refusal_names_no_one_and_the_instance_id_alone_does_not_resume() -> None:
    with running(reconnect_grace=WAIT) as stage:
        server = stage.server

        async def scenario() -> None:
            async with connected(server, role="host", instance="panel-1") as (real_ws, result):
                assert isinstance(result["resume"], str)
                assert len(result["resume"]) >= 32
                real = Panel(real_ws, "real")
                host = await server.wait_for_host_async(WAIT)
                # another host: refused, and told nothing about who holds the seat
                async with aiohttp.ClientSession() as session, session.ws_connect(server.url) as ws:
                    await send(ws, hello(server.token, role="host", instance="thief"))
                    reply = await receive(ws)
                    assert reply["error"]["code"] == HostAlreadyConnected.code
                    assert "panel-1" not in str(reply)
                    assert await closed_with(ws) == 4403
                # a token holder who learned the id: claiming it without the secret is refused
                for resume in (None, "", "x" * 32, result["resume"][:-1]):
                    params = {} if resume is None else {"resume": resume}
                    async with (
                        aiohttp.ClientSession() as session,
                        session.ws_connect(server.url) as ws,
                    ):
                        await send(
                            ws, hello(server.token, role="host", instance="panel-1", **params)
                        )
                        reply = await receive(ws)
                        assert reply["error"]["code"] == HostAlreadyConnected.code, reply
                        assert await closed_with(ws) == 4403
                # the real panel was not closed and keeps serving; the call goes to it
                call = asyncio.ensure_future(
                    host.call("echo", {"text": "a"}, CallOptions(timeout=WAIT))
                )
                await real.answer_one()
                assert await asyncio.wait_for(call, WAIT) == "real"
                assert server.host.instance == "panel-1"

        stage.run(scenario())


def test_a_pending_call_is_not_resent_to_a_thief_while_the_panel_is_away() -> None:
    """The panel's socket drops with a call in flight; a token holder claims its instance id
    within the grace: refused; the real panel comes back with its secret and gets the call."""
    with running(reconnect_grace=WAIT) as stage:
        server = stage.server

        async def scenario() -> str:
            async with connected(server, role="host", instance="panel-1") as (ws, result):
                host = await server.wait_for_host_async(WAIT)
                call = asyncio.ensure_future(
                    host.call("echo", {"text": "b"}, CallOptions(timeout=WAIT))
                )
                first = await receive(ws)
            async with aiohttp.ClientSession() as session, session.ws_connect(server.url) as thief:
                await send(thief, hello(server.token, role="host", instance="panel-1"))
                reply = await receive(thief)
                assert reply["error"]["code"] == HostAlreadyConnected.code
                assert await closed_with(thief) == 4403
            async with connected(
                server, role="host", instance="panel-1", resume=result["resume"]
            ) as (back, again_result):
                assert again_result["resume"] == result["resume"]
                again = await receive(back)
                assert again["id"] == first["id"]
                await send(back, {"jsonrpc": "2.0", "id": again["id"], "result": "real"})
                return str(await asyncio.wait_for(call, WAIT))

        assert stage.run(scenario()) == "real"


def test_the_real_panel_replaces_its_half_open_old_socket() -> None:
    """The old socket is still open from the server's side (the panel's network dropped it
    without a close); the panel reconnects with its secret and takes over at once (4000)."""
    with running(reconnect_grace=WAIT) as stage:
        server = stage.server

        async def scenario() -> str:
            async with connected(server, role="host", instance="panel-1") as (old, result):
                secret = result["resume"]
                async with connected(server, role="host", instance="panel-1", resume=secret) as (
                    new,
                    _,
                ):
                    assert await closed_with(old) == 4000
                    host = await server.wait_for_host_async(WAIT)
                    call = asyncio.ensure_future(echo(host, "c"))
                    await Panel(new, "new").answer_one()
                    return str(await asyncio.wait_for(call, WAIT))

        assert stage.run(scenario()) == "new"


def test_another_instance_is_refused_while_the_panel_is_away_with_calls_in_flight() -> None:
    """Issue 25 §3: while the panel reconnected, a token holder connected as a new instance,
    was accepted, got the re-sent call and answered it (``/forged.aep`` reached the pipeline),
    and the real panel was then refused. Now, within the grace, the new instance is refused
    (-32003, 4403) whatever it sends but the secret; the real panel comes back with its
    secret and answers the call; and a call sent to one instance never goes to another."""
    with running(reconnect_grace=WAIT) as stage:
        server = stage.server

        async def scenario() -> tuple[str, list[str]]:
            async with connected(server, role="host", instance="panel-1") as (ws, result):
                host = await server.wait_for_host_async(WAIT)
                call = asyncio.ensure_future(echo(host, "d"))
                first = await receive(ws)
            refusals = []
            for resume in (None, "x" * 32):
                params = {} if resume is None else {"resume": resume}
                async with (
                    aiohttp.ClientSession() as session,
                    session.ws_connect(server.url) as thief,
                ):
                    await send(thief, hello(server.token, role="host", instance="new", **params))
                    reply = await receive(thief)
                    assert "result" not in reply, "the squatter took the seat"
                    assert reply["error"]["code"] == HostAlreadyConnected.code
                    assert "panel-1" not in str(reply)
                    assert await closed_with(thief) == 4403
                    refusals.append(reply["error"]["message"])
            assert not call.done()
            async with connected(
                server, role="host", instance="panel-1", resume=result["resume"]
            ) as (back, _):
                again = await receive(back)
                assert again["id"] == first["id"]
                await send(back, {"jsonrpc": "2.0", "id": again["id"], "result": "real"})
                return str(await asyncio.wait_for(call, WAIT)), refusals

        answer, refusals = stage.run(scenario())
    assert answer == "real"
    assert all("reconnect grace" in text for text in refusals), refusals


def test_past_the_grace_a_call_sent_to_the_old_instance_fails_and_is_not_sent_on() -> None:
    """The grace ends: a new instance gets the seat, but the call the old one received fails
    with ``ConnectionLost(maybe_applied=True)`` (idempotent as ``echo`` is) instead of
    reaching the newcomer; a new call goes to it."""
    with running(reconnect_grace=0.3) as stage:
        server = stage.server

        async def scenario() -> tuple[BaseException | None, str]:
            async with connected(server, role="host", instance="panel-1") as (ws, _):
                host = await server.wait_for_host_async(WAIT)
                call = asyncio.ensure_future(echo(host, "e"))
                await receive(ws)  # sent to panel-1
            async with asyncio.timeout(WAIT):
                while True:  # refused within the grace; the panel's backoff between tries
                    async with raw_socket(server.url) as ws:
                        await send(ws, hello(server.token, role="host", instance="new"))
                        if "result" in await receive(ws):
                            nxt = asyncio.ensure_future(echo(host, "f"))
                            request = await receive(ws)  # its first call is the new one
                            assert request["params"] == {"text": "f"}, request
                            reply = {"jsonrpc": "2.0", "id": request["id"], "result": "new"}
                            await send(ws, reply)
                            await asyncio.wait({call}, timeout=WAIT)
                            return call.exception(), str(await asyncio.wait_for(nxt, WAIT))
                    await asyncio.sleep(0.05)

        error, answer = stage.run(scenario())
    assert isinstance(error, ConnectionLost), error
    assert error.maybe_applied is True
    assert answer == "new"
