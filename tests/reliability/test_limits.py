"""Limits (docs/architecture.md) and replies from a hostile or careless host.

The message size limit is explicit: a request over it fails locally and is never sent; a reply
over it fails its call at once with a clear error (not at the deadline, not silently); a message
of exactly the limit is within it. A host that answers with a result the schema cannot even
describe (nested deeper than Python can print) still ends its call by the deadline.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator

import aiohttp
import orjson
import pytest

from aerpc.aftereffects import AfterEffects, AsyncAfterEffects
from aerpc.runtime import ConnectionLost, MessageTooLarge, RemoteError

from .support import (
    REQUEST,
    SLACK,
    WAIT,
    CountingHost,
    Ledger,
    Stage,
    hello_request,
    reported_plainly,
)

pytestmark = pytest.mark.timeout(60)

LIMIT = 64 * 1024


class SizedHost(CountingHost):
    """``get_app_version`` answers with a reply frame of exactly ``reply_size`` bytes."""

    reply_size = 0

    async def get_app_version(self) -> str:
        self._applied("get_app_version", None)
        _, id = REQUEST.get()
        base = len(orjson.dumps({"jsonrpc": "2.0", "id": id, "result": ""}))
        return "v" * (self.reply_size - base)


@pytest.fixture
def sized() -> Iterator[Stage]:
    stage = Stage(impl=SizedHost(), max_message_size=LIMIT, reconnect_grace=10.0)
    try:
        yield stage
    finally:
        stage.close()


def test_a_request_over_the_limit_fails_locally_and_is_never_sent(sized: Stage) -> None:
    with pytest.raises(MessageTooLarge) as caught:
        sized.ae.print_msg(msg="x" * LIMIT)
    assert "nothing was sent" in str(caught.value)
    assert f"limit of {LIMIT} bytes" in str(caught.value)
    assert sized.impl.received_count() == 0
    assert Ledger("limits").call(sized.ae, "add_item", WAIT).ok


def test_a_reply_over_the_limit_from_a_careless_host_fails_the_call_at_once() -> None:
    """The panel ignores the announced limit: the server closes that socket (1009) and the call
    fails at once with ``ConnectionLost(maybe_applied=True)`` naming the limit; the panel
    reconnects and the next call works."""
    impl = SizedHost()
    impl.reply_size = 2 * LIMIT
    stage = Stage(impl=impl, max_message_size=LIMIT, reconnect_grace=10.0, connect=False)
    try:
        stage.peer = stage.new_peer(obey_limits=False)
        stage.loop.run(stage.peer.connect())
        stage.server.wait_for_host(WAIT)
        started = time.monotonic()
        with pytest.raises(ConnectionLost) as caught:
            AfterEffects(stage.server.host).get_app_version()  # deadline 10 s
        assert time.monotonic() - started < SLACK
        assert caught.value.maybe_applied is True
        assert f"over the size limit ({LIMIT} bytes)" in str(caught.value)
        assert isinstance(caught.value.__cause__, MessageTooLarge)
        stage.reconnect()
        assert Ledger("limits").call(stage.ae, "add_item", WAIT).ok
    finally:
        stage.close()


def test_a_reply_just_under_the_limit_arrives(sized: Stage) -> None:
    assert isinstance(sized.impl, SizedHost)
    sized.impl.reply_size = LIMIT - 1
    assert len(sized.ae.get_app_version()) > LIMIT - 100


def test_a_reply_of_exactly_the_limit_is_within_it(sized: Stage) -> None:
    """The panel checks ``size > limit`` before sending (as the announced limit says); the
    server must then accept a frame of exactly ``limit`` bytes (aiohttp's ``max_msg_size``
    refuses frames ``>= max_msg_size``)."""
    assert isinstance(sized.impl, SizedHost)
    sized.impl.reply_size = LIMIT
    version: str | None = None
    refused: RemoteError | None = None
    try:
        version = sized.ae.get_app_version()
    except RemoteError as exc:  # the panel may refuse it clearly (-32004) instead
        refused = exc
    except ConnectionLost as exc:
        pytest.fail(
            f"a reply of exactly the announced limit ({LIMIT} bytes) closed the host's socket: "
            f"{exc}",
            pytrace=False,
        )
    if refused is not None:
        assert refused.code == -32004, refused
    else:
        assert version is not None
        assert len(version) > LIMIT - 100
    assert sized.peer is not None
    assert sized.peer.connected


def test_a_request_of_exactly_the_limit_is_answered(sized: Stage) -> None:
    async def send() -> tuple[int | None, bytes]:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(sized.server.url, max_msg_size=0) as ws,
        ):
            hello = hello_request(sized.server.token, id="h", instance="t")
            await ws.send_str(orjson.dumps(hello).decode())
            await ws.receive(timeout=WAIT)
            body = {
                "jsonrpc": "2.0",
                "id": 1,
                "method": "set_context",
                "params": {"project": "", "folder": "f", "task": "t"},
            }
            base = len(orjson.dumps(body))
            body["params"]["project"] = "p" * (LIMIT - base)  # type: ignore[index]
            data = orjson.dumps(body)
            assert len(data) == LIMIT
            await ws.send_str(data.decode())
            msg = await ws.receive(timeout=WAIT)
            return (ws.close_code if msg.type is not aiohttp.WSMsgType.TEXT else None), (
                msg.data.encode() if isinstance(msg.data, str) else b""
            )

    code, reply = sized.loop.run(send())
    assert code is None, f"a request of exactly the limit ({LIMIT} bytes) was closed with {code}"
    assert orjson.loads(reply) == {"jsonrpc": "2.0", "id": 1, "result": None}


# -- a host answering with something no one can print -------------------------------------------


async def raw_host(stage: Stage, answer: Callable[[dict[str, object]], str]) -> int | None:
    """A host socket that answers every request with ``answer(request)``; its close code."""
    async with aiohttp.ClientSession() as session, session.ws_connect(stage.server.url) as ws:
        hello = hello_request(stage.server.token, id="h", role="host", instance="raw")
        await ws.send_str(orjson.dumps(hello).decode())
        await ws.receive(timeout=WAIT)
        while True:
            msg = await ws.receive()
            if msg.type is not aiohttp.WSMsgType.TEXT:
                return ws.close_code
            request = orjson.loads(msg.data)
            if "method" in request and "id" in request:
                await ws.send_str(answer(request))


@pytest.mark.parametrize("facade", ["async", "sync"])
def test_a_deeply_nested_reply_still_ends_its_call_by_the_deadline(facade: str) -> None:
    """The host answers with a result nested 1000 deep (within the JSON parser's limit of 1024,
    past Python's recursion limit when the schema error message prints it): the call must still
    end by its deadline, with an error, and the server must go on."""
    stage = Stage(connect=False)
    try:
        deep = "[" * 1000 + "]" * 1000
        host = stage.loop.submit(
            raw_host(
                stage,
                lambda r: (
                    f'{{"jsonrpc":"2.0","id":{orjson.dumps(r["id"]).decode()},"result":{deep}}}'
                ),
            )
        )
        stage.server.wait_for_host(WAIT)
        started = time.monotonic()
        if facade == "sync":
            try:
                AfterEffects(stage.server.host).with_timeout(1.0).get_app_version()
                error: BaseException | None = None
            except Exception as exc:
                error = exc
        else:

            async def call() -> BaseException | None:
                ae = AsyncAfterEffects(stage.server.host).with_timeout(1.0)
                try:
                    async with asyncio.timeout(1.0 + 2 * SLACK):  # this test's own bound
                        await ae.get_app_version()
                except BaseException as exc:
                    return exc
                return None

            error = asyncio.run(call())
        took = time.monotonic() - started
        with reported_plainly():
            assert error is not None, f"the call through the {facade} facade returned a result"
            assert not isinstance(error, TimeoutError), (
                f"the call through the {facade} facade ended with {error!r} after {took:.1f} s "
                "(deadline 1 s): it was never settled"
            )
            assert took < 1.0 + SLACK
            assert stage.server.is_running
        host.cancel()
    finally:
        stage.close()
