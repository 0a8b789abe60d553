"""The events a :class:`~aerpc.runtime.protocol.Connection` returns for a received frame, and
the reply of a received batch while its members are answered."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeAlias

from ..errors import MessageTooLarge
from .encode import encode_error
from .wire import HelloParams, HelloResult, Id

__all__ = [
    "Accepted",
    "Answer",
    "Cancel",
    "Close",
    "Event",
    "Hello",
    "Invalid",
    "Refused",
    "Request",
    "Response",
    "Send",
]


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
    idle: bool = False
    """``aerpc.idle``: the sender counts the call as running from its send (it believes this
    side idle); a host that starts it on arrival need not report ``aerpc.run`` started."""


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
    orphan: bool = False
    """A reply that names no call (an error with a null id, a binary frame without an id): one
    of this side's calls may have been answered by it."""


Event: TypeAlias = Request | Response | Cancel | Send | Close | Hello | Accepted | Refused | Invalid
