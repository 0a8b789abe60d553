"""From a schema file to the model the generators render: lint it (:func:`lint_file`), then
build its :class:`~aerpc.codegen.model.Api` (:func:`build`); :func:`targets` lists the
generators. ``aerpc lint`` and ``aerpc generate`` (:mod:`aerpc.cli.generate`) run these."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .lint import lint_document
from .loader import SchemaLoadError, load_document
from .metaschema import MetaSchemaNotFound, load_meta_schemas

if TYPE_CHECKING:
    from .model import Api
    from .render import Output

__all__ = ["SOURCE_TREE_SCHEMA", "build", "lint_file", "targets"]

SOURCE_TREE_SCHEMA = Path("schema/aftereffects.openrpc.json")
"""Where an aerpc source tree (``--root``) keeps its schema."""


def targets() -> list[Callable[[Api], list[Output]]]:
    """Every output family: the Python package, the CEP side and the docs."""
    from .cep_target import cep_outputs
    from .docs_target import docs_outputs
    from .python_target import python_outputs

    return [python_outputs, cep_outputs, docs_outputs]


def _schema_name(path: Path) -> str:
    return path.name.split(".")[0]


def lint_file(path: Path) -> tuple[dict[str, object] | None, list[str]]:
    """The document and its problems (load errors or lint violations) as printable lines."""
    try:
        document = load_document(path)
    except SchemaLoadError as exc:
        return None, [str(exc)]
    try:
        meta = load_meta_schemas()
    except MetaSchemaNotFound as exc:
        return None, [f"{path}: cannot check against the OpenRPC meta-schema: {exc}"]
    violations = lint_document(document, meta)
    return document, [f"{path}#{v}" for v in violations]


def _source_name(path: Path, root: Path) -> str:
    """How the generated headers name the schema: relative to ``root`` when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def build(path: Path, *, root: Path) -> tuple[Api | None, list[str]]:
    """Lint ``path`` and, when clean, its model (files to be written under ``root``)."""
    from .model import build_api

    document, problems = lint_file(path)
    if document is None or problems:
        return None, problems
    api = build_api(
        document,
        schema_name=_schema_name(path),
        source=_source_name(path, root),
        source_text=path.read_text(encoding="utf-8"),
    )
    return api, []
