"""What the tool commands share: where the server is, its token, the log level."""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata
import json
import logging
import os

from aerpc.runtime.address import ws_url

__all__ = ["TOKEN_SOURCES", "add_connection", "connection", "log_level", "read_token", "version"]

TOKEN_SOURCES = (
    "the token comes from --token-file, --token or $AERPC_TOKEN: the one `aerpc serve` printed"
)
MAX_TOKEN_FILE = 64 * 1024
"""Characters read from a ``--token-file``, at most."""

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


class UsageError(Exception):
    """The command line cannot be run as given; the message says why."""


def add_connection(parser: argparse.ArgumentParser) -> None:
    """``--url``, and the token: ``--token-file``, ``$AERPC_TOKEN``, or ``--token`` (which
    other local users can read in ``ps``)."""
    parser.add_argument("--url", help="the pipeline's server, ws://… (default: $AERPC_URL)")
    token = parser.add_mutually_exclusive_group()
    token.add_argument(
        "--token-file",
        metavar="PATH",
        help='read the token from PATH: its first line, or the "token" of a JSON object '
        "(`aerpc serve --ready-file` writes one); keep it mode 0600",
    )
    token.add_argument(
        "--token",
        help="the token itself; other users of this machine can read a command line (`ps`): "
        "prefer --token-file or $AERPC_TOKEN (the default)",
    )


def connection(args: argparse.Namespace) -> tuple[str, str]:
    """``(url, token)`` from the options or the environment (:class:`UsageError` if unset)."""
    url = args.url or os.environ.get("AERPC_URL")
    token_file = getattr(args, "token_file", None)
    token = read_token(token_file) if token_file else args.token or os.environ.get("AERPC_TOKEN")
    if not url or not token:
        raise UsageError(
            "no pipeline to connect to: give --url and --token-file, or set AERPC_URL and "
            "AERPC_TOKEN (`aerpc serve` prints both, and --ready-file writes them to a file)"
        )
    try:
        return ws_url(url), token
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def read_token(path: str) -> str:
    """The token in the file at ``path``: a ready file's ``"token"``, else its first line
    (:class:`UsageError`, naming the file, when it cannot be read or holds none)."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read(MAX_TOKEN_FILE)
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read --token-file {path}: {exc}") from None
    token: object = ""
    if text.lstrip().startswith("{"):
        with contextlib.suppress(ValueError):
            ready = json.loads(text)
            token = ready.get("token", "") if isinstance(ready, dict) else ""
    else:
        token = text.strip().partition("\n")[0].strip()
    if not isinstance(token, str):
        token = ""
    if not token:
        raise UsageError(f'--token-file {path} holds no token (its first line, or a JSON "token")')
    return token


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
