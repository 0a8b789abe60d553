"""The JSON-RPC 2.0 peer without I/O, in the spirit of h11 and ``websockets``: one module per job.

* :mod:`.wire`: ids, default limits, close codes, the ``rpc.hello`` types.
* :mod:`.encode`: encoding messages; the caller's time budget (``aerpc.timeout_ms``).
* :mod:`.events`: what a received frame becomes (requests, responses, bytes to send…).
* :mod:`.calls`: this side's calls (:class:`CallTable`: ids, requests, the table, settling).
* :mod:`.connection`: :class:`Connection`, framing and checks of one open connection.
* :mod:`.handshake`: the hello, :class:`ServerConnection`'s gate and :class:`ClientConnection`.

Nothing here touches a socket or a loop. The wire, as every peer follows it:

* ids are strings or integers (``"py:N"`` from Python, ``"cep:N"`` from the panel); a null,
  fractional or boolean id is an Invalid Request. By-name params only (an array: -32602).
* ``rpc.hello`` (request, first message): :class:`HelloParams` → :class:`HelloResult`, whose
  ``limits.max_message_size`` a peer must respect (answer -32004 rather than send more).
* ``rpc.cancel {"id"}`` (notification): the caller gave up on that call.
* a request may carry ``"aerpc": {"timeout_ms": N}``, the caller's time left in milliseconds
  (:func:`with_time_budget`, docs/wire-extensions.md); members a peer does not know are ignored.
* close codes: :mod:`.wire`.

Every name importable from ``aerpc.runtime.protocol`` before it became a package still is.
"""

from __future__ import annotations

from .calls import Call, CallTable, ResultCheck, Settled
from .connection import Connection
from .encode import (
    MAX_TIMEOUT_MS,
    TIME_BUDGET_SLACK,
    encode_error,
    encode_notification,
    encode_request,
    encode_result,
    read_extension,
    with_time_budget,
)
from .events import (
    Accepted,
    Answer,
    Cancel,
    Close,
    Event,
    Hello,
    Invalid,
    Refused,
    Request,
    Response,
    Send,
)
from .handshake import ClientConnection, ServerConnection, error_data
from .wire import (
    CLOSE_BAD_HELLO,
    CLOSE_GOING_AWAY,
    CLOSE_HOST_CONNECTED,
    CLOSE_REPLACED,
    CLOSE_SCHEMA_MISMATCH,
    CLOSE_UNAUTHORIZED,
    DEFAULT_MAX_BATCH,
    DEFAULT_MAX_MESSAGE_SIZE,
    AppId,
    HelloLimits,
    HelloParams,
    HelloResult,
    Id,
    Limits,
    SchemaId,
)

__all__ = [
    "CLOSE_BAD_HELLO",
    "CLOSE_GOING_AWAY",
    "CLOSE_HOST_CONNECTED",
    "CLOSE_REPLACED",
    "CLOSE_SCHEMA_MISMATCH",
    "CLOSE_UNAUTHORIZED",
    "DEFAULT_MAX_BATCH",
    "DEFAULT_MAX_MESSAGE_SIZE",
    "MAX_TIMEOUT_MS",
    "TIME_BUDGET_SLACK",
    "Accepted",
    "Answer",
    "AppId",
    "Call",
    "CallTable",
    "Cancel",
    "ClientConnection",
    "Close",
    "Connection",
    "Event",
    "Hello",
    "HelloLimits",
    "HelloParams",
    "HelloResult",
    "Id",
    "Invalid",
    "Limits",
    "Refused",
    "Request",
    "Response",
    "ResultCheck",
    "SchemaId",
    "Send",
    "ServerConnection",
    "Settled",
    "encode_error",
    "encode_notification",
    "encode_request",
    "encode_result",
    "error_data",
    "read_extension",
    "with_time_budget",
]
