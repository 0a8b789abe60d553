"""The tools speak for any generated package: ``aerpc call``, ``aerpc hosts``, ``aerpc shell``
and ``aerpc mcp`` with ``--package aerpc.photoshop`` reach the second application's fake host
through a relaying server, with that schema's parameters, typed client, errors and tools."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from mcp import Client, StdioServerParameters

from aerpc.runtime import Server

from ..tools.conftest import run_aerpc
from .conftest import ROOT, WAIT, Generated, Pipeline, fake_photoshop, needs_node

pytestmark = needs_node
PACKAGE = ("--package", "aerpc.photoshop")


@dataclass(frozen=True)
class Photoshop:
    server: Server
    generated: Generated

    @property
    def env(self) -> dict[str, str]:
        """A tool's environment: the generated package on the path, the server to reach."""
        return {
            **os.environ,
            "PYTHONPATH": str(self.generated.python_path),
            "AERPC_URL": self.server.url,
            "AERPC_TOKEN": self.server.token,
        }

    def aerpc(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return run_aerpc(*args, env=self.env, stdin=stdin, timeout=3 * WAIT)


@pytest.fixture(scope="module")
def photoshop(generated: Generated) -> Iterator[Photoshop]:
    server = Server(handlers=Pipeline(), contract=generated.package.CONTRACT, relay=True)
    server.start()
    try:
        with fake_photoshop(server, generated):
            yield Photoshop(server, generated)
    finally:
        server.stop()


def test_aerpc_call_parses_and_types_by_the_package_s_schema(photoshop: Photoshop) -> None:
    done = photoshop.aerpc("call", *PACKAGE, "get_layers", "visible_only=true")
    assert done.returncode == 0, done.stderr
    assert [layer["id"] for layer in json.loads(done.stdout)] == [3, 1]
    missing = photoshop.aerpc("call", *PACKAGE, "rename_layer", "layer_id=99", "name=x")
    assert missing.returncode == 1
    assert "LayerNotFound" in missing.stderr
    assert "2001" in missing.stderr
    wrong = photoshop.aerpc("call", *PACKAGE, "rename_layer", "layer_id=first", "name=x")
    assert wrong.returncode == 2
    assert "layer_id" in wrong.stderr


def test_aerpc_hosts_lists_the_second_application(photoshop: Photoshop) -> None:
    done = photoshop.aerpc("hosts", *PACKAGE)
    assert done.returncode == 0, done.stderr
    (host,) = json.loads(done.stdout)
    assert host["app"] == {"name": "PHXS", "version": "24.0"}
    assert host["schema"]["name"] == "photoshop"


def test_aerpc_shell_binds_the_package_s_typed_client(photoshop: Photoshop) -> None:
    lines = "ae.get_document_name()\nget_document_name\nae.rename_layer(layer_id=99, name='x')\n"
    done = photoshop.aerpc("shell", *PACKAGE, stdin=lines)
    assert done.returncode == 0, done.stderr
    out = done.stdout.splitlines()
    assert out[:2] == ['"matte.psd"', '"matte.psd"'], done.stdout
    assert out[2].startswith("! LayerNotFound"), done.stdout


def test_aerpc_mcp_offers_the_package_s_host_methods(photoshop: Photoshop) -> None:
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "aerpc.cli", "mcp", *PACKAGE],
        env={"PYTHONUNBUFFERED": "1", **photoshop.env},
        cwd=str(ROOT),
    )

    async def session() -> tuple[set[str], object]:
        async with asyncio.timeout(3 * WAIT), Client(params) as client:
            names = {tool.name for tool in (await client.list_tools()).tools}
            name = await client.call_tool("get_document_name", {})
            return names, name.structured_content

    names, name = asyncio.run(session())
    # rename_layer is not marked x-read-only, so MCP offers it only when allowed (docs/tools.md)
    assert names == {"get_layers", "get_document_name"}
    assert name == {"name": "matte.psd"}


def test_a_package_that_is_not_there_is_a_usage_error(photoshop: Photoshop) -> None:
    for command in ("call", "hosts", "shell", "mcp"):
        extra = ["get_layers"] if command == "call" else []
        done = photoshop.aerpc(command, "--package", "aerpc.nothing", *extra)
        assert done.returncode == 2, (command, done.stderr)
        assert "no package 'aerpc.nothing'" in done.stderr, (command, done.stderr)
