"""Aggregation over runs (per-run figures → median, min–max), ratios, targets and the tables."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from bench.common import MODES, spread

MiB = 2**20

STACK_LABELS = {
    "raw": "raw aiohttp (floor)",
    "wsrpc_raw": "wsrpc server + plain echo peer",
    "wsrpc": "wsrpc both ends (reference)",
    "aerpc_raw": "aerpc typed client, plain echo peer",
    "aerpc": "aerpc typed client, Python HostPeer",
    "aerpc_node": "aerpc typed client, JS panel in node",
}
MODE_LABELS = {
    "seq": "seq",
    "conc16": "16 in flight",
    "sync": "sync thread",
    "big": "10k-item reply",
}
SYNC_LABELS = {
    "raw": "raw + run_coroutine_threadsafe",
    "wsrpc_raw": "wsrpc server + run_coroutine_threadsafe",
    "wsrpc": "wsrpc + sync thread (reference pattern)",
    "aerpc_raw": "aerpc sync facade AfterEffects, plain echo peer",
    "aerpc": "aerpc sync facade AfterEffects, Python HostPeer",
    "aerpc_node": "aerpc sync facade AfterEffects, JS panel in node",
}


def summarize_rpc(runs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Per (stack, mode): median and min–max over runs of each per-run figure."""
    out: dict[str, Any] = {}
    stacks = sorted({s for run in runs for s in run.get("stacks", {})})
    for stack in stacks:
        for mode in MODES:
            figures = (run.get("stacks", {}).get(stack, {}) for run in runs)
            per_run = [f[mode] for f in figures if mode in f]
            if not per_run:
                continue
            entry: dict[str, Any] = {}
            for key in (
                "calls_per_s",
                "p50_us",
                "p99_us",
                "server_cpu_us_per_call",
                "peer_cpu_us_per_call",
            ):
                values = [float(r[key]) for r in per_run if r.get(key) is not None]
                entry[key] = spread(values)
                entry[key]["runs"] = values
            entry["calls_per_run"] = per_run[0]["calls"]
            out.setdefault(stack, {})[mode] = entry
    return out


RatioFn = Callable[[dict[str, Any]], float]


def _rate(stack: str, mode: str) -> RatioFn:
    return lambda run: float(run["stacks"][stack][mode]["calls_per_s"])


def _p50(stack: str, mode: str) -> RatioFn:
    return lambda run: float(run["stacks"][stack][mode]["p50_us"])


def _cpu(stack: str, mode: str) -> RatioFn:
    return lambda run: float(run["stacks"][stack][mode]["server_cpu_us_per_call"])


def _peer_cpu(stack: str, mode: str) -> RatioFn:
    return lambda run: float(run["stacks"][stack][mode]["peer_cpu_us_per_call"])


def ratio_specs(peer: str) -> list[tuple[str, str, RatioFn, RatioFn]]:
    """(key, description, numerator, denominator) for the aerpc stack ``peer``."""
    rows = [
        ("raw seq calls/s", "typed async, seq: calls/s vs raw", _rate(peer, "seq"),
         _rate("raw", "seq")),
        ("wsrpc seq calls/s", "typed async, seq: calls/s vs wsrpc both ends",
         _rate(peer, "seq"), _rate("wsrpc", "seq")),
        ("wsrpc_raw seq calls/s", "typed async, seq: calls/s vs wsrpc server + echo peer",
         _rate(peer, "seq"), _rate("wsrpc_raw", "seq")),
        ("wsrpc sync calls/s", "sync facade vs wsrpc + sync thread", _rate(peer, "sync"),
         _rate("wsrpc", "sync")),
        ("raw sync calls/s", "sync facade vs raw + sync thread", _rate(peer, "sync"),
         _rate("raw", "sync")),
        ("raw conc16 calls/s", "16 in flight: calls/s vs raw", _rate(peer, "conc16"),
         _rate("raw", "conc16")),
        ("wsrpc conc16 calls/s", "16 in flight: calls/s vs wsrpc both ends",
         _rate(peer, "conc16"), _rate("wsrpc", "conc16")),
        ("raw big time per call", "10k reply: mean time per call vs raw", _rate("raw", "big"),
         _rate(peer, "big")),
        ("raw big p50", "10k reply: p50 round trip vs raw", _p50(peer, "big"),
         _p50("raw", "big")),
        ("raw seq server CPU", "seq: pipeline CPU per call vs raw", _cpu(peer, "seq"),
         _cpu("raw", "seq")),
        ("raw big server CPU", "10k reply: pipeline CPU per call vs raw", _cpu(peer, "big"),
         _cpu("raw", "big")),
        ("raw seq peer CPU", "seq: peer CPU per call vs raw's echo peer",
         _peer_cpu(peer, "seq"), _peer_cpu("raw", "seq")),
    ]  # fmt: skip
    return [(f"{peer}/{key}", desc, num, den) for key, desc, num, den in rows]


def context_specs() -> list[tuple[str, str, RatioFn, RatioFn]]:
    return [
        ("wsrpc_raw/raw seq calls/s", "wsrpc server alone vs raw, seq",
         _rate("wsrpc_raw", "seq"), _rate("raw", "seq")),
        ("wsrpc/raw seq calls/s", "wsrpc both ends vs raw, seq", _rate("wsrpc", "seq"),
         _rate("raw", "seq")),
        ("wsrpc/raw conc16 calls/s", "wsrpc both ends vs raw, 16 in flight",
         _rate("wsrpc", "conc16"), _rate("raw", "conc16")),
        ("wsrpc/raw sync calls/s", "reference pattern vs raw + sync thread",
         _rate("wsrpc", "sync"), _rate("raw", "sync")),
    ]  # fmt: skip


def ratios(runs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Every ratio computed within each run, then median and min–max over the runs."""
    out: dict[str, Any] = {}
    specs = context_specs()
    for peer in ("aerpc", "aerpc_raw", "aerpc_node"):
        specs += ratio_specs(peer)
    for key, description, num, den in specs:
        values: list[float] = []
        for run in runs:
            try:
                a, b = num(run), den(run)
            except (KeyError, TypeError):
                continue
            if b and not math.isnan(a) and not math.isnan(b):
                values.append(a / b)
        if values:
            entry: dict[str, Any] = spread(values)
            entry["runs"] = values
            entry["description"] = description
            out[key] = entry
    return out


# -- targets ----------------------------------------------------------------------------------


def _get(d: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(d, dict) or key not in d:
            return None
        d = d[key]
    return d


def targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's targets with the measured figure and PASS / MISS (on the median)."""
    r = report.get("rpc", {}).get("ratios", {})
    micro = report.get("micro", {})
    memory = report.get("memory", {})
    rows: list[dict[str, Any]] = []

    def ratio_row(measure: str, target: str, key: str, op: str, bound: float) -> None:
        for peer in ("aerpc", "aerpc_raw", "aerpc_node"):
            entry = r.get(f"{peer}/{key}")
            row: dict[str, Any] = {"measure": measure, "target": target, "peer": peer}
            if entry is None:
                row.update(value=None, verdict="not measured")
            else:
                med = entry["median"]
                runs = entry.get("runs", [])
                missed = [v for v in runs if not (v >= bound if op == ">=" else v <= bound)]
                ok = med >= bound if op == ">=" else med <= bound
                verdict = "PASS" if ok else "MISS"
                if ok and missed:
                    verdict += f" (missed in {len(missed)} of {len(runs)} runs)"
                elif not ok and len(missed) < len(runs):
                    verdict += f" (met in {len(runs) - len(missed)} of {len(runs)} runs)"
                row.update(
                    value=med,
                    min=entry["min"],
                    max=entry["max"],
                    runs_missed=len(missed),
                    shown=f"{med:.2f}× ({entry['min']:.2f}–{entry['max']:.2f})",
                    verdict=verdict,
                )
            rows.append(row)

    ratio_row("async typed call, sequential", "≥ 0.8× raw aiohttp", "raw seq calls/s", ">=", 0.8)
    ratio_row(
        "async typed call, sequential", "≥ 1.5× wsrpc-aiohttp", "wsrpc seq calls/s", ">=", 1.5
    )
    ratio_row(
        "sync facade from a thread",
        "≥ 1.6× wsrpc + sync thread",
        "wsrpc sync calls/s",
        ">=",
        1.6,
    )
    ratio_row("16 in flight", "≥ 0.6× raw aiohttp", "raw conc16 calls/s", ">=", 0.6)
    ratio_row(
        "10k-item reply, validated and typed",
        "≤ 1.3× raw + json.loads",
        "raw big time per call",
        "<=",
        1.3,
    )

    def value_row(measure: str, target: str, value: Any, bound: float, fmt: str, unit: str) -> None:
        row: dict[str, Any] = {"measure": measure, "target": target, "peer": "-"}
        if not isinstance(value, dict) or value.get("median") is None:
            row.update(value=None, verdict="not measured")
        else:
            med = value["median"]
            row.update(
                value=med,
                min=value["min"],
                max=value["max"],
                shown=f"{med:{fmt}} {unit} ({value['min']:{fmt}}–{value['max']:{fmt}})",
                verdict="PASS" if med <= bound else "MISS",
            )
        rows.append(row)

    value_row(
        "validation, small call (params + result)",
        "≤ 2 µs",
        _get(micro, "validation", "check_small_call_us"),
        2.0,
        ".2f",
        "µs",
    )
    value_row(
        "validation, 10k-item reply",
        "≤ 5 ms",
        _get(micro, "validation", "check_result_10k_ms"),
        5.0,
        ".2f",
        "ms",
    )
    mem_row: dict[str, Any] = {
        "measure": "memory after 100k calls",
        "target": "grows < 1 MiB",
        "peer": "aerpc",
    }
    if "rss_growth" in memory:
        worst = max(memory["rss_growth"], memory["tracemalloc_growth"])
        mem_row.update(
            value=worst / MiB,
            shown=(
                f"RSS {memory['rss_growth'] / MiB:+.2f} MiB, tracemalloc "
                f"{memory['tracemalloc_growth'] / 1024:+.1f} KiB"
            ),
            verdict="PASS" if worst < MiB else "MISS",
        )
    else:
        mem_row.update(value=None, verdict="not measured")
    rows.append(mem_row)
    value_row(
        "codegen, full schema (generate --check, wall)",
        "< 1 s",
        _get(micro, "codegen", "cli_wall_s"),
        1.0,
        ".2f",
        "s",
    )
    value_row(
        "import of aerpc.aftereffects, fresh process",
        "< 150 ms",
        _get(micro, "import", "ms"),
        150.0,
        ".0f",
        "ms",
    )
    return rows


# -- tables -----------------------------------------------------------------------------------


def _fmt(value: Any, spec: str = ",.0f") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return format(value, spec)


def _range(entry: dict[str, Any], spec: str = ",.0f") -> str:
    return f"{_fmt(entry['min'], spec)}–{_fmt(entry['max'], spec)}"


def rpc_table(summary: dict[str, Any], skipped: dict[str, str]) -> list[str]:
    lines = [
        "| stack | mode | calls/s (median) | min–max over runs | p50 µs | p99 µs "
        "| pipeline CPU µs/call | peer CPU µs/call |",
        "|---|---|---:|---|---:|---:|---:|---:|",
    ]
    for mode in MODES:
        for stack in ("raw", "wsrpc_raw", "wsrpc", "aerpc_raw", "aerpc", "aerpc_node"):
            entry = summary.get(stack, {}).get(mode)
            label = SYNC_LABELS[stack] if mode == "sync" else STACK_LABELS[stack]
            if entry is None:
                if stack in skipped and mode == "seq":
                    lines.append(f"| {label} | – | not measured: {skipped[stack]} | | | | | |")
                continue
            rate = entry["calls_per_s"]
            lines.append(
                f"| {label} | {MODE_LABELS[mode]} | {_fmt(rate['median'])} | {_range(rate)} | "
                f"{_fmt(entry['p50_us']['median'])} | {_fmt(entry['p99_us']['median'])} | "
                f"{_fmt(entry['server_cpu_us_per_call']['median'], ',.1f')} | "
                f"{_fmt(entry['peer_cpu_us_per_call']['median'], ',.1f')} |"
            )
    return lines


def ratio_table(r: dict[str, Any]) -> list[str]:
    lines = ["| ratio (within each run) | median | min–max |", "|---|---:|---|"]
    for key, entry in r.items():
        lines.append(f"| {key} | {entry['median']:.2f} | {_range(entry, '.2f')} |")
    return lines


def micro_table(micro: dict[str, Any]) -> list[str]:
    v = micro.get("validation", {})
    imp = micro.get("import", {})
    cg = micro.get("codegen", {})
    lines = ["| measure | median | min–max |", "|---|---:|---|"]

    def add(label: str, entry: Any, spec: str) -> None:
        if isinstance(entry, dict) and "median" in entry:
            lines.append(f"| {label} | {_fmt(entry['median'], spec)} | {_range(entry, spec)} |")

    add("check_params, get_items small params (µs)", v.get("check_params_small_us"), ".2f")
    add("check_result, one-item reply (µs)", v.get("check_result_small_us"), ".2f")
    add("check_params + check_result, small call (µs)", v.get("check_small_call_us"), ".2f")
    add("check_result, 10k-item reply (ms)", v.get("check_result_10k_ms"), ".2f")
    add("orjson.loads, 10k-item reply (ms)", v.get("orjson_loads_10k_ms"), ".2f")
    add("json.loads, 10k-item reply (ms)", v.get("json_loads_10k_ms"), ".2f")
    add("orjson.dumps, 10k-item reply (ms)", v.get("orjson_dumps_10k_ms"), ".2f")
    add("import aerpc.aftereffects, fresh process (ms)", imp.get("ms"), ".0f")
    add("python -c pass, for scale (ms)", imp.get("python_startup_ms"), ".0f")
    add("aerpc generate --check, wall (s)", cg.get("cli_wall_s"), ".2f")
    add("aerpc generate --check, its own timer (s)", cg.get("cli_reported_s"), ".2f")
    add("in-process lint + model (s)", cg.get("in_process_build_s"), ".3f")
    add("in-process render_outputs incl. ruff (s)", cg.get("in_process_render_s"), ".3f")
    return lines


def targets_table(rows: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| measure | target | peer | measured: median (min–max) | verdict |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        peer = {
            "aerpc": "Python HostPeer",
            "aerpc_raw": "plain echo peer",
            "aerpc_node": "JS panel (node)",
        }.get(row["peer"], row["peer"])
        shown = row.get("shown", "–")
        lines.append(
            f"| {row['measure']} | {row['target']} | {peer} | {shown} | {row['verdict']} |"
        )
    return lines


# Issue 24's targets for the ExtendScript side (json2 time / aerpc time, 10k-item value).
JITLESS_TARGETS = {("parse", "10k items"): 1.0, ("stringify", "10k items"): 2.0}


def jitless_table(jitless: dict[str, Any]) -> list[str]:
    """The ES3 codec and dispatcher against json2.js under ``node --jitless`` (CPU per call)."""
    lines = [
        f"ExtendScript side under node {jitless.get('node', '?')} --jitless (an interpreter, a "
        f"proxy for ExtendScript), against {jitless.get('json2', 'json2')}; CPU time per call, "
        f"median of {jitless.get('rounds', '?')} interleaved rounds",
        "",
        "| measure | aerpc | json2 | json2/aerpc (min–max) | target | verdict |",
        "|---|---:|---:|---|---|---|",
    ]
    for row in jitless.get("rows", []):
        target = JITLESS_TARGETS.get((row["op"], row["payload"]))
        shown = "–" if target is None else f"≥ {target:.1f}×"
        verdict = "–" if target is None else ("PASS" if row["speedup"] >= target else "MISS")
        lines.append(
            f"| {row['op']} {row['payload']} | {_us(row['aerpc_us'])} | {_us(row['json2_us'])} "
            f"| {row['speedup']:.2f}× ({row['speedup_min']:.2f}–{row['speedup_max']:.2f}) "
            f"| {shown} | {verdict} |"
        )
    return lines


def _us(value: float) -> str:
    return f"{value:.2f} µs" if value < 1000 else f"{value / 1000:.1f} ms"
