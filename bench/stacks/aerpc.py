"""aerpc: the generated typed clients over ``aerpc.runtime.Server``, validation on.

Pipeline side: a ``Server`` started in the pipeline's loop (``start_async``), the typed
``AsyncAfterEffects`` for the async modes and the sync facade ``AfterEffects`` from a plain
thread. Two peers, each against its own server (one host per server):

* ``aerpc``: ``aerpc.runtime.testing.HostPeer``, the Python stand-in for the panel, serving
  ``get_items`` from a Python object (see ``bench/panel.py``);
* ``aerpc_node``: the generated JavaScript panel in node (``runtime/cep/node/run-panel.js``),
  its ExtendScript side loaded with ``bench/stacks/bench-host.jsx`` for the canned answers.
"""

from __future__ import annotations

import functools
import importlib.util
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.common import ROOT, reply_for
from bench.stacks.base import Caller

if TYPE_CHECKING:
    from aerpc.runtime.server import Server

RUN_PANEL = ROOT / "runtime" / "cep" / "node" / "run-panel.js"
PANEL_JS = ROOT / "generated" / "cep" / "aerpc-panel.js"
BENCH_JSX = Path(__file__).resolve().parent / "bench-host.jsx"


def unavailable(*, node: bool) -> str | None:
    """Why this stack cannot be measured here, or None."""
    if importlib.util.find_spec("aerpc.runtime.server") is None:
        return "aerpc.runtime.server is not there yet"
    if node:
        if shutil.which("node") is None:
            return "node is not on PATH"
        for path in (RUN_PANEL, PANEL_JS):
            if not path.exists():
                return f"{path.relative_to(ROOT)} is not there yet"
        return None
    if importlib.util.find_spec("aerpc.runtime.testing") is None:
        return "aerpc.runtime.testing (HostPeer) is not there yet"
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
        from aerpc.runtime.server import Server

        self.server: Server = Server()
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


def pending(stacks: Any) -> int | None:
    """Calls still awaiting a reply on the ``aerpc`` stack's host (a leak would show here)."""
    side = getattr(stacks, "_aerpc", {}).get("aerpc")
    if side is None:
        return None
    return int(side.server.host.pending)


# -- peer -------------------------------------------------------------------------------------


class BenchHost:
    """The host methods the bench calls, served by ``HostPeer`` (async: no thread hop)."""

    async def get_items(
        self, comps: bool = False, folders: bool = False, footages: bool = False
    ) -> object:
        return reply_for({"comps": comps, "folders": folders, "footages": footages})


async def run_peer(url: str, token: str) -> None:
    """``HostPeer(url, token, impl)`` until the server closes the socket."""
    testing: Any = importlib.import_module("aerpc.runtime.testing")
    async with testing.HostPeer(url, token, BenchHost()) as peer:
        closed = getattr(peer, "wait_closed", None)
        if closed is not None:
            await closed()
        else:  # pragma: no cover - depends on the HostPeer API
            import asyncio

            await asyncio.Event().wait()
