"""An MCP server (the ``mcp`` SDK's low-level ``Server``) whose tools call host methods.

Host-agnostic: it takes the generated tool table (``<package>.mcp_tools.TOOLS``) and any host
channel (``Host`` of an own ``Server``, or a tool connection to a running pipeline). Each tool
call is one channel call with the method's deadline; its result is the tool's structured
output. Errors come back as tool errors (``isError``) whose structured content is
``{"error": {"name", "code", "message", "data", "maybe_applied"}}`` (members that apply), and
whose text names each field that broke which rule.

Progress: a client that sends a ``progressToken`` gets ``notifications/progress`` while a call
runs: every ``progress_interval`` seconds the time spent of the deadline, and for a tool whose
method reports progress as a host event (``x-progress-event``: ``render`` and
``render_progress``) each such event, as percent of the frames when known (a tool with a
progress event counts in percent throughout, so the value only grows). A client's
``notifications/cancelled`` cancels the call: the host is told (``rpc.cancel``) and drops it
unless it has started.
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
from aerpc.runtime.events import (
    CallProgress,
    EventsUnavailable,
    Subscription,
    event_source,
    progress_line,
    progress_percent,
)
from aerpc.tooling.output import duration_text, error_line

from .tools import ToolSpec

__all__ = ["ProgressReport", "build_server", "describe_error", "error_result", "tool_definition"]

Report = Callable[[float, float | None, str], Awaitable[None]]
"""``(progress, total, message)``: one MCP progress notification."""


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


class ProgressReport:
    """One call's progress notifications, their value only growing (MCP asks it to): the time
    spent of the deadline, or, for a tool with a progress event, percent of the frames (a tick
    then repeats the last percent, a hair higher, with the time spent)."""

    def __init__(self, name: str, report: Report, *, in_percent: bool) -> None:
        self.name = name
        self.report = report
        self.in_percent = in_percent
        self.last = 0.0

    def _next(self, value: float) -> float:
        self.last = max(value, self.last + 1e-6)
        return self.last

    async def tick(self, elapsed: float, deadline: float) -> None:
        spent = f"{duration_text(elapsed)} (deadline {duration_text(deadline)})"
        if self.in_percent:
            await self.report(self._next(self.last), 100.0, f"{self.name}: {spent}")
        else:
            await self.report(self._next(elapsed), deadline, f"{self.name}: {spent}")

    async def event(self, payload: dict[str, Any]) -> None:
        share = progress_percent(payload)
        text = progress_line(payload, self.name)
        await self.report(self._next(share if share is not None else self.last), 100.0, text)


async def call_tool(
    spec: ToolSpec,
    channel: HostChannel,
    arguments: dict[str, Any],
    progress: Report | None = None,
    interval: float = 1.0,
    paths: PathPolicy | None = None,
) -> types.CallToolResult:
    """Call the method behind ``spec`` with the method's deadline; the tool's result.
    ``progress(value, total, message)`` is awaited every ``interval`` seconds while it runs,
    and on each of its progress events (module doc). A path param that ``paths`` refuses
    (default: :class:`PathPolicy`'s rules) is a tool error, and nothing is called."""
    policy = paths if paths is not None else PathPolicy()
    refused = policy.refusal(spec.name, spec.path_params, arguments)
    if refused is not None:
        return error_result(refused)
    deadline = spec.timeout_ms / 1000
    watch = _watch_progress(spec, channel) if progress is not None else None
    report = (
        ProgressReport(spec.name, progress, in_percent=watch is not None)
        if progress is not None
        else None
    )
    ticker = asyncio.ensure_future(_tick(report, interval, deadline)) if report else None
    forward = (
        asyncio.ensure_future(_forward(watch[1], report))
        if watch is not None and report is not None
        else None
    )
    try:
        result = await channel.call(spec.name, arguments, CallOptions(timeout=deadline))
        if watch is not None and forward is not None:
            async with watch[0]:  # the events trailing the reply, up to the finish
                pass
            watch[1].close()
            await forward
    except (RemoteError, LocalError) as exc:
        return error_result(exc)
    finally:
        if ticker is not None:
            ticker.cancel()
        if forward is not None:
            forward.cancel()
        if watch is not None:
            watch[0].close()
            watch[1].close()
    structured = spec.structured(result)
    return types.CallToolResult(
        content=[types.TextContent(text=json.dumps(structured, ensure_ascii=False))],
        structured_content=structured,
    )


def _watch_progress(
    spec: ToolSpec, channel: HostChannel
) -> tuple[CallProgress, Subscription[Any]] | None:
    """The call's progress events, read here (``async for``), and its finish watch; None when
    the tool has none or the channel carries no events."""
    if spec.progress_event is None:
        return None
    try:
        source = event_source(channel)
        events: Subscription[Any] = source.subscribe(spec.progress_event)
    except (EventsUnavailable, ValueError):
        return None
    return CallProgress(source, spec.progress_event, lambda _: None), events


async def _forward(events: Subscription[Any], report: ProgressReport) -> None:
    async for payload in events:
        await report.event(payload)


async def _tick(report: ProgressReport, interval: float, deadline: float) -> None:
    started = time.monotonic()
    while True:
        await asyncio.sleep(interval)
        await report.tick(time.monotonic() - started, deadline)


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
    ``progress_interval`` seconds while a call runs, and one per progress event (module doc).
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

        async def progress(value: float, total: float | None, text: str) -> None:
            await ctx.session.report_progress(value, total, text)  # no-op if not asked

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
