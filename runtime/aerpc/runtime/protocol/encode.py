"""Encoding JSON-RPC 2.0 messages, and the caller's time budget (``aerpc.timeout_ms``).

A request may carry ``"aerpc": {"timeout_ms": N}``, the caller's time left in milliseconds
(:func:`with_time_budget`, docs/wire-extensions.md), and ``"idle": true`` when the server sent
it to a host it believes idle (:func:`read_extension`); members a peer does not know are ignored.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Final

from ..codec import dumps
from ..errors import RemoteError
from .wire import Id

__all__ = [
    "MAX_TIMEOUT_MS",
    "TIME_BUDGET_SLACK",
    "encode_error",
    "encode_notification",
    "encode_request",
    "encode_result",
    "read_extension",
    "with_time_budget",
]


def encode_request(id: Id, method: str, params: Mapping[str, object]) -> bytes:
    return dumps({"jsonrpc": "2.0", "id": id, "method": method, "params": params})


MAX_TIMEOUT_MS: Final = 2**31 - 1
"""The largest ``aerpc.timeout_ms`` sent or honoured (a JS timer's limit, about 24.8 days)."""

TIME_BUDGET_SLACK: Final = len(b',"aerpc":{"timeout_ms":%d,"idle":true}' % MAX_TIMEOUT_MS)
"""How many bytes :func:`with_time_budget` adds to a request, at most."""


def with_time_budget(data: bytes, seconds_left: float, *, idle: bool = False) -> bytes:
    """An encoded request with ``"aerpc": {"timeout_ms": N}`` added: the caller's time left.

    N is whole milliseconds, rounded up, between 1 and :data:`MAX_TIMEOUT_MS` (relative, since
    the peers' clocks differ). Added at each send, so a call sent again after a reconnect
    carries what is left then. ``idle``: the server counts the call as running from this send
    (it believes the host idle), so a host that starts it on arrival need not say so with
    ``aerpc.run``. ``data`` must be an object as :func:`encode_request` makes it.
    """
    ms = MAX_TIMEOUT_MS
    if seconds_left < _MAX_TIMEOUT_S:  # False for inf (and nan)
        ms = max(1, math.ceil(seconds_left * 1000))
    member = (_IDLE_MEMBER if idle else _MEMBER) % ms
    if len(data) < 4096:
        return data[:-1] + member
    return b"".join((memoryview(data)[:-1], member))  # one copy of a large request, not two


_MAX_TIMEOUT_S: Final = MAX_TIMEOUT_MS / 1000
_MEMBER: Final = b',"aerpc":{"timeout_ms":%d}}'
_IDLE_MEMBER: Final = b',"aerpc":{"timeout_ms":%d,"idle":true}}'


def read_extension(message: Mapping[str, Any]) -> tuple[float | None, bool]:
    """A received request's ``aerpc`` member: its ``timeout_ms`` in seconds (at most
    :data:`MAX_TIMEOUT_MS`; None when it is absent or not a positive finite number), and
    whether it says ``"idle": true`` (its sender counts it as running from its send,
    :func:`with_time_budget`)."""
    member = message.get("aerpc")
    if not isinstance(member, dict):
        return None, False
    idle = member.get("idle") is True
    ms = member.get("timeout_ms")
    if not (type(ms) is int or type(ms) is float) or not 0 < ms < math.inf:
        return None, idle
    return min(float(ms), MAX_TIMEOUT_MS) / 1000, idle


def encode_notification(method: str, params: Mapping[str, object]) -> bytes:
    return dumps({"jsonrpc": "2.0", "method": method, "params": params})


def encode_result(id: Id, result: object) -> bytes:
    return dumps({"jsonrpc": "2.0", "id": id, "result": result})


def encode_error(id: Id | None, error: RemoteError) -> bytes:
    try:
        return dumps({"jsonrpc": "2.0", "id": id, "error": error.to_wire()})
    except TypeError:  # data that JSON cannot carry: send the error without it
        wire = {"code": error.code, "message": error.message}
        return dumps({"jsonrpc": "2.0", "id": id, "error": wire})
