"""Sending a websocket frame from plain (non-async) code, without a task per frame."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any, Protocol

from aiohttp import WSMsgType

__all__ = ["FrameSender", "Socket", "send_guarded", "write_now"]

log = logging.getLogger("aerpc")

_finishing: set[asyncio.Task[None]] = set()


class FrameSender(Protocol):
    """aiohttp's server and client websocket responses."""

    def send_frame(
        self, message: bytes, opcode: WSMsgType, compress: int | None = None
    ) -> Coroutine[Any, Any, None]: ...


class Socket(FrameSender, Protocol):
    """A websocket that says whether it is closing."""

    @property
    def closed(self) -> bool: ...


def write_now(ws: FrameSender, data: bytes, opcode: WSMsgType = WSMsgType.TEXT) -> None:
    """Send ``data`` as one TEXT frame (or ``opcode``: a PING, a PONG), now, from the loop thread.

    For an uncompressed frame aiohttp writes header and payload to the transport before its
    first suspension point, which is only reached when the transport asks to drain. So the
    coroutine is stepped once here: usually it finishes in that step; if it suspends, a task
    finishes it (the frame is already written; only the drain is waited for).
    Raises ``ConnectionResetError`` (or ``RuntimeError``) when the socket is closing.
    """
    coro = ws.send_frame(data, opcode)
    try:
        yielded = coro.send(None)
    except StopIteration:
        return
    except BaseException:
        coro.close()
        raise
    task = asyncio.ensure_future(_finish(coro, yielded))
    _finishing.add(task)
    task.add_done_callback(_finished)


def send_guarded(ws: Socket, data: bytes, opcode: WSMsgType = WSMsgType.TEXT) -> bool:
    """:func:`write_now`, never raising: False if the socket is closing."""
    if ws.closed:
        return False
    try:
        write_now(ws, data, opcode)
    except (ConnectionError, RuntimeError):
        return False
    return True


async def _finish(coro: Coroutine[Any, Any, None], yielded: Any) -> None:
    """Drive a coroutine that suspended outside any task, as a task would."""
    try:
        while True:
            if yielded is None:  # a bare yield: give the loop one turn
                await asyncio.sleep(0)
            else:  # asyncio's protocol: it waits for this future; don't consume its outcome
                yielded._asyncio_future_blocking = False
                await asyncio.wait((yielded,))
            yielded = coro.send(None)
    except StopIteration:
        pass
    finally:
        coro.close()


def _finished(task: asyncio.Task[None]) -> None:
    _finishing.discard(task)
    if not task.cancelled() and (exc := task.exception()) is not None:
        log.debug("aerpc: a frame's drain failed: %r", exc)
