"""A tool outlives a restart of its server: after the socket drops, the next call connects
again (same URL and token), a watched host list is watched again, and when nothing answers the
call fails with ``NotConnected`` saying so. A closed tool never connects again."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import pytest

from aerpc.aftereffects import CONTRACT, AsyncAfterEffects
from aerpc.runtime import NotConnected, RemoteHost, Server
from aerpc.testing import FakePanel

from .conftest import WAIT, async_test, relaying


class Version:
    def __init__(self, version: str) -> None:
        self.version = version

    def get_app_version(self) -> str:
        return self.version


@contextlib.asynccontextmanager
async def host(server: Server, version: str) -> AsyncIterator[None]:
    """A host (instance ``version``) that reports ``version``, connected to ``server``."""
    async with FakePanel(
        server.url, server.token, Version(version), contract=CONTRACT, instance=version
    ):
        await server.wait_for_host_async(WAIT)
        yield


@async_test
async def test_the_next_call_connects_again_after_the_server_restarts() -> None:
    host_came = asyncio.Event()

    def note(event: str, entry: Any) -> None:
        if (event, entry["instance"]) == ("connected", "25.0"):
            host_came.set()

    async with relaying() as first, host(first, "24.0"):
        port, token = first.port, first.token
        remote = RemoteHost(first.url, token, contract=CONTRACT, on_host_event=note)
        await remote.connect()
        ae = AsyncAfterEffects(remote)
        assert await ae.get_app_version() == "24.0"
        assert [h["instance"] for h in await remote.hosts(watch=True)] == ["24.0"]
    try:
        async with asyncio.timeout(WAIT):
            await remote.wait_closed()
        assert not remote.connected
        async with relaying(port=port, token=token) as second:
            assert second.url == first.url
            assert await remote.hosts() == []  # connects again, and watches again
            assert remote.connected
            async with host(second, "25.0"):
                async with asyncio.timeout(WAIT):
                    await host_came.wait()
                assert await ae.get_app_version() == "25.0"
    finally:
        await remote.close()


@async_test
async def test_a_dropped_tool_with_no_server_to_reach_says_so() -> None:
    async with relaying() as server:
        remote = RemoteHost(server.url, server.token, contract=CONTRACT, hello_timeout=WAIT)
        await remote.connect()
    try:
        async with asyncio.timeout(WAIT):
            await remote.wait_closed()
        with pytest.raises(NotConnected, match="lost, and connecting again failed"):
            await AsyncAfterEffects(remote).get_app_version()
    finally:
        await remote.close()


@async_test
async def test_a_closed_tool_does_not_connect_again() -> None:
    async with relaying() as server, host(server, "24.0"):
        remote = RemoteHost(server.url, server.token, contract=CONTRACT)
        await remote.connect()
        await remote.close()
        with pytest.raises(NotConnected, match="not connected to"):
            await AsyncAfterEffects(remote).get_app_version()
        assert not remote.connected
