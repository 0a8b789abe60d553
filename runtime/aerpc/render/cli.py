"""Moved: ``aerpc render`` is :mod:`aerpc.cli.render`. This path goes away in the next release."""

from __future__ import annotations

import warnings

from aerpc.cli.render import ProgressPrinter, progress_text, render_main

__all__ = ["ProgressPrinter", "progress_text", "render_main"]

warnings.warn("aerpc.render.cli moved to aerpc.cli.render", DeprecationWarning, stacklevel=2)
