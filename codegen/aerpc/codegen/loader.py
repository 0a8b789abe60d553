"""Read a schema file, with the line and column of a JSON syntax error."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

__all__ = ["SchemaLoadError", "load_document"]


class SchemaLoadError(Exception):
    """The schema file could not be read or is not JSON."""


def load_document(path: Path) -> dict[str, Any]:
    """The parsed schema document at ``path``."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SchemaLoadError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise SchemaLoadError(f"{path}: not UTF-8 at byte {exc.start}") from exc
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaLoadError(f"{path}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}") from exc
    if not isinstance(document, dict):
        raise SchemaLoadError(f"{path}: the document must be a JSON object")
    return document
