"""The floor: raw aiohttp with a minimal id → Future table and stdlib ``json`` on the caller.

Pipeline side: one websocket route; ``call()`` sends ``{"jsonrpc","id","method","params"}``
with ``json.dumps`` and awaits a Future that the connection's reader (the handler task itself)
resolves with ``json.loads``. No validation, no deadline. Peer side: a plain aiohttp echo client
that answers every request with the canned reply (orjson both ways).
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import json
from typing import Any

from aiohttp import WSMsgType, web

from bench.common import BIG_PARAMS, METHOD, SMALL_PARAMS, reply_for
from bench.stacks.base import MAX_MSG, Caller, echo_peer


class RawServer:
    """The pipeline side: accepts one connection at ``path`` and calls it."""

    def __init__(self) -> None:
        self.ws: web.WebSocketResponse | None = None
        self.connected = asyncio.Event()
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._ids = itertools.count(1)

    async def handler(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(max_msg_size=MAX_MSG)
        await ws.prepare(request)
        self.ws = ws
        self.connected.set()
        pending = self._pending
        loads = json.loads
        async for msg in ws:
            if msg.type is WSMsgType.TEXT:
                data = loads(msg.data)
                future = pending.pop(data["id"], None)
                if future is not None and not future.done():
                    future.set_result(data.get("result"))
        return ws

    async def call(self, method: str, params: dict[str, object]) -> Any:
        ws = self.ws
        assert ws is not None
        call_id = next(self._ids)
        future = asyncio.get_running_loop().create_future()
        self._pending[call_id] = future
        await ws.send_str(
            json.dumps({"jsonrpc": "2.0", "id": call_id, "method": method, "params": params})
        )
        return await future

    def caller(self, loop: asyncio.AbstractEventLoop, name: str = "raw") -> Caller:
        small = functools.partial(self.call, METHOD, SMALL_PARAMS)

        def small_blocking() -> object:
            return asyncio.run_coroutine_threadsafe(small(), loop).result()

        return Caller(
            name=name,
            small=small,
            big=functools.partial(self.call, METHOD, BIG_PARAMS),
            small_blocking=small_blocking,
        )


def _answer(request: dict[str, Any]) -> object:
    return {"jsonrpc": "2.0", "id": request["id"], "result": reply_for(request["params"])}


async def run_peer(url: str) -> None:
    """The panel side: a plain aiohttp echo client (runs until the socket closes)."""
    await echo_peer(url, _answer)
