"""Moved: the schema steps are :mod:`aerpc.codegen.build`, ``aerpc lint`` and ``aerpc generate``
:mod:`aerpc.cli.generate`. This path goes away in the next release."""

from __future__ import annotations

import warnings

from aerpc.cli import main
from aerpc.cli.generate import generate_main, lint_main

from .build import SOURCE_TREE_SCHEMA, build, lint_file, targets

__all__ = [
    "SOURCE_TREE_SCHEMA",
    "build",
    "generate_main",
    "lint_file",
    "lint_main",
    "main",
    "targets",
]

warnings.warn(
    "aerpc.codegen.cli moved to aerpc.codegen.build and aerpc.cli.generate",
    DeprecationWarning,
    stacklevel=2,
)
