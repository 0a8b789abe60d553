"""The simulated After Effects: the generated CEP panel running in node, driven from Python.

:class:`SimulatedPanel` starts ``node runtime/cep/node/run-panel.js --control ...`` (the
generated panel over a simulated After Effects object model) and speaks its control protocol:
commands on stdin, tagged replies and events (``status``, ``eval``, ``call``, ``busy``) on
stdout, status lines on stderr. It lets plugin authors test their pipeline code against the
simulated After Effects, as this project's own tests do::

    server = aftereffects.server(handlers=MyPipeline(), port=0)
    server.start()
    with SimulatedPanel(["--sim-project", "demo"], env=panel_env(server.launch_env())) as panel:
        ae = AfterEffects(server.wait_for_host(timeout=20))
        ...
        assert panel.run("app.project.numItems") > 0

It needs node 20 or later, nothing else: the panel, the harness, the simulator and the ``ws``
package come with aerpc (:mod:`aerpc.runtime.assets`); :func:`simulator_missing` says what is
missing. A panel process that ends before it reports anything raises :class:`PanelStartError`
with node's stderr at once. Every wait is bounded (``timeout``, default
:data:`WAIT`) and waits on what the process reports, never on a sleep.
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
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from pathlib import Path
from types import TracebackType
from typing import Any

from . import assets

__all__ = [
    "REPO_ROOT",
    "RUN_PANEL",
    "WAIT",
    "Event",
    "PanelScriptError",
    "PanelStartError",
    "SimulatedPanel",
    "panel_env",
    "simulator_missing",
]

REPO_ROOT = assets.ROOT
"""The folder holding ``runtime/cep`` and ``generated/cep``: the wheel's package data, or the
source tree of an editable install."""
RUN_PANEL = REPO_ROOT / "runtime" / "cep" / "node" / "run-panel.js"
PANEL_JS = REPO_ROOT / "generated" / "cep" / "aerpc-panel.js"
WAIT = 20.0
"""The default bound of every wait, in seconds."""

Event = dict[str, Any]
"""One JSON object the panel process wrote on stdout (an event or a reply)."""


class PanelScriptError(Exception):
    """ExtendScript run through the control protocol (:meth:`SimulatedPanel.run`) threw."""


class PanelStartError(RuntimeError):
    """node, or the panel script, could not start: the message holds the reason (node's stderr)."""


def simulator_missing() -> str | None:
    """Why the simulated After Effects cannot run here, or ``None`` when it can."""
    problem = assets.node_problem()
    if problem is not None:
        return problem
    if not (REPO_ROOT / "node_modules" / "ws").is_dir():
        return f"{REPO_ROOT / 'node_modules' / 'ws'} is missing (in a source tree: run `npm ci`)"
    for path in (RUN_PANEL, PANEL_JS):
        if not path.is_file():
            return f"{path} is missing (in a source tree: run `aerpc generate`)"
    return None


def panel_env(launch_env: Mapping[str, str] | None = None, **extra: str) -> dict[str, str]:
    """This process's environment without ``AERPC_*``/``WEBSOCKET*`` variables, plus
    ``launch_env`` (what After Effects would get: ``server.launch_env()``) and ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AERPC_", "WEBSOCKET"))}
    env.update(launch_env or {})
    env.update(extra)
    return env


class SimulatedPanel:
    """``node run-panel.js --control *args``: the generated panel on a simulated After Effects.

    Events are kept in :attr:`events` (in order; :meth:`mark` and :meth:`wait_event` wait for
    what happens from a point on), stderr lines in :attr:`stderr`. ``env`` defaults to
    :func:`panel_env` (no ``AERPC_*``: pass ``--url``/``--token`` or a server's launch env).
    Stop it with :meth:`stop` (SIGTERM) or :meth:`kill` (SIGKILL), or use it as a context manager.
    """

    def __init__(
        self,
        args: Sequence[str] = (),
        env: Mapping[str, str] | None = None,
        *,
        cwd: Path | None = None,
        timeout: float = WAIT,
        name: str = "aerpc-panel",
    ) -> None:
        problem = assets.node_problem()
        node = shutil.which("node")
        if problem is not None or node is None:
            raise PanelStartError(problem or "node is not on PATH")
        self.args = list(args)
        self.timeout = timeout
        self.proc = subprocess.Popen(
            [node, str(RUN_PANEL), "--control", *self.args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=dict(env) if env is not None else panel_env(),
            cwd=cwd,
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
        self._stdout_done = False
        self._readers = [
            threading.Thread(target=self._read_stdout, name=f"{name}-stdout", daemon=True),
            threading.Thread(target=self._read_stderr, name=f"{name}-stderr", daemon=True),
        ]
        for reader in self._readers:
            reader.start()
        self._wait_started()

    def _wait_started(self) -> None:
        """Return once the panel reported its first event; raise :class:`PanelStartError` when
        the process ended (or said nothing within ``timeout``) before that."""
        deadline = time.monotonic() + self.timeout
        with self._changed:
            while not self.events and not self._stdout_done:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
            if self.events:
                return
        ended = self.proc.poll() is not None or self._stdout_done
        code = self.kill()
        how = f"exited with code {code}" if ended else f"reported nothing within {self.timeout} s"
        raise PanelStartError(
            f"the simulated After Effects (node {RUN_PANEL}) {how} before it started\n{self.log()}"
        )

    # -- reading ------------------------------------------------------------------------------

    def _read_stdout(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            message: Event = json.loads(line)
            with self._changed:
                if "event" in message:
                    self.events.append(message)
                else:
                    tag = message.get("tag")
                    replies = self._replies.pop(tag, None) if isinstance(tag, int) else None
                    if replies is not None:
                        replies.put(message)
                self._changed.notify_all()
        with self._changed:
            self._stdout_done = True
            self._changed.notify_all()

    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            with self._changed:
                self.stderr.append(line.rstrip("\n"))
                self._changed.notify_all()

    # -- commands -----------------------------------------------------------------------------

    def send(self, op: str, fields: Mapping[str, object] | None = None) -> queue.Queue[Event]:
        """Send a command; returns the queue its one reply will arrive on."""
        replies: queue.Queue[Event] = queue.Queue()
        with self._lock:
            self._tag += 1
            tag = self._tag
            self._replies[tag] = replies
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({**(fields or {}), "op": op, "tag": tag}) + "\n")
        self.proc.stdin.flush()
        return replies

    def reply(self, op: str, replies: queue.Queue[Event], timeout: float | None = None) -> Event:
        """The reply on ``replies`` (from :meth:`send`), waited for at most ``timeout``."""
        limit = self.timeout if timeout is None else timeout
        try:
            return replies.get(timeout=limit)
        except queue.Empty:
            raise TimeoutError(f"no reply to {op} within {limit} s\n{self.log()}") from None

    def command(self, op: str, timeout: float | None = None, **fields: object) -> Event:
        """Send a command and wait for its reply: ``{"ok": True, "result": ...}`` or
        ``{"ok": False, "error": {name, code, message, data}}``."""
        return self.reply(op, self.send(op, fields), timeout)

    def call(
        self,
        method: str,
        params: Mapping[str, object],
        timeout_ms: int | None = None,
        timeout: float | None = None,
    ) -> Event:
        """A pipeline call made by the panel (``panel.call``); returns the reply."""
        fields: dict[str, object] = {"method": method, "params": dict(params)}
        if timeout_ms is not None:
            fields["timeoutMs"] = timeout_ms
        return self.reply("call", self.send("call", fields), timeout)

    def run(self, source: str, timeout: float | None = None) -> Any:
        """Run ExtendScript in the panel's host engine (outside the evalScript queue: test
        set-up and inspection) and return its value; :class:`PanelScriptError` if it throws."""
        reply = self.command("run", timeout, source=source)
        if not reply["ok"]:
            error = reply["error"]
            raise PanelScriptError(f"{error['name']}: {error['message']}\n{source}")
        return reply["result"]

    # -- events -------------------------------------------------------------------------------

    def mark(self) -> int:
        """The index of the next event: pass as ``start`` to wait for what happens from now."""
        with self._lock:
            return len(self.events)

    def wait_event(
        self, predicate: Callable[[Event], bool], timeout: float | None = None, start: int = 0
    ) -> Event:
        """The first event (from index ``start``) matching ``predicate``; :class:`TimeoutError`
        when none came within ``timeout`` or the process ended."""
        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        with self._changed:
            while True:
                for event in self.events[start:]:
                    if predicate(event):
                        return event
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    raise TimeoutError(f"no matching event within {limit} s\n{self.log()}")
                self._changed.wait(left)

    def evals(self, phase: str = "start") -> list[Event]:
        """The ``eval`` events of ``phase`` (``held``, ``start`` or ``done``) so far."""
        with self._lock:
            return [e for e in self.events if e["event"] == "eval" and e["phase"] == phase]

    def log(self) -> str:
        """The last lines of the process's stderr, for failure messages."""
        with self._lock:
            return "stderr of the panel:\n" + "\n".join(self.stderr[-40:])

    # -- ending -------------------------------------------------------------------------------

    def stop(self) -> int:
        """SIGTERM (the panel closes its socket and exits), then wait, bounded; returns the
        exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self._finish()

    def kill(self) -> int:
        """SIGKILL: the page and its JavaScript are gone at once (a crash or a reload)."""
        if self.proc.poll() is None:
            self.proc.kill()
        return self._finish()

    def _finish(self) -> int:
        try:
            code = self.proc.wait(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait(timeout=self.timeout)
        for reader in self._readers:
            reader.join(timeout=self.timeout)
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            if stream is not None:
                with suppress(BrokenPipeError):
                    stream.close()
        return code

    def __enter__(self) -> SimulatedPanel:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
