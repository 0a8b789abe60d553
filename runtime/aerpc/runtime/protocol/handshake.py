"""The hello, both ways: :class:`ServerConnection`'s gate (the first message must be a valid
``rpc.hello``: token, params, schema) and :class:`ClientConnection`'s side of it."""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Final, Literal

from .. import compat
from ..codec import clip, loads
from ..errors import InvalidParams, RemoteError, SchemaMismatch, Unauthorized
from ..validation import Validator, where
from .connection import Connection
from .encode import encode_result
from .events import Accepted, Close, Event, Hello, Invalid, Refused, Response, Send
from .wire import (
    CLOSE_BAD_HELLO,
    CLOSE_SCHEMA_MISMATCH,
    CLOSE_UNAUTHORIZED,
    DEFAULT_MAX_BATCH,
    DEFAULT_MAX_MESSAGE_SIZE,
    HelloResult,
    Id,
    valid_id,
)

__all__ = ["ClientConnection", "ServerConnection", "error_data"]

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
        if message.get("jsonrpc") != "2.0" or not valid_id(id):
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
