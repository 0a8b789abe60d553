"""Shared pieces of the security tests (issue 13): a small contract, its pipeline handlers, a
server on its own thread and loop (port 0 on 127.0.0.1), raw sockets, and memory readings.

Every wait is bounded (``WAIT``) and waits on an event or a reply, never on a sleep."""

from __future__ import annotations

import asyncio
import json
import select
import subprocess
import sys
import threading
from collections.abc import AsyncIterator, Coroutine, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any, TypeVar

import aiohttp

from aerpc.runtime import Contract, PublicError, Server

from ..raw_websocket import closed_with as closed_with  # re-exported for the tests
from ..raw_websocket import raw_socket as raw_socket
from ..raw_websocket import receive as receive
from ..raw_websocket import send as send

T = TypeVar("T")

WAIT = 20.0
"""The bound of every wait on an event in these tests."""

CONTRACT = Contract.from_file(
    Path(__file__).resolve().parents[1] / "fixtures" / "security" / "door.openrpc.json"
)


class Door:
    """The pipeline handlers of the door contract. ``hang`` blocks its thread until
    ``release`` is set (set when the test ends); ``wait`` does the same on the loop."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.hanging = 0
        self.entered = threading.Condition()
        self.notes: list[str] = []
        self._async_release: asyncio.Event | None = None

    def ping(self) -> str:
        return "pong"

    def hang(self) -> None:
        with self.entered:
            self.hanging += 1
            self.entered.notify_all()
        self.release.wait(120)

    def wait_hanging(self, count: int, timeout: float = 10.0) -> int:
        """How many ``hang`` calls have entered, once ``count`` have (or ``timeout`` passed): a
        handler's thread may begin after its caller was already answered -32012."""
        with self.entered:
            self.entered.wait_for(lambda: self.hanging >= count, timeout)
            return self.hanging

    async def wait(self) -> None:
        if self._async_release is None:
            self._async_release = asyncio.Event()
        await self._async_release.wait()

    def lookup(self, *, what: str) -> object:
        return {"nan": float("nan"), "inf": float("inf"), "set": {1}, "ok": [1, "a"]}[what]

    def fail(self, *, public: bool) -> None:
        if public:
            raise PublicError("the workfile is locked by another user")
        raise RuntimeError("cannot open /home/ann/secret-project/token.txt")

    def note(self, *, text: str) -> None:
        self.notes.append(text)

    def blob(self, *, size: int) -> str:
        return "x" * size


class Running:
    """A :class:`Server` on its own thread; ``run`` runs a coroutine on a private loop thread
    (the test's clients), so the server's loop and the clients' are apart."""

    def __init__(self, server: Server):
        self.server = server
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = WAIT * 3) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(WAIT)
        self.loop.close()


def door_server(handlers: object | None = None, **kwargs: Any) -> Server:
    """A server of the door contract (port 0), not started: add routes, then :func:`started`."""
    kwargs.setdefault("contract", CONTRACT)
    return Server(handlers if handlers is not None else Door(), **kwargs)


@contextmanager
def started(server: Server) -> Iterator[Running]:
    """Start ``server``; stop it (and release its hung handlers) after the block."""
    server.start()
    stage = Running(server)
    try:
        yield stage
    finally:
        if isinstance(server.handlers, Door):
            server.handlers.release.set()
        stage.close()
        server.stop()


@contextmanager
def running(handlers: object | None = None, **kwargs: Any) -> Iterator[Running]:
    """A started server of the door contract (port 0), stopped after the block."""
    with started(door_server(handlers, **kwargs)) as stage:
        yield stage


def hello(token: str, *, id: object = "hello", **params: Any) -> dict[str, Any]:
    """An ``rpc.hello`` request of this contract (a tool unless ``role`` is given)."""
    body: dict[str, Any] = {
        "token": token,
        "role": "tool",
        "instance": "security-test",
        "schema": CONTRACT.identity,
    }
    body.update(params)
    return {"jsonrpc": "2.0", "id": id, "method": "rpc.hello", "params": body}


@asynccontextmanager
async def connected(
    server: Server, *, origin: str | None = None, **hello_params: Any
) -> AsyncIterator[tuple[aiohttp.ClientWebSocketResponse, dict[str, Any]]]:
    """A raw socket that said hello: the socket and the hello result."""
    async with raw_socket(server.url, origin, max_msg_size=0) as ws:
        await send(ws, hello(server.token, **hello_params))
        reply = await receive(ws)
        assert "result" in reply, reply
        yield ws, reply["result"]


def request(id: object, method: str, **params: Any) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": id, "method": method, "params": params}


def peak_rss() -> int:
    """The process's peak resident memory since :func:`reset_peak_rss` (bytes; Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def reset_peak_rss() -> int:
    """Reset the peak to the current resident memory (Linux ``clear_refs`` 5); returns it."""
    Path("/proc/self/clear_refs").write_text("5")
    return peak_rss()


class DoorProcess:
    """A door-contract server in a child process (``door_server.py``): its ``url``, ``token``
    and ``pid``, and its memory (:meth:`rss`, :meth:`peak_rss`)."""

    def __init__(self, options: dict[str, Any]):
        script = Path(__file__).with_name("door_server.py")
        self.proc = subprocess.Popen(
            [sys.executable, str(script), json.dumps(options)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        line = _readline(self.proc, WAIT)
        ready = json.loads(line)
        self.url: str = ready["url"]
        self.token: str = ready["token"]
        self.pid: int = ready["pid"]
        self.port = int(self.url.rsplit(":", 1)[1].split("/", 1)[0])

    def _status(self, field: str) -> int:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
        raise RuntimeError(f"no {field} in /proc/{self.pid}/status")

    def rss(self) -> int:
        """Its resident memory now (bytes)."""
        return self._status("VmRSS")

    def reset_peak(self) -> int:
        """Reset its peak resident memory to the current one; returns it."""
        Path(f"/proc/{self.pid}/clear_refs").write_text("5")
        return self._status("VmHWM")

    def peak_rss(self) -> int:
        """Its peak resident memory since :meth:`reset_peak`."""
        return self._status("VmHWM")

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        try:
            self.proc.wait(WAIT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(WAIT)
        assert self.proc.stdout is not None
        self.proc.stdout.close()


def _readline(proc: subprocess.Popen[str], timeout: float) -> str:
    """The child's first line of output, within ``timeout`` (killed if it says nothing)."""
    assert proc.stdout is not None
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    line = proc.stdout.readline() if ready else ""
    if not line:
        proc.kill()
        proc.wait(timeout)
        raise RuntimeError("the door server process did not start")
    return line


@contextmanager
def door_process(**options: Any) -> Iterator[DoorProcess]:
    """A started :class:`DoorProcess` (``options``: ``Server`` keyword arguments), stopped
    after the block."""
    server = DoorProcess(options)
    try:
        yield server
    finally:
        server.close()
