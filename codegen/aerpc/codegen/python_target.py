"""The generated Python package: types, clients, handler protocols, errors and the schema."""

from __future__ import annotations

import dataclasses

from .docs_target import example_call
from .mcp_tools import mcp_tool_context
from .model import Api, Method
from .render import Output

__all__ = ["python_outputs"]


def _imports(api: Api, methods: tuple[Method, ...]) -> dict[str, object]:
    """The model's answer to what a module of ``methods``' signatures imports, for a template."""
    return dataclasses.asdict(api.python_imports(methods))


def _has_context(api: Api) -> bool:
    """Whether the pipeline serves ``set_context(project, folder, task)``: then the package
    offers ``send_context_change``, a launcher's way to hand a running pipeline a new context."""
    return any(
        m.name == "set_context" and {p.name for p in m.params} == {"project", "folder", "task"}
        for m in api.pipeline_methods
    )


def _example_calls(api: Api) -> list[str]:
    """Two calls of host methods with examples, for the clients module's docstring."""
    shown = [m for m in api.host_methods if m.examples][:2]
    return [example_call(m, api.client_var) for m in shown]


def python_outputs(api: Api) -> list[Output]:
    """The files of ``generated/aerpc/<schema name>/``."""
    package = f"generated/aerpc/{api.schema_name}"
    return [
        Output(f"{package}/__init__.py", "py/__init__.py.j2"),
        Output(
            f"{package}/types.py",
            "py/types.py.j2",
            {"all_names": sorted({t.name for t in api.types} | {"JsonValue"})},
        ),
        Output(
            f"{package}/clients.py",
            "py/clients.py.j2",
            {**_imports(api, api.host_methods), "example_calls": _example_calls(api)},
        ),
        Output(f"{package}/handlers.py", "py/handlers.py.j2", _imports(api, api.pipeline_methods)),
        Output(f"{package}/errors.py", "py/errors.py.j2"),
        *([Output(f"{package}/events.py", "py/events.py.j2")] if api.events else []),
        Output(f"{package}/mcp_tools.py", "py/mcp_tools.py.j2", mcp_tool_context(api)),
        Output(f"{package}/peers.py", "py/peers.py.j2", {"context_method": _has_context(api)}),
        Output(f"{package}/_schema.py", "py/_schema.py.j2"),
        Output(f"{package}/schema.json", "raw.j2", {"text": api.source_text}),
        Output(f"{package}/py.typed", "raw.j2", {"text": ""}),
    ]
