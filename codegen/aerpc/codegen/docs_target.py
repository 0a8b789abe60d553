"""The Markdown reference (docs/api.md) and the migration table (docs/migration.md)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from .model import Api, Method
from .render import Output

__all__ = ["docs_outputs", "example_call"]


def _reference_params(method: Method) -> list[dict[str, str]]:
    """Parameters whose description names the reference's old name (``Reference … `x```)."""
    renames = []
    for p in method.params:
        match = re.search(r"[Rr]eference[^`.]*`([A-Za-z_]+)`", p.description)
        if match and match.group(1) != p.name:
            renames.append({"old": match.group(1), "new": p.name})
    return renames


def example_call(method: Method, client: str) -> str:
    """The first example as a call: Python on the typed client named ``client`` for host
    methods, the panel's JS for pipeline ones."""
    params = method.examples[0].params if method.examples else {}
    if method.served_by == "pipeline":
        args = json.dumps(dict(params), ensure_ascii=False) if params else ""
        return f"await panel.pipeline.{method.name}({args})"
    args = ", ".join(f"{k}={_py_literal(v)}" for k, v in params.items())
    return f"{client}.{method.name}({args})"


def _py_literal(value: Any) -> str:
    if isinstance(value, Mapping | list):
        return (
            json.dumps(value, ensure_ascii=False)
            .replace("true", "True")
            .replace("false", "False")
            .replace("null", "None")
        )
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def docs_outputs(api: Api) -> list[Output]:
    """``docs/api.md``, and ``docs/migration.md`` when methods name a reference route."""
    migration = [
        {
            "route": m.reference_route,
            "method": m,
            "renames": _reference_params(m),
            "call": example_call(m, api.client_var),
        }
        for m in sorted(api.methods, key=lambda m: (m.served_by, m.reference_route or ""))
        if m.reference_route
    ]
    new_methods = [m for m in api.methods if not m.reference_route]
    examples = {
        m.name: {
            "params": _json(dict(m.examples[0].params)) if m.examples else "{}",
            "result": _json(m.examples[0].result) if m.examples else "null",
        }
        for m in api.methods
    }
    outputs = [Output("docs/api.md", "docs/api.md.j2", {"examples": examples})]
    if migration:  # only a schema that replaces routes of a reference integration has a table
        outputs.append(
            Output(
                "docs/migration.md",
                "docs/migration.md.j2",
                {"migration": migration, "new_methods": new_methods},
            )
        )
    return outputs
