"""What the host is busy with, as a console command tells its user: "waiting behind render
(42 s)" while a call waits, and the one line after Ctrl-C (was the call still running?).

Both read the server's host status (``aerpc.hosts``: the call running in After Effects, its
caller and seconds, and the calls waiting) through the command's tool connection.
"""

from __future__ import annotations

from typing import Any

from aerpc.runtime import LocalError, RemoteError, RemoteHost
from aerpc.tooling.output import duration_text

__all__ = ["host_status", "interrupted_line", "waiting_behind"]


def host_status(remote: RemoteHost) -> dict[str, Any] | None:
    """The connected host's status, or None (no host, or the server did not answer)."""
    try:
        hosts = remote.hosts_blocking()
    except (RemoteError, LocalError, OSError, TimeoutError, RuntimeError):
        return None
    for host in hosts:
        status = host.get("status")
        if isinstance(status, dict):
            return status
    return None


def _running(status: dict[str, Any] | None) -> dict[str, Any] | None:
    running = status.get("running") if status is not None else None
    return running if isinstance(running, dict) else None


def waiting_behind(remote: RemoteHost) -> str | None:
    """``"render (42 s, for pipeline)"`` while a call of someone else runs in After Effects
    (so this tool's call waits behind it), else None."""
    running = _running(host_status(remote))
    if running is None or running.get("session") == remote.session:
        return None
    elapsed = running.get("elapsed_s")
    seconds = duration_text(elapsed) if isinstance(elapsed, int | float) else "?"
    return f"{running.get('method')} ({seconds}, for {running.get('caller')})"


def interrupted_line(remote: RemoteHost, method: str, prog: str) -> str:
    """The one line after Ctrl-C cancelled this tool's call of ``method``: whether it still
    runs in After Effects (a script cannot be stopped there), and how to see it."""
    status = host_status(remote)
    if status is None:
        return (
            f"{prog}: interrupted {method}; the server did not say whether After Effects had "
            "started it, so it may still run: see `aerpc hosts`"
        )
    running = _running(status)
    if running is not None and running.get("session") == remote.session:
        elapsed = running.get("elapsed_s")
        seconds = duration_text(elapsed) if isinstance(elapsed, int | float) else "?"
        return (
            f"{prog}: interrupted {method}, which is still running in After Effects "
            f"({seconds} so far) and may complete and apply; `aerpc hosts` shows when it ends"
        )
    return (
        f"{prog}: interrupted {method} before After Effects started it; it was cancelled and "
        "does not run (`aerpc hosts` shows what runs)"
    )
