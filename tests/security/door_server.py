"""A server of the door contract in a process of its own, for the tests that read the server's
memory (its resident set, apart from the test's clients).

Run as ``python door_server.py '<json>'`` (the JSON: ``Server`` keyword arguments, ``limits`` as
a dict of :class:`ServerLimits` fields); prints one JSON line, ``{"url", "token", "pid"}``, once
it listens, and serves until its stdin closes."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from aerpc.runtime import Contract, Server, ServerLimits

CONTRACT = Path(__file__).resolve().parents[1] / "fixtures" / "security" / "door.openrpc.json"


class Handlers:
    """The door's pipeline methods that answer at once."""

    def ping(self) -> str:
        return "pong"

    def blob(self, *, size: int) -> str:
        return "x" * size

    def lookup(self, *, what: str) -> object:
        return what

    def note(self, *, text: str) -> None:
        return None


def main() -> None:
    options = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    if "limits" in options:
        options["limits"] = ServerLimits(**options["limits"])
    server = Server(Handlers(), contract=Contract.from_file(CONTRACT), **options)
    with server:
        print(json.dumps({"url": server.url, "token": server.token, "pid": os.getpid()}))
        sys.stdout.flush()
        sys.stdin.read()


if __name__ == "__main__":
    main()
