"""``key=value`` words of a command line as a method's params, typed by the method's schema.

Numbers, booleans (``true``/``false``, ``yes``/``no``, ``1``/``0``), ``null`` where the schema
allows it, JSON for objects and arrays, strings as written; ``key=@FILE`` reads the value's
text from a file (``@-``: standard input), for values too long for a command line. A path
parameter (named ``path``, ``paths`` or ending in ``_path``/``_dir``, or with ``format: path``)
is made absolute against the current directory with ``~`` expanded, since After Effects has
another working directory.
"""

from __future__ import annotations

import difflib
import json
import os
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from aerpc.runtime.contract import Contract

__all__ = ["ParamError", "method_params", "parse_params", "parse_value"]

_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0"})
_SCHEMA_REF = "#/components/schemas/"


class ParamError(ValueError):
    """A word of the command line that does not fit the method; the message says where."""


def method_params(contract: Contract, method: str) -> dict[str, Mapping[str, Any]]:
    """The schema of each parameter of ``method``, by name, in the schema's order."""
    document = contract.document
    for entry in document.get("methods", []):
        if entry.get("name") == method:
            return {p["name"]: p.get("schema", {}) for p in entry.get("params", [])}
    raise ParamError(f"{method}: no such method in schema {contract.name!r}")


def parse_params(contract: Contract, method: str, words: Sequence[str]) -> dict[str, object]:
    """``["comps=true", "name=Shot 10"]`` as params of ``method`` (see the module doc)."""
    schemas = method_params(contract, method)
    components = contract.document.get("components", {}).get("schemas", {})
    params: dict[str, object] = {}
    for word in words:
        key, sep, text = word.partition("=")
        if not sep:
            raise ParamError(f"{word!r}: write parameters as key=value")
        if key not in schemas:
            names = ", ".join(schemas) or "none"
            near = difflib.get_close_matches(key, schemas, n=1)
            hint = f"did you mean {near[0]!r}? " if near else ""
            raise ParamError(f"{method} has no parameter {key!r}; {hint}its parameters: {names}")
        if key in params:
            raise ParamError(f"{key} is given twice")
        if text.startswith("@"):
            text = _read_file(key, text[1:])
        try:
            params[key] = parse_value(key, text, schemas[key], components)
        except ValueError as exc:
            raise ParamError(f"{key}={text}: {exc}") from None
    return params


def parse_value(
    name: str, text: str, schema: Mapping[str, Any], components: Mapping[str, Any]
) -> object:
    """One value, typed by ``schema`` (``name`` tells a path parameter)."""
    schema = _resolve(schema, components)
    types = _types(schema, components)
    if text == "null" and ("null" in types or not types):
        return None
    main = [t for t in types if t != "null"]
    kind = main[0] if main else None
    if kind == "integer":
        try:
            return int(text)
        except ValueError:
            raise ValueError("not a whole number (write digits, e.g. 3)") from None
    if kind == "number":
        try:
            number = float(text)
        except ValueError:
            raise ValueError("not a number (write e.g. 2.5)") from None
        return int(number) if number.is_integer() and "." not in text else number
    if kind == "boolean":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise ValueError("not a boolean (true or false)")
    if kind == "string":
        return _path(text) if _is_path(name, schema) else text
    if kind in ("array", "object"):
        value = _json(text, kind)
        if kind == "array" and _is_path(name, schema) and isinstance(value, list):
            return [_path(v) if isinstance(v, str) else v for v in value]
        return value
    try:  # any JSON value: JSON if it parses, else the text
        return json.loads(text)
    except ValueError:
        return text


def _read_file(key: str, name: str) -> str:
    """The text of the file ``name`` (``-``: standard input) for ``key=@name``."""
    try:
        if name == "-":
            return sys.stdin.read()
        with open(os.path.expanduser(name), encoding="utf-8") as file:
            return file.read()
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise ParamError(f"{key}=@{name}: cannot read the file ({reason})") from None


def _json(text: str, kind: str) -> object:
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise ValueError(f"not JSON ({exc}); an {kind} is written as JSON") from None
    return value


def _path(text: str) -> str:
    return os.path.abspath(os.path.expanduser(text))


def _is_path(name: str, schema: Mapping[str, Any]) -> bool:
    if schema.get("format") == "path":
        return True
    return name in ("path", "paths") or name.endswith(("_path", "_paths", "_dir"))


def _resolve(schema: Mapping[str, Any], components: Mapping[str, Any]) -> Mapping[str, Any]:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith(_SCHEMA_REF):
        target = components.get(ref.removeprefix(_SCHEMA_REF))
        if isinstance(target, Mapping):
            return target
    return schema


def _types(schema: Mapping[str, Any], components: Mapping[str, Any]) -> list[str]:
    declared = schema.get("type")
    if isinstance(declared, str):
        return [declared]
    if isinstance(declared, list):
        return [str(t) for t in declared]
    for combinator in ("anyOf", "oneOf"):
        options = schema.get(combinator)
        if isinstance(options, list):
            found: list[str] = []
            for option in options:
                if isinstance(option, Mapping):
                    found.extend(_types(_resolve(option, components), components))
            return found
    return []
