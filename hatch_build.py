"""Wheel build hook: the CEP extension and the simulated After Effects as package data.

Into ``aerpc/_assets/`` of the wheel go the built extension (``dist/aerpc.cep/``, from
``runtime/cep/build.py``'s ``build(out)``), the source folders the node harness runs from, laid
out as in this tree (``runtime/cep``, ``runtime/simulator``, ``generated/cep``), the libraries and
the builder ``aerpc cep build --schema`` assembles another host's extension with
(``runtime/panel``, ``runtime/extendscript``, ``runtime/cep/build.py``), and the one node
package the harness needs (``node_modules/ws``, with its license). Editable installs skip this:
they run from the tree itself.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

ASSETS = "aerpc/_assets"
SOURCE_FOLDERS = (
    "runtime/cep",
    "runtime/simulator",
    "generated/cep",
    "runtime/panel",
    "runtime/extendscript",
)
NODE_PACKAGES = ("ws",)
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "tsconfig.json", "types", "*.d.ts")


class CepAssetsHook(BuildHookInterface):  # type: ignore[misc]  # hatchling: no stubs in .venv
    """Stage ``aerpc/_assets`` in a temporary folder and force-include it."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        missing = missing_node_packages(root)
        if missing:  # one line, not the backend's traceback: SystemExit prints only its text
            raise SystemExit(
                f"aerpc wheel: {', '.join(missing)} missing from {root / 'node_modules'} (the "
                "wheel ships it for the simulated After Effects): run `npm ci` in the clone "
                "first (or `make wheelhouse`, which does it), then build again"
            )
        self._staging = Path(tempfile.mkdtemp(prefix="aerpc-wheel-assets-"))
        stage_assets(root, self._staging)
        build_data["force_include"][str(self._staging)] = ASSETS

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        staging = getattr(self, "_staging", None)
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def missing_node_packages(root: Path) -> list[str]:
    """The node packages the wheel ships that the tree does not have (``npm ci`` installs them)."""
    return [n for n in NODE_PACKAGES if not (root / "node_modules" / n / "package.json").is_file()]


def _load_build_module(root: Path) -> Any:
    spec = importlib.util.spec_from_file_location("_aerpc_cep_build", root / "runtime/cep/build.py")
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load {root / 'runtime/cep/build.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _extension_folder(out: Path) -> Path:
    """The folder under ``out`` nearest to it that holds ``CSXS/manifest.xml``."""
    manifests = sorted(out.rglob("CSXS/manifest.xml"), key=lambda p: (len(p.parts), p))
    if not manifests:
        raise RuntimeError(f"runtime/cep/build.py built no CSXS/manifest.xml under {out}")
    return manifests[0].parent.parent


def stage_assets(root: Path, staging: Path) -> None:
    """Write what ``aerpc/_assets`` holds into ``staging``."""
    with tempfile.TemporaryDirectory(prefix="aerpc-cep-build-") as tmp:
        _load_build_module(root).build(Path(tmp) / "aerpc.cep")
        shutil.copytree(_extension_folder(Path(tmp)), staging / "dist" / "aerpc.cep")
    for folder in SOURCE_FOLDERS:
        shutil.copytree(root / folder, staging / folder, ignore=SKIP)
    for name in NODE_PACKAGES:
        package = root / "node_modules" / name
        shutil.copytree(
            package, staging / "node_modules" / name, ignore=shutil.ignore_patterns("*.md")
        )
        meta = json.loads((package / "package.json").read_text(encoding="utf-8"))
        (staging / "node_modules" / name / "VENDORED").write_text(
            f"npm {meta['name']} {meta['version']}, license {meta['license']} (LICENSE)\n",
            encoding="utf-8",
        )
