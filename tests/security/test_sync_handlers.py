"""Issue 13 §7: a sync handler that never returns ends its caller's call by the caller's
deadline (``-32012 HandlerTimeout``), frees the caller's slot, cannot take every thread, and
does not keep the process from exiting after ``stop()``. Forty hung calls used to leave a
``ping`` unanswered."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from aerpc.runtime import HandlerTimeout, ServerLimits

from .conftest import WAIT, connected, receive, running, send


def timed(id: object, method: str, ms: int) -> dict[str, object]:
    """A request carrying the caller's deadline (``aerpc.timeout_ms``)."""
    return {"jsonrpc": "2.0", "id": id, "method": method, "params": {}, "aerpc": {"timeout_ms": ms}}


def test_forty_hung_calls_end_by_their_deadline_and_ping_still_answers() -> None:
    limits = ServerLimits(sync_workers=8, max_sync_per_peer=4)
    with running(limits=limits) as stage:

        async def scenario() -> tuple[list[dict[str, object]], str]:
            async with connected(stage.server) as (ws, _), connected(stage.server) as (other, _):
                for i in range(40):
                    await send(ws, timed(i, "hang", 300))
                replies = [await receive(ws) for _ in range(40)]
                await send(other, {"jsonrpc": "2.0", "id": "p", "method": "ping", "params": {}})
                pong = await receive(other)
                await send(ws, {"jsonrpc": "2.0", "id": "q", "method": "ping", "params": {}})
                again = await receive(ws)  # the hung calls' slots are free again
                return replies, str(pong["result"]) + str(again["result"])

        replies, pongs = stage.run(scenario())
    assert pongs == "pongpong"
    assert sorted(r["id"] for r in replies) == list(range(40))  # type: ignore[type-var]
    for reply in replies:
        error = reply["error"]
        assert isinstance(error, dict)
        assert error["code"] == HandlerTimeout.code
        assert error["data"]["timeout_ms"] == 300


def test_a_peer_runs_at_most_max_sync_per_peer_handlers_at_once() -> None:
    limits = ServerLimits(sync_workers=8, max_sync_per_peer=2)
    with running(limits=limits) as stage:
        door = stage.server.handlers

        async def scenario() -> list[object]:
            async with connected(stage.server) as (ws, _):
                for i in range(6):
                    await send(ws, timed(i, "hang", 400))
                replies = [await receive(ws) for _ in range(6)]
                return [r["error"]["data"]["started"] for r in replies]

        started = stage.run(scenario())
        hanging = door.wait_hanging(2)  # type: ignore[attr-defined]
    # two were handed to threads (and timed out), their slots went to the next two, and so on,
    # each in deadline; on a loaded machine a thread may be given up on before it began, so
    # only one is sure to have entered the handler
    assert started.count(True) >= 2
    assert hanging >= 1
    # "started" may only err on the safe side: a handler handed to a thread that was given up on
    # before it began is reported started (maybe applied), never one that ran reported unstarted
    assert hanging <= started.count(True)


def test_a_hung_handler_given_up_on_gives_its_thread_s_place_to_the_next_call() -> None:
    """With one handler thread, a handler still hung past its caller's deadline is given up on
    (its thread stops counting), so the next sync call gets a new thread and runs, instead of
    waiting behind the hung one until its own deadline."""
    limits = ServerLimits(sync_workers=1, max_sync_per_peer=4)
    with running(limits=limits) as stage:
        door = stage.server.handlers

        async def scenario() -> tuple[dict[str, object], dict[str, object]]:
            async with connected(stage.server) as (ws, _):
                await send(ws, timed("h", "hang", 1500))
                hung = await receive(ws)  # -32012 once its deadline passed, the thread still hung
                await send(ws, timed("p", "ping", 5000))
                return hung, await receive(ws)

        hung, ping = stage.run(scenario())
        entered = door.wait_hanging(1)  # type: ignore[attr-defined]
    error = hung["error"]
    assert isinstance(error, dict)
    assert error["code"] == HandlerTimeout.code
    # the hung handler had begun (1.5 s is ample for a thread to start): it held the one thread
    assert (error["data"]["started"], entered) == (True, 1)
    assert ping.get("result") == "pong", ping


def test_the_process_exits_after_stop_with_a_handler_still_hung(tmp_path: Path) -> None:
    script = tmp_path / "hung.py"
    script.write_text(
        textwrap.dedent(
            f"""
            import asyncio, threading, sys
            sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
            from aerpc.runtime import Server, ToolPeer
            from tests.security.conftest import CONTRACT

            class Hung:
                def hang(self):
                    threading.Event().wait()  # never returns

            server = Server(Hung(), contract=CONTRACT)
            server.start()

            async def call():
                async with ToolPeer(server.url, server.token, contract=CONTRACT) as client:
                    try:
                        await client.call("hang", {{}}, timeout=0.3)
                    except Exception as exc:
                        print("call ended:", type(exc).__name__, flush=True)

            asyncio.run(call())
            server.stop()
            print("stopped", flush=True)
            """
        )
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=WAIT, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "call ended:" in done.stdout
    assert "stopped" in done.stdout
