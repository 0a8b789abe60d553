"""Where aerpc's JavaScript lives, and whether node can run it.

A wheel ships the CEP parts as package data under ``aerpc/_assets/``, laid out as in the source
tree (``runtime/cep/``, ``runtime/simulator/``, ``generated/cep/``), plus the built extension
(``extension/``) and the one node package the harness needs (``node_modules/ws``). An editable
install from a source checkout finds the same files in the checkout.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
from pathlib import Path

__all__ = ["NODE_MIN_MAJOR", "PACKAGED", "ROOT", "SOURCE_TREE", "node_problem"]

PACKAGED = Path(__file__).resolve().parents[1] / "_assets"
"""The package data folder of an installed wheel."""
SOURCE_TREE = Path(__file__).resolve().parents[3]
"""The checkout an editable install runs from."""
ROOT = PACKAGED if PACKAGED.is_dir() else SOURCE_TREE
"""The folder holding ``runtime/cep``, ``runtime/simulator`` and ``generated/cep``."""

NODE_MIN_MAJOR = 20
"""The oldest node major version the simulated After Effects runs on."""

_INSTALL_HINT = "install node 20 or later (https://nodejs.org; Debian: apt-get install nodejs)"


@functools.cache
def _node_version(node: str) -> str:
    proc = subprocess.run(
        [node, "--version"], capture_output=True, text=True, timeout=30, check=False
    )
    return proc.stdout.strip() if proc.returncode == 0 else ""


def node_problem() -> str | None:
    """Why node cannot run the simulated After Effects here, or ``None`` when it can."""
    node = shutil.which("node")
    if node is None:
        return f"node is not on PATH: the simulated After Effects runs in node; {_INSTALL_HINT}"
    version = _node_version(node)
    match = re.fullmatch(r"v(\d+)\.\d+\.\d+.*", version)
    if match is None:
        return f"{node} --version gave {version!r}, not a node version; {_INSTALL_HINT}"
    if int(match[1]) < NODE_MIN_MAJOR:
        return (
            f"node {version} ({node}) is too old for the simulated After Effects; {_INSTALL_HINT}"
        )
    return None
