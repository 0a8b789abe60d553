"""Fixtures for the tools that reach After Effects through a pipeline's server: a relaying
``Server`` with the simulated After Effects (the generated panel in node on the demo project)
connected as its host. Every wait is bounded by ``WAIT``; sockets are 127.0.0.1, port 0."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec

import pytest

from aerpc.aftereffects import CONTRACT, AfterEffects
from aerpc.runtime import Host, Server
from aerpc.testing.simulator import REPO_ROOT, SimulatedPanel, panel_env, simulator_missing

WAIT = 20.0
P = ParamSpec("P")
MISSING = simulator_missing()


needs_simulator = pytest.mark.skipif(
    MISSING is not None, reason=f"needs the simulated After Effects: {MISSING}"
)
"""For a test that starts the simulated After Effects itself (the ``ae`` fixture is marked)."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if item.path.is_relative_to(Path(__file__).parent) and "ae" in fixtures:
            item.add_marker(needs_simulator)


def async_test(fn: Callable[P, Awaitable[None]]) -> Callable[P, None]:
    """Run an ``async def`` test in a fresh event loop, bounded."""

    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        async def bounded() -> None:
            async with asyncio.timeout(3 * WAIT):
                await fn(*args, **kwargs)

        asyncio.run(bounded())

    return run


def run_aerpc(
    *args: str, env: Mapping[str, str], stdin: str | None = None, timeout: float = WAIT
) -> subprocess.CompletedProcess[str]:
    """``python -m aerpc.cli *args`` in a process of its own with ``env``, its output captured;
    ``stdin`` is its whole input (none: an empty stdin). Bounded by ``timeout``."""
    return subprocess.run(
        [sys.executable, "-m", "aerpc.cli", *args],
        env=dict(env),
        input=stdin,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@contextlib.asynccontextmanager
async def relaying(**options: Any) -> AsyncIterator[Server]:
    """A ``Server`` for the After Effects contract in the test's loop, relaying unless
    ``relay=False``, on port 0 unless ``port`` is given; stopped on leaving."""
    options.setdefault("relay", True)
    options.setdefault("port", 0)
    server = Server(contract=CONTRACT, **options)
    await server.start_async()
    try:
        yield server
    finally:
        await server.stop_async()


def sim_panel(launch_env: Mapping[str, str], work_dir: Path) -> SimulatedPanel:
    """The simulated After Effects on the demo project, started with ``launch_env``."""
    return SimulatedPanel(
        ["--no-launched", "--sim-project", "demo", "--work-dir", str(work_dir)],
        panel_env(launch_env),
        cwd=REPO_ROOT,
        timeout=WAIT,
        name="tools-panel",
    )


def start_panel(server: Server, work_dir: Path) -> SimulatedPanel:
    """The simulated After Effects on the demo project, connected to ``server`` as its host."""
    panel = sim_panel(server.launch_env(), work_dir)
    try:
        server.wait_for_host(timeout=WAIT)
    except Exception as exc:
        panel.stop()
        raise AssertionError(f"the simulated panel did not connect: {exc}\n{panel.log()}") from exc
    return panel


@dataclass
class Ae:
    """A relaying server with the simulated After Effects as its host."""

    server: Server
    panel: SimulatedPanel

    @property
    def host(self) -> Host:
        return self.server.host

    @property
    def ae(self) -> AfterEffects:
        """Typed calls through the server's own host channel, to compare with."""
        return AfterEffects(self.server.host)

    def comp_id(self, name: str) -> int:
        ids = [c["id"] for c in self.ae.get_items(comps=True) if c["name"] == name]
        assert len(ids) == 1, ids
        return ids[0]

    @property
    def a_comp(self) -> int:
        """The id of a composition with layers in the demo project."""
        for comp in self.ae.get_items(comps=True):
            if self.ae.get_layers(comp_id=comp["id"]):
                return comp["id"]
        raise AssertionError("the demo project has no composition with layers")


@pytest.fixture(scope="module")
def ae(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ae]:
    server = Server(port=0, contract=CONTRACT, relay=True)
    server.start()
    try:
        panel = start_panel(server, tmp_path_factory.mktemp("ae"))
        try:
            yield Ae(server, panel)
        finally:
            panel.stop()
    finally:
        server.stop()
