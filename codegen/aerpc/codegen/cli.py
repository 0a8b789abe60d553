"""``aerpc``: the command line.

``aerpc lint [SCHEMA]``             check a schema; every violation, exit 1 if any
``aerpc generate [--check]``        lint, then write (or compare) every generated file
``aerpc serve [--port N]``          run a server in the foreground (see ``aerpc.runtime.cli``)
``aerpc call|hosts|shell|mcp …``    reach After Effects through it (see ``aerpc.console``)
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .lint import lint_document
from .loader import SchemaLoadError, load_document
from .metaschema import MetaSchemaNotFound, load_meta_schemas
from .model import Api, build_api
from .render import Output, check_files, render_outputs, write_files

__all__ = ["build", "main", "targets"]

DEFAULT_SCHEMA = Path("schema/aftereffects.openrpc.json")


def targets() -> list[Callable[[Api], list[Output]]]:
    """Every output family: the Python package, the CEP side and the docs."""
    from .cep import cep_outputs
    from .docs_target import docs_outputs
    from .python_target import python_outputs

    return [python_outputs, cep_outputs, docs_outputs]


def _schema_name(path: Path) -> str:
    return path.name.split(".")[0]


def lint_file(path: Path, *, root: Path) -> tuple[dict[str, object] | None, list[str]]:
    """The document and its problems (load errors or lint violations) as printable lines."""
    try:
        document = load_document(path)
    except SchemaLoadError as exc:
        return None, [str(exc)]
    try:
        meta = load_meta_schemas(root.resolve())
    except MetaSchemaNotFound as exc:
        return None, [f"{path}: cannot check against the OpenRPC meta-schema: {exc}"]
    violations = lint_document(document, meta)
    return document, [f"{path}#{v}" for v in violations]


def build(path: Path, *, root: Path) -> tuple[Api | None, list[str]]:
    """Lint ``path`` and, when clean, its model."""
    document, problems = lint_file(path, root=root)
    if document is None or problems:
        return None, problems
    rel = path.resolve().relative_to(root.resolve()) if path.is_absolute() else path
    api = build_api(
        document,
        schema_name=_schema_name(path),
        source=rel.as_posix(),
        source_text=path.read_text(encoding="utf-8"),
    )
    return api, []


def _cmd_lint(args: argparse.Namespace) -> int:
    _, problems = lint_file(args.schema, root=args.root)
    for line in problems:
        print(line, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {args.schema}", file=sys.stderr)
        return 1
    print(f"{args.schema}: ok")
    return 0


def _cmd_generate(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    api, problems = build(args.schema, root=args.root)
    if api is None:
        for line in problems:
            print(line, file=sys.stderr)
        print(f"not generating: {len(problems)} problem(s) in {args.schema}", file=sys.stderr)
        return 1
    rendered = render_outputs(api, targets(), root=args.root)
    elapsed = time.perf_counter() - started
    if args.check:
        drift = check_files(rendered, root=args.root)
        for message in drift:
            print(message, file=sys.stderr)
        if drift:
            print(
                f"{len(drift)} generated file(s) differ from {args.schema}: run `make generate` "
                "and commit the result",
                file=sys.stderr,
            )
            return 1
        print(f"{len(rendered)} generated files match {args.schema} ({elapsed:.2f} s)")
        return 0
    changed = write_files(rendered, root=args.root)
    for path in changed:
        print(f"wrote {path}")
    print(f"{len(rendered)} files from {args.schema}, {len(changed)} changed ({elapsed:.2f} s)")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``aerpc`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["serve"]:
        from aerpc.runtime.cli import serve_main

        return serve_main(argv[1:])
    from aerpc.console import COMMANDS, run

    if argv[:1] and argv[0] in COMMANDS:
        return run(argv[0], argv[1:])
    parser = argparse.ArgumentParser(prog="aerpc", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="repository root")
    sub = parser.add_subparsers(dest="command", required=True)
    lint = sub.add_parser("lint", help="check a schema")
    lint.add_argument("schema", type=Path, nargs="?", default=DEFAULT_SCHEMA)
    lint.set_defaults(run=_cmd_lint)
    generate = sub.add_parser("generate", help="write the generated files")
    generate.add_argument("--schema", type=Path, default=DEFAULT_SCHEMA)
    generate.add_argument("--check", action="store_true", help="compare instead of writing")
    generate.set_defaults(run=_cmd_generate)
    sub.add_parser("serve", help="run a server in the foreground (aerpc serve --help)")
    for name, (_, text) in COMMANDS.items():
        sub.add_parser(name, help=text)
    args = parser.parse_args(argv)
    if args.command == "lint" or args.command == "generate":
        args.schema = args.root / args.schema if not args.schema.is_absolute() else args.schema
    result: int = args.run(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
