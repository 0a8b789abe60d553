"""Reading the OpenRPC document: identity, methods, x- fields, $refs, checks."""

from __future__ import annotations

import copy
from typing import Any

import pytest

import aerpc.aftereffects
from aerpc.runtime import (
    Contract,
    InvalidParams,
    MethodNotFound,
    RemoteError,
    ResultValidationError,
    error_class_for,
    error_from_wire,
)
from aerpc.runtime.canonical import schema_hash
from aerpc.runtime.contract import DEFAULT_TIMEOUT_MS
from aerpc.runtime.validation import MAX_ERRORS, Validator

from .conftest import CONTRACT, FIXTURE, ItemNotFound


def test_identity() -> None:
    assert CONTRACT.name == "mini"  # from the file name, as codegen names schemas
    assert CONTRACT.version == "1.0.0"
    assert CONTRACT.hash == schema_hash(CONTRACT.document)
    assert CONTRACT.identity == {"name": "mini", "version": "1.0.0", "hash": CONTRACT.hash}
    assert Contract.from_document(CONTRACT.document).name == "mini"  # info.title
    assert Contract.from_document(CONTRACT.document, name="x").name == "x"
    assert Contract.from_file(FIXTURE, name="y").hash == CONTRACT.hash


def test_method_specs() -> None:
    add = CONTRACT.methods["add_item"]
    assert (add.served_by, add.timeout, add.idempotent) == ("host", 5.0, False)
    assert add.param_names == ("name",)
    assert add.required_params == ("name",)
    assert CONTRACT.methods["get_item"].errors == (1001,)
    assert CONTRACT.methods["set_context"].served_by == "pipeline"
    assert CONTRACT.methods["get_items"].required_params == ()


def test_check_params_lists_every_error_with_pointers() -> None:
    spec = CONTRACT.methods["count_items"]
    spec.check_params({"items": [{"id": 1, "name": "a", "type": "comp"}]})
    with pytest.raises(InvalidParams) as caught:
        spec.check_params({"items": [{"id": "1", "name": "a"}], "more": True})
    assert caught.value.data == {
        "errors": [
            {
                "path": "",
                "message": "Additional properties are not allowed ('more' was unexpected)",
            },
            {"path": "/items/0", "message": "'type' is a required property"},
            {"path": "/items/0/id", "message": "'1' is not of type 'integer'"},
        ]
    }
    assert str(caught.value).startswith("count_items: params break the schema at /: ")


def test_check_result() -> None:
    spec = CONTRACT.methods["get_items"]
    spec.check_result([])
    with pytest.raises(ResultValidationError) as caught:
        spec.check_result(
            [{"id": 1, "name": "a", "type": "comp"}, {"id": 2, "name": "b/c~", "type": 3}]
        )
    assert caught.value.errors[0]["path"] == "/1/type"
    assert CONTRACT.methods["sleep"].result_errors(None) == []
    assert CONTRACT.methods["sleep"].result_errors(0) != []


def test_json_pointers_are_escaped() -> None:
    doc: dict[str, Any] = copy.deepcopy(dict(CONTRACT.document))
    doc["methods"][0]["params"] = [
        {"name": "a/b~c", "required": True, "schema": {"type": "string"}}
    ]
    spec = Contract.from_document(doc).methods["echo"]
    error = spec.invalid_params({"a/b~c": 1})
    assert error is not None
    assert error.data == {"errors": [{"path": "/a~1b~0c", "message": "1 is not of type 'string'"}]}
    assert spec.invalid_params({"a/b~c": "ok"}) is None


def test_content_descriptor_refs_and_defaults() -> None:
    doc: dict[str, Any] = copy.deepcopy(dict(CONTRACT.document))
    doc["components"]["contentDescriptors"] = {
        "Text": {"name": "text", "required": True, "schema": {"type": "string"}}
    }
    method = doc["methods"][0]
    method["params"] = [{"$ref": "#/components/contentDescriptors/Text"}]
    del method["x-timeout-ms"], method["x-idempotent"]
    spec = Contract.from_document(doc).methods["echo"]
    assert spec.param_names == ("text",)
    assert spec.timeout == DEFAULT_TIMEOUT_MS / 1000
    assert spec.idempotent is False


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m.pop("x-served-by"), "x-served-by must be"),
        (lambda m: m["params"].append({"$ref": "other.json#/x"}), "only local \\$refs"),
    ],
)
def test_refused_documents(change: Any, message: str) -> None:
    doc: dict[str, Any] = copy.deepcopy(dict(CONTRACT.document))
    change(doc["methods"][0])
    with pytest.raises(ValueError, match=message):
        Contract.from_document(doc)


def test_duplicate_method_is_refused() -> None:
    doc: dict[str, Any] = copy.deepcopy(dict(CONTRACT.document))
    doc["methods"].append(doc["methods"][0])
    with pytest.raises(ValueError, match="declared twice"):
        Contract.from_document(doc)


def test_each_contract_maps_its_own_error_codes() -> None:
    """The mini schema and the After Effects one both use 1001; neither takes the other's
    place, and a class defined elsewhere with that code changes nothing."""

    class Elsewhere(RemoteError):
        code = 1001

    wire = {"code": 1001, "message": "gone", "data": {"id": 3}}
    ae = aerpc.aftereffects.CONTRACT.error_classes
    assert type(error_from_wire(wire, CONTRACT.error_classes)) is ItemNotFound
    assert type(error_from_wire(wire, ae)) is aerpc.aftereffects.ItemNotFound
    plain = error_from_wire(wire)
    assert type(plain) is RemoteError
    assert (plain.code, plain.message, plain.data) == (1001, "gone", {"id": 3})
    assert error_class_for(-32601) is MethodNotFound  # protocol codes hold everywhere
    assert error_class_for(-32601, CONTRACT.error_classes) is MethodNotFound
    assert Contract.from_document(CONTRACT.document).error_classes == {}


def test_a_malformed_error_object_is_described_without_its_payload() -> None:
    deep: Any = []
    for _ in range(5000):
        deep = [deep]
    error = error_from_wire({"code": deep, "message": "m"})
    assert error.code == -32603
    assert error.message == (
        "malformed error object from the peer: its code is list, not an integer"
    )


def test_schema_errors_are_bounded() -> None:
    validator = Validator({"type": "array", "items": {"type": "integer"}})
    errors = validator.errors(["x" * 10_000] * 100)
    assert len(errors) == MAX_ERRORS
    assert all(len(e["message"]) < 300 for e in errors)
    deep: Any = []
    for _ in range(1000):
        deep = [deep]
    assert Validator({"type": "string"}).errors(deep) == [
        {"path": "", "message": "the value is nested too deeply to be checked"}
    ]


def test_lone_surrogates_are_validated() -> None:
    validator = Validator({"type": "string", "maxLength": 3})
    assert validator.is_valid("a\ud800")
    assert not validator.is_valid("ab\ud800\udc00")
    assert not validator.is_valid(["\ud800"])
