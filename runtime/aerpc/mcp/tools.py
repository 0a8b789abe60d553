"""One schema method as an MCP tool: its schemas, hints and deadline (the generated table's
rows), and which of them a server offers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from aerpc.runtime.contract import is_path_schema

__all__ = ["ToolSpec", "is_destructive", "select_tools"]


@dataclass(frozen=True, slots=True)
class ToolSpec:
    """A host method as an MCP tool, generated from the schema (``<package>.mcp_tools``).

    ``result_key`` is None when the method's result is an object and is sent as the tool's
    structured output as is; otherwise the result is wrapped as ``{result_key: value}`` (MCP
    wants an object there).
    """

    name: str
    description: str
    input_schema: Mapping[str, Any]
    output_schema: Mapping[str, Any]
    result_key: str | None
    read_only: bool
    destructive: bool
    idempotent: bool
    timeout_ms: int
    progress_event: str | None = None
    """The host event that reports a call's progress (``x-progress-event``), if any."""

    @property
    def path_params(self) -> frozenset[str]:
        """The params the schema marks as file paths (``"format": "path"``)."""
        properties = self.input_schema.get("properties", {})
        return frozenset(name for name, schema in properties.items() if is_path_schema(schema))

    def structured(self, result: object) -> dict[str, Any]:
        """The tool's structured output for a method's result."""
        if self.result_key is None:
            if not isinstance(result, dict):
                raise TypeError(f"{self.name}: the result is not an object")
            return result
        return {self.result_key: result}


def select_tools(
    tools: Iterable[ToolSpec],
    *,
    read_only: bool = False,
    exclude: Iterable[str] = (),
    destructive: bool = False,
    allow: Iterable[str] = (),
) -> tuple[ToolSpec, ...]:
    """The tools to offer: all, or the read-only ones, less those named in ``exclude``
    (an unknown name there is an error, so a typo never leaves a tool on).

    ``destructive=False`` also leaves out the tools whose method may destroy work (the
    schema's ``x-destructive``, true unless said otherwise for a method that is not
    ``x-read-only``), except those named in ``allow``."""
    tools = tuple(tools)
    names = {t.name for t in tools}
    for what, given in (("leave out", set(exclude)), ("allow", set(allow))):
        unknown = given - names
        if unknown:
            raise ValueError(
                f"no such tool to {what}: {', '.join(sorted(unknown))} "
                f"(the tools are {', '.join(t.name for t in tools)})"
            )
    excluded = set(exclude)
    allowed = set(allow)
    return tuple(
        t
        for t in tools
        if t.name not in excluded
        and (t.read_only or not read_only)
        and (destructive or not is_destructive(t) or t.name in allowed)
    )


def is_destructive(tool: ToolSpec) -> bool:
    """Whether calling ``tool`` may destroy work: destructive and not read-only."""
    return tool.destructive and not tool.read_only
