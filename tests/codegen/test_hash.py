"""The schema hash: SHA-256 of the canonical JSON form of the wire view, blind to key order
and white space."""

from __future__ import annotations

import json
import random
from pathlib import Path

from aerpc.runtime.canonical import canonical_json, schema_hash

SCHEMA = Path(__file__).resolve().parents[2] / "schema" / "aftereffects.openrpc.json"


def _shuffled(value: object, rng: random.Random) -> object:
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {k: _shuffled(v, rng) for k, v in items}
    if isinstance(value, list):
        return [_shuffled(v, rng) for v in value]
    return value


def test_hash_ignores_key_order_and_whitespace() -> None:
    document = json.loads(SCHEMA.read_text(encoding="utf-8"))
    expected = schema_hash(document)
    rng = random.Random(7)
    for indent in (None, 1, 4):
        text = json.dumps(_shuffled(document, rng), indent=indent)
        assert schema_hash(json.loads(text)) == expected


def test_hash_changes_with_the_wire_contract() -> None:
    document = json.loads(SCHEMA.read_text(encoding="utf-8"))
    before = schema_hash(document)
    document["methods"][0]["params"][0]["schema"]["type"] = "null"
    assert schema_hash(document) != before  # the rest: tests/runtime/test_compat.py


def test_hash_covers_the_events_but_not_their_prose() -> None:
    document = json.loads(SCHEMA.read_text(encoding="utf-8"))
    before = schema_hash(document)
    document["x-events"][0]["summary"] = "reworded"
    document["x-events"][0]["experimental"] = False
    assert schema_hash(document) == before
    document["x-events"][0]["name"] = "render_progress_v2"
    assert schema_hash(document) != before


def test_canonical_form() -> None:
    assert canonical_json({"b": [1, 2.5, "é"], "a": None}) == '{"a":null,"b":[1,2.5,"é"]}'.encode()
    assert schema_hash({}) == (
        "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
    )


def test_generated_package_carries_the_hash() -> None:
    from aerpc.aftereffects import SCHEMA_HASH, SCHEMA_NAME

    assert SCHEMA_NAME == "aftereffects"
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) is not None
    assert schema_hash(json.loads(SCHEMA.read_text(encoding="utf-8"))) == SCHEMA_HASH
