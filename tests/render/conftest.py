"""The fake aerender (fake_aerender.py, the documented output format) and a project for it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

FAKE = Path(__file__).with_name("fake_aerender.py")
WAIT = 20.0
"""Seconds any wait in these tests may take, at most."""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project file for aerender to be given (the fake only needs it to exist)."""
    path = tmp_path / "shot.aep"
    path.write_bytes(b"RIFX")
    return path


@pytest.fixture
def fake_env(tmp_path: Path) -> dict[str, str]:
    """The environment for the fake: this Python first on PATH, its pid and arguments noted."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env["FAKE_AERENDER_PIDFILE"] = str(tmp_path / "aerender.pid")
    env["FAKE_AERENDER_ARGSFILE"] = str(tmp_path / "aerender.args")
    env.pop("AERPC_AERENDER", None)
    return env
