"""``aerpc render`` as a user runs it: a child process, with the fake aerender."""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import FAKE, WAIT


def aerpc(*args: str) -> list[str]:
    return [sys.executable, "-m", "aerpc.cli", "render", *args]


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        aerpc(*args),
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=WAIT,
        check=False,
    )


def test_render_prints_percent_and_the_outputs(project: Path, fake_env: dict[str, str]) -> None:
    done = run(
        fake_env, str(project), "--comp", "Main", "--output", "/out/a.mov", "--aerender", str(FAKE)
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["/out/a.mov"]
    lines = done.stderr.splitlines()
    assert "Main: rendering 50% (5/10 frames)" in "\n".join(lines)
    assert lines[-1].startswith("Main: done 100% (10/10 frames)")


def test_json_lines_and_extra_arguments(
    project: Path, fake_env: dict[str, str], tmp_path: Path
) -> None:
    fake_env["AERPC_AERENDER"] = str(FAKE)
    done = run(fake_env, str(project), "--rqindex", "2", "--json", "--quiet", "--", "-mp")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert records[0]["status"] == "queued"
    assert records[-1] == records[-1] | {"status": "done", "item_index": 2, "frames_done": 10}
    assert records[-1]["outputs"] == ["/renders/Main.mov"]
    args = (tmp_path / "aerender.args").read_text().splitlines()
    assert args[-1] == "-mp"
    assert args[args.index("-rqindex") + 1] == "2"


def test_a_failing_render_prints_its_tail_then_one_line(
    project: Path, fake_env: dict[str, str]
) -> None:
    fake_env["FAKE_AERENDER_MODE"] = "fail"
    failed = run(fake_env, str(project), "--aerender", str(FAKE))
    assert failed.returncode == 1
    assert failed.stdout == ""
    lines = failed.stderr.splitlines()
    assert lines[-2] == "  | aerender ERROR: No comp was found with the given name."
    assert lines[-1].startswith("aerpc render: RenderFailed: aerender exited with code 1: ")
    assert "Traceback" not in failed.stderr


def test_no_aerender_is_one_line_saying_what_to_do(
    project: Path, fake_env: dict[str, str], tmp_path: Path
) -> None:
    fake_env["PATH"] = str(tmp_path)
    missing = run(fake_env, str(project))
    assert missing.returncode == 2
    assert missing.stderr.splitlines() == [
        "aerpc render: aerender is not on PATH nor in After Effects' install folder: install "
        "After Effects, or give its aerender with --aerender PATH (or AERPC_AERENDER)"
    ]


def test_ctrl_c_ends_aerender_with_one_line_and_130(
    project: Path, fake_env: dict[str, str], tmp_path: Path
) -> None:
    fake_env["FAKE_AERENDER_MODE"] = "slow"
    child = subprocess.Popen(
        aerpc(str(project), "--comp", "Main", "--aerender", str(FAKE)),
        env=fake_env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    pidfile = tmp_path / "aerender.pid"
    try:
        assert child.stderr is not None
        with selectors.DefaultSelector() as selector:
            selector.register(child.stderr, selectors.EVENT_READ)
            deadline = time.monotonic() + WAIT
            line = ""
            while "frames" not in line:
                assert selector.select(deadline - time.monotonic()), "no progress line in time"
                line = child.stderr.readline()
                assert line, "aerpc render ended before rendering"
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=WAIT)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(WAIT)
    pid = int(pidfile.read_text())
    alive = True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        alive = False
    if alive:
        os.kill(pid, signal.SIGKILL)
    assert not alive, "the aerender child outlived aerpc render"
    assert child.returncode == 130
    assert out == ""
    last = err.splitlines()[-1]
    assert last.startswith("aerpc render: interrupted; aerender was ended after ")
    assert [line for line in err.splitlines() if line.startswith("aerpc render")] == [last]
    assert "Traceback" not in err


@pytest.mark.parametrize("args", [[], ["p.aep", "--comp", "A", "--rqindex", "1"]])
def test_a_wrong_command_line_is_usage(args: list[str], fake_env: dict[str, str]) -> None:
    wrong = run(fake_env, *args)
    assert wrong.returncode == 2
    assert wrong.stderr.startswith("usage: aerpc render")
