"""What the tool commands share: where the server is, its token, the log level."""

from __future__ import annotations

import argparse
import importlib.metadata
import logging
import os

from aerpc.runtime.address import ws_url

__all__ = ["TOKEN_SOURCES", "add_connection", "connection", "log_level", "version"]

TOKEN_SOURCES = "the token comes from --token or $AERPC_TOKEN: the one `aerpc serve` printed"

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class UsageError(Exception):
    """The command line cannot be run as given; the message says why."""


def add_connection(parser: argparse.ArgumentParser) -> None:
    """``--url`` and ``--token``, defaulting to ``AERPC_URL`` and ``AERPC_TOKEN``."""
    parser.add_argument("--url", help="the pipeline's server, ws://… (default: $AERPC_URL)")
    parser.add_argument("--token", help="its token (default: $AERPC_TOKEN)")


def connection(args: argparse.Namespace) -> tuple[str, str]:
    """``(url, token)`` from the options or the environment (:class:`UsageError` if unset)."""
    url = args.url or os.environ.get("AERPC_URL")
    token = args.token or os.environ.get("AERPC_TOKEN")
    if not url or not token:
        raise UsageError(
            "no pipeline to connect to: give --url and --token, or set AERPC_URL and "
            "AERPC_TOKEN (`aerpc serve` prints both)"
        )
    try:
        return ws_url(url), token
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def log_level(text: str) -> int:
    """An argparse type: a level name (any case) as its number."""
    name = text.upper()
    if name not in LEVELS:
        raise argparse.ArgumentTypeError(
            f"unknown log level {text!r}; use one of {', '.join(LEVELS)}"
        )
    level: int = logging.getLevelName(name)
    return level


def version() -> str:
    """The installed aerpc's version."""
    try:
        return importlib.metadata.version("aerpc")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"
