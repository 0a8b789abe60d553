"""Why no host is connected: the connections the server refused, the last one per cause, and
whether a host was ever seen. No I/O: every method takes the time (``now``, the loop's clock).

The server records each refusal (:meth:`Refusals.refused`); a call or a ``wait_for_host`` that
ends without a host asks :meth:`Refusals.diagnosis` for the sentence and the data to put into
its :class:`~aerpc.runtime.NotConnected`, so the error names the cause the server already knows
(a wrong token, a schema mismatch, a foreign origin…) instead of a bare "not connected".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Refusal", "Refusals"]

CAUSES = {
    403: "origin",
    503: "busy",
    4400: "malformed-hello",
    4401: "unauthorized",
    4403: "another-host",
    4409: "schema",
}
"""The cause of a refusal, by the HTTP status or close code it was refused with."""

# What to do next, per cause; ``{host}`` is the host application's name (the schema's title).
_HINTS = {
    "origin": "add the page's origin to allowed_origins if it should connect",
    "busy": "too many sockets were waiting for their hello (max_pending_hellos)",
    "unauthorized": "start {host} with this server's AERPC_URL and AERPC_TOKEN in its "
    "environment: server.launch_env()",
    "hello-timeout": "the peer connected but sent no rpc.hello in time",
    "schema": "deploy a panel whose schema is compatible; see Compatibility in "
    "docs/architecture.md",
    "another-host": "another {host} instance is connected; one host at a time",
}


@dataclass(frozen=True, slots=True)
class Refusal:
    """One refused connection: its ``cause`` (a key of :data:`CAUSES`), the ``code`` it was
    refused with, the server's ``message``, the error's ``data`` if any, and when (``at``)."""

    cause: str
    code: int
    message: str
    data: Any
    at: float


class Refusals:
    """The last refusal per cause, and the host's comings and goings, for messages."""

    def __init__(self) -> None:
        self.last: dict[str, Refusal] = {}
        self.host_seen = False
        """Whether a host ever said hello to this server."""
        self.host_left_at: float | None = None
        """When the last host disconnected (None: one is connected, or none ever was)."""

    def refused(self, code: int, message: str, data: Any, now: float) -> Refusal:
        """Record a refused connection (``code``: the close code or HTTP status)."""
        cause = CAUSES.get(code, f"close-{code}")
        if cause == "unauthorized" and message.startswith("no rpc.hello"):
            cause = "hello-timeout"
        refusal = Refusal(cause, code, message, data, now)
        self.last[cause] = refusal
        return refusal

    def attached(self) -> None:
        """A host said hello: the refusals before it no longer explain anything."""
        self.host_seen = True
        self.host_left_at = None
        self.last.clear()

    def detached(self, now: float) -> None:
        """The host's socket closed at ``now``."""
        self.host_left_at = now

    def diagnosis(
        self, now: float, since: float = float("-inf"), *, host_name: str = "After Effects"
    ) -> tuple[str, dict[str, Any]]:
        """Why no host is connected, as a sentence, and as data (``refusals``: the last one per
        cause since ``since``, newest first; ``host_seen``; ``host_left_s_ago``). ``host_name``
        names the host application in the sentence."""
        recent = sorted(
            (r for r in self.last.values() if r.at >= since), key=lambda r: r.at, reverse=True
        )
        data: dict[str, Any] = {
            "refusals": [
                {
                    "cause": r.cause,
                    "code": r.code,
                    "message": r.message,
                    "data": r.data,
                    "seconds_ago": round(now - r.at, 3),
                }
                for r in recent
            ],
            "host_seen": self.host_seen,
        }
        if self.host_left_at is not None:
            data["host_left_s_ago"] = round(now - self.host_left_at, 3)
        if recent:
            parts = []
            for r in recent:
                hint = _HINTS.get(r.cause, "").format(host=host_name)
                parts.append(
                    f"{now - r.at:.1f} s ago ({'HTTP' if r.code < 1000 else 'close'} "
                    f"{r.code}): {r.message}" + (f" -- {hint}" if hint else "")
                )
            if len(parts) == 1:
                text = f"the server refused a connection {parts[0]}"
            else:
                listed = " | ".join(f"{i}) {part}" for i, part in enumerate(parts, 1))
                text = f"the server refused connections, the last of each cause: {listed}"
        elif self.host_left_at is not None:
            text = f"the host disconnected {now - self.host_left_at:.1f} s ago and did not return"
        elif not self.host_seen:
            text = (
                f"no panel has tried to connect: is the aerpc panel installed, and was "
                f"{host_name} started with AERPC_URL and AERPC_TOKEN in its environment "
                "(server.launch_env())?"
            )
        else:
            text = "no host is connected"
        return text, data
