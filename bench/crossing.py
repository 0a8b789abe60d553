"""Host calls through a modelled evalScript crossing: the node panel with ``--crossing-ms``.

Each ``evalScript`` of the node stand-in runs a fixed latency after it is made
(``runtime/cep/node/csinterface.js``): a model of the crossing from the panel into ExtendScript
and back, not a measurement of After Effects. The pipeline side (``aerpc.runtime.Server``, the
typed ``AsyncAfterEffects``) makes the bench's small ``get_items`` with 1 and with 16 calls in
flight; the panel's ``--control`` status gives the crossings made (``evalCount``). Per mode and
round: calls per crossing and wall ms per crossing (their ratio is the throughput, so a change
that puts several calls in one crossing shows as one number: calls per crossing).

    .venv/bin/python -m bench.crossing [--crossing-ms 5] [--rounds 5] [--calls 160] [--output F]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.stacks.aerpc import BENCH_JSX, RUN_PANEL

WAIT_S = 30.0


class ControlledPanel:
    """``run-panel.js --control`` as a subprocess: its status on demand, its events drained."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.replies: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        assert self.proc.stdout is not None
        while line := await self.proc.stdout.readline():
            message = json.loads(line)
            if message.get("tag") == "status":
                await self.replies.put(message["result"])

    async def status(self) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(b'{"op":"status","tag":"status"}\n')
        await self.proc.stdin.drain()
        return await asyncio.wait_for(self.replies.get(), WAIT_S)

    async def stop(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            await asyncio.wait_for(self.proc.wait(), WAIT_S)
        except TimeoutError:
            self.proc.kill()
            await self.proc.wait()
        self.reader.cancel()


async def measure(crossing_ms: float, rounds: int, calls: int, cpu: str) -> dict[str, Any]:
    from aerpc import aftereffects
    from aerpc.aftereffects import AsyncAfterEffects

    server = aftereffects.server()
    await server.start_async()
    argv = ["node", str(RUN_PANEL), "--url", server.url, "--token", server.token]
    argv += ["--sim-project", "empty", "--extra-jsx", str(BENCH_JSX), "--no-launched"]
    argv += ["--crossing-ms", str(crossing_ms), "--control"]
    if cpu:
        argv = ["taskset", "-c", cpu, *argv]
    proc = await asyncio.create_subprocess_exec(
        *argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    panel = ControlledPanel(proc)
    try:
        ae = AsyncAfterEffects(await server.wait_for_host_async(WAIT_S))

        async def worker(count: int) -> None:
            for _ in range(count):
                await ae.get_items(comps=True, folders=False, footages=False)

        async def run(in_flight: int, total: int) -> dict[str, float]:
            before = (await panel.status())["evalCount"]
            t0 = time.perf_counter()
            await asyncio.gather(*(worker(total // in_flight) for _ in range(in_flight)))
            wall = time.perf_counter() - t0
            crossings = (await panel.status())["evalCount"] - before
            done = (total // in_flight) * in_flight
            return {
                "calls": done,
                "crossings": crossings,
                "calls_per_crossing": done / crossings,
                "ms_per_crossing": wall * 1000 / crossings,
                "calls_per_s": done / wall,
            }

        await run(16, 32)  # warm-up
        modes: dict[str, list[dict[str, float]]] = {"seq": [], "conc16": []}
        for _ in range(rounds):
            modes["seq"].append(await run(1, max(16, calls // 4)))
            modes["conc16"].append(await run(16, calls))
    finally:
        await panel.stop()
        await server.stop_async()
    summary = {
        mode: {
            key: statistics.median(r[key] for r in runs)
            for key in ("calls_per_crossing", "ms_per_crossing", "calls_per_s")
        }
        for mode, runs in modes.items()
    }
    return {"crossing_ms": crossing_ms, "rounds": rounds, "summary": summary, "runs": modes}


def table(data: dict[str, Any]) -> list[str]:
    """The modelled-crossing rows (median over rounds)."""
    lines = [
        f"Host calls through a modelled evalScript crossing of {data['crossing_ms']:g} ms (node "
        f"panel, --crossing-ms: a model, not a measurement); median of {data['rounds']} rounds",
        "",
        "| mode | calls per crossing | wall ms per crossing | calls/s |",
        "|---|---:|---:|---:|",
    ]
    for mode, label in (("seq", "1 in flight"), ("conc16", "16 in flight")):
        row = data["summary"][mode]
        lines.append(
            f"| {label} | {row['calls_per_crossing']:.2f} | {row['ms_per_crossing']:.2f} "
            f"| {row['calls_per_s']:,.0f} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="bench.crossing", description=__doc__.split("\n\n")[0])
    p.add_argument("--crossing-ms", type=float, default=5.0)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--calls", type=int, default=160, help="calls per round with 16 in flight")
    p.add_argument("--cpu", default="1", help="taskset CPU list for node ('' for none)")
    p.add_argument("--output", type=Path, help="write the figures as JSON here, print nothing")
    args = p.parse_args(argv)
    data = asyncio.run(measure(args.crossing_ms, args.rounds, args.calls, args.cpu))
    if args.output is not None:
        args.output.write_text(json.dumps(data) + "\n", encoding="utf-8")
    else:
        print("\n".join(table(data)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
