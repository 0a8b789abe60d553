"""The wheel is the product: installed in a fresh virtualenv outside the source tree, offline from
the wheelhouse `make wheelhouse` builds (pip's own cache is all it needs), with node and nothing
else, a user can install the panel, test a plugin on the simulated After Effects and generate
from a schema of their own."""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import threading
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest

from .extension import BUNDLE_ID, assert_loadable

ROOT = Path(__file__).resolve().parents[2]
WHEELHOUSE = ROOT / "dist" / "wheelhouse"
WAIT = 300


@dataclass(frozen=True)
class Install:
    """A virtualenv holding the wheel, and a work folder outside the source tree."""

    bin: Path
    work: Path

    def env(self, **extra: str) -> dict[str, str]:
        node = shutil.which("node")
        path = [str(self.bin), *([str(Path(node).parent)] if node else []), "/usr/bin", "/bin"]
        return {"PATH": os.pathsep.join(path), "HOME": str(self.work), "LANG": "C.UTF-8", **extra}

    def run(self, *args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(a) for a in args],
            cwd=self.work,
            env=self.env(**env),
            capture_output=True,
            text=True,
            timeout=WAIT,
            check=False,
        )

    def start(self, *args: str | Path, **env: str) -> Running:
        """Start a long-running command (stdout and stderr merged, read by line)."""
        process = subprocess.Popen(
            [str(a) for a in args],
            cwd=self.work,
            env=self.env(**env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        return Running(process)

    def python(self, code: str) -> str:
        """Run ``code`` with the virtualenv's python; its stdout (it must succeed)."""
        proc = self.run(self.bin / "python", "-c", code)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout


class Running:
    """A command started by :meth:`Install.start`: its output lines, waited for with a bound."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, text: str, timeout: float = 60.0) -> str:
        """The first line (from here on) holding ``text``; fails at its end or after timeout."""
        while True:
            try:
                line = self._queue.get(timeout=timeout)
            except queue.Empty:
                pytest.fail(f"no line with {text!r} in {timeout} s: {self.lines}")
            if line is None:
                pytest.fail(f"ended without a line with {text!r}: {self.lines}")
            self.lines.append(line)
            if text in line:
                return line

    def stop(self, signum: int = signal.SIGTERM) -> int:
        """Send ``signum`` and wait for the exit status (killed if it does not stop)."""
        if self.process.poll() is None:
            self.process.send_signal(signum)
        try:
            return self.process.wait(timeout=60)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait(timeout=60)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Install:
    wheels = sorted(WHEELHOUSE.glob("aerpc-*.whl"))
    if not wheels:
        pytest.skip(f"no wheel in {WHEELHOUSE}: run `make wheelhouse`")
    base = tmp_path_factory.mktemp("wheel")
    assert not base.resolve().is_relative_to(ROOT.resolve())
    venv.EnvBuilder(with_pip=True).create(base / "venv")
    install = Install(base / "venv" / "bin", base / "work")
    install.work.mkdir()
    # jinja2 without ruff: generation must work without the formatter.
    proc = install.run(
        install.bin / "python",
        *("-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-index"),
        *("--find-links", WHEELHOUSE, wheels[-1], "jinja2"),
    )
    assert proc.returncode == 0, proc.stderr
    return install


def test_the_wheel_runs_from_its_own_files(installed: Install) -> None:
    code = "import aerpc.runtime.assets as a, aerpc.codegen as c; print(a.ROOT); print(c.__file__)"
    lines = installed.python(code).splitlines()
    for line in lines:
        assert "site-packages" in line
        assert not Path(line).resolve().is_relative_to(ROOT)
    shipped = Path(lines[0])
    assert (shipped / "node_modules" / "ws" / "package.json").is_file(), "ws comes in the wheel"
    assert (shipped / "runtime" / "cep" / "node" / "run-panel.js").is_file()


def test_cep_install_lays_out_a_loadable_extension(installed: Install) -> None:
    dest = installed.work / "extensions"
    proc = installed.run(installed.bin / "aerpc", "cep", "install", "--dest", dest)
    assert proc.returncode == 0, proc.stderr
    assert f"into {dest / BUNDLE_ID}" in proc.stdout
    assert_loadable(dest / BUNDLE_ID)


def test_a_plugin_passes_against_the_simulated_after_effects(installed: Install) -> None:
    plugin = installed.work / "test_plugin.py"
    shutil.copyfile(ROOT / "examples" / "test_plugin.py", plugin)
    proc = installed.run(installed.bin / "python", plugin)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip() == "passed"


def test_generate_runs_on_a_copied_schema(installed: Install) -> None:
    schema = installed.work / "studio.openrpc.json"
    shutil.copyfile(ROOT / "schema" / "aftereffects.openrpc.json", schema)
    out = installed.work / "out"
    lint = installed.run(installed.bin / "aerpc", "lint", schema)
    assert lint.returncode == 0, lint.stderr
    proc = installed.run(installed.bin / "aerpc", "generate", schema, "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert "ruff is not installed" in proc.stderr
    package = out / "generated" / "aerpc" / "studio"
    sources = sorted(package.glob("*.py"))
    # The same modules as the package generated from this schema in the repository.
    expected = sorted(p.name for p in (ROOT / "generated" / "aerpc" / "aftereffects").glob("*.py"))
    assert [p.name for p in sources] == expected
    compiled = installed.run(installed.bin / "python", "-m", "py_compile", *sources)
    assert compiled.returncode == 0, compiled.stderr
    assert (out / "generated" / "cep" / "aerpc-panel.js").is_file()


def test_the_runtime_needs_no_codegen_extra(installed: Install) -> None:
    installed.python(
        "import sys; sys.modules['jinja2'] = None; import aerpc.runtime, aerpc.aftereffects"
    )


AFTER_EFFECTS_WORDS = ("After Effects", "AfterEffects", "AEFT", "ae.", "AYON", "make generate")


def test_another_host_is_built_and_served_with_the_documented_commands(
    installed: Install,
) -> None:
    """docs/another-host.md, step by step: generate, build the extension, serve, fake host,
    call."""
    fixture = ROOT / "tests" / "fixtures" / "photoshop"
    schema = installed.work / "photoshop.openrpc.json"
    shutil.copyfile(fixture / "photoshop.openrpc.json", schema)
    (installed.work / "host").mkdir()
    shutil.copyfile(fixture / "fake-host.jsx", installed.work / "host" / "layers.jsx")
    aerpc = installed.bin / "aerpc"
    done = installed.run(aerpc, "generate", schema, "--out", "build")
    assert done.returncode == 0, done.stderr
    extension = installed.work / "photoshop.cep"
    done = installed.run(
        aerpc, "cep", "build", "--schema", schema, "--host-lib", "host", "--out", extension
    )
    assert done.returncode == 0, done.stderr
    assert f"wrote the photoshop panel 0.1.0 (io.aerpc.photoshop) to {extension}" in done.stdout
    generated = [p for p in (installed.work / "build").rglob("*") if p.is_file()]
    shipped = [extension / "CSXS" / "manifest.xml", extension / "index.html"]
    for path in [*generated, *shipped, extension / "js" / "aerpc-panel.js"]:
        found = [w for w in AFTER_EFFECTS_WORDS if w in path.read_text(encoding="utf-8")]
        assert not found, f"{path} says {found}"
    assert '<Host Name="PHXS" Version="[24.0,99.9]"/>' in shipped[0].read_text(encoding="utf-8")

    python_path = str(installed.work / "build" / "generated")
    ready = installed.work / "ready.json"
    serve = installed.start(
        aerpc, "serve", "--package", "aerpc.photoshop", "--ready-file", ready,
        PYTHONPATH=python_path,
    )  # fmt: skip
    host = None
    try:
        serve.wait_for("aerpc serving")
        server = json.loads(ready.read_text(encoding="utf-8"))
        address = {"AERPC_URL": server["url"], "AERPC_TOKEN": server["token"]}
        host = installed.start(aerpc, "fake-host", "--extension", extension, **address)
        host.wait_for("fake host: connected")
        call = installed.run(
            aerpc, "call", "--package", "aerpc.photoshop", "get_document_name",
            PYTHONPATH=python_path, **address,
        )  # fmt: skip
        assert call.returncode == 0, call.stderr
        assert "matte.psd" in call.stdout
        assert host.stop() == 0, host.lines
    finally:
        if host is not None:
            host.stop()
        serve.stop()


def test_simulate_starts_the_simulated_after_effects_and_stops_on_ctrl_c(
    installed: Install,
) -> None:
    simulate = installed.start(installed.bin / "aerpc", "simulate")
    try:
        simulate.wait_for("simulated After Effects (demo project) connected to ws://127.0.0.1:")
        simulate.wait_for("export AERPC_TOKEN=")
        simulate.wait_for("Ctrl-C stops it.")
    finally:
        status = simulate.stop(signal.SIGINT)
    assert status == 0, simulate.lines
