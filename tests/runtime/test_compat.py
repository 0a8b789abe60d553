"""The compatibility rule of the hello (``compat.check``) and the wire-only schema hash: a
description changes nothing; a refused peer is told which rule broke."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from aerpc.runtime.canonical import schema_hash
from aerpc.runtime.compat import check
from aerpc.runtime.protocol import Close, Hello, ServerConnection

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema" / "aftereffects.openrpc.json"
SERVER = {"name": "mini", "version": "1.2.0", "hash": "sha256:abc"}


def document() -> dict[str, object]:
    loaded: dict[str, object] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return loaded


def peer(version: str, name: str = "mini", hash: str = "sha256:other") -> dict[str, str]:
    return {"name": name, "version": version, "hash": hash}


@pytest.mark.parametrize(
    ("theirs", "role", "ok", "rule"),
    [
        (peer("9.9.9", hash="sha256:abc"), "host", True, "same-hash"),
        (peer("1.2.0", name="other"), "host", False, "name"),
        (peer("2.0.0"), "host", False, "major-version"),
        (peer("0.2.0"), "host", False, "major-version"),
        (peer("1.2.0"), "host", False, "same-version"),
        (peer("1.1.0"), "host", False, "host-older"),
        (peer("1.3.0"), "host", True, "compatible-minor"),
        (peer("1.2.1"), "host", True, "compatible-minor"),
        (peer("1.3.0"), "tool", False, "tool-newer"),
        (peer("1.1.0"), "tool", True, "compatible-minor"),
        (peer("latest"), "host", False, "major-version"),
    ],
)
def test_the_rule_that_decides(theirs: dict[str, str], role: str, ok: bool, rule: str) -> None:
    verdict = check(SERVER, theirs, role)
    assert (verdict.ok, verdict.rule) == (ok, rule), verdict.reason


def test_zero_major_versions_break_on_the_minor() -> None:
    server = {"name": "mini", "version": "0.3.0", "hash": "sha256:a"}
    assert check(server, peer("0.4.0"), "host").rule == "major-version"
    assert check(server, peer("0.3.1"), "host").ok


def test_the_refusal_names_the_rule_and_both_sides() -> None:
    conn = ServerConnection(token="t0ken-t0ken-t0ken", schema=SERVER)
    hello = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "rpc.hello",
        "params": {
            "token": "t0ken-t0ken-t0ken",
            "role": "host",
            "instance": "i1",
            "schema": peer("1.1.0"),
        },
    }
    events = conn.receive(json.dumps(hello))
    reply = json.loads(events[0].data)  # type: ignore[union-attr]
    message = reply["error"]["message"]
    assert reply["error"]["data"]["rule"] == "host-older"
    assert "older than the pipeline's" in message
    assert "mini 1.2.0 (sha256:abc)" in message
    assert "mini 1.1.0 (sha256:other)" in message
    assert isinstance(events[-1], Close)
    assert events[-1].reason == message
    # a compatible panel is let in, and the verdict says why
    ok = ServerConnection(token="t0ken-t0ken-t0ken", schema=SERVER)
    hello["params"]["schema"] = peer("1.4.0")  # type: ignore[index]
    (event,) = ok.receive(json.dumps(hello))
    assert isinstance(event, Hello)
    assert ok.schema_verdict is not None
    assert ok.schema_verdict.rule == "compatible-minor"


def test_prose_does_not_change_the_hash() -> None:
    doc = document()
    before = schema_hash(doc)
    changed = copy.deepcopy(doc)
    method = changed["methods"][0]  # type: ignore[index]
    method["description"] += " More words."
    method["summary"] = "Another summary"
    method["examples"] = []
    method["x-timeout-ms"] += 1
    method["params"][0]["description"] = "changed"
    changed["info"]["description"] = "changed"  # type: ignore[index]
    for schema in changed["components"]["schemas"].values():  # type: ignore[index]
        schema["description"] = "changed"
        schema.pop("title", None)
    assert schema_hash(changed) == before


def test_what_the_wire_carries_changes_the_hash() -> None:
    doc = document()
    before = schema_hash(doc)
    variants = []
    renamed = copy.deepcopy(doc)
    renamed["methods"][0]["name"] += "_2"  # type: ignore[index]
    variants.append(renamed)
    param = copy.deepcopy(doc)
    param["methods"][0]["params"][0]["schema"] = {"type": "integer"}  # type: ignore[index]
    variants.append(param)
    result = copy.deepcopy(doc)
    result["methods"][0]["result"]["schema"] = {"type": "string"}  # type: ignore[index]
    variants.append(result)
    error = copy.deepcopy(doc)
    next(iter(error["components"]["errors"].values()))["code"] += 100  # type: ignore[index]
    variants.append(error)
    served = copy.deepcopy(doc)
    m = served["methods"][0]  # type: ignore[index]
    m["x-served-by"] = "pipeline" if m["x-served-by"] == "host" else "host"
    variants.append(served)
    # a property named "title" is a name, not an annotation
    named = {"methods": [], "components": {"schemas": {"T": {"properties": {"title": {}}}}}}
    assert schema_hash(named) != schema_hash(
        {"methods": [], "components": {"schemas": {"T": {"properties": {}}}}}
    )
    for variant in variants:
        assert schema_hash(variant) != before
