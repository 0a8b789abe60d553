"""Timing regressions that real sockets cannot see, checked on a fake clock (``fake_loop``):
the reconnect grace timer, the time budget of a re-sent call, the keepalive's ticks, and a sync
handler's deadline. Each test here failed on a planted bug (tests/mutation/mutants.py)."""

from __future__ import annotations

import concurrent.futures
import threading
from collections.abc import Callable
from typing import Any, cast

import orjson
import pytest
from aiohttp import WSMsgType

from aerpc.runtime import ConnectionLost, HandlerTimeout, NotConnected, RpcTimeout
from aerpc.runtime.admission import PendingHellos
from aerpc.runtime.dispatch import Dispatcher
from aerpc.runtime.host import Host
from aerpc.runtime.observe import Observer
from aerpc.runtime.peer import Peer
from aerpc.runtime.protocol import Connection, Request, Response
from aerpc.runtime.roles import Role

from .conftest import CONTRACT, WAIT, async_test
from .fake_loop import FakeLoop

T0 = 1000.0

# -- Host: the grace timer and the time budget of a re-sent call -------------------------------


class Link:
    """A host socket as ``Host`` sees it: records the frames written to it."""

    def __init__(self, instance: str):
        self.hello: dict[str, Any] = {"instance": instance, "role": "host"}
        self.session = "s-" + instance
        self.frames: list[dict[str, Any]] = []

    def send(self, data: bytes) -> bool:
        self.frames.append(orjson.loads(data))
        return True

    def requests(self) -> list[dict[str, Any]]:
        return [f for f in self.frames if f.get("method") not in (None, "rpc.cancel")]


def make_host(loop: FakeLoop, grace: float = 5.0, connect_timeout: float = 30.0) -> Host:
    host = Host(
        CONTRACT,
        reconnect_grace=grace,
        max_message_size=1 << 20,
        observer=Observer(),
        connect_timeout=connect_timeout,
    )
    host.bind(cast(Any, loop), "ws://test")
    return host


def begin(
    host: Host, loop: FakeLoop, method: str, timeout: float, **params: Any
) -> concurrent.futures.Future[Any]:
    """Start a call as ``call_blocking`` does (prepared here, begun on the loop's next turn)."""
    from aerpc.runtime import CallOptions

    spec, call_id, data, limit = host._prepare(method, params, CallOptions(timeout=timeout))
    future = host._submit(spec, call_id, data, limit, None)
    loop.advance(0)
    return future


def test_the_same_instance_back_in_grace_cancels_the_grace_timer() -> None:
    loop = FakeLoop(T0)
    host = make_host(loop, grace=5.0)
    first = Link("a")
    host.attach(cast(Any, first))
    call = begin(host, loop, "add_item", 60.0, name="x")  # not idempotent
    (request,) = first.requests()
    host.detach(cast(Any, first))
    assert loop.timers[0] == T0 + 5.0  # the grace ends
    loop.advance(1.0)
    again = Link("a")
    host.attach(cast(Any, again))
    assert [r["id"] for r in again.requests()] == [request["id"]]
    assert T0 + 5.0 not in loop.timers  # no grace timer is left
    loop.advance(20.0)  # far past where the grace would have ended
    assert not call.done(), call  # still waits for its reply from the instance that came back
    host.on_response(Response(request["id"], result={"id": 9, "name": "x", "type": "comp"}))
    assert call.result(0) == {"id": 9, "name": "x", "type": "comp"}


def test_the_grace_timer_fires_at_its_end_when_no_host_came_back() -> None:
    loop = FakeLoop(T0)
    host = make_host(loop, grace=5.0)
    link = Link("a")
    host.attach(cast(Any, link))
    call = begin(host, loop, "add_item", 60.0, name="x")
    loop.advance(2.0)
    host.detach(cast(Any, link))
    loop.advance(4.99)
    assert not call.done()
    loop.advance(0.01)  # grace of 5 s from the detach
    error = call.exception(0)
    assert isinstance(error, ConnectionLost)
    assert error.maybe_applied


def test_a_call_sent_again_carries_the_time_it_has_left_not_its_original_budget() -> None:
    loop = FakeLoop(T0)
    host = make_host(loop, grace=30.0)
    link = Link("a")
    host.attach(cast(Any, link))
    call = begin(host, loop, "echo", 9.0, text="t")
    (first,) = link.requests()
    assert first["aerpc"] == {"timeout_ms": 9000, "idle": True}  # to an idle host: running
    loop.advance(1.0)
    host.detach(cast(Any, link))
    loop.advance(3.0)
    back = Link("a")
    host.attach(cast(Any, back))
    (again,) = back.requests()
    assert again["id"] == first["id"]
    # 9 s from T0, re-sent at T0 + 4; a call sent again is not counted running from its send
    assert again["aerpc"] == {"timeout_ms": 5000}
    loop.advance(5.0)
    assert isinstance(call.exception(0), RpcTimeout)
    assert back.frames[-1] == {
        "jsonrpc": "2.0",
        "method": "rpc.cancel",
        "params": {"id": first["id"]},
    }


def test_a_call_made_before_the_host_came_is_sent_with_what_is_left() -> None:
    loop = FakeLoop(T0)
    host = make_host(loop)
    call = begin(host, loop, "echo", 9.0, text="t")
    loop.advance(2.5)
    link = Link("a")
    host.attach(cast(Any, link))
    (request,) = link.requests()
    assert request["aerpc"] == {"timeout_ms": 6500, "idle": True}
    host.on_response(Response(request["id"], result="t"))
    assert call.result(0) == "t"


def test_a_call_not_sent_fails_at_its_connect_timeout_and_a_sent_one_at_its_deadline() -> None:
    loop = FakeLoop(T0)
    host = make_host(loop, connect_timeout=2.0)
    waiting = begin(host, loop, "echo", 9.0, text="t")
    loop.advance(1.99)
    assert not waiting.done()
    loop.advance(0.01)
    assert not isinstance(waiting.exception(0), RpcTimeout)  # NotConnected, nothing sent
    link = Link("a")
    host.attach(cast(Any, link))
    sent = begin(host, loop, "echo", 3.0, text="u")
    loop.advance(2.99)
    assert not sent.done()  # sent: the connect timeout no longer counts
    loop.advance(0.01)
    assert isinstance(sent.exception(0), RpcTimeout)


# -- Peer.keep_alive ---------------------------------------------------------------------------


class FakeSocket:
    """The websocket side of a ``Peer``: records frames; ``closed`` once aborted."""

    def __init__(self) -> None:
        self.closed = False
        self.frames: list[WSMsgType] = []

    async def send_frame(self, data: bytes, opcode: WSMsgType, compress: int | None = None) -> None:
        self.frames.append(opcode)

    def get_extra_info(self, name: str) -> None:
        return None


class FakeTransport:
    def __init__(self, ws: FakeSocket):
        self.ws = ws
        self.aborted = False

    def abort(self) -> None:
        self.aborted = True
        self.ws.closed = True


def keepalive_peer(loop: FakeLoop, heartbeat: float) -> tuple[Peer, FakeSocket, FakeTransport]:
    ws = FakeSocket()
    transport = FakeTransport(ws)
    peer = Peer(
        cast(Any, ws),
        Connection(),
        cast(Any, None),
        role=Role("tool"),
        transport=cast(Any, transport),
    )
    peer.loop = cast(Any, loop)
    peer.keep_alive(heartbeat)  # as the session does once the hello is accepted
    return peer, ws, transport


def test_a_silent_peer_is_pinged_after_a_period_and_closed_half_a_period_later() -> None:
    loop = FakeLoop(T0)
    _, ws, transport = keepalive_peer(loop, 1.0)  # the hello came at T0
    assert loop.timers == [T0 + 0.5]  # every half period
    loop.advance(0.99)
    assert ws.frames == []
    loop.advance(0.01)  # quiet for a whole period: a ping
    assert ws.frames == [WSMsgType.PING]
    loop.advance(0.49)
    assert not transport.aborted
    loop.advance(0.01)  # and nothing, not even the pong, for another half: closed
    assert transport.aborted
    assert loop.timers == []  # the keepalive stopped


def test_after_a_pong_the_keepalive_keeps_ticking_every_half_period() -> None:
    loop = FakeLoop(T0)
    peer, ws, transport = keepalive_peer(loop, 1.0)
    loop.advance(1.0)
    assert ws.frames == [WSMsgType.PING]
    loop.advance(0.1)
    peer.seen = True  # the pong came (the read loop marks every frame)
    loop.advance(0.4)  # the tick at T0 + 1.5 sees it
    assert loop.timers == [T0 + 2.0]
    assert not transport.aborted
    loop.advance(0.99)
    assert ws.frames == [WSMsgType.PING]
    loop.advance(0.01)  # a whole period after the tick that saw the pong: pinged again
    assert ws.frames == [WSMsgType.PING, WSMsgType.PING]
    loop.advance(0.49)
    assert not transport.aborted
    loop.advance(0.01)
    assert transport.aborted


def test_a_peer_that_keeps_talking_is_never_pinged() -> None:
    loop = FakeLoop(T0)
    peer, ws, transport = keepalive_peer(loop, 1.0)
    for _ in range(20):
        peer.seen = True
        loop.advance(0.5)
    assert ws.frames == []
    assert not transport.aborted
    assert loop.timers == [loop.now + 0.5]


# -- Dispatcher: a sync handler's deadline counts from the request's arrival -------------------
# (async tests only because an answer's duration is read from the running loop; the deadlines
# are the fake loop's)


class SyncPipeline:
    def set_context(self, *, project: str, folder: str, task: str) -> None:
        return None


class Threads:
    """A ``run_sync`` hook that runs nothing: the test finishes each job's future."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[], Any], concurrent.futures.Future[Any]]] = []

    def __call__(self, fn: Callable[[], Any]) -> concurrent.futures.Future[Any]:
        future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        future.set_running_or_notify_cancel()
        self.jobs.append((fn, future))
        return future


PARAMS = {"project": "p", "folder": "/f", "task": "t"}


def sync_dispatcher(threads: Threads) -> tuple[Dispatcher, dict[object, Any]]:
    dispatcher = Dispatcher(
        CONTRACT,
        "pipeline",
        SyncPipeline(),
        observer=Observer(),
        run_sync=threads,
        max_sync_per_peer=1,
    )
    return dispatcher, {}


def dispatch_two(
    dispatcher: Dispatcher, loop: FakeLoop, budget: float, respond: Any = lambda *_: None
) -> None:
    """Two ``set_context`` requests of one peer at ``budget`` s: the second waits its turn."""
    owner = object()
    for id in ("cep:1", "cep:2"):
        request = Request("set_context", dict(PARAMS), id, budget=budget)
        dispatcher.dispatch(request, respond, "host", cast(Any, loop), owner=owner)


@async_test
async def test_a_queued_sync_handler_s_deadline_counts_from_the_request_s_arrival() -> None:
    loop = FakeLoop(T0)
    threads = Threads()
    dispatcher, answers = sync_dispatcher(threads)

    def respond(request: Request, result: object, error: object) -> None:
        answers[request.id] = error if error is not None else result

    dispatch_two(dispatcher, loop, 10.0, respond)
    assert len(threads.jobs) == 1  # one at a time for this peer: the second waits
    loop.advance(4.0)
    threads.jobs[0][1].set_result(None)  # the first returns; the second starts now
    loop.advance(0)
    assert answers == {"cep:1": None}
    assert len(threads.jobs) == 2
    assert T0 + 10.0 in loop.timers  # its deadline: 10 s from its arrival, not its start
    loop.advance(5.99)
    assert "cep:2" not in answers
    loop.advance(0.01)
    error = answers["cep:2"]
    assert isinstance(error, HandlerTimeout)
    assert error.data["started"] is True


@async_test
async def test_a_sync_handler_sees_the_deadline_of_its_request_s_arrival() -> None:
    """``time_left()`` in the handler counts to the same deadline (``run_until``'s argument)."""
    from aerpc.runtime.deadline import run_until

    loop = FakeLoop(T0)
    threads = Threads()
    dispatcher, _ = sync_dispatcher(threads)
    dispatch_two(dispatcher, loop, 10.0)
    loop.advance(3.0)
    threads.jobs[0][1].set_result(None)
    loop.advance(0)
    job = cast(Any, threads.jobs[1][0])  # functools.partial(run_until, deadline, handler, …)
    assert job.func is run_until
    assert job.args[0] == T0 + 10.0


@async_test
async def test_a_sync_request_that_waited_its_whole_deadline_is_not_run() -> None:
    loop = FakeLoop(T0)
    threads = Threads()
    dispatcher, answers = sync_dispatcher(threads)

    def respond(request: Request, result: object, error: object) -> None:
        answers[request.id] = error if error is not None else result

    dispatch_two(dispatcher, loop, 2.0, respond)
    loop.advance(2.0)  # the first is answered -32012 at its deadline; the second is due too
    assert isinstance(answers["cep:1"], HandlerTimeout)
    error = answers["cep:2"]
    assert isinstance(error, HandlerTimeout)
    assert error.data["started"] is False
    assert len(threads.jobs) == 1  # never handed to a thread


@pytest.mark.parametrize("budget", [None, 0.25])
@async_test
async def test_a_sync_handler_is_answered_at_its_deadline_exactly(budget: float | None) -> None:
    loop = FakeLoop(T0)
    threads = Threads()
    dispatcher, answers = sync_dispatcher(threads)

    def respond(request: Request, result: object, error: object) -> None:
        answers[request.id] = error

    request = Request("set_context", dict(PARAMS), "cep:1", budget=budget)
    dispatcher.dispatch(request, respond, "host", cast(Any, loop), owner=object())
    limit = CONTRACT.methods["set_context"].timeout if budget is None else budget
    loop.advance(limit - 0.01)
    assert answers == {}
    loop.advance(0.01)
    assert isinstance(answers["cep:1"], HandlerTimeout)


def test_a_call_s_own_connect_timeout_overrides_the_server_s() -> None:
    loop = FakeLoop(T0)
    host = make_host(loop, connect_timeout=30.0)
    from aerpc.runtime import CallOptions

    spec, call_id, data, limit = host._prepare("echo", {"text": "t"}, CallOptions(timeout=9.0))
    own = host._submit(spec, call_id, data, limit, 1.0)  # ae.with_connect_timeout(1.0)
    server_s = begin(host, loop, "echo", 60.0, text="u")
    loop.advance(0.99)
    assert not own.done()
    loop.advance(0.01)
    error = own.exception(0)
    assert isinstance(error, NotConnected)
    assert error.data["connect_timeout_s"] == 1.0
    loop.advance(28.99)
    assert not server_s.done()
    loop.advance(0.01)
    assert isinstance(server_s.exception(0), NotConnected)


def test_a_call_sent_when_the_host_came_counts_as_sent() -> None:
    """Sent on attach, it ends at its deadline as a timeout the host is told of (not as
    NotConnected, which says nothing was sent)."""
    loop = FakeLoop(T0)
    host = make_host(loop)
    call = begin(host, loop, "echo", 9.0, text="t")
    loop.advance(2.0)
    link = Link("a")
    host.attach(cast(Any, link))
    (request,) = link.requests()
    loop.advance(7.0)
    error = call.exception(0)
    assert isinstance(error, RpcTimeout)
    assert error.maybe_applied
    assert link.frames[-1]["params"] == {"id": request["id"]}


# -- a hung sync handler's thread is given up on at its deadline -------------------------------


class HangingPipeline:
    """``set_context(task="hang")`` blocks until ``release``; any other task returns at once."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.ran = threading.Event()

    def set_context(self, *, project: str, folder: str, task: str) -> None:
        if task == "hang":
            self.release.wait(WAIT)
        else:
            self.ran.set()


@async_test
async def test_a_hung_handler_s_thread_stops_counting_once_its_deadline_passed() -> None:
    loop = FakeLoop(T0)
    handlers = HangingPipeline()
    dispatcher = Dispatcher(
        CONTRACT, "pipeline", handlers, observer=Observer(), sync_threads=1, max_sync_per_peer=4
    )
    answers: dict[object, object] = {}

    def respond(request: Request, result: object, error: object) -> None:
        answers[request.id] = error

    try:
        hang = Request("set_context", {**PARAMS, "task": "hang"}, "cep:1", budget=1.0)
        dispatcher.dispatch(hang, respond, "host", cast(Any, loop), owner=object())
        loop.advance(1.0)
        assert isinstance(answers["cep:1"], HandlerTimeout)
        quick = Request("set_context", dict(PARAMS), "cep:2", budget=5.0)
        dispatcher.dispatch(quick, respond, "host", cast(Any, loop), owner=object())
        # the only thread hangs; given up on, it no longer fills the pool: a new one runs this
        assert handlers.ran.wait(WAIT)
    finally:
        handlers.release.set()
        dispatcher.shutdown()


def test_a_full_pool_takes_no_more_hellos_except_the_page_class_which_evicts() -> None:
    slots = PendingHellos(2)
    evicted: list[str] = []
    assert slots.take("local", lambda: evicted.append("l1")) is not None
    assert slots.take("local", lambda: evicted.append("l2")) is not None
    assert slots.take("local", lambda: evicted.append("l3")) is None
    assert slots.count("local") == 2
    assert slots.take("page", lambda: evicted.append("p1")) is not None
    assert slots.take("page", lambda: evicted.append("p2")) is not None
    assert evicted == []
    assert slots.take("page", lambda: evicted.append("p3")) is not None
    assert evicted == ["p1"]
    assert slots.count("page") == 2
