"""Who may connect and what the logs may carry (docs/architecture.md), under attack.

A web page on another origin cannot open the socket (HTTP 403; ``null``, no ``Origin`` and
``file://`` are the CEP panel and local clients, accepted); a peer that never says hello is
closed 4401 after ``hello_timeout``, however it keeps the socket busy; at most
``max_pending_hellos`` sockets may wait for their hello at once (over that: HTTP 503); a wrong
token gets
``-32001`` and close 4401; a second host instance gets ``-32003`` and close 4403; tokens never
appear in the logs, even at DEBUG; payloads appear only at DEBUG. Through all of it the
legitimate host keeps serving calls.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any

import aiohttp
import orjson
import pytest

from aerpc.runtime import RemoteError

from .support import (
    FIGURES,
    SLACK,
    WAIT,
    Figures,
    Stage,
    hello_request,
)

pytestmark = pytest.mark.timeout(60)

ACCESS = Figures()


@pytest.fixture(scope="module")
def gate() -> Iterator[Stage]:
    """A server with a short hello timeout and a legitimate host connected."""
    stage = Stage(hello_timeout=0.4, reconnect_grace=10.0)
    try:
        yield stage
    finally:
        FIGURES.add("who may connect", ACCESS)
        stage.close()


def host_serves(stage: Stage) -> None:
    """The legitimate host is still the one connected and answers a real call."""
    assert stage.peer is not None
    assert stage.server.host.instance == stage.peer.instance
    n = 1000 + 143 * (ACCESS.hostile_messages + 1)  # never a host error (multiple of 11, 13)
    assert stage.ae.with_timeout(WAIT).get_comp_properties(comp_id=n)["id"] == n


def hello(token: object, **overrides: Any) -> dict[str, Any]:
    params: dict[str, Any] = {"instance": "stranger", "app": {"name": "browser", "version": "1"}}
    request = hello_request(token, id="hello-1", **{**params, **overrides})
    if token is None:
        del request["params"]["token"]
    return request


async def exchange(
    url: str, first: bytes | None, origin: str | None = None
) -> tuple[list[Any], int | None]:
    """Connect, send ``first`` (if any), read every message until the server closes."""
    replies: list[Any] = []
    async with aiohttp.ClientSession() as session, session.ws_connect(url, origin=origin) as ws:
        if first is not None:
            await ws.send_str(first.decode())
        while True:
            msg = await ws.receive(timeout=WAIT)
            if msg.type is aiohttp.WSMsgType.TEXT:
                replies.append(orjson.loads(msg.data))
                if "result" in replies[-1]:
                    return replies, None
                continue
            return replies, ws.close_code


# -- Origin --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "origin",
    [
        "https://evil.example",
        "http://localhost",
        "http://127.0.0.1",
        "http://localhost:8080",
        "chrome-extension://abcdefghijklmnop",
        "https://file.example",
        "fileserver://x",
        "http://file://",
    ],
)
def test_a_web_page_on_another_origin_cannot_connect(
    gate: Stage, origin: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Browsers let any page open ``ws://127.0.0.1`` (reference P5): the Origin check refuses
    the handshake with 403 before a single message, even with the right token."""
    caplog.set_level(logging.INFO)
    first = orjson.dumps(hello(gate.server.token))
    with pytest.raises(aiohttp.WSServerHandshakeError) as caught:
        gate.loop.run(exchange(gate.server.url, first, origin=origin))
    assert caught.value.status == 403
    ACCESS.hostile_messages += 1
    assert any("refused a connection from origin" in r.getMessage() for r in caplog.records)
    host_serves(gate)


@pytest.mark.parametrize(
    "origin",
    [
        None,
        "null",
        "file://",
        "file:///C:/Program%20Files/Adobe/panel/index.html",
        "FILE:///Users/me/panel.html",
    ],
)
def test_cep_panel_and_local_origins_are_accepted(gate: Stage, origin: str | None) -> None:
    first = orjson.dumps(hello(gate.server.token))
    replies, code = gate.loop.run(exchange(gate.server.url, first, origin=origin))
    assert code is None, (replies, code)
    assert "result" in replies[-1], replies
    host_serves(gate)


# -- the hello ---------------------------------------------------------------------------------


def test_a_peer_that_never_says_hello_is_closed_4401(gate: Stage) -> None:
    """As many silent sockets at once as ``max_pending_hellos`` lets in (8): each gets
    ``-32001`` and close 4401 after the hello timeout (0.4 s here); meanwhile the host serves
    calls; once they are closed, their slots are free again."""
    assert gate.server.max_pending_hellos == 8  # the default

    async def silent() -> tuple[list[Any], int | None, float]:
        started = time.monotonic()
        replies, code = await exchange(gate.server.url, None)
        return replies, code, time.monotonic() - started

    async def crowd() -> list[tuple[list[Any], int | None, float]]:
        return await asyncio.gather(*(silent() for _ in range(gate.server.max_pending_hellos)))

    pending = gate.loop.submit(crowd())
    for _ in range(5):
        host_serves(gate)
    outcomes = pending.result(WAIT)
    ACCESS.hostile_messages += len(outcomes)
    for replies, code, took in outcomes:
        assert code == 4401
        assert 0.4 <= took < 0.4 + SLACK
        assert len(replies) == 1
        assert replies[0]["error"]["code"] == -32001
        assert "no rpc.hello within 0.4 s" in replies[0]["error"]["message"]
    host_serves(gate)
    # each slot was freed before its 4401 was sent: a newcomer is let in at once
    replies, code = gate.loop.run(exchange(gate.server.url, orjson.dumps(hello(gate.server.token))))
    assert code is None, (replies, code)
    assert "result" in replies[-1], replies


def test_sockets_waiting_for_their_hello_are_capped(caplog: pytest.LogCaptureFixture) -> None:
    """Before its hello a socket may make aiohttp buffer a frame of up to ``max_message_size``
    (its frame limit is fixed when the socket is created), so the sockets that have not said
    hello are capped per origin class: over ``max_pending_hellos`` (3 here) a ``file://`` (or
    no-Origin) upgrade is refused with HTTP 503 and a rate-limited WARNING line (no payload, no
    token). A socket leaves the count as soon as its first message is in (a hello accepted or
    refused), so its slot is free before it hears back; the connected host is never counted and
    keeps serving. (``Origin: null`` evicts instead: tests/security/test_pending_hellos.py.)"""
    caplog.set_level(logging.INFO)
    stage = Stage(max_pending_hellos=3, hello_timeout=WAIT, reconnect_grace=10.0)
    url, token = stage.server.url, stage.server.token

    async def refused() -> int:
        async with aiohttp.ClientSession() as session:
            with pytest.raises(aiohttp.WSServerHandshakeError) as caught:
                await session.ws_connect(url, origin="file://")
            return caught.value.status

    async def scenario() -> None:
        async with contextlib.AsyncExitStack() as stack:
            session = await stack.enter_async_context(aiohttp.ClientSession())

            async def waiting() -> aiohttp.ClientWebSocketResponse:
                # a file:// page's Origin; the upgrade has been counted once this returns
                return await stack.enter_async_context(session.ws_connect(url, origin="file://"))

            a, b, _c = [await waiting() for _ in range(3)]
            assert await refused() == 503
            assert await refused() == 503

            await a.send_str(orjson.dumps(hello(token, instance="late-but-honest")).decode())
            assert "result" in orjson.loads((await a.receive(timeout=WAIT)).data)
            await waiting()  # a's slot
            assert await refused() == 503

            await b.send_str(orjson.dumps(hello("wrong-token-" * 2)).decode())
            assert orjson.loads((await b.receive(timeout=WAIT)).data)["error"]["code"] == -32001
            await waiting()  # b's slot, freed before its refusal was sent
            assert await refused() == 503

    try:
        stage.loop.run(scenario())
        ACCESS.hostile_messages += 8
        assert stage.peer is not None
        assert stage.server.host.instance == stage.peer.instance
        assert stage.ae.with_timeout(WAIT).get_comp_properties(comp_id=1000)["id"] == 1000
        deadline = time.monotonic() + WAIT
        while stage.server._pending_hellos:  # the closes of the waiting sockets, then 0
            stage.barrier()  # a round trip through the server's loop, not a sleep
            assert time.monotonic() < deadline, "slots of closed sockets were not freed"
    finally:
        stage.close()
    refusals = [r for r in caplog.records if "max_pending_hellos" in r.getMessage()]
    assert len(refusals) == 1  # 4 refusals within the rate limit's period: one line
    assert all(r.levelno == logging.WARNING for r in refusals)
    assert all("503" in r.getMessage() and "hello" in r.getMessage() for r in refusals)
    assert not token_free(caplog.records, [token])


@pytest.mark.parametrize("keepalive", ["ping", "pong"])
def test_a_peer_that_keeps_the_socket_busy_without_hello_is_still_closed(
    gate: Stage, keepalive: str
) -> None:
    """A slowloris: control frames (pings, unsolicited pongs) more often than the hello timeout,
    never a hello. The hello timeout is a deadline from the connection, not an idle timer."""

    async def slowloris() -> tuple[int | None, float]:
        started = time.monotonic()
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(gate.server.url, autoping=False) as ws,
        ):

            async def keep_busy() -> None:
                while not ws.closed:
                    await (ws.ping() if keepalive == "ping" else ws.pong())
                    await asyncio.sleep(0.4 / 3)  # the attacker's pacing, not a synchronisation

            busy = asyncio.ensure_future(keep_busy())
            try:
                async with asyncio.timeout(0.4 * 6):
                    while True:
                        msg = await ws.receive()
                        if msg.type in (
                            aiohttp.WSMsgType.CLOSE,
                            aiohttp.WSMsgType.CLOSED,
                            aiohttp.WSMsgType.CLOSING,
                            aiohttp.WSMsgType.ERROR,
                        ):
                            return ws.close_code, time.monotonic() - started
            except TimeoutError:
                return None, time.monotonic() - started
            finally:
                busy.cancel()
                await asyncio.gather(busy, return_exceptions=True)

    code, took = gate.loop.run(slowloris())
    ACCESS.hostile_messages += 1
    assert code == 4401, (
        f"a socket that sent a {keepalive} every 0.13 s and no hello was still open after "
        f"{took:.1f} s (hello timeout 0.4 s)"
    )
    assert took < 0.4 + SLACK
    host_serves(gate)


@pytest.mark.parametrize(
    "first",
    [
        b'{"jsonrpc":"2.0","id":1,"method":"set_context","params":{"project":"p","folder":"f","task":"t"}}',
        b'[{"jsonrpc":"2.0","id":1,"method":"rpc.hello","params":{}}]',
        b'{"jsonrpc":"2.0","method":"rpc.hello","params":{}}',
        b"not json",
        b'"rpc.hello"',
    ],
    ids=["a-call", "a-batch", "hello-as-notification", "not-json", "a-string"],
)
def test_anything_but_a_hello_first_is_refused_4401(gate: Stage, first: bytes) -> None:
    replies, code = gate.loop.run(exchange(gate.server.url, first))
    ACCESS.hostile_messages += 1
    assert code == 4401
    assert [r["error"]["code"] for r in replies] == [-32001]
    host_serves(gate)


# -- tokens ------------------------------------------------------------------------------------

WRONG_TOKENS: dict[str, Callable[[str], object]] = {
    "empty": lambda t: "",
    "other": lambda t: "not-the-token",
    "one-char-short": lambda t: t[:-1],
    "one-char-more": lambda t: t + "x",
    "upper-case": lambda t: t.upper() if t.upper() != t else t.lower(),
    "leading-space": lambda t: " " + t,
    "missing": lambda t: None,
    "a-number": lambda t: 12345,
    "in-a-list": lambda t: [t],
    "in-an-object": lambda t: {"token": t},
    "unicode": lambda t: t[:-1] + "\u00e9",
}


def token_free(records: list[logging.LogRecord], secrets: list[str]) -> list[str]:
    """Log lines (message, arguments, traceback) that carry one of ``secrets``."""
    leaks = []
    for record in records:
        texts = [record.getMessage(), repr(record.args)]
        if record.exc_info and record.exc_info[1] is not None:
            texts.append(repr(record.exc_info[1]))
        for secret in secrets:
            if any(secret in text for text in texts):
                leaks.append(f"{record.name} {record.levelname}: {record.getMessage()[:200]}")
    return leaks


@pytest.mark.parametrize("kind", list(WRONG_TOKENS))
def test_a_wrong_token_is_refused_and_never_logged(
    gate: Stage, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    real = gate.server.token
    wrong = WRONG_TOKENS[kind](real)
    for role in ("tool", "host"):
        first = orjson.dumps(hello(wrong, role=role))
        replies, code = gate.loop.run(exchange(gate.server.url, first))
        ACCESS.hostile_messages += 1
        assert code == 4401, (replies, code)
        assert len(replies) == 1
        assert replies[0]["id"] == "hello-1"
        assert replies[0]["error"]["code"] == -32001
        assert real not in orjson.dumps(replies).decode()
    secrets = [real] + ([wrong] if isinstance(wrong, str) and len(wrong) > 3 else [])
    assert not token_free(caplog.records, secrets)
    host_serves(gate)


def test_the_token_never_appears_in_the_logs_of_a_whole_session(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """DEBUG everywhere (``aerpc``, ``aerpc.payload``, aiohttp): a host connects, calls go both
    ways, a stranger is refused, the host drops and comes back, the server stops."""
    caplog.set_level(logging.DEBUG)
    stage = Stage(reconnect_grace=10.0)
    try:
        token = stage.server.token
        for n in (12, 13, 11):
            with contextlib.suppress(RemoteError):  # 13 and 11 are host errors, on purpose
                stage.ae.with_timeout(WAIT).get_comp_properties(comp_id=n)
        assert stage.peer is not None
        peer = stage.peer
        stage.loop.run(peer.call("set_context", {"project": "p", "folder": "/f", "task": "t"}))
        _replies, code = stage.loop.run(exchange(stage.server.url, orjson.dumps(hello(token[:-1]))))
        assert code == 4401
        stage.reconnect()
        assert stage.server.host.hello is not None
        assert "token" not in stage.server.host.hello
        assert token not in repr(stage.server.host.hello)
    finally:
        stage.close()
    assert any(r.name == "aerpc.payload" for r in caplog.records), "payload logging was on"
    assert not token_free(caplog.records, [token])


def test_payloads_are_logged_only_at_debug(gate: Stage, caplog: pytest.LogCaptureFixture) -> None:
    """A peer's error payload, params and results appear in no log line above DEBUG."""
    caplog.set_level(logging.INFO)
    marker = "PAYLOAD-7f3a"
    frames = [
        {"jsonrpc": "2.0", "id": None, "error": {"code": 1, "message": marker, "data": [marker]}},
        {
            "jsonrpc": "2.0",
            "id": 3,
            "method": "set_context",
            "params": {"project": [marker], "folder": "f", "task": "t"},
        },
        {"jsonrpc": "2.0", "method": "set_context", "params": [marker]},
        {
            "jsonrpc": "2.0",
            "id": "py:none",
            "result": marker,
            "error": {"code": 1, "message": marker},
        },
    ]

    async def tool() -> None:
        async with aiohttp.ClientSession() as session, session.ws_connect(gate.server.url) as ws:
            await ws.send_str(orjson.dumps(hello(gate.server.token, instance="logs")).decode())
            await ws.receive(timeout=WAIT)
            for frame in frames:
                await ws.send_str(orjson.dumps(frame).decode())
            await ws.send_str(
                '{"jsonrpc":"2.0","id":"end","method":"rpc.cancel","params":{"id":0}}'
            )
            while b'"end"' not in (await ws.receive(timeout=WAIT)).data.encode():
                pass

    gate.loop.run(tool())
    ACCESS.hostile_messages += len(frames)
    leaks = [
        f"{r.name} {r.levelname}: {r.getMessage()[:160]}"
        for r in caplog.records
        if r.levelno > logging.DEBUG and marker in r.getMessage()
    ]
    assert not leaks, "payloads logged above DEBUG:\n" + "\n".join(leaks)
    host_serves(gate)


def test_a_second_host_instance_is_refused_and_the_first_keeps_serving(gate: Stage) -> None:
    """Reference P4: any socket could become "After Effects". Here a second panel instance, even
    with the token, gets ``-32003`` and close 4403; the connected host is untouched."""
    first = orjson.dumps(hello(gate.server.token, role="host", instance="intruder"))
    replies, code = gate.loop.run(exchange(gate.server.url, first))
    ACCESS.hostile_messages += 1
    assert code == 4403
    assert replies[0]["error"]["code"] == -32003
    host_serves(gate)
