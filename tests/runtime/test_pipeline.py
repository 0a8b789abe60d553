"""Serving pipeline methods (the panel calls them): validation, dispatch, errors, threads."""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import queue
import threading
from collections.abc import Callable
from typing import Any

import pytest

from aerpc.runtime import HandlersWarning, InternalError, InvalidParams, MethodNotFound
from aerpc.runtime.client import ToolPeer

from .conftest import (
    CONTRACT,
    WAIT,
    Pipeline,
    ToolUnavailable,
    async_test,
    host_peer,
    make_server,
    raw_host,
    receive,
    send,
    serving,
)

pytestmark = pytest.mark.timeout(60)

CONTEXT = {"project": "p", "folder": "/f", "task": "t"}


@async_test
async def test_sync_handler_runs_off_the_loop() -> None:
    pipeline = Pipeline()
    async with serving(handlers=pipeline) as server, host_peer(server) as peer:
        assert await peer.call("set_context", CONTEXT) is None
        assert pipeline.contexts == [("p", "/f", "t")]
        assert pipeline.threads[0].startswith("aerpc-handler")


@async_test
async def test_async_handler_runs_on_the_loop() -> None:
    async with serving() as server, host_peer(server) as peer:
        assert await peer.call("open_tool", {"tool": "loader"}) is None


@async_test
async def test_declared_error_goes_out_with_its_code() -> None:
    async with serving() as server, host_peer(server) as peer:
        with pytest.raises(ToolUnavailable) as caught:
            await peer.call("open_tool", {"tool": "publisher"})
        assert caught.value.code == 1002
        assert caught.value.data == {"tool": "publisher"}
        assert str(caught.value) == "the publisher is not installed"


@async_test
async def test_unexpected_exception_is_32603_and_logged_with_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.ERROR, logger="aerpc")
    async with serving() as server, host_peer(server) as peer:
        with pytest.raises(InternalError) as caught:
            await peer.call("open_tool", {"tool": "workfiles"})
        assert "open_tool: ValueError" in str(caught.value)
        assert "crashed" not in str(caught.value)  # the text stays in the server's log
    (record,) = [r for r in caplog.records if r.exc_info]
    assert "open_tool" in record.getMessage()
    assert record.exc_info is not None
    assert record.exc_info[0] is ValueError


@async_test
async def test_bad_result_is_32603_with_the_pointer(caplog: pytest.LogCaptureFixture) -> None:
    items = [{"id": i, "name": "n", "type": "comp"} for i in range(3)]
    async with serving() as server, host_peer(server) as peer:
        with pytest.raises(InternalError) as caught:
            await peer.call("count_items", {"items": items})
        assert "the handler's result breaks the schema at /" in str(caught.value)
        assert caught.value.data["errors"][0]["message"] == "-1 is less than the minimum of 0"
    assert "count_items: the handler's result breaks the schema" in caplog.text


@async_test
async def test_params_are_checked_before_the_handler() -> None:
    pipeline = Pipeline()
    async with serving(handlers=pipeline) as server, raw_host(server) as ws:
        await send(
            ws,
            {"jsonrpc": "2.0", "id": "cep:9", "method": "set_context", "params": {"project": 1}},
        )
        reply = await receive(ws)
        assert reply["error"]["code"] == InvalidParams.code
        assert {"path": "/project", "message": "1 is not of type 'string'"} in (
            reply["error"]["data"]["errors"]
        )
        assert pipeline.contexts == []


@async_test
async def test_missing_handler_is_method_not_found() -> None:
    class Partial:
        def set_context(self, **_: Any) -> None:
            return None

    server = make_server(Partial())
    with pytest.warns(HandlersWarning, match="lacks the pipeline method"):
        await server.start_async()
    try:
        async with host_peer(server) as peer:
            with pytest.raises(MethodNotFound) as caught:
                await peer.call("count_items", {"items": []})
            assert "no handler" in str(caught.value)
    finally:
        await server.stop_async()


@async_test
async def test_run_sync_hook_runs_handlers_on_the_applications_main_thread() -> None:
    """Like the reference queueing to Qt's main thread: here a thread draining a queue."""
    jobs: queue.Queue[tuple[Callable[[], Any], concurrent.futures.Future[Any]] | None] = (
        queue.Queue()
    )

    def main_thread() -> None:
        while (job := jobs.get()) is not None:
            fn, future = job
            try:
                future.set_result(fn())
            except Exception as exc:
                future.set_exception(exc)

    def run_on_main(fn: Callable[[], Any]) -> concurrent.futures.Future[Any]:
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        jobs.put((fn, future))
        return future

    app_main = threading.Thread(target=main_thread, name="app-main")
    app_main.start()
    pipeline = Pipeline()
    try:
        async with (
            serving(handlers=pipeline, run_sync=run_on_main) as server,
            host_peer(server) as peer,
        ):
            await peer.call("set_context", CONTEXT)
            assert pipeline.threads == ["app-main"]
    finally:
        jobs.put(None)
        await asyncio.to_thread(app_main.join, WAIT)


@pytest.mark.filterwarnings("ignore::aerpc.runtime.HandlersWarning")  # partial on purpose
@async_test
async def test_rpc_cancel_cancels_an_async_handler() -> None:
    started = asyncio.Event()
    cancelled = asyncio.Event()

    class Slow:
        async def open_tool(self, *, tool: str) -> None:
            started.set()
            try:
                await asyncio.Event().wait()
            except asyncio.CancelledError:
                cancelled.set()
                raise

    async with (
        serving(handlers=Slow()) as server,
        ToolPeer(server.url, server.token, contract=CONTRACT) as tool,
    ):
        call = asyncio.ensure_future(tool.call("open_tool", {"tool": "loader"}, timeout=0.2))
        await asyncio.wait_for(started.wait(), WAIT)
        with pytest.raises(Exception, match=r"no reply within 0\.2 s"):
            await call
        await asyncio.wait_for(cancelled.wait(), WAIT)


@async_test
async def test_incoming_calls_are_observed() -> None:
    async with serving() as server, host_peer(server) as peer:
        events: list[Any] = []
        server.add_listener(events.append)
        await peer.call("open_tool", {"tool": "loader"})
        with pytest.raises(InternalError):
            await peer.call("open_tool", {"tool": "workfiles"})
    assert [(e.kind, e.direction, e.method, e.peer) for e in events] == [
        ("start", "in", "open_tool", "host"),
        ("end", "in", "open_tool", "host"),
        ("start", "in", "open_tool", "host"),
        ("failed", "in", "open_tool", "host"),
    ]


@pytest.mark.filterwarnings("ignore::aerpc.runtime.HandlersWarning")  # partial on purpose
@async_test
async def test_a_sync_handler_may_call_back_into_the_host() -> None:
    """The reference's settings buttons: the panel calls the pipeline, which calls AE."""
    seen: list[object] = []

    class CallsBack:
        def __init__(self) -> None:
            self.server: Any = None

        def set_context(self, *, project: str, folder: str, task: str) -> None:
            seen.append(self.server.host.call_blocking("echo", {"text": project}))

    handlers = CallsBack()
    async with serving(handlers=handlers) as server, host_peer(server) as peer:
        handlers.server = server
        await peer.call("set_context", CONTEXT)
    assert seen == ["p"]
