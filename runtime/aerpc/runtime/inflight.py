"""The one gate every request of a socket passes after the hello (:class:`InFlight`).

At most ``max_in_flight`` requests of one socket are served at once, those its own dispatcher
runs and (for a tool) those relayed to the host alike; the excess is answered ``-32005``. It is
the one place a socket's requests start, and where their tasks are kept for ``rpc.cancel``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from .codec import clip
from .errors import InternalError, RemoteError, TooManyRequests

if TYPE_CHECKING:
    from .dispatch import Respond
    from .protocol import HelloParams, Id, Request

__all__ = ["GateSocket", "InFlight", "Run"]

log = logging.getLogger("aerpc")


class GateSocket(Protocol):
    """The socket an :class:`InFlight` gate serves (a ``Peer``): who it is, its running-task
    map (``rpc.cancel`` looks tasks up there) and how it answers a request."""

    role: str
    hello: HelloParams
    running: dict[Id, asyncio.Task[None]]

    def respond(self, request: Request, result: object, error: RemoteError | None) -> None: ...


Run = Callable[["Request", "Respond"], "asyncio.Task[None] | None"]
"""Starts serving a request behind a socket's gate: ``run(request, respond)`` calls ``respond``
once with the outcome (at once, or later from a task or a thread), and returns the task that
serves it when there is one (``rpc.cancel`` cancels it)."""


class InFlight:
    """The one gate of a socket's requests: at most ``limit`` of them served at once (None: no
    bound), whatever serves them (the socket's dispatcher, or for a tool the relay to the host).

    :meth:`serve` is the peer's ``on_request``: over the limit, a request is answered ``-32005``
    at once and not run; else :attr:`run` starts it with a respond of its own, and its task, if
    any, is kept in the peer's running-task map for ``rpc.cancel``. The count is released once
    per admitted request, by its first answer (a second one is not sent), or when its task ends
    without answering (cancelled before it began, or failed): that task's request is then
    answered ``-32603`` here."""

    __slots__ = ("count", "limit", "peer", "run")

    def __init__(self, peer: GateSocket, limit: int | None, run: Run):
        self.peer = peer
        self.limit = limit
        self.run = run
        self.count = 0

    def serve(self, request: Request) -> None:
        peer = self.peer
        if self.limit is not None and self.count >= self.limit:
            peer.respond(request, None, TooManyRequests(self.refusal(request)))
            return
        self.count += 1
        ticket = _Ticket(self, request)
        try:
            task = self.run(request, ticket.answer)
        except Exception as exc:  # a bug in what runs it: answer, and keep serving
            ticket.failed(exc)
            return
        if task is not None and not ticket.answered:
            if request.id is not None:
                peer.running[request.id] = task
            task.add_done_callback(ticket.ended)

    def refusal(self, request: Request) -> str:
        """The refusal of a request over the limit: which socket, how many, what limit."""
        peer = self.peer
        instance = peer.hello.get("instance", "?")
        return (
            f"{clip(request.method)}: refused, {self.count} requests of this socket "
            f"({peer.role} {clip(instance)!r}) are in flight, the limit (max_in_flight = "
            f"{self.limit}); retry when one has answered"
        )


class _Ticket:
    """One admitted request's hold on its gate, released by its first answer."""

    __slots__ = ("answered", "gate", "request")

    def __init__(self, gate: InFlight, request: Request):
        self.gate = gate
        self.request = request
        self.answered = False

    def _release(self) -> bool:
        """Free the slot, once; whether this call was the one that did."""
        if self.answered:
            return False
        self.answered = True
        self.gate.count -= 1
        return True

    def answer(self, request: Request, result: object, error: RemoteError | None) -> None:
        """The request's respond: the first answer is sent and frees the slot."""
        if not self._release():
            log.debug("aerpc: %s %r: a second answer, not sent", clip(request.method), request.id)
            return
        self.gate.peer.respond(request, result, error)

    def ended(self, task: asyncio.Task[None]) -> None:
        """The request's task ended: if it did not answer, answer for it."""
        if self.answered:
            return
        method = clip(self.request.method)
        if task.cancelled():  # before it began (or it let the cancel through unanswered)
            self.answer(self.request, None, InternalError(f"{method}: cancelled"))
            return
        exc = task.exception()
        if exc is None or isinstance(exc, Exception):
            self.failed(exc or RuntimeError(f"{method}: its task ended without an answer"))
            return
        self._release()  # SystemExit, KeyboardInterrupt: the loop stops, nothing is sent

    def failed(self, exc: BaseException) -> None:
        request = self.request
        log.error("aerpc: %s %r: no answer", clip(request.method), request.id, exc_info=exc)
        text = f"{clip(request.method)}: {type(exc).__name__} (the server's log has the details)"
        self.answer(request, None, InternalError(text))
