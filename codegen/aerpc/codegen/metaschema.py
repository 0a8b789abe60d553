"""Find and read the official OpenRPC meta-schema from the npm package ``@open-rpc/meta-schema``.

The package ships the meta-schema as a CommonJS module; its JSON is read out of it rather than
copied into this repository. Its ``JSONSchema`` definition refers to
``https://meta.json-schema.tools``, which the npm package ``@json-schema-tools/meta-schema``
ships as ``schema.json``; both are read from ``node_modules`` (nothing is fetched).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "JSON_SCHEMA_META_URI",
    "MetaSchemaNotFound",
    "MetaSchemas",
    "find_package_dir",
    "load_meta_schemas",
]

PACKAGE = "@open-rpc/meta-schema"
JSON_SCHEMA_PACKAGE = "@json-schema-tools/meta-schema"
JSON_SCHEMA_META_URI = "https://meta.json-schema.tools"
_EXPORT_PREFIX = "exports.openrpcDocument = "


class MetaSchemaNotFound(Exception):
    """The meta-schema package is not installed where we looked."""


@dataclass(frozen=True)
class MetaSchemas:
    """The OpenRPC meta-schema and the JSON Schema meta-schema it refers to."""

    openrpc: dict[str, Any]
    json_schema: dict[str, Any]


def find_package_dir(start: Path, package: str = PACKAGE) -> Path:
    """The package folder in the nearest ``node_modules`` at or above ``start``."""
    for folder in [start, *start.parents]:
        candidate = folder / "node_modules" / package
        if (candidate / "package.json").is_file():
            return candidate
    raise MetaSchemaNotFound(
        f"{package} is not installed in any node_modules above {start}; run `make setup`"
    )


def _read_module(path: Path) -> dict[str, Any] | None:
    """The exported object, parsed as JSON from the module text when it is plain JSON."""
    text = path.read_text(encoding="utf-8")
    start = text.find(_EXPORT_PREFIX + "{")
    if start < 0:
        return None
    body = text[start + len(_EXPORT_PREFIX) :]
    end = body.find(";\nexports.")
    body = (body[:end] if end >= 0 else body).strip().removesuffix(";")
    try:
        value = json.loads(body)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def _read_with_node(package_dir: Path) -> dict[str, Any]:
    node = shutil.which("node")
    if node is None:
        raise MetaSchemaNotFound(f"cannot read {PACKAGE}: node is not installed")
    script = "process.stdout.write(JSON.stringify(require(process.argv[1]).openrpcDocument))"
    proc = subprocess.run(
        [node, "-e", script, str(package_dir)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if proc.returncode != 0:
        raise MetaSchemaNotFound(f"cannot read {PACKAGE} with node: {proc.stderr.strip()}")
    value = json.loads(proc.stdout)
    if not isinstance(value, dict):
        raise MetaSchemaNotFound(f"{PACKAGE} did not export an object")
    return value


def _read_json(path: Path) -> dict[str, Any]:
    value = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(value, dict):
        raise MetaSchemaNotFound(f"{path}: not a JSON object")
    return value


def load_meta_schemas(start: Path) -> MetaSchemas:
    """Both meta-schemas, found in the nearest ``node_modules`` from ``start`` upwards."""
    package_dir = find_package_dir(start)
    parsed = _read_module(package_dir / "index.js")
    openrpc = parsed if parsed is not None else _read_with_node(package_dir)
    json_schema = _read_json(find_package_dir(start, JSON_SCHEMA_PACKAGE) / "schema.json")
    return MetaSchemas(openrpc=openrpc, json_schema=json_schema)
