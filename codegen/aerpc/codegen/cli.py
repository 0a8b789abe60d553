"""``aerpc lint`` and ``aerpc generate``: check a schema, write (or compare) the generated files.

``aerpc lint SCHEMA``                         every violation, exit 1 if any
``aerpc generate SCHEMA --out DIR [--check]``  lint, then write (or compare) every generated file
                                               under DIR (``generated/``, ``docs/``)

``--root DIR`` names an aerpc source tree instead: the schema defaults to
``DIR/schema/aftereffects.openrpc.json`` and the files are written under ``DIR``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .lint import lint_document
from .loader import SchemaLoadError, load_document
from .metaschema import MetaSchemaNotFound, load_meta_schemas

if TYPE_CHECKING:
    from .model import Api
    from .render import Output

__all__ = ["SOURCE_TREE_SCHEMA", "build", "generate_main", "lint_file", "lint_main", "main"]

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


def _schema(args: argparse.Namespace, command: str) -> Path | str:
    """The schema file the arguments name, or why they name none."""
    if args.schema is None:
        if args.root is None:
            return f"aerpc {command}: name the schema file (aerpc {command} SCHEMA)"
        return Path(args.root / SOURCE_TREE_SCHEMA)
    if args.root is not None and not args.schema.is_absolute():
        return Path(args.root / args.schema)
    return Path(args.schema)


def _parser(command: str, description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=f"aerpc {command}", description=description)
    parser.add_argument("schema", type=Path, nargs="?", help="the OpenRPC schema file")
    parser.add_argument(
        "--root", type=Path, help="an aerpc source tree: its schema and generated files"
    )
    return parser


def lint_main(argv: Sequence[str]) -> int:
    """``aerpc lint SCHEMA``."""
    args = _parser("lint", "Check an OpenRPC schema against the meta-schema and aerpc's rules.")
    parsed = args.parse_args(list(argv))
    schema = _schema(parsed, "lint")
    if isinstance(schema, str):
        print(schema, file=sys.stderr)
        return 2
    _, problems = lint_file(schema)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {schema}", file=sys.stderr)
        return 1
    print(f"{schema}: ok")
    return 0


def generate_main(argv: Sequence[str]) -> int:
    """``aerpc generate SCHEMA --out DIR [--check]``."""
    parser = _parser("generate", "Lint a schema, then write every file generated from it.")
    parser.add_argument("--out", type=Path, help="folder to write generated/ and docs/ under")
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(list(argv))
    schema = _schema(args, "generate")
    out: Path | None = args.out if args.out is not None else args.root
    if isinstance(schema, str) or out is None:
        print(
            schema
            if isinstance(schema, str)
            else "aerpc generate: name the output folder (--out DIR)",
            file=sys.stderr,
        )
        return 2
    from .render import check_files, render_outputs, write_files

    started = time.perf_counter()
    api, problems = build(schema, root=out)
    if api is None:
        for line in problems:
            print(line, file=sys.stderr)
        print(f"not generating: {len(problems)} problem(s) in {schema}", file=sys.stderr)
        return 1
    rendered = render_outputs(api, targets(), root=out)
    elapsed = time.perf_counter() - started
    if args.check:
        drift = check_files(rendered, root=out)
        for message in drift:
            print(message, file=sys.stderr)
        if drift:
            print(
                f"{len(drift)} generated file(s) differ from {schema}: run `aerpc generate` "
                "(`make generate` in the aerpc source tree) and commit the result",
                file=sys.stderr,
            )
            return 1
        print(f"{len(rendered)} generated files match {schema} ({elapsed:.2f} s)")
        return 0
    changed = write_files(rendered, root=out)
    for path in changed:
        print(f"wrote {out / path}")
    print(f"{len(rendered)} files from {schema}, {len(changed)} changed ({elapsed:.2f} s)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """The ``aerpc`` command line (:func:`aerpc.cli.main`), kept here for older callers."""
    from aerpc.cli import main as cli_main

    return cli_main(argv)
