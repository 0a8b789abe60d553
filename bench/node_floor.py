"""The node panel path against its floor: the same aerpc server, called sequentially, with the
built panel in node and with a bare node host (``bench/stacks/node-echo-host.js``: hello, then
one canned reply per request over the same ``ws`` package). The difference is what the panel
itself costs per call (its message, queue and reply steps, the evalScript stand-in and the ES3
dispatcher); the floor's figures are what the pipeline side and a node socket cost. Besides
calls/s and each process's CPU per call, it counts how often each process was scheduled in per
call (``/proc/<pid>/task/*/schedstat``): 1 means it went to sleep once per call, waiting.

Each host process is fresh, warmed up (6,000 calls: node's JIT settles after about 3,000,
``bench.warmup``), then timed in slices; the two alternate ``--pairs`` times.

``--phases`` starts both hosts with ``bench/panel-phases.js`` preloaded and prints, besides, each
host's critical path per request, from the frame read to the reply's send, phase by phase (the
panel's checkpoints: its handler, the request step, the queue, the host bridge, the evalScript
stand-in, the reply). Its clock reads add about 4 µs per request to the panel (less to the
bare host), and it writes its totals every 500 requests, so a slice's phases cover the requests
between the last snapshots before and after it: about the slice.

    taskset -c 0 .venv/bin/python -m bench.node_floor [--pairs 2] [--slices 4] [--calls 2000]
        [--phases]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import subprocess
import tempfile
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
PHASES_JS = Path(__file__).resolve().parent / "panel-phases.js"
TOTAL = "message to send"  # panel-phases.js: the whole critical path
PHASES_EVERY = 500  # panel-phases.js writes its totals every so many requests (EVERY)


def host_argv(kind: str, url: str, token: str, preload: Path | None = None) -> list[str]:
    if kind == "panel":
        argv = aerpc_stack.node_panel_argv(url, token)
    else:
        argv = ["node", str(ECHO_HOST), url, token, orjson.dumps(SMALL_REPLY).decode()]
    return [argv[0], "-r", str(preload), *argv[1:]] if preload is not None else argv


class Snapshot(NamedTuple):
    """What ``bench/panel-phases.js`` last wrote: requests counted, nanoseconds per phase."""

    requests: int
    ns: dict[str, int]

    @staticmethod
    def read(path: Path | None) -> Snapshot | None:
        if path is None or not path.exists():
            return None
        data = orjson.loads(path.read_bytes())
        return Snapshot(data["requests"], data["ns"])

    def per_request(self, before: Snapshot | None) -> dict[str, float] | None:
        """µs per request of each phase between ``before`` and this snapshot (None: none)."""
        n0, ns0 = (before.requests, before.ns) if before is not None else (0, {})
        n = self.requests - n0
        return {k: (v - ns0.get(k, 0)) / n / 1000 for k, v in self.ns.items()} if n else None


class Slice(NamedTuple):
    """The figures of one slice of sequential calls."""

    rate: float  # calls/s
    pipeline_cpu: float  # µs per call
    host_cpu: float  # µs per call
    pipeline_runs: float  # times the pipeline process was scheduled in, per call
    host_runs: float  # the same for the host process


async def measure(
    kind: str,
    slices: int,
    calls: int,
    warmup: int = WARMUP,
    phases: list[dict[str, float]] | None = None,
) -> list[Slice]:
    """The figures of each slice of ``calls``, for a fresh host (``"panel"`` or ``"floor"``)
    after ``warmup`` calls (``bench.warmup``: none). With ``phases``, the host runs with
    ``bench/panel-phases.js`` and each slice's phases (µs per request) are appended to it."""
    side = aerpc_stack.PipelineSide()
    await side.start()
    out_file = None
    env = dict(os.environ)
    if phases is not None:
        out_file = Path(tempfile.mkdtemp(prefix="aerpc-phases-")) / f"{kind}.json"
        env["AERPC_PHASES_OUT"] = str(out_file)
    preload = PHASES_JS if phases is not None else None
    argv = pinned(PEER_CPU, host_argv(kind, side.url, side.token, preload))
    host = await asyncio.create_subprocess_exec(
        *argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
    )
    out: list[Slice] = []
    me = os.getpid()
    try:
        caller = await side.connected(WAIT_S, kind)
        for _ in range(warmup):
            await caller.small()
        for _ in range(slices):
            snap0 = Snapshot.read(out_file)
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
            snap1 = Snapshot.read(out_file)
            slice_phases = snap1.per_request(snap0) if snap1 is not None else None
            if phases is not None and slice_phases is not None:
                phases.append(slice_phases)
    finally:
        host.terminate()
        await asyncio.wait_for(host.wait(), WAIT_S)
        await side.stop()
        if out_file is not None:
            shutil.rmtree(out_file.parent, ignore_errors=True)
    return out


async def main(pairs: int, slices: int, calls: int, with_phases: bool = False) -> None:
    figures: dict[str, list[Slice]] = {"floor": [], "panel": []}
    phases: dict[str, list[dict[str, float]]] = {"floor": [], "panel": []}
    for _ in range(pairs):
        for kind in ("floor", "panel"):
            figures[kind] += await measure(
                kind, slices, calls, phases=phases[kind] if with_phases else None
            )
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
    if with_phases:
        print_phases(phases)


def print_phases(phases: dict[str, list[dict[str, float]]]) -> None:
    """The critical path of each host per request, phase by phase (medians over slices)."""
    panel, floor = phases["panel"], phases["floor"]
    if not panel or not floor:
        print("\nno phases were recorded (is bench/panel-phases.js loading?)")
        return
    print(
        "\nthe host's critical path per request, frame read to reply send (bench/panel-phases.js);"
        f" medians of {len(panel)} slices, µs\n| phase | the panel in node | bare node host |"
        "\n|---|---:|---:|"
    )
    for name in panel[0]:
        mine = statistics.median(p[name] for p in panel)
        bare = f"{statistics.median(p[name] for p in floor):.1f}" if name == TOTAL else ""
        label = f"**{name}**" if name == TOTAL else name
        print(f"| {label} | {mine:.1f} | {bare} |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=2)
    parser.add_argument("--slices", type=int, default=4)
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument(
        "--phases", action="store_true", help="also time each host's path (panel-phases.js)"
    )
    args = parser.parse_args()
    if args.phases and args.calls < PHASES_EVERY:
        parser.error(
            f"--phases needs --calls {PHASES_EVERY} or more: bench/panel-phases.js writes its "
            f"totals every {PHASES_EVERY} requests"
        )
    asyncio.run(main(args.pairs, args.slices, args.calls, args.phases))
