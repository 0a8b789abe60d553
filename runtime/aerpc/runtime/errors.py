"""The error classes of aerpc.

Two families, kept apart:

* :class:`RemoteError` and its subclasses are JSON-RPC errors that travel on the wire as
  ``{"code", "message", "data"}``. Each subclass carries a ``code``. An error received from the
  other side is raised as the class its contract gives that code (``except ItemNotFound:``):
  application errors declared in a schema are generated subclasses (codes >= 1000), listed in
  the generated package's ``ERRORS_BY_CODE`` and passed to its ``Contract``; the protocol's
  own codes (:data:`PROTOCOL_ERRORS`) hold everywhere. There is no process-wide registry, so
  two SDKs (or a plugin) may give the same code to different classes.
* :class:`LocalError` and its subclasses happen on this side only: a deadline passed, no host
  is connected, the connection was lost, a result broke the schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Final

__all__ = [
    "PROTOCOL_ERRORS",
    "ConnectionLost",
    "ExtendScriptError",
    "HandlerTimeout",
    "HostAlreadyConnected",
    "HostBusy",
    "HostTimeout",
    "InternalError",
    "InvalidParams",
    "InvalidRequest",
    "LocalError",
    "MessageTooLarge",
    "MethodNotFound",
    "NotConnected",
    "ParseError",
    "PublicError",
    "RemoteError",
    "ResultValidationError",
    "RpcTimeout",
    "SchemaMismatch",
    "ServerStopped",
    "TooManyRequests",
    "Unauthorized",
    "error_class_for",
    "error_from_wire",
]


class RemoteError(Exception):
    """A JSON-RPC error object: ``code``, ``message`` and optional ``data``.

    Subclasses set ``code`` as a class attribute.
    """

    code: ClassVar[int] = 0
    default_message: ClassVar[str] = "Error"

    def __init__(self, message: str | None = None, data: Any = None, *, code: int | None = None):
        self.message = message if message is not None else self.default_message
        self.data = data
        if code is not None:
            self.code = code  # type: ignore[misc]  # an unregistered code keeps its own number
        super().__init__(self.message)

    def to_wire(self) -> dict[str, Any]:
        """The JSON-RPC ``error`` member for this error."""
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.data is not None:
            error["data"] = self.data
        return error

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code}, message={self.message!r})"


def error_class_for(
    code: int, classes: Mapping[int, type[RemoteError]] | None = None
) -> type[RemoteError]:
    """The class for ``code``: from ``classes`` (a contract's), else the protocol's, else
    :class:`RemoteError` itself."""
    if classes is not None and (cls := classes.get(code)) is not None:
        return cls
    return PROTOCOL_ERRORS.get(code, RemoteError)


def error_from_wire(
    error: dict[str, Any], classes: Mapping[int, type[RemoteError]] | None = None
) -> RemoteError:
    """The exception for a received JSON-RPC ``error`` member, as :func:`error_class_for`."""
    code = error.get("code")
    message = error.get("message")
    data = error.get("data")
    if type(code) is not int:
        return InternalError(
            f"malformed error object from the peer: its code is {type(code).__name__}, not an "
            "integer",
            {"message": message} if isinstance(message, str) else None,
        )
    cls = error_class_for(code, classes)
    text = message if isinstance(message, str) else cls.default_message
    if cls is RemoteError:
        return RemoteError(text, data, code=code)
    return cls(text, data)


class ParseError(RemoteError):
    """The message was not valid JSON."""

    code = -32700
    default_message = "Parse error"


class InvalidRequest(RemoteError):
    """The message was JSON but not a JSON-RPC 2.0 request."""

    code = -32600
    default_message = "Invalid Request"


class MethodNotFound(RemoteError):
    """The method does not exist on the serving side (or its schema lacks it)."""

    code = -32601
    default_message = "Method not found"


class InvalidParams(RemoteError):
    """The params failed the schema. ``data["errors"]`` lists ``{"path", "message"}``."""

    code = -32602
    default_message = "Invalid params"


class InternalError(RemoteError):
    """A handler raised unexpectedly on the serving side."""

    code = -32603
    default_message = "Internal error"


class Unauthorized(RemoteError):
    """The hello was missing or the token was wrong."""

    code = -32001
    default_message = "Unauthorized"


class SchemaMismatch(RemoteError):
    """The peers were generated from different schemas (``data`` has both hashes)."""

    code = -32002
    default_message = "Schema mismatch"


class HostAlreadyConnected(RemoteError):
    """Another panel (host instance) is already connected as the host."""

    code = -32003
    default_message = "Host already connected"


class MessageTooLarge(RemoteError):
    """A message was larger than the configured limit."""

    code = -32004
    default_message = "Message too large"


class ExtendScriptError(RemoteError):
    """The ExtendScript function threw; ``data`` has name, message, line and fileName."""

    code = -32010
    default_message = "ExtendScript error"


class HostTimeout(RemoteError):
    """The panel gave up waiting on evalScript."""

    code = -32011
    default_message = "Host timeout"


class TooManyRequests(RemoteError):
    """Over a per-socket bound: requests in flight, sync handlers running, or a batch's length."""

    code = -32005
    default_message = "Too many requests"


class HandlerTimeout(RemoteError):
    """The serving side's handler did not finish by the caller's deadline; it may still run."""

    code = -32012
    default_message = "Handler timeout"


class PublicError(Exception):
    """An exception whose message a handler chose to show the caller.

    A handler's other exceptions reach the peer only as their class name (``-32603``); their
    text stays in the server's log, as it may hold paths or secrets.
    """


PROTOCOL_ERRORS: Final[Mapping[int, type[RemoteError]]] = {
    cls.code: cls
    for cls in (
        ParseError,
        InvalidRequest,
        MethodNotFound,
        InvalidParams,
        InternalError,
        Unauthorized,
        SchemaMismatch,
        HostAlreadyConnected,
        MessageTooLarge,
        TooManyRequests,
        ExtendScriptError,
        HostTimeout,
        HandlerTimeout,
    )
}
"""The JSON-RPC and aerpc protocol errors by code: the same in every contract."""


class LocalError(Exception):
    """An error raised on this side, never sent on the wire."""


class RpcTimeout(LocalError):
    """The call's deadline passed before a reply arrived.

    ``maybe_applied`` is True when the request had been sent: the host may still run it.
    """

    def __init__(self, method: str, timeout: float, *, maybe_applied: bool = True):
        self.method = method
        self.timeout = timeout
        self.maybe_applied = maybe_applied
        super().__init__(f"{method}: no reply within {timeout:g} s")


class HostBusy(RpcTimeout):
    """The call's deadline passed while it waited behind another host call.

    After Effects runs one script at a time: the host was alive and busy with ``running``
    (its method), for ``caller`` (``"pipeline"`` or a tool's name), for ``elapsed`` seconds.
    ``maybe_applied`` is False when the call never reached the panel (it waited at the
    server); a host that stopped answering is ``ConnectionLost``, never this. A subclass of
    :class:`RpcTimeout`, so code catching timeouts catches it too.
    """

    def __init__(
        self,
        method: str,
        timeout: float,
        *,
        running: str,
        caller: str,
        elapsed: float,
        maybe_applied: bool,
    ):
        super().__init__(method, timeout, maybe_applied=maybe_applied)
        self.running = running
        self.caller = caller
        self.elapsed = elapsed
        where = "it was not sent" if not maybe_applied else "it may still start"
        self.args = (
            f"{method}: the host was busy: still waiting behind {running} (for {caller}, "
            f"running {elapsed:.1f} s) when the call's deadline ({timeout:g} s) passed; {where}",
        )


class NotConnected(LocalError):
    """No host connected in time (the connect timeout, or the call's deadline if shorter).

    The message names why, when the server knows (a refused token, a schema mismatch, a
    foreign origin, no panel at all); ``data`` has the same as values: ``waited_s`` and
    ``refusals`` (the last refusal per cause: ``cause``, ``code``, ``message``, ``data``).
    """

    def __init__(self, message: str, data: dict[str, Any] | None = None):
        self.data: dict[str, Any] = data if data is not None else {}
        super().__init__(message)


class ConnectionLost(LocalError):
    """The connection dropped and the call could not be safely completed.

    ``maybe_applied`` tells whether the host may have run the call before the drop.
    """

    def __init__(self, message: str, *, method: str | None = None, maybe_applied: bool):
        self.method = method
        self.maybe_applied = maybe_applied
        super().__init__(message)


class ServerStopped(ConnectionLost):
    """The server was stopped while the call was in flight."""


class ResultValidationError(LocalError):
    """A result received from the other side broke the schema.

    ``errors`` lists ``{"path": JSON pointer, "message"}``.
    """

    def __init__(self, method: str, errors: list[dict[str, str]]):
        self.method = method
        self.errors = errors
        first = errors[0] if errors else {"path": "", "message": "invalid"}
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(
            f"{method}: result breaks the schema at {first['path'] or '/'}: "
            f"{first['message']}{more}"
        )
