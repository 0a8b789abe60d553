"""Writing a frame from plain code: at once usually, through a task when the transport drains."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

import pytest
from aiohttp import WSMsgType

from aerpc.runtime.frames import write_now

from .conftest import async_test


class FakeSocket:
    def __init__(self, drain: asyncio.Future[None] | None = None, fail: bool = False):
        self.frames: list[bytes] = []
        self.drained = False
        self.done = asyncio.Event()
        self._drain = drain
        self._fail = fail

    def send_frame(
        self, message: bytes, opcode: WSMsgType, compress: int | None = None
    ) -> Coroutine[Any, Any, None]:
        async def send() -> None:
            assert opcode is WSMsgType.TEXT
            if self._fail:
                raise ConnectionResetError("Cannot write to closing transport")
            self.frames.append(message)
            if self._drain is not None:
                await self._drain
                self.drained = True
                self.done.set()

        return send()


@async_test
async def test_written_at_once() -> None:
    ws = FakeSocket()
    write_now(ws, b"one")
    write_now(ws, b"two")
    assert ws.frames == [b"one", b"two"]


@async_test
async def test_drain_is_finished_by_a_task() -> None:
    drain: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    ws = FakeSocket(drain)
    write_now(ws, b"big")
    assert ws.frames == [b"big"]
    assert not ws.drained
    drain.set_result(None)
    await asyncio.wait_for(ws.done.wait(), 5)
    assert ws.drained


@async_test
async def test_closing_socket_raises_at_once() -> None:
    with pytest.raises(ConnectionResetError):
        write_now(FakeSocket(fail=True), b"x")
