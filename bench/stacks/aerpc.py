"""aerpc: the generated typed clients over ``aerpc.runtime.Server``, validation on.

Pipeline side: a ``Server`` started in the pipeline's loop (``start_async``), the typed
``AsyncAfterEffects`` for the async modes and the sync facade ``AfterEffects`` from a plain
thread. Two peers, each against its own server (one host per server):

* ``aerpc``: ``aerpc.testing.FakePanel``, the Python stand-in for the panel, serving
  ``get_items`` from a Python object (see ``bench/panel.py``);
* ``aerpc_raw``: a plain aiohttp echo peer that says ``rpc.hello`` and then answers every
  request with the canned reply, like the raw floor's peer: the pipeline side alone;
* ``aerpc_node``: the generated JavaScript panel in node (``runtime/cep/node/run-panel.js``),
  its ExtendScript side loaded with ``bench/stacks/bench-host.jsx`` for the canned answers.
"""

from __future__ import annotations

import functools
import importlib.util
import secrets
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.common import ROOT, reply_for
from bench.stacks.base import Caller, echo_peer

if TYPE_CHECKING:
    from aerpc.runtime.server import Server

RUN_PANEL = ROOT / "runtime" / "cep" / "node" / "run-panel.js"
PANEL_JS = ROOT / "generated" / "cep" / "aerpc-panel.js"
BENCH_JSX = Path(__file__).resolve().parent / "bench-host.jsx"


def unavailable(peer: str) -> str | None:
    """Why the stack ``peer`` (aerpc, aerpc_raw, aerpc_node) cannot be measured, or None."""
    if importlib.util.find_spec("aerpc.runtime.server") is None:
        return "aerpc.runtime.server is not there yet"
    if peer == "aerpc_node":
        if shutil.which("node") is None:
            return "node is not on PATH"
        for path in (RUN_PANEL, PANEL_JS):
            if not path.exists():
                return f"{path.relative_to(ROOT)} is not there yet"
        return None
    if peer == "aerpc" and importlib.util.find_spec("aerpc.testing.fake_panel") is None:
        return "aerpc.testing.fake_panel (FakePanel) is not there yet"
    return None


def node_panel_argv(url: str, token: str) -> list[str]:
    return [
        "node",
        str(RUN_PANEL),
        "--url",
        url,
        "--token",
        token,
        "--sim-project",
        "empty",
        "--extra-jsx",
        str(BENCH_JSX),
    ]


class PipelineSide:
    """One ``Server`` in the running loop, for one host peer."""

    def __init__(self) -> None:
        from aerpc import aftereffects

        self.server: Server = aftereffects.server()
        self.url = ""
        self.token = self.server.token

    async def start(self) -> None:
        await self.server.start_async()
        self.url = self.server.url

    async def connected(self, wait_s: float, name: str) -> Caller:
        from aerpc.aftereffects import AfterEffects, AsyncAfterEffects

        host = await self.server.wait_for_host_async(wait_s)
        ae = AsyncAfterEffects(host)
        sync_ae = AfterEffects(host)
        return Caller(
            name=name,
            small=functools.partial(ae.get_items, comps=True, folders=False, footages=False),
            big=functools.partial(ae.get_items, comps=True, folders=True, footages=True),
            small_blocking=functools.partial(
                sync_ae.get_items, comps=True, folders=False, footages=False
            ),
        )

    async def stop(self) -> None:
        await self.server.stop_async()


def pending(stacks: Any, name: str = "aerpc") -> int | None:
    """Calls still awaiting a reply on the ``aerpc`` stack's host (a leak would show here)."""
    side = getattr(stacks, "_aerpc", {}).get(name)
    if side is None:
        return None
    return int(side.server.host.pending)


# -- peer -------------------------------------------------------------------------------------


class BenchHost:
    """The host methods the bench calls, served by ``FakePanel``.

    Sync, so ``FakePanel`` runs it inline on its loop (its default ``run_sync="inline"``, like
    the panel's one-at-a-time evalScript queue); an ``async def`` would cost a Task per call.
    """

    def get_items(
        self, comps: bool = False, folders: bool = False, footages: bool = False
    ) -> object:
        return reply_for({"comps": comps, "folders": folders, "footages": footages})


async def run_peer(url: str, token: str) -> None:
    """``FakePanel(url, token, impl)`` until the server closes the socket."""
    testing: Any = importlib.import_module("aerpc.testing.fake_panel")
    from aerpc.aftereffects import CONTRACT

    async with testing.FakePanel(url, token, BenchHost(), contract=CONTRACT) as peer:
        closed = getattr(peer, "wait_closed", None)
        if closed is not None:
            await closed()
        else:  # pragma: no cover - depends on the FakePanel API
            import asyncio

            await asyncio.Event().wait()


async def run_echo_peer(url: str, token: str) -> None:
    """A plain aiohttp peer: ``rpc.hello`` as host, then the canned reply to every request."""
    from aerpc.aftereffects import SCHEMA_HASH, SCHEMA_NAME, SCHEMA_VERSION

    hello = {
        "jsonrpc": "2.0",
        "id": "cep:0",
        "method": "rpc.hello",
        "params": {
            "token": token,
            "role": "host",
            "instance": secrets.token_hex(8),
            "schema": {"name": SCHEMA_NAME, "version": SCHEMA_VERSION, "hash": SCHEMA_HASH},
        },
    }
    await echo_peer(url, _answer, first=hello)


def _answer(request: dict[str, Any]) -> object | None:
    if "method" not in request or "id" not in request:
        return None  # the hello's reply, or a notification (rpc.cancel)
    return {"jsonrpc": "2.0", "id": request["id"], "result": reply_for(request["params"])}
