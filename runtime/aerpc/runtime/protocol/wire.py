"""The wire's fixed parts: ids, default limits, close codes, and the ``rpc.hello`` types.

Close codes: 1001 server stopping, 4000 replaced by a new socket of the same instance, 4400
malformed hello, 4401 no/late hello or wrong token, 4403 another host instance is connected,
4409 schema mismatch; 1009 (aiohttp) a message over the size limit.
"""

from __future__ import annotations

from typing import Final, Literal, NotRequired, TypeAlias, TypedDict

__all__ = [
    "CLOSE_BAD_HELLO",
    "CLOSE_GOING_AWAY",
    "CLOSE_HOST_CONNECTED",
    "CLOSE_REPLACED",
    "CLOSE_SCHEMA_MISMATCH",
    "CLOSE_UNAUTHORIZED",
    "DEFAULT_MAX_BATCH",
    "DEFAULT_MAX_MESSAGE_SIZE",
    "AppId",
    "HelloLimits",
    "HelloParams",
    "HelloResult",
    "Id",
    "SchemaId",
    "valid_id",
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


def valid_id(value: object) -> bool:
    """A JSON-RPC id aerpc accepts: a string or an integer (not a bool)."""
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))
