"""The replaced stack: wsrpc-aiohttp 4.x, as the reference integration uses it.

Pipeline side: a ``WebSocketAsync`` route whose ``call("AfterEffects.get_items", **kw)`` is
what the reference's server does (stdlib ``json``, wsrpc's defaults). Two peers:

* ``wsrpc_raw``: a plain aiohttp echo client that speaks wsrpc's wire format
  (``{id, method, params}`` → ``{id, result}``), so only the server side is wsrpc's;
* ``wsrpc``: a ``WSRPCClient`` with a ``WebSocketRoute`` ``AfterEffects.get_items``, wsrpc on
  both ends as in the reference.

The sync mode is the reference pattern: a plain thread doing
``asyncio.run_coroutine_threadsafe(ws.call(...), loop).result()`` per call.
"""

from __future__ import annotations

import asyncio
from typing import Any

from wsrpc_aiohttp import WebSocketAsync, WebSocketRoute, WSRPCClient

from bench.common import BIG_PARAMS, SMALL_PARAMS, WSRPC_METHOD, reply_for
from bench.stacks.base import Caller, echo_peer


class ForEchoPeer(WebSocketAsync):
    """The wsrpc server route the plain echo peer connects to."""


class ForWsrpcPeer(WebSocketAsync):
    """The wsrpc server route the ``WSRPCClient`` peer connects to."""


async def connected(handler: type[WebSocketAsync]) -> Any:
    """The handler instance of the first client that connected to ``handler``'s route.

    wsrpc offers no event for it; the caller bounds the wait with ``asyncio.timeout``.
    """
    while True:
        clients: dict[Any, Any] = handler.get_clients()
        for socket in clients.values():
            return socket
        await asyncio.sleep(0.01)


def caller(socket: Any, loop: asyncio.AbstractEventLoop, name: str) -> Caller:
    call = socket.call

    async def small() -> object:
        return await call(WSRPC_METHOD, **SMALL_PARAMS)

    async def big() -> object:
        return await call(WSRPC_METHOD, **BIG_PARAMS)

    def small_blocking() -> object:
        return asyncio.run_coroutine_threadsafe(call(WSRPC_METHOD, **SMALL_PARAMS), loop).result()

    return Caller(name=name, small=small, big=big, small_blocking=small_blocking)


# -- peers ------------------------------------------------------------------------------------


def _answer(request: dict[str, Any]) -> object | None:
    method = request.get("method")
    if method is None or request.get("id") is None:
        return None  # a reply or an event: this peer never calls
    params = request.get("params")
    result = reply_for(params) if method == WSRPC_METHOD else params
    return {"id": request["id"], "result": result}


async def run_echo_peer(url: str) -> None:
    """A plain aiohttp client speaking wsrpc's wire format (answers wsrpc's pings too)."""
    await echo_peer(url, _answer)


class AfterEffectsRoute(WebSocketRoute[Any]):
    """The reference panel's route, answering from Python instead of ExtendScript."""

    async def get_items(
        self, comps: bool = False, folders: bool = False, footages: bool = False
    ) -> object:
        return reply_for({"comps": comps, "folders": folders, "footages": footages})


async def run_client_peer(url: str) -> None:
    """``WSRPCClient`` with the route ``AfterEffects`` (runs until the socket closes)."""
    WSRPCClient.add_route("AfterEffects", AfterEffectsRoute)
    client = WSRPCClient(url)
    await client.connect()  # type: ignore[no-untyped-call]
    try:
        await asyncio.Event().wait()  # until the pipeline process terminates this one
    finally:
        await client.close()
