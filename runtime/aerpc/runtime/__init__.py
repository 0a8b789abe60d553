"""The aerpc runtime: a JSON-RPC 2.0 peer on aiohttp between the pipeline and After Effects.

``Server`` accepts the panel (and ``tool`` peers), serves the pipeline's methods, and gives a
``Host`` whose calls are checked against the schema, bounded by deadlines and safe across
reconnects. See DESIGN.md §3–§4.
"""

from .calls import UNSET, CallOptions, HostChannel, Unset
from .client import Client, send_context_change, send_context_change_async
from .contract import Contract, MethodSpec
from .errors import (
    ConnectionLost,
    ExtendScriptError,
    HostAlreadyConnected,
    HostTimeout,
    InternalError,
    InvalidParams,
    InvalidRequest,
    LocalError,
    MessageTooLarge,
    MethodNotFound,
    NotConnected,
    ParseError,
    RemoteError,
    ResultValidationError,
    RpcTimeout,
    SchemaMismatch,
    ServerStopped,
    Unauthorized,
    error_class_for,
    error_from_wire,
)
from .host import Host
from .observe import CallEvent
from .server import Server

__all__ = [
    "UNSET",
    "CallEvent",
    "CallOptions",
    "Client",
    "ConnectionLost",
    "Contract",
    "ExtendScriptError",
    "Host",
    "HostAlreadyConnected",
    "HostChannel",
    "HostTimeout",
    "InternalError",
    "InvalidParams",
    "InvalidRequest",
    "LocalError",
    "MessageTooLarge",
    "MethodNotFound",
    "MethodSpec",
    "NotConnected",
    "ParseError",
    "RemoteError",
    "ResultValidationError",
    "RpcTimeout",
    "SchemaMismatch",
    "Server",
    "ServerStopped",
    "Unauthorized",
    "Unset",
    "error_class_for",
    "error_from_wire",
    "send_context_change",
    "send_context_change_async",
]
