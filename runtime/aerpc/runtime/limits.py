"""The bounds of what a peer may cost the server, before and after its hello (``ServerLimits``).

The door (:mod:`.admission`) uses the hello and connection bounds; after the hello, the
in-flight gate (:mod:`.inflight`) uses ``max_in_flight``, the connection ``max_batch``, the
dispatcher (:mod:`.dispatch`) ``max_sync_per_peer`` and ``sync_workers``, each socket's
:class:`~.peer.Peer` ``max_unsent`` and ``unsent_timeout``, the session ``max_tools``. Each
bound and its default: docs/reliability.md.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Limits", "ServerLimits"]


@dataclass(frozen=True, slots=True)
class ServerLimits:
    """The bounds of the door, with their defaults (all ``Server`` options)."""

    max_hello_size: int = 16 * 1024
    """Bytes of the first frame (the hello); a hello is well under 1 KiB."""
    max_pending_hellos: int = 8
    """Sockets waiting for their hello, per origin class."""
    hello_timeout: float = 5.0
    """Seconds from the upgrade to the hello."""
    page_hello_timeout: float = 2.0
    """Seconds from the upgrade to the hello for ``Origin: null`` (the panel sends it at once)."""
    idle_timeout: float = 5.0
    """Seconds a connection that has not upgraded may go without a request in progress."""
    max_connections: int = 64
    """TCP connections that have not upgraded, at once."""
    max_batch: int = 100
    """Requests (and notifications) in one batch."""
    max_in_flight: int = 64
    """Requests of one socket being served at once (sync handlers included)."""
    max_unsent: int = 4 * 1024 * 1024
    """Bytes written to one socket that its reader has not taken yet: over it, the server reads
    nothing more from that socket (so it sends no new requests) until half of it is taken."""
    unsent_timeout: float = 30.0
    """Seconds a socket over ``max_unsent`` may go without taking any of it; then it is
    closed."""
    max_tools: int = 32
    """Tool sockets past their hello, at once; over it a tool's hello is refused (-32005)."""
    max_sync_per_peer: int = 4
    """Sync handlers of one socket running at once (each holds a thread)."""
    sync_workers: int = 16
    """Threads of the server's own pool for sync handlers."""
    max_tool_calls_at_host: int = 2
    """Relayed calls of one tool at the panel at once (running or in its queue); the others
    wait at the server, the pipeline's first, then the tools' round-robin (scheduler.py)."""
    busy_after: float = 0.25
    """Seconds a host call runs before the calls after it wait at the server, not in the
    panel's queue (``math.inf``: never; scheduler.py)."""

    def __post_init__(self) -> None:
        for name in ("max_hello_size", "max_pending_hellos", "max_connections", "max_batch"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, not {getattr(self, name)!r}")
        for name in (
            "max_in_flight",
            "max_sync_per_peer",
            "sync_workers",
            "max_tool_calls_at_host",
            "max_unsent",
            "max_tools",
        ):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, not {getattr(self, name)!r}")
        if not self.busy_after >= 0:
            raise ValueError(f"busy_after must be 0 or more, not {self.busy_after!r}")
        for name in ("hello_timeout", "page_hello_timeout", "idle_timeout", "unsent_timeout"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be positive, not {getattr(self, name)!r}")


Limits = ServerLimits
"""The old name of :class:`ServerLimits`, kept for one release."""
