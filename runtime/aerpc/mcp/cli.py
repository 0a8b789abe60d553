"""Moved: ``aerpc mcp`` is :mod:`aerpc.cli.mcp`. This path goes away in the next release."""

from __future__ import annotations

import warnings

from aerpc.cli.mcp import DEFAULT_EXCLUDED, main, offered, parser

__all__ = ["DEFAULT_EXCLUDED", "main", "offered", "parser"]

warnings.warn("aerpc.mcp.cli moved to aerpc.cli.mcp", DeprecationWarning, stacklevel=2)
