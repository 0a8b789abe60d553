"""``aerpc serve`` in a subprocess: prints URL and token, serves, stops on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from aerpc.cli.serve import LoggingHandlers, serve_main
from aerpc.runtime.client import ToolPeer

from .conftest import CONTRACT, FIXTURE, WAIT, async_test

pytestmark = pytest.mark.timeout(60)

ROOT = Path(__file__).resolve().parents[2]
SERVE = "import sys; from aerpc.cli.serve import serve_main; sys.exit(serve_main(sys.argv[1:]))"


async def read_line(stream: asyncio.StreamReader) -> str:
    return (await asyncio.wait_for(stream.readline(), WAIT)).decode().strip()


@pytest.mark.parametrize("token", [None, "from-the-environment"])
@async_test
async def test_serve_runs_until_sigterm(token: str | None) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(str(ROOT / d) for d in ("runtime", "codegen", "generated")),
    }
    env.pop("AERPC_TOKEN", None)
    if token is not None:
        env["AERPC_TOKEN"] = token
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        SERVE,
        "--schema",
        str(FIXTURE),
        "--port",
        "0",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    try:
        assert proc.stdout is not None
        banner = await read_line(proc.stdout)
        assert banner.startswith("aerpc serving ws://127.0.0.1:")
        assert "(schema mini 1.0.0)" in banner
        url = (await read_line(proc.stdout)).removeprefix("export AERPC_URL=")
        token_line = await read_line(proc.stdout)
        if token is None:
            secret = token_line.removeprefix("export AERPC_TOKEN=")
            assert len(secret) >= 40
        else:
            assert token_line == "# AERPC_TOKEN: from the environment"
            secret = token
        windows = await read_line(proc.stdout)
        assert windows.startswith(f'# Windows (PowerShell): $env:AERPC_URL="{url}"')
        assert (f'$env:AERPC_TOKEN="{secret}"' in windows) is (token is None)
        async with ToolPeer(url, secret, contract=CONTRACT) as tool:
            # the logging handlers answer with the schema's example result
            assert await tool.call("count_items", {"items": []}) == 2
            assert (
                await tool.call("set_context", {"project": "p", "folder": "f", "task": "t"}) is None
            )
        proc.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(proc.wait(), WAIT) == 0
        assert proc.stdout is not None
        assert proc.stderr is not None
        out = (await asyncio.wait_for(proc.stdout.read(), WAIT)).decode()
        log = (await asyncio.wait_for(proc.stderr.read(), WAIT)).decode()
        # "serving" once (the banner above), one log line per event
        assert "serving" not in out + log
        assert log.count("pipeline call set_context") == 1
        assert log.count(" connected (") == 1
        assert log.count(" disconnected (") == 1
        assert "GET /ws" not in log
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()


@pytest.mark.parametrize("level", ["debug", "Warning", "ERROR"])
def test_log_levels_in_any_case(level: str) -> None:
    from aerpc.cli.serve import _log_level

    assert _log_level(level) == level.upper()


def test_an_unknown_log_level_lists_the_valid_ones(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        serve_main(["--log-level", "verbose", "--schema", str(FIXTURE)])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "unknown level 'verbose'" in err
    assert "DEBUG, INFO, WARNING, ERROR, CRITICAL" in err
    assert "Traceback" not in err


def test_bad_schema_path_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert serve_main(["--schema", "/nonexistent.json"]) == 2
    assert "cannot load the schema" in capsys.readouterr().err


def test_a_short_token_in_the_environment_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AERPC_TOKEN", "short-token")
    assert serve_main(["--schema", str(FIXTURE)]) == 2
    err = capsys.readouterr().err
    assert "AERPC_TOKEN is not usable" in err
    assert "at least 16 characters, not 11" in err
    assert "short-token" not in err


def test_logging_handlers_serve_pipeline_methods_only() -> None:
    handlers = LoggingHandlers(CONTRACT)
    assert handlers.count_items(items=[]) == 2
    assert handlers.open_tool(tool="loader") is None
    with pytest.raises(AttributeError):
        handlers.echo  # noqa: B018  (a host method)
