"""Issue 25 §5: the token does not leak to other local users or to an MCP client's log.

Each test runs the real command in a process of its own and checks what another user (a
planted file, ``ps``) or a log (stderr) could see."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from aerpc.testing.simulator import ServeProcess, panel_env

from .conftest import WAIT, needs_simulator, run_aerpc

TOKEN = "a-token-nobody-else-may-read-0123456789"


def _no_aerpc_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("AERPC_")}


@pytest.mark.parametrize("planted", ["file", "symlink"])
def test_the_ready_file_is_0600_though_a_partial_file_was_planted(
    tmp_path: Path, planted: str
) -> None:
    """Another user creates ``<ready-file>.partial`` first (world-writable, or a link to a
    file of theirs): the ready file is still this user's alone, and theirs gets nothing."""
    partial = tmp_path / "serve-ready.json.partial"
    theirs = tmp_path / "theirs.txt"
    theirs.write_text("", encoding="utf-8")
    os.chmod(theirs, 0o666)
    if planted == "file":
        partial.write_text("", encoding="utf-8")
        os.chmod(partial, 0o666)
    else:
        partial.symlink_to(theirs)
    with ServeProcess(env=panel_env(AERPC_TOKEN=TOKEN), work_dir=tmp_path, timeout=WAIT) as serve:
        assert stat.S_IMODE(os.lstat(serve.ready_file).st_mode) == 0o600
        assert not serve.ready_file.is_symlink()
        assert json.loads(serve.ready_file.read_text(encoding="utf-8"))["token"] == TOKEN
        assert TOKEN not in theirs.read_text(encoding="utf-8")
        assert partial.is_symlink() or TOKEN not in partial.read_text(encoding="utf-8")
        leftovers = {p.name for p in tmp_path.iterdir()} - {
            "serve-ready.json",
            "serve-ready.json.partial",
            "theirs.txt",
        }
        assert leftovers == set()  # the random temporary name was renamed, not left behind


@needs_simulator
def test_a_token_file_keeps_the_token_off_the_command_line(tmp_path: Path) -> None:
    with ServeProcess(env=panel_env(AERPC_TOKEN=TOKEN), work_dir=tmp_path, timeout=WAIT) as serve:
        env = _no_aerpc_env()
        # the ready file itself, or a file with the token on its first line
        plain = tmp_path / "token"
        plain.write_text(TOKEN + "\n", encoding="utf-8")
        for token_file in (serve.ready_file, plain):
            done = run_aerpc("hosts", "--url", serve.url, "--token-file", str(token_file), env=env)
            assert done.returncode == 0, done.stderr
            assert json.loads(done.stdout) == []  # reached and authenticated: no panel yet
        wrong = tmp_path / "wrong"
        wrong.write_text("not-the-token-of-this-server-at-all\n", encoding="utf-8")
        refused = run_aerpc("hosts", "--url", serve.url, "--token-file", str(wrong), env=env)
        assert refused.returncode == 1


def test_a_token_file_that_cannot_be_read_says_so(tmp_path: Path) -> None:
    env = _no_aerpc_env()
    missing = tmp_path / "nope"
    done = run_aerpc("hosts", "--url", "ws://127.0.0.1:9/ws", "--token-file", str(missing), env=env)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"aerpc hosts: cannot read --token-file {missing}: "
        f"[Errno 2] No such file or directory: '{missing}'"
    ]
    empty = tmp_path / "empty"
    empty.write_text("\n", encoding="utf-8")
    done = run_aerpc("hosts", "--url", "ws://127.0.0.1:9/ws", "--token-file", str(empty), env=env)
    assert done.returncode == 1
    assert "holds no token" in done.stderr


@pytest.mark.parametrize("command", ["call", "hosts", "shell", "mcp"])
def test_help_says_token_is_visible_and_offers_a_file(command: str) -> None:
    done = run_aerpc(command, "--help", env=_no_aerpc_env())
    assert done.returncode == 0, done.stderr
    text = " ".join(done.stdout.split())
    assert "--token-file PATH" in text
    assert "other users of this machine can read a command line (`ps`)" in text
    assert "$AERPC_TOKEN" in text
