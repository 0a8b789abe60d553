"""The generated package a tool command speaks for: ``--package``, by default
``aerpc.aftereffects``. Any package ``aerpc generate`` made works (another host application's
schema): its contract checks the parameters, its typed client is the shell's ``ae``, its tool
table is what ``aerpc mcp`` offers."""

from __future__ import annotations

import argparse
import importlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

from aerpc.runtime import HostChannel
from aerpc.runtime.contract import Contract

if TYPE_CHECKING:
    from aerpc.mcp.tools import ToolSpec

__all__ = ["DEFAULT_PACKAGE", "HostPackage", "add_package", "host_package"]

DEFAULT_PACKAGE = "aerpc.aftereffects"


def add_package(parser: argparse.ArgumentParser) -> None:
    """``--package``, defaulting to ``AERPC_PACKAGE`` and then ``aerpc.aftereffects``."""
    parser.add_argument(
        "--package",
        default=os.environ.get("AERPC_PACKAGE") or DEFAULT_PACKAGE,
        help="the generated package of the host's schema "
        f"(default: $AERPC_PACKAGE, else {DEFAULT_PACKAGE})",
    )


@dataclass(frozen=True)
class HostPackage:
    """A generated package, loaded: its name, module and contract."""

    name: str
    module: ModuleType
    contract: Contract

    @property
    def short_name(self) -> str:
        """The last part of the package's name: ``aftereffects``."""
        return self.name.rsplit(".", 1)[-1]

    def typed_client(self, channel: HostChannel) -> Any:
        """The package's blocking typed client (``AfterEffects``) over ``channel``."""
        clients = importlib.import_module(f"{self.name}.clients")
        names: Sequence[str] = getattr(clients, "__all__", ())
        blocking = [n for n in names if not n.startswith("Async")]
        if len(blocking) != 1:
            raise ImportError(f"{self.name}.clients does not name one blocking client: {names}")
        return getattr(clients, blocking[0])(channel)

    def tools(self) -> tuple[ToolSpec, ...]:
        """The package's MCP tool table (``TOOLS`` of its ``mcp_tools`` module)."""
        module = importlib.import_module(f"{self.name}.mcp_tools")
        tools: tuple[ToolSpec, ...] = module.TOOLS
        return tools


def host_package(name: str) -> HostPackage:
    """Load the generated package ``name``; ImportError saying what is wrong if it is not one."""
    try:
        contract = Contract.from_package(name)
    except ModuleNotFoundError as exc:
        raise ImportError(f"no package {name!r} ({exc}); give --package a generated one") from exc
    return HostPackage(name, importlib.import_module(name), contract)
