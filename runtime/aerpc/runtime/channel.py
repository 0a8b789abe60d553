"""The channel generated clients call through: per-call options and the call interface.

A generated client (``AfterEffects(host)``) takes any :class:`HostChannel`; the runtime's
:class:`~aerpc.runtime.Host` is the one the server gives.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Final, Literal, Protocol

__all__ = ["UNSET", "CallOptions", "HostChannel", "Unset"]


class Unset(enum.Enum):
    """The type of :data:`UNSET`: a parameter that is not sent at all (not the same as null)."""

    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> Literal[False]:
        return False


UNSET: Final = Unset.UNSET


@dataclass(frozen=True, slots=True)
class CallOptions:
    """Per-call options. ``timeout`` in seconds overrides the method's ``x-timeout-ms``."""

    timeout: float | None = None

    def with_timeout(self, seconds: float) -> CallOptions:
        if not seconds > 0:
            raise ValueError(f"timeout must be a positive number of seconds, not {seconds!r}")
        return replace(self, timeout=float(seconds))


class HostChannel(Protocol):
    """A connection to a peer that serves methods: the After Effects host, usually.

    ``params`` holds only the parameters to send; absent optional ones are left out.
    """

    async def call(
        self, method: str, params: Mapping[str, object], options: CallOptions | None = None
    ) -> object: ...

    def call_blocking(
        self, method: str, params: Mapping[str, object], options: CallOptions | None = None
    ) -> object: ...
