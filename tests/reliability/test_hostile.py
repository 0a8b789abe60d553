"""Hostile input (admission, messages and limits: docs/architecture.md): hypothesis fuzzing of
every message the server accepts from a connected peer, before and after the hello, and from the
host itself.

Frames: raw bytes (as TEXT and as BINARY frames), invalid UTF-8, JSON that is not an object,
broken envelopes, ids of every type, deep nesting, huge numbers, strings near the size limit,
batches of junk. For every frame the server either answers per JSON-RPC 2.0 (each reply a
response object or a non-empty batch of them, ``"jsonrpc": "2.0"``, an id that is null or one
the frame carried, exactly one of ``result`` / ``error``, an error with an integer code and a
string message, the reply within the size limit) or closes with a documented code; it never
crashes; and after every case a real call through the legitimate host still succeeds.

Replies are matched to frames with a sentinel: after each fuzz frame the fuzzer sends
``rpc.cancel`` as a request, answered at once, and reads until that answer. The pipeline's
handlers run inline (``run_sync``), so every reply to the fuzz frame comes before it.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import dataclasses
import json
import os
from collections.abc import Callable, Iterator
from typing import Any

import aiohttp
import orjson
import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from aerpc.aftereffects import CONTRACT, AfterEffects

from .support import (
    FIGURES,
    SEED,
    SOAK,
    WAIT,
    Figures,
    PipelineStub,
    Stage,
    hello_request,
    reported_plainly,
    scale,
    time_limit,
)

LIMIT = 64 * 1024
"""The server's max_message_size in these tests (small, so frames near it are cheap)."""

DOCUMENTED_CLOSE = {1001, 1009, 4400, 4401, 4403, 4409}
"""Close codes of docs/architecture.md / protocol.py (1009: a frame over the size limit)."""

OVERSIZE_CLOSE = {1009, 1006}
"""A frame over the limit: the server closes with 1009; a peer still writing the rest of a big
frame may see the connection reset (1006) before that close frame arrives."""

ERROR_CODES = {
    *(-32700, -32600, -32601, -32602, -32603),
    *(-32001, -32002, -32003, -32004, -32005, -32012),
}

pytestmark = pytest.mark.timeout(time_limit(240, 0.2))

HOSTILE = Figures()


def inline(fn: Callable[[], Any]) -> concurrent.futures.Future[Any]:
    """``run_sync`` that runs a sync handler at once, so its reply precedes the sentinel's."""
    future: concurrent.futures.Future[Any] = concurrent.futures.Future()
    try:
        future.set_result(fn())
    except BaseException as exc:
        future.set_exception(exc)
    return future


@pytest.fixture(scope="module")
def arena() -> Iterator[Stage]:
    stage = Stage(
        handlers=PipelineStub(),
        max_message_size=LIMIT,
        hello_timeout=2.0,
        run_sync=inline,
        reconnect_grace=10.0,
    )
    try:
        yield stage
    finally:
        FIGURES.add("hostile input (fuzzing)", HOSTILE)
        stage.close()


def fuzz(ci: int, soak: int) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Hypothesis settings: ``ci`` examples (derandomized) in CI, ``soak`` seeded under soak."""

    def apply(test: Callable[..., None]) -> Callable[..., None]:
        quiet = pytest.mark.filterwarnings("ignore:Generating overly large repr")
        configured = settings(
            max_examples=scale(ci, soak),
            deadline=None,
            derandomize=not SOAK,
            database=None,
            suppress_health_check=list(HealthCheck),
        )(test)
        seeded: Callable[..., None] = seed(SEED)(configured) if SOAK else configured
        marked: Callable[..., None] = quiet(seeded)
        return marked

    return apply


# -- strategies ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Raw:
    """JSON text put in a message as is (numbers JSON allows but Python's json won't write)."""

    text: str


def dump(value: object) -> bytes:
    """JSON text of ``value``, with :class:`Raw` parts inserted verbatim."""
    raws: list[str] = []

    def mark(v: object) -> object:
        if isinstance(v, Raw):
            raws.append(v.text)
            return f"\x00raw{len(raws) - 1}\x00"
        if isinstance(v, dict):
            return {str(k): mark(x) for k, x in v.items()}
        if isinstance(v, list):
            return [mark(x) for x in v]
        return v

    text = json.dumps(mark(value), ensure_ascii=False, allow_nan=False)
    for i, raw in enumerate(raws):
        text = text.replace(json.dumps(f"\x00raw{i}\x00"), raw)
    return text.encode("utf-8", "surrogatepass")


BIG_NUMBERS = st.sampled_from(
    [
        "1" + "0" * 19,
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775809",
        "9" * 40,
        "1" + "0" * 400,
        "-" + "9" * 5000,
        "1e308",
        "1e309",
        "-1e400",
        "1e-400",
        "1.5e-320",
        "-0",
        "0.1",
        "123456789012345678901234567890.5",
    ]
).map(Raw)


def nested(depth: int, kind: str) -> Raw:
    if kind == "array":
        return Raw("[" * depth + "]" * depth)
    return Raw('{"a":' * depth + "1" + "}" * depth)


# Depths: shallow, moderate, and past orjson's limit of 1024 (a parse error). The band just
# under that limit, where Python's own recursion limit is reached, is in the dedicated tests
# below (test_deeply_nested_*), which show the bugs found there.
DEEP = st.builds(
    nested, st.sampled_from([2, 50, 300, 1025, 5000, 100_000]), st.sampled_from(["array", "object"])
)

LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    BIG_NUMBERS,
)
JSON = st.recursive(
    LEAF,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
VALUE = st.one_of(JSON, DEEP)

IDS = st.one_of(
    st.text(max_size=12),
    st.integers(),
    st.integers(min_value=2**63, max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    BIG_NUMBERS,
)
PIPELINE_METHODS = [n for n, s in CONTRACT.methods.items() if s.served_by == "pipeline"]
HOST_METHODS = [n for n, s in CONTRACT.methods.items() if s.served_by == "host"]
METHODS = st.one_of(
    st.sampled_from([*PIPELINE_METHODS, "rpc.hello", "rpc.cancel", "rpc.ping", "", "launched "]),
    st.sampled_from(HOST_METHODS),
    st.text(max_size=15),
    JSON,
)
PARAM_NAMES = sorted(
    {p for spec in CONTRACT.methods.values() for p in spec.param_names} | {"id", "token", "x"}
)
GOOD_PARAMS = {
    "set_context": st.fixed_dictionaries(
        {
            "project": st.text(min_size=1, max_size=10),
            "folder": st.text(min_size=1),
            "task": st.text(min_size=1, max_size=10),
        }
    ),
    "open_tool": st.fixed_dictionaries({"tool": st.sampled_from(["loader", "publisher", "x"])}),
    "launched": st.just({}),
    "rpc.cancel": st.fixed_dictionaries({"id": IDS}),
}
PARAMS = st.one_of(
    st.dictionaries(st.sampled_from(PARAM_NAMES), VALUE, max_size=4),
    st.sampled_from(list(GOOD_PARAMS.values())).flatmap(lambda s: s),
    VALUE,
)
ERRORS = st.one_of(
    JSON,
    st.fixed_dictionaries(
        {"code": st.one_of(st.integers(), JSON), "message": st.one_of(st.text(max_size=10), JSON)},
        optional={"data": VALUE},
    ),
)
ENVELOPE = st.fixed_dictionaries(
    {},
    optional={
        "jsonrpc": st.one_of(st.just("2.0"), st.just("2.0"), st.just("1.0"), JSON),
        "id": IDS,
        "method": METHODS,
        "params": PARAMS,
        "result": VALUE,
        "error": ERRORS,
        "extra": JSON,
    },
)
REQUEST = st.builds(
    lambda id, method, params: {"jsonrpc": "2.0", "id": id, "method": method, "params": params},
    st.one_of(st.text(max_size=8), st.integers()),
    st.sampled_from([*PIPELINE_METHODS, "rpc.cancel", "rpc.hello", *HOST_METHODS[:3]]),
    PARAMS,
)


@dataclasses.dataclass(frozen=True)
class Frame:
    data: bytes
    binary: bool = False

    def __repr__(self) -> str:
        kind = "BINARY" if self.binary else "TEXT"
        shown = self.data if len(self.data) < 300 else self.data[:200] + b"..." + self.data[-40:]
        return f"Frame({kind}, {len(self.data)} bytes, {shown!r})"


def huge(size: int, where: str) -> Frame:
    """A message of exactly ``size`` bytes whose bulk is one string at ``where``."""
    filler = "x"
    body: dict[str, Any] = {
        "jsonrpc": "2.0",
        "id": 7,
        "method": "set_context",
        "params": {"project": "p", "folder": "f", "task": "t"},
    }
    if where == "unknown-field":
        body["extra"] = filler
    elif where == "param":
        body["params"]["project"] = filler
    elif where == "unknown-param":
        body["params"]["extra"] = filler
    elif where == "param-wrong-type":
        body["params"]["project"] = [filler]
    elif where == "id":
        body = {"jsonrpc": "2.0", "id": filler, "method": "nope"}
    elif where == "method":
        body = {"jsonrpc": "2.0", "id": 7, "method": filler}
    elif where == "error":
        body = {"jsonrpc": "2.0", "id": None, "error": {"code": 1, "message": filler}}
    elif where == "result":
        body = {"jsonrpc": "2.0", "id": "py:nobody", "result": filler}
    text = orjson.dumps(body)
    text = text.replace(b'"x"', b'"' + b"x" * (size - len(text) + 1) + b'"', 1)
    assert len(text) == size, (len(text), size)
    return Frame(text)


HUGE_SAFE = ["unknown-field", "param", "unknown-param", "result", "error"]
HUGE_ECHOED = ["id", "method", "param-wrong-type"]
"""Positions a naive error reply echoes: the reply would be bigger than the request."""


def frames(huge_positions: list[str]) -> st.SearchStrategy[Frame]:
    text = st.one_of(
        ENVELOPE.map(dump),
        REQUEST.map(dump),
        st.lists(st.one_of(ENVELOPE, REQUEST, JSON), min_size=0, max_size=6).map(dump),
        VALUE.map(dump),
        st.text(max_size=40).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.binary(max_size=40),
        st.builds(
            lambda a, b: a + b"\xff\xfe\xc0" + b, st.binary(max_size=5), st.binary(max_size=5)
        ),
        REQUEST.map(dump).map(lambda b: b[:-3] + b"\xed\xa0\x80" + b[-3:]),  # a lone surrogate
    ).map(Frame)
    binary = st.binary(max_size=40).map(lambda b: Frame(b, binary=True))
    extremes = st.builds(
        huge,
        st.sampled_from([LIMIT - 1, LIMIT, LIMIT + 1, 2 * LIMIT]),
        st.sampled_from(huge_positions),
    )
    return st.one_of(text, text, text, binary, extremes)


# -- the fuzzer's side of the socket -------------------------------------------------------------


@dataclasses.dataclass
class Answer:
    replies: list[bytes]
    close_code: int | None


async def say_hello(ws: aiohttp.ClientWebSocketResponse, stage: Stage) -> None:
    hello = hello_request(stage.server.token, instance=os.urandom(6).hex())
    await ws.send_str(orjson.dumps(hello).decode())
    msg = await ws.receive(timeout=WAIT)
    assert msg.type is aiohttp.WSMsgType.TEXT, msg
    assert '"result"' in msg.data, msg


async def send(ws: aiohttp.ClientWebSocketResponse, frame: Frame) -> None:
    kind = aiohttp.WSMsgType.BINARY if frame.binary else aiohttp.WSMsgType.TEXT
    await ws.send_frame(frame.data, kind)


async def read_until(ws: aiohttp.ClientWebSocketResponse, sentinel: bytes | None) -> Answer:
    """Every frame until the sentinel's reply (or, without one, the first), or the close."""
    replies: list[bytes] = []
    while True:
        msg = await ws.receive(timeout=WAIT)
        if msg.type is aiohttp.WSMsgType.TEXT:
            data = msg.data.encode("utf-8") if isinstance(msg.data, str) else msg.data
            if sentinel is not None and sentinel in data:
                return Answer(replies, None)
            replies.append(data)
            if sentinel is None:
                continue
        elif msg.type in (
            aiohttp.WSMsgType.CLOSE,
            aiohttp.WSMsgType.CLOSED,
            aiohttp.WSMsgType.CLOSING,
        ):
            return Answer(replies, ws.close_code)
        elif msg.type is aiohttp.WSMsgType.ERROR:
            return Answer(replies, ws.close_code or -1)
        else:
            raise AssertionError(f"unexpected frame from the server: {msg}")


_sentinels = iter(range(10**9))


async def after_hello(stage: Stage, frame: Frame) -> Answer:
    """Connect as a tool, say hello, send the frame, then the sentinel; the answer."""
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(stage.server.url, max_msg_size=0, autoclose=True) as ws,
    ):
        await say_hello(ws, stage)
        try:
            await send(ws, frame)
        except ConnectionError:  # closed while still writing (a frame over the limit): a reset
            return Answer([], 1006)
        if ws.closed:
            return Answer([], ws.close_code)
        tag = f"sentinel:{next(_sentinels)}"
        with contextlib.suppress(ConnectionError):
            await ws.send_str(
                json.dumps(
                    {"jsonrpc": "2.0", "id": tag, "method": "rpc.cancel", "params": {"id": "none"}}
                )
            )
        return await read_until(ws, json.dumps(tag).encode())


async def before_hello(stage: Stage, frame: Frame) -> Answer:
    """Connect, send the frame as the first message; read until the server closes."""
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(stage.server.url, max_msg_size=0, autoclose=True) as ws,
    ):
        try:
            await send(ws, frame)
        except ConnectionError:  # closed while still writing (a frame over the limit): a reset
            return Answer([], 1006)
        answer = Answer([], None)
        while True:
            msg = await ws.receive(timeout=WAIT)
            if msg.type is aiohttp.WSMsgType.TEXT:
                answer.replies.append(msg.data.encode() if isinstance(msg.data, str) else msg.data)
                if b'"result"' in answer.replies[-1]:
                    return answer  # a valid tool hello (the fuzzer knew the token): fine
                continue
            answer.close_code = ws.close_code
            return answer


# -- checks ------------------------------------------------------------------------------------


def ids_in(message: object) -> set[object]:
    """The string and integer ids a message (or batch) carries."""
    items = message if isinstance(message, list) else [message]
    found: set[object] = set()
    for item in items:
        if isinstance(item, dict) and "id" in item:
            id = item["id"]
            if isinstance(id, str) or (isinstance(id, int) and not isinstance(id, bool)):
                found.add(id)
    return found


def frame_ids(data: bytes) -> set[object]:
    """The ids a frame carries. (The parsed frame is not kept: a deeply nested value freed
    later, while pytest formats a failure, trips a CPython 3.11 bug in ``ast.parse``.)"""
    try:
        return ids_in(orjson.loads(data))
    except orjson.JSONDecodeError:
        return set()


def check_response(reply: object, allowed: set[object], where: str) -> None:
    assert isinstance(reply, dict), f"{where}: a reply that is not an object: {reply!r}"
    assert reply.get("jsonrpc") == "2.0", f"{where}: {reply!r}"
    assert set(reply) <= {"jsonrpc", "id", "result", "error"}, f"{where}: {reply!r}"
    assert "id" in reply, f"{where}: no id: {reply!r}"
    assert reply["id"] is None or reply["id"] in allowed, (
        f"{where}: id {reply['id']!r} was not in the frame {allowed!r}"
    )
    assert ("result" in reply) != ("error" in reply), f"{where}: {reply!r}"
    if "error" in reply:
        error = reply["error"]
        assert isinstance(error, dict), f"{where}: {reply!r}"
        assert set(error) <= {"code", "message", "data"}, f"{where}: {reply!r}"
        code = error.get("code")
        assert type(code) is int, f"{where}: {reply!r}"
        assert code in ERROR_CODES or code >= 1000, f"{where}: undocumented code {code}"
        assert isinstance(error.get("message"), str), f"{where}: {reply!r}"


def expectation(frame: Frame) -> tuple[str, Any]:
    """What the server must do with a frame after the hello: ("close", codes), ("one", id or
    None and code or None) or ("at-most-one", None)."""
    if len(frame.data) > LIMIT:
        return "close", OVERSIZE_CLOSE
    if frame.binary:
        return "one", (None, -32600)
    try:
        message = orjson.loads(frame.data)
    except orjson.JSONDecodeError:
        return "one", (None, -32700)
    if isinstance(message, dict):
        id = message.get("id")
        valid_id = isinstance(id, str) or (isinstance(id, int) and not isinstance(id, bool))
        if valid_id and message.get("jsonrpc") == "2.0" and isinstance(message.get("method"), str):
            return "one", (id, None)
        return "at-most-one", None
    if isinstance(message, list):
        if not message:
            return "one", (None, -32600)
        return "at-most-one", None
    return "one", (None, -32600)


def echoable(id: object) -> bool:
    """Whether an error reply can carry ``id`` within the limit; if not (an id of ~64 KiB), the
    reply has a null id, as JSON-RPC 2.0 allows when the id cannot be given back."""
    shortest = {"jsonrpc": "2.0", "id": id, "error": {"code": -32600, "message": ""}}
    return len(orjson.dumps(shortest)) <= LIMIT


def check_after_hello(frame: Frame, answer: Answer) -> None:
    what, detail = expectation(frame)
    where = repr(frame)
    if what == "close":
        assert answer.close_code in detail, f"{where}: closed with {answer.close_code}"
        return
    assert answer.close_code is None, (
        f"{where}: the server closed the connection ({answer.close_code}) instead of answering; "
        f"replies {answer.replies!r}"
    )
    for data in answer.replies:
        assert len(data) <= LIMIT, f"{where}: a reply of {len(data)} bytes, over the limit"
    allowed = frame_ids(frame.data)
    for data in answer.replies:
        reply = orjson.loads(data)
        if isinstance(reply, list):
            assert reply, f"{where}: an empty batch reply"
            for item in reply:
                check_response(item, allowed, where)
        else:
            check_response(reply, allowed, where)
    if what == "one":
        id, code = detail
        assert len(answer.replies) == 1, f"{where}: {len(answer.replies)} replies: {answer.replies}"
        reply = orjson.loads(answer.replies[0])
        assert isinstance(reply, dict), f"{where}: {reply!r}"
        assert reply["id"] == (id if echoable(id) else None), f"{where}: {reply!r}"
        if code is not None:
            assert reply["error"]["code"] == code, f"{where}: {reply!r}"
    else:
        assert len(answer.replies) <= 1, f"{where}: {len(answer.replies)} replies"


class HostStillServes:
    """After each case: the legitimate host is the same instance and answers a real call."""

    def __init__(self, stage: Stage):
        self.stage = stage
        assert stage.peer is not None
        self.instance = stage.peer.instance
        self.ae = AfterEffects(stage.server.host).with_timeout(WAIT)
        self.n = 0

    def check(self, case: object) -> None:
        self.n += 1
        comp_id = 1000 + self.n * 143  # never a multiple of 11 or 13: no host error
        assert self.stage.server.is_running, f"the server stopped after {case!r}"
        assert self.stage.server.host.instance == self.instance, f"the host changed after {case!r}"
        result = self.ae.get_comp_properties(comp_id=comp_id)
        assert result["id"] == comp_id, f"after {case!r}: {result!r}"


# -- the fuzz tests ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def host_check(arena: Stage) -> HostStillServes:
    return HostStillServes(arena)


@fuzz(ci=250, soak=4000)
@given(frame=frames(HUGE_SAFE + HUGE_ECHOED))
def test_fuzz_after_hello(arena: Stage, host_check: HostStillServes, frame: Frame) -> None:
    """Any frame after the hello, strings near the limit included, wherever a reply would echo
    them (``HUGE_ECHOED``; one by one in ``test_replies_never_exceed_the_size_limit``)."""
    answer = arena.loop.run(after_hello(arena, frame))
    HOSTILE.hostile_messages += 1
    check_after_hello(frame, answer)
    host_check.check(frame)


HELLO_PARAMS = st.fixed_dictionaries(
    {},
    optional={
        "token": st.one_of(st.just("<token>"), st.text(max_size=10), JSON),
        "role": st.one_of(st.sampled_from(["host", "tool"]), JSON),
        "instance": st.one_of(st.text(max_size=10), JSON, st.just("")),
        "schema": st.one_of(
            st.just(dict(CONTRACT.identity)),
            JSON,
            st.fixed_dictionaries(
                {
                    "name": st.text(max_size=5),
                    "version": st.text(max_size=5),
                    "hash": st.text(max_size=5),
                }
            ),
        ),
        "app": st.one_of(st.just({"name": "AEFT", "version": "24"}), JSON),
        "extension_version": st.one_of(st.text(max_size=5), JSON),
    },
)
HELLO = st.builds(
    lambda id, params, jsonrpc: {
        "jsonrpc": jsonrpc,
        "id": id,
        "method": "rpc.hello",
        "params": params,
    },
    IDS,
    st.one_of(HELLO_PARAMS, JSON),
    st.one_of(st.just("2.0"), st.just("2.0"), JSON),
)


def carries_token(data: bytes, token: str) -> bool:
    try:
        message = orjson.loads(data)
    except orjson.JSONDecodeError:
        return False
    params = message.get("params") if isinstance(message, dict) else None
    return isinstance(params, dict) and params.get("token") == token


@fuzz(ci=150, soak=3000)
@given(first=st.one_of(HELLO.map(dump).map(Frame), frames(HUGE_SAFE + HUGE_ECHOED)))
def test_fuzz_before_hello(arena: Stage, host_check: HostStillServes, first: Frame) -> None:
    """The first message of a connection: only a valid ``rpc.hello`` with the right token opens
    it; anything else is answered with an error and closed with a documented code."""
    token = arena.server.token
    data = first.data.replace(b"<token>", token.encode())
    frame = dataclasses.replace(first, data=data)
    answer = arena.loop.run(before_hello(arena, frame))
    HOSTILE.hostile_messages += 1
    where = repr(frame)
    if len(frame.data) > LIMIT:
        assert answer.close_code in OVERSIZE_CLOSE, f"{where}: {answer}"
    elif answer.replies and b'"result"' in answer.replies[-1]:
        assert carries_token(frame.data, token), f"{where}: accepted without the token"
    else:
        assert answer.close_code in DOCUMENTED_CLOSE - {1001, 1009}, f"{where}: {answer}"
        assert len(answer.replies) == 1, f"{where}: {answer}"
        reply = orjson.loads(answer.replies[0])
        check_response(reply, frame_ids(frame.data), where)
        code = reply["error"]["code"]
        expected = {-32001: 4401, -32602: 4400, -32002: 4409, -32003: 4403}
        assert expected.get(code) == answer.close_code, f"{where}: {reply} / {answer.close_code}"
        if not carries_token(frame.data, token):
            assert code == -32001, f"{where}: without the token, but {reply}"
        assert token not in answer.replies[0].decode("utf-8", "replace")
    host_check.check(frame)


@fuzz(ci=150, soak=3000)
@given(frame=frames(HUGE_SAFE + HUGE_ECHOED).filter(lambda f: len(f.data) <= LIMIT))
def test_fuzz_from_the_host_itself(arena: Stage, host_check: HostStillServes, frame: Frame) -> None:
    """The host's own socket sends junk (a buggy panel): the server answers or ignores it, and
    the host's socket stays open and keeps serving calls. (Junk that answers no waiting call
    fails the calls in flight, issue 25 §7: the junk is settled, by a round trip on the same
    socket, before the next call is made.)"""
    peer = arena.peer
    assert peer is not None

    async def junk() -> None:
        link = peer._peer
        assert link is not None
        if frame.binary:
            await link.ws.send_bytes(frame.data)
        else:
            peer.send_raw(frame.data)
        # answered after the junk, which the server reads first
        await link.call("rpc.cancel", {"id": "nothing"}, None, WAIT)

    arena.loop.run(junk())
    HOSTILE.hostile_messages += 1
    assert peer.connected, f"the host's socket closed after {frame!r} ({peer.close_code})"
    host_check.check(frame)


# -- the extremes, one by one ------------------------------------------------------------------


def test_oversized_frames_close_1009_and_the_host_goes_on(
    arena: Stage, host_check: HostStillServes
) -> None:
    with reported_plainly():
        for size in (LIMIT + 1, 4 * LIMIT):
            frame = Frame(
                b'{"jsonrpc":"2.0","id":1,"method":"launched","params":{"x":"'
                + b"x" * size
                + b'"}}'
            )
            assert arena.loop.run(after_hello(arena, frame)).close_code in OVERSIZE_CLOSE
            assert arena.loop.run(before_hello(arena, frame)).close_code in OVERSIZE_CLOSE
            HOSTILE.hostile_messages += 2
            host_check.check(frame)


@pytest.mark.parametrize(
    ("where", "depth"),
    [
        ("params", 900),
        ("params", 1000),
        ("params", 1022),
        ("error", 900),
        ("error", 1000),
        ("error", 1022),
        ("id-less-response", 1000),
        ("id-less-response", 1022),
    ],
)
def test_deeply_nested_json_is_answered(
    arena: Stage, host_check: HostStillServes, where: str, depth: int
) -> None:
    """Nesting just under the parser's limit (1024) must not crash the connection."""
    with reported_plainly():
        deep = "[" * depth + "]" * depth
        if where == "params":
            text = (
                '{"jsonrpc":"2.0","id":5,"method":"set_context","params":{"project":'
                + deep
                + ',"folder":"f","task":"t"}}'
            )
        elif where == "error":
            text = '{"jsonrpc":"2.0","id":null,"error":' + deep + "}"
        else:
            text = (
                '{"jsonrpc":"2.0","id":"py:nobody","error":{"code":1,"message":"m","data":'
                + deep
                + "}}"
            )
        frame = Frame(text.encode())
        answer = arena.loop.run(after_hello(arena, frame))
        HOSTILE.hostile_messages += 1
        check_after_hello(frame, answer)
        host_check.check(frame)


@pytest.mark.parametrize("where", HUGE_ECHOED)
def test_replies_never_exceed_the_size_limit(
    arena: Stage, host_check: HostStillServes, where: str
) -> None:
    """A request just under the limit whose error reply would echo its bulk (the id, the method
    name, a reported error): the reply must still fit the limit the server announced."""
    with reported_plainly():
        frame = huge(LIMIT - 1, where)
        answer = arena.loop.run(after_hello(arena, frame))
        HOSTILE.hostile_messages += 1
        check_after_hello(frame, answer)
        host_check.check(frame)


def test_a_batch_of_junk_gets_a_reply_within_the_limit(
    arena: Stage, host_check: HostStillServes
) -> None:
    """``[1,1,1,…]`` near the limit: one error per member would be ~45 times the request. The
    server must not build (or send) a reply beyond its own limit."""
    with reported_plainly():
        items = (LIMIT - 2) // 2
        frame = Frame(b"[" + b",".join([b"1"] * items) + b"]")
        assert len(frame.data) <= LIMIT
        answer = arena.loop.run(after_hello(arena, frame))
        HOSTILE.hostile_messages += 1
        check_after_hello(frame, answer)
        host_check.check(frame)
