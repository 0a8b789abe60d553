"""The wheel is the product: installed in a fresh virtualenv outside the source tree, offline from
the wheelhouse `make wheelhouse` builds (pip's own cache is all it needs), with node and nothing
else, a user can install the panel, test a plugin on the simulated After Effects and generate
from a schema of their own."""

from __future__ import annotations

import os
import shutil
import subprocess
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

    def run(self, *args: str | Path) -> subprocess.CompletedProcess[str]:
        node = shutil.which("node")
        path = [str(self.bin), *([str(Path(node).parent)] if node else []), "/usr/bin", "/bin"]
        env = {"PATH": os.pathsep.join(path), "HOME": str(self.work), "LANG": "C.UTF-8"}
        return subprocess.run(
            [str(a) for a in args],
            cwd=self.work,
            env=env,
            capture_output=True,
            text=True,
            timeout=WAIT,
            check=False,
        )

    def python(self, code: str) -> str:
        """Run ``code`` with the virtualenv's python; its stdout (it must succeed)."""
        proc = self.run(self.bin / "python", "-c", code)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout


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
    # The panel library's typings, from the wheel's package data, beside the schema's.
    library = (ROOT / "runtime" / "panel" / "aerpc-panel-lib.d.ts").read_text(encoding="utf-8")
    copied = (out / "generated" / "cep" / "aerpc-panel-lib.d.ts").read_text(encoding="utf-8")
    assert copied.endswith(library)


def test_the_runtime_needs_no_codegen_extra(installed: Install) -> None:
    installed.python(
        "import sys; sys.modules['jinja2'] = None; import aerpc.runtime, aerpc.aftereffects"
    )
