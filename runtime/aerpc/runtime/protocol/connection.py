"""JSON-RPC 2.0 framing and checks for one open connection, without I/O.

A :class:`Connection` is fed the text of each received frame and returns events
(:mod:`.events`): requests to serve, responses to this side's calls, bytes to send, a close to
perform. :meth:`Connection.request` makes this side's calls (:mod:`.calls` owns their ids and
table), :meth:`Connection.answer` builds the reply to a request and keeps the replies of a
received batch until every member is answered (an :class:`~.events.Answer` says what to send).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any, Final

from ..codec import clip, loads, reply_id
from ..errors import (
    InternalError,
    InvalidParams,
    InvalidRequest,
    MessageTooLarge,
    MethodNotFound,
    ParseError,
    RemoteError,
    TooManyRequests,
)
from .calls import CallTable
from .encode import encode_error, encode_result, read_extension
from .events import (
    Answer,
    Cancel,
    Event,
    Invalid,
    Request,
    Response,
    Send,
    _Batch,
)
from .wire import DEFAULT_MAX_BATCH, DEFAULT_MAX_MESSAGE_SIZE, Id, valid_id

__all__ = ["Connection"]


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
        """A call from this side (:meth:`CallTable.request <.calls.CallTable.request>`): its new
        id, kept in :attr:`calls` with ``call`` until the reply, and its frame, with
        ``time_left`` as ``aerpc.timeout_ms`` when given."""
        return self.calls.request(method, params, call, time_left=time_left)

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
                    return [Request(method, params, id, 0, *read_extension(message))]
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
        else:
            events.append(Invalid("the peer sent a binary frame that names no call", orphan=True))
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
        if has_id and not valid_id(id):
            if "method" not in message and id is None and "error" in message:
                error = message["error"]
                why = f"the peer reported an error{_code_of(error)} with a null id"
                return [Invalid(why, error, orphan=True)]
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
        budget, idle = read_extension(message) if "aerpc" in message else (None, False)
        if batch is None or not has_id:
            return [Request(method, params, id if has_id else None, 0, budget, idle)]
        return [Request(method, params, id, next(self._seq), budget, idle)]

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
            if not valid_id(target):
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
