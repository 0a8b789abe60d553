"""The reconnect, resend and deadline policy (``PendingCalls``) on a fake clock: no call is lost,
none is sent to a second instance, every call ends by its deadline, and a
failure says ``maybe_applied`` exactly when the call was sent. Times are exact: the policy
takes ``now`` and has no clock of its own."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
)

from aerpc.runtime import (
    ConnectionLost,
    MessageTooLarge,
    NotConnected,
    RpcTimeout,
    ServerStopped,
)
from aerpc.runtime.pending import Actions, PendingCall, PendingCalls
from aerpc.runtime.protocol import encode_request

from .conftest import CONTRACT

IDEMPOTENT = CONTRACT.methods["sleep"]
ONCE = CONTRACT.methods["add_item"]  # not idempotent
assert IDEMPOTENT.idempotent
assert not ONCE.idempotent


def policy(grace: float = 10.0, connect_timeout: float = 30.0) -> PendingCalls:
    return PendingCalls(
        reconnect_grace=grace,
        max_message_size=1000,
        where="ws://test",
        connect_timeout=connect_timeout,
    )


def begin(calls: PendingCalls, spec: object, timeout: float, now: float) -> PendingCall:
    """A call begins at ``now``; sent at once (as Host does) when a host is attached."""
    assert spec is IDEMPOTENT or spec is ONCE
    call_id = calls.new_id()
    call = PendingCall(call_id, spec, encode_request(call_id, spec.name, {}), None, timeout, now)
    if calls.add(call):
        calls.sent(call)
    return call


def send_all(calls: PendingCalls, actions: Actions) -> None:
    for call in actions.send:
        calls.sent(call)


def failed(actions: Actions) -> dict[str, Exception]:
    return {call.id: exc for call, exc in actions.fail}


# -- examples ---------------------------------------------------------------------------------


def test_a_call_without_a_host_ends_at_its_deadline_exactly_with_not_connected() -> None:
    calls = policy()
    call = begin(calls, ONCE, 0.5, now=100.0)
    assert call.sent_to is None
    assert calls.next_deadline == 100.5
    assert calls.expire(100.49).fail == []
    error = failed(calls.expire(100.5))[call.id]
    assert isinstance(error, NotConnected)
    assert "within the call's deadline (0.5 s); nothing was sent" in str(error)
    assert "ws://test" in str(error)
    assert len(calls) == 0
    assert calls.next_deadline == math.inf


def test_deadlines_end_each_call_at_its_own_time_whatever_the_order_they_began_in() -> None:
    """The exact form of the old wall-clock window: the 0.2 s call ends at 0.2, the 0.6 s one at
    0.6, the 1.2 s one at 1.2, each as RpcTimeout with an rpc.cancel to the host."""
    calls = policy()
    send_all(calls, calls.on_attach("a", 0.0))
    slow = begin(calls, IDEMPOTENT, 1.2, 0.0)
    medium = begin(calls, IDEMPOTENT, 0.6, 0.0)
    fast = begin(calls, IDEMPOTENT, 0.2, 0.0)
    assert calls.next_deadline == 0.2
    actions = calls.expire(0.2)
    assert [c.id for c, _ in actions.fail] == [fast.id] == [c.id for c in actions.cancel]
    assert isinstance(actions.fail[0][1], RpcTimeout)
    assert calls.next_deadline == 0.6
    assert calls.expire(0.5999).fail == []
    assert [c.id for c, _ in calls.expire(0.6).fail] == [medium.id]
    assert [c.id for c, _ in calls.expire(1.2).fail] == [slow.id]
    assert len(calls) == 0


def test_settled_calls_leave_the_deadline_heap_bounded() -> None:
    calls = policy()
    send_all(calls, calls.on_attach("a", 0.0))
    keep = [begin(calls, IDEMPOTENT, 30.0, 0.0) for _ in range(2)]
    for _ in range(500):
        assert calls.pop(begin(calls, IDEMPOTENT, 30.0, 0.0).id) is not None
    assert len(calls._deadlines) <= 2 * 2 + 64 + 1
    assert calls.next_deadline == 30.0
    assert {c.id for c, _ in calls.expire(30.0).fail} == {c.id for c in keep}


def test_the_same_instance_back_within_the_grace_gets_every_call_again_with_its_time_left() -> None:
    calls = policy(grace=5.0)
    send_all(calls, calls.on_attach("a", 0.0))
    once = begin(calls, ONCE, 4.0, 0.0)
    assert calls.on_detach(None, 1.0).fail == []
    assert calls.grace_ends == 6.0
    queued = begin(calls, ONCE, 4.0, 2.0)
    assert queued.sent_to is None
    actions = calls.on_attach("a", 2.5)
    assert actions.fail == []
    assert {c.id for c in actions.send} == {once.id, queued.id}
    assert json.loads(once.frame(2.5))["aerpc"] == {"timeout_ms": 1500}  # 4.0 - 2.5 left
    assert json.loads(once.frame(2.5))["id"] == once.id  # the same id: answered from memory
    assert calls.grace_ends == math.inf


def test_the_host_away_past_a_deadline_fails_the_sent_call_with_maybe_applied() -> None:
    """The exact form of the old ``< 1.5`` window: grace 60 s, call deadline 0.5 s."""
    calls = policy(grace=60.0)
    send_all(calls, calls.on_attach("a", 0.0))
    call = begin(calls, ONCE, 0.5, 0.0)
    calls.on_detach(None, 0.1)
    assert calls.expire(0.49).fail == []
    error = failed(calls.expire(0.5))[call.id]
    assert isinstance(error, ConnectionLost)
    assert error.maybe_applied
    assert "did not come back within the call's deadline (0.5 s)" in str(error)


def test_grace_over_fails_sent_calls_that_are_not_idempotent_only() -> None:
    calls = policy(grace=0.2)
    send_all(calls, calls.on_attach("a", 0.0))
    once = begin(calls, ONCE, 30.0, 0.0)
    again = begin(calls, IDEMPOTENT, 30.0, 0.0)
    calls.on_detach(None, 1.0)
    unsent = begin(calls, ONCE, 30.0, 1.1)
    assert calls.grace_ends == pytest.approx(1.2)
    actions = calls.on_grace_over()
    error = failed(actions)[once.id]
    assert list(failed(actions)) == [once.id]
    assert isinstance(error, ConnectionLost)
    assert error.maybe_applied
    assert "did not reconnect within 0.2 s" in str(error)
    actions = calls.on_attach("b", 2.0)  # a new instance: only the unsent goes to it
    assert [c.id for c in actions.send] == [unsent.id]
    assert list(failed(actions)) == [again.id]


def test_grace_over_idempotent_calls_still_go_to_their_instance_when_it_comes_back() -> None:
    calls = policy(grace=0.2)
    send_all(calls, calls.on_attach("a", 0.0))
    again = begin(calls, IDEMPOTENT, 30.0, 0.0)
    calls.on_detach(None, 1.0)
    assert not failed(calls.on_grace_over())
    actions = calls.on_attach("a", 2.0)
    assert [c.id for c in actions.send] == [again.id]


def test_a_new_instance_fails_every_call_sent_to_the_old_one() -> None:
    """Issue 25 §3: a call is never sent again to another instance than the one it was sent
    to, idempotent or not (a token holder taking the seat must not get, and answer, it)."""
    calls = policy()
    send_all(calls, calls.on_attach("a", 0.0))
    once = begin(calls, ONCE, 30.0, 0.0)
    again = begin(calls, IDEMPOTENT, 30.0, 0.0)
    calls.on_detach(None, 1.0)
    unsent = begin(calls, ONCE, 30.0, 1.1)
    actions = calls.on_attach("b", 1.5)
    assert [c.id for c in actions.send] == [unsent.id]
    assert set(failed(actions)) == {once.id, again.id}
    for error in failed(actions).values():
        assert isinstance(error, ConnectionLost)
        assert error.maybe_applied
        assert "the panel was reloaded" in str(error)


def test_a_message_over_the_limit_fails_the_sent_calls_at_once() -> None:
    calls = policy()
    send_all(calls, calls.on_attach("a", 0.0))
    sent = begin(calls, IDEMPOTENT, 30.0, 0.0)
    cause = MessageTooLarge("too big")
    actions = calls.on_detach(cause, 1.0)
    error = failed(actions)[sent.id]
    assert isinstance(error, ConnectionLost)
    assert error.maybe_applied
    assert error.__cause__ is cause
    assert "over the size limit (1000 bytes)" in str(error)


def test_shutdown_fails_everything_saying_which_calls_were_sent() -> None:
    calls = policy()
    send_all(calls, calls.on_attach("a", 0.0))
    sent = begin(calls, ONCE, 30.0, 0.0)
    calls.on_detach(None, 1.0)
    unsent = begin(calls, ONCE, 30.0, 1.0)
    errors = failed(calls.shutdown("the aerpc server stopped"))
    stopped, never_sent = errors[sent.id], errors[unsent.id]
    assert isinstance(stopped, ServerStopped)
    assert stopped.maybe_applied
    assert isinstance(never_sent, ServerStopped)
    assert not never_sent.maybe_applied
    assert len(calls) == 0
    assert calls.next_deadline == math.inf


# -- every sequence ---------------------------------------------------------------------------


@dataclass
class Ledger:
    """What happened to one call, as the host side saw it."""

    call: PendingCall
    sent_to: list[str] = field(default_factory=list)  # instances, in order, each send
    ended: Exception | str | None = None  # the failure, or "reply"/"abandoned"


CONNECT = 2.0
"""The machine's connect timeout: shorter than some deadlines, longer than others."""


class PolicyMachine(RuleBasedStateMachine):
    """Random sequences of calls, attaches, detaches, replies and time on one policy, with the
    host side played as :class:`~aerpc.runtime.Host` plays it (timers fire in time order)."""

    def __init__(self) -> None:
        super().__init__()
        self.calls = policy(grace=3.0, connect_timeout=CONNECT)
        self.now = 0.0
        self.ledgers: dict[str, Ledger] = {}
        self.instances = 0
        self.last_instance: str | None = None

    # -- doing what Host does -----------------------------------------------------------------

    def _send(self, call: PendingCall) -> None:
        self.calls.sent(call)
        assert call.sent_to is not None
        self.ledgers[call.id].sent_to.append(call.sent_to)

    def _apply(self, actions: Actions) -> None:
        for call in actions.send:
            self._send(call)
        for call in actions.cancel:
            assert any(c is call for c, _ in actions.fail)
        for call, exc in actions.fail:
            ledger = self.ledgers[call.id]
            assert ledger.ended is None, f"{call.id} ended twice"
            ledger.ended = exc
            assert call.id not in self.calls.table
            maybe = getattr(exc, "maybe_applied", None)
            if isinstance(exc, NotConnected):
                assert not ledger.sent_to  # "nothing was sent" is true
                assert self.now >= min(call.deadline, call.t0 + CONNECT)  # not early
            else:
                assert maybe is bool(ledger.sent_to), (exc, ledger.sent_to)
            if isinstance(exc, RpcTimeout):
                assert call in actions.cancel
                assert self.calls.instance is not None
            assert self.now >= call.t0
            if not isinstance(exc, (RpcTimeout, NotConnected)) and "deadline" not in str(exc):
                assert self.now <= call.deadline  # failed early, by a reload or the grace

    def _advance(self, to: float) -> None:
        """Run the timers due up to ``to`` in time order: deadlines and the grace's end."""
        while True:
            grace, deadline = self.calls.grace_ends, self.calls.next_deadline
            when = min(grace, deadline)
            if when > to:
                break
            self.now = max(self.now, when)
            if grace <= deadline:
                self._apply(self.calls.on_grace_over())
            else:
                self._apply(self.calls.expire(self.now))
        self.now = to

    # -- rules ----------------------------------------------------------------------------------

    @rule(idempotent=st.booleans(), timeout=st.sampled_from([0.5, 1.0, 2.0, 5.0, 20.0]))
    def call(self, idempotent: bool, timeout: float) -> None:
        spec = IDEMPOTENT if idempotent else ONCE
        call_id = self.calls.new_id()
        data = encode_request(call_id, spec.name, {})
        call = PendingCall(call_id, spec, data, None, timeout, self.now)
        self.ledgers[call_id] = Ledger(call)
        if self.calls.add(call):
            self._send(call)

    @precondition(lambda self: self.calls.instance is None)
    @rule(same=st.booleans())
    def attach(self, same: bool) -> None:
        if not same or self.last_instance is None:
            self.instances += 1
            self.last_instance = f"i{self.instances}"
        self._apply(self.calls.on_attach(self.last_instance, self.now))

    @precondition(lambda self: self.calls.instance is not None)
    @rule(too_big=st.booleans())
    def detach(self, too_big: bool) -> None:
        cause = MessageTooLarge("too big") if too_big else None
        self._apply(self.calls.on_detach(cause, self.now))

    @rule(dt=st.sampled_from([0.0, 0.1, 0.5, 1.0, 2.9, 3.0, 7.0]))
    def wait(self, dt: float) -> None:
        self._advance(self.now + dt)

    @precondition(lambda self: self.calls.instance is not None and len(self.calls) > 0)
    @rule(data=st.data())
    def reply(self, data: st.DataObject) -> None:
        """The attached host answers one of the calls it was sent."""
        sent = [c for c in self.calls if c.sent_to == self.calls.instance]
        if not sent:
            return
        call = data.draw(st.sampled_from(sent))
        assert self.calls.pop(call.id) is call
        self.ledgers[call.id].ended = "reply"

    @precondition(lambda self: len(self.calls) > 0)
    @rule(data=st.data())
    def abandon(self, data: st.DataObject) -> None:
        call = data.draw(st.sampled_from(list(self.calls)))
        assert self.calls.pop(call.id) is call
        self.ledgers[call.id].ended = "abandoned"

    # -- the promise ----------------------------------------------------------------------------

    @invariant()
    def none_runs_twice(self) -> None:
        """A call goes to one instance only, idempotent or not (the same instance answers a
        repeated id from memory, so sending it again there runs it once)."""
        for ledger in self.ledgers.values():
            assert len(set(ledger.sent_to)) <= 1, ledger

    @invariant()
    def none_is_lost(self) -> None:
        """A pending call is pending exactly once, not past its deadline, and while a host is
        attached it has been sent to it."""
        for call in self.calls:
            ledger = self.ledgers[call.id]
            assert ledger.ended is None
            assert call.deadline > self.now
            if call.sent_to is None:  # waits for a host no longer than the connect timeout
                assert call.t0 + CONNECT > self.now
            if self.calls.instance is not None:
                assert call.sent_to == self.calls.instance
        for ledger in self.ledgers.values():
            assert (ledger.ended is None) == (ledger.call.id in self.calls.table)

    def teardown(self) -> None:
        """Past every deadline, every call has ended, once."""
        self._advance(self.now + 100.0)
        assert len(self.calls) == 0
        assert all(ledger.ended is not None for ledger in self.ledgers.values())


PolicyMachine.TestCase.settings = settings(max_examples=150, stateful_step_count=30, deadline=None)
test_every_sequence_keeps_the_promise = PolicyMachine.TestCase


def test_a_call_not_sent_waits_for_a_host_only_the_connect_timeout() -> None:
    calls = PendingCalls(
        reconnect_grace=10.0, max_message_size=1000, where="ws://test", connect_timeout=30.0
    )
    call = begin(calls, ONCE, 86_400.0, now=100.0)  # a render's 24 h deadline
    assert calls.next_deadline == 130.0
    assert calls.expire(129.9).fail == []
    error = failed(calls.expire(130.0))[call.id]
    assert isinstance(error, NotConnected)
    assert "within the connect timeout (30 s; the call's deadline of 86400 s" in str(error)
    assert "nothing was sent" in str(error)
    assert "no panel has tried to connect" in str(error)
    assert error.data["waited_s"] == 30.0


def test_once_sent_the_call_deadline_rules_not_the_connect_timeout() -> None:
    calls = PendingCalls(
        reconnect_grace=10.0, max_message_size=1000, where="ws://test", connect_timeout=30.0
    )
    call = begin(calls, ONCE, 100.0, now=0.0)
    send_all(calls, calls.on_attach("i1", 5.0))
    assert call.sent_to == "i1"
    assert calls.expire(30.0).fail == []  # its connect timeout passed after it was sent
    assert calls.next_deadline == 100.0
    assert isinstance(failed(calls.expire(100.0))[call.id], RpcTimeout)


def test_not_connected_names_the_last_refusal_per_cause() -> None:
    calls = policy()
    calls.refusals.refused(4401, "missing or wrong token", None, 1.0)
    calls.refusals.refused(4401, "missing or wrong token", None, 2.0)
    calls.refusals.refused(4409, "schema mismatch (name): x", {"rule": "name"}, 3.0)
    call = begin(calls, ONCE, 0.5, now=4.0)
    error = failed(calls.expire(4.5))[call.id]
    assert isinstance(error, NotConnected)
    text = str(error)
    assert "schema mismatch (name)" in text
    assert "missing or wrong token" in text
    assert text.index("schema mismatch") < text.index("wrong token")  # newest first
    assert [r["cause"] for r in error.data["refusals"]] == ["schema", "unauthorized"]
    assert error.data["refusals"][1]["seconds_ago"] == 2.5
