"""Issue 13 §9 and its "also" list: what reaches the logs and the peer.

* ``aerpc serve``'s handlers log parameter names at INFO, values only at DEBUG, clipped.
* aiohttp's access log records no query string (a ``?token=`` in a URL never lands in a log).
* a handler's exception reaches the peer as its class name only, unless it is a
  :class:`PublicError`, whose message the handler chose to show; the text stays in the log.
* ``NaN``, ``Infinity`` and non-JSON types in an open result schema are an error, not ``null``.
* ``SystemExit``/``KeyboardInterrupt`` in one ``on_stop`` callback does not skip the others.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import pytest

from aerpc.cli.serve import LoggingHandlers
from aerpc.runtime import InternalError, Server

from .conftest import CONTRACT, Door, connected, receive, request, running, send

LONG = "SECRET-PAYLOAD" * 150_000  # 2.1 MB


def test_serve_logs_payloads_only_at_debug_and_clipped(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    with running(LoggingHandlers(CONTRACT)) as stage:

        async def note() -> object:
            async with connected(stage.server) as (ws, _):
                await send(ws, request(1, "note", text=LONG))
                return (await receive(ws))["result"]

        assert stage.run(note()) is None
        served = [r for r in caplog.records if "pipeline call note" in r.getMessage()]
        assert served
        assert all("SECRET-PAYLOAD" not in r.getMessage() for r in caplog.records)
        caplog.clear()
        caplog.set_level(logging.DEBUG, logger="aerpc.payload")
        assert stage.run(note()) is None
    payloads = [r.getMessage() for r in caplog.records if "SECRET-PAYLOAD" in r.getMessage()]
    assert payloads
    assert all(len(text) < 3000 for text in payloads)
    assert all(r.name == "aerpc.payload" for r in caplog.records if "SECRET" in r.getMessage())


def test_the_access_log_records_no_query_string(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="aiohttp.access")
    with running() as stage:
        server = stage.server

        async def visit() -> None:
            url = f"http://127.0.0.1:{server.port}"
            async with aiohttp.ClientSession() as session:
                async with session.get(f"{url}/status?token={server.token}") as response:
                    await response.read()
                async with session.ws_connect(f"{server.url}?token={server.token}") as ws:
                    await ws.close()

        stage.run(visit())
    lines = [r.getMessage() for r in caplog.records if r.name == "aiohttp.access"]
    assert any("/status" in line for line in lines)
    assert any("/ws" in line for line in lines)
    assert not any(server.token in line or "token=" in line for line in lines), lines


@pytest.mark.parametrize("public", [False, True])
def test_a_handler_exception_shows_only_what_the_handler_chose(
    public: bool, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.ERROR, logger="aerpc")
    with running() as stage:

        async def fail() -> dict[str, object]:
            async with connected(stage.server) as (ws, _):
                await send(ws, request(1, "fail", public=public))
                error = (await receive(ws))["error"]
                assert isinstance(error, dict)
                return error

        error = stage.run(fail())
    assert error["code"] == InternalError.code
    message = str(error["message"])
    if public:
        assert "PublicError: the workfile is locked by another user" in message
    else:
        assert "RuntimeError" in message
        assert "/home/ann" not in message
        assert "secret-project" not in message
        logged = [r for r in caplog.records if r.exc_info]
        assert any("/home/ann" in str(r.exc_info[1]) for r in logged if r.exc_info)


@pytest.mark.parametrize("what", ["nan", "inf", "set"])
def test_a_result_that_is_not_plain_json_is_an_error_not_null(what: str) -> None:
    with running() as stage:

        async def lookup(value: str) -> dict[str, object]:
            async with connected(stage.server) as (ws, _):
                await send(ws, request(1, "lookup", what=value))
                reply = await receive(ws)
                assert isinstance(reply, dict)
                return reply

        reply = stage.run(lookup(what))
        fine = stage.run(lookup("ok"))
    assert "result" not in reply, reply
    error = reply["error"]
    assert isinstance(error, dict)
    assert error["code"] == InternalError.code
    assert "not plain JSON" in str(error["message"])
    assert fine["result"] == [1, "a"]


def test_system_exit_in_one_on_stop_callback_does_not_skip_the_others() -> None:
    ran: list[str] = []

    def leave() -> None:
        ran.append("leave")
        raise SystemExit(3)

    def interrupt() -> None:
        ran.append("interrupt")
        raise KeyboardInterrupt

    async def scenario() -> None:
        server = Server(Door(), contract=CONTRACT)
        server.on_stop_callbacks.extend([lambda: ran.append("first"), leave, interrupt])
        server.on_stop_callbacks.append(lambda: ran.append("last"))
        await server.start_async()
        await server.stop_async()  # raises SystemExit once every callback has run

    with pytest.raises(SystemExit):
        asyncio.run(scenario())
    assert ran == ["first", "leave", "interrupt", "last"]
    ran.clear()
    server = Server(Door(), contract=CONTRACT)  # on its own thread
    server.on_stop_callbacks.extend([leave, lambda: ran.append("last")])
    server.start()
    server.stop()
    assert ran == ["leave", "last"]
