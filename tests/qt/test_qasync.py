"""The asyncio-throughout path for standalone Qt tools: qasync's loop is Qt's, the server and
the async client run on it, a Qt timer keeps firing while a call waits."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import qasync
from pytestqt.qtbot import QtBot
from qtpy.QtCore import QTimer
from qtpy.QtWidgets import QApplication

from aerpc.aftereffects import CONTRACT, AsyncAfterEffects, ItemNotFound
from aerpc.aftereffects.types import ProjectItem
from aerpc.runtime import Server
from aerpc.testing.simulator import REPO_ROOT, SimulatedPanel, panel_env

from .conftest import WAIT


async def _tool(work_dir: Path, ticks: list[int]) -> tuple[list[ProjectItem], str, int]:
    async with Server(port=0, contract=CONTRACT) as server:
        with SimulatedPanel(
            ["--no-launched", "--sim-project", "demo", "--work-dir", str(work_dir)],
            panel_env(server.launch_env()),
            cwd=REPO_ROOT,
            timeout=WAIT,
            name="qasync-panel",
        ):
            ae = AsyncAfterEffects(await server.wait_for_host_async(WAIT))
            script = work_dir / "slow.jsx"
            script.write_text('$.sleep(300); "slept";\n', encoding="utf-8")
            before = len(ticks)
            await ae.run_jsx_file(path=script)
            ticked = len(ticks) - before
            items = await ae.get_items(comps=True)
            error = "no error"
            try:
                await ae.get_comp_properties(comp_id=987654)
            except ItemNotFound as exc:
                error = type(exc).__name__
            return items, error, ticked


def test_round_trip_through_qasync(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(threading.get_ident()))
    timer.start(10)
    loop = qasync.QEventLoop(qapp)
    try:
        items, error, ticked = loop.run_until_complete(
            asyncio.wait_for(_tool(tmp_path, ticks), WAIT)
        )
    finally:
        timer.stop()
        loop.close()
    assert items
    assert all(item["type"] == "comp" for item in items)
    assert error == "ItemNotFound"
    assert ticked > 0, "the Qt timer did not run while the call waited"
    assert set(ticks) == {threading.get_ident()}
