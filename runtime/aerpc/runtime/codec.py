"""JSON in and out, and bounded descriptions of what a peer sent.

orjson is the fast path both ways. Python strings may hold lone surrogates (JSON carries them
as ``\\ud800`` escapes), which orjson refuses both ways. For that refusal only, :func:`dumps`
falls back to the standard library (ASCII, escapes, no NaN), and :func:`loads` to the standard
library held to orjson's other rules (strict UTF-8, no ``NaN``/``Infinity``, big integers as
floats, nesting up to 1024): everything else orjson refuses stays refused.

Messages and logs never quote a peer's payload whole: :func:`clip` bounds an echoed string,
:func:`preview` prints a value for a debug log, :func:`reply_id` finds the id of a reply that
cannot be parsed.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, Final

import orjson

__all__ = ["CLIP", "clip", "dumps", "loads", "preview", "reply_id"]

CLIP: Final = 200
"""Characters of a peer's string (a method name, an id, a value) echoed in a message."""

_INT_RANGE: Final = range(-(2**63), 2**64)
"""Integers orjson parses as ``int``; others become floats."""

_MAX_DEPTH: Final = 1024
"""orjson's nesting limit, which the fallback parser keeps too."""

_REPLY_ID: Final = re.compile(
    rb'\A\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*("(?:[^"\\]|\\.){1,256}"|-?[0-9]{1,19})\s*[,}]'
)


def dumps(value: object) -> bytes:
    """``value`` as compact JSON bytes; raises TypeError if JSON cannot carry it."""
    try:
        return orjson.dumps(value)
    except TypeError as exc:  # orjson.JSONEncodeError
        if "surrogate" not in str(exc):
            raise
        return _stdlib_dumps(value)


def _stdlib_dumps(value: object) -> bytes:
    try:
        text = json.dumps(value, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    except (ValueError, RecursionError) as exc:  # NaN, a cycle, nesting past the stack
        raise TypeError(f"not JSON: {type(exc).__name__}: {exc}") from None
    return text.encode("ascii")


def loads(data: str | bytes) -> Any:
    """Parse one JSON text; raises ``orjson.JSONDecodeError`` (a ValueError) if it is not JSON."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        return _stdlib_loads(data, exc)


def _stdlib_loads(data: str | bytes, refused: orjson.JSONDecodeError) -> Any:
    """What orjson refused for a lone surrogate, by the standard library with orjson's other
    rules; else raises ``refused``."""
    if "surrogate" not in str(refused):
        raise refused
    try:
        text = data if isinstance(data, str) else data.decode("utf-8")  # strict: valid UTF-8
        value = json.loads(
            text, parse_constant=_no_constant, parse_float=_finite, parse_int=_integer
        )
    except (ValueError, RecursionError):
        raise refused from None
    if _deeper_than(value, _MAX_DEPTH):
        raise refused
    return value


def _deeper_than(value: object, limit: int) -> bool:
    """Whether arrays and objects nest more than ``limit`` levels in ``value``."""
    level: list[object] = [value]
    for _ in range(limit):
        level = [
            child
            for node in level
            if isinstance(node, list | dict)
            for child in (node.values() if isinstance(node, dict) else node)
            if isinstance(child, list | dict)
        ]
        if not level:
            return False
    return True


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number is infinity when parsed as double: {clip(text, 40)}")
    return value


def _integer(text: str) -> int | float:
    value = int(text)  # ValueError past Python's digit limit
    return value if value in _INT_RANGE else _finite(text)


def clip(text: str, limit: int = CLIP) -> str:
    """``text``, cut to ``limit`` characters with a marker saying how long it was."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}…[{len(text)} chars]"


def preview(value: object, limit: int = 1000) -> str:
    """``value`` as JSON text for a debug log, clipped; never raises (deep, odd values)."""
    try:
        text = orjson.dumps(value, default=repr).decode("utf-8")
    except Exception:
        try:
            text = _stdlib_dumps(value).decode("ascii")
        except Exception:
            text = f"<{type(value).__name__} that cannot be printed>"
    return clip(text, limit)


def reply_id(data: str | bytes) -> str | int | None:
    """The id of a frame that could not be parsed, if it opens like a reply: ``{"id": …``
    (after ``"jsonrpc": "2.0"`` at most), so the call it answers can be settled."""
    head = data[:512]
    if isinstance(head, str):
        head = head.encode("utf-8", "surrogatepass")
    match = _REPLY_ID.match(head)
    if match is None:
        return None
    literal = match.group(1)
    if not literal.startswith(b'"'):
        return int(literal)
    try:
        id = json.loads(literal)
    except ValueError:
        return None
    return id if isinstance(id, str) else None
