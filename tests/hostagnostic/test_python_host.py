"""The second host application's schema (tests/fixtures/photoshop/, the same fixture the panel
test in this folder serves from node) is generated into a package, whose typed client, errors
and ``server()`` / ``client()`` run over ``aerpc.runtime`` with a Python stand-in host, in a
fresh interpreter that never imports ``aerpc.aftereffects``."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import Generated

SCENARIO = """
import asyncio, sys
from aerpc import photoshop
from aerpc.photoshop import AsyncPhotoshop, LayerNotFound
from aerpc.testing import FakePanel

class FakePhotoshop:
    def __init__(self):
        self.layers = {1: {"id": 1, "name": "Background", "visible": True},
                       2: {"id": 2, "name": "paint", "visible": False}}
    def get_layers(self, visible_only=False):
        return [l for l in self.layers.values() if l["visible"] or not visible_only]
    def rename_layer(self, layer_id, name):
        if layer_id not in self.layers:
            raise LayerNotFound(f"no layer {layer_id}", {"layer_id": layer_id})
        self.layers[layer_id]["name"] = name
    def get_document_name(self):
        return "matte.psd"

class Pipeline:
    def __init__(self):
        self.published = []
    async def publish_requested(self, layer_ids):
        self.published.append(layer_ids)

async def main():
    pipeline = Pipeline()
    server = photoshop.server(pipeline)
    await server.start_async()
    try:
        impl = FakePhotoshop()
        async with FakePanel(server.url, server.token, impl, contract=photoshop.CONTRACT):
            ps = AsyncPhotoshop(await server.wait_for_host_async(10))
            assert await ps.get_layers(visible_only=True) == [impl.layers[1]]
            assert await ps.rename_layer(layer_id=2, name="plate") is None
            assert impl.layers[2]["name"] == "plate"
            assert await ps.get_document_name() == "matte.psd"
            try:
                await ps.rename_layer(layer_id=9, name="x")
            except LayerNotFound as exc:
                assert exc.data == {"layer_id": 9}, exc.data
            else:
                raise AssertionError("LayerNotFound was not raised")
            async with photoshop.client(server.url, server.token) as tool:
                assert await tool.call("publish_requested", {"layer_ids": [2]}) is None
            assert pipeline.published == [[2]]
    finally:
        await server.stop_async()
    assert "send_context_change" not in photoshop.__all__  # no set_context in this schema
    loaded = sorted(m for m in sys.modules if m.startswith("aerpc.aftereffects"))
    assert not loaded, loaded
    print("photoshop ok")

asyncio.run(asyncio.wait_for(main(), 30))
"""


def test_a_second_schema_runs_over_the_same_runtime(generated: Generated) -> None:
    """The package ``aerpc generate`` wrote, used from a fresh interpreter."""
    assert (generated.python_path / "aerpc" / "photoshop" / "clients.py").is_file()
    env = {**os.environ, "PYTHONPATH": str(generated.python_path)}
    done = subprocess.run(
        [sys.executable, "-c", SCENARIO],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "photoshop ok"
