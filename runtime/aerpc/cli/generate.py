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
from collections.abc import Sequence
from pathlib import Path

from aerpc.codegen.build import SOURCE_TREE_SCHEMA, build, lint_file, targets

__all__ = ["generate_main", "lint_main"]


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
    from aerpc.codegen.render import check_files, render_outputs, write_files

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
