"""Results, errors and durations as the tools print them (``aerpc call``, the shell, MCP):
JSON, or a table."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from aerpc.runtime import LocalError, RemoteError

__all__ = ["duration_text", "error_line", "json_text", "table_text"]

_CELL = 60  # characters of one table cell, at most


def json_text(value: object) -> str:
    """Indented JSON, non-ASCII kept."""
    return json.dumps(value, indent=2, ensure_ascii=False)


def table_text(value: object) -> str:
    """A list of objects as rows under their keys; an object as key/value rows; anything else
    as JSON. Nested values are compact JSON, clipped."""
    if isinstance(value, Mapping):
        rows = [[str(k), _cell(v)] for k, v in value.items()]
        return _layout(["key", "value"], rows)
    if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
        columns: list[str] = []
        for row in value:
            columns.extend(k for k in row if k not in columns)
        return _layout(columns, [[_cell(row.get(c, "")) for c in columns] for row in value])
    return json_text(value)


def error_line(exc: RemoteError | LocalError) -> str:
    """``Name (code): message``, then one line per schema error, and whether it may have run."""
    code = f" ({exc.code})" if isinstance(exc, RemoteError) else ""
    lines = [f"{type(exc).__name__}{code}: {exc}"]
    data: Any = exc.data if isinstance(exc, RemoteError) else None
    problems = data.get("errors") if isinstance(data, dict) else None
    if isinstance(problems, list) and len(problems) > 1:
        lines.extend(f"  {p.get('path') or '/'}: {p.get('message')}" for p in problems)
    elif isinstance(exc, RemoteError) and data is not None and problems is None:
        lines.append(f"  data: {json.dumps(data, ensure_ascii=False)}")
    if getattr(exc, "maybe_applied", False):
        lines.append("  the call may have run in After Effects")
    return "\n".join(lines)


def _cell(value: object) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= _CELL else text[: _CELL - 1] + "…"


def _layout(columns: list[str], rows: list[list[str]]) -> str:
    widths = [
        max(len(c), *(len(r[i]) for r in rows)) if rows else len(c) for i, c in enumerate(columns)
    ]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(
        "  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() for row in rows
    )
    return "\n".join(lines)


def duration_text(seconds: float) -> str:
    """``12.3 s``, ``4 min 05 s``, ``2 h 03 min``."""
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, secs = divmod(int(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"
