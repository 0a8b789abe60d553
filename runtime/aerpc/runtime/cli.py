"""Moved: ``aerpc serve`` is :mod:`aerpc.cli.serve`. This path goes away in the next release."""

from __future__ import annotations

import warnings

from aerpc.cli.serve import LoggingHandlers, serve_main, write_ready_file

__all__ = ["LoggingHandlers", "serve_main", "write_ready_file"]

warnings.warn("aerpc.runtime.cli moved to aerpc.cli.serve", DeprecationWarning, stacklevel=2)
