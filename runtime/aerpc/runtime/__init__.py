"""The aerpc runtime: a JSON-RPC 2.0 peer on aiohttp between a pipeline and a host application.

It knows no schema of its own: a :class:`Contract` (a generated package's ``CONTRACT``) says
which methods exist. ``Server`` accepts the panel (and ``tool`` peers), serves the pipeline's
methods, and gives a ``Host`` whose calls are checked against the schema, bounded by deadlines
and safe across reconnects (docs/architecture.md). The server side (aiohttp) is imported on
first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .channel import UNSET, CallOptions, HostChannel, Unset
from .contract import Contract, MethodSpec
from .deadline import time_left
from .errors import (
    PROTOCOL_ERRORS,
    ConnectionLost,
    ExtendScriptError,
    HandlerTimeout,
    HostAlreadyConnected,
    HostBusy,
    HostTimeout,
    InternalError,
    InvalidParams,
    InvalidRequest,
    LocalError,
    MessageTooLarge,
    MethodNotFound,
    NotConnected,
    ParseError,
    PublicError,
    RemoteError,
    ResultValidationError,
    RpcTimeout,
    SchemaMismatch,
    ServerStopped,
    TooManyRequests,
    Unauthorized,
    error_class_for,
    error_from_wire,
)
from .paths import PathPolicy

if TYPE_CHECKING:
    from .admission import Limits, ServerLimits
    from .client import Client, ToolPeer
    from .dispatch import HandlersWarning
    from .host import Host
    from .observe import CallEvent
    from .peer import Peer
    from .pending import PendingCalls
    from .remote import RemoteHost
    from .scheduler import HostStatus
    from .server import Server

# Imported on first use, so that ``import aerpc.aftereffects`` does not load aiohttp.
_LAZY = {
    "CallEvent": "observe",
    "Limits": "admission",
    "ServerLimits": "admission",
    "Client": "client",
    "ToolPeer": "client",
    "HandlersWarning": "dispatch",
    "Host": "host",
    "RemoteHost": "remote",
    "PendingCalls": "pending",
    "Peer": "peer",
    "Server": "server",
    "HostStatus": "scheduler",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "PROTOCOL_ERRORS",
    "UNSET",
    "CallEvent",
    "CallOptions",
    "Client",
    "ConnectionLost",
    "Contract",
    "ExtendScriptError",
    "HandlerTimeout",
    "HandlersWarning",
    "Host",
    "HostAlreadyConnected",
    "HostBusy",
    "HostChannel",
    "HostStatus",
    "HostTimeout",
    "InternalError",
    "InvalidParams",
    "InvalidRequest",
    "Limits",
    "LocalError",
    "MessageTooLarge",
    "MethodNotFound",
    "MethodSpec",
    "NotConnected",
    "ParseError",
    "PathPolicy",
    "Peer",
    "PendingCalls",
    "PublicError",
    "RemoteError",
    "RemoteHost",
    "ResultValidationError",
    "RpcTimeout",
    "SchemaMismatch",
    "Server",
    "ServerLimits",
    "ServerStopped",
    "TooManyRequests",
    "ToolPeer",
    "Unauthorized",
    "Unset",
    "error_class_for",
    "error_from_wire",
    "time_left",
]
