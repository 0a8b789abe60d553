"""JSON in and out (orjson, and the standard library for lone surrogates only) and the bounded
descriptions of a peer's values."""

from __future__ import annotations

import json
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aerpc.runtime.codec import clip, dumps, loads, preview, reply_id

LONE = ["\ud800", "\udfff", "a\udc00b", "\udc00\ud800", "😀\ud83d"]
"""Lone (or misordered) surrogates; the last is a high surrogate cut from its pair."""


@pytest.mark.parametrize("text", LONE)
def test_lone_surrogates_round_trip(text: str) -> None:
    value = {"s": text, text: [text]}
    data = dumps(value)
    assert data.isascii()  # escaped, as JSON carries them
    assert loads(data) == value
    assert loads(data.decode()) == value


def test_the_fast_path_is_orjson() -> None:
    value = {"a": [1, 2.5, None, True, "é😀"]}
    assert dumps(value) == orjson.dumps(value)


@pytest.mark.parametrize("value", [{1: "a"}, 2**70, float("nan")])
def test_dumps_refuses_what_orjson_refuses_but_surrogates(value: object) -> None:
    try:
        expected = orjson.dumps(value)
    except TypeError:
        with pytest.raises(TypeError):
            dumps(value)
    else:
        assert dumps(value) == expected  # NaN: orjson writes null


def test_dumps_of_a_surrogate_with_a_nan_is_not_json() -> None:
    with pytest.raises(TypeError):
        dumps(["\ud800", float("nan")])


@pytest.mark.parametrize(
    "text",
    [
        b'["\\ud800", NaN]',
        b'["\\ud800", Infinity]',
        b'["\\ud800", 1e400]',
        b'["\\ud800", -' + b"9" * 5000 + b"]",
        b'"\xed\xa0\x80"',  # a surrogate encoded in the bytes: not UTF-8
        b"[" * 1025 + b'"\\ud800"' + b"]" * 1025,
        b'["\\ud800",]',
    ],
    ids=["nan", "infinity", "1e400", "huge-int", "raw-surrogate", "depth-1025", "trailing-comma"],
)
def test_loads_keeps_orjsons_other_rules(text: bytes) -> None:
    with pytest.raises(orjson.JSONDecodeError):
        loads(text)


def test_loads_reads_big_integers_as_orjson_does() -> None:
    text = b'["\\ud800", 18446744073709551615, 18446744073709551616, -9223372036854775809]'
    assert loads(text)[1:] == orjson.loads(text.replace(b'"\\ud800"', b'"x"'))[1:]


JSON_TEXT = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=False),
        st.text(max_size=8),
    ),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=10,
).map(lambda v: json.dumps(v, ensure_ascii=False))


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(
    text=st.one_of(
        JSON_TEXT,
        JSON_TEXT.map(lambda t: t[:-1]),
        JSON_TEXT.map(lambda t: t.replace('"', "'", 1)),
        st.text(max_size=30),
    )
)
def test_loads_agrees_with_orjson_without_lone_surrogates(text: str) -> None:
    """The fallback accepts nothing orjson refuses, except lone surrogate escapes."""
    data = text.encode("utf-8", "surrogatepass")
    try:
        expected: Any = orjson.loads(data)
    except orjson.JSONDecodeError:
        with pytest.raises(orjson.JSONDecodeError):
            loads(data)
    else:
        assert orjson.dumps(loads(data)) == orjson.dumps(expected)


def test_clip_marks_what_it_cut() -> None:
    assert clip("short") == "short"
    cut = clip("x" * 10_000, 20)
    assert cut == "x" * 20 + "…[10000 chars]"


def test_preview_never_raises() -> None:
    deep: list[Any] = []
    for _ in range(5000):
        deep = [deep]
    assert preview(deep) == "<list that cannot be printed>"
    assert preview({"a": "\ud800"}) == '{"a":"\\ud800"}'
    assert preview(object()).startswith('"<object object')
    assert len(preview("x" * 10**6)) < 1100


@pytest.mark.parametrize(
    ("data", "id"),
    [
        (b'{"jsonrpc":"2.0","id":"py:7","result":NaN}', "py:7"),
        ('{ "id" : 12 , "result": [}', 12),
        (b'{"id":"py:\\u0031","jsonrpc":"2.0","result":"\xff"}', "py:1"),
        (b'{"jsonrpc":"2.0","result":{"id":"py:7"},"id":"py:8"', None),  # not first: unknown
        (b'{"method":"x","id":"py:7"', None),
        (b'[{"id":"py:7"}', None),
        (b'{"id":null,"error":1', None),
        (b'{"id":"' + b"x" * 300 + b'","result":NaN}', None),
    ],
)
def test_reply_id_finds_only_the_top_level_id_of_a_reply(data: str | bytes, id: object) -> None:
    assert reply_id(data) == id
