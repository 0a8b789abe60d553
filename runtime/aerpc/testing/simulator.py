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

:class:`ServeProcess` runs ``aerpc serve`` (a relaying server) in a process of its own, for
tests of tools: the simulated After Effects connects to it as its host, the test process is a
tool (:class:`~aerpc.runtime.RemoteHost`)::

    with ServeProcess(work_dir=tmp) as serve, SimulatedPanel(
        ["--sim-project", "demo"], env=panel_env(serve.launch_env)
    ) as panel, RemoteHost(serve.url, serve.token, contract=CONTRACT) as host:
        print(AfterEffects(host).get_items(comps=True))

The panel needs node 20 or later, nothing else: the panel, the harness, the simulator and the
``ws`` package come with aerpc (:mod:`aerpc.runtime.assets`); :func:`simulator_missing` says
what is missing. A panel process that ends before it reports anything raises
:class:`PanelStartError` with node's stderr at once (a serve process: :class:`ServeStartError`).
Every wait is bounded (``timeout``, default :data:`WAIT`) and waits on what the process
reports, never on a sleep.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from aerpc.runtime import assets
from aerpc.runtime.contract import Contract
from aerpc.runtime.remote import RemoteHost

__all__ = [
    "REPO_ROOT",
    "RUN_PANEL",
    "WAIT",
    "Event",
    "PanelScriptError",
    "PanelStartError",
    "ServeProcess",
    "ServeStartError",
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


class ServeStartError(RuntimeError):
    """``aerpc serve`` ended, or said nothing, before it was ready: the message holds its exit
    code and stderr."""


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


class _ChildProcess:
    """What the two test processes share: stdout and stderr read on threads that report under
    one condition, bounded waits on it, stderr for failure messages, and a bounded stop."""

    def __init__(self, proc: subprocess.Popen[str], *, timeout: float, label: str) -> None:
        self.proc = proc
        self.timeout = timeout
        self.stderr: list[str] = []
        self.returncode: int | None = None
        self._label = label
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._stdout_done = False
        self._readers: list[threading.Thread] = []

    def _start_readers(self, name: str, read_stdout: Callable[[], None]) -> None:
        """Read stdout with ``read_stdout`` (which calls :meth:`_stdout_ended` at its end) and
        stderr into :attr:`stderr`, each on a daemon thread."""
        self._readers = [
            threading.Thread(target=read_stdout, name=f"{name}-stdout", daemon=True),
            threading.Thread(target=self._read_stderr, name=f"{name}-stderr", daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            with self._changed:
                self.stderr.append(line.rstrip("\n"))
                self._changed.notify_all()

    def _stdout_ended(self) -> None:
        with self._changed:
            self._stdout_done = True
            self._changed.notify_all()

    def _wait_until(self, ready: Callable[[], bool]) -> bool:
        """Wait, at most ``timeout``, until ``ready()`` (called under the lock) holds or stdout
        ended; whether it holds."""
        deadline = time.monotonic() + self.timeout
        with self._changed:
            while not ready() and not self._stdout_done:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(left)
            return ready()

    def _give_up_starting(self, waiting_for: str) -> str:
        """Kill the process that did not start; how it failed, for the error's message."""
        ended = self.proc.poll() is not None or self._stdout_done
        code = self.kill()
        return f"exited with code {code}" if ended else f"{waiting_for} within {self.timeout} s"

    def log(self) -> str:
        """The last lines of the process's stderr, for failure messages."""
        with self._changed:
            return f"stderr of {self._label}:\n" + "\n".join(self.stderr[-40:])

    def stop(self) -> int:
        """SIGTERM (the process closes its sockets and exits), then wait, bounded (SIGKILL past
        ``timeout``); returns the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        return self._finish()

    def kill(self) -> int:
        """SIGKILL: the process and its JavaScript are gone at once (a crash or a reload)."""
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
        self.returncode = code
        return code

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


class SimulatedPanel(_ChildProcess):
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
        proc = subprocess.Popen(
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
        super().__init__(proc, timeout=timeout, label="the panel")
        self.events: list[Event] = []
        self._replies: dict[int, queue.Queue[Event]] = {}
        self._tag = 0
        self._start_readers(name, self._read_stdout)
        self._wait_started()

    def _wait_started(self) -> None:
        """Return once the panel reported its first event; raise :class:`PanelStartError` when
        the process ended (or said nothing within ``timeout``) before that."""
        if self._wait_until(lambda: bool(self.events)):
            return
        how = self._give_up_starting("reported nothing")
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
        self._stdout_ended()

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
                    break
                self._changed.wait(left)
        # (the log is read outside the lock: ``log`` takes it, and it is not reentrant)
        raise TimeoutError(f"no matching event within {limit} s\n{self.log()}")

    def evals(self, phase: str = "start") -> list[Event]:
        """The ``eval`` events of ``phase`` (``held``, ``start`` or ``done``) so far."""
        with self._lock:
            return [e for e in self.events if e["event"] == "eval" and e["phase"] == phase]


class ServeProcess(_ChildProcess):
    """``python -m aerpc.cli serve --port 0 --ready-file work_dir/serve-ready.json *args``.

    Returns once the server listens (it printed its banner, after writing the ready file), with
    :attr:`url`, :attr:`token` and :attr:`launch_env` (After Effects' environment) read from
    the ready file; :class:`ServeStartError` with the exit code and stderr when it ended or
    said nothing within ``timeout``. Its stdout and stderr lines are kept (:meth:`log`). Stop
    it with :meth:`stop` (SIGTERM, then SIGKILL past ``timeout``), or use it as a context
    manager; :attr:`returncode` is its exit code once stopped.
    """

    def __init__(
        self,
        args: Sequence[str] = (),
        env: Mapping[str, str] | None = None,
        *,
        work_dir: Path,
        timeout: float = WAIT,
        name: str = "aerpc-serve",
    ) -> None:
        self.ready_file = work_dir / "serve-ready.json"
        self.ready_file.unlink(missing_ok=True)
        command = [sys.executable, "-m", "aerpc.cli", "serve", "--port", "0"]
        proc = subprocess.Popen(
            [*command, "--ready-file", str(self.ready_file), *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**(panel_env() if env is None else env), "PYTHONUNBUFFERED": "1"},
            text=True,
            encoding="utf-8",
        )
        super().__init__(proc, timeout=timeout, label="aerpc serve")
        self.stdout: list[str] = []
        self._start_readers(name, self._read_stdout)
        try:
            ready = self._wait_ready()
            self.url: str = ready["url"]
            self.token: str = ready["token"]
            self.launch_env: dict[str, str] = dict(ready["launch_env"])
            self.pid: int = ready["pid"]
        except BaseException:
            self.kill()
            raise

    def _read_stdout(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            with self._changed:
                self.stdout.append(line.rstrip("\n"))
                self._changed.notify_all()
        self._stdout_ended()

    def _wait_ready(self) -> dict[str, Any]:
        if self._wait_until(self._banner):
            ready: dict[str, Any] = json.loads(self.ready_file.read_text(encoding="utf-8"))
            return ready
        raise ServeStartError(
            f"aerpc serve {self._give_up_starting('was not ready')}\n{self.log()}"
        )

    def tool(self, contract: Contract, *, host_instance: str | None = None) -> RemoteHost:
        """A started :class:`RemoteHost` on this server (stop it with ``stop()``); with
        ``host_instance``, returned once the server has that panel instance as its host."""
        arrived = threading.Event()

        def heard(event: str, host: Mapping[str, Any]) -> None:
            if event == "connected" and host.get("instance") == host_instance:
                arrived.set()

        remote = RemoteHost(self.url, self.token, contract=contract, on_host_event=heard).start()
        if host_instance is None:
            return remote
        listed = remote.hosts_blocking(watch=True)
        if any(h.get("instance") == host_instance for h in listed) or arrived.wait(self.timeout):
            return remote
        remote.stop()
        raise TimeoutError(
            f"aerpc serve did not list host {host_instance} within {self.timeout} s\n{self.log()}"
        )

    def _banner(self) -> bool:
        return any(line.startswith("# Windows") for line in self.stdout)  # its last line
