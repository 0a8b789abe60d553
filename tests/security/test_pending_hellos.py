"""Issue 13 §5: a web page holding sockets open without a hello cannot keep the panel out.

Sockets waiting for their hello have slots per origin class (no Origin, ``Origin: null``,
``file://``/allowed). ``Origin: null`` is what a CEP panel sends and what any page can send
from a sandboxed frame, so in that class a full pool closes its oldest waiting socket to make
room instead of refusing the newcomer, and its hello deadline is shorter (``page_hello_timeout``).
Refusals are logged at most once per 10 s per kind."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading

import aiohttp
import pytest

from .conftest import WAIT, Running, hello, running, send

LOOPS = 12
ATTEMPTS = 30


class Page:
    """The attacker: ``LOOPS`` loops that each open a socket with ``Origin: null``, never say
    hello, and open another when it is closed."""

    def __init__(self, url: str, slots: int):
        self.url = url
        self.slots = slots
        self.opened = 0
        self.holding = threading.Event()  # set once it has opened as many sockets as slots
        self.stop = asyncio.Event()

    async def attack(self) -> int:
        await asyncio.gather(*(self._loop() for _ in range(LOOPS)))
        return self.opened

    async def _loop(self) -> None:
        async with aiohttp.ClientSession() as session:
            while not self.stop.is_set():
                with contextlib.suppress(aiohttp.ClientError, OSError):
                    async with session.ws_connect(self.url, origin="null", autoping=False) as ws:
                        self.opened += 1
                        if self.opened >= self.slots:
                            self.holding.set()
                        waits = [
                            asyncio.ensure_future(self.stop.wait()),
                            asyncio.ensure_future(ws.receive()),
                        ]
                        await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
                        for task in waits:
                            task.cancel()
                        await asyncio.gather(*waits, return_exceptions=True)


async def panel_attempt(url: str, token: str, n: int) -> bool:
    """The panel: connect with ``Origin: null`` and say hello at once; True if accepted."""
    try:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(url, origin="null") as ws,
        ):
            await send(ws, hello(token, instance=f"panel-{n}"))
            msg = await ws.receive(timeout=WAIT)
            return msg.type is aiohttp.WSMsgType.TEXT and '"result"' in msg.data
    except aiohttp.WSServerHandshakeError:
        return False


def test_the_panel_gets_in_while_a_page_holds_every_slot(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="aerpc")
    with running() as stage:
        server = stage.server
        attacker = Running(server)  # the page's sockets, on a loop of their own
        page = Page(server.url, server.max_pending_hellos)
        try:
            attack = asyncio.run_coroutine_threadsafe(page.attack(), attacker.loop)
            assert page.holding.wait(WAIT)

            async def panel() -> int:
                tries = [await panel_attempt(server.url, server.token, n) for n in range(ATTEMPTS)]
                return sum(tries)

            accepted = stage.run(panel())
            held = server._pending_hellos.count("page")
            attacker.loop.call_soon_threadsafe(page.stop.set)
            opened = attack.result(WAIT)
        finally:
            attacker.close()
    assert opened >= LOOPS  # the page did hold sockets
    assert held >= server.max_pending_hellos - 1  # and was still holding the slots at the end
    assert accepted >= ATTEMPTS - 3, f"the panel got in {accepted} times of {ATTEMPTS}"
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) <= 10, [r.getMessage() for r in warnings[:20]]
