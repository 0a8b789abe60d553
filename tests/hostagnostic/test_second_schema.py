"""The runtime is host-agnostic: a second application's schema runs end to end, untouched.

tests/fixtures/photoshop/ holds a small schema for another host application (three host
methods, one pipeline method, its own error) and a tiny fake host library. The test runs it
through the code generator into a temporary folder, imports the generated typed Python
client, and serves it from the hand-written panel library over the ES3 dispatcher library in
node (tests/fixtures/photoshop/run-fake-host.js). Nothing under runtime/ is specific to it: a
change there that assumes After Effects fails here.
"""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from aerpc.codegen.cli import build, targets
from aerpc.codegen.render import render_outputs, write_files
from aerpc.runtime import Server

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "photoshop"
WAIT = 20.0

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not on PATH")


class Pipeline:
    """The pipeline's side of the photoshop schema: records publish_requested."""

    def __init__(self) -> None:
        self.published: list[list[int]] = []
        self.called = threading.Event()

    def publish_requested(self, *, layer_ids: list[int]) -> None:
        self.published.append(layer_ids)
        self.called.set()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ModuleType, Path]]:
    """`aerpc generate` of the fixture schema into a temporary root; the package imported."""
    api, problems = build(FIXTURE / "photoshop.openrpc.json", root=ROOT)
    assert api is not None, problems
    out = tmp_path_factory.mktemp("photoshop")
    write_files(render_outputs(api, targets(), root=ROOT), root=out)
    sys.path.insert(0, str(out / "generated"))
    try:
        package = importlib.import_module("aerpc.photoshop")
        assert Path(str(package.__file__)).is_relative_to(out)
        yield package, out / "generated" / "cep"
    finally:
        sys.path.remove(str(out / "generated"))
        for name in [
            m for m in sys.modules if m == "aerpc.photoshop" or m.startswith("aerpc.photoshop.")
        ]:
            del sys.modules[name]


def test_a_second_schema_runs_end_to_end_without_runtime_changes(
    generated: tuple[ModuleType, Path],
) -> None:
    package, cep = generated
    pipeline = Pipeline()
    server = Server(handlers=pipeline, contract=package.CONTRACT)
    server.start()
    host_proc = subprocess.Popen(
        [
            "node",
            str(FIXTURE / "run-fake-host.js"),
            server.url,
            server.token,
            str(cep),
            str(FIXTURE / "fake-host.jsx"),
        ],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        host = server.wait_for_host(timeout=WAIT)
        assert host.hello is not None
        assert host.hello["app"] == {"name": "PHSP", "version": "25.0"}
        assert host.hello["schema"]["name"] == "photoshop"
        ps: Any = package.Photoshop(host)
        assert ps.get_document_name() == "matte.psd"
        layers = ps.get_layers(visible_only=True)
        assert [(layer["id"], layer["name"]) for layer in layers] == [
            (3, "paint fixes"),
            (1, "Background"),
        ]
        ps.rename_layer(layer_id=2, name="roto v2")
        assert [layer["name"] for layer in ps.get_layers()] == [
            "paint fixes",
            "roto v2",
            "Background",
        ]
        with pytest.raises(package.LayerNotFound) as missing:
            ps.rename_layer(layer_id=99, name="x")
        assert missing.value.code == 2001
        assert missing.value.data == {"layer_id": 99}
        assert pipeline.called.wait(WAIT), "the host never called publish_requested"
        assert pipeline.published == [[3]]
    finally:
        server.stop()
        assert host_proc.stdin is not None
        host_proc.stdin.close()
        try:
            host_proc.wait(timeout=WAIT)
        finally:
            if host_proc.poll() is None:
                host_proc.kill()
            assert host_proc.stderr is not None
            log = host_proc.stderr.read()
            host_proc.stderr.close()
    assert "connected" in log, log
