"""Issue 25 §6: path params that are relative, step up with ``..`` or name a network share
are refused on every surface a tool reaches After Effects through (the relay, ``aerpc call``,
MCP), unless the pipeline's server allows them; the error names the param and the rule."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from aerpc.aftereffects import CONTRACT
from aerpc.runtime import InvalidParams, PathPolicy, RemoteError, RemoteHost, Server

from .conftest import WAIT, Ae, async_test, run_aerpc, start_panel

ATTACKS: list[tuple[str, dict[str, object], str, str]] = [
    ("import_file", {"path": "//attacker/share/x.png", "name": "x"}, "/path", "network (UNC) path"),
    (
        "import_file",
        {"path": "\\\\attacker\\share\\x.png", "name": "x"},
        "/path",
        "network (UNC) path",
    ),
    ("open", {"path": "shot.aep"}, "/path", "relative path"),
    ("save_as", {"path": "/tmp/shots/../../etc/x.aep"}, "/path", "'..' step"),
    (
        "import_background",
        {"name": "bg", "paths": ["/tmp/a.png", "C:..\\b.png"]},
        "/paths/1",
        "relative path",
    ),
]


@pytest.mark.parametrize(
    ("kind", "path", "broken"),
    [
        ("unc", "\\\\host\\share\\a.aep", True),
        ("unc", "//host/share/a.aep", True),
        ("unc", "\\\\?\\UNC\\host\\share\\a.aep", True),
        ("relative", "a.aep", True),
        ("relative", "C:a.aep", True),
        ("parent", "/a/../b.aep", True),
        ("parent", "C:\\a\\..\\b.aep", True),
        ("parent", "/a/.. /b.aep", True),
        ("none", "/a/b..c.aep", False),
        ("none", "C:\\a\\b.aep", False),
        ("none", "C:/a/b.aep", False),
        ("none", "/Volumes/shots/a.aep", False),
    ],
)
def test_the_rules(kind: str, path: str, broken: bool) -> None:
    assert (PathPolicy().rule_broken(path) is not None) is broken
    if broken:
        assert PathPolicy.allowing([kind]).rule_broken(path) is None
        assert PathPolicy.allowing(["all"]).rule_broken(path) is None
    with pytest.raises(ValueError, match="no such kind of path: nfs"):
        PathPolicy.allowing(["nfs"])


@async_test
async def test_a_tool_s_relayed_call_with_a_bad_path_is_refused(ae: Ae) -> None:
    async with RemoteHost(ae.server.url, ae.server.token, contract=CONTRACT) as tool:
        for method, params, pointer, rule in ATTACKS:
            with pytest.raises(InvalidParams) as refused:
                await tool.call(method, params)
            assert refused.value.data is not None
            errors = refused.value.data["errors"]
            assert [e["path"] for e in errors] == [pointer], (method, errors)
            assert rule in errors[0]["message"]
            assert f"{method}: a path param breaks the path rules at {pointer}" in str(
                refused.value
            )
        # the panel still answers the tool (nothing was sent to it for those)
        assert await tool.call("get_app_version", {}) == ae.ae.get_app_version()


def test_the_pipeline_may_allow_a_kind(tmp_path: Path) -> None:
    server = Server(port=0, contract=CONTRACT, relay=True, allow_paths=PathPolicy(unc=True))
    server.start()
    try:
        panel = start_panel(server, tmp_path)
        try:
            asyncio.run(asyncio.wait_for(_unc_allowed(server), WAIT))
        finally:
            panel.stop()
    finally:
        server.stop()


async def _unc_allowed(server: Server) -> None:
    async with RemoteHost(server.url, server.token, contract=CONTRACT) as tool:
        with pytest.raises(RemoteError) as reached:  # the panel's answer: no such file
            await tool.call("import_file", {"path": "//fileserver/share/missing.png", "name": "m"})
        assert "path rules" not in str(reached.value)
        with pytest.raises(InvalidParams, match="relative path"):
            await tool.call("import_file", {"path": "missing.png", "name": "m"})


def test_aerpc_call_refuses_them_too(ae: Ae) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AERPC_")}
    env |= {"AERPC_URL": ae.server.url, "AERPC_TOKEN": ae.server.token}
    done = run_aerpc("call", "save_as", "path=//attacker/share/x.aep", env=env, timeout=WAIT)
    assert done.returncode != 0
    assert "network (UNC) path" in done.stdout + done.stderr
