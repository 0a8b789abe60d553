"""The calls to the host that await a reply, and the policy that keeps the product's promise:
no call is lost, none runs twice. No I/O: every method takes the time (``now``) and returns what
to do; :class:`~aerpc.runtime.Host` does it on its loop.

* A call is sent when it begins if a host is connected (:meth:`PendingCalls.sent` records to
  which instance), else when one attaches.
* The host's socket drops (:meth:`~PendingCalls.on_detach`): calls wait up to
  ``reconnect_grace`` for the same instance. It comes back (:meth:`~PendingCalls.on_attach`):
  they are sent again with the same id, which the panel answers from memory, so the host function
  runs at most once.
* A different instance attaches (a reloaded panel, whose memory is gone, or anyone else
  holding the token): the calls sent to the old one fail with
  ``ConnectionLost(maybe_applied=True)``; a call is never sent again to another instance than
  the one it was sent to (the server keeps the seat for the old one through its grace).
* The grace ends (:meth:`~PendingCalls.on_grace_over`): the calls that are not idempotent
  fail with ``ConnectionLost(maybe_applied=True)``; idempotent ones wait for that instance
  within their deadline.
* A call not sent yet waits for a host at most ``connect_timeout`` (or its deadline, if
  sooner), then fails with ``NotConnected`` naming why no host is there (:mod:`.refusals`): a
  call made before any host connected does not wait for its method's full deadline (24 h for a
  render).
* A call not sent yet while a host is attached is held back by the scheduler (the host is
  busy): its connect timeout does not apply.
* Every call ends by its deadline (:meth:`~PendingCalls.expire`): ``NotConnected`` if it was
  never sent and no host is attached, ``ConnectionLost(maybe_applied=True)`` if the host is
  away, else what :attr:`~PendingCalls.busy` says (``HostBusy`` when it waited behind another
  call, else ``RpcTimeout``) and an ``rpc.cancel`` to the host.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .contract import MethodSpec
from .errors import (
    ConnectionLost,
    InvalidRequest,
    MessageTooLarge,
    NotConnected,
    RpcTimeout,
    ServerStopped,
)
from .protocol import CallTable, with_time_budget
from .refusals import Refusals

__all__ = ["DEFAULT_CONNECT_TIMEOUT", "Actions", "PendingCall", "PendingCalls"]

DEFAULT_CONNECT_TIMEOUT = 30.0
"""Seconds a call not sent yet waits for a host to connect (``Server(connect_timeout=...)``)."""


class PendingCall:
    """One call: its encoded request, deadline, the caller's future (``sink``), the host
    instance it was last sent to (None: never sent), and how long it waits for a host
    (``connect_timeout``; None: the server's)."""

    __slots__ = (
        "connect_timeout",
        "data",
        "deadline",
        "id",
        "sent_to",
        "sink",
        "spec",
        "t0",
        "timeout",
    )

    def __init__(
        self,
        id: str,
        spec: MethodSpec,
        data: bytes,
        sink: Any,
        timeout: float,
        t0: float,
        connect_timeout: float | None = None,
    ):
        self.id = id
        self.connect_timeout = connect_timeout
        self.spec = spec
        self.data = data
        self.sink = sink
        self.timeout = timeout
        self.t0 = t0
        self.deadline = t0 + timeout
        self.sent_to: str | None = None

    @property
    def method(self) -> str:
        return self.spec.name

    def frame(self, now: float, *, idle: bool = False) -> bytes:
        """The request to send at ``now``, with the time it has left (``idle``: the server
        counts it as running from this send, :func:`~.protocol.with_time_budget`)."""
        if now == self.t0:  # sent as it begins: its whole timeout (``deadline - now`` may round)
            return with_time_budget(self.data, self.timeout, idle=idle)
        return with_time_budget(self.data, self.deadline - now, idle=idle)

    def __repr__(self) -> str:
        return f"<PendingCall {self.id} {self.spec.name} sent_to={self.sent_to}>"


@dataclass(slots=True)
class Actions:
    """What the host side must do: ``send`` these calls (then report :meth:`PendingCalls.sent`),
    ``fail`` these (already removed) with the error, and tell the host to ``cancel`` these."""

    send: list[PendingCall] = field(default_factory=list)
    fail: list[tuple[PendingCall, Exception]] = field(default_factory=list)
    cancel: list[PendingCall] = field(default_factory=list)


class PendingCalls:
    """The reconnect, resend and deadline policy over the calls awaiting a reply from the host.

    ``table`` holds the calls (:class:`~aerpc.runtime.protocol.CallTable`: their ids and
    requests, settling a reply); its owner, :class:`~aerpc.runtime.host.Host`, gives it (by
    default a new one). ``connect_timeout``: how long a call not sent yet waits for a host.
    ``where`` (the server's URL), ``max_message_size`` and ``refusals`` only word the errors.
    """

    def __init__(
        self,
        table: CallTable[PendingCall] | None = None,
        *,
        reconnect_grace: float,
        max_message_size: int,
        where: str = "the aerpc server",
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
    ):
        if not connect_timeout > 0:
            raise ValueError(f"connect_timeout must be positive, not {connect_timeout!r}")
        self.connect_timeout = connect_timeout
        self.refusals = Refusals()
        self.reconnect_grace = reconnect_grace
        self.max_message_size = max_message_size
        self.where = where
        self.host_name = "After Effects"  # for messages; the Host sets its schema's title
        self.table: CallTable[PendingCall] = table if table is not None else CallTable("py")
        self.instance: str | None = None
        """The attached host instance; None while none is."""
        self.grace_ends = math.inf
        """When the calls sent to a detached host stop waiting for it (:meth:`on_grace_over`)."""
        # (deadline, id) of the calls, a heap; entries of settled calls stay until popped or
        # pruned (the heap stays within twice the calls pending at the last prune, plus 64)
        self._deadlines: list[tuple[float, str]] = []
        self._prune_at = 64
        self.busy: Callable[[PendingCall, float], RpcTimeout] | None = None
        """The error of a call whose deadline passed while the host was attached (the
        scheduler's ``HostBusy`` or ``RpcTimeout``); None: ``RpcTimeout``."""

    # -- the calls ------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.table)

    def __iter__(self) -> Iterator[PendingCall]:
        return iter(self.table)

    def new_id(self) -> str:
        """A fresh call id (``py:N``), from any thread."""
        return self.table.new_id()

    def add(self, call: PendingCall) -> bool:
        """Track a call that begins; True when a host is attached (send it now)."""
        self.table.add(call.id, call)
        # unsent, it is due when the connect timeout ends (expire() re-files it once sent)
        due = min(call.deadline, call.t0 + self._connect_timeout(call))
        heapq.heappush(self._deadlines, (due, call.id))
        if len(self._deadlines) > self._prune_at:
            self._prune()
        return self.instance is not None

    def sent(self, call: PendingCall) -> None:
        """``call`` was written to the attached host's socket."""
        call.sent_to = self.instance

    def pop(self, id: str | int) -> PendingCall | None:
        """Remove a call (its reply came, or its caller gave up); None if it is not pending."""
        return self.table.pop(id)

    @property
    def next_deadline(self) -> float:
        """The earliest deadline of a pending call (``inf``: none)."""
        deadlines, table = self._deadlines, self.table
        while deadlines and deadlines[0][1] not in table:
            heapq.heappop(deadlines)
        return deadlines[0][0] if deadlines else math.inf

    # -- events ---------------------------------------------------------------------------------

    def on_attach(self, instance: str, now: float) -> Actions:
        """A host instance said hello: (re)send what it may run, fail what it must not."""
        self.refusals.attached()
        self.instance = instance
        self.grace_ends = math.inf
        actions = Actions()
        for call in self.table:
            if call.sent_to is None or call.sent_to == instance:
                actions.send.append(call)
            else:
                self.table.pop(call.id)
                actions.fail.append((call, self._lost_to_reload(call)))
        return actions

    def on_detach(self, cause: BaseException | None, now: float) -> Actions:
        """The host's socket closed (``cause``: why, if known); the grace period begins."""
        self.refusals.detached(now)
        self.instance = None
        self.grace_ends = now + self.reconnect_grace
        actions = Actions()
        if isinstance(cause, MessageTooLarge):  # the reply may have been that message
            for call in self.table:
                if call.sent_to is not None:
                    self.table.pop(call.id)
                    lost = ConnectionLost(
                        f"{call.spec.name}: the host sent a message over the size limit "
                        f"({self.max_message_size} bytes), so the connection was closed (1009) "
                        "while the call was in flight; its reply may have been that message",
                        method=call.spec.name,
                        maybe_applied=True,
                    )
                    lost.__cause__ = cause
                    actions.fail.append((call, lost))
        return actions

    def on_stray_reply(self, why: str) -> Actions:
        """The host sent a reply that answers none of the calls awaiting it (``why``: an id it
        was never sent, a second reply to one, an error with a null id, a binary frame): any
        call sent to it may have been the one answered, so each fails now with
        :class:`InvalidRequest` (it may have run) rather than wait for its deadline."""
        actions = Actions()
        for call in self.table:
            if call.sent_to is not None and call.sent_to == self.instance:
                self.table.pop(call.id)
                error = InvalidRequest(
                    f"{call.spec.name}: the host sent {why} while the call was in flight; its "
                    "reply may have been that message, so the call fails now (it may have run)"
                )
                actions.fail.append((call, error))
        return actions

    def on_grace_over(self) -> Actions:
        """The host did not come back in time: fail the calls it may have run, unless idempotent
        (those wait for that instance, within their deadline; another instance fails them)."""
        self.grace_ends = math.inf
        actions = Actions()
        for call in self.table:
            if call.sent_to is not None and not call.spec.idempotent:
                self.table.pop(call.id)
                lost = ConnectionLost(
                    f"{call.spec.name}: the host disconnected and did not reconnect within "
                    f"{self.reconnect_grace:g} s; the call is not idempotent, so it is not "
                    "sent again, and it may have run",
                    method=call.spec.name,
                    maybe_applied=True,
                )
                actions.fail.append((call, lost))
        return actions

    def expire(self, now: float) -> Actions:
        """Fail the calls whose deadline is ``now`` or earlier."""
        actions = Actions()
        deadlines, table = self._deadlines, self.table
        refile: list[tuple[float, str]] = []
        while deadlines and (deadlines[0][0] <= now or deadlines[0][1] not in table):
            call_id = heapq.heappop(deadlines)[1]
            call = table.get(call_id)
            if call is None:
                continue
            if call.deadline > now and (call.sent_to is not None or self.instance is not None):
                # its connect timeout ended after it was sent, or while a host is attached
                # (the scheduler holds it back): its deadline rules
                refile.append((call.deadline, call_id))
                continue
            table.pop(call_id)
            name = call.spec.name
            exc: Exception
            if call.sent_to is None and self.instance is not None:
                exc = self._timed_out(call, now)  # held back behind a busy host
                actions.fail.append((call, exc))
                continue
            if call.sent_to is None:
                exc = self.not_connected(
                    name, now - call.t0, now, call.timeout, self._connect_timeout(call)
                )
            elif self.instance is None:
                exc = ConnectionLost(
                    f"{name}: the host disconnected and did not come back within the call's "
                    f"deadline ({call.timeout:g} s); it may have run",
                    method=name,
                    maybe_applied=True,
                )
            else:
                exc = self._timed_out(call, now)
                actions.cancel.append(call)
            actions.fail.append((call, exc))
        for entry in refile:
            heapq.heappush(deadlines, entry)
        return actions

    def not_connected(
        self,
        what: str,
        waited: float,
        now: float,
        deadline: float | None = None,
        connect_timeout: float | None = None,
    ) -> NotConnected:
        """The :class:`NotConnected` for ``what`` (a method, or ``wait_for_host``) after
        ``waited`` seconds without a host, naming why. ``deadline``: the call's; None for a
        wait, whose ``waited`` is its timeout."""
        why, data = self.refusals.diagnosis(now, host_name=self.host_name)
        wait = self.connect_timeout if connect_timeout is None else connect_timeout
        if deadline is None:
            limit, sent = f"within {waited:g} s", ""
        elif deadline <= wait:
            limit, sent = f"within the call's deadline ({deadline:g} s)", "; nothing was sent"
        else:
            limit = (
                f"within the connect timeout ({wait:g} s; the call's deadline "
                f"of {deadline:g} s counts once it is sent)"
            )
            sent = "; nothing was sent"
        data = {"waited_s": round(waited, 3), "connect_timeout_s": wait, **data}
        return NotConnected(
            f"{what}: no {self.host_name} host connected to {self.where} {limit}{sent}. Why: {why}",
            data,
        )

    def shutdown(self, why: str) -> Actions:
        """The server stops: every call fails with :class:`ServerStopped`."""
        self.instance = None
        self.grace_ends = math.inf
        self._deadlines.clear()
        actions = Actions()
        for call in self.table.drain():
            stopped = ServerStopped(
                f"{call.spec.name}: {why} while the call was in flight",
                method=call.spec.name,
                maybe_applied=call.sent_to is not None,
            )
            actions.fail.append((call, stopped))
        return actions

    # -- internals ------------------------------------------------------------------------------

    def _lost_to_reload(self, call: PendingCall) -> ConnectionLost:
        return ConnectionLost(
            f"{call.spec.name}: a new host instance connected (the panel was reloaded) while "
            "the call was in flight; a call is not sent again to another instance than the "
            "one it was sent to, and it may have run",
            method=call.spec.name,
            maybe_applied=True,
        )

    def _timed_out(self, call: PendingCall, now: float) -> RpcTimeout:
        if self.busy is not None:
            return self.busy(call, now)
        return RpcTimeout(call.spec.name, call.timeout, maybe_applied=call.sent_to is not None)

    def _connect_timeout(self, call: PendingCall) -> float:
        return self.connect_timeout if call.connect_timeout is None else call.connect_timeout

    def _prune(self) -> None:
        table = self.table
        self._deadlines = [entry for entry in self._deadlines if entry[1] in table]
        heapq.heapify(self._deadlines)
        self._prune_at = 2 * len(self._deadlines) + 64
