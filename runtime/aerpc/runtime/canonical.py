"""The canonical JSON form of a schema document, and its SHA-256 hash.

Canonicalisation: the document is parsed, then serialised with object keys sorted by code
point, no insignificant white space (``","`` and ``":"`` separators), strings as UTF-8 with
only the escapes JSON requires (``ensure_ascii=False``), integers as integers and other numbers
in Python's shortest round-trip form. Key order and white space in the file therefore do not
change the hash; any change of a value does.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

__all__ = ["canonical_json", "schema_hash"]


def canonical_json(document: Any) -> bytes:
    """The canonical UTF-8 bytes of ``document``."""
    text = json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


def schema_hash(document: Any) -> str:
    """``sha256:<hex>`` of the canonical form of ``document``."""
    return "sha256:" + hashlib.sha256(canonical_json(document)).hexdigest()
