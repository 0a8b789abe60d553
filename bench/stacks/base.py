"""What the pipeline process needs from a stack once its peer has connected."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Caller:
    """One stack, ready to call its connected peer.

    ``small``/``big`` are awaited on the pipeline's loop; ``small_blocking`` runs on a plain
    thread (None: the stack has no sync mode).
    """

    name: str
    small: Callable[[], Awaitable[object]]
    big: Callable[[], Awaitable[object]]
    small_blocking: Callable[[], object] | None = None
