"""Shared pieces of the CEP tests: the real Python server, pipeline handlers that record what
the panel asked, and the generated panel running in node (``runtime/cep/node/run-panel.js``)
as a subprocess driven through its ``--control`` stdin/stdout protocol.

Every wait is bounded (``WAIT``), every socket is on 127.0.0.1 with port 0, and synchronisation
is on events reported by the panel process, never on sleeps.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from aerpc.aftereffects import CONTRACT
from aerpc.runtime import RemoteError, Server
from aerpc.testing.simulator import Event as Event  # re-exported for the tests
from aerpc.testing.simulator import SimulatedPanel, simulator_missing
from aerpc.testing.simulator import panel_env as simulator_panel_env

ROOT = Path(__file__).resolve().parents[2]
PANEL_JS = ROOT / "generated" / "cep" / "aerpc-panel.js"
HOST_JSX = ROOT / "generated" / "cep" / "aerpc-host.jsx"
WAIT = 20.0  # the bound of every wait in these tests

Json = Any


def cep_build() -> ModuleType:
    """runtime/cep/build.py (`make cep`) as a module: it is a script, not a package."""
    spec = importlib.util.spec_from_file_location("aerpc_cep_build", ROOT / "runtime/cep/build.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _missing() -> str | None:
    if not HOST_JSX.is_file():
        return f"{HOST_JSX.relative_to(ROOT)} is missing: run `aerpc generate`"
    return simulator_missing()


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


class PanelProcess(SimulatedPanel):
    """``node run-panel.js --control *args`` with ``env``, bounded by :data:`WAIT`."""

    def __init__(self, args: list[str], env: dict[str, str]):
        super().__init__(args, env, timeout=WAIT)


def start_server(handlers: object | None = None, **options: Any) -> Server:
    options.setdefault("contract", CONTRACT)
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
    return simulator_panel_env(server.launch_env() if server is not None else None, **extra)


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
