"""jsonschema-rs (the fast path) and jsonschema (the reference) agree.

The corpus: every method's params and result schema, from the test fixture and from the real
After Effects schema (skipped while it is absent), checked against the schema's examples, every
single-point mutation of them (a key dropped or added, a value replaced by a value of each JSON
type), and arbitrary JSON from hypothesis. Both validators must give the same verdict, and a
rejected value must get at least one error with a JSON pointer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aerpc.runtime.contract import Contract
from aerpc.runtime.validation import Validator, reference_validator

from .conftest import CONTRACT

REAL_SCHEMA = Path(__file__).resolve().parents[2] / "schema" / "aftereffects.openrpc.json"

REPLACEMENTS: list[Any] = [
    None,
    True,
    0,
    -1,
    1.5,
    2**53 + 1,
    2**70,
    "",
    "x",
    "comp",
    [],
    [1],
    {},
    {"id": 1},
]


def contracts() -> Iterator[Contract]:
    yield CONTRACT
    if REAL_SCHEMA.exists():
        yield Contract.from_file(REAL_SCHEMA)


def validators() -> list[tuple[str, Validator, list[Any]]]:
    """(label, validator, examples) for the params and result of every method."""
    out = []
    for contract in contracts():
        for spec in contract.methods.values():
            params = [
                {p["name"]: p["value"] for p in example.get("params", [])}
                for example in spec.examples
            ]
            results = [
                example["result"]["value"]
                for example in spec.examples
                if isinstance(example.get("result"), dict) and "value" in example["result"]
            ]
            label = f"{contract.name}.{spec.name}"
            out.append((label + ":params", spec.params_validator, params))
            out.append((label + ":result", spec.result_validator, results))
    return out


VALIDATORS = validators()
VERDICTS = {True: 0, False: 0}  # over the whole corpus (some results accept any JSON)


def mutations(value: Any) -> Iterator[Any]:
    """Every single-point mutation of ``value``."""
    for replacement in REPLACEMENTS:
        if replacement != value or type(replacement) is not type(value):
            yield replacement
    if isinstance(value, dict):
        for key in value:
            yield {k: v for k, v in value.items() if k != key}
            for mutant in mutations(value[key]):
                yield {**value, key: mutant}
        yield {**value, "unexpected": 1}
    elif isinstance(value, list):
        if value:
            yield value[:-1]
            yield [*value, value[0]]
        yield [*value, None]
        for i, item in enumerate(value):
            for mutant in mutations(item):
                yield [*value[:i], mutant, *value[i + 1 :]]


def check(validator: Validator, instance: Any) -> bool:
    fast = validator.is_valid(instance)
    reference = reference_validator(validator.schema).is_valid(instance)
    assert fast == reference, f"jsonschema-rs says {fast}, jsonschema says {reference}"
    if not fast:
        errors = validator.errors(instance)
        assert errors
        assert all(e["path"] == "" or e["path"].startswith("/") for e in errors)
    return fast


@pytest.mark.parametrize(
    ("label", "validator", "examples"), VALIDATORS, ids=[label for label, _, _ in VALIDATORS]
)
def test_examples_and_their_mutations(
    label: str, validator: Validator, examples: list[Any]
) -> None:
    assert examples, f"{label}: the schema gives no example"
    verdicts = {True: 0, False: 0}
    for example in examples:
        assert check(validator, example), f"{label}: its own example is invalid"
        for seen, mutant in enumerate(mutations(example)):
            if seen >= 400:
                break
            verdicts[check(validator, mutant)] += 1
    VERDICTS[True] += verdicts[True]
    VERDICTS[False] += verdicts[False]


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**64 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["comp", "folder", "footage", "sha256:0"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "name", "type", "text", "items", "x"]) | st.text(max_size=6),
            children,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(VALIDATORS), json_values)
def test_arbitrary_json(entry: tuple[str, Validator, list[Any]], value: Any) -> None:
    _label, validator, _examples = entry
    check(validator, value)


def test_the_corpus_covers_both_schemas_and_both_verdicts() -> None:
    for label, validator, examples in VALIDATORS:
        test_examples_and_their_mutations(label, validator, examples)
    assert VERDICTS[True] > 100, VERDICTS
    assert VERDICTS[False] > 1000, VERDICTS
    labels = {label.split(".")[0] for label, _, _ in VALIDATORS}
    assert "mini" in labels
    if REAL_SCHEMA.exists():
        assert "aftereffects" in labels
