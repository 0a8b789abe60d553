"""Every failure says why, and early (over real sockets): a call made while no host is
connected fails after the connect timeout, not its method's deadline, and its ``NotConnected``
names what the server already knows: a wrong token, a schema mismatch, a foreign origin, or no
panel at all."""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import pytest

from aerpc.runtime import CallOptions, NotConnected

from .conftest import (
    CONTRACT,
    WAIT,
    async_test,
    closed_with,
    hello_request,
    host_peer,
    raw_socket,
    receive,
    send,
    serving,
)

SLOW = CONTRACT.methods["sleep"]
assert SLOW.timeout >= 10  # the method's deadline is long; the connect timeout ends it early


async def call_without_host(server: object) -> NotConnected:
    from aerpc.runtime.server import Server

    assert isinstance(server, Server)
    with pytest.raises(NotConnected) as caught:
        await asyncio.wait_for(server.host.call("sleep", {"ms": 1}), WAIT)
    return caught.value


@async_test
async def test_no_panel_at_all_fails_at_the_connect_timeout_saying_so() -> None:
    async with serving(connect_timeout=0.2) as server:
        error = await call_without_host(server)
    message = str(error)
    assert "within the connect timeout (0.2 s" in message
    assert f"deadline of {SLOW.timeout:g} s" in message
    assert "no panel has tried to connect" in message
    assert "launch_env" in message
    assert error.data["refusals"] == []
    assert error.data["host_seen"] is False
    assert error.data["connect_timeout_s"] == 0.2


@async_test
async def test_a_wrong_token_is_named() -> None:
    async with serving(connect_timeout=0.3) as server:
        async with raw_socket(server.url) as ws:
            await send(ws, hello_request("not-the-token-at-all"))
            assert (await receive(ws))["error"]["code"] == -32001
            assert await closed_with(ws) == 4401
        error = await call_without_host(server)
    assert "missing or wrong token" in str(error)
    assert "AERPC_TOKEN" in str(error)
    (refusal,) = error.data["refusals"]
    assert refusal["cause"] == "unauthorized"
    assert refusal["code"] == 4401


@async_test
async def test_a_schema_mismatch_is_named_with_both_sides(caplog: pytest.LogCaptureFixture) -> None:
    other = {"name": "mini", "version": "7.0.0", "hash": "sha256:" + "1" * 64}
    with caplog.at_level(logging.WARNING, logger="aerpc"):
        async with serving(connect_timeout=0.3) as server:
            async with raw_socket(server.url) as ws:
                await send(ws, hello_request(server.token, schema=other))
                assert (await receive(ws))["error"]["code"] == -32002
                assert await closed_with(ws) == 4409
            error = await call_without_host(server)
    message = str(error)
    assert "schema mismatch (major-version)" in message
    assert f"mini {CONTRACT.version} ({CONTRACT.hash})" in message
    assert f"mini 7.0.0 (sha256:{'1' * 64})" in message
    (refusal,) = error.data["refusals"]
    assert refusal["cause"] == "schema"
    assert refusal["data"]["peer"] == other
    assert refusal["data"]["rule"] == "major-version"
    # logged in Python too, with both sides
    logged = [r.getMessage() for r in caplog.records if "schema mismatch" in r.getMessage()]
    assert logged
    assert "7.0.0" in logged[0]
    assert CONTRACT.hash in logged[0]


@async_test
async def test_a_foreign_origin_is_named() -> None:
    async with serving(connect_timeout=0.3) as server:
        with pytest.raises(aiohttp.WSServerHandshakeError):
            async with raw_socket(server.url, origin="https://evil.example"):
                pass
        error = await call_without_host(server)
    assert "origin 'https://evil.example' is not allowed" in str(error)
    assert "allowed_origins" in str(error)
    assert error.data["refusals"][0]["cause"] == "origin"


@async_test
async def test_wait_for_host_names_the_refusal_too() -> None:
    async with serving() as server:
        async with raw_socket(server.url) as ws:
            await send(ws, hello_request("not-the-token-at-all"))
            await receive(ws)
        with pytest.raises(NotConnected) as caught:
            await server.wait_for_host_async(0.2)
    assert "wait_for_host: no mini host connected" in str(caught.value)
    assert "missing or wrong token" in str(caught.value)


@async_test
async def test_a_host_that_left_is_named_and_older_refusals_are_forgotten() -> None:
    async with serving(connect_timeout=0.2, reconnect_grace=0.1) as server:
        async with raw_socket(server.url) as ws:
            await send(ws, hello_request("not-the-token-at-all"))
            await receive(ws)
        async with host_peer(server):
            await server.wait_for_host_async(WAIT)
        error = await call_without_host(server)
    assert "the host disconnected" in str(error)
    assert error.data["refusals"] == []
    assert error.data["host_seen"] is True


@async_test
async def test_a_call_sent_in_time_is_bound_by_its_deadline_not_the_connect_timeout() -> None:
    async with serving(connect_timeout=2.0) as server:
        early = asyncio.ensure_future(
            server.host.call("sleep", {"ms": 2500}, CallOptions(timeout=WAIT))
        )
        async with host_peer(server):  # attaches within the connect timeout, which then ends
            assert await asyncio.wait_for(early, WAIT) is None


@async_test
async def test_a_newer_compatible_panel_is_admitted_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    major = CONTRACT.version.split(".")[0]
    newer = {"name": CONTRACT.name, "version": f"{major}.99.0", "hash": "sha256:" + "2" * 64}
    same = {"name": CONTRACT.name, "version": CONTRACT.version, "hash": "sha256:" + "3" * 64}
    with caplog.at_level(logging.WARNING, logger="aerpc"):
        async with serving() as server:
            async with raw_socket(server.url) as ws:
                await send(ws, hello_request(server.token, schema=newer))
                assert "session" in (await receive(ws))["result"]
            async with raw_socket(server.url) as ws:  # the same version, another wire
                await send(ws, hello_request(server.token, schema=same, instance="i2"))
                reply = await receive(ws)
                assert reply["error"]["data"]["rule"] == "same-version"
                assert "changed without a new version" in reply["error"]["message"]
    warned = [r.getMessage() for r in caplog.records if "compatibly" in r.getMessage()]
    assert len(warned) == 1
    assert f"{major}.99.0" in warned[0]
    assert CONTRACT.hash in warned[0]
