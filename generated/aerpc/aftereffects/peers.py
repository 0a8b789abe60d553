# Generated from schema/aftereffects.openrpc.json (After Effects 1.0.0)
# by `aerpc generate`. Do not edit: edit the schema and run `make generate`.
# Schema hash: sha256:982f29e928070eb6d35a0733037a0ad5e59b8990502e645cba5fdddf91b0e2b4
"""The runtime's server and client, bound to this schema's contract.

``server(handlers)`` is the pipeline's side, ``client(url, token)`` a ``tool`` peer of it::

    server = aftereffects.server(handlers=MyPipeline())
    server.start()
    ae = AfterEffects(server.wait_for_host(timeout=120))

aiohttp is imported when one of them is first called, not with the package.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from ._schema import CONTRACT

if TYPE_CHECKING:
    from aerpc.runtime.client import Client
    from aerpc.runtime.server import Server

__all__ = ["client", "send_context_change", "send_context_change_async", "server"]


def server(handlers: object | None = None, **options: Any) -> Server:
    """A :class:`aerpc.runtime.Server` for After Effects (``options``: its keyword arguments)."""
    from aerpc.runtime.server import Server

    return Server(handlers, contract=CONTRACT, **options)


def client(url: str, token: str, **options: Any) -> Client:
    """A :class:`aerpc.runtime.Client` of this schema (``options``: its keyword arguments)."""
    from aerpc.runtime.client import Client

    return Client(url, token, contract=CONTRACT, **options)


async def send_context_change_async(
    url: str,
    token: str,
    project: str,
    folder: str,
    task: str,
    *,
    timeout: float = 10.0,  # noqa: ASYNC109
) -> None:
    """Tell the pipeline process serving ``url`` its new context (``set_context``), as a tool.

    The "already running" case of a launcher: the process that would start After Effects
    finds it running and hands the new context to the pipeline process that serves it.
    """
    async with client(url, token, role="tool", hello_timeout=timeout) as tool:
        await tool.call(
            "set_context", {"project": project, "folder": folder, "task": task}, timeout=timeout
        )


def send_context_change(
    url: str, token: str, project: str, folder: str, task: str, *, timeout: float = 10.0
) -> None:
    """Blocking :func:`send_context_change_async` (not from inside a running event loop)."""
    asyncio.run(send_context_change_async(url, token, project, folder, task, timeout=timeout))
