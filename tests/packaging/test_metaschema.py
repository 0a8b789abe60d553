"""The vendored OpenRPC meta-schemas are the ones the pinned npm packages hold, and README.md
beside them names those versions."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from aerpc.codegen.metaschema import load_meta_schemas

ROOT = Path(__file__).resolve().parents[2]
META = ROOT / "codegen" / "aerpc" / "codegen" / "meta"
NODE_MODULES = ROOT / "node_modules"
pytestmark = pytest.mark.skipif(not NODE_MODULES.is_dir(), reason="needs `npm ci`")


def _pinned(package: str) -> str:
    version: str = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))[
        "devDependencies"
    ][package]
    return version


def test_openrpc_meta_schema_is_the_pinned_package() -> None:
    script = "process.stdout.write(JSON.stringify(require(process.argv[1]).openrpcDocument))"
    package = NODE_MODULES / "@open-rpc" / "meta-schema"
    proc = subprocess.run(
        ["node", "-e", script, str(package)], capture_output=True, text=True, timeout=60, check=True
    )
    assert load_meta_schemas().openrpc == json.loads(proc.stdout)
    assert f"| {_pinned('@open-rpc/meta-schema')} |" in (META / "README.md").read_text("utf-8")


def test_json_schema_meta_schema_is_the_pinned_package() -> None:
    package = NODE_MODULES / "@json-schema-tools" / "meta-schema" / "schema.json"
    assert load_meta_schemas().json_schema == json.loads(package.read_text(encoding="utf-8"))
    pinned = _pinned("@json-schema-tools/meta-schema")
    assert f"| {pinned} |" in (META / "README.md").read_text("utf-8")
