# Generated from schema/aftereffects.openrpc.json (After Effects 1.0.0)
# by `aerpc generate`. Do not edit: edit the schema and run `aerpc generate`.
# Schema hash: sha256:ead0aa040f6066b78ae2b95075487f82e17a7906a1e2d2382041682fbef9414d
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
from .handlers import AsyncPipelineHandlers, PipelineHandlers
from .peers import *  # noqa: F403
from .peers import __all__ as _peers_all
from .types import *  # noqa: F403
from .types import __all__ as _types_all

__all__ = [
    "CONTRACT",
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
