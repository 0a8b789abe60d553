"""Which host events the relay forwards to a tool (docs/wire-extensions.md, ``aerpc.events``):
a subscribe naming events gets only those; ``RemoteHost`` names the union of its
subscriptions; a subscribe without names (an older tool) still gets every event. An in-process
relaying ``Server``, a Python host peer sending ``aerpc.event`` notifications, real sockets."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import orjson

from aerpc.aftereffects import AsyncAfterEffects
from aerpc.runtime.events import EVENT_METHOD
from aerpc.runtime.relay import EVENTS_NOTIFICATION, HOSTS_METHOD

from .conftest import WAIT, async_test
from .test_relay import chain, raw_tool


def render(status: str, render_id: str = "r1") -> dict[str, Any]:
    return {
        "render_id": render_id,
        "source": "in_app",
        "comp_id": 4,
        "comp_name": "sh010_comp",
        "item_index": 1,
        "status": status,
        "elapsed_s": 0.5,
        "outputs": [],
    }


def note(event: str, seq: int, payload: dict[str, Any]) -> dict[str, Any]:
    if event == "render_progress":
        payload = {**payload, "frames_done": None, "frames_total": 48}
    else:
        payload = {**payload, "ok": True, "error": None}
    return {"event": event, "stream": "panel-1", "seq": seq, "payload": payload}


async def _send(ws: aiohttp.ClientWebSocketResponse, message: dict[str, Any]) -> None:
    await ws.send_str(orjson.dumps({"jsonrpc": "2.0", **message}).decode())


@async_test
async def test_a_tool_gets_the_events_it_names_and_an_unnamed_subscribe_gets_all() -> None:
    async with chain(object()) as (server, panel, picky), raw_tool(server) as old_tool:
        await _send(old_tool, {"method": EVENTS_NOTIFICATION, "params": {"subscribe": True}})
        await _send(old_tool, {"id": 1, "method": HOSTS_METHOD, "params": {}})
        assert orjson.loads(await old_tool.receive_str(timeout=WAIT))["id"] == 1  # subscribed

        finished = AsyncAfterEffects(picky).events.render_finished()
        await picky.hosts()  # the reply follows the subscribe: the relay has it
        panel.notify(EVENT_METHOD, note("render_progress", 1, render("rendering")))
        panel.notify(EVENT_METHOD, note("render_finished", 2, render("done")))

        done = await anext(finished)
        assert done["status"] == "done"
        assert picky.events.stats.delivered == 1, "the progress was not forwarded to it"
        assert picky.events.stats.missed == 0, "a filtered event is no gap"

        heard = [orjson.loads(await old_tool.receive_str(timeout=WAIT)) for _ in range(2)]
        assert [(m["method"], m["params"]["event"]) for m in heard] == [
            (EVENT_METHOD, "render_progress"),
            (EVENT_METHOD, "render_finished"),
        ]

        progress = AsyncAfterEffects(picky).events.render_progress()  # now the union of both
        await picky.hosts()
        panel.notify(EVENT_METHOD, note("render_progress", 3, render("queued", "r2")))
        panel.notify(EVENT_METHOD, note("render_finished", 4, render("done", "r2")))
        assert (await anext(progress))["render_id"] == "r2"
        assert (await anext(finished))["render_id"] == "r2"
        progress.close()
        finished.close()


@async_test
async def test_the_host_s_capabilities_reach_every_listening_tool_early_or_late() -> None:
    async with chain(object()) as (server, panel, tool):
        heard = server.host.events.subscribe("render_progress")
        panel.notify(EVENT_METHOD, {"capabilities": {"extendscript_events": False}})
        panel.notify(EVENT_METHOD, note("render_progress", 1, render("queued")))
        assert await asyncio.to_thread(heard.get, WAIT) is not None  # read in order: both
        heard.close()
        assert server.host.events.extendscript_events is False
        finished = AsyncAfterEffects(tool).events.render_finished()
        await tool.hosts()  # subscribed; the relay sent what the host had said
        assert tool.events.extendscript_events is False

        panel.notify(EVENT_METHOD, {"capabilities": {"extendscript_events": True}})
        panel.notify(EVENT_METHOD, note("render_finished", 2, render("done")))
        await anext(finished)  # after the announcement, on the same sockets
        assert tool.events.extendscript_events is True, "sent to it whatever names it asked"
        finished.close()
