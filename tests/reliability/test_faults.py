"""Faults with the Python stand-in panel (the promise, docs/architecture.md): the host's socket
killed mid-call, the panel reloaded mid-call, the server stopped with calls in flight, a host
function that never returns or throws, the server's loop kept busy, the port already taken,
After Effects never connecting; and a seeded chaos run mixing them at random moments.

Every call goes through the generated sync facade (``AfterEffects(host)``) and is recorded in a
:class:`Ledger`; the :class:`CountingHost` counts what it received and applied per request id
and per call nonce. ``Ledger.verify`` then proves: every completed call was applied exactly once
(idempotent ones at most once per panel instance), every failed one's ``maybe_applied`` told the
truth, every call ended by its deadline, and each result was its own.
"""

from __future__ import annotations

import asyncio
import errno
import random
import socket
import threading
import time
from collections.abc import Callable

import pytest

from aerpc.aftereffects import CONTRACT, AfterEffects, AsyncAfterEffects, ItemNotFound
from aerpc.runtime import (
    CallEvent,
    ConnectionLost,
    InternalError,
    NotConnected,
    RemoteError,
    RpcTimeout,
    Server,
    ServerStopped,
)
from aerpc.runtime.client import ToolPeer

from .support import (
    SEED,
    SLACK,
    SOAK,
    WAIT,
    Call,
    CountingHost,
    Ledger,
    PipelineStub,
    Stage,
    nothing_left_behind,
    rng_for,
    run_threads,
    scale,
    soak_deadline,
    time_limit,
)

pytestmark = pytest.mark.timeout(60)


class Background:
    """One call made on its own thread; ``join()`` returns its :class:`Call` (bounded)."""

    def __init__(self, ledger: Ledger, ae: AfterEffects, method: str, timeout: float = WAIT):
        self.call: Call | None = None
        self._thread = threading.Thread(
            target=self._run, args=(ledger, ae, method, timeout), name=f"call-{method}"
        )
        self._thread.start()

    def _run(self, ledger: Ledger, ae: AfterEffects, method: str, timeout: float) -> None:
        self.call = ledger.call(ae, method, timeout)

    def join(self, timeout: float = WAIT + SLACK) -> Call:
        self._thread.join(timeout)
        assert not self._thread.is_alive(), f"a call did not end within {timeout} s"
        assert self.call is not None
        return self.call


# -- the host's socket killed mid-call ---------------------------------------------------------


@pytest.mark.parametrize("method", ["add_item", "rename_item"])
@pytest.mark.parametrize("reply", ["after-reconnect", "while-away"])
def test_host_socket_killed_mid_call_and_back_in_grace_runs_once(
    stage: Stage, method: str, reply: str
) -> None:
    """Killed while the host function runs; the same instance reconnects within the grace.
    The server sends the call again with the same id; the panel joins the run (or answers from
    memory when it ended while away): applied once, the result reaches its caller."""
    ledger = Ledger(f"socket killed mid-call ({reply})")
    stage.impl.hold(method)
    call = Background(ledger, stage.ae, method)
    stage.impl.wait_for(lambda: stage.impl.waiting() == 1)
    stage.drop()
    ledger.fault()
    if reply == "while-away":
        stage.impl.release()
        stage.impl.wait_for(lambda: stage.impl.run_count(method) == 1)
    stage.reconnect()
    stage.impl.release()
    done = call.join()
    assert done.ok, done.error
    assert stage.peer is not None
    assert stage.peer.repeats == 1
    ledger.verify(stage.impl)
    assert stage.impl.run_count(method) == 1


def test_host_socket_killed_and_gone_past_the_grace() -> None:
    """Past the grace, a call that is not idempotent fails with ``ConnectionLost(maybe_applied=
    True)``; an idempotent one waits (to its deadline) and goes again when the host is back."""
    stage = Stage(reconnect_grace=0.3)
    try:
        ledger = Ledger("socket killed, back after the grace")
        stage.impl.hold("add_item", "rename_item")
        adding = Background(ledger, stage.ae, "add_item")
        renaming = Background(ledger, stage.ae, "rename_item")
        stage.impl.wait_for(lambda: stage.impl.waiting() == 2)
        stage.drop()
        ledger.fault()
        lost = adding.join()
        assert isinstance(lost.error, ConnectionLost)
        assert lost.error.maybe_applied is True
        assert "did not reconnect within 0.3 s" in str(lost.error)
        assert "not idempotent" in str(lost.error)
        assert renaming.call is None  # still waiting: idempotent calls wait for their deadline
        stage.reconnect()
        stage.impl.release()
        done = renaming.join()
        assert done.ok, done.error
        ledger.verify(stage.impl)
        assert stage.impl.run_count("add_item") == 1  # it did run (maybe_applied was right)
        assert stage.impl.run_count("rename_item") == 1
    finally:
        stage.close()


def test_host_socket_killed_for_good_fails_every_call_by_its_deadline() -> None:
    stage = Stage(reconnect_grace=60.0)
    try:
        ledger = Ledger("socket killed for good")
        stage.impl.hold("add_item", "rename_item")
        calls = [Background(ledger, stage.ae, m, 0.8) for m in ("add_item", "rename_item")]
        stage.impl.wait_for(lambda: stage.impl.waiting() == 2)
        stage.drop()
        ledger.fault()
        for background in calls:
            done = background.join()
            assert isinstance(done.error, ConnectionLost), done.error
            assert done.error.maybe_applied is True
            assert "did not come back within the call's deadline (0.8 s)" in str(done.error)
        ledger.verify(stage.impl)
    finally:
        stage.close()


# -- the panel reloaded mid-call ---------------------------------------------------------------


def test_panel_reloaded_mid_call() -> None:
    """A new instance tries to connect while calls are in flight: it is refused until the old
    instance's grace is over (issue 25 §3: no one else takes the seat meanwhile), then gets in;
    no call sent to the old instance goes to it: each fails with
    ``ConnectionLost(maybe_applied=True)``, the one that is not idempotent at the end of the
    grace, the idempotent ones when the new instance connects."""
    stage = Stage(reconnect_grace=0.5)
    try:
        ledger = Ledger("panel reloaded mid-call")
        stage.impl.hold("add_item", "rename_item", "get_comp_properties")
        methods = ("add_item", "rename_item", "get_comp_properties")
        calls = [Background(ledger, stage.ae, m) for m in methods]
        stage.impl.wait_for(lambda: stage.impl.waiting() == 3)
        assert stage.peer is not None
        old = stage.peer.instance
        stage.reconnect(new_instance=True)
        ledger.fault(reload=True)
        assert stage.server.host.instance == stage.peer.instance != old
        adding, renaming, reading = (c.join() for c in calls)
        assert stage.impl.received_count() == 3  # none was sent again
        stage.impl.release()
        assert isinstance(adding.error, ConnectionLost)
        assert adding.error.maybe_applied is True
        assert "did not reconnect within 0.5 s" in str(adding.error)
        for other in (renaming, reading):
            assert isinstance(other.error, ConnectionLost), other.error
            assert other.error.maybe_applied is True
            assert "panel was reloaded" in str(other.error)
        figures = ledger.verify(stage.impl)
        assert figures.reruns_after_reload == 0
    finally:
        stage.close()


# -- the server stopped with calls in flight ---------------------------------------------------


def test_server_stopped_with_calls_in_flight() -> None:
    """Calls the host received fail with ``ServerStopped(maybe_applied=True)``, calls it never
    saw with ``maybe_applied=False``; ``stop()`` returns promptly and leaves nothing behind."""
    with nothing_left_behind():
        stage = Stage(reconnect_grace=60.0)
        try:
            begun = threading.Semaphore(0)

            def on_event(event: CallEvent) -> None:
                if event.kind == "start" and event.direction == "out":
                    begun.release()

            stage.server.add_listener(on_event)
            ledger = Ledger("server stopped with calls in flight")
            stage.impl.hold("add_item", "rename_item")
            sent = [Background(ledger, stage.ae, m) for m in ("add_item", "rename_item")]
            stage.impl.wait_for(lambda: stage.impl.waiting() == 2)
            stage.drop()  # the host goes away: the next calls queue, unsent
            stage.wait_detached()  # (until the server sees it, they could be written to the void)
            queued = [Background(ledger, stage.ae, m) for m in ("add_item", "get_comp_properties")]
            for _ in range(4):
                assert begun.acquire(timeout=WAIT)
            started = time.monotonic()
            stage.server.stop()
            ledger.fault()
            assert time.monotonic() - started < 3.0
            for background in sent:
                done = background.join()
                assert isinstance(done.error, ServerStopped), done.error
                assert done.error.maybe_applied is True
            for background in queued:
                done = background.join()
                assert isinstance(done.error, ServerStopped), done.error
                assert done.error.maybe_applied is False
            late = ledger.call(stage.ae, "add_item", 30.0)  # refused before it begins
            assert isinstance(late.error, ServerStopped)
            assert late.error.maybe_applied is False
            assert "the aerpc server stopped" in str(late.error)
            assert stage.server.host.pending == 0
            with pytest.raises(ServerStopped):
                stage.server.wait_for_host(1.0)
            ledger.verify(stage.impl)
        finally:
            stage.close()


def stop_race_round(rng: random.Random) -> None:
    stage = Stage(reconnect_grace=10.0, impl=CountingHost(rng, jitter=0.002))
    try:
        ledger = Ledger("server stop racing with callers", first_nonce=1)

        def caller(i: int) -> Callable[[], None]:
            def run() -> None:
                methods = ["add_item", "get_comp_properties", "rename_item"]
                while True:
                    call = ledger.call(stage.ae, methods[i % 3], 30.0)
                    if isinstance(call.error, ServerStopped):
                        return

            return run

        target = rng.randint(1, 60)

        def stopper() -> None:
            stage.impl.wait_for(lambda: stage.impl.received_count() >= target)
            stage.server.stop()
            ledger.fault()

        errors = run_threads([caller(i) for i in range(6)] + [stopper], timeout=10.0)
        assert not errors, errors
        ledger.verify(stage.impl)
    finally:
        stage.close()


@pytest.mark.timeout(time_limit(60, 0.08))
def test_server_stop_racing_with_callers_never_strands_a_call() -> None:
    """Threads keep calling while the server stops: every call ends promptly (with its result
    or ``ServerStopped``), none waits for its deadline (30 s here), ``maybe_applied`` is
    truthful."""
    deadline = soak_deadline(0.08)
    rng = rng_for("stop race")
    rounds = 0
    while rounds < scale(3, 400) and (rounds < 3 or time.monotonic() < deadline):
        stop_race_round(rng)
        rounds += 1


# -- a host function that never returns, or throws ---------------------------------------------


def test_host_function_that_never_returns_ends_at_the_deadline(stage: Stage) -> None:
    """``print_msg`` waits for a dialog nobody closes (reference P1): the caller gets
    ``RpcTimeout`` at its deadline, the panel gets ``rpc.cancel``, the connection goes on."""
    ledger = Ledger("host function never returns")
    done = ledger.call(stage.ae, "print_msg", 0.5)
    ledger.fault()
    assert isinstance(done.error, RpcTimeout), done.error
    assert done.error.maybe_applied is True
    assert done.ended is not None
    assert 0.5 <= done.ended - done.started < 0.5 + SLACK
    assert stage.peer is not None
    peer = stage.peer
    stage.loop.run(asyncio.wait_for(peer.cancel_seen.wait(), WAIT))
    assert len(peer.cancelled) == 1
    assert ledger.call(stage.ae, "get_comp_properties", WAIT).ok
    ledger.verify(stage.impl)


def test_host_function_that_throws(stage: Stage) -> None:
    """A declared error arrives with its code, message and data; any other exception as
    ``-32603``; either way the call ran once and the next call works."""
    ledger = Ledger("host function throws")
    declared = ledger.call(stage.ae, "get_comp_properties", WAIT, nonce=13)
    assert isinstance(declared.error, RemoteError), declared.error
    assert declared.error.code == ItemNotFound.code
    assert declared.error.message == "no composition with id 13"
    assert declared.error.data == {"id": 13}
    crashed = ledger.call(stage.ae, "get_comp_properties", WAIT, nonce=11)
    assert isinstance(crashed.error, InternalError), crashed.error
    assert "RuntimeError" in crashed.error.message
    ledger.fault()
    ledger.fault()
    assert ledger.call(stage.ae, "get_comp_properties", WAIT, nonce=12).ok
    ledger.verify(stage.impl)
    assert stage.impl.run_count("get_comp_properties") == 3


def test_a_declared_error_is_raised_as_its_schemas_class(stage: Stage) -> None:
    """``except ItemNotFound:`` (the generated class) must catch the host's ItemNotFound even
    when some other code in the process (another SDK, a plugin, a test helper) defines a
    ``RemoteError`` subclass with the same code: each contract maps its own codes."""

    class SomePluginError(RemoteError):
        code = ItemNotFound.code

    call = Ledger("host function throws").call(stage.ae, "get_comp_properties", WAIT, 13)
    assert isinstance(call.error, ItemNotFound), (
        f"the host's ItemNotFound arrived as {type(call.error).__module__}."
        f"{type(call.error).__qualname__}"
    )
    assert not isinstance(call.error, SomePluginError)


# -- the server's loop kept busy ---------------------------------------------------------------


BLOCKED_FOR = 4.0
"""Seconds at most that the loop-busy scenarios block the server's loop."""


class BlockingPipeline(PipelineStub):
    """A pipeline whose ``open_tool`` is ``async`` and blocks the loop (a careless handler)."""

    def __init__(self) -> None:
        self.blocking = threading.Event()
        self.unblock = threading.Event()

    async def open_tool(self, tool: str) -> None:  # type: ignore[override]
        self.blocking.set()
        self.unblock.wait(BLOCKED_FOR)  # blocks the server's loop thread: the fault


@pytest.mark.parametrize("facade", ["sync", "async"])
@pytest.mark.parametrize("blocker", ["slow-listener", "blocking-handler"])
def test_calls_end_by_their_deadline_while_the_loop_is_busy(blocker: str, facade: str) -> None:
    """The server's loop thread is stuck (a slow call listener, or an ``async`` handler that
    blocks): calls from other threads, through the sync facade or the async one on another
    loop, still end by their deadline; a call abandoned so is never sent later."""
    pipeline = BlockingPipeline()
    stage = Stage(handlers=pipeline, reconnect_grace=10.0)
    try:
        ledger = Ledger("loop kept busy")
        if blocker == "slow-listener":

            def slow(event: CallEvent) -> None:
                if event.kind == "start" and event.method == "delete_item":
                    pipeline.blocking.set()
                    pipeline.unblock.wait(BLOCKED_FOR)

            stage.server.add_listener(slow)
            trigger = Background(ledger, stage.ae, "delete_item")
        else:
            assert stage.peer is not None
            tool = stage.peer
            stage.loop.submit(tool.call("open_tool", {"tool": "loader"}, timeout=WAIT))
        assert pipeline.blocking.wait(WAIT)
        ledger.fault()
        nonce = ledger.nonce()
        if facade == "sync":
            call = ledger.call(stage.ae, "get_comp_properties", 0.5, nonce=nonce)
            error, took = call.error, (call.ended or 0.0) - call.started
        else:

            async def async_call() -> tuple[BaseException | None, float]:
                ae = AsyncAfterEffects(stage.server.host).with_timeout(0.5)
                started = time.monotonic()
                try:
                    async with asyncio.timeout(BLOCKED_FOR - 0.5):  # this test's bound
                        await ae.get_comp_properties(comp_id=nonce)
                except BaseException as exc:
                    return exc, time.monotonic() - started
                return None, time.monotonic() - started

            error, took = asyncio.run(async_call())
        pipeline.unblock.set()
        assert isinstance(error, RpcTimeout), (
            f"a call through the {facade} facade got {error!r} after {took:.2f} s "
            "(deadline 0.5 s) while the server's loop was blocked"
        )
        assert took < 0.5 + SLACK
        if blocker == "slow-listener":
            assert trigger.join().ok
        assert ledger.call(stage.ae, "get_comp_properties", WAIT).ok  # back to normal
        ledger.verify(stage.impl)
        assert nonce not in {s.nonce for s in stage.impl.received}, (
            "a call abandoned before the loop began it was sent later"
        )
    finally:
        pipeline.unblock.set()
        stage.close()


# -- the port already taken --------------------------------------------------------------------


def held_port(listen: bool) -> socket.socket:
    holder = socket.socket()
    holder.bind(("127.0.0.1", 0))
    if listen:
        holder.listen()
    return holder


@pytest.mark.parametrize("listen", [True, False], ids=["listening", "bound"])
def test_port_already_taken_is_a_clear_error(listen: bool) -> None:
    with nothing_left_behind():
        holder = held_port(listen)
        port = holder.getsockname()[1]
        try:
            server = Server(PipelineStub(), contract=CONTRACT, port=port)
            with pytest.raises(
                OSError, match=rf"127\.0\.0\.1: tried {port}(-{port})? .*in use"
            ) as caught:
                server.start()
            assert caught.value.errno == errno.EADDRINUSE
            assert not server.is_running
            server.stop()  # nothing to stop; returns
            with pytest.raises(ServerStopped, match="could not start"):
                server.wait_for_host(0.1)
        finally:
            holder.close()


def consecutive_held_ports(n: int) -> tuple[list[int], list[socket.socket]]:
    for _ in range(50):
        first = held_port(True)
        base = first.getsockname()[1]
        held = [first]
        try:
            for port in range(base + 1, base + n):
                s = socket.socket()
                held.append(s)
                s.bind(("127.0.0.1", port))
                s.listen()
        except OSError:
            for s in held:
                s.close()
            continue
        return list(range(base, base + n)), held
    raise AssertionError("no consecutive free ports found")


def test_port_range_all_taken_is_a_clear_error() -> None:
    with nothing_left_behind():
        ports, held = consecutive_held_ports(4)
        try:
            server = Server(PipelineStub(), contract=CONTRACT, ports=ports)
            expected = rf"tried {ports[0]}-{ports[-1]} \(4 port\(s\)\), all in use"
            with pytest.raises(OSError, match=expected) as caught:
                server.start()
            assert caught.value.errno == errno.EADDRINUSE
            scattered = [ports[2], ports[0], ports[3]]
            server = Server(PipelineStub(), contract=CONTRACT, ports=scattered)
            with pytest.raises(OSError, match=", ".join(map(str, scattered))):
                server.start()
            held.pop().close()  # the last port of the range frees up: it is the one bound
            server = Server(PipelineStub(), contract=CONTRACT, ports=ports)
            server.start()
            try:
                assert server.port == ports[-1]
            finally:
                server.stop()
        finally:
            for s in held:
                s.close()


# -- After Effects never connecting ------------------------------------------------------------


def test_after_effects_never_connecting() -> None:
    stage = Stage(connect=False)
    try:
        started = time.monotonic()
        with pytest.raises(NotConnected) as caught:
            stage.server.wait_for_host(timeout=0.5)
        took = time.monotonic() - started
        assert 0.5 <= took < 0.5 + SLACK
        text = str(caught.value)
        assert "no After Effects host connected" in text
        assert stage.server.url in text
        assert "AERPC_URL" in text
        assert "AERPC_TOKEN" in text
        ledger = Ledger("After Effects never connects")
        ledger.fault()
        done = ledger.call(stage.ae, "add_item", 0.4)
        assert isinstance(done.error, NotConnected)
        assert "nothing was sent" in str(done.error)
        # A host that connects late gets the calls made from then on.
        stage.peer = stage.new_peer()
        stage.loop.run(stage.peer.connect())
        assert stage.server.wait_for_host(WAIT) is stage.server.host
        assert ledger.call(stage.ae, "add_item", WAIT).ok
        ledger.verify(stage.impl)
    finally:
        stage.close()


# -- chaos: every fault, at random moments -----------------------------------------------------

CHAOS_METHODS = [
    ("get_comp_properties", 5),
    ("rename_item", 3),
    ("add_item", 3),
    ("delete_item", 2),
    ("print_msg", 1),
]


async def outage(stage: Stage, away: float, new_instance: bool) -> None:
    """The host's socket dies; the panel is away ``away`` seconds (the outage's length), then
    comes back as the same page or a reloaded one."""
    peer = stage.peer
    assert peer is not None
    await peer.drop()
    if away:
        await asyncio.sleep(away)
    try:
        await peer.reconnect(new_instance=new_instance)
    except Exception as exc:
        if getattr(exc, "code", None) != -32003:
            raise
        await peer.connect_retrying()


async def stall(stage: Stage, method: str, length: float) -> None:
    """Runs of ``method`` are held for ``length`` seconds (AE busy with a modal dialog)."""
    stage.impl.hold(method)
    await asyncio.sleep(length)
    stage.impl.release()


def chaos_round(rng: random.Random, callers: int, calls_each: int) -> None:
    grace = 0.4
    stage = Stage(
        impl=CountingHost(random.Random(rng.random()), jitter=0.003), reconnect_grace=grace
    )
    try:
        ledger = Ledger("chaos (Python panel)")
        finished = threading.Event()
        weights = [w for _, w in CHAOS_METHODS]
        names = [m for m, _ in CHAOS_METHODS]

        def caller(seed: float) -> Callable[[], None]:
            r = random.Random(seed)

            def run() -> None:
                for _ in range(calls_each):
                    method = r.choices(names, weights)[0]
                    timeout = 0.3 if method == "print_msg" else 1.5
                    call = ledger.call(stage.ae, method, timeout)
                    if method == "print_msg" or (
                        method == "get_comp_properties" and call.nonce % 11 in (0,)
                    ):
                        ledger.fault()

            return run

        def injector() -> None:
            while not finished.is_set():
                target = stage.impl.received_count() + rng.randint(5, 40)

                def due(target: int = target) -> bool:
                    return stage.impl.received_count() >= target or finished.is_set()

                try:
                    stage.impl.wait_for(due)
                except AssertionError:
                    return  # callers are all blocked on faults' deadlines: nothing to trigger
                if finished.is_set():
                    return
                kind = rng.choice(["drop", "drop", "reload", "stall"])
                if kind == "stall":
                    method = rng.choice(["add_item", "rename_item", "get_comp_properties"])
                    stage.loop.run(stall(stage, method, rng.uniform(0.05, 2.0)))
                else:
                    away = rng.choice([0.0, rng.uniform(0.0, 2 * grace)])
                    stage.loop.run(outage(stage, away, kind == "reload"))
                ledger.fault(reload=kind == "reload")

        workers = [caller(rng.random()) for _ in range(callers)]
        inject = threading.Thread(target=injector, name="chaos-injector")
        inject.start()
        try:
            errors = run_threads(workers, timeout=calls_each * 2.5 + WAIT)
        finally:
            finished.set()
            with stage.impl.cond:
                stage.impl.cond.notify_all()
            inject.join(WAIT * 2)
        assert not inject.is_alive()
        assert not errors, errors
        ledger.verify(stage.impl)
        assert stage.server.host.pending == 0
    finally:
        stage.close()


@pytest.mark.timeout(time_limit(120, 0.3))
def test_chaos_python_panel() -> None:
    """Callers on several threads make mixed calls while drops, reloads, outages past the grace
    and stalls hit at random moments (seeded); nothing is lost, nothing runs twice."""
    rng = rng_for("chaos python")
    deadline = soak_deadline(0.3)
    rounds = 0
    while rounds < 1 or (SOAK and time.monotonic() < deadline):
        chaos_round(rng, callers=scale(4, 6), calls_each=scale(40, 150))
        rounds += 1
    print(f"chaos (Python panel): {rounds} round(s), seed {SEED}")


def test_a_tool_client_is_not_taken_for_the_host(stage: Stage) -> None:
    """Reference P4: any socket could be picked as After Effects. A ``tool`` peer (with the
    token) never receives host calls; they go to the host."""

    async def tool_connects() -> ToolPeer:
        client = ToolPeer(stage.server.url, stage.server.token, contract=CONTRACT, role="tool")
        await client.connect()
        return client

    client = stage.loop.run(tool_connects())
    try:
        ledger = Ledger("tool is not the host")
        for _ in range(20):
            assert ledger.call(stage.ae, "add_item", WAIT).ok
        ledger.verify(stage.impl)
        assert stage.server.host.instance == (stage.peer.instance if stage.peer else None)
    finally:
        stage.loop.run(client.close())
