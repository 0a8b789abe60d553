"""A Python stand-in for the After Effects panel, for tests and benchmarks.

:class:`FakePanel` connects like the panel (hello as ``host`` with token and instance), serves
host methods from a Python object (``getattr(impl, method)(**params)``, sync or async; a
raised :class:`~aerpc.runtime.RemoteError` is sent with its code; sync ones run inline on the
peer's loop, one at a time like the panel's evalScript queue), remembers the outcome of its
last requests by id (a repeated id is answered from memory or joins the run in progress, as the
panel does), honours ``rpc.cancel``, calls pipeline methods, and can drop its socket and
reconnect as the same or a new instance. Like the panel, it tells the server when a host
method starts running (``aerpc.run``; ``report_runs=False``: an older panel that does not),
unless the server sent it to an idle host (``aerpc.idle``) and it started on arrival.
With ``single_flight=True`` its ``async def`` host methods run one at a time too, in the order
they came, as After Effects runs scripts (each reported started when its turn comes).
"""

from __future__ import annotations

import asyncio
import collections
import secrets
from typing import Any

from aerpc.runtime.client import ToolPeer
from aerpc.runtime.contract import Contract
from aerpc.runtime.errors import RemoteError
from aerpc.runtime.protocol import Id, Request

__all__ = ["FakePanel"]


class FakePanel(ToolPeer):
    """The panel's behaviour in Python:
    ``async with FakePanel(url, token, impl, contract=CONTRACT) as peer:``.

    ``memory`` (≥ 256) request outcomes are kept by id. ``requests`` holds the ids of the last
    ``memory`` requests received; ``repeats`` counts those answered from memory or joined;
    ``cancelled`` lists the ids of ``rpc.cancel`` notifications received (``cancel_seen`` is set
    on each). Sync host methods run inline on the peer's loop (fast, one at a time like the
    panel's evalScript queue); ``async def`` ones run as tasks.
    """

    def __init__(
        self,
        url: str,
        token: str,
        impl: object,
        *,
        contract: Contract,
        instance: str | None = None,
        memory: int = 256,
        report_runs: bool = True,
        single_flight: bool = False,
        **kwargs: Any,
    ):
        kwargs.setdefault("app", {"name": "aerpc.testing", "version": "0"})
        kwargs.setdefault("run_sync", "inline")
        kwargs.setdefault("extension_version", "test")
        super().__init__(
            url, token, contract=contract, role="host", instance=instance, handlers=impl, **kwargs
        )
        self.memory = max(memory, 256)
        self.report_runs = report_runs
        self._flight = asyncio.Lock() if single_flight else None
        self.repeats = 0
        self.requests: collections.deque[Id] = collections.deque(maxlen=self.memory)
        self.cancelled: list[Id] = []
        self.cancel_seen = asyncio.Event()
        self._outcomes: collections.OrderedDict[Id, bytes | None] = collections.OrderedDict()
        self._running: dict[Id, asyncio.Task[None]] = {}
        self._generation = 0

    async def drop(self) -> None:
        """Lose the connection abruptly (no close handshake), as a crash or network drop."""
        peer, self._peer = self._peer, None
        if peer is not None:
            peer.abort()
            if self._reader is not None:
                await asyncio.gather(self._reader, return_exceptions=True)
                self._reader = None
            await peer.ws.close()

    async def reconnect(self, *, new_instance: bool = False) -> Any:
        """Drop the socket if open, then connect again as the same or a new instance.

        A new instance is a reloaded panel: the memory of past requests is gone, and runs in
        progress will not answer.
        """
        await self.drop()
        if new_instance:
            self.instance = secrets.token_hex(8)
            self._generation += 1
            self._outcomes.clear()
            self._running.clear()
        return await self.connect()

    async def wait_idle(self) -> None:
        """Wait until no host method is running."""
        while self._running:
            await asyncio.gather(*self._running.values(), return_exceptions=True)

    def _on_request(self, request: Request) -> None:
        id = request.id
        if id is None:
            super()._on_request(request)
            return
        peer = self._peer
        if peer is None:
            # the socket is closing (close() or drop() let go of it) and its reader hands on
            # what had arrived: as for the panel, that request never reached the host; the
            # server sends it again to this instance if it may
            return
        self.requests.append(id)
        outcomes = self._outcomes
        if id in outcomes:
            self.repeats += 1
            reply = outcomes[id]
            if reply is not None:
                self._send(reply)
            return  # still running: its reply goes out when it ends, on the socket open then
        outcomes[id] = None
        if len(outcomes) > self.memory:
            self._forget_old()
        generation = self._generation
        conn, loop = peer.conn, peer.loop

        def respond(req: Request, result: object, error: RemoteError | None) -> None:
            if self._running:
                self._running.pop(id, None)
            if generation != self._generation:
                return  # the panel was "reloaded" since
            answer = conn.answer(req, result, error)
            outcomes[id] = answer.reply  # for a repeat, on this socket or a new one
            if answer.send is not None:
                self._send(answer.send)

        if self._flight is not None:
            # a call the server sent as to an idle host (aerpc.idle) is not reported when it
            # starts on arrival; it does when another holds the host (the lock is FIFO)
            quiet = request.idle and not self._flight.locked()
            task: asyncio.Task[None] | None = asyncio.ensure_future(
                self._in_turn(request, respond, loop, quiet)
            )
        else:
            if self.report_runs and not request.idle:
                self.notify("aerpc.run", {"id": id, "state": "started"})
            task = self._dispatcher.dispatch(request, respond, "server", loop)
        if task is not None:
            self._running[id] = task

    async def _in_turn(
        self,
        request: Request,
        respond: Any,
        loop: asyncio.AbstractEventLoop | None,
        quiet: bool,
    ) -> None:
        """Run ``request`` once the host method before it ended (``single_flight``)."""
        assert self._flight is not None
        async with self._flight:
            if self.report_runs and not quiet:
                self.notify("aerpc.run", {"id": request.id, "state": "started"})
            task = self._dispatcher.dispatch(request, respond, "server", loop)
            if task is not None:
                await task

    def _on_cancel(self, id: Id) -> None:
        self.cancelled.append(id)
        self.cancel_seen.set()
        task = self._running.pop(id, None)
        if task is not None:
            task.cancel()
            if self.report_runs:  # it ends here without an answer
                self.notify("aerpc.run", {"id": id, "state": "ended"})

    def _forget_old(self) -> None:
        outcomes = self._outcomes
        while len(outcomes) > self.memory:
            oldest, reply = outcomes.popitem(last=False)
            if reply is None:  # keep runs in progress: put it back in front
                outcomes[oldest] = None
                outcomes.move_to_end(oldest, last=False)
                break
