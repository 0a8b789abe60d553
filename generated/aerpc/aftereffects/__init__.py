# Generated from schema/aftereffects.openrpc.json (After Effects 1.0.0)
# by `aerpc generate`. Do not edit: edit the schema and run `aerpc generate`.
# Schema hash: sha256:93e1b93458db8a8845fe44544194efe9482c6cedaffdecfcb5577a27d78a21ce
"""The typed SDK for After Effects, generated from its schema.

``AfterEffects`` / ``AsyncAfterEffects`` call the methods After Effects serves;
``PipelineHandlers`` / ``AsyncPipelineHandlers`` describe the ones the pipeline serves; the
types are in ``.types`` and every error class in ``.errors``. ``server()`` and ``client()`` make
the runtime's server and client for this schema (``.peers``).
"""

from ._schema import CONTRACT, SCHEMA, SCHEMA_HASH, SCHEMA_NAME, SCHEMA_VERSION
from .clients import AfterEffects, AsyncAfterEffects
from .errors import *  # noqa: F403
from .errors import __all__ as _errors_all
from .events import EVENT_NAMES, Events
from .handlers import AsyncPipelineHandlers, PipelineHandlers
from .peers import *  # noqa: F403
from .peers import __all__ as _peers_all
from .types import *  # noqa: F403
from .types import __all__ as _types_all

__all__ = [
    "CONTRACT",
    "EVENT_NAMES",
    "Events",
    "SCHEMA",
    "SCHEMA_HASH",
    "SCHEMA_NAME",
    "SCHEMA_VERSION",
    "AsyncAfterEffects",
    "AsyncPipelineHandlers",
    "AfterEffects",
    "PipelineHandlers",
    *_errors_all,
    *_peers_all,
    *_types_all,
]
