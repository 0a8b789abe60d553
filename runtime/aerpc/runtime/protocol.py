"""The JSON-RPC 2.0 peer without I/O, in the spirit of h11 and ``websockets``.

A :class:`Connection` is fed the text of each received frame and returns *events*: requests to
serve, responses to our calls, bytes to send, a close to perform. It owns the state of its
side of the conversation: :meth:`Connection.request` gives this side's calls their ids (its
:class:`CallTable`), :meth:`Connection.answer` builds the reply to a request and keeps the
replies of a received batch until every member is answered (an :class:`Answer` says what to
send now). :class:`ServerConnection` adds the server's hello gate (admission,
docs/architecture.md), :class:`ClientConnection` the client's side of the hello. Nothing here
touches a socket or a loop.

The wire, as every peer follows it:

* ids are strings or integers (``"py:N"`` from Python, ``"cep:N"`` from the panel); a null,
  fractional or boolean id is an Invalid Request. By-name params only (an array: -32602).
* ``rpc.hello`` (request, first message): :class:`HelloParams` → :class:`HelloResult`, whose
  ``limits.max_message_size`` a peer must respect (answer -32004 rather than send more).
* ``rpc.cancel {"id"}`` (notification): the caller gave up on that call.
* a request may carry ``"aerpc": {"timeout_ms": N}``, the caller's time left in milliseconds
  (:func:`with_time_budget`, docs/wire-extensions.md); members a peer does not know are ignored.
* close codes: 1001 server stopping, 4000 replaced by a new socket of the same instance, 4400
  malformed hello, 4401 no/late hello or wrong token, 4403 another host instance is connected,
  4409 schema mismatch; 1009 (aiohttp) a message over the size limit.
"""

from __future__ import annotations

import hmac
import itertools
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final, Generic, Literal, NotRequired, TypeAlias, TypedDict, TypeVar

from . import compat
from .codec import clip, dumps, loads, reply_id
from .errors import (
    InternalError,
    InvalidParams,
    InvalidRequest,
    MessageTooLarge,
    MethodNotFound,
    ParseError,
    RemoteError,
    SchemaMismatch,
    TooManyRequests,
    Unauthorized,
)
from .validation import Validator, where

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
    "Refused",
    "Request",
    "Response",
    "Send",
    "ServerConnection",
    "encode_error",
    "encode_notification",
    "encode_request",
    "encode_result",
    "error_data",
    "time_budget",
    "with_time_budget",
]

Id: TypeAlias = str | int

DEFAULT_MAX_MESSAGE_SIZE: Final = 64 * 2**20
DEFAULT_MAX_BATCH: Final = 100

# WebSocket close codes (4000-4999 are for applications).
CLOSE_GOING_AWAY: Final = 1001  # the server is stopping
CLOSE_REPLACED: Final = 4000  # the same host instance connected again on a new socket
CLOSE_BAD_HELLO: Final = 4400  # rpc.hello with the right token but malformed params
CLOSE_UNAUTHORIZED: Final = 4401  # no rpc.hello in time, or a missing or wrong token
CLOSE_HOST_CONNECTED: Final = 4403  # another host instance is connected
CLOSE_SCHEMA_MISMATCH: Final = 4409  # the schema hashes differ


class SchemaId(TypedDict):
    name: str
    version: str
    hash: str


class AppId(TypedDict):
    name: str
    version: str


class HelloParams(TypedDict):
    """The params of ``rpc.hello``."""

    token: str
    role: Literal["host", "tool"]
    instance: str
    schema: SchemaId
    app: NotRequired[AppId]
    extension_version: NotRequired[str]
    resume: NotRequired[str]  # a host resuming its session: the secret of its hello result


class HelloLimits(TypedDict):
    """The bounds a hello result announces to the peer."""

    max_message_size: int


Limits = HelloLimits
"""The old name of :class:`HelloLimits`, kept for one release."""


class HelloResult(TypedDict):
    """The result of ``rpc.hello``."""

    session: str
    server: AppId
    schema: SchemaId
    limits: HelloLimits
    resume: NotRequired[str]  # to a host: present it in the hello when reconnecting


_STRING: Final = {"type": "string"}
_HELLO: Final = Validator(
    {
        "type": "object",
        "required": ["token", "role", "instance", "schema"],
        "properties": {
            "token": _STRING,
            "role": {"enum": ["host", "tool"]},
            "instance": {"type": "string", "minLength": 1, "maxLength": 256},
            "schema": {
                "type": "object",
                "required": ["name", "version", "hash"],
                "properties": {"name": _STRING, "version": _STRING, "hash": _STRING},
            },
            "app": {
                "type": "object",
                "required": ["name", "version"],
                "properties": {"name": _STRING, "version": _STRING},
            },
            "extension_version": _STRING,
            "resume": {"type": "string", "maxLength": 256},
        },
    }
)


# -- events -----------------------------------------------------------------------------------


class _Batch:
    """Replies of one received batch, sent together once every request in it is answered.

    Held to ``limit`` bytes: replies past it are counted, not kept, and the frame is then one
    ``-32004`` error instead of the batch reply.
    """

    __slots__ = ("count", "limit", "open", "replies", "size", "waiting")

    def __init__(self, limit: int) -> None:
        self.replies: list[bytes] = []
        self.waiting = 0
        self.open = True  # still being parsed
        self.limit = limit
        self.size = 1  # "[" so far; each reply adds its length and a "," or "]"
        self.count = 0

    def add(self, data: bytes) -> None:
        self.count += 1
        self.size += len(data) + 1
        if self.size <= self.limit:
            self.replies.append(data)
        else:
            self.replies.clear()  # over the limit: one error will be sent instead

    def frame(self) -> bytes | None:
        if self.open or self.waiting or not self.count:
            return None
        if self.size > self.limit:
            text = (
                f"the replies to this batch ({self.count} of them) would be {self.size} bytes, "
                f"over the limit of {self.limit} bytes; they are not sent: send smaller batches"
            )
            return encode_error(None, MessageTooLarge(text))
        return b"[" + b",".join(self.replies) + b"]"


@dataclass(slots=True)
class Request:
    """A request (``id`` set) or notification (``id`` None) for this side to serve.

    ``seq`` numbers a request that came in a batch (0: it came alone), so that the connection
    finds the batch its answer belongs to."""

    method: str
    params: dict[str, Any]
    id: Id | None = None
    seq: int = 0
    budget: float | None = None
    """The caller's time left in seconds (``aerpc.timeout_ms``), when it sent a valid one."""


@dataclass(slots=True)
class Answer:
    """The outcome of answering one request.

    ``reply`` is its own reply (None for a notification): what a peer remembers under its id.
    ``send`` is the frame to send now: the reply itself, or for a member of a batch, the whole
    batch's reply once its last member is answered (None until then, and for a notification).
    """

    reply: bytes | None
    send: bytes | None


@dataclass(slots=True)
class Response:
    """A reply to one of our calls: ``error`` is the raw error object, or None on success."""

    id: Id
    result: Any = None
    error: dict[str, Any] | None = None


@dataclass(slots=True)
class Cancel:
    """The peer gave up on its call ``id`` (``rpc.cancel``)."""

    id: Id


@dataclass(slots=True)
class Send:
    """Bytes to send as one TEXT frame."""

    data: bytes


@dataclass(slots=True)
class Close:
    """Close the socket with this code and reason."""

    code: int
    reason: str


@dataclass(slots=True)
class Hello:
    """A valid ``rpc.hello`` (token and schema checked): accept or refuse it."""

    id: Id
    params: HelloParams


@dataclass(slots=True)
class Accepted:
    """The server accepted this client's hello (:class:`ClientConnection`)."""

    result: HelloResult


@dataclass(slots=True)
class Refused:
    """The server refused this client's hello with this error object (it closes next)."""

    error: dict[str, Any]


@dataclass(slots=True)
class Invalid:
    """Something the peer sent that cannot be answered (a malformed response); log it.

    ``reason`` quotes no payload (it is logged as a warning); ``detail`` is the payload in
    question, for a debug log.
    """

    reason: str
    detail: object = None


Event: TypeAlias = Request | Response | Cancel | Send | Close | Hello | Accepted | Refused | Invalid


# -- encoding ---------------------------------------------------------------------------------


def encode_request(id: Id, method: str, params: Mapping[str, object]) -> bytes:
    return dumps({"jsonrpc": "2.0", "id": id, "method": method, "params": params})


MAX_TIMEOUT_MS: Final = 2**31 - 1
"""The largest ``aerpc.timeout_ms`` sent or honoured (a JS timer's limit, about 24.8 days)."""

TIME_BUDGET_SLACK: Final = len(b',"aerpc":{"timeout_ms":%d}' % MAX_TIMEOUT_MS)
"""How many bytes :func:`with_time_budget` adds to a request, at most."""


def with_time_budget(data: bytes, seconds_left: float) -> bytes:
    """An encoded request with ``"aerpc": {"timeout_ms": N}`` added: the caller's time left.

    N is whole milliseconds, rounded up, between 1 and :data:`MAX_TIMEOUT_MS` (relative, since
    the peers' clocks differ). Added at each send, so a call sent again after a reconnect
    carries what is left then. ``data`` must be an object as :func:`encode_request` makes it.
    """
    ms = MAX_TIMEOUT_MS
    if seconds_left < _MAX_TIMEOUT_S:  # False for inf (and nan)
        ms = max(1, math.ceil(seconds_left * 1000))
    member = b',"aerpc":{"timeout_ms":%d}}' % ms
    if len(data) < 4096:
        return data[:-1] + member
    return b"".join((memoryview(data)[:-1], member))  # one copy of a large request, not two


_MAX_TIMEOUT_S: Final = MAX_TIMEOUT_MS / 1000


def time_budget(message: Mapping[str, Any]) -> float | None:
    """The ``aerpc.timeout_ms`` of a received request in seconds (at most
    :data:`MAX_TIMEOUT_MS`), or None when it is absent or not a positive finite number."""
    member = message.get("aerpc")
    ms = member.get("timeout_ms") if isinstance(member, dict) else None
    if not (type(ms) is int or type(ms) is float) or not 0 < ms < math.inf:
        return None
    return min(float(ms), MAX_TIMEOUT_MS) / 1000


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


def _valid_id(value: object) -> bool:
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


# -- connection -------------------------------------------------------------------------------


class Connection:
    """JSON-RPC 2.0 framing and checks for one open connection (after any hello).

    Every frame it makes is held to ``max_message_size``: echoed strings are clipped, and a
    reply that would still be over the limit becomes a short error (:meth:`_error_frame`).
    ``prefix`` starts the ids of this side's calls (``"tool:1"``…); :attr:`calls` holds them
    until their reply, each with whatever the caller keeps for it.
    """

    def __init__(
        self,
        *,
        max_message_size: int = DEFAULT_MAX_MESSAGE_SIZE,
        prefix: str = "py",
        max_batch: int = DEFAULT_MAX_BATCH,
    ):
        self.max_message_size = max_message_size
        self.max_batch = max_batch
        self.calls: CallTable[Any] = CallTable(prefix)
        self._batches: dict[int, _Batch] = {}  # by Request.seq, until every member is answered
        self._seq = itertools.count(1)

    def request(
        self,
        method: str,
        params: Mapping[str, object],
        *,
        time_left: float | None = None,
        call: object = None,
    ) -> tuple[str, bytes]:
        """A call from this side: its new id (kept in :attr:`calls` with ``call`` until the
        reply) and its frame, with ``time_left`` as ``aerpc.timeout_ms`` when given."""
        call_id = self.calls.new_id()
        data = encode_request(call_id, method, params)
        if time_left is not None:
            data = with_time_budget(data, time_left)
        self.calls.add(call_id, call)
        return call_id, data

    def receive(self, data: str | bytes) -> list[Event]:
        """The events of one received TEXT frame."""
        try:
            message = loads(data)
        except ValueError as exc:
            return self._unparsable(data, exc)
        if type(message) is dict:
            if "method" in message:
                if (  # the hot path of a server: a well-formed request with an id and params
                    type(method := message["method"]) is str
                    and (type(id := message.get("id")) is str or type(id) is int)
                    and type(params := message.get("params")) is dict
                    and message.get("jsonrpc") == "2.0"
                    and not method.startswith("rpc.")
                ):
                    if "aerpc" not in message:
                        return [Request(method, params, id)]
                    return [Request(method, params, id, 0, time_budget(message))]
            elif (  # the hot path of a caller: a well-formed success reply to one of our calls
                "result" in message
                and "error" not in message
                and message.get("jsonrpc") == "2.0"
                and (type(id := message.get("id")) is str or type(id) is int)
            ):
                return [Response(id, message["result"])]
            return self._message(message, None)
        if type(message) is list:
            return self._batch(message)
        return [self._error(None, InvalidRequest("not a JSON-RPC 2.0 object or batch"))]

    def binary_frame(self, data: bytes = b"") -> list[Event]:
        """A BINARY frame was received: refused, JSON-RPC travels in TEXT frames; if it opens
        like a reply to one of our calls, that call fails too rather than wait."""
        text = "binary frames are not supported; send JSON-RPC 2.0 as text frames"
        events: list[Event] = [self._error(None, InvalidRequest(text))]
        id = reply_id(data) if data else None
        if id is not None:
            events.append(_malformed(id, "it came in a binary frame"))
        return events

    def reply(self, request: Request, result: object) -> Answer:
        """Answer ``request`` with ``result`` (see :class:`Answer`)."""
        if request.id is None:
            return _NOTHING
        try:
            data = encode_result(request.id, result)
        except TypeError as exc:
            text = f"{clip(request.method)}: result is not JSON: {clip(str(exc))}"
            return self.reply_error(request, InternalError(text))
        if len(data) > self.max_message_size:
            return self.reply_error(
                request,
                MessageTooLarge(
                    f"{clip(request.method)}: the reply is {len(data)} bytes, over the limit of "
                    f"{self.max_message_size} bytes"
                ),
            )
        return Answer(data, data) if not request.seq else self._out(request, data)

    def reply_error(self, request: Request, error: RemoteError) -> Answer:
        """Answer ``request`` with ``error`` (see :class:`Answer`)."""
        if request.id is None:
            return _NOTHING
        return self._out(request, self._error_frame(request.id, error))

    def answer(self, request: Request, result: object, error: RemoteError | None) -> Answer:
        """:meth:`reply_error` when ``error`` is set, else :meth:`reply`."""
        return self.reply(request, result) if error is None else self.reply_error(request, error)

    def _error(self, id: Id | None, error: RemoteError) -> Send:
        return Send(self._error_frame(id, error))

    def _error_frame(self, id: Id | None, error: RemoteError) -> bytes:
        """The error reply to ``id``, within the size limit: if it is over, a ``-32004`` error
        naming it; if the id itself is too long to echo, the error with a null id."""
        data = encode_error(id, error)
        limit = self.max_message_size
        if len(data) <= limit:
            return data
        text = (
            f"the reply (error {error.code}: {clip(error.message)}) would be {len(data)} bytes, "
            f"over the limit of {limit} bytes"
        )
        data = encode_error(id, MessageTooLarge(text))
        if len(data) <= limit or id is None:
            return data
        text = f"{clip(error.message)} (the request's id is too long to echo within {limit} bytes)"
        return encode_error(None, RemoteError(text, code=error.code))

    def _unparsable(self, data: str | bytes, exc: ValueError) -> list[Event]:
        """Not JSON: -32700 with a null id; and if the frame opens like a reply to one of our
        calls, a :class:`Response` that fails that call rather than leave it waiting."""
        events: list[Event] = [self._error(None, ParseError(f"Parse error: {clip(str(exc))}"))]
        id = reply_id(data)
        if id is not None:
            text = f"the peer's reply to {clip(str(id))} is not valid JSON: {clip(str(exc))}"
            events.append(Response(id, None, {"code": ParseError.code, "message": text}))
        return events

    def _out(self, request: Request, data: bytes) -> Answer:
        batch = self._batches.pop(request.seq, None) if request.seq else None
        if batch is None:
            return Answer(data, data)
        batch.add(data)
        batch.waiting -= 1
        return Answer(data, batch.frame())

    def _batch(self, items: list[Any]) -> list[Event]:
        if not items:
            return [self._error(None, InvalidRequest("empty batch"))]
        if len(items) > self.max_batch:
            text = (
                f"a batch of {len(items)} messages, over the limit of {self.max_batch} "
                "(max_batch); none of them was run: send smaller batches"
            )
            return [self._error(None, TooManyRequests(text))]
        batch = _Batch(self.max_message_size)
        events: list[Event] = []
        for item in items:
            for event in self._message(item, batch):
                if isinstance(event, Send):  # an error about one member goes into the batch reply
                    batch.add(event.data)
                else:
                    events.append(event)
                    if isinstance(event, Request) and event.id is not None:
                        batch.waiting += 1
        batch.open = False
        if batch.waiting:
            for event in events:
                if type(event) is Request and event.seq:
                    self._batches[event.seq] = batch
        frame = batch.frame()
        if frame is not None:
            events.append(Send(frame))
        return events

    def _message(self, message: Any, batch: _Batch | None) -> list[Event]:
        if not isinstance(message, dict):
            return [self._error(None, InvalidRequest("not a JSON-RPC 2.0 object"))]
        has_id = "id" in message
        id = message.get("id")
        if has_id and not _valid_id(id):
            if "method" not in message and id is None and "error" in message:
                error = message["error"]
                return [Invalid(f"the peer reported an error{_code_of(error)}", error)]
            text = "id must be a string or an integer"
            return [self._error(None, InvalidRequest(text))]
        if message.get("jsonrpc") != "2.0":
            if "method" not in message and has_id:
                assert isinstance(id, str | int)
                return [_malformed(id, 'it lacks "jsonrpc": "2.0"')]
            text = 'not JSON-RPC 2.0: "jsonrpc" must be "2.0"'
            return [self._error(id, InvalidRequest(text))]
        method = message.get("method")
        if method is None:
            return self._response(message, id) if id is not None else [self._not_a_request(id)]
        if not isinstance(method, str):
            return [self._error(id, InvalidRequest("method must be a string"))]
        params = message.get("params", {})
        if not isinstance(params, dict):
            if not has_id:
                return [Invalid(f"notification {_show(method)} with params that are not an object")]
            text = (
                f"{clip(method)}: params must be an object (by-name); positional params are not "
                "used"
            )
            return [self._error(id, InvalidParams(text))]
        if method.startswith("rpc."):
            return self._reserved(method, params, id if has_id else None)
        budget = time_budget(message) if "aerpc" in message else None
        if batch is None or not has_id:
            return [Request(method, params, id if has_id else None, 0, budget)]
        return [Request(method, params, id, next(self._seq), budget)]

    def _response(self, message: dict[str, Any], id: Id) -> list[Event]:
        has_result = "result" in message
        error = message.get("error")
        if not has_result and "error" not in message:
            return [self._not_a_request(id), _malformed(id, "it has neither result nor error")]
        if has_result and "error" in message:
            return [_malformed(id, "it has both result and error")]
        if not has_result and not isinstance(error, dict):
            return [_malformed(id, "its error is not an object")]
        return [Response(id, message.get("result"), error)]

    def _not_a_request(self, id: Id | None) -> Event:
        text = "neither a request (method) nor a response (id with result or error)"
        return self._error(id, InvalidRequest(text))

    def _reserved(self, method: str, params: dict[str, Any], id: Id | None) -> list[Event]:
        if method == "rpc.cancel":
            target = params.get("id")
            if not _valid_id(target):
                if id is None:
                    return [Invalid("rpc.cancel without a string or integer id")]
                text = "rpc.cancel: params.id must be a string or an integer"
                return [self._error(id, InvalidParams(text))]
            assert isinstance(target, str | int)
            events: list[Event] = [Cancel(target)]
            if id is not None:
                events.append(Send(encode_result(id, None)))
            return events
        if id is None:
            return [Invalid(f"notification {_show(method)} ignored")]
        if method == "rpc.hello":
            return [self._error(id, InvalidRequest("rpc.hello was already done"))]
        return [self._error(id, MethodNotFound(f"Method not found: {clip(method)}"))]


_NOTHING: Final = Answer(None, None)


def _malformed(id: Id, what: str) -> Response:
    """A reply to ``id`` that breaks JSON-RPC 2.0: it fails that call at once with
    :class:`InvalidRequest` (-32600) saying ``what``, rather than leave it to its deadline."""
    text = f"the peer's reply to {clip(str(id))} is malformed: {what}"
    return Response(id, None, {"code": InvalidRequest.code, "message": text})


def _show(value: object) -> str:
    """An id or method name for a log line: quoted and clipped."""
    return repr(clip(value)) if isinstance(value, str) else clip(repr(value))


def _code_of(error: object) -> str:
    """`` (code N)`` for an error object with an integer code, for a log line."""
    code = error.get("code") if isinstance(error, dict) else None
    return f" (code {code})" if type(code) is int else ""


def error_data(events: list[Event]) -> object:
    """The ``data`` of the error a refusal sends (its first :class:`Send`), if any: what the
    server remembers of it."""
    for event in events:
        if isinstance(event, Send):
            try:
                error = loads(event.data).get("error", {})
            except (ValueError, AttributeError):
                return None
            return error.get("data") if isinstance(error, dict) else None
    return None


class ServerConnection(Connection):
    """A server's connection: the first message must be a valid ``rpc.hello``.

    States: ``hello`` (waiting for it), ``deciding`` (a :class:`Hello` event was returned; call
    :meth:`accept` or :meth:`refuse`), ``open``, ``closed``.
    """

    def __init__(
        self,
        *,
        token: str,
        schema: Mapping[str, str],
        allow_schema_mismatch: bool = False,
        max_message_size: int = DEFAULT_MAX_MESSAGE_SIZE,
        max_batch: int = DEFAULT_MAX_BATCH,
    ):
        super().__init__(max_message_size=max_message_size, max_batch=max_batch)
        self._token = token.encode("utf-8")
        self._schema = dict(schema)
        self._allow_schema_mismatch = allow_schema_mismatch
        self.state: Literal["hello", "deciding", "open", "closed"] = "hello"
        self.schema_verdict: compat.Verdict | None = None
        """How the peer's schema compared with the server's (set by a valid hello)."""

    def receive(self, data: str | bytes) -> list[Event]:
        if self.state == "open":
            return Connection.receive(self, data)  # (not super(): it costs a little per frame)
        if self.state == "hello":
            return self._hello(data)
        return []  # deciding or closed: nothing is read until the hello is settled

    def binary_frame(self, data: bytes = b"") -> list[Event]:
        if self.state == "hello":
            return self._unauthorized(None, "the first message must be the request rpc.hello")
        return super().binary_frame(data)

    def refuse_first(self, text: str) -> list[Event]:
        """Refuse a first message that is not parsed (too big, or not an object): -32001."""
        return self._unauthorized(None, text)

    def hello_timed_out(self, seconds: float) -> list[Event]:
        """No hello arrived in time."""
        return self._unauthorized(None, f"no rpc.hello within {seconds:g} s")

    def accept(self, hello: Hello, result: HelloResult) -> bytes:
        """Accept the hello: the connection is open; returns the reply to send."""
        self.state = "open"
        return encode_result(hello.id, result)

    def refuse(self, hello: Hello, error: RemoteError, close_code: int) -> list[Event]:
        """Refuse the hello with ``error``, then close."""
        self.state = "closed"
        return [self._error(hello.id, error), Close(close_code, error.message)]

    def _unauthorized(self, id: Id | None, text: str) -> list[Event]:
        self.state = "closed"
        return [self._error(id, Unauthorized(text)), Close(CLOSE_UNAUTHORIZED, text)]

    def _hello(self, data: str | bytes) -> list[Event]:
        try:
            message = loads(data)
        except ValueError:
            message = None
        expected = "the first message must be the request rpc.hello"
        if not isinstance(message, dict) or message.get("method") != "rpc.hello":
            return self._unauthorized(None, expected)
        id = message.get("id")
        if message.get("jsonrpc") != "2.0" or not _valid_id(id):
            return self._unauthorized(None, expected + " (JSON-RPC 2.0, with an id)")
        assert isinstance(id, str | int)
        params = message.get("params")
        token = params.get("token") if isinstance(params, dict) else None
        if not isinstance(token, str) or not hmac.compare_digest(
            token.encode("utf-8", "surrogatepass"), self._token
        ):
            return self._unauthorized(id, "missing or wrong token")
        if not _HELLO.is_valid(params):
            self.state = "closed"
            errors = _HELLO.errors(params)
            error = InvalidParams(
                f"rpc.hello: params break the schema {where(errors)}", {"errors": errors}
            )
            return [self._error(id, error), Close(CLOSE_BAD_HELLO, error.message)]
        assert isinstance(params, dict)
        peer = {key: clip(params["schema"][key]) for key in ("name", "version", "hash")}
        verdict = compat.check(self._schema, peer, params["role"])
        self.schema_verdict = verdict
        if not verdict.ok and not self._allow_schema_mismatch:
            self.state = "closed"
            text = (
                f"schema mismatch ({verdict.rule}): {verdict.reason}; the server has "
                f"{self._schema['name']} {self._schema['version']} ({self._schema['hash']}), "
                f"the peer has {peer['name']} {peer['version']} ({peer['hash']})"
            )
            details = {"server": self._schema, "peer": peer, "rule": verdict.rule}
            return [
                self._error(id, SchemaMismatch(text, details)),
                Close(CLOSE_SCHEMA_MISMATCH, text),
            ]
        self.state = "deciding"
        return [Hello(id, params)]  # type: ignore[arg-type]  # checked against _HELLO above


class ClientConnection(Connection):
    """A client's connection: it says ``rpc.hello`` first and reads nothing but its reply.

    States, mirroring :class:`ServerConnection`: ``new``, ``hello`` (:meth:`hello` was sent;
    :meth:`receive` waits for its reply), ``open`` (an :class:`Accepted` event was returned),
    ``closed`` (:class:`Refused`, or something else came first). With ``obey_limits`` the
    server's ``limits.max_message_size`` lowers this side's limit for the replies it sends.
    """

    def __init__(
        self,
        *,
        prefix: str,
        max_message_size: int = DEFAULT_MAX_MESSAGE_SIZE,
        obey_limits: bool = True,
    ):
        super().__init__(max_message_size=max_message_size, prefix=prefix)
        self.obey_limits = obey_limits
        self.state: Literal["new", "hello", "open", "closed"] = "new"
        self._hello_id: str | None = None

    def hello(self, params: Mapping[str, object]) -> bytes:
        """The ``rpc.hello`` request to send first."""
        if self.state != "new":
            raise RuntimeError(f"rpc.hello was already sent (state {self.state!r})")
        self._hello_id, data = self.request("rpc.hello", params)
        self.state = "hello"
        return data

    def receive(self, data: str | bytes) -> list[Event]:
        if self.state == "open":
            return Connection.receive(self, data)
        if self.state == "hello":
            return self._hello_reply(Connection.receive(self, data))
        return []  # new or closed: nothing is read

    def _hello_reply(self, events: list[Event]) -> list[Event]:
        hello_id = self._hello_id
        reply = next((e for e in events if type(e) is Response and e.id == hello_id), None)
        if hello_id is not None:
            self.calls.pop(hello_id)
        if reply is None:
            self.state = "closed"
            return [Invalid("the server sent something other than the reply to rpc.hello")]
        if reply.error is not None:
            self.state = "closed"
            return [Refused(reply.error)]
        result = reply.result
        if not isinstance(result, dict):
            self.state = "closed"
            return [Invalid("the result of rpc.hello is not an object")]
        self.state = "open"
        limits = result.get("limits")
        limit = limits.get("max_message_size") if isinstance(limits, dict) else None
        if self.obey_limits and type(limit) is int and limit > 0:
            # replies over the server's limit are answered -32004 instead of being sent
            self.max_message_size = min(self.max_message_size, limit)
        return [Accepted(result)]  # type: ignore[arg-type]  # the server's, as it sent it


# -- pending calls ----------------------------------------------------------------------------

T = TypeVar("T")


class CallTable(Generic[T]):
    """Ids with a side prefix (``"py:1"``, ``"py:2"``…) and the calls awaiting their reply.

    :meth:`new_id` may be called from any thread (``itertools.count`` semantics under the GIL).
    """

    __slots__ = ("_calls", "_counter", "prefix")

    def __init__(self, prefix: str):
        self.prefix = prefix
        self._counter = itertools.count(1)
        self._calls: dict[Id, T] = {}

    def new_id(self) -> str:
        return f"{self.prefix}:{next(self._counter)}"

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
