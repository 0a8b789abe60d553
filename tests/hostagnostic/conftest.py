"""The second host application of these tests: tests/fixtures/photoshop/ (a small
Photoshop-like schema, three host methods, one pipeline method, its own error, and a fake host
library), run through the documented commands as a user runs them (docs/another-host.md):
``aerpc generate`` into a temporary folder once per module, ``aerpc cep build --schema`` for its
extension, and ``aerpc fake-host`` serving it in node."""

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
    extension: Path  # `aerpc cep build --schema` of it, with the fake host library


def aerpc(*args: str | Path) -> str:
    """Run ``aerpc ARGS`` as a user does (it must succeed); its stdout."""
    done = subprocess.run(
        [sys.executable, "-m", "aerpc.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=3 * WAIT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Generated]:
    """The fixture schema generated into a temporary root (``aerpc.photoshop`` imported) and
    built into an extension with the fake host library."""
    out = tmp_path_factory.mktemp("photoshop")
    schema = FIXTURE / "photoshop.openrpc.json"
    aerpc("generate", schema, "--out", out)
    extension = out / "extension"
    aerpc(
        "cep",
        "build",
        "--schema",
        schema,
        "--host-lib",
        FIXTURE / "fake-host.jsx",
        "--out",
        extension,
    )
    python_path = out / "generated"
    sys.path.insert(0, str(python_path))
    try:
        package = importlib.import_module("aerpc.photoshop")
        assert Path(str(package.__file__)).is_relative_to(out)
        yield Generated(package, python_path, python_path / "cep", extension)
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
    """``aerpc fake-host`` serving the built extension to ``server``, asking the pipeline's
    publish_requested once connected; its host channel. On leaving, the fake host is stopped
    (SIGTERM, as a service manager does) and must have said it connected."""
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "aerpc.cli", "fake-host"),
            *("--extension", str(generated.extension)),
            *("--url", server.url, "--token", server.token),
            *("--call", 'publish_requested={"layer_ids": [3]}'),
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield server.wait_for_host(timeout=WAIT)
    finally:
        process.terminate()
        try:
            _, log = process.communicate(timeout=WAIT)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=WAIT)
    assert process.returncode == 0, log
    assert "fake host: connected" in log, log
