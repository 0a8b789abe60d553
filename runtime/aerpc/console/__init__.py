"""Command-line tools that reach After Effects through a running pipeline's server:
``aerpc call``, ``aerpc hosts``, ``aerpc shell`` and ``aerpc mcp``.

Each connects as a ``tool`` (``--url``/``--token`` or ``AERPC_URL``/``AERPC_TOKEN``) and calls
through the server's relay (``aerpc serve`` relays).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

__all__ = ["COMMANDS", "run"]

COMMANDS = {
    "call": ("aerpc.console.call", "call a host method: aerpc call METHOD key=value ..."),
    "hosts": ("aerpc.console.call", "list the hosts connected to a pipeline's server"),
    "shell": ("aerpc.console.shell", "an interactive prompt with `ae` bound to the host"),
    "mcp": ("aerpc.mcp.cli", "serve the host methods as MCP tools over stdio"),
}
"""Command name → (module with a ``<name>_main(argv)`` or ``main(argv)``, one-line help)."""


def run(command: str, argv: Sequence[str]) -> int:
    """Run one of :data:`COMMANDS` with its arguments; its exit code."""
    module = importlib.import_module(COMMANDS[command][0])
    main = getattr(module, f"{command}_main", None) or module.main
    result: int = main(list(argv))
    return result
