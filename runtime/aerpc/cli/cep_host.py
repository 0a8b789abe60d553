"""``aerpc cep build --schema``: another host application's extension, from its schema and its
host library (docs/another-host.md).

The schema is generated (its panel contract and ExtendScript tables) into a temporary folder,
then ``runtime/cep/build.py``'s ``build_for_host`` assembles the extension: the panel library,
that contract, the ES3 library, the host library files and the tables, and a manifest naming the
host applications of the schema's ``x-hosts`` (or of ``--host APP=VERSIONS``).
"""

from __future__ import annotations

import importlib.util
import json
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from aerpc.runtime import assets

__all__ = ["HostBuildError", "build_host_extension", "host_library_files", "parse_host"]


class HostBuildError(Exception):
    """What could not be built, and what to do (printed without a traceback)."""


def load_builder() -> ModuleType:
    """``runtime/cep/build.py`` of this install (the wheel ships it beside the libraries)."""
    script = assets.ROOT / "runtime" / "cep" / "build.py"
    spec = importlib.util.spec_from_file_location("_aerpc_cep_build", script)
    if not script.is_file() or spec is None or spec.loader is None:
        raise HostBuildError(f"this aerpc install has no extension builder ({script}): reinstall")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def host_library_files(paths: Sequence[Path]) -> list[Path]:
    """The host library's files: each file given, in order; a folder's ``*.jsx`` by name."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.glob("*.jsx"))
            if not found:
                raise HostBuildError(f"--host-lib {path}: the folder holds no .jsx file")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise HostBuildError(f"--host-lib {path}: no such file or folder")
    return files


def parse_host(option: str) -> tuple[str, str]:
    """``PHXS=[24.0,99.9]`` (``--host``) as (application id, CEP version range)."""
    from aerpc.codegen.lint import HOST_APP, HOST_VERSIONS

    app, _, versions = option.partition("=")
    if not HOST_APP.match(app) or not HOST_VERSIONS.match(versions):
        raise HostBuildError(
            f"--host {option}: give APP=VERSIONS, a CEP application id and a version range or "
            "lowest version (PHXS=[24.0,99.9], PPRO=24.0)"
        )
    return app, versions


def _schema_hosts(document: object) -> list[tuple[str, str]]:
    hosts = document.get("x-hosts", []) if isinstance(document, dict) else []
    return [(str(h["app"]), str(h["versions"])) for h in hosts]


def build_host_extension(
    schema: Path,
    host_library: Sequence[Path],
    out: Path,
    *,
    hosts: Sequence[str] = (),
    bundle_id: str | None = None,
    version: str | None = None,
) -> tuple[str, str, str]:
    """Write the extension for ``schema`` at ``out``; returns (name, version, bundle id)."""
    from aerpc.codegen.build import build
    from aerpc.codegen.cep_target import cep_outputs
    from aerpc.codegen.render import render_outputs, write_files

    files = host_library_files(host_library)
    chosen = [parse_host(h) for h in hosts]
    with tempfile.TemporaryDirectory(prefix="aerpc-cep-host-") as tmp:
        root = Path(tmp)
        api, problems = build(schema, root=root)
        if api is None:
            raise HostBuildError(
                f"{problems[0]} ({len(problems)} problem(s); `aerpc lint {schema}` lists them)"
            )
        hosts_of_schema = _schema_hosts(json.loads(json.dumps(api.document)))
        chosen = chosen or hosts_of_schema
        if not chosen:
            raise HostBuildError(
                f"{schema} names no host application: add x-hosts to it "
                '([{"app": "PHXS", "versions": "[24.0,99.9]"}]) or give --host APP=VERSIONS'
            )
        write_files(render_outputs(api, [cep_outputs], root=root), root=root)
        name = api.title
        version = version or api.version
        bundle_id = bundle_id or f"io.aerpc.{api.schema_name.replace('_', '-')}"
        load_builder().build_for_host(
            out,
            generated=root / "generated" / "cep",
            host_library=files,
            hosts=chosen,
            bundle_id=bundle_id,
            name=name,
            version=version,
        )
    return name, version, bundle_id
