"""Shared pieces of the runtime tests: the mini contract, a host implementation, pipeline
handlers, raw websocket helpers, and ``async_test`` (each test runs in a fresh loop)."""

from __future__ import annotations

import asyncio
import functools
import os
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, ParamSpec

import aiohttp
import orjson
import pytest
from aiohttp import web

from aerpc.runtime import Contract, RemoteError, Server
from aerpc.testing import FakePanel

from ..raw_websocket import closed_with as closed_with  # re-exported for the tests
from ..raw_websocket import raw_socket as raw_socket
from ..raw_websocket import receive as receive
from ..raw_websocket import send as send

WAIT = 10.0  # the bound of every wait on an event in these tests

P = ParamSpec("P")


class ItemNotFound(RemoteError):
    """The mini schema's error 1001 (the After Effects SDK's ItemNotFound has the same code:
    each contract maps its own codes, so neither takes the other's place)."""

    code = 1001
    default_message = "Item not found"


class ToolUnavailable(RemoteError):
    code = 1002
    default_message = "Tool unavailable"


FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "runtime" / "mini.openrpc.json"
CONTRACT = Contract.from_file(
    FIXTURE, error_classes={cls.code: cls for cls in (ItemNotFound, ToolUnavailable)}
)


def async_test(fn: Callable[P, Awaitable[None]]) -> Callable[P, None]:
    """Run an ``async def`` test in a fresh event loop, bounded."""

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        async def bounded() -> None:
            async with asyncio.timeout(50):
                await fn(*args, **kwargs)

        asyncio.run(bounded())

    return run


ITEMS = [
    {"id": 1, "name": "main", "type": "comp"},
    {"id": 2, "name": "renders", "type": "folder"},
    {"id": 3, "name": "plate.exr", "type": "footage"},
]


class HostImpl:
    """The host methods of the mini schema, counting their side effects.

    ``add_item`` records its name at once, then waits for ``gate`` when ``hold`` is set.
    ``sleep`` sets ``sleeping`` when it starts.
    """

    def __init__(self) -> None:
        self.added: list[str] = []
        self.sleeps = 0
        self.hold = False
        self.gate = asyncio.Event()
        self.adding = asyncio.Event()
        self.sleeping = asyncio.Event()

    def echo(self, text: str) -> str:
        return text

    def get_items(
        self, comps: bool = False, folders: bool = False, footages: bool = False
    ) -> list[dict[str, Any]]:
        kinds = {k for k, on in (("comp", comps), ("folder", folders), ("footage", footages)) if on}
        return [item for item in ITEMS if item["type"] in kinds]

    def get_item(self, id: int) -> dict[str, Any]:
        for item in ITEMS:
            if item["id"] == id:
                return item
        if id == 99:
            return {"id": 99, "name": "broken", "type": "sound"}  # breaks the schema
        raise ItemNotFound(f"no item with id {id}", {"id": id})

    async def add_item(self, name: str) -> dict[str, Any]:
        self.added.append(name)
        self.adding.set()
        if self.hold:
            await self.gate.wait()
        return {"id": 100 + len(self.added), "name": name, "type": "folder"}

    async def sleep(self, ms: int) -> None:
        self.sleeps += 1
        self.sleeping.set()
        await asyncio.sleep(ms / 1000)

    def blob(self, size: int) -> str:
        return "x" * size


class Pipeline:
    """Pipeline handlers: records calls; ``open_tool`` fails for ``publisher``."""

    def __init__(self) -> None:
        self.contexts: list[tuple[str, str, str]] = []
        self.threads: list[str] = []
        self.called = threading.Event()

    def set_context(self, *, project: str, folder: str, task: str) -> None:
        self.contexts.append((project, folder, task))
        self.threads.append(threading.current_thread().name)
        self.called.set()

    async def open_tool(self, *, tool: str) -> None:
        if tool == "publisher":
            raise ToolUnavailable("the publisher is not installed", {"tool": tool})
        if tool == "workfiles":
            raise ValueError("workfiles tool crashed")

    def count_items(self, *, items: list[dict[str, Any]]) -> int:
        if len(items) == 3:
            return -1  # breaks the schema (minimum 0)
        return len(items)


def make_server(handlers: object | None = None, **kwargs: Any) -> Server:
    kwargs.setdefault("contract", CONTRACT)
    return Server(handlers if handlers is not None else Pipeline(), **kwargs)


@pytest.fixture
def server() -> Iterator[Server]:
    """A server on its own thread, port 0; stopped after the test."""
    s = make_server()
    s.start()
    try:
        yield s
    finally:
        s.stop()


@asynccontextmanager
async def serving(**kwargs: Any) -> AsyncIterator[Server]:
    """A server inside the test's loop."""
    s = make_server(**kwargs)
    await s.start_async()
    try:
        yield s
    finally:
        await s.stop_async()


@asynccontextmanager
async def host_peer(
    server: Server, impl: HostImpl | None = None, **kwargs: Any
) -> AsyncIterator[FakePanel]:
    peer = FakePanel(server.url, server.token, impl or HostImpl(), contract=CONTRACT, **kwargs)
    async with peer:
        yield peer


def hello_params(secret: str, /, **overrides: Any) -> dict[str, Any]:
    params: dict[str, Any] = {
        "token": secret,
        "role": "host",
        "instance": "raw-" + os.urandom(4).hex(),
        "app": {"name": "test", "version": "1"},
        "extension_version": "0",
        "schema": CONTRACT.identity,
    }
    params.update(overrides)
    return params


def hello_request(secret: str, /, **overrides: Any) -> dict[str, Any]:
    """The ``rpc.hello`` request of a panel (id ``cep:1``) with :func:`hello_params`."""
    return {
        "jsonrpc": "2.0",
        "id": "cep:1",
        "method": "rpc.hello",
        "params": hello_params(secret, **overrides),
    }


@asynccontextmanager
async def raw_host(
    server: Server, *, autoping: bool = True, **overrides: Any
) -> AsyncIterator[aiohttp.ClientWebSocketResponse]:
    """A raw socket that said hello (as a host unless overridden)."""
    async with raw_socket(server.url, autoping=autoping) as ws:
        await send(ws, hello_request(server.token, **overrides))
        reply = await receive(ws)
        assert "result" in reply, reply
        yield ws


ServerScript = Callable[[web.WebSocketResponse], Awaitable[None]]


@asynccontextmanager
async def scripted_server(script: ServerScript) -> AsyncIterator[str]:
    """A plain aiohttp server that accepts the hello (autoping off), then runs ``script`` on the
    socket; yields its URL. Plays a server that misbehaves in ways ``Server`` never does."""

    async def handle(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=False)
        await ws.prepare(request)
        hello = orjson.loads((await ws.receive(timeout=WAIT)).data)
        result = {
            "session": "s",
            "server": {"name": "scripted", "version": "0"},
            "schema": CONTRACT.identity,
            "limits": {"max_message_size": 1 << 20},
        }
        await send(ws, {"jsonrpc": "2.0", "id": hello["id"], "result": result})
        await script(ws)
        return ws

    app = web.Application()
    app.router.add_get("/ws", handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        port = runner.addresses[0][1]  # TCPSite.port is aiohttp 3.14+; make test-min runs 3.11
        yield f"ws://127.0.0.1:{port}/ws"
    finally:
        await runner.cleanup()
