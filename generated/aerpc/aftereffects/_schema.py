# Generated from schema/aftereffects.openrpc.json (After Effects 1.0.0)
# by `aerpc generate`. Do not edit: edit the schema and run `aerpc generate`.
# Schema hash: sha256:93e1b93458db8a8845fe44544194efe9482c6cedaffdecfcb5577a27d78a21ce
"""The schema this package was generated from, its identity, and its contract for the runtime."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any, Final

from aerpc.runtime.contract import Contract

from .errors import ERRORS_BY_CODE

__all__ = ["CONTRACT", "SCHEMA", "SCHEMA_HASH", "SCHEMA_NAME", "SCHEMA_VERSION"]

SCHEMA_NAME: Final = "aftereffects"
"""The schema's name, as said in the hello handshake."""

SCHEMA_VERSION: Final = "1.0.0"
"""``info.version`` of the schema."""

SCHEMA_HASH: Final = "sha256:93e1b93458db8a8845fe44544194efe9482c6cedaffdecfcb5577a27d78a21ce"
"""SHA-256 of the schema's canonical JSON form (see ``aerpc.runtime.canonical``)."""

SCHEMA: Final[dict[str, Any]] = json.loads(
    files(__package__).joinpath("schema.json").read_text(encoding="utf-8")
)
"""The OpenRPC document itself."""

CONTRACT: Final = Contract.from_document(SCHEMA, name=SCHEMA_NAME, error_classes=ERRORS_BY_CODE)
"""Methods, deadlines, idempotency, validators and error classes, for ``aerpc.runtime.Server``."""
