"""This side's calls, whichever way they go out: one object owns them.

A :class:`CallTable` gives each call its id (a side prefix: ``"py:1"``, ``"tool:2"``…), makes
its request (:meth:`~CallTable.prepare`; the time budget is added at each send with
:func:`~.encode.with_time_budget`), keeps it until its reply, and settles it
(:meth:`~CallTable.settle`: a wire error becomes its typed error, a result is checked against
the method's schema). A tool's or client's calls keep theirs in the connection
(:attr:`Connection.calls <aerpc.runtime.protocol.Connection.calls>`, through
:meth:`~CallTable.request`); the pipeline's calls to the host outlive a socket, so
:class:`~aerpc.runtime.host.Host` keeps one of its own and
:class:`~aerpc.runtime.pending.PendingCalls` decides, over it, when each is sent again or fails.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterator, Mapping
from typing import Generic, Protocol, TypeVar

from ..errors import (
    InvalidParams,
    MessageTooLarge,
    RemoteError,
    ResultValidationError,
    error_from_wire,
)
from ..validation import ErrorList
from .encode import TIME_BUDGET_SLACK, encode_request, with_time_budget
from .events import Response
from .wire import Id

__all__ = ["Call", "CallTable", "ResultCheck", "Settled"]

log = logging.getLogger("aerpc")


class ResultCheck(Protocol):
    """What checks a call's result (a :class:`~aerpc.runtime.contract.MethodSpec`)."""

    def result_errors(self, result: object) -> ErrorList: ...


class Call(Protocol):
    """A call as :meth:`CallTable.settle` needs it: its method and its result's check."""

    @property
    def method(self) -> str: ...

    @property
    def spec(self) -> ResultCheck | None: ...


T = TypeVar("T")
C = TypeVar("C", bound=Call)

Settled = tuple[T, object, Exception | None]
"""A settled call: the call, its result, and the error to raise instead (None: success)."""


class CallTable(Generic[T]):
    """Ids with a side prefix (``"py:1"``, ``"py:2"``…), the requests, the calls awaiting their
    reply, and settling a reply (module doc).

    :meth:`new_id` and :meth:`prepare` may be called from any thread (``itertools.count``
    semantics under the GIL); the rest on the loop that owns the table.
    """

    __slots__ = ("_calls", "_counter", "prefix")

    def __init__(self, prefix: str):
        self.prefix = prefix
        self._counter = itertools.count(1)
        self._calls: dict[Id, T] = {}

    def new_id(self) -> str:
        return f"{self.prefix}:{next(self._counter)}"

    def prepare(
        self, method: str, params: Mapping[str, object], *, max_message_size: int | None = None
    ) -> tuple[str, bytes]:
        """A new id and its request (without the time budget, not in the table yet). Params
        JSON cannot carry are :class:`InvalidParams`; with ``max_message_size``, a request that
        would be over it once its budget is added is :class:`MessageTooLarge`. Nothing is sent."""
        call_id = self.new_id()
        try:
            data = encode_request(call_id, method, params)
        except TypeError as exc:
            raise InvalidParams(f"{method}: params cannot be sent as JSON: {exc}") from exc
        if max_message_size is not None and len(data) + TIME_BUDGET_SLACK > max_message_size:
            raise MessageTooLarge(
                f"{method}: the request is {len(data)} bytes, over the limit of "
                f"{max_message_size} bytes (max_message_size); nothing was sent"
            )
        return call_id, data

    def request(
        self,
        method: str,
        params: Mapping[str, object],
        call: T,
        *,
        time_left: float | None = None,
    ) -> tuple[str, bytes]:
        """A call that goes out now: its id (kept in the table with ``call`` until the reply)
        and its frame, with ``time_left`` as ``aerpc.timeout_ms`` when given."""
        call_id, data = self.prepare(method, params)
        if time_left is not None:
            data = with_time_budget(data, time_left)
        self._calls[call_id] = call
        return call_id, data

    def settle(
        self: CallTable[C], response: Response, errors: Mapping[int, type[RemoteError]]
    ) -> Settled[C] | None:
        """Remove the call ``response`` answers and say how it ends (None: no call awaits it):
        a wire error as its typed error (``errors``: the schema's classes by code), a result
        that breaks its method's schema as :class:`ResultValidationError`, else the result."""
        call = self._calls.pop(response.id, None)
        if call is None:
            return None
        try:
            if response.error is not None:
                return call, None, error_from_wire(response.error, errors)
            spec = call.spec
            if spec is not None and (problems := spec.result_errors(response.result)):
                return call, None, ResultValidationError(call.method, problems)
        except Exception as exc:  # never leave a call that was removed unsettled
            method = call.method
            log.exception("aerpc: the reply to %s %s could not be checked", method, response.id)
            text = f"the reply could not be checked ({type(exc).__name__})"
            problem = {"path": "", "message": text}
            return call, None, ResultValidationError(method, [problem])
        return call, response.result, None

    def issued(self, id: object) -> bool:
        """Whether ``id`` is one this table gave out (a reply to one that no call awaits any
        more is late; to any other id, it breaks the protocol)."""
        if type(id) is not str:
            return False
        prefix, _, number = id.rpartition(":")
        if prefix != self.prefix or not number.isascii() or not number.isdigit():
            return False
        # the next number the counter gives (``count(N)``), read without taking it
        return 0 < int(number) < int(repr(self._counter)[6:-1])

    def add(self, id: Id, call: T) -> None:
        self._calls[id] = call

    def get(self, id: Id) -> T | None:
        return self._calls.get(id)

    def pop(self, id: Id) -> T | None:
        return self._calls.pop(id, None)

    def __contains__(self, id: object) -> bool:
        return id in self._calls

    def __len__(self) -> int:
        return len(self._calls)

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._calls.values()))

    def drain(self) -> list[T]:
        """Remove and return every pending call."""
        calls = list(self._calls.values())
        self._calls.clear()
        return calls
