"""The server's websocket address from what a user types.

``aerpc serve`` prints ``ws://HOST:PORT/ws``; users also type ``http://HOST:PORT``,
``ws://HOST:PORT/`` or ``HOST:PORT``. Each of those means the same server; anything else that
cannot be read as an address is refused with one line saying what form to give.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

__all__ = ["ws_url"]

_SCHEMES = {"ws": "ws", "wss": "wss", "http": "ws", "https": "wss"}


def ws_url(text: str) -> str:
    """``ws://HOST:PORT/ws`` for ``text`` (ValueError naming the expected form if unreadable)."""
    raw = text.strip()
    if "://" not in raw:
        raw = f"ws://{raw}"
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError:
        parts, port = None, None
    if parts is None or parts.scheme not in _SCHEMES or not parts.hostname or port is None:
        raise ValueError(
            f"cannot read the server address {text!r}: give ws://HOST:PORT/ws "
            "(as `aerpc serve` prints it; http://HOST:PORT and HOST:PORT work too)"
        )
    path = parts.path if parts.path not in ("", "/") else "/ws"
    return urlunsplit((_SCHEMES[parts.scheme], parts.netloc, path, parts.query, ""))
