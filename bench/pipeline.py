"""The pipeline process (pinned to CPU 0): starts every stack's server, spawns the peers on CPU 1,
then makes the calls and writes its figures as JSON.

    python -m bench.pipeline '<config JSON>'     (run by bench/run.py; see PipelineConfig)

Phases: ``rpc`` (every stack and mode, interleaved rounds), ``memory`` (aerpc only: 100,000 calls
after a warm-up, RSS, tracemalloc and object counts) and ``profile`` (one stack and mode under a
profiler).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import gc
import importlib
import json
import os
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

from bench.common import (
    BIG_ITEMS,
    MODES,
    PEER_CPU,
    PYTHON,
    ROOT,
    SMALL_REPLY,
    emit_json,
    percentile,
    pinned,
    rss_bytes,
)
from bench.stacks import aerpc as aerpc_stack
from bench.stacks import wsrpc as wsrpc_stack
from bench.stacks.base import Caller
from bench.stacks.raw import RawServer

STACKS = ("raw", "wsrpc_raw", "wsrpc", "aerpc_raw", "aerpc", "aerpc_node")
CONCURRENCY = 16


@dataclass
class PipelineConfig:
    phase: str = "rpc"  # rpc | memory | profile
    output: str = ""
    run_index: int = 0
    rounds: int = 5
    stacks: list[str] = field(default_factory=lambda: list(STACKS))
    modes: list[str] = field(default_factory=lambda: list(MODES))
    calls: dict[str, int] = field(
        default_factory=lambda: {"seq": 1000, "conc16": 1000, "sync": 1000, "big": 8}
    )
    warmup: dict[str, int] = field(
        default_factory=lambda: {"seq": 300, "conc16": 320, "sync": 300, "big": 2}
    )
    memory_warmup: int = 10_000
    memory_calls: int = 100_000
    profile_stack: str = "aerpc"
    profile_mode: str = "seq"
    profile_calls: int = 20_000
    profile_peer: bool = False  # profile the peer process too (cProfile; node: --cpu-prof)
    connect_timeout: float = 30.0


@dataclass
class Accumulator:
    """The samples of one (stack, mode) over the rounds of a run."""

    calls: int = 0
    wall_ns: int = 0
    cpu_s: float = 0.0
    latencies_ns: list[int] = field(default_factory=list)
    rounds_calls_per_s: list[float] = field(default_factory=list)
    peer_cpu_ns: int = 0

    def summary(self) -> dict[str, Any]:
        lat = sorted(self.latencies_ns)
        return {
            "calls": self.calls,
            "wall_s": self.wall_ns / 1e9,
            "calls_per_s": self.calls / (self.wall_ns / 1e9) if self.wall_ns else float("nan"),
            "server_cpu_us_per_call": self.cpu_s / self.calls * 1e6 if self.calls else None,
            "peer_cpu_us_per_call": self.peer_cpu_ns / self.calls / 1e3 if self.calls else None,
            "p50_us": percentile(lat, 0.50) / 1e3,
            "p99_us": percentile(lat, 0.99) / 1e3,
            "max_us": (lat[-1] / 1e3) if lat else None,
            "rounds_calls_per_s": self.rounds_calls_per_s,
        }


# -- the modes --------------------------------------------------------------------------------


async def run_seq(fn: Callable[[], Awaitable[object]], n: int, acc: Accumulator | None) -> None:
    pc = time.perf_counter_ns
    lat: list[int] = []
    append = lat.append
    cpu0 = time.process_time()
    t0 = pc()
    for _ in range(n):
        t = pc()
        await fn()
        append(pc() - t)
    wall = pc() - t0
    cpu = time.process_time() - cpu0
    _add(acc, n, wall, cpu, lat)


async def run_conc(fn: Callable[[], Awaitable[object]], n: int, acc: Accumulator | None) -> None:
    pc = time.perf_counter_ns
    lat: list[int] = []
    append = lat.append
    per_worker = max(1, n // CONCURRENCY)

    async def worker() -> None:
        for _ in range(per_worker):
            t = pc()
            await fn()
            append(pc() - t)

    cpu0 = time.process_time()
    t0 = pc()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    wall = pc() - t0
    cpu = time.process_time() - cpu0
    _add(acc, per_worker * CONCURRENCY, wall, cpu, lat)


def _sync_slice(fn: Callable[[], object], n: int) -> tuple[int, float, list[int]]:
    pc = time.perf_counter_ns
    lat: list[int] = []
    append = lat.append
    t0 = pc()
    for _ in range(n):
        t = pc()
        fn()
        append(pc() - t)
    return pc() - t0, 0.0, lat


async def run_sync(
    fn: Callable[[], object],
    n: int,
    acc: Accumulator | None,
    thread: concurrent.futures.ThreadPoolExecutor,
) -> None:
    loop = asyncio.get_running_loop()
    cpu0 = time.process_time()
    wall, _, lat = await loop.run_in_executor(thread, _sync_slice, fn, n)
    cpu = time.process_time() - cpu0
    _add(acc, n, wall, cpu, lat)


def _add(acc: Accumulator | None, n: int, wall: int, cpu: float, lat: list[int]) -> None:
    if acc is None:
        return
    acc.calls += n
    acc.wall_ns += wall
    acc.cpu_s += cpu
    acc.latencies_ns.extend(lat)
    acc.rounds_calls_per_s.append(n / (wall / 1e9))


async def run_mode(
    caller: Caller,
    mode: str,
    n: int,
    acc: Accumulator | None,
    thread: concurrent.futures.ThreadPoolExecutor,
) -> None:
    if mode == "seq":
        await run_seq(caller.small, n, acc)
    elif mode == "conc16":
        await run_conc(caller.small, n, acc)
    elif mode == "big":
        await run_seq(caller.big, n, acc)
    elif mode == "sync":
        assert caller.small_blocking is not None
        await run_sync(caller.small_blocking, n, acc, thread)
    else:
        raise ValueError(f"unknown mode {mode!r}")


# -- setting up the stacks --------------------------------------------------------------------


class Stacks:
    """The servers of every stack, the peer processes and, once connected, the callers."""

    def __init__(self, config: PipelineConfig):
        self.config = config
        self.wanted = set(config.stacks)
        self.callers: dict[str, Caller] = {}
        self.skipped: dict[str, str] = {}
        self.children: list[subprocess.Popen[bytes]] = []
        self.logs: list[Any] = []
        self._runner: web.AppRunner | None = None
        self._aerpc: dict[str, aerpc_stack.PipelineSide] = {}
        self.peer_pids: dict[str, int] = {}

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        timeout = self.config.connect_timeout
        raw = RawServer()
        app = web.Application()
        app.router.add_get("/raw", raw.handler)
        app.router.add_get("/wsrpc_raw", wsrpc_stack.ForEchoPeer)
        app.router.add_get("/wsrpc", wsrpc_stack.ForWsrpcPeer)
        runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        self._runner = runner
        base = f"ws://127.0.0.1:{site.port}"

        peers: dict[str, Any] = {}
        if "raw" in self.wanted:
            peers["raw"] = base + "/raw"
        if "wsrpc_raw" in self.wanted:
            peers["wsrpc_raw"] = base + "/wsrpc_raw"
        if "wsrpc" in self.wanted:
            peers["wsrpc"] = base + "/wsrpc"
        for name in ("aerpc_raw", "aerpc", "aerpc_node"):
            if name not in self.wanted:
                continue
            why = aerpc_stack.unavailable(name)
            if why is not None:
                self.skipped[name] = why
                continue
            side = aerpc_stack.PipelineSide()
            await side.start()
            self._aerpc[name] = side
            if name == "aerpc_node":
                self._spawn_node(side)
            else:
                peers[name] = {"url": side.url, "token": side.token}

        if peers:
            self._spawn("panel", [PYTHON, "-m", "bench.panel", json.dumps(peers)])

        if "raw" in peers:
            async with asyncio.timeout(timeout):
                await raw.connected.wait()
            self.callers["raw"] = raw.caller(loop)
        if "wsrpc_raw" in peers:
            async with asyncio.timeout(timeout):
                socket = await wsrpc_stack.connected(wsrpc_stack.ForEchoPeer)
            self.callers["wsrpc_raw"] = wsrpc_stack.caller(socket, loop, "wsrpc_raw")
        if "wsrpc" in peers:
            async with asyncio.timeout(timeout):
                socket = await wsrpc_stack.connected(wsrpc_stack.ForWsrpcPeer)
            self.callers["wsrpc"] = wsrpc_stack.caller(socket, loop, "wsrpc")
        for name, side in self._aerpc.items():
            try:
                self.callers[name] = await side.connected(timeout, name)
            except Exception as exc:
                self.skipped[name] = f"the peer did not connect: {type(exc).__name__}: {exc}"
        await self._verify()

    def _spawn_node(self, side: aerpc_stack.PipelineSide) -> None:
        self._spawn("node", aerpc_stack.node_panel_argv(side.url, side.token))

    def _spawn(self, name: str, argv: list[str]) -> None:
        """Start a peer process pinned to the peer CPU; its output goes to a log file."""
        log = self._log(name)
        env = dict(os.environ)
        if self.config.profile_peer:
            out = Path(self.config.output).parent
            if name == "node":
                argv = [
                    argv[0],
                    "--cpu-prof",
                    f"--cpu-prof-dir={out / 'node-cpuprofile'}",
                    *argv[1:],
                ]
            else:
                env["AERPC_BENCH_PEER_PROFILE"] = str(out / "peer.pstats")
        child = subprocess.Popen(pinned(PEER_CPU, argv), cwd=ROOT, stdout=log, stderr=log, env=env)
        self.children.append(child)
        self.peer_pids[name] = child.pid

    def _log(self, name: str) -> Any:
        directory = Path(self.config.output).parent if self.config.output else ROOT / "bench"
        path = directory / f"{name}-{os.getpid()}.log"
        f = open(path, "wb")  # noqa: SIM115  # closed in stop()
        self.logs.append((f, path))
        return f

    async def _verify(self) -> None:
        """Every caller gets the expected answers (small, big, blocking) before timing."""
        loop = asyncio.get_running_loop()
        for name, caller in list(self.callers.items()):
            try:
                small = await caller.small()
                if small != SMALL_REPLY:
                    raise AssertionError(f"small reply: {small!r:.200}")
                big = await caller.big()
                if not isinstance(big, list) or len(big) != BIG_ITEMS:
                    raise AssertionError(f"big reply of {type(big).__name__}")
                if caller.small_blocking is not None:
                    blocking = await loop.run_in_executor(None, caller.small_blocking)
                    if blocking != SMALL_REPLY:
                        raise AssertionError(f"blocking reply: {blocking!r:.200}")
            except Exception as exc:
                del self.callers[name]
                self.skipped[name] = f"failed its check: {type(exc).__name__}: {exc}"

    async def stop(self) -> None:
        for child in self.children:
            if child.poll() is None:
                child.terminate()
        for child in self.children:
            try:
                child.wait(timeout=5)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        for side in self._aerpc.values():
            with contextlib.suppress(Exception):
                async with asyncio.timeout(5):
                    await side.stop()
        if self._runner is not None:
            with contextlib.suppress(Exception):
                async with asyncio.timeout(5):
                    await self._runner.cleanup()
        for f, path in self.logs:
            f.close()
            if path.stat().st_size == 0:
                path.unlink()


def cpu_ns(pid: int | None) -> int:
    """CPU time of every thread of process ``pid`` so far, in ns (0 if unknown)."""
    return 0 if pid is None else schedstat(pid, 0)


def schedstat(pid: int, field: int) -> int:
    """One field of ``/proc/<pid>/task/*/schedstat`` summed over the process's threads (0 if
    unknown): 0, the time run (ns); 2, how many times a thread was scheduled in."""
    total = 0
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/schedstat", encoding="ascii") as f:
                    total += int(f.read().split()[field])
            except (OSError, ValueError, IndexError):
                continue
    except OSError:
        return 0
    return total


# -- phases -----------------------------------------------------------------------------------


def _rotated(items: list[str], k: int) -> list[str]:
    if not items:
        return items
    k %= len(items)
    return items[k:] + items[:k]


async def phase_rpc(config: PipelineConfig, stacks: Stacks) -> dict[str, Any]:
    thread = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="bench-sync")
    names = [s for s in STACKS if s in stacks.callers]
    modes = [m for m in MODES if m in config.modes]
    acc = {(s, m): Accumulator() for s in names for m in modes}
    try:
        for mode in modes:  # warm-up: every (stack, mode) once
            for name in names:
                await run_mode(stacks.callers[name], mode, config.warmup[mode], None, thread)
        gc.collect()
        for r in range(config.rounds):
            order = _rotated(names, config.run_index * config.rounds + r)
            for mode in modes:
                for name in order:
                    gc.collect()
                    n = config.calls[mode]
                    peer = stacks.peer_pids.get("node" if name == "aerpc_node" else "panel")
                    peer0 = cpu_ns(peer)
                    await run_mode(stacks.callers[name], mode, n, acc[name, mode], thread)
                    acc[name, mode].peer_cpu_ns += cpu_ns(peer) - peer0
    finally:
        thread.shutdown(wait=True)
    results: dict[str, Any] = {}
    for (name, mode), a in acc.items():
        results.setdefault(name, {})[mode] = a.summary()
    return {"stacks": results, "skipped": stacks.skipped}


async def phase_memory(config: PipelineConfig, stacks: Stacks) -> dict[str, Any]:
    caller = stacks.callers.get("aerpc")
    if caller is None:
        return {"skipped": stacks.skipped.get("aerpc", "no aerpc stack")}
    small = caller.small
    for _ in range(config.memory_warmup):
        await small()
    gc.collect()
    objects0 = len(gc.get_objects())
    rss0 = rss_bytes()
    peer_pid = stacks.peer_pids.get("panel")
    peer_rss0 = rss_bytes(peer_pid) if peer_pid else None
    tracemalloc.start(1)
    t0 = time.perf_counter()
    for _ in range(config.memory_calls):
        await small()
    elapsed = time.perf_counter() - t0
    gc.collect()
    traced, traced_peak = tracemalloc.get_traced_memory()
    snapshot = tracemalloc.take_snapshot()
    tracemalloc.stop()
    gc.collect()
    rss1 = rss_bytes()
    objects1 = len(gc.get_objects())
    top = [
        {"where": str(stat.traceback), "bytes": stat.size, "count": stat.count}
        for stat in snapshot.statistics("lineno")[:8]
    ]
    return {
        "warmup_calls": config.memory_warmup,
        "calls": config.memory_calls,
        "seconds_with_tracemalloc": elapsed,
        "rss_before": rss0,
        "rss_after": rss1,
        "rss_growth": rss1 - rss0,
        "tracemalloc_growth": traced,
        "tracemalloc_peak": traced_peak,
        "gc_objects_growth": objects1 - objects0,
        "peer_rss_before": peer_rss0,
        "peer_rss_after": rss_bytes(peer_pid) if peer_pid else None,
        "pending_calls_after": aerpc_stack.pending(stacks),
        "top_allocations": top,
    }


async def phase_profile(config: PipelineConfig, stacks: Stacks) -> dict[str, Any]:
    name, mode = config.profile_stack, config.profile_mode
    caller = stacks.callers.get(name)
    if caller is None:
        return {"skipped": stacks.skipped.get(name, f"no {name} stack")}
    thread = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="bench-sync")
    n = config.profile_calls
    made = 3 + min(n, 2000)  # the check of every caller at start, the warm-up
    await run_mode(caller, mode, min(n, 2000), None, thread)
    gc.collect()
    out = Path(config.output)
    report: dict[str, Any] = {"stack": name, "mode": mode, "calls": n}
    try:
        pyinstrument: Any = importlib.import_module("pyinstrument")
    except ImportError:
        pyinstrument = None
    if pyinstrument is not None and mode != "sync":
        profiler = pyinstrument.Profiler(interval=0.0002, async_mode="disabled")
        profiler.start()
        await run_mode(caller, mode, n, None, thread)
        profiler.stop()
        made += n
        text = profiler.output_text(unicode=False, color=False, show_all=False)
        out.with_suffix(".pyinstrument.txt").write_text(text, encoding="utf-8")
        report["pyinstrument"] = str(out.with_suffix(".pyinstrument.txt"))
    import cProfile
    import pstats

    profile = cProfile.Profile()
    if mode == "sync":
        assert caller.small_blocking is not None
        blocking = caller.small_blocking

        def profiled() -> None:
            profile.enable()
            try:
                for _ in range(n):
                    blocking()
            finally:
                profile.disable()

        # the loop thread is profiled from inside the loop, the caller thread here
        loop_profile = cProfile.Profile()
        loop_profile.enable()
        await asyncio.get_running_loop().run_in_executor(thread, profiled)
        loop_profile.disable()
        loop_stats = out.with_suffix(".loop.pstats")
        loop_profile.dump_stats(loop_stats)
        report["cprofile_loop"] = str(loop_stats)
    else:
        profile.enable()
        await run_mode(caller, mode, n, None, thread)
        profile.disable()
    made += n
    report["calls_made_total"] = made
    stats_path = out.with_suffix(".pstats")
    profile.dump_stats(stats_path)
    report["cprofile"] = str(stats_path)
    stats = pstats.Stats(profile)
    report["top_tottime"] = _top(stats, n)
    thread.shutdown(wait=True)
    return report


def _top(stats: Any, calls: int, limit: int = 25) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    total = stats.total_tt or 1.0
    entries = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:limit]
    for (filename, line, func), (_cc, ncalls, tottime, cumtime, _callers) in entries:
        rows.append(
            {
                "function": f"{Path(filename).name}:{line}({func})",
                "ncalls": ncalls,
                "tottime_share": tottime / total,
                "tottime_us_per_call": tottime / calls * 1e6,
                "cumtime_us_per_call": cumtime / calls * 1e6,
            }
        )
    return rows


async def main(config: PipelineConfig) -> dict[str, Any]:
    stacks = Stacks(config)
    started = time.perf_counter()
    try:
        await stacks.start()
        setup_s = time.perf_counter() - started
        if config.phase == "rpc":
            result = await phase_rpc(config, stacks)
        elif config.phase == "memory":
            result = await phase_memory(config, stacks)
        elif config.phase == "profile":
            result = await phase_profile(config, stacks)
        else:
            raise ValueError(f"unknown phase {config.phase!r}")
    finally:
        await stacks.stop()
    result["setup_s"] = setup_s
    result["elapsed_s"] = time.perf_counter() - started
    result["pid"] = os.getpid()
    result["affinity"] = sorted(os.sched_getaffinity(0))
    result["config"] = asdict(config)
    return result


def cli(argv: list[str]) -> int:
    config = PipelineConfig(**json.loads(argv[0]))
    emit_json(asyncio.run(main(config)), config.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(cli(sys.argv[1:]))


__all__ = ["MODES", "STACKS", "PipelineConfig", "cli"]
