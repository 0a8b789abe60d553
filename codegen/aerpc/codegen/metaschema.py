"""The official OpenRPC meta-schema, vendored as package data (``meta/``, see its README).

``meta/open-rpc-meta-schema.json`` is the OpenRPC document schema of ``@open-rpc/meta-schema``;
its ``JSONSchema`` definition refers to ``https://meta.json-schema.tools``, which is
``meta/json-schema-tools-meta-schema.json``. Nothing is fetched and node is not needed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

__all__ = [
    "JSON_SCHEMA_META_FILE",
    "JSON_SCHEMA_META_URI",
    "OPENRPC_META_FILE",
    "MetaSchemaNotFound",
    "MetaSchemas",
    "load_meta_schemas",
]

JSON_SCHEMA_META_URI = "https://meta.json-schema.tools"
OPENRPC_META_FILE = "open-rpc-meta-schema.json"
JSON_SCHEMA_META_FILE = "json-schema-tools-meta-schema.json"


class MetaSchemaNotFound(Exception):
    """A vendored meta-schema file is missing or unreadable (a broken install)."""


@dataclass(frozen=True)
class MetaSchemas:
    """The OpenRPC meta-schema and the JSON Schema meta-schema it refers to."""

    openrpc: dict[str, Any]
    json_schema: dict[str, Any]


def _read(name: str) -> dict[str, Any]:
    resource = files(__package__ or "aerpc.codegen").joinpath("meta", name)
    try:
        value = json.loads(resource.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise MetaSchemaNotFound(f"aerpc.codegen/meta/{name}: {exc}; reinstall aerpc") from exc
    if not isinstance(value, dict):
        raise MetaSchemaNotFound(f"aerpc.codegen/meta/{name}: not a JSON object")
    return value


def load_meta_schemas() -> MetaSchemas:
    """Both vendored meta-schemas."""
    return MetaSchemas(openrpc=_read(OPENRPC_META_FILE), json_schema=_read(JSON_SCHEMA_META_FILE))
