"""The node panel path against its floor: the same aerpc server, called sequentially, with the
built panel in node and with a bare node host (``bench/stacks/node-echo-host.js``: hello, then
one canned reply per request over the same ``ws`` package). The difference is what the panel
itself costs per call (its message, queue and reply steps, the evalScript stand-in and the ES3
dispatcher); the floor's figures are what the pipeline side and a node socket cost. Besides
calls/s and each process's CPU per call, it counts how often each process was scheduled in per
call (``/proc/<pid>/task/*/schedstat``): 1 means it went to sleep once per call, waiting.

Each host process is fresh, warmed up (6,000 calls: node's JIT settles after about 3,000,
``bench.warmup``), then timed in slices; the two alternate ``--pairs`` times.

    taskset -c 0 .venv/bin/python -m bench.node_floor [--pairs 2] [--slices 4] [--calls 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import time
from pathlib import Path
from typing import NamedTuple

import orjson

from bench.common import PEER_CPU, SMALL_REPLY, pinned
from bench.pipeline import cpu_ns, schedstat
from bench.stacks import aerpc as aerpc_stack

WAIT_S = 30.0
WARMUP = 6000
ECHO_HOST = Path(__file__).resolve().parent / "stacks" / "node-echo-host.js"


def host_argv(kind: str, url: str, token: str) -> list[str]:
    if kind == "panel":
        return aerpc_stack.node_panel_argv(url, token)
    return ["node", str(ECHO_HOST), url, token, orjson.dumps(SMALL_REPLY).decode()]


class Slice(NamedTuple):
    """The figures of one slice of sequential calls."""

    rate: float  # calls/s
    pipeline_cpu: float  # µs per call
    host_cpu: float  # µs per call
    pipeline_runs: float  # times the pipeline process was scheduled in, per call
    host_runs: float  # the same for the host process


async def measure(kind: str, slices: int, calls: int, warmup: int = WARMUP) -> list[Slice]:
    """The figures of each slice of ``calls``, for a fresh host (``"panel"`` or ``"floor"``)
    after ``warmup`` calls (``bench.warmup``: none)."""
    side = aerpc_stack.PipelineSide()
    await side.start()
    argv = pinned(PEER_CPU, host_argv(kind, side.url, side.token))
    host = await asyncio.create_subprocess_exec(
        *argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    out: list[Slice] = []
    me = os.getpid()
    try:
        caller = await side.connected(WAIT_S, kind)
        for _ in range(warmup):
            await caller.small()
        for _ in range(slices):
            runs0, host_runs0 = schedstat(me, 2), schedstat(host.pid, 2)
            host0, cpu0, t0 = cpu_ns(host.pid), time.process_time(), time.perf_counter()
            for _ in range(calls):
                await caller.small()
            wall = time.perf_counter() - t0
            out.append(
                Slice(
                    calls / wall,
                    (time.process_time() - cpu0) / calls * 1e6,
                    (cpu_ns(host.pid) - host0) / calls / 1000,
                    (schedstat(me, 2) - runs0) / calls,
                    (schedstat(host.pid, 2) - host_runs0) / calls,
                )
            )
    finally:
        host.terminate()
        await asyncio.wait_for(host.wait(), WAIT_S)
        await side.stop()
    return out


async def main(pairs: int, slices: int, calls: int) -> None:
    figures: dict[str, list[Slice]] = {"floor": [], "panel": []}
    for _ in range(pairs):
        for kind in ("floor", "panel"):
            figures[kind] += await measure(kind, slices, calls)
    n = pairs * slices
    print(f"aerpc server, sequential small get_items; medians of {n} slices of {calls} calls")
    print(
        "| host | calls/s | pipeline CPU µs/call | host CPU µs/call | pipeline scheduled in "
        "per call | host scheduled in per call |\n|---|---:|---:|---:|---:|---:|"
    )
    for kind, label in (("floor", "bare node host (floor)"), ("panel", "the panel in node")):
        m = Slice(*(statistics.median(column) for column in zip(*figures[kind], strict=True)))
        print(
            f"| {label} | {m.rate:,.0f} | {m.pipeline_cpu:.0f} | {m.host_cpu:.0f} | "
            f"{m.pipeline_runs:.2f} | {m.host_runs:.2f} |"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=2)
    parser.add_argument("--slices", type=int, default=4)
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()
    asyncio.run(main(args.pairs, args.slices, args.calls))
