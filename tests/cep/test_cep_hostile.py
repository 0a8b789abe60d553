"""Hostile strings, property-based: Python -> server -> panel (node) -> ExtendScript -> back.

Arbitrary unicode (quotes, backslashes, ``*/``, ``</script>``, U+2028/U+2029, NUL and other
controls, emoji, noncharacters, would-be injections) goes out as an item name through
``rename_item`` and comes back through ``get_items``; arbitrary JSON (keys and values) goes out
as pipeline metadata through ``imprint`` and comes back through ``get_metadata``, stored in
between as JSON text by the ES3 codec. Everything comes back unchanged, and nothing is ever run
as code: the injections would set a global that must stay undefined.

One server and one panel process serve every example. Lone surrogates are among the pieces (as
JSON allows them, escaped): a low one anywhere, a high one always followed by a non-surrogate, so
that no two pieces join into a pair (Python keeps a joined pair as two code points, JavaScript
reads it as one character: a difference of the languages, not of the transport).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aerpc.aftereffects import AfterEffects

from .conftest import WAIT, PanelProcess, RecordingHandlers, needs_node, panel_env, start_server

pytestmark = [needs_node, pytest.mark.node]

EXAMPLES = int(os.environ.get("AERPC_HOSTILE_EXAMPLES", "2000"))

PWNED = "__aerpc_pwned"
HOSTILE = [
    '"',
    "'",
    "\\",
    "\\\\",
    '\\"',
    "*/",
    "/*",
    "//",
    "</script>",
    "<!--",
    "-->",
    "]]>",
    "${x}",
    "`",
    "\u2028",
    "\u2029",
    "\x00",
    "\x01",
    "\x1f",
    "\x7f",
    "\x85",
    "\b",
    "\f",
    "\n",
    "\r",
    "\t",
    "\r\n",
    "\\u0041",
    "\\n",
    "\\x41",
    "\U0001f600",
    "\U0010ffff",
    "e\u0301",
    "\ufeff",
    "\udc00",
    "\udfff",
    "\ud800!",
    "\udbff-",
    "\ufffe",
    "\uffff",
    "\u202e",
    "\u4e2d\u6587",
    f"');{PWNED}=1;//",
    f'");{PWNED}=1;//',
    f"\\');{PWNED}=1;//",
    f"*/{PWNED}=1;/*",
    f"\u2028{PWNED}=1;//",
    "%s%n",
    "null",
    "undefined",
    "EvalScript error.",
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "valueOf",
    "reflect",
    "toSource",
]


def utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


# AE item names are 1 to 255 UTF-16 code units.
names = (
    st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=8)), min_size=1, max_size=16)
    .map("".join)
    .filter(lambda s: 1 <= utf16_length(s) <= 255)
)

# Not as keys: the three the host lifts out of `data`, and "__proto__", which cannot be an own
# property in ES3 (refused with -32602: test_cep_node.py checks that).
EXCLUDED_KEYS = ("id", "instance_id", "members", "__proto__")
keys = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=10)).filter(
    lambda k: k not in EXCLUDED_KEYS
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    names,
    st.text(max_size=20),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(keys, inner, max_size=5)),
    max_leaves=20,
)


class Rig:
    """One server and one panel process for all examples, with a folder to rename."""

    def __init__(self) -> None:
        self.server = start_server(RecordingHandlers())
        self.panel = PanelProcess(["--sim-project", "empty"], panel_env(self.server))
        self.ae = AfterEffects(self.server.wait_for_host(timeout=WAIT))
        self.folder = self.ae.add_item(name="hostile", item_type="folder")

    def close(self) -> None:
        try:
            self.panel.stop()
        finally:
            self.server.stop()


@pytest.fixture(scope="module")
def rig() -> Iterator[Rig]:
    made = Rig()
    try:
        yield made
        assert made.panel.run(f"typeof {PWNED}") == "undefined", "an injection ran as code"
    finally:
        made.close()


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=names)
def test_a_name_goes_to_extendscript_and_back_unchanged(rig: Rig, name: str) -> None:
    rig.ae.rename_item(item_id=rig.folder, name=name)
    (item,) = rig.ae.get_items(folders=True)
    assert item["id"] == rig.folder
    assert item["name"] == name


@settings(
    max_examples=max(EXAMPLES // 4, 50),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.dictionaries(keys, json_values, max_size=6))
def test_json_metadata_is_stored_and_read_back_unchanged(rig: Rig, data: dict[str, Any]) -> None:
    rig.ae.remove_instance(instance_id="hostile-1")  # imprint merges into an earlier example's
    rig.ae.imprint(
        entry={
            "id": "hostile.test",
            "instance_id": "hostile-1",
            "members": [rig.folder],
            "data": data,
        }
    )
    entries = [e for e in rig.ae.get_metadata() if e.get("instance_id") == "hostile-1"]
    assert len(entries) == 1
    assert entries[0]["members"] == [rig.folder]
    assert same_json(entries[0]["data"], data), (entries[0]["data"], data)


def same_json(received: object, sent: object) -> bool:
    """Equal as JSON values: numbers travel as doubles, so an integral float may come back as
    an int (JavaScript writes 1e16 as 10000000000000000) naming the same double."""
    if isinstance(sent, float):
        return isinstance(received, int | float) and float(received) == sent
    if isinstance(sent, bool) or sent is None or isinstance(sent, str):
        return type(received) is type(sent) and received == sent
    if isinstance(sent, int):
        return isinstance(received, int) and not isinstance(received, bool) and received == sent
    if isinstance(sent, list):
        return (
            isinstance(received, list)
            and len(received) == len(sent)
            and all(same_json(r, s) for r, s in zip(received, sent, strict=True))
        )
    if isinstance(sent, dict):
        # Key order is not kept for integer-like keys ("0" comes first in any JavaScript object).
        return (
            isinstance(received, dict)
            and set(received) == set(sent)
            and all(same_json(received[k], v) for k, v in sent.items())
        )
    return False


def test_a_metadata_key_named_hasOwnProperty(rig: Rig) -> None:
    data: dict[str, Any] = {"hasOwnProperty": 1}
    rig.ae.imprint(
        entry={"id": "hostile.test", "instance_id": "hostile-2", "members": [], "data": data}
    )
    entries = [e for e in rig.ae.get_metadata() if e.get("instance_id") == "hostile-2"]
    assert [e["data"] for e in entries] == [data]
