"""The canonical JSON form of a schema document, and its hash: SHA-256 of what the wire
depends on.

Canonicalisation: the document is parsed, then serialised with object keys sorted by code
point, no insignificant white space (``","`` and ``":"`` separators), strings as UTF-8 with
only the escapes JSON requires (``ensure_ascii=False``), integers as integers and other numbers
in Python's shortest round-trip form. Key order and white space in the file therefore do not
change the hash.

The hash covers the document's wire view (:func:`wire_view`): each method's name, who serves
it, its params (name, required, JSON Schema), its result's schema and its error codes, each
event of ``x-events`` (name and payload), and the components they refer to. Prose and policy
that never reach the other side (descriptions, summaries, titles, examples, ``x-timeout-ms``,
``x-idempotent``, ``x-host-function``, ``info``) do not change it; docs/architecture.md,
"Compatibility", has the rule built on it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

__all__ = ["canonical_json", "schema_hash", "wire_view"]

_METHOD_KEYS = ("name", "x-served-by", "paramStructure", "params", "result", "errors")
_PARAM_KEYS = ("name", "required", "schema")
_ANNOTATIONS = frozenset({"title", "description", "summary", "examples", "$comment"})
"""JSON Schema keywords that only annotate: the wire does not depend on them."""
_NAMES = frozenset({"properties", "definitions", "$defs"})
"""Keywords whose object keys are names (a property called "title" is not an annotation)."""
_VALUES = frozenset({"enum", "const", "default"})
"""Keywords whose values are data, kept as they are."""


def canonical_json(document: Any) -> bytes:
    """The canonical UTF-8 bytes of ``document``."""
    text = json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )
    return text.encode("utf-8")


def schema_hash(document: Any) -> str:
    """``sha256:<hex>`` of the canonical form of the document's :func:`wire_view`."""
    return "sha256:" + hashlib.sha256(canonical_json(wire_view(document))).hexdigest()


def wire_view(document: Any) -> Any:
    """The parts of an OpenRPC document the wire depends on (the module doc); a document that
    is not an OpenRPC object is kept whole."""
    if not isinstance(document, Mapping) or "methods" not in document:
        return document
    view: dict[str, Any] = {
        "methods": [_method(m) for m in document.get("methods", [])],
    }
    events = document.get("x-events")
    if isinstance(events, list):
        view["x-events"] = [
            {k: e[k] for k in ("name", "payload") if k in e} if isinstance(e, Mapping) else e
            for e in events
        ]
    components = document.get("components")
    if isinstance(components, Mapping):
        view["components"] = {
            "schemas": {k: _schema(v) for k, v in components.get("schemas", {}).items()},
            "contentDescriptors": {
                k: _param(v) for k, v in components.get("contentDescriptors", {}).items()
            },
            "errors": {
                k: {"code": v.get("code")} if isinstance(v, Mapping) else v
                for k, v in components.get("errors", {}).items()
            },
        }
    return view


def _method(method: Any) -> Any:
    if not isinstance(method, Mapping) or "$ref" in method:
        return method
    view = {key: method[key] for key in _METHOD_KEYS if key in method}
    if "params" in view:
        view["params"] = [_param(p) for p in view["params"]]
    if isinstance(view.get("result"), Mapping):
        view["result"] = _param(view["result"], keys=("schema",))
    return view


def _param(param: Any, keys: tuple[str, ...] = _PARAM_KEYS) -> Any:
    if not isinstance(param, Mapping) or "$ref" in param:
        return param
    view = {key: param[key] for key in keys if key in param}
    if "schema" in view:
        view["schema"] = _schema(view["schema"])
    return view


def _schema(node: Any) -> Any:
    """A JSON Schema without its annotations."""
    if isinstance(node, list):
        return [_schema(item) for item in node]
    if not isinstance(node, Mapping):
        return node
    view: dict[str, Any] = {}
    for key, value in node.items():
        if key in _ANNOTATIONS:
            continue
        if key in _VALUES:
            view[key] = value
        elif key in _NAMES and isinstance(value, Mapping):
            view[key] = {name: _schema(sub) for name, sub in value.items()}
        else:
            view[key] = _schema(value)
    return view
