"""Payloads, statistics and small helpers shared by the bench processes."""

from __future__ import annotations

import json
import math
import os
import statistics
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parent.parent
"""The repository root."""

PYTHON: Final = sys.executable

METHOD: Final = "get_items"
WSRPC_METHOD: Final = "AfterEffects.get_items"
"""The route name of the same call in the reference (wsrpc) integration."""

SMALL_PARAMS: Final[dict[str, object]] = {"comps": True, "folders": False, "footages": False}
"""The small call: ``get_items(comps=True)``; every peer answers it with a one-item list."""

BIG_PARAMS: Final[dict[str, object]] = {"comps": True, "folders": True, "footages": True}
"""The big call: every peer answers it with :data:`BIG_ITEMS` ProjectItems."""

BIG_ITEMS: Final = 10_000

SERVER_CPU: Final = "0"
PEER_CPU: Final = "1"

MODES: Final = ("seq", "conc16", "sync", "big")
"""The ways each stack is called (bench/README.md, "Modes"), in the order they run and print."""


def project_items(count: int) -> list[dict[str, Any]]:
    """``count`` valid ``ProjectItem`` dicts, deterministic, about 170 bytes each as JSON.

    A mix like a real project: one folder in ten, one comp in five, the rest footage with a
    path and the comps that use it.
    """
    items: list[dict[str, Any]] = []
    for i in range(count):
        item_id = 1000 + i
        if i % 10 == 0:
            items.append(
                {
                    "id": item_id,
                    "name": f"folder_{i:05d}",
                    "type": "folder",
                    "path": None,
                    "containing_comps": [],
                    "parent_folder_id": None,
                }
            )
        elif i % 5 == 0:
            items.append(
                {
                    "id": item_id,
                    "name": f"sh{i:05d}_comp_v003",
                    "type": "comp",
                    "path": None,
                    "containing_comps": [1000 + (i // 10) * 10 + 5] if i % 3 == 0 else [],
                    "parent_folder_id": 1000 + (i // 10) * 10,
                }
            )
        else:
            shot = f"sh{i:05d}"
            items.append(
                {
                    "id": item_id,
                    "name": f"{shot}_plateMain_v002",
                    "type": "footage",
                    "path": f"/projects/show/{shot}/publish/plate/v002/{shot}_plate.1001.exr",
                    "containing_comps": [1000 + (i // 5) * 5, 1000 + (i // 10) * 10 + 5],
                    "parent_folder_id": 1000 + (i // 10) * 10,
                }
            )
    return items


SMALL_REPLY: Final = [
    {
        "id": 42,
        "name": "sh010_comp",
        "type": "comp",
        "path": None,
        "containing_comps": [],
        "parent_folder_id": None,
    }
]
"""The reply to the small call (the schema's own example), the same for every stack."""


def reply_for(params: object) -> list[dict[str, Any]]:
    """What a peer answers to ``get_items(**params)``."""
    if isinstance(params, dict) and params.get("footages"):
        return big_reply()
    return SMALL_REPLY


_BIG: list[list[dict[str, Any]]] = []


def big_reply() -> list[dict[str, Any]]:
    if not _BIG:
        _BIG.append(project_items(BIG_ITEMS))
    return _BIG[0]


# -- statistics --------------------------------------------------------------------------------


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """The ``q``-quantile (0..1) of already sorted values, nearest rank."""
    if not sorted_values:
        return math.nan
    rank = max(0, min(len(sorted_values) - 1, math.ceil(q * len(sorted_values)) - 1))
    return float(sorted_values[rank])


def median(values: Iterable[float]) -> float:
    data = [v for v in values if not math.isnan(v)]
    return statistics.median(data) if data else math.nan


def spread(values: Iterable[float]) -> dict[str, float]:
    """``{"median", "min", "max"}`` of the values (NaN when there are none)."""
    data = [v for v in values if not math.isnan(v)]
    if not data:
        return {"median": math.nan, "min": math.nan, "max": math.nan}
    return {"median": statistics.median(data), "min": min(data), "max": max(data)}


# -- process ----------------------------------------------------------------------------------


def rss_bytes(pid: int | None = None) -> int:
    """Resident set size of a process (this one by default), from ``/proc``."""
    path = f"/proc/{pid or os.getpid()}/status"
    with open(path, encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS in {path}")


def pinned(cpu: str, argv: Sequence[str]) -> list[str]:
    """``argv`` run under ``taskset -c cpu`` (when taskset exists)."""
    from shutil import which

    if which("taskset") is None:
        return list(argv)
    return ["taskset", "-c", cpu, *argv]


def emit_json(result: object, output: str | None) -> None:
    """A bench process's figures as JSON: into the file ``output``, else on stdout."""
    text = json.dumps(result, indent=1, default=str)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        print(text)
