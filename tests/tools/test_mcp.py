"""The MCP server, driven by the MCP SDK's own client: in memory against a server's host, and
over stdio as `aerpc mcp` (its own server with --serve, or a tool of a running pipeline)."""

from __future__ import annotations

import asyncio
import json
import os
import queue
import stat
import sys
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import jsonschema
import mcp_types as types
import pytest
from mcp import Client, StdioServerParameters
from mcp.client.stdio import stdio_client

from aerpc.aftereffects import SCHEMA
from aerpc.aftereffects.mcp_tools import TOOLS
from aerpc.cli.mcp import DEFAULT_EXCLUDED, offered, parser
from aerpc.mcp.server import build_server
from aerpc.mcp.tools import select_tools
from aerpc.runtime import CallOptions, HostChannel
from aerpc.testing.simulator import REPO_ROOT

from .conftest import WAIT, Ae, async_test, needs_simulator, run_aerpc, sim_panel

HOST_METHODS = {m["name"]: m for m in SCHEMA["methods"] if m["x-served-by"] == "host"}
COMPONENTS = SCHEMA["components"]["schemas"]
ERRORS = SCHEMA["components"]["errors"]


def _local(schema: Any) -> Any:
    """A schema with its component references pointing into ``$defs`` (as MCP tools carry)."""
    return json.loads(json.dumps(schema).replace('"#/components/schemas/', '"#/$defs/'))


def _validator(schema: dict[str, Any]) -> Any:
    return jsonschema.Draft202012Validator(schema)


def _expected_output(method: dict[str, Any], value: Any) -> Any:
    """The structured output for a result: an object result as is, else wrapped."""
    result = method["result"]
    ref = result["schema"].get("$ref", "")
    if COMPONENTS.get(ref.rsplit("/", 1)[-1], {}).get("type") == "object":
        return value
    return {result["name"]: value}


async def _tools(channel: HostChannel) -> list[types.Tool]:
    async with Client(build_server(TOOLS, channel)) as client:
        return (await client.list_tools()).tools


@async_test
async def test_every_host_method_is_a_tool_with_the_schema_s_contract(ae: Ae) -> None:
    tools = {tool.name: tool for tool in await _tools(ae.host)}
    assert sorted(tools) == sorted(HOST_METHODS)
    for name, method in HOST_METHODS.items():
        tool = tools[name]
        assert tool.description is not None
        assert tool.description.startswith(method["summary"])
        assert method["description"] in tool.description
        params = tool.input_schema
        assert params["type"] == "object"
        assert params["additionalProperties"] is False
        assert list(params["properties"]) == [p["name"] for p in method["params"]]
        assert params["required"] == [p["name"] for p in method["params"] if p.get("required")]
        for param in method["params"]:
            declared = params["properties"][param["name"]]
            assert {k: v for k, v in declared.items() if k != "description"} == _local(
                {k: v for k, v in param["schema"].items() if k != "description"}
            )
        assert tool.output_schema is not None
        assert tool.output_schema["type"] == "object"
        read_only = method.get("x-read-only", False)
        assert tool.annotations == types.ToolAnnotations(
            read_only_hint=read_only,
            destructive_hint=method.get("x-destructive", not read_only),
            idempotent_hint=method["x-idempotent"],
        )
        for example in method["examples"]:  # the schema's examples fit the tool's schemas
            arguments = {p["name"]: p["value"] for p in example["params"]}
            _validator(params).validate(arguments)
            output = _expected_output(method, example["result"]["value"])
            _validator(tool.output_schema).validate(output)
        with pytest.raises(jsonschema.ValidationError):
            _validator(params).validate({"no_such_param": 1})


@async_test
async def test_get_items_and_get_layers_return_the_scene(ae: Ae) -> None:
    comp = ae.a_comp
    async with Client(build_server(TOOLS, ae.host)) as client:
        items = await client.call_tool("get_items", {"comps": True})
        layers = await client.call_tool("get_layers", {"comp_id": comp})
    assert not items.is_error
    assert not layers.is_error
    assert items.structured_content == {"items": ae.ae.get_items(comps=True)}
    assert layers.structured_content == {"layers": ae.ae.get_layers(comp_id=comp)}
    assert len(layers.structured_content["layers"]) > 0
    text = items.content[0]
    assert isinstance(text, types.TextContent)
    assert json.loads(text.text) == items.structured_content


@async_test
async def test_a_bad_id_is_the_typed_error_with_its_code(ae: Ae) -> None:
    async with Client(build_server(TOOLS, ae.host)) as client:
        result = await client.call_tool("get_layers", {"comp_id": 999_999})
    assert result.is_error
    error = result.structured_content["error"]
    assert error["name"] == "ItemNotFound"
    assert error["code"] == ERRORS["ItemNotFound"]["code"]
    text = result.content[0]
    assert isinstance(text, types.TextContent)
    assert text.text.startswith(f"ItemNotFound ({error['code']}): ")


@async_test
async def test_a_bad_parameter_names_the_field_and_the_rule(ae: Ae) -> None:
    async with Client(build_server(TOOLS, ae.host)) as client:
        result = await client.call_tool("get_layers", {"comp_id": 0})
        two = await client.call_tool("set_label_color", {"item_id": "x", "label": 99})
    assert result.is_error
    error = result.structured_content["error"]
    assert (error["name"], error["code"]) == ("InvalidParams", -32602)
    assert error["data"]["errors"] == [
        {"path": "/comp_id", "message": "0 is less than the minimum of 1"}
    ]
    text = result.content[0]
    assert isinstance(text, types.TextContent)
    assert "/comp_id: 0 is less than the minimum of 1" in text.text
    listed = two.content[0]
    assert isinstance(listed, types.TextContent)
    assert "/item_id: 'x' is not of type 'integer'" in listed.text
    assert "/label: 99 is greater than the maximum of 16" in listed.text


def test_options_choose_the_tools() -> None:
    everything = {t.name for t in TOOLS}
    destructive = {
        n for n, m in HOST_METHODS.items() if m.get("x-destructive", not m.get("x-read-only"))
    }
    assert {"delete_item", "close", "save_as"} <= destructive
    default = {t.name for t in offered(TOOLS, parser().parse_args([]))}
    assert default == everything - destructive - DEFAULT_EXCLUDED
    assert "run_jsx_file" in DEFAULT_EXCLUDED
    opted_in = offered(TOOLS, parser().parse_args(["--allow-destructive"]))
    assert {t.name for t in opted_in} == everything - DEFAULT_EXCLUDED
    included = offered(
        TOOLS, parser().parse_args(["--allow-destructive", "--include", "run_jsx_file"])
    )
    assert {t.name for t in included} == everything
    some = offered(TOOLS, parser().parse_args(["--allow", "delete_item,save_as"]))
    assert {t.name for t in some} == default | {"delete_item", "save_as"}
    read_only = offered(TOOLS, parser().parse_args(["--read-only", "--exclude", "get_items"]))
    expected = {n for n, m in HOST_METHODS.items() if m.get("x-read-only")} - {"get_items"}
    assert {t.name for t in read_only} == expected
    with pytest.raises(ValueError, match="no such tool to leave out: get_itemz"):
        select_tools(TOOLS, exclude=["get_itemz"])
    with pytest.raises(ValueError, match="no such tool to allow: nope"):
        offered(TOOLS, parser().parse_args(["--allow", "nope"]))


@async_test
async def test_an_unknown_tool_is_a_protocol_error(ae: Ae) -> None:
    async with Client(build_server(select_tools(TOOLS, read_only=True), ae.host)) as client:
        with pytest.raises(Exception, match="no tool named 'delete_item'"):
            await client.call_tool("delete_item", {"item_id": 1})


# -- over stdio: `aerpc mcp` as an MCP client would start it ---------------------------------


@contextmanager
def _stderr_lines() -> Iterator[tuple[TextIO, queue.Queue[str]]]:
    """A pipe for a child's stderr and the lines read from it (on a thread)."""
    read_fd, write_fd = os.pipe()
    lines: queue.Queue[str] = queue.Queue()
    reader_file = os.fdopen(read_fd, encoding="utf-8")

    def read() -> None:
        for line in reader_file:
            lines.put(line.rstrip("\n"))

    thread = threading.Thread(target=read, daemon=True, name="mcp-stderr")
    thread.start()
    with os.fdopen(write_fd, "w") as write_file:
        yield write_file, lines
    thread.join(WAIT)
    reader_file.close()


def _aerpc(*args: str, env: dict[str, str] | None = None) -> StdioServerParameters:
    return StdioServerParameters(
        command=sys.executable,
        args=["-m", "aerpc.cli", *args],
        env={"PYTHONUNBUFFERED": "1", **(env or {})},
        cwd=str(REPO_ROOT),
    )


def _as_tool(ae: Ae, allow: str) -> StdioServerParameters:
    """``aerpc mcp`` as a tool of ``ae``'s server, offering also the tools ``allow`` names."""
    return _aerpc(
        "mcp", "--url", ae.server.url, "--allow", allow, env={"AERPC_TOKEN": ae.server.token}
    )


def _launch_env(lines: queue.Queue[str], seen: list[str]) -> dict[str, str]:
    """After Effects' environment, from the ready file whose path ``aerpc mcp --serve``
    prints; every stderr line read so far goes to ``seen``."""
    while True:
        line = lines.get(timeout=WAIT)
        seen.append(line)
        _, sep, ready = line.partition("aerpc mcp: ready file ")
        if sep:
            path = Path(ready)
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
            env: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))["launch_env"]
            return env


@needs_simulator
@async_test
async def test_aerpc_mcp_serve_owns_a_server_for_after_effects(tmp_path: Path) -> None:
    seen: list[str] = []
    with _stderr_lines() as (errlog, lines):
        params = _aerpc("mcp", "--serve")
        async with stdio_client(params, errlog=errlog) as streams:
            env = _launch_env(lines, seen)
            with sim_panel(env, tmp_path) as panel:
                async with Client(_Streams(streams)) as client:
                    names = {t.name for t in (await client.list_tools()).tools}
                    version = await client.call_tool("get_app_version", {})
                    unc = await client.call_tool("import_file", {"path": "//attacker/share/x.png"})
                assert panel.run("app.version") == version.structured_content["version"]
        seen.extend(_drain(lines))
    assert "get_items" in names
    assert not names & {"delete_item", "close", "save_as", "run_jsx_file"}  # opt-in only
    assert unc.is_error
    assert unc.structured_content["error"]["name"] == "InvalidParams"
    assert "/path" in unc.structured_content["error"]["message"]
    # the token is in the 0600 ready file, never on stderr (which MCP clients log)
    assert env["AERPC_TOKEN"]
    assert not any(env["AERPC_TOKEN"] in line for line in seen), seen
    assert f"AERPC_URL={env['AERPC_URL']}" in seen


def _drain(lines: queue.Queue[str]) -> list[str]:
    drained = []
    while not lines.empty():
        drained.append(lines.get_nowait())
    return drained


@async_test
async def test_aerpc_mcp_reaches_a_running_pipeline_as_a_tool(ae: Ae) -> None:
    with _stderr_lines() as (errlog, _lines):
        params = _as_tool(ae, "rename_item")
        async with (
            stdio_client(params, errlog=errlog) as streams,
            Client(_Streams(streams)) as client,
        ):
            items = await client.call_tool("get_items", {"folders": True})
            missing = await client.call_tool("rename_item", {"item_id": 999_999, "name": "x"})
    assert items.structured_content == {"items": ae.ae.get_items(folders=True)}
    assert missing.structured_content["error"]["name"] == "ItemNotFound"


@async_test
async def test_aerpc_mcp_allow_render_reports_its_progress_events(ae: Ae, tmp_path: Path) -> None:
    comp = ae.comp_id("sh010_comp")
    heard: list[tuple[float, float | None, str | None]] = []

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        heard.append((progress, total, message))

    with _stderr_lines() as (errlog, _lines):
        params = _as_tool(ae, "render")
        async with (
            stdio_client(params, errlog=errlog) as streams,
            Client(_Streams(streams)) as client,
        ):
            result = await client.call_tool(
                "render",
                {"comp_id": comp, "output_dir": str(tmp_path)},
                progress_callback=on_progress,
            )
    assert result.is_error is False, result
    (output,) = result.structured_content["outputs"]
    assert output["file_name"] == str(tmp_path / "sh010_comp_[#####].png")
    messages = [m for _, _, m in heard]
    assert "sh010_comp: done 100% (48/48 frames)" in messages, heard
    values = [value for value, _, _ in heard]
    assert values == sorted(values), "MCP progress only grows"


class _Streams:
    """A ``Transport`` for :class:`mcp.Client` over streams that are already open."""

    def __init__(self, streams: Any) -> None:
        self._streams = streams

    async def __aenter__(self) -> Any:
        return self._streams

    async def __aexit__(self, *exc: object) -> None:
        return None


class _Gated:
    """A host channel whose call returns once the client has heard of its progress; it notes
    each call's options."""

    def __init__(self) -> None:
        self.heard = asyncio.Event()
        self.options: list[CallOptions | None] = []

    async def call(
        self, method: str, params: Mapping[str, object], options: CallOptions | None = None
    ) -> object:
        self.options.append(options)
        await asyncio.wait_for(self.heard.wait(), WAIT)
        return "24.0"

    def call_blocking(
        self, method: str, params: Mapping[str, object], options: CallOptions | None = None
    ) -> object:
        raise NotImplementedError


@async_test
async def test_a_call_has_the_method_s_deadline_and_reports_progress() -> None:
    channel = _Gated()
    heard: list[tuple[float, float | None, str | None]] = []

    async def on_progress(progress: float, total: float | None, message: str | None) -> None:
        heard.append((progress, total, message))
        channel.heard.set()

    async with Client(build_server(TOOLS, channel, progress_interval=0.01)) as client:
        result = await client.call_tool("get_app_version", {}, progress_callback=on_progress)
    assert result.structured_content == {"version": "24.0"}
    deadline = HOST_METHODS["get_app_version"]["x-timeout-ms"] / 1000
    assert channel.options == [CallOptions(timeout=deadline)]
    elapsed, total, message = heard[0]
    assert elapsed > 0
    assert total == deadline
    assert message is not None
    assert message.startswith("get_app_version: ")
    assert message.endswith(f"(deadline {deadline:.1f} s)")


def test_aerpc_mcp_says_what_is_missing() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AERPC_")}
    for args, message in [
        ((), "give --url and --token-file, or set AERPC_URL and AERPC_TOKEN"),
        (("--include", "nope"), "no such tool to allow: nope"),
        (("--allow-paths", "nope"), "no such kind of path: nope"),
        (("--exclude", "nope"), "no such tool to leave out: nope"),
    ]:
        done = run_aerpc("mcp", *args, env=env)
        assert done.returncode == 2, done
        assert message in done.stderr
    # a token in the environment that the server it would run cannot take (as `aerpc serve`)
    done = run_aerpc("mcp", "--serve", env={**env, "AERPC_TOKEN": "short-token"})
    assert done.returncode == 2, done
    assert done.stderr.startswith("aerpc mcp: AERPC_TOKEN is not usable: "), done.stderr
    assert "at least 16 characters, not 11" in done.stderr
    assert "short-token" not in done.stderr
    assert "Traceback" not in done.stderr
