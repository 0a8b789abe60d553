"""An MCP server (the ``mcp`` SDK's low-level ``Server``) whose tools call host methods.

Host-agnostic: it takes the generated tool table (``<package>.mcp_tools.TOOLS``) and any host
channel (``Host`` of an own ``Server``, or a tool connection to a running pipeline). Each tool
call is one channel call with the method's deadline; its result is the tool's structured
output. Errors come back as tool errors (``isError``) whose structured content is
``{"error": {"name", "code", "message", "data", "maybe_applied"}}`` (members that apply), and
whose text names each field that broke which rule.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import mcp_types as types
from mcp.server.context import ServerRequestContext
from mcp.server.lowlevel import Server as McpServer
from mcp.shared.exceptions import MCPError

from aerpc.runtime import (
    CallOptions,
    HostChannel,
    LocalError,
    PathPolicy,
    RemoteError,
    ResultValidationError,
)
from aerpc.tooling.output import duration_text, error_line

from .tools import ToolSpec

__all__ = ["build_server", "describe_error", "error_result", "tool_definition"]


def tool_definition(spec: ToolSpec) -> types.Tool:
    """The MCP ``Tool`` listed for ``spec``: schemas as generated, hints from the schema."""
    return types.Tool(
        name=spec.name,
        description=spec.description,
        input_schema=dict(spec.input_schema),
        output_schema=dict(spec.output_schema),
        annotations=types.ToolAnnotations(
            read_only_hint=spec.read_only,
            destructive_hint=spec.destructive and not spec.read_only,
            idempotent_hint=spec.idempotent,
        ),
    )


def describe_error(exc: RemoteError | LocalError) -> dict[str, Any]:
    """The typed error as JSON: its class name, code (wire errors), message, data, and
    whether the call may have run (errors that know)."""
    error: dict[str, Any] = {"name": type(exc).__name__}
    if isinstance(exc, RemoteError):
        error["code"] = exc.code
        error["message"] = exc.message
        if exc.data is not None:
            error["data"] = exc.data
    else:
        error["message"] = str(exc)
        if isinstance(exc, ResultValidationError):
            error["data"] = {"errors": exc.errors}
    maybe_applied = getattr(exc, "maybe_applied", None)
    if isinstance(maybe_applied, bool):
        error["maybe_applied"] = maybe_applied
    return error


def error_result(exc: RemoteError | LocalError) -> types.CallToolResult:
    """A tool error for ``exc``: the text for the model, the typed error as structured content."""
    return types.CallToolResult(
        content=[types.TextContent(text=error_line(exc))],
        structured_content={"error": describe_error(exc)},
        is_error=True,
    )


async def call_tool(
    spec: ToolSpec,
    channel: HostChannel,
    arguments: dict[str, Any],
    progress: Callable[[float, float], Awaitable[None]] | None = None,
    interval: float = 1.0,
    paths: PathPolicy | None = None,
) -> types.CallToolResult:
    """Call the method behind ``spec`` with the method's deadline; the tool's result.
    ``progress(elapsed, deadline)`` is awaited every ``interval`` seconds while it runs.
    A path param that ``paths`` refuses (default: :class:`PathPolicy`'s rules) is a tool
    error, and nothing is called."""
    policy = paths if paths is not None else PathPolicy()
    refused = policy.refusal(spec.name, spec.path_params, arguments)
    if refused is not None:
        return error_result(refused)
    deadline = spec.timeout_ms / 1000
    ticker = asyncio.ensure_future(_tick(progress, interval, deadline)) if progress else None
    try:
        result = await channel.call(spec.name, arguments, CallOptions(timeout=deadline))
    except (RemoteError, LocalError) as exc:
        return error_result(exc)
    finally:
        if ticker is not None:
            ticker.cancel()
    structured = spec.structured(result)
    return types.CallToolResult(
        content=[types.TextContent(text=json.dumps(structured, ensure_ascii=False))],
        structured_content=structured,
    )


async def _tick(
    progress: Callable[[float, float], Awaitable[None]], interval: float, deadline: float
) -> None:
    started = time.monotonic()
    while True:
        await asyncio.sleep(interval)
        await progress(time.monotonic() - started, deadline)


def build_server(
    tools: Iterable[ToolSpec],
    channel: HostChannel,
    *,
    name: str = "aerpc",
    version: str = "",
    instructions: str | None = None,
    progress_interval: float = 1.0,
    paths: PathPolicy | None = None,
) -> McpServer[Any]:
    """An MCP server offering ``tools`` (see :func:`~aerpc.mcp.tools.select_tools`), each
    call going through ``channel``. Run it with ``server.run(read, write, options)``.

    A client that asks for progress (a ``progressToken``) gets a notification every
    ``progress_interval`` seconds while a call runs: the seconds spent of the deadline.
    ``paths``: the path params accepted (default: none relative, with ``..`` or UNC)."""
    by_name = {spec.name: spec for spec in tools}
    listed = types.ListToolsResult(tools=[tool_definition(s) for s in by_name.values()])

    async def list_tools(
        ctx: ServerRequestContext[Any], params: types.PaginatedRequestParams | None
    ) -> types.ListToolsResult:
        return listed

    async def on_call_tool(
        ctx: ServerRequestContext[Any], params: types.CallToolRequestParams
    ) -> types.CallToolResult:
        spec = by_name.get(params.name)
        if spec is None:
            raise MCPError(
                types.INVALID_PARAMS,
                f"no tool named {params.name!r}; the tools are {', '.join(by_name)}",
            )

        async def progress(elapsed: float, deadline: float) -> None:
            text = f"{spec.name}: {duration_text(elapsed)} (deadline {duration_text(deadline)})"
            await ctx.session.report_progress(elapsed, deadline, text)  # no-op if not asked

        return await call_tool(
            spec,
            channel,
            params.arguments or {},
            progress,
            interval=progress_interval,
            paths=paths,
        )

    return McpServer(
        name,
        version=version,
        instructions=instructions,
        on_list_tools=list_tools,
        on_call_tool=on_call_tool,
    )
