"""Qt tests: a real QApplication (pytest-qt, offscreen) against the simulated After Effects.

One in-process server and one simulated panel (the built extension's panel in node, on the demo
project) serve the whole folder. Each test starts with the blocking facade's Qt check in its
default state (warn once, not yet warned) and leaves the one-time warning spent, so that later
suites of the same pytest process, whose blocking calls run on the thread that now holds a
QApplication, do not report it.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any QApplication exists

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from aerpc.aftereffects import CONTRACT, AsyncAfterEffects
from aerpc.runtime import Host, Server, qt_thread
from aerpc.testing.simulator import REPO_ROOT, SimulatedPanel, panel_env, simulator_missing

WAIT = 20.0  # the bound of every wait in these tests
MISSING = simulator_missing()


@dataclass
class Sim:
    """The server's host channel and the simulated panel behind it."""

    server: Server
    panel: SimulatedPanel
    host: Host
    work_dir: Path

    @property
    def ae(self) -> AsyncAfterEffects:
        return AsyncAfterEffects(self.host)

    def slow_script(self, ms: int, value: str) -> Path:
        """A .jsx file that keeps After Effects busy for ``ms`` (ExtendScript's $.sleep blocks
        the whole engine, as a long import or render does) and then evaluates to ``value``."""
        path = self.work_dir / f"slow_{ms}_{value}.jsx"
        path.write_text(f'$.sleep({ms}); "{value}";\n', encoding="utf-8")
        return path

    def requests(self, method: str, start: int = 0) -> list[dict[str, object]]:
        """The requests for ``method`` the panel received from event index ``start`` on."""
        return [
            e
            for e in self.panel.events[start:]
            if e["event"] == "request" and e.get("method") == method
        ]


@pytest.fixture(scope="package")
def sim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sim]:
    if MISSING is not None:
        pytest.skip(f"the simulated After Effects cannot run here: {MISSING}")
    work_dir = tmp_path_factory.mktemp("qt-sim")
    server = Server(port=0, contract=CONTRACT)
    server.start()
    try:
        with SimulatedPanel(
            ["--no-launched", "--sim-project", "demo", "--work-dir", str(work_dir)],
            panel_env(server.launch_env()),
            cwd=REPO_ROOT,
            timeout=WAIT,
            name="qt-panel",
        ) as panel:
            host = server.wait_for_host(timeout=WAIT)
            yield Sim(server, panel, host, work_dir)
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def qt_check_state() -> Iterator[None]:
    qt_thread.refuse_blocking_on_qt_main_thread(False)
    qt_thread._state["warned"] = False
    yield
    qt_thread.refuse_blocking_on_qt_main_thread(False)
    qt_thread._state["warned"] = True
