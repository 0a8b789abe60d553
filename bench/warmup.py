"""How long the node panel takes to reach its steady state: sequential calls in slices.

V8 compiles a function with its optimising tiers only after it has run many times, so the
first thousands of calls through the panel in node cost more than the later ones. This prints,
for each slice of sequential small ``get_items`` calls from a fresh panel process, the calls
per second and the panel process's CPU per call (all threads, ``/proc/<pid>/task/*/schedstat``).
``make bench`` warms every stack up for five rounds' worth of calls before it measures, so that
its figures are the steady state (bench/README.md, "Warm-up").

    taskset -c 0 .venv/bin/python -m bench.warmup [--slices 8] [--calls 800]
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import time

from bench.common import PEER_CPU, pinned
from bench.pipeline import cpu_ns
from bench.stacks import aerpc as aerpc_stack
from bench.stacks.base import Caller

WAIT_S = 30.0


async def slices(caller: Caller, pid: int, count: int, calls: int) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for _ in range(count):
        cpu0, t0 = cpu_ns(pid), time.perf_counter()
        for _ in range(calls):
            await caller.small()
        wall = time.perf_counter() - t0
        out.append((calls / wall, (cpu_ns(pid) - cpu0) / calls / 1000))
    return out


async def main(count: int, calls: int) -> None:
    side = aerpc_stack.PipelineSide()
    await side.start()
    argv = pinned(PEER_CPU, aerpc_stack.node_panel_argv(side.url, side.token))
    panel = await asyncio.create_subprocess_exec(
        *argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        caller = await side.connected(WAIT_S, "aerpc_node")
        print(f"node panel, sequential small calls, slices of {calls} from its first call:")
        print("| slice | calls/s | panel CPU µs/call |\n|---:|---:|---:|")
        for k, (rate, peer) in enumerate(await slices(caller, panel.pid, count, calls), 1):
            print(f"| {k} | {rate:,.0f} | {peer:.0f} |")
    finally:
        panel.terminate()
        await asyncio.wait_for(panel.wait(), WAIT_S)
        await side.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slices", type=int, default=8)
    parser.add_argument("--calls", type=int, default=800)
    args = parser.parse_args()
    asyncio.run(main(args.slices, args.calls))
