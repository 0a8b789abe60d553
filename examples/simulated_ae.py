"""Launch the simulated After Effects: the generated panel in node, on the simulated object model.

It stands where ``subprocess.Popen([afterfx], env=server.launch_env())`` stands in a real
pipeline: the panel reads ``AERPC_URL`` and ``AERPC_TOKEN`` from its environment, connects and
says hello; ``server.wait_for_host()`` then returns its connection.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

ROOT = Path(__file__).resolve().parents[1]
RUNNER = ROOT / "runtime" / "cep" / "node" / "run-panel.js"

__all__ = ["SimulatedAfterEffects"]


class SimulatedAfterEffects:
    """A node process running the generated panel against a simulated After Effects project.

    ``project`` is ``"demo"`` (a few hundred items in nested folders) or ``"empty"``. The
    process's log lines are kept in :attr:`log`, not printed.
    """

    def __init__(
        self,
        env: Mapping[str, str],
        *,
        project: str = "demo",
        work_dir: Path | None = None,
        instance: str | None = None,
    ) -> None:
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("node is not installed: the simulated After Effects runs in node")
        self._own_dir = work_dir is None
        self.work_dir = work_dir or Path(tempfile.mkdtemp(prefix="aerpc-sim-"))
        self.log: list[str] = []
        args = [node, str(RUNNER), "--sim-project", project, "--work-dir", str(self.work_dir)]
        if instance is not None:
            args += ["--instance", instance]
        self._args = args
        self._env = {**os.environ, **env}
        self._proc: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None

    def start(self) -> SimulatedAfterEffects:
        self._proc = subprocess.Popen(
            self._args,
            env=self._env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            cwd=ROOT,
        )
        stream = self._proc.stdout
        assert stream is not None
        self._reader = threading.Thread(
            target=lambda: self.log.extend(line.rstrip("\n") for line in stream),
            name="aerpc-sim-log",
            daemon=True,
        )
        self._reader.start()
        return self

    def stop(self, timeout: float = 10.0) -> int | None:
        """Ask the process to end (SIGTERM), then kill it if it is still there after ``timeout``."""
        proc = self._proc
        if proc is None:
            return None
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout)
        if self._reader is not None:
            self._reader.join(timeout)
        if self._own_dir:
            shutil.rmtree(self.work_dir, ignore_errors=True)
        return proc.returncode

    def __enter__(self) -> SimulatedAfterEffects:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
