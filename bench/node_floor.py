"""The node panel path against its floor: the same aerpc server, called sequentially, with the
built panel in node and with a bare node host (``bench/stacks/node-echo-host.js``: hello, then
one canned reply per request over the same ``ws`` package). The difference is what the panel
itself costs per call (its message, queue and reply steps, the evalScript stand-in and the ES3
dispatcher); the floor's figures are what the pipeline side and a node socket cost.

Each host process is fresh, warmed up (6,000 calls: node's JIT settles after about 3,000,
``bench.warmup``), then timed in slices; the two alternate ``--pairs`` times.

    taskset -c 0 .venv/bin/python -m bench.node_floor [--pairs 2] [--slices 4] [--calls 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import time
from pathlib import Path

import orjson

from bench.common import PEER_CPU, SMALL_REPLY, pinned
from bench.pipeline import cpu_ns
from bench.stacks import aerpc as aerpc_stack

WAIT_S = 30.0
WARMUP = 6000
ECHO_HOST = Path(__file__).resolve().parent / "stacks" / "node-echo-host.js"


def host_argv(kind: str, url: str, token: str) -> list[str]:
    if kind == "panel":
        return aerpc_stack.node_panel_argv(url, token)
    return ["node", str(ECHO_HOST), url, token, orjson.dumps(SMALL_REPLY).decode()]


async def measure(
    kind: str, slices: int, calls: int, warmup: int = WARMUP
) -> list[tuple[float, float, float]]:
    """(calls/s, pipeline CPU µs/call, host CPU µs/call) per slice of ``calls``, for a fresh
    host (``"panel"`` or ``"floor"``) after ``warmup`` calls (``bench.warmup``: none)."""
    side = aerpc_stack.PipelineSide()
    await side.start()
    argv = pinned(PEER_CPU, host_argv(kind, side.url, side.token))
    host = await asyncio.create_subprocess_exec(
        *argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    out: list[tuple[float, float, float]] = []
    try:
        caller = await side.connected(WAIT_S, kind)
        for _ in range(warmup):
            await caller.small()
        for _ in range(slices):
            host0, cpu0, t0 = cpu_ns(host.pid), time.process_time(), time.perf_counter()
            for _ in range(calls):
                await caller.small()
            wall = time.perf_counter() - t0
            pipeline = (time.process_time() - cpu0) / calls * 1e6
            out.append((calls / wall, pipeline, (cpu_ns(host.pid) - host0) / calls / 1000))
    finally:
        host.terminate()
        await asyncio.wait_for(host.wait(), WAIT_S)
        await side.stop()
    return out


async def main(pairs: int, slices: int, calls: int) -> None:
    figures: dict[str, list[tuple[float, float, float]]] = {"floor": [], "panel": []}
    for _ in range(pairs):
        for kind in ("floor", "panel"):
            figures[kind] += await measure(kind, slices, calls)
    n = pairs * slices
    print(f"aerpc server, sequential small get_items; medians of {n} slices of {calls} calls")
    print("| host | calls/s | pipeline CPU µs/call | host CPU µs/call |\n|---|---:|---:|---:|")
    for kind, label in (("floor", "bare node host (floor)"), ("panel", "the panel in node")):
        rate, pipeline, peer = (statistics.median(f[i] for f in figures[kind]) for i in range(3))
        print(f"| {label} | {rate:,.0f} | {pipeline:.0f} | {peer:.0f} |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=2)
    parser.add_argument("--slices", type=int, default=4)
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()
    asyncio.run(main(args.pairs, args.slices, args.calls))
