"""The second host application of these tests: tests/fixtures/photoshop/ (a small
Photoshop-like schema, three host methods, one pipeline method, its own error, and a fake host
library), generated into a temporary folder once per module, and its fake host run in node by
the hand-written panel library over the ES3 dispatcher library."""

from __future__ import annotations

import contextlib
import importlib
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from aerpc.codegen.build import build, targets
from aerpc.codegen.render import render_outputs, write_files
from aerpc.runtime import Host, Server

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "photoshop"
WAIT = 20.0

needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node is not on PATH")


@dataclass(frozen=True)
class Generated:
    """``aerpc generate`` of the fixture schema: the imported package and where it lies."""

    package: ModuleType
    python_path: Path  # the folder holding aerpc/photoshop/, for PYTHONPATH
    cep: Path  # the generated CEP tables


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Generated]:
    """The fixture schema generated into a temporary root; ``aerpc.photoshop`` imported."""
    api, problems = build(FIXTURE / "photoshop.openrpc.json", root=ROOT)
    assert api is not None, problems
    out = tmp_path_factory.mktemp("photoshop")
    write_files(render_outputs(api, targets(), root=ROOT), root=out)
    python_path = out / "generated"
    sys.path.insert(0, str(python_path))
    try:
        package = importlib.import_module("aerpc.photoshop")
        assert Path(str(package.__file__)).is_relative_to(out)
        yield Generated(package, python_path, python_path / "cep")
    finally:
        sys.path.remove(str(python_path))
        for name in [
            m for m in sys.modules if m == "aerpc.photoshop" or m.startswith("aerpc.photoshop.")
        ]:
            del sys.modules[name]


class Pipeline:
    """The pipeline's side of the photoshop schema: records publish_requested."""

    def __init__(self) -> None:
        self.published: list[list[int]] = []
        self.called = threading.Event()

    def publish_requested(self, *, layer_ids: list[int]) -> None:
        self.published.append(layer_ids)
        self.called.set()


@contextlib.contextmanager
def fake_photoshop(server: Server, generated: Generated) -> Iterator[Host]:
    """tests/fixtures/photoshop/run-fake-host.js connected to ``server``; its host channel.
    On leaving, the fake host is stopped (stdin closed) and must have said it connected."""
    process = subprocess.Popen(
        [
            "node",
            str(FIXTURE / "run-fake-host.js"),
            server.url,
            server.token,
            str(generated.cep),
            str(FIXTURE / "fake-host.jsx"),
        ],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield server.wait_for_host(timeout=WAIT)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(timeout=WAIT)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=WAIT)
            assert process.stderr is not None
            log = process.stderr.read()
            process.stderr.close()
    assert "connected" in log, log
