# Generated from schema/aftereffects.openrpc.json (After Effects 1.0.0)
# by `aerpc generate`. Do not edit: edit the schema and run `aerpc generate`.
# Schema hash: sha256:93e1b93458db8a8845fe44544194efe9482c6cedaffdecfcb5577a27d78a21ce
"""Every error a call can raise, by class.

Remote errors (they travel on the wire) subclass :class:`RemoteError`; ``ERRORS_BY_CODE`` is
given to this package's ``CONTRACT``, so ``except ItemNotFound:`` works for an error the host
sent, whatever other code in the process does with the same number. The JSON-RPC and protocol
errors come from ``aerpc.runtime``; the application errors below come from the schema. Local
errors (``ConnectionLost``, ``HostBusy``, ``NotConnected``, ``ResultValidationError``,
``RpcTimeout``, ``ServerStopped``) never travel.
"""

from __future__ import annotations

from typing import Final

from aerpc.runtime.errors import (
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
)

__all__ = [
    "ERRORS_BY_CODE",
    "AfterEffectsError",
    "ConnectionLost",
    "ExtendScriptError",
    "FileNotFound",
    "HandlerTimeout",
    "HostAlreadyConnected",
    "HostBusy",
    "HostTimeout",
    "ImportFailed",
    "InternalError",
    "InvalidItemType",
    "InvalidParams",
    "InvalidRequest",
    "ItemNotFound",
    "LocalError",
    "MessageTooLarge",
    "MetadataCorrupt",
    "MethodNotFound",
    "MultipleRenderQueueItems",
    "NoDocumentOpen",
    "NotAComposition",
    "NotConnected",
    "OpenFailed",
    "ParseError",
    "PublicError",
    "RemoteError",
    "RenderFailed",
    "RenderQueueItemNotFound",
    "ResultValidationError",
    "RpcTimeout",
    "SaveFailed",
    "SchemaMismatch",
    "ScriptFailed",
    "ServerStopped",
    "TooManyRequests",
    "Unauthorized",
    "UnsavedChanges",
]


class AfterEffectsError(RemoteError):
    """Base of the application errors declared in the After Effects schema (codes >= 1000)."""


class ItemNotFound(AfterEffectsError):
    """Item not found"""

    code = 1001
    default_message = "Item not found"


class NotAComposition(AfterEffectsError):
    """Item is not a composition"""

    code = 1002
    default_message = "Item is not a composition"


class NoDocumentOpen(AfterEffectsError):
    """No project file is open"""

    code = 1003
    default_message = "No project file is open"


class FileNotFound(AfterEffectsError):
    """File not found"""

    code = 1004
    default_message = "File not found"


class InvalidItemType(AfterEffectsError):
    """Item is of the wrong type for this operation"""

    code = 1005
    default_message = "Item is of the wrong type for this operation"


class RenderQueueItemNotFound(AfterEffectsError):
    """Composition has no render queue item"""

    code = 1006
    default_message = "Composition has no render queue item"


class MultipleRenderQueueItems(AfterEffectsError):
    """Composition has more than one render queue item"""

    code = 1007
    default_message = "Composition has more than one render queue item"


class RenderFailed(AfterEffectsError):
    """Render failed"""

    code = 1008
    default_message = "Render failed"


class ImportFailed(AfterEffectsError):
    """Import failed"""

    code = 1009
    default_message = "Import failed"


class ScriptFailed(AfterEffectsError):
    """Script failed"""

    code = 1010
    default_message = "Script failed"


class SaveFailed(AfterEffectsError):
    """Save failed"""

    code = 1011
    default_message = "Save failed"


class OpenFailed(AfterEffectsError):
    """Project could not be opened"""

    code = 1012
    default_message = "Project could not be opened"


class MetadataCorrupt(AfterEffectsError):
    """Stored pipeline metadata is not valid JSON"""

    code = 1013
    default_message = "Stored pipeline metadata is not valid JSON"


class UnsavedChanges(AfterEffectsError):
    """The project has unsaved changes"""

    code = 1014
    default_message = "The project has unsaved changes"


ERRORS_BY_CODE: Final[dict[int, type[RemoteError]]] = {
    **PROTOCOL_ERRORS,
    **{
        cls.code: cls
        for cls in (
            ItemNotFound,
            NotAComposition,
            NoDocumentOpen,
            FileNotFound,
            InvalidItemType,
            RenderQueueItemNotFound,
            MultipleRenderQueueItems,
            RenderFailed,
            ImportFailed,
            ScriptFailed,
            SaveFailed,
            OpenFailed,
            MetadataCorrupt,
            UnsavedChanges,
        )
    },
}
"""Every remote error class by its code: the runtime's protocol errors and the schema's."""
