"""From a schema file to the model the generators render: lint it (:func:`lint_file`), then
build its :class:`~aerpc.codegen.model.Api` (:func:`build`); :func:`targets` lists the
generators. ``aerpc lint`` and ``aerpc generate`` (:mod:`aerpc.cli.generate`) run these."""

from __future__ import annotations

import keyword
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .lint import lint_document
from .loader import SchemaLoadError, load_document
from .metaschema import MetaSchemaNotFound, load_meta_schemas

if TYPE_CHECKING:
    from .model import Api
    from .render import Output

__all__ = ["SOURCE_TREE_SCHEMA", "build", "lint_file", "schema_name", "targets"]

SOURCE_TREE_SCHEMA = Path("schema/aftereffects.openrpc.json")
"""Where an aerpc source tree (``--root``) keeps its schema."""


def targets() -> list[Callable[[Api], list[Output]]]:
    """Every output family: the Python package, the CEP side and the docs."""
    from .cep_target import cep_outputs
    from .docs_target import docs_outputs
    from .python_target import python_outputs

    return [python_outputs, cep_outputs, docs_outputs]


def schema_name(path: Path) -> str:
    """The package name ``path`` generates (``aerpc.<name>``): the file name up to its first
    dot, lowercased, ``-`` and spaces as ``_`` (``my-host.openrpc.json`` → ``my_host``).
    ValueError saying what to rename when Python could not import the result."""
    stem = path.name.split(".")[0]
    name = re.sub(r"[-\s]+", "_", stem).lower()
    if not name.isidentifier() or keyword.iskeyword(name) or not name.isascii():
        raise ValueError(
            f"{path}: the file name gives the package name aerpc.{name or '?'}, which Python "
            "cannot import: rename the file to start with a letter, using letters, digits, "
            "_ or - (e.g. my-host.openrpc.json, generated as aerpc.my_host)"
        )
    return name


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

    try:
        name = schema_name(path)
    except ValueError as exc:
        return None, [str(exc)]
    document, problems = lint_file(path)
    if document is None or problems:
        return None, problems
    api = build_api(
        document,
        schema_name=name,
        source=_source_name(path, root),
        source_text=path.read_text(encoding="utf-8"),
    )
    return api, []
