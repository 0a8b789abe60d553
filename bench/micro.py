"""In-process measures (pinned to CPU 0): validation alone, JSON decode of the 10k reply, import
time of the generated package and the time to generate everything from the schema.

    python -m bench.micro '<config JSON>'     (run by bench/run.py; see MicroConfig)
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import orjson

from bench.common import PYTHON, ROOT, SMALL_PARAMS, SMALL_REPLY, big_reply, emit_json, spread


@dataclass
class MicroConfig:
    output: str = ""
    rounds: int = 7
    small_calls: int = 20_000
    big_calls: int = 10
    import_repeats: int = 9
    codegen_repeats: int = 3


def _per_call(fn: Callable[[], object], n: int) -> float:
    """Seconds per call of ``fn`` over ``n`` calls."""
    pc = time.perf_counter
    t0 = pc()
    for _ in range(n):
        fn()
    return (pc() - t0) / n


def validation(config: MicroConfig) -> dict[str, Any]:
    """``MethodSpec.check_params`` / ``check_result`` of ``get_items``, the runtime's own checks."""
    t0 = time.perf_counter()
    from aerpc.aftereffects import CONTRACT

    import_s = time.perf_counter() - t0
    spec = CONTRACT.methods["get_items"]
    big = big_reply()
    big_bytes = orjson.dumps(big)
    big_json = json.dumps(big)

    first: dict[str, float] = {}
    t0 = time.perf_counter()
    spec.check_params(SMALL_PARAMS)
    first["check_params_first_call_ms"] = (time.perf_counter() - t0) * 1e3
    t0 = time.perf_counter()
    spec.check_result(SMALL_REPLY)
    first["check_result_first_call_ms"] = (time.perf_counter() - t0) * 1e3

    params = dict(SMALL_PARAMS)
    reply = SMALL_REPLY
    ops: dict[str, tuple[Callable[[], object], int, float]] = {
        # name: (fn, calls per round, unit scale)
        "check_params_small_us": (lambda: spec.check_params(params), config.small_calls, 1e6),
        "check_result_small_us": (lambda: spec.check_result(reply), config.small_calls, 1e6),
        "check_result_10k_ms": (lambda: spec.check_result(big), config.big_calls, 1e3),
        "orjson_loads_10k_ms": (lambda: orjson.loads(big_bytes), config.big_calls, 1e3),
        "json_loads_10k_ms": (lambda: json.loads(big_json), config.big_calls, 1e3),
        "orjson_dumps_10k_ms": (lambda: orjson.dumps(big), config.big_calls, 1e3),
    }
    samples: dict[str, list[float]] = {name: [] for name in ops}
    names = list(ops)
    for r in range(config.rounds):
        k = r % len(names)
        for name in names[k:] + names[:k]:
            fn, n, scale = ops[name]
            samples[name].append(_per_call(fn, n) * scale)
    result: dict[str, Any] = {name: spread(values) for name, values in samples.items()}
    small = [
        p + r
        for p, r in zip(
            samples["check_params_small_us"], samples["check_result_small_us"], strict=True
        )
    ]
    result["check_small_call_us"] = spread(small)
    result["reply_bytes_10k"] = len(big_bytes)
    result["reply_bytes_10k_json_dumps"] = len(big_json.encode())
    result["import_aerpc_aftereffects_in_this_process_s"] = import_s
    result.update(first)
    return result


_IMPORT_PROBE = (
    "import time; t = time.perf_counter(); import aerpc.aftereffects; "
    "print(time.perf_counter() - t)"
)
_KEY_MODULES = (
    "aerpc.aftereffects",
    "aerpc.aftereffects._schema",
    "aerpc.aftereffects.clients",
    "aerpc.aftereffects.types",
    "aerpc.aftereffects.errors",
    "aerpc.aftereffects.handlers",
    "aerpc.runtime",
    "aerpc.runtime.client",
    "aerpc.runtime.server",
    "aerpc.runtime.contract",
    "aerpc.runtime.validation",
    "aiohttp",
    "aiohttp.client",
    "aiohttp.web",
    "jsonschema",
    "jsonschema_rs",
    "orjson",
)


def import_time(config: MicroConfig) -> dict[str, Any]:
    """``import aerpc.aftereffects`` in fresh interpreters: perf_counter around the import."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    times: list[float] = []
    for _ in range(config.import_repeats):
        out = subprocess.run(
            [PYTHON, "-c", _IMPORT_PROBE],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(out.stdout.strip()) * 1e3)
    startup: list[float] = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([PYTHON, "-c", "pass"], cwd=ROOT, env=env, check=True)
        startup.append((time.perf_counter() - t0) * 1e3)
    proc = subprocess.run(
        [PYTHON, "-X", "importtime", "-c", "import aerpc.aftereffects"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    modules: dict[str, tuple[int, int]] = {}
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m:
            modules.setdefault(m.group(4), (int(m.group(1)), int(m.group(2))))
    key = {name: modules[name][1] / 1e3 for name in _KEY_MODULES if name in modules}
    top_self = sorted(modules.items(), key=lambda kv: kv[1][0], reverse=True)[:10]
    return {
        "ms": spread(times),
        "samples_ms": times,
        "python_startup_ms": spread(startup),
        "importtime_cumulative_ms": key,
        "importtime_top_self_ms": {name: s / 1e3 for name, (s, _c) in top_self},
    }


def codegen(config: MicroConfig) -> dict[str, Any]:
    """``python -m aerpc.codegen generate --check`` wall time, and the same work in-process."""
    env = {**os.environ, "PATH": f"{Path(PYTHON).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    wall: list[float] = []
    reported: list[float] = []
    errors: list[str] = []
    for _ in range(config.codegen_repeats):
        t0 = time.perf_counter()
        proc = subprocess.run(
            [PYTHON, "-m", "aerpc.codegen", "generate", "--check"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        wall.append(time.perf_counter() - t0)
        if proc.returncode != 0:
            errors.append((proc.stdout + proc.stderr).strip()[-600:])
        m = re.search(r"\(([\d.]+) s\)", proc.stdout)
        if m:
            reported.append(float(m.group(1)))
    result: dict[str, Any] = {
        "cli_wall_s": spread(wall),
        "cli_reported_s": spread(reported),
        "cli_ok": not errors,
    }
    if errors:
        result["cli_errors"] = errors[:1]
    try:
        from aerpc.codegen.build import build, targets
        from aerpc.codegen.render import render_outputs
    except ImportError as exc:
        result["in_process_error"] = repr(exc)
        return result
    schema = ROOT / "schema" / "aftereffects.openrpc.json"
    build_s: list[float] = []
    render_s: list[float] = []
    files = 0
    old_path = os.environ.get("PATH", "")
    os.environ["PATH"] = env["PATH"]
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        for _ in range(config.codegen_repeats):
            t0 = time.perf_counter()
            api, problems = build(Path("schema/aftereffects.openrpc.json"), root=Path("."))
            t1 = time.perf_counter()
            if api is None:
                result["in_process_error"] = f"{schema}: {problems[:3]}"
                return result
            rendered = render_outputs(api, targets(), root=Path("."))
            t2 = time.perf_counter()
            build_s.append(t1 - t0)
            render_s.append(t2 - t1)
            files = len(rendered)
    finally:
        os.chdir(cwd)
        os.environ["PATH"] = old_path
    result["in_process_build_s"] = spread(build_s)
    result["in_process_render_s"] = spread(render_s)
    result["in_process_total_s"] = spread(b + r for b, r in zip(build_s, render_s, strict=True))
    result["files"] = files
    return result


def main(config: MicroConfig) -> dict[str, Any]:
    started = time.perf_counter()
    result: dict[str, Any] = {}
    for name, fn in (("validation", validation), ("import", import_time), ("codegen", codegen)):
        try:
            result[name] = fn(config)
        except Exception as exc:
            result[name] = {"error": f"{type(exc).__name__}: {exc}"}
    result["elapsed_s"] = time.perf_counter() - started
    result["affinity"] = sorted(os.sched_getaffinity(0))
    result["config"] = asdict(config)
    return result


def cli(argv: list[str]) -> int:
    config = MicroConfig(**json.loads(argv[0]))
    emit_json(main(config), config.output)
    return 0


if __name__ == "__main__":
    raise SystemExit(cli(sys.argv[1:]))
