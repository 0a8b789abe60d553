"""``make bench``: every measure in one run; prints the tables, writes bench/results/latest.json.

The orchestrator stays unpinned and mostly asleep. It starts, in turn:

1. ``--runs`` fresh pipeline processes (``taskset -c 0``), each spawning its peers on CPU 1 and
   running ``--rounds`` interleaved rounds of every (stack, mode) with a rotating stack order;
2. one more pipeline process for the memory check (aerpc, 100,000 calls after a warm-up);
3. one process (``taskset -c 0``) for validation alone, import time and codegen time.

Every ratio is computed within a run, then the median and min–max over runs are reported.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from bench import report
from bench.common import PYTHON, ROOT, SERVER_CPU, pinned
from bench.micro import MicroConfig
from bench.pipeline import STACKS, PipelineConfig

RESULTS = ROOT / "bench" / "results"


def machine() -> dict[str, Any]:
    model = "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mhz = None
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("cpu MHz"):
                    mhz = float(line.split(":", 1)[1])
                    break
    except OSError:
        pass
    mem_kib = None
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            mem_kib = int(f.readline().split()[1])
    except (OSError, ValueError, IndexError):
        pass
    versions: dict[str, str] = {}
    for dist in ("aiohttp", "orjson", "jsonschema", "jsonschema-rs", "wsrpc-aiohttp", "aerpc"):
        try:
            versions[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            versions[dist] = "not installed"
    node = shutil.which("node")
    if node is not None:
        out = subprocess.run([node, "--version"], capture_output=True, text=True, check=False)
        versions["node"] = out.stdout.strip()
    return {
        "nproc": os.cpu_count(),
        "cpu_model": model,
        "cpu_mhz": mhz,
        "memory_gib": round(mem_kib / 2**20, 1) if mem_kib else None,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "versions": versions,
        "loadavg_at_start": os.getloadavg(),
        "taskset": shutil.which("taskset") is not None,
    }


def _run_json(argv: list[str], output: Path, label: str, timeout: float) -> dict[str, Any]:
    """Run a bench process that writes JSON to ``output``; its stderr is shown on failure."""
    proc = subprocess.run(
        argv, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    if proc.returncode != 0 or not output.exists():
        logs = "".join(
            f"\n--- {p.name}\n{p.read_text(errors='replace')[-2000:]}"
            for p in sorted(output.parent.glob("*.log"))
        )
        raise RuntimeError(
            f"{label} failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}{proc.stdout[-2000:]}"
            f"{logs}"
        )
    data: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    return data


def _progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="smoke run: 1 run, 2 small rounds")
    p.add_argument("--runs", type=int, help="fresh process pairs (default 5; quick 1)")
    p.add_argument("--rounds", type=int, help="interleaved rounds per run (default 5; quick 2)")
    p.add_argument(
        "--calls", type=int, help="small calls per (stack, mode) per round (default 1000)"
    )
    p.add_argument("--big-calls", type=int, help="10k-item calls per stack per round (default 8)")
    p.add_argument(
        "--stacks",
        default=",".join(STACKS),
        help=f"comma-separated subset of {','.join(STACKS)}",
    )
    p.add_argument("--no-memory", action="store_true", help="skip the 100k-call memory check")
    p.add_argument("--no-micro", action="store_true", help="skip validation/import/codegen")
    p.add_argument(
        "--profile",
        metavar="STACK:MODE",
        help="instead of the bench: profile one stack and mode (e.g. aerpc:seq) and print the "
        "top functions (pyinstrument if installed, and cProfile)",
    )
    p.add_argument("--profile-calls", type=int, default=20_000)
    p.add_argument("--output", type=Path, help="JSON output (default bench/results/latest.json)")
    return p.parse_args(argv)


def profile(args: argparse.Namespace, tmp: Path) -> int:
    stack, _, mode = str(args.profile).partition(":")
    config = PipelineConfig(
        phase="profile",
        output=str(tmp / "profile.json"),
        stacks=[stack],
        profile_stack=stack,
        profile_mode=mode or "seq",
        profile_calls=args.profile_calls,
    )
    argv = pinned(SERVER_CPU, [PYTHON, "-m", "bench.pipeline", json.dumps(asdict(config))])
    result = _run_json(argv, tmp / "profile.json", "profile", 600)
    keep = RESULTS / f"profile-{stack}-{config.profile_mode}"
    for key in ("pyinstrument", "cprofile", "cprofile_loop"):
        if key in result:
            src = Path(result[key])
            dst = keep.with_suffix(src.suffix if key == "pyinstrument" else "").with_name(
                keep.name + "".join(src.suffixes)
            )
            shutil.copy(src, dst)
            result[key] = str(dst.relative_to(ROOT))
    if "skipped" in result:
        print(f"not profiled: {result['skipped']}")
        return 1
    print(f"{stack} {config.profile_mode}: {result['calls']} calls; cProfile tottime, top:")
    for row in result["top_tottime"]:
        print(
            f"  {row['tottime_share'] * 100:5.1f}%  {row['tottime_us_per_call']:7.2f} µs/call"
            f"  (cum {row['cumtime_us_per_call']:7.2f})  {row['ncalls']:>8}  {row['function']}"
        )
    for key in ("pyinstrument", "cprofile", "cprofile_loop"):
        if key in result:
            print(f"{key}: {result[key]}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="aerpc-bench-") as tmpdir:
        tmp = Path(tmpdir)
        if args.profile:
            return profile(args, tmp)
        return bench(args, tmp)


def bench(args: argparse.Namespace, tmp: Path) -> int:
    started = time.perf_counter()
    quick = args.quick
    runs = args.runs or (1 if quick else 5)
    rounds = args.rounds or (2 if quick else 5)
    small = args.calls or (300 if quick else 1000)
    big = args.big_calls or (3 if quick else 8)
    stacks = [s for s in args.stacks.split(",") if s]
    unknown = set(stacks) - set(STACKS)
    if unknown:
        raise SystemExit(f"unknown stacks: {', '.join(sorted(unknown))}")
    output = args.output or (RESULTS / ("quick.json" if quick else "latest.json"))
    info = machine()
    _progress(
        f"bench: {runs} run(s) x {rounds} round(s), {small} small / {big} big calls per "
        f"(stack, mode) per round; pipeline on CPU {SERVER_CPU}, peers on CPU 1"
    )

    run_results: list[dict[str, Any]] = []
    skipped: dict[str, str] = {}
    for k in range(runs):
        t0 = time.perf_counter()
        out = tmp / f"run{k}" / "result.json"
        out.parent.mkdir()
        config = PipelineConfig(
            phase="rpc",
            output=str(out),
            run_index=k,
            rounds=rounds,
            stacks=stacks,
            calls={"seq": small, "conc16": small, "sync": small, "big": big},
            warmup={
                "seq": max(100, small // 3),
                "conc16": max(160, small // 3),
                "sync": max(100, small // 3),
                "big": 2,
            },
        )
        argv = pinned(SERVER_CPU, [PYTHON, "-m", "bench.pipeline", json.dumps(asdict(config))])
        result = _run_json(argv, out, f"run {k + 1}", 600)
        skipped.update(result.get("skipped", {}))
        run_results.append(result)
        _progress(f"bench: run {k + 1}/{runs} done in {time.perf_counter() - t0:.1f} s")

    memory: dict[str, Any] = {}
    if not args.no_memory and "aerpc" in stacks:
        t0 = time.perf_counter()
        out = tmp / "memory" / "result.json"
        out.parent.mkdir()
        config = PipelineConfig(
            phase="memory",
            output=str(out),
            stacks=["aerpc"],
            memory_warmup=2_000 if quick else 10_000,
            memory_calls=10_000 if quick else 100_000,
        )
        argv = pinned(SERVER_CPU, [PYTHON, "-m", "bench.pipeline", json.dumps(asdict(config))])
        memory = _run_json(argv, out, "memory check", 600)
        _progress(f"bench: memory check done in {time.perf_counter() - t0:.1f} s")

    micro: dict[str, Any] = {}
    if not args.no_micro:
        t0 = time.perf_counter()
        out = tmp / "micro.json"
        mconfig = (
            MicroConfig(
                output=str(out),
                rounds=3,
                small_calls=5_000,
                big_calls=3,
                import_repeats=3,
                codegen_repeats=1,
            )
            if quick
            else MicroConfig(output=str(out))
        )
        argv = pinned(SERVER_CPU, [PYTHON, "-m", "bench.micro", json.dumps(asdict(mconfig))])
        micro = _run_json(argv, out, "micro measures", 600)
        _progress(f"bench: validation/import/codegen done in {time.perf_counter() - t0:.1f} s")

    summary = report.summarize_rpc(run_results)
    data: dict[str, Any] = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.argv[0]).as_posix(), *sys.argv[1:]]),
        "machine": info,
        "method": {
            "runs": runs,
            "rounds_per_run": rounds,
            "small_calls_per_round": small,
            "big_calls_per_round": big,
            "pinning": "pipeline process taskset -c 0; peer processes taskset -c 1",
            "small_call": "get_items(comps=True) -> 1 ProjectItem",
            "big_call": "get_items(comps=True, folders=True, footages=True) -> 10,000 ProjectItems",
        },
        "rpc": {
            "summary": summary,
            "ratios": report.ratios(run_results),
            "skipped": skipped,
            "runs": run_results,
        },
        "memory": memory,
        "micro": micro,
    }
    data["targets"] = report.targets(data)
    data["elapsed_s"] = time.perf_counter() - started
    output.write_text(json.dumps(data, indent=1, default=str) + "\n", encoding="utf-8")

    print()
    print(
        f"aerpc bench, {data['date']}: {info['nproc']} x {info['cpu_model']}, Python "
        f"{info['python']}, aiohttp {info['versions']['aiohttp']}, wsrpc-aiohttp "
        f"{info['versions']['wsrpc-aiohttp']}, node {info['versions'].get('node', '-')}; "
        f"{runs} runs x {rounds} rounds"
    )
    print()
    print("\n".join(report.targets_table(data["targets"])))
    print()
    print("\n".join(report.rpc_table(summary, skipped)))
    print()
    print("\n".join(report.ratio_table(data["rpc"]["ratios"])))
    if micro:
        print()
        print("\n".join(report.micro_table(micro)))
    if memory and "rss_growth" in memory:
        print()
        mib = report.MiB
        peer_growth = (
            (memory["peer_rss_after"] - memory["peer_rss_before"]) / mib
            if memory.get("peer_rss_after") is not None
            else float("nan")
        )
        print(
            f"memory, aerpc pipeline process, {memory['calls']:,} calls after "
            f"{memory['warmup_calls']:,}: RSS {memory['rss_growth'] / mib:+.2f} MiB, "
            f"tracemalloc {memory['tracemalloc_growth'] / 1024:+.1f} KiB, gc objects "
            f"{memory['gc_objects_growth']:+d}, calls pending {memory['pending_calls_after']}; "
            f"peer (HostPeer) RSS {peer_growth:+.2f} MiB"
        )
    print()
    print(f"raw figures: {output.relative_to(ROOT)}; total {data['elapsed_s']:.0f} s")
    return 0
