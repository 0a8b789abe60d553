"""What the pipeline process needs from a stack once its peer has connected."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import aiohttp
import orjson
from aiohttp import WSMsgType


@dataclass(frozen=True)
class Caller:
    """One stack, ready to call its connected peer.

    ``small``/``big`` are awaited on the pipeline's loop; ``small_blocking`` runs on a plain
    thread (None: the stack has no sync mode).
    """

    name: str
    small: Callable[[], Awaitable[object]]
    big: Callable[[], Awaitable[object]]
    small_blocking: Callable[[], object] | None = None


MAX_MSG = 64 * 2**20


async def echo_peer(
    url: str,
    answer: Callable[[dict[str, Any]], object | None],
    first: object | None = None,
) -> None:
    """A plain aiohttp peer: sends ``first`` (if any), then ``answer(request)`` for each text
    message, skipped when None (runs until the socket closes). Every stack's echo peer."""
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(url, max_msg_size=MAX_MSG, compress=0) as ws,
    ):
        loads = orjson.loads
        dumps = orjson.dumps
        if first is not None:
            await ws.send_frame(dumps(first), WSMsgType.TEXT)
        async for msg in ws:
            if msg.type is not WSMsgType.TEXT:
                continue
            reply = answer(loads(msg.data))
            if reply is not None:
                await ws.send_frame(dumps(reply), WSMsgType.TEXT)
