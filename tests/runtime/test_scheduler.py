"""The host calls' scheduler without I/O or clock (``aerpc.runtime.scheduler``): the order calls
go to the panel in (the pipeline's first, tools round-robin, each tool capped at the panel,
nothing while a call has run ``busy_after``), what runs there from the panel's ``aerpc.run``,
and the error of a call whose deadline passed behind another (``HostBusy``, with
``maybe_applied`` false when it never left the server). The policy over a pending call's deadline
(``PendingCalls.expire``) with the scheduler: a held call is not failed ``NotConnected`` at the
connect timeout while a host is attached."""

from __future__ import annotations

from aerpc.aftereffects import CONTRACT
from aerpc.runtime import HostBusy, RpcTimeout
from aerpc.runtime.pending import PendingCall, PendingCalls
from aerpc.runtime.protocol import encode_request
from aerpc.runtime.scheduler import PIPELINE, Caller, HostScheduler

SPEC = CONTRACT.methods["get_app_version"]


class Calls:
    """Pending calls by id, and a scheduler over them."""

    def __init__(self, **options: float) -> None:
        self.live: dict[str, PendingCall] = {}
        self.scheduler = HostScheduler(self.live.__contains__, **options)  # type: ignore[arg-type]
        self.n = 0

    def begin(self, caller: Caller, now: float = 0.0, timeout: float = 10.0) -> PendingCall:
        self.n += 1
        call_id = f"py:{self.n}"
        call = PendingCall(
            call_id, SPEC, encode_request(call_id, SPEC.name, {}), None, timeout, now
        )
        self.live[call_id] = call
        self.scheduler.hold(call, caller)
        return call

    def release(self, now: float = 0.0) -> list[str]:
        released = []
        for call, _ in self.scheduler.release(now):
            call.sent_to = "panel"
            released.append(call.id)
        return released


def test_the_pipeline_goes_first_then_tools_round_robin_capped() -> None:
    calls = Calls(tool_cap=2)
    a, b = Caller("a", "session-a"), Caller("b", "session-b")
    flood = [calls.begin(a) for _ in range(5)]
    other = [calls.begin(b) for _ in range(2)]
    mine = calls.begin(PIPELINE)
    assert calls.release() == [
        mine.id,
        flood[0].id,
        other[0].id,
        flood[1].id,
        other[1].id,
    ]
    assert calls.release() == []  # each tool has 2 at the panel
    assert calls.scheduler.ended(flood[0].id)
    assert calls.release() == [flood[2].id]
    late = calls.begin(PIPELINE)
    assert calls.release() == [late.id]  # the pipeline is never capped


def test_nothing_is_sent_while_a_call_has_run_busy_after() -> None:
    calls = Calls(long_run=0.25)
    render = calls.begin(PIPELINE)
    assert calls.release(0.0) == [render.id]
    assert calls.scheduler.started(render.id, 0.0)
    short = calls.begin(PIPELINE, now=0.1)
    assert calls.release(0.1) == [short.id]  # behind a short run: the panel queues it
    held = calls.begin(PIPELINE, now=0.3)
    assert calls.release(0.3) == []  # behind a long run: it waits here
    status = calls.scheduler.status(0.3, connected=True)
    assert status.running is not None
    assert status.running.method == "get_app_version"
    assert [(q.id, q.where) for q in status.queued] == [(short.id, "panel"), (held.id, "server")]
    assert status.waiting_behind() == "get_app_version (0 s)"
    assert calls.scheduler.ended(render.id)
    assert calls.release(0.4) == [held.id]


def test_a_call_past_its_deadline_behind_a_running_one_is_host_busy() -> None:
    calls = Calls(long_run=0.0)
    render = calls.begin(Caller("render-tool", "s1"))
    calls.release()
    calls.scheduler.started(render.id, 1.0)
    held = calls.begin(PIPELINE, now=2.0)
    assert calls.release(2.0) == []
    busy = calls.scheduler.busy(held, 12.0)
    assert isinstance(busy, HostBusy)
    assert (busy.running, busy.caller, busy.elapsed) == ("get_app_version", "render-tool", 11.0)
    assert busy.maybe_applied is False  # it never left the server
    held.sent_to = "panel"
    assert calls.scheduler.busy(held, 12.0).maybe_applied is True
    # the running call itself timing out is a plain RpcTimeout, and so is any call of a panel
    # that never said what runs
    assert type(calls.scheduler.busy(render, 12.0)) is RpcTimeout
    calls.scheduler.ended(render.id)
    assert type(calls.scheduler.busy(held, 12.0)) is RpcTimeout


def test_a_cancelled_call_that_started_anyway_is_shown_running() -> None:
    calls = Calls()
    ahead = calls.begin(PIPELINE)
    queued = calls.begin(PIPELINE)
    calls.release()
    assert calls.scheduler.is_running(ahead.id)
    calls.scheduler.ended(ahead.id)
    del calls.live[queued.id]
    calls.scheduler.abandoned(queued.id)  # rpc.cancel on its way to the panel…
    assert calls.scheduler.status(0.0, connected=True).queued == ()
    assert calls.scheduler.started(queued.id, 1.0)  # …which had just started it
    status = calls.scheduler.status(2.0, connected=True)
    assert status.running is not None
    assert status.running.id == queued.id
    assert calls.scheduler.ended(queued.id)
    assert calls.scheduler.status(2.0, connected=True).running is None


def test_a_call_held_while_a_host_is_attached_waits_past_the_connect_timeout() -> None:
    calls = Calls()
    pending = PendingCalls(reconnect_grace=10.0, max_message_size=1 << 20, connect_timeout=1.0)
    pending.busy = calls.scheduler.busy
    pending.on_attach("panel-1", 0.0)
    running = PendingCall("py:1", SPEC, b"{}", None, 100.0, 0.0)
    held = PendingCall("py:2", SPEC, b"{}", None, 5.0, 0.0)
    for call in (running, held):
        pending.add(call)
        calls.live[call.id] = call
    pending.sent(running)
    calls.scheduler.hold(running, PIPELINE)
    calls.scheduler.release(0.0)
    calls.scheduler.started(running.id, 0.0)
    assert pending.expire(1.0).fail == []  # past the connect timeout: a host is there
    (failed,) = pending.expire(5.0).fail
    assert failed[0] is held
    assert isinstance(failed[1], HostBusy)
    assert failed[1].maybe_applied is False


def test_a_call_that_could_not_be_written_waits_first_in_its_line() -> None:
    calls = Calls()
    first, second = calls.begin(PIPELINE), calls.begin(PIPELINE)
    released = calls.scheduler.release(0.0)
    assert [c.id for c, _ in released] == [first.id, second.id]
    for call, caller in reversed(released):  # the socket closed under both writes
        calls.scheduler.unsent(call, caller)
    assert calls.scheduler.status(0.0, connected=False).queued[0].where == "server"
    assert calls.release() == [first.id, second.id]


def test_a_call_sent_to_an_idle_host_counts_as_running_from_its_send() -> None:
    """aerpc.idle: the panel reports no start for such a call when it starts on arrival, so
    the scheduler counts it running from the send; a call sent while another is at the panel
    waits there until the panel reports its start."""
    calls = Calls(long_run=0.25)
    first = calls.begin(PIPELINE)
    assert calls.release(1.0) == [first.id]
    assert calls.scheduler.is_running(first.id)
    second = calls.begin(PIPELINE, now=1.1)
    assert calls.release(1.1) == [second.id]
    assert not calls.scheduler.is_running(second.id)  # behind the first, in the panel's queue
    status = calls.scheduler.status(1.2, connected=True)
    assert status.running is not None
    assert (status.running.id, round(status.running.elapsed, 3)) == (first.id, 0.2)
    assert [(q.id, q.where) for q in status.queued] == [(second.id, "panel")]
    held = calls.begin(PIPELINE, now=1.3)
    assert calls.release(1.3) == []  # the first has run busy_after since its send
    assert calls.scheduler.ended(first.id)
    assert calls.scheduler.running is None  # the second starts when the panel says so
    assert calls.release(1.4) == [held.id]
    assert not calls.scheduler.is_running(held.id)  # the second is still at the panel
    assert calls.scheduler.started(second.id, 1.5)
    assert calls.scheduler.is_running(second.id)


def test_a_start_reported_for_a_call_counted_running_moves_its_start() -> None:
    """The panel had work of its own when an idle-sent call came: it reports the start when
    the call really starts, and the elapsed time counts from then."""
    calls = Calls()
    call = calls.begin(PIPELINE)
    calls.release(0.0)
    assert calls.scheduler.started(call.id, 2.0)
    status = calls.scheduler.status(3.0, connected=True)
    assert status.running is not None
    assert (status.running.id, status.running.elapsed) == (call.id, 1.0)


def test_an_idle_sent_call_that_could_not_be_written_is_not_running() -> None:
    calls = Calls()
    call = calls.begin(PIPELINE)
    ((released, caller),) = calls.scheduler.release(0.0)
    assert calls.scheduler.is_running(call.id)
    calls.scheduler.unsent(released, caller)
    assert calls.scheduler.running is None
    assert calls.release(0.1) == [call.id]
    assert calls.scheduler.is_running(call.id)  # sent again to the idle host
