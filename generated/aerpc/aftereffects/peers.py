# Generated from schema/aftereffects.openrpc.json (After Effects 1.0.0)
# by `aerpc generate`. Do not edit: edit the schema and run `aerpc generate`.
# Schema hash: sha256:93e1b93458db8a8845fe44544194efe9482c6cedaffdecfcb5577a27d78a21ce
"""The runtime's server and client, bound to this schema's contract.

``server(handlers)`` is the pipeline's side, ``client(url, token)`` a ``tool`` peer of it, and
``remote_host(url, token)`` the host of a running pipeline, reached through its server's relay::

    server = aftereffects.server(handlers=MyPipeline())
    server.start()
    ae = AfterEffects(server.wait_for_host(timeout=120))

    with aftereffects.remote_host(url, token) as host:   # another process, as a tool
        ae = AfterEffects(host)

aiohttp is imported when one of them is first called, not with the package.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from ._schema import CONTRACT

if TYPE_CHECKING:
    from aerpc.runtime.client import ToolPeer
    from aerpc.runtime.remote import RemoteHost
    from aerpc.runtime.server import Server

    from .handlers import AsyncPipelineHandlers, PipelineHandlers

__all__ = ["client", "remote_host", "send_context_change", "send_context_change_async", "server"]


def server(
    handlers: PipelineHandlers | AsyncPipelineHandlers | None = None, **options: Any
) -> Server:
    """A :class:`aerpc.runtime.Server` for After Effects (``options``: its keyword arguments).

    ``handlers`` implements the pipeline's methods (:class:`PipelineHandlers`, or
    :class:`AsyncPipelineHandlers`); one it lacks is reported when the server starts (a
    warning, or an error with ``strict_handlers=True``) and answered ``-32601``.
    """
    from aerpc.runtime.server import Server

    return Server(handlers, contract=CONTRACT, **options)


def client(url: str, token: str, **options: Any) -> ToolPeer:
    """A :class:`aerpc.runtime.ToolPeer` of this schema (``options``: its keyword arguments)."""
    from aerpc.runtime.client import ToolPeer

    return ToolPeer(url, token, contract=CONTRACT, **options)


def remote_host(url: str, token: str, **options: Any) -> RemoteHost:
    """The host of the pipeline serving ``url``, as a tool (``options``: the keyword arguments
    of :class:`aerpc.runtime.RemoteHost`); ``AfterEffects(remote_host(url, token).start())``."""
    from aerpc.runtime.remote import RemoteHost

    return RemoteHost(url, token, contract=CONTRACT, **options)


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
