"""Shared helpers for the codegen tests: the repository root and a minimal valid document."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from aerpc.codegen.metaschema import MetaSchemas, load_meta_schemas

ROOT = Path(__file__).resolve().parents[2]

_MINIMAL: dict[str, Any] = {
    "openrpc": "1.2.6",
    "info": {"title": "Tiny", "version": "1.0.0"},
    "methods": [
        {
            "name": "get_thing",
            "summary": "Get a thing.",
            "x-served-by": "host",
            "x-timeout-ms": 1000,
            "x-idempotent": True,
            "x-host-function": "getThing",
            "paramStructure": "by-name",
            "params": [
                {
                    "name": "thing_id",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 1},
                }
            ],
            "result": {"name": "thing", "schema": {"$ref": "#/components/schemas/Thing"}},
            "errors": [{"$ref": "#/components/errors/NoThing"}],
            "examples": [
                {
                    "name": "one",
                    "params": [{"name": "thing_id", "value": 1}],
                    "result": {"name": "thing", "value": {"id": 1, "name": "a"}},
                }
            ],
        }
    ],
    "components": {
        "schemas": {
            "Thing": {
                "title": "Thing",
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "name": {"type": "string"},
                },
                "required": ["id", "name"],
                "additionalProperties": False,
            }
        },
        "errors": {"NoThing": {"code": 1001, "message": "No such thing"}},
    },
}


@pytest.fixture
def minimal() -> dict[str, Any]:
    """A fresh copy of a small document that passes every rule."""
    return copy.deepcopy(_MINIMAL)


@pytest.fixture(scope="session")
def meta() -> MetaSchemas:
    return load_meta_schemas()
