"""Launch the simulated After Effects: the generated panel in node, on the simulated object model.

It stands where ``subprocess.Popen([afterfx], env=server.launch_env())`` stands in a real
pipeline: the panel reads ``AERPC_URL`` and ``AERPC_TOKEN`` from its environment, connects and
says hello; ``server.wait_for_host()`` then returns its connection.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from aerpc.testing.simulator import REPO_ROOT, SimulatedPanel, panel_env

__all__ = ["SimulatedAfterEffects"]


class SimulatedAfterEffects(SimulatedPanel):
    """A node process running the generated panel against a simulated After Effects project:
    :class:`aerpc.testing.simulator.SimulatedPanel` (which tests can drive further) started
    with ``env`` (``server.launch_env()``), in its own work dir unless ``work_dir`` is given.

    ``project`` is ``"demo"`` (a few hundred items in nested folders) or ``"empty"``. The
    process's log lines are kept in :attr:`stderr`, not printed. Use it as a context manager.
    """

    def __init__(
        self,
        env: Mapping[str, str],
        *,
        project: str = "demo",
        work_dir: Path | None = None,
        instance: str | None = None,
        timeout: float = 10.0,
    ) -> None:
        self._own_dir = work_dir is None
        self.work_dir = work_dir or Path(tempfile.mkdtemp(prefix="aerpc-sim-"))
        args = ["--sim-project", project, "--work-dir", str(self.work_dir)]
        if instance is not None:
            args += ["--instance", instance]
        super().__init__(args, panel_env(env), cwd=REPO_ROOT, timeout=timeout, name="aerpc-sim")

    def stop(self) -> int:
        """Ask the process to end (SIGTERM), then kill it if it is still there after
        ``timeout``; removes the work dir it made."""
        code = super().stop()
        if self._own_dir:
            shutil.rmtree(self.work_dir, ignore_errors=True)
        return code
