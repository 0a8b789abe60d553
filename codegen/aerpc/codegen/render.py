"""Render the model through the templates into files, and compare them with what is on disk.

Each target module (:mod:`.python_target`, :mod:`.cep_target`, :mod:`.docs_target`) lists its
:class:`Output`\\ s; this module owns the Jinja environment, formatting and the file I/O.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .model import Api

__all__ = ["Output", "Rendered", "check_files", "render_outputs", "write_files"]

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Output:
    """One file to emit: its path (relative to the repository root), template and context."""

    path: str
    template: str
    context: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Rendered:
    """The bytes of one emitted file."""

    path: str
    text: str


def environment() -> jinja2.Environment:
    """The one Jinja environment: strict about undefined names, no HTML escaping."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["doc"] = doc_text
    env.filters["jsdoc"] = jsdoc_text
    return env


def _wrap(text: str, width: int, indent: str, first: str | None = None) -> str:
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n") if p.strip()]
    wrapped = (
        textwrap.fill(
            p,
            width=width,
            initial_indent=first if (first is not None and i == 0) else indent,
            subsequent_indent=indent,
            break_on_hyphens=False,
        )
        for i, p in enumerate(paragraphs)
    )
    return f"\n{indent.rstrip()}\n".join(wrapped)


def doc_text(text: str, indent: int = 4, width: int = 96, first: int | None = None) -> str:
    """Prose for a Python docstring: wrapped, with backslashes and triple quotes escaped.

    ``first`` is the column where the first line starts when it follows other text on its line
    (``name: …`` in an Args section); continuation lines start at ``indent``.
    """
    safe = text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return _wrap(safe, width, " " * indent, " " * (indent if first is None else first)).lstrip()


def jsdoc_text(text: str, indent: int = 0, width: int = 96) -> str:
    """Prose for a JSDoc comment body (`` * `` prefixed lines), with ``*/`` defused."""
    safe = text.replace("*/", "*\\/")
    return _wrap(safe, width, " " * indent + " * ")


def _ruff_format(texts: dict[str, str]) -> dict[str, str]:
    """Sort imports and format Python sources with ruff (the project's pinned version); without
    ruff the sources stay as the templates wrote them (valid, less tidy), and a note says so."""
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        if texts:
            print(
                "aerpc generate: ruff is not installed, so the generated Python is not "
                "formatted (pip install 'aerpc[codegen]' installs it)",
                file=sys.stderr,
            )
        return texts
    formatted = {}
    for path, text in texts.items():
        for command in (["check", "--select", "I,RUF022", "--fix", "--quiet"], ["format"]):
            proc = subprocess.run(
                [ruff, *command, "--stdin-filename", path, "-"],
                input=text,
                capture_output=True,
                text=True,
                check=False,
                timeout=60,
            )
            if proc.returncode != 0:
                raise RuntimeError(f"ruff could not format generated {path}:\n{proc.stderr}")
            text = proc.stdout
        formatted[path] = text
    return formatted


def render_outputs(
    api: Api, targets: Iterable[Callable[[Api], list[Output]]], *, root: Path
) -> list[Rendered]:
    """Render every target's outputs; Python files are formatted with ruff."""
    env = environment()
    texts: dict[str, str] = {}
    for target in targets:
        for output in target(api):
            template = env.get_template(output.template)
            texts[output.path] = template.render(api=api, **output.context)
    python = {p: t for p, t in texts.items() if p.endswith(".py")}
    texts.update(_ruff_format(python))
    return [Rendered(path, texts[path]) for path in sorted(texts)]


def write_files(rendered: Iterable[Rendered], *, root: Path) -> list[str]:
    """Write the files whose bytes changed; returns their paths."""
    changed = []
    for item in rendered:
        target = root / item.path
        data = item.text.encode("utf-8")
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        changed.append(item.path)
    return changed


def check_files(rendered: Iterable[Rendered], *, root: Path) -> list[str]:
    """One message per file that differs from what the schema generates (empty: no drift)."""
    problems = []
    for item in rendered:
        target = root / item.path
        if not target.is_file():
            problems.append(f"{item.path}: missing (run `make generate`)")
            continue
        current = target.read_text(encoding="utf-8")
        if current != item.text:
            diff = difflib.unified_diff(
                item.text.splitlines(),
                current.splitlines(),
                fromfile=f"{item.path} (generated from the schema)",
                tofile=f"{item.path} (on disk)",
                lineterm="",
                n=1,
            )
            excerpt = "\n".join(list(diff)[:12])
            problems.append(
                f"{item.path}: differs from what the schema generates "
                f"(edited by hand, or the schema changed without `make generate`)\n{excerpt}"
            )
    return problems
