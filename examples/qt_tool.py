"""A loader-like Qt tool that never freezes: list the comps, import a file, show what runs.

    python examples/qt_tool.py                      # against the simulated After Effects
    python examples/qt_tool.py --screenshot out.png # render the window offscreen to a PNG

Every call goes through :class:`aerpc.qt.QtCalls`: the window stays live (the clock in the
status bar keeps ticking) while After Effects works, and results come back as signals on the
main thread. Needs ``pip install 'aerpc[qt]' PySide6`` (or another Qt binding) and node for the
simulator.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from qtpy.QtCore import QTimer
from qtpy.QtGui import QCloseEvent
from qtpy.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from simulated_ae import SimulatedAfterEffects

from aerpc.aftereffects import CONTRACT, AsyncAfterEffects
from aerpc.aftereffects.types import ImportResult, ProjectItem
from aerpc.qt import QtCall, QtCalls
from aerpc.runtime import HostChannel, Server


class Loader(QWidget):
    """The tool's window: a list of comps, two buttons, a busy bar and a status line."""

    def __init__(self, host: HostChannel, media_dir: Path) -> None:
        super().__init__()
        self.media_dir = media_dir
        self.setWindowTitle("Loader (aerpc.qt)")
        self.resize(460, 360)
        self.qt = QtCalls(self)
        self.ae = AsyncAfterEffects(host)
        self.comps = QListWidget()
        self.refresh = QPushButton("Refresh")
        self.load = QPushButton("Import file…")
        self.busy = QProgressBar()
        self.busy.setTextVisible(False)
        self.status = QLabel("ready")
        self.clock = QLabel()
        self.started = time.monotonic()
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh)
        buttons.addWidget(self.load)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.clock)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Compositions in the open project"))
        layout.addWidget(self.comps)
        layout.addLayout(buttons)
        layout.addWidget(self.busy)
        layout.addLayout(footer)
        self.refresh.clicked.connect(self.list_comps)
        self.load.clicked.connect(self.pick_file)
        self.ticker = QTimer(self)
        self.ticker.timeout.connect(self.tick)
        self.ticker.start(100)
        self.tick()

    def tick(self) -> None:  # proof of life: a frozen window stops this clock
        self.clock.setText(f"UI alive {time.monotonic() - self.started:5.1f} s")

    def running(self, what: str, call: QtCall[Any] | None = None) -> None:
        self.status.setText(what)
        self.busy.setRange(0, 0 if call is not None else 1)  # 0..0: Qt's busy animation
        # call.progress carries render progress once the host streams it (not yet).

    def list_comps(self) -> QtCall[list[ProjectItem]]:
        call = self.qt.call(self.ae.get_items, comps=True)
        call.on_finished(self.show_comps).on_failed(self.show_error)
        self.running("listing compositions…", call)
        return call

    def show_comps(self, items: list[ProjectItem]) -> None:
        self.comps.clear()
        for item in items:
            self.comps.addItem(f"{item['name']}   (id {item['id']})")
        self.running(f"{len(items)} compositions")

    def pick_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import into After Effects", str(self.media_dir)
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        call = self.qt.call(self.ae.import_file, path=path, name=path.stem)
        call.on_finished(self.imported).on_failed(self.show_error)
        self.running(f"importing {path.name}…", call)

    def imported(self, result: ImportResult) -> None:
        self.running(f"imported {result['name']} (id {result['id']})")

    def show_error(self, error: Exception) -> None:
        self.running(f"failed: {error}")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.qt.close()  # cancels what still runs, stops the call thread
        super().closeEvent(event)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshot", type=Path, help="render offscreen to this PNG and exit")
    args = parser.parse_args()
    if args.screenshot is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # read when the QApplication starts
    app = QApplication(sys.argv[:1])
    with (
        Server(port=0, contract=CONTRACT) as server,
        SimulatedAfterEffects(server.launch_env()) as sim,
    ):
        media = sim.work_dir / "plate_v001.mov"
        media.write_text("placeholder media for the Qt example\n", encoding="utf-8")
        window = Loader(server.wait_for_host(timeout=20), sim.work_dir)
        window.show()
        listing = window.list_comps()
        if args.screenshot is not None:
            shot: Path = args.screenshot

            def capture() -> None:  # the comps listed, an import under way
                window.import_file(media)
                window.grab().save(str(shot))
                window.close()
                app.quit()

            listing.finished.connect(capture)
            listing.failed.connect(lambda error: app.exit(1))
        code = app.exec()
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
