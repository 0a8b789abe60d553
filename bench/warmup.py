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

from bench.node_floor import measure


async def main(count: int, calls: int) -> None:
    figures = await measure("panel", count, calls, warmup=0)
    print(f"node panel, sequential small calls, slices of {calls} from its first call:")
    print("| slice | calls/s | panel CPU µs/call |\n|---:|---:|---:|")
    for k, figure in enumerate(figures, 1):
        print(f"| {k} | {figure.rate:,.0f} | {figure.host_cpu:.0f} |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--slices", type=int, default=8)
    parser.add_argument("--calls", type=int, default=800)
    args = parser.parse_args()
    asyncio.run(main(args.slices, args.calls))
