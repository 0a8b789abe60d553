"""Shared pieces of the CEP tests: the real Python server, pipeline handlers that record what
the panel asked, and the generated panel running in node (``runtime/cep/node/run-panel.js``)
as a subprocess driven through its ``--control`` stdin/stdout protocol.

Every wait is bounded (``WAIT``), every socket is on 127.0.0.1 with port 0, and synchronisation
is on events reported by the panel process, never on sleeps.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from aerpc.runtime import RemoteError, Server

ROOT = Path(__file__).resolve().parents[2]
RUN_PANEL = ROOT / "runtime" / "cep" / "node" / "run-panel.js"
PANEL_JS = ROOT / "generated" / "cep" / "aerpc-panel.js"
HOST_JSX = ROOT / "generated" / "cep" / "aerpc-host.jsx"
NODE = shutil.which("node")
WAIT = 20.0  # the bound of every wait in these tests

Json = Any
Event = dict[str, Any]


def _missing() -> str | None:
    if NODE is None:
        return "node is not on PATH (the CEP tests run the generated panel in node)"
    if not (ROOT / "node_modules" / "ws").is_dir():
        return "node_modules/ws is missing: run `npm ci`"
    for path in (PANEL_JS, HOST_JSX):
        if not path.is_file():
            return f"{path.relative_to(ROOT)} is missing: run `aerpc generate`"
    return None


MISSING = _missing()
needs_node = pytest.mark.skipif(MISSING is not None, reason=f"CEP tests skipped: {MISSING}")


class PipelineError(RemoteError):
    """What the handlers raise to test error mapping (an unregistered application code)."""

    code = 4321
    default_message = "Pipeline refused"


class RecordingHandlers:
    """The pipeline's methods; each call is recorded and announced.

    ``open_tool(tool="script_editor")`` raises :class:`PipelineError`;
    ``workfile_template`` blocks until ``release`` is set (bounded).
    """

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, object]]] = []
        self.called = threading.Condition()
        self.release = threading.Event()
        self.blocking = threading.Event()

    def _record(self, method: str, **params: object) -> None:
        with self.called:
            self.calls.append((method, params))
            self.called.notify_all()

    def wait_call(self, method: str, timeout: float = WAIT) -> dict[str, object]:
        """The params of the first recorded call of ``method``."""
        with self.called:
            found = self.called.wait_for(
                lambda: any(m == method for m, _ in self.calls), timeout=timeout
            )
            assert found, f"the pipeline saw no {method} call within {timeout} s: {self.calls}"
            return next(p for m, p in self.calls if m == method)

    def apply_settings(self, *, what: str) -> None:
        self._record("apply_settings", what=what)

    def launched(self) -> None:
        self._record("launched")

    def open_tool(self, *, tool: str) -> None:
        self._record("open_tool", tool=tool)
        if tool == "script_editor":
            raise PipelineError("the script editor is disabled", {"tool": tool})

    def workfile_template(self, *, action: str) -> None:
        self._record("workfile_template", action=action)
        self.blocking.set()
        self.release.wait(WAIT)

    def version_up_workfile(self) -> None:
        self._record("version_up_workfile")

    def set_context(self, *, project: str, folder: str, task: str) -> None:
        self._record("set_context", project=project, folder=folder, task=task)


class PanelProcess:
    """``node run-panel.js --control``: commands on stdin, replies and events on stdout."""

    def __init__(self, args: list[str], env: dict[str, str]):
        assert NODE is not None
        self.args = args
        self.proc = subprocess.Popen(
            [NODE, str(RUN_PANEL), "--control", *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        self.events: list[Event] = []
        self.stderr: list[str] = []
        self._replies: dict[int, queue.Queue[Event]] = {}
        self._tag = 0
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._readers = [
            threading.Thread(target=self._read_stdout, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def _read_stdout(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            message: Event = json.loads(line)
            with self._changed:
                if "event" in message:
                    self.events.append(message)
                else:
                    tag = message.get("tag")
                    if isinstance(tag, int) and tag in self._replies:
                        self._replies[tag].put(message)
                self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            with self._changed:
                self.stderr.append(line.rstrip("\n"))
                self._changed.notify_all()

    def send(self, op: str, fields: Mapping[str, object] | None = None) -> queue.Queue[Event]:
        """Send a command; returns the queue its reply will arrive on."""
        with self._lock:
            self._tag += 1
            tag = self._tag
            replies: queue.Queue[Event] = queue.Queue()
            self._replies[tag] = replies
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({**(fields or {}), "op": op, "tag": tag}) + "\n")
        self.proc.stdin.flush()
        return replies

    def _wait(self, op: str, replies: queue.Queue[Event], timeout: float) -> Event:
        try:
            return replies.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"no reply to {op} within {timeout} s\n{self.log()}") from None

    def command(self, op: str, timeout: float = WAIT, **fields: object) -> Event:
        """Send a command and wait for its reply: ``{"ok": True, "result": ...}`` or
        ``{"ok": False, "error": ...}``."""
        return self._wait(op, self.send(op, fields), timeout)

    def call(self, method: str, params: dict[str, object], timeout_ms: int | None = None) -> Event:
        """A pipeline call made by the panel (``panel.call``)."""
        fields: dict[str, object] = {"method": method, "params": params}
        if timeout_ms is not None:
            fields["timeoutMs"] = timeout_ms
        return self._wait("call", self.send("call", fields), WAIT)

    def run(self, source: str) -> Json:
        """Run ExtendScript in the panel's host engine (test setup) and return its value."""
        reply = self.command("run", source=source)
        assert reply["ok"], reply
        return reply["result"]

    def wait_event(
        self, predicate: Callable[[Event], bool], timeout: float = WAIT, start: int = 0
    ) -> Event:
        """The first event (from index ``start``) matching ``predicate``."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for event in self.events[start:]:
                    if predicate(event):
                        return event
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    raise AssertionError(f"no matching event within {timeout} s\n{self.log()}")
                self._changed.wait(left)

    def mark(self) -> int:
        """The index of the next event: pass as ``start`` to wait for what happens from now."""
        with self._lock:
            return len(self.events)

    def log(self) -> str:
        with self._lock:
            return "stderr of the panel:\n" + "\n".join(self.stderr[-40:])

    def stop(self) -> int:
        """SIGTERM, then wait (bounded); returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait(timeout=WAIT)
        for reader in self._readers:
            reader.join(timeout=WAIT)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
        return code


def start_server(handlers: object | None = None, **options: Any) -> Server:
    server = Server(handlers=handlers, port=0, **options)
    server.start()
    return server


PanelFactory = Callable[..., PanelProcess]


@pytest.fixture
def handlers() -> RecordingHandlers:
    return RecordingHandlers()


@pytest.fixture
def server(handlers: RecordingHandlers) -> Iterator[Server]:
    srv = start_server(handlers)
    try:
        yield srv
    finally:
        handlers.release.set()
        srv.stop()


def panel_env(server: Server | None, **extra: str) -> dict[str, str]:
    """The environment After Effects would get from the pipeline (``server.launch_env()``)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AERPC_", "WEBSOCKET_URL"))}
    if server is not None:
        env.update(server.launch_env())
    env.update(extra)
    return env


@pytest.fixture
def start_panel() -> Iterator[PanelFactory]:
    """``start_panel(server, *args)``: a panel process against ``server``, stopped at teardown."""
    started: list[PanelProcess] = []

    def start(server: Server | None, *args: str, env: dict[str, str] | None = None) -> PanelProcess:
        panel = PanelProcess(list(args), env if env is not None else panel_env(server))
        started.append(panel)
        return panel

    yield start
    for panel in started:
        panel.stop()
