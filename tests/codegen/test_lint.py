"""The schema lint: the real schema passes; each rule refuses a small bad schema at its pointer."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aerpc.cli import main
from aerpc.codegen.lint import lint_document
from aerpc.codegen.loader import SchemaLoadError, load_document
from aerpc.codegen.metaschema import MetaSchemas

Doc = dict[str, Any]
ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schema" / "aftereffects.openrpc.json"


def test_real_schema_passes(meta: MetaSchemas) -> None:
    assert lint_document(load_document(SCHEMA), meta) == []


def test_minimal_document_passes(meta: MetaSchemas, minimal: Doc) -> None:
    assert lint_document(minimal, meta) == []


def _method(doc: Doc) -> Doc:
    method: Doc = doc["methods"][0]
    return method


def _thing(doc: Doc) -> Doc:
    thing: Doc = doc["components"]["schemas"]["Thing"]
    return thing


def _set(path: list[str | int], value: Any) -> Callable[[Doc], None]:
    def edit(doc: Doc) -> None:
        target: Any = doc
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return edit


def _delete(path: list[str | int]) -> Callable[[Doc], None]:
    def edit(doc: Doc) -> None:
        target: Any = doc
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return edit


M: list[str | int] = ["methods", 0]
THING: list[str | int] = ["components", "schemas", "Thing"]
CASES: list[tuple[str, Callable[[Doc], None], str, str]] = [
    ("meta-schema", _set(["openrpc"], "9.9"), "/openrpc", "openrpc-meta-schema"),
    ("method name", _set([*M, "name"], "getThing"), "/methods/0/name", "method-name"),
    (
        "by-name",
        _set([*M, "paramStructure"], "by-position"),
        "/methods/0/paramStructure",
        "by-name",
    ),
    ("served-by", _set([*M, "x-served-by"], "both"), "/methods/0/x-served-by", "x-served-by"),
    ("timeout", _set([*M, "x-timeout-ms"], 0), "/methods/0/x-timeout-ms", "x-timeout-ms"),
    ("idempotent", _delete([*M, "x-idempotent"]), "/methods/0/x-idempotent", "x-idempotent"),
    ("read-only", _set([*M, "x-read-only"], "yes"), "/methods/0/x-read-only", "x-read-only"),
    (
        "read-only runs twice",
        lambda d: _method(d).update({"x-read-only": True, "x-idempotent": False}),
        "/methods/0/x-read-only",
        "x-read-only",
    ),
    ("destructive", _set([*M, "x-destructive"], 1), "/methods/0/x-destructive", "x-destructive"),
    (
        "read-only and destructive",
        lambda d: _method(d).update({"x-read-only": True, "x-destructive": True}),
        "/methods/0/x-destructive",
        "x-destructive",
    ),
    ("host function", _delete([*M, "x-host-function"]), "/methods/0", "x-host-function"),
    (
        "param keyword",
        _set([*M, "params", 0, "name"], "class"),
        "/methods/0/params/0/name",
        "param-name",
    ),
    (
        "param reserved",
        _set([*M, "params", 0, "name"], "options"),
        "/methods/0/params/0/name",
        "param-name",
    ),
    ("no result", _delete([*M, "result"]), "/methods/0", "result"),
    (
        "inline object",
        _set(
            [*M, "result", "schema"],
            {"type": "object", "properties": {}, "additionalProperties": False},
        ),
        "/methods/0/result/schema",
        "inline-object",
    ),
    (
        "component name",
        lambda d: d["components"]["schemas"].update(list=_thing(d)),
        "/components/schemas/list",
        "component-name",
    ),
    ("title", _set([*THING, "title"], "Other"), "/components/schemas/Thing", "component-title"),
    (
        "additionalProperties",
        _delete([*THING, "additionalProperties"]),
        "/components/schemas/Thing",
        "additional-properties",
    ),
    (
        "property name",
        lambda d: _thing(d)["properties"].update({"for": {"type": "string"}}),
        "/components/schemas/Thing/properties/for",
        "property-name",
    ),
    (
        "if/then/else",
        _set([*THING, "properties", "name", "if"], {"type": "string"}),
        "/components/schemas/Thing/properties/name/if",
        "forbidden-keyword",
    ),
    (
        "not",
        _set([*THING, "properties", "name", "not"], {"type": "null"}),
        "/components/schemas/Thing/properties/name/not",
        "forbidden-keyword",
    ),
    (
        "patternProperties",
        _set([*THING, "patternProperties"], {"^x": {}}),
        "/components/schemas/Thing/patternProperties",
        "forbidden-keyword",
    ),
    (
        "allOf",
        _set([*THING, "properties", "id", "allOf"], [{"type": "integer"}]),
        "/components/schemas/Thing/properties/id/allOf",
        "forbidden-keyword",
    ),
    (
        "two types",
        _set([*THING, "properties", "id", "type"], ["integer", "string"]),
        "/components/schemas/Thing/properties/id/type",
        "type",
    ),
    (
        "untagged union",
        _set(
            [*M, "result", "schema"],
            {"oneOf": [{"$ref": "#/components/schemas/Thing"}, {"type": "string"}]},
        ),
        "/methods/0/result/schema/oneOf",
        "union",
    ),
    (
        "enum",
        _set([*THING, "properties", "name", "enum"], ["a", 1]),
        "/components/schemas/Thing/properties/name/enum",
        "enum",
    ),
    (
        "array items",
        _set([*THING, "properties", "name"], {"type": "array"}),
        "/components/schemas/Thing/properties/name",
        "array-items",
    ),
    (
        "dangling ref",
        _set([*M, "result", "schema", "$ref"], "#/components/schemas/Nope"),
        "/methods/0/result/schema/$ref",
        "ref",
    ),
    (
        "error code",
        _set(["components", "errors", "NoThing", "code"], 12),
        "/components/errors/NoThing/code",
        "error-code",
    ),
    (
        "error ref",
        _set([*M, "errors", 0, "$ref"], "#/components/errors/Gone"),
        "/methods/0/errors/0",
        "error-ref",
    ),
    ("no example", _delete([*M, "examples"]), "/methods/0", "example"),
    (
        "bad example",
        _set([*M, "examples", 0, "params", 0, "value"], "one"),
        "/methods/0/examples/0/params",
        "example",
    ),
    (
        "bad example result",
        _set([*M, "examples", 0, "result", "value"], {"id": 1}),
        "/methods/0/examples/0/result/value",
        "example",
    ),
    (
        "default on required",
        _set([*M, "params", 0, "schema", "default"], 3),
        "/methods/0/params/0/schema/default",
        "param-default",
    ),
]


@pytest.mark.parametrize(
    ("edit", "where", "rule"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_rule_refuses_bad_schema(
    meta: MetaSchemas, minimal: Doc, edit: Callable[[Doc], None], where: str, rule: str
) -> None:
    doc = minimal
    edit(doc)
    found = {(v.pointer, v.rule) for v in lint_document(doc, meta)}
    assert (where, rule) in found, found


def test_tagged_union_and_nullable_ref_pass(meta: MetaSchemas, minimal: Doc) -> None:
    doc = minimal
    schemas = doc["components"]["schemas"]
    schemas["Circle"] = {
        "title": "Circle",
        "type": "object",
        "properties": {"kind": {"const": "circle"}, "r": {"type": "number"}},
        "required": ["kind", "r"],
        "additionalProperties": False,
    }
    schemas["Square"] = {
        "title": "Square",
        "type": "object",
        "properties": {"kind": {"const": "square"}, "side": {"type": "number"}},
        "required": ["kind", "side"],
        "additionalProperties": False,
    }
    schemas["Shape"] = {
        "title": "Shape",
        "oneOf": [{"$ref": "#/components/schemas/Circle"}, {"$ref": "#/components/schemas/Square"}],
    }
    _thing(doc)["properties"]["shape"] = {
        "anyOf": [{"$ref": "#/components/schemas/Shape"}, {"type": "null"}]
    }
    assert lint_document(doc, meta) == []


def test_every_violation_is_reported_at_once(meta: MetaSchemas, minimal: Doc) -> None:
    doc = minimal
    _method(doc)["x-timeout-ms"] = -1
    _delete([*THING, "additionalProperties"])(doc)
    rules = {v.rule for v in lint_document(doc, meta)}
    assert {"x-timeout-ms", "additional-properties"} <= rules


def test_violation_text_names_pointer_rule_and_fix(meta: MetaSchemas, minimal: Doc) -> None:
    doc = minimal
    _method(doc)["x-timeout-ms"] = 0
    (violation,) = lint_document(doc, meta)
    assert str(violation).startswith("/methods/0/x-timeout-ms: x-timeout-ms: ")
    assert "positive integer" in str(violation)


def test_not_json_reports_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.openrpc.json"
    bad.write_text('{\n  "openrpc": "1.2.6",\n  "info": {,}\n}\n', encoding="utf-8")
    with pytest.raises(SchemaLoadError, match=r"bad\.openrpc\.json:3:12: not JSON"):
        load_document(bad)


def test_cli_lint_exit_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], minimal: Doc
) -> None:
    root = ROOT
    doc = minimal
    _method(doc)["x-timeout-ms"] = 0
    _delete([*THING, "title"])(doc)
    bad = tmp_path / "tiny.openrpc.json"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["--root", str(root), "lint", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "#/methods/0/x-timeout-ms: x-timeout-ms:" in err
    assert "#/components/schemas/Thing: component-title:" in err
    assert "2 problem(s)" in err
    assert main(["--root", str(root), "lint", str(SCHEMA)]) == 0


def _with_event(doc: Doc, **changes: Any) -> Doc:
    event: Doc = {
        "name": "thing_changed",
        "summary": "A thing changed.",
        "emittedBy": "panel",
        "payload": {"$ref": "#/components/schemas/Thing"},
    }
    event.update(changes)
    doc["x-events"] = [event]
    return doc


def test_an_event_with_an_object_payload_passes(meta: MetaSchemas, minimal: Doc) -> None:
    assert lint_document(_with_event(minimal, experimental=True), meta) == []


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"name": "ThingChanged"}, "/x-events/0/name"),
        ({"summary": " "}, "/x-events/0"),
        ({"emittedBy": "python"}, "/x-events/0/emittedBy"),
        ({"experimental": "yes"}, "/x-events/0/experimental"),
        ({"payload": {"type": "object"}}, "/x-events/0/payload"),
        ({"payload": {"$ref": "#/components/schemas/Nothing"}}, "/x-events/0/payload"),
        ({"colour": "red"}, "/x-events/0/colour"),
    ],
    ids=["name", "summary", "emitter", "experimental", "inline", "missing", "unknown key"],
)
def test_a_bad_event_is_refused_at_its_pointer(
    meta: MetaSchemas, minimal: Doc, changes: Doc, where: str
) -> None:
    found = {(v.pointer, v.rule) for v in lint_document(_with_event(minimal, **changes), meta)}
    assert (where, "x-events") in found, found


def test_events_are_a_list_of_unique_names(meta: MetaSchemas, minimal: Doc) -> None:
    doc = _with_event(minimal)
    doc["x-events"].append(dict(doc["x-events"][0]))
    found = {(v.pointer, v.rule) for v in lint_document(doc, meta)}
    assert ("/x-events/1/name", "x-events") in found
    doc["x-events"] = {"thing_changed": {}}
    assert [v.rule for v in lint_document(doc, meta)] == ["x-events"]


def test_a_progress_event_names_a_declared_event_of_a_host_method(
    meta: MetaSchemas, minimal: Doc
) -> None:
    doc = _with_event(minimal, emittedBy="server")
    doc["methods"][0]["x-served-by"] = "host"
    doc["methods"][0]["x-progress-event"] = "thing_changed"
    assert lint_document(doc, meta) == []
    doc["methods"][0]["x-served-by"] = "pipeline"
    found = {(v.pointer, v.rule) for v in lint_document(doc, meta)}
    assert ("/methods/0/x-progress-event", "x-progress-event") in found
    doc["methods"][0]["x-served-by"] = "host"
    doc["methods"][0]["x-progress-event"] = "nothing_changed"
    found = {(v.pointer, v.rule) for v in lint_document(doc, meta)}
    assert ("/methods/0/x-progress-event", "x-progress-event") in found


def test_host_apps_with_version_ranges_pass(meta: MetaSchemas, minimal: Doc) -> None:
    minimal["x-hosts"] = [
        {"app": "PHXS", "versions": "[24.0,99.9]"},
        {"app": "PHSP", "versions": "24.0"},
    ]
    assert lint_document(minimal, meta) == []


@pytest.mark.parametrize(
    ("hosts", "where"),
    [
        ([], "/x-hosts"),
        ({"app": "PHXS", "versions": "24.0"}, "/x-hosts"),
        ([{"app": "Photoshop", "versions": "24.0"}], "/x-hosts/0/app"),
        ([{"app": "PHXS", "versions": "24 to 99"}], "/x-hosts/0/versions"),
        ([{"app": "PHXS", "versions": "[24.0,]"}], "/x-hosts/0/versions"),
        ([{"app": "PHXS"}], "/x-hosts/0"),
        ([{"app": "PHXS", "versions": "24"}, {"app": "PHXS", "versions": "25"}], "/x-hosts/1/app"),
    ],
    ids=["empty", "not a list", "app", "versions", "open range", "missing key", "twice"],
)
def test_a_bad_host_list_is_refused_at_its_pointer(
    meta: MetaSchemas, minimal: Doc, hosts: Any, where: str
) -> None:
    minimal["x-hosts"] = hosts
    found = {(v.pointer, v.rule) for v in lint_document(minimal, meta)}
    assert found == {(where, "x-hosts")}
