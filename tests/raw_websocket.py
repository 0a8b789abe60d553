"""Raw websocket helpers shared by the suites that speak the wire by hand (runtime, security,
packaging): open a plain socket, send one frame, read the next JSON message, wait for the close.

Every wait is bounded by ``WAIT`` seconds."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import orjson
from aiohttp import web

__all__ = ["WAIT", "closed_with", "raw_socket", "receive", "send"]

WAIT = 20.0
"""The bound of every wait in these helpers."""


@asynccontextmanager
async def raw_socket(
    url: str, origin: str | None = None, **options: Any
) -> AsyncIterator[aiohttp.ClientWebSocketResponse]:
    """A plain websocket to ``url``; ``options`` go to ``ws_connect`` (``autoping=False`` leaves
    pings unanswered, ``max_msg_size=0`` takes any size)."""
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(url, origin=origin, **options) as ws,
    ):
        yield ws


async def send(ws: aiohttp.ClientWebSocketResponse | web.WebSocketResponse, message: Any) -> None:
    """One TEXT frame: a str or bytes as they are, anything else as JSON."""
    if isinstance(message, str):
        await ws.send_str(message)
        return
    data = message if isinstance(message, bytes) else orjson.dumps(message)
    await ws.send_frame(data, aiohttp.WSMsgType.TEXT)


async def receive(ws: aiohttp.ClientWebSocketResponse) -> Any:
    """The next JSON message (fails on a close or after WAIT seconds)."""
    msg = await ws.receive(timeout=WAIT)
    assert msg.type is aiohttp.WSMsgType.TEXT, (msg.type, msg.data, ws.close_code)
    return orjson.loads(msg.data)


async def closed_with(ws: aiohttp.ClientWebSocketResponse) -> int | None:
    """Wait for the server's close (skipping what comes before); its code."""
    async with asyncio.timeout(WAIT):
        while True:
            msg = await ws.receive()
            if msg.type in (
                aiohttp.WSMsgType.CLOSE,
                aiohttp.WSMsgType.CLOSED,
                aiohttp.WSMsgType.ERROR,
            ):
                return ws.close_code
