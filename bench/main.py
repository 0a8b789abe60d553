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
import math
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
from bench.common import MODES, PEER_CPU, PYTHON, ROOT, SERVER_CPU, pinned
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


def _busy_s() -> float:
    """CPU seconds every CPU of the machine has been busy (not idle, not iowait), from /proc."""
    try:
        with open("/proc/stat", encoding="ascii") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return math.nan
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _own_s() -> float:
    """CPU seconds of this process and its waited-for descendants (every bench process)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _run_json(argv: list[str], output: Path, label: str, timeout: float) -> dict[str, Any]:
    """Run a bench process that writes JSON to ``output``; its stderr is shown on failure.

    Adds ``other_load``: the share of the machine's CPUs that processes other than the bench's
    kept busy meanwhile (a noise indicator: anything above a few percent disturbs the figures).
    """
    busy0, own0, t0 = _busy_s(), _own_s(), time.perf_counter()
    proc = subprocess.run(
        argv, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    wall = time.perf_counter() - t0
    other = (_busy_s() - busy0) - (_own_s() - own0)
    other_load = max(0.0, other) / (wall * (os.cpu_count() or 1))
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
    data["other_load"] = other_load
    return data


def _progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench/run.py", description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="smoke run: 1 run, 2 small rounds")
    p.add_argument("--runs", type=int, help="fresh process pairs (default 5; quick 1)")
    p.add_argument("--rounds", type=int, help="interleaved rounds per run (default 5; quick 2)")
    p.add_argument(
        "--calls", type=int, help="small calls per (stack, mode) per round (default 800)"
    )
    p.add_argument("--big-calls", type=int, help="10k-item calls per stack per round (default 6)")
    p.add_argument(
        "--stacks",
        default=",".join(STACKS),
        help=f"comma-separated subset of {','.join(STACKS)}",
    )
    p.add_argument(
        "--modes",
        default=",".join(MODES),
        help=f"comma-separated subset of {','.join(MODES)} (e.g. seq: no other mode runs "
        "between two sequential slices)",
    )
    p.add_argument("--no-memory", action="store_true", help="skip the 100k-call memory check")
    p.add_argument("--no-micro", action="store_true", help="skip validation/import/codegen")
    p.add_argument(
        "--no-jitless",
        action="store_true",
        help="skip the ExtendScript-side rows (ES3 codec and dispatcher vs json2, node --jitless)",
    )
    p.add_argument(
        "--no-crossing",
        action="store_true",
        help="skip the modelled-crossing rows (node panel, 5 ms per evalScript crossing)",
    )
    p.add_argument(
        "--profile",
        metavar="STACK:MODE",
        help="instead of the bench: profile one stack and mode (e.g. aerpc:seq) and print the "
        "top functions (pyinstrument if installed, and cProfile)",
    )
    p.add_argument("--profile-calls", type=int, default=20_000)
    p.add_argument(
        "--profile-peer",
        action="store_true",
        help="with --profile: profile the peer process as well (cProfile, or node --cpu-prof)",
    )
    p.add_argument("--output", type=Path, help="JSON output (default bench/results/latest.json)")
    p.add_argument(
        "--reprint",
        type=Path,
        metavar="JSON",
        help="measure nothing: print the tables of a results file again (e.g. latest.json)",
    )
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
        profile_peer=args.profile_peer,
    )
    argv = pinned(SERVER_CPU, [PYTHON, "-m", "bench.pipeline", json.dumps(asdict(config))])
    result = _run_json(argv, tmp / "profile.json", "profile", 600)
    profiles = RESULTS / "profiles"
    profiles.mkdir(exist_ok=True)
    (profiles / ".gitignore").write_text("# profiles are local artefacts\n*\n", encoding="utf-8")
    keep = profiles / f"{stack}-{config.profile_mode}"
    for key in ("pyinstrument", "cprofile", "cprofile_loop"):
        if key in result:
            src = Path(result[key])
            dst = keep.with_name(keep.name + "".join(src.suffixes))
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
    if args.profile_peer:
        print_peer_profile(tmp, keep, result["calls_made_total"])
    return 0


def print_peer_profile(tmp: Path, keep: Path, calls: int, limit: int = 25) -> None:
    """The peer's own profile: cProfile of bench.panel, or node's --cpu-prof (self time)."""
    pstats_path = tmp / "peer.pstats"
    node_dir = tmp / "node-cpuprofile"
    if pstats_path.exists():
        import pstats

        dst = keep.with_name(keep.name + ".peer.pstats")
        shutil.copy(pstats_path, dst)
        stats = pstats.Stats(str(pstats_path))
        print(
            f"peer process (cProfile), top by tottime, per request served; {dst.relative_to(ROOT)}:"
        )
        rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)[:limit]  # type: ignore[attr-defined]
        total = stats.total_tt or 1.0  # type: ignore[attr-defined]
        for (filename, line, func), (_cc, ncalls, tottime, _cum, _callers) in rows:
            print(
                f"  {tottime / total * 100:5.1f}%  {tottime / calls * 1e6:7.2f} µs/call"
                f"  {ncalls:>8}  {Path(filename).name}:{line}({func})"
            )
    elif node_dir.exists():
        for path in sorted(node_dir.glob("*.cpuprofile")):
            dst = keep.with_name(keep.name + ".node.cpuprofile")
            shutil.copy(path, dst)
            saved = dst.relative_to(ROOT)
            print(f"peer process (node --cpu-prof), top self time, per request; {saved}:")
            for share, ms, where in node_self_time(path)[:limit]:
                print(f"  {share * 100:5.1f}%  {ms / calls * 1e3:7.2f} µs/call  {where}")
    else:
        print("no peer profile was written")


def node_self_time(path: Path) -> list[tuple[float, float, str]]:
    """(share, ms, function) by self time from a V8 .cpuprofile, idle and GC included."""
    profile = json.loads(path.read_text(encoding="utf-8"))
    nodes = {node["id"]: node for node in profile["nodes"]}
    deltas = profile.get("timeDeltas", [])
    self_us: dict[str, float] = {}
    for sample, delta in zip(profile.get("samples", []), [*deltas[1:], 0], strict=False):
        frame = nodes[sample]["callFrame"]
        name = frame.get("functionName") or "(anonymous)"
        url = frame.get("url", "").rsplit("/", 1)[-1]
        where = f"{name} {url}:{frame.get('lineNumber', -1) + 1}" if url else name
        self_us[where] = self_us.get(where, 0.0) + delta
    busy = sum(v for k, v in self_us.items() if not k.startswith("(idle)")) or 1.0
    rows = [(v / busy, v / 1e3, k) for k, v in self_us.items() if not k.startswith("(idle)")]
    return sorted(rows, reverse=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    if args.reprint:
        data = json.loads(args.reprint.read_text(encoding="utf-8"))
        data["targets"] = report.targets(data)
        print_tables(data)
        return 0
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
    small = args.calls or (300 if quick else 800)
    big = args.big_calls or (3 if quick else 6)
    stacks = [s for s in args.stacks.split(",") if s]
    unknown = set(stacks) - set(STACKS)
    if unknown:
        raise SystemExit(f"unknown stacks: {', '.join(sorted(unknown))}")
    modes = [m for m in args.modes.split(",") if m]
    if not modes or set(modes) - set(MODES):
        raise SystemExit(f"--modes: a comma-separated subset of {','.join(MODES)}")
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
            modes=modes,
            calls={"seq": small, "conc16": small, "sync": small, "big": big},
            # Long enough for node's JIT to reach its steady state (V8 tiers a function up
            # after thousands of calls; bench/README.md "Warm-up"): every stack gets the same.
            warmup=(
                {"seq": 100, "conc16": 160, "sync": 100, "big": 2}
                if quick
                else {"seq": 5 * small, "conc16": 2 * small, "sync": 2 * small, "big": 4}
            ),
        )
        argv = pinned(SERVER_CPU, [PYTHON, "-m", "bench.pipeline", json.dumps(asdict(config))])
        result = _run_json(argv, out, f"run {k + 1}", 600)
        skipped.update(result.get("skipped", {}))
        run_results.append(result)
        _progress(
            f"bench: run {k + 1}/{runs} done in {time.perf_counter() - t0:.1f} s "
            f"(other processes kept {result['other_load']:.0%} of the CPUs busy)"
        )

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

    jitless: dict[str, Any] = {}
    if not args.no_jitless:
        t0 = time.perf_counter()
        out = tmp / "jitless.json"
        node = shutil.which("node") or "node"
        script = str(ROOT / "bench" / "jsx-jitless.js")
        jrounds = "3" if quick else "7"
        argv = pinned(
            PEER_CPU, [node, "--jitless", script, "--rounds", jrounds, "--output", str(out)]
        )
        jitless = _run_json(argv, out, "jitless ES3 measures", 600)
        _progress(f"bench: ExtendScript side (--jitless) done in {time.perf_counter() - t0:.1f} s")

    crossing: dict[str, Any] = {}
    if not args.no_crossing and shutil.which("node") is not None:
        t0 = time.perf_counter()
        out = tmp / "crossing.json"
        crounds = "2" if quick else "5"
        argv = pinned(SERVER_CPU, [PYTHON, "-m", "bench.crossing", "--rounds", crounds])
        crossing = _run_json([*argv, "--output", str(out)], out, "modelled crossing", 600)
        _progress(f"bench: modelled crossing done in {time.perf_counter() - t0:.1f} s")

    loads = [r["other_load"] for r in run_results]
    for part in (memory, micro, jitless, crossing):
        if "other_load" in part:
            loads.append(part["other_load"])
    summary = report.summarize_rpc(run_results)
    data: dict[str, Any] = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.argv[0]).as_posix(), *sys.argv[1:]]),
        "machine": info,
        "method": {
            "runs": runs,
            "rounds_per_run": rounds,
            "modes": modes,
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
        "jitless": jitless,
        "crossing": crossing,
        "other_load": {"max": max(loads, default=0.0), "per_process": loads},
    }
    data["targets"] = report.targets(data)
    data["elapsed_s"] = time.perf_counter() - started
    output.write_text(json.dumps(data, indent=1, default=str) + "\n", encoding="utf-8")

    print_tables(data)
    shown = output.resolve()
    shown = shown.relative_to(ROOT) if shown.is_relative_to(ROOT) else shown
    print(f"raw figures: {shown}; total {data['elapsed_s']:.0f} s")
    return 0


def print_tables(data: dict[str, Any]) -> None:
    """The targets, the RPC table, the ratios, the micro measures and the memory line."""
    info = data["machine"]
    method = data["method"]
    summary = data["rpc"]["summary"]
    skipped = data["rpc"]["skipped"]
    micro = data.get("micro", {})
    memory = data.get("memory", {})
    print()
    print(
        f"aerpc bench, {data['date']}: {info['nproc']} x {info['cpu_model']}, Python "
        f"{info['python']}, aiohttp {info['versions']['aiohttp']}, wsrpc-aiohttp "
        f"{info['versions']['wsrpc-aiohttp']}, node {info['versions'].get('node', '-')}; "
        f"{method['runs']} runs x {method['rounds_per_run']} rounds"
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
    if data.get("jitless"):
        print()
        print("\n".join(report.jitless_table(data["jitless"])))
    if data.get("crossing"):
        from bench import crossing as crossing_bench

        print()
        print("\n".join(crossing_bench.table(data["crossing"])))
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
    worst = data["other_load"]["max"]
    print(
        f"other processes kept up to {worst:.0%} of the CPUs busy during a bench process"
        + (" -- WARNING: a noisy machine; rerun when it is idle" if worst > 0.05 else "")
    )
