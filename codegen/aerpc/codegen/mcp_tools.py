"""The MCP tool table: each host method's tool schemas and hints, for ``py/mcp_tools.py.j2``.

A tool's schemas must stand alone, so the ``#/components/schemas/…`` references of the
OpenRPC document become ``#/$defs/…`` with the components they reach copied into ``$defs``.
MCP wants an object at the root of both schemas: the params are one object, and a result that
is not an object (a list, a string, null) is wrapped as ``{<result name>: value}``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .lint import SCHEMA_REF
from .model import Api, Method

__all__ = ["DEFS_REF", "mcp_tool_context", "py_literal", "tool_schemas"]

DEFS_REF = "#/$defs/"
_CHUNK = 56  # characters of a string literal per source line


def tool_schemas(
    method: Method, components: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any], str | None]:
    """``(input schema, output schema, result key)``, each schema with the ``$defs`` it needs;
    the key is None when the result is an object sent as is, else the name the result is
    wrapped under."""
    params, output, key = _bare_schemas(method, components)
    return _with_defs(params, components), _with_defs(output, components), key


def _bare_schemas(
    method: Method, components: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Any], str | None]:
    """:func:`tool_schemas` without ``$defs``."""
    properties = {p.name: _described(p.description, _local(p.schema)) for p in method.params}
    params: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": [p.name for p in method.params if p.required],
        "additionalProperties": False,
    }
    result = method.result.schema
    target = _component(result, components)
    if target is not None and target.get("type") == "object":
        output, key = dict(_local(target)), None
    else:
        key = method.result.name
        output = {
            "type": "object",
            "properties": {key: _described(method.result.description, _local(result))},
            "required": [key],
            "additionalProperties": False,
        }
    return params, output, key


def mcp_tool_context(api: Api) -> dict[str, object]:
    """The template's context: the components the tools use (``defs``, once), and one entry
    per host method with its schemas as Python source and the names of the ``$defs`` each
    needs."""
    components = api.document.get("components", {}).get("schemas", {})
    tools = []
    used: set[str] = set()
    for method in api.host_methods:
        params, output, key = _bare_schemas(method, components)
        needs = {"input": _reached(params, components), "output": _reached(output, components)}
        used |= needs["input"] | needs["output"]
        if key is None:  # an object result: the component itself, written once in _DEFS
            name = str(method.result.schema["$ref"]).removeprefix(SCHEMA_REF)
            used.add(name)
            output_source = f"_DEFS[{py_literal(name)}]"
        else:
            wrapped = py_literal(output["properties"][key])
            output_source = f"_result({py_literal(key)}, {wrapped})"
        description = "\n\n".join(t for t in (method.summary, method.description) if t)
        tools.append(
            {
                "method": method,
                "description": py_literal(description),
                "input_schema": py_literal(params),
                "input_defs": ", ".join(py_literal(n) for n in sorted(needs["input"])),
                "output_schema": output_source,
                "output_defs": ", ".join(py_literal(n) for n in sorted(needs["output"])),
                "result_key": py_literal(key),
            }
        )
    defs = {name: _local(components[name]) for name in sorted(used)}
    return {"tools": tools, "defs": py_literal(defs)}


def py_literal(value: Any) -> str:
    """Python source for a JSON value; long strings become implicitly joined chunks, so that
    the formatted source keeps within the line length."""
    if isinstance(value, Mapping):
        items = ", ".join(f"{py_literal(k)}: {py_literal(v)}" for k, v in value.items())
        return "{" + items + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(py_literal(v) for v in value) + "]"
    if isinstance(value, str) and len(value) > _CHUNK:
        chunks, line = [], ""
        for token in re.findall(r"\S*\s*", value):
            if line and len(line) + len(token) > _CHUNK:
                chunks.append(line)
                line = ""
            line += token
        chunks.append(line)
        return "(" + " ".join(repr(c) for c in chunks if c) + ")"
    return repr(value)


def _described(description: str, schema: Mapping[str, Any]) -> dict[str, Any]:
    if not description or "description" in schema:
        return dict(schema)
    return {"description": description, **schema}


def _component(schema: Mapping[str, Any], components: Mapping[str, Any]) -> Any:
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith(SCHEMA_REF):
        return components.get(ref.removeprefix(SCHEMA_REF))
    return None


def _local(schema: Any) -> Any:
    """``schema`` with its component references pointing into ``$defs``."""
    if isinstance(schema, Mapping):
        return {
            key: DEFS_REF + value.removeprefix(SCHEMA_REF)
            if key == "$ref" and isinstance(value, str)
            else _local(value)
            for key, value in schema.items()
        }
    if isinstance(schema, list):
        return [_local(v) for v in schema]
    return schema


def _refs(schema: Any) -> set[str]:
    if isinstance(schema, Mapping):
        found = {schema["$ref"]} if isinstance(schema.get("$ref"), str) else set()
        for value in schema.values():
            found |= _refs(value)
        return found
    if isinstance(schema, list):
        return set().union(*(_refs(v) for v in schema)) if schema else set()
    return set()


def _reached(schema: Any, components: Mapping[str, Any]) -> set[str]:
    """The names of every component ``schema`` reaches through its (local) references."""
    found: set[str] = set()
    todo = [r.removeprefix(DEFS_REF) for r in _refs(schema)]
    while todo:
        name = todo.pop()
        if name not in found:
            found.add(name)
            todo.extend(r.removeprefix(DEFS_REF) for r in _refs(_local(components[name])))
    return found


def _with_defs(schema: dict[str, Any], components: Mapping[str, Any]) -> dict[str, Any]:
    """``schema`` with ``$defs`` holding every component it reaches (none: no ``$defs``)."""
    names = sorted(_reached(schema, components))
    if names:
        schema["$defs"] = {name: _local(components[name]) for name in names}
    return schema
