"""Mutation testing of the runtime's timing, door and failure-reporting code: plant one
plausible bug at a time, run the tests that should notice it, restore the file, and report
which bugs were caught and which survived.

    .venv/bin/python tests/mutation/mutants.py                 # every mutant
    .venv/bin/python tests/mutation/mutants.py --round fresh   # one round: issue, fresh
    .venv/bin/python tests/mutation/mutants.py --only host-     # names starting with a prefix
    .venv/bin/python tests/mutation/mutants.py --without tests/runtime/test_regressions_clock.py

Each mutant is one exact text replacement in one file (the text must occur once). The file is
restored in a ``finally`` (and on Ctrl-C), so no mutant is ever left applied; run it in a
clean worktree. A mutant is caught when its tests fail (or time out). ``--without`` leaves
test files out of every run, to measure what they add.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RT = "runtime/aerpc/runtime/"
TIMEOUT = 300.0  # seconds for one mutant's test run

R = "tests/runtime/"
POLICY = [
    R + "test_pending.py",
    R + "test_regressions_clock.py",
    R + "test_reconnect.py",
    R + "test_wire_deadline.py",
]
KEEPALIVE = [R + "test_keepalive.py", R + "test_regressions_clock.py"]
DOOR = [
    R + "test_regressions_door.py",
    R + "test_regressions_clock.py",
    "tests/security/test_routes.py",
    "tests/security/test_preauth.py",
    "tests/security/test_pending_hellos.py",
    "tests/security/test_host_seat.py",
]
DISPATCH = [
    R + "test_regressions_clock.py",
    R + "test_time_left.py",
    "tests/security/test_sync_handlers.py",
]
PROTOCOL = [
    R + "test_protocol.py",
    R + "test_jsonrpc.py",
    R + "test_calls.py",
    R + "test_wire_deadline.py",
    R + "test_regressions_clock.py",
]
RELAY = [
    R + "test_regressions_door.py",
    "tests/tools/test_relay.py",
    "tests/tools/test_relay_gate.py",
]
GATE = [R + "test_in_flight.py", "tests/tools/test_relay_gate.py"]
SCHEDULE = [R + "test_scheduler.py", R + "test_regressions_clock.py", R + "test_wire_deadline.py"]
LOST = [R + "test_regressions_door.py", R + "test_keepalive.py", R + "test_calls.py"]


@dataclass(frozen=True)
class Mutant:
    name: str
    file: str
    old: str
    new: str
    tests: list[str]
    round: str = "fresh"


def m(name: str, file: str, old: str, new: str, tests: list[str], round: str = "fresh") -> Mutant:
    return Mutant(name, RT + file, old, new, tests, round)


MUTANTS = [
    # -- the list (issue 25, section 9): each survived the suite before ---------------
    m(
        "host-grace-not-cancelled",
        "host.py",
        "        if self._grace is not None:\n            self._grace.cancel()\n"
        "            self._grace = None\n        self._link = link",
        "        self._link = link",
        POLICY,
        "issue",
    ),
    m(
        "host-resend-original-budget",
        "host.py",
        "if link.send(call.frame(now)):",
        "if link.send(with_time_budget(call.data, call.timeout)):",
        POLICY,
        "issue",
    ),
    m(
        "peer-close-a-period-late",
        "peer.py",
        "elif self.quiet > 2:",
        "elif self.quiet > 4:",
        KEEPALIVE,
        "issue",
    ),
    m(
        "peer-full-period-after-pong",
        "peer.py",
        "loop.call_later(heartbeat / 2, self.keep_alive, heartbeat)",
        "loop.call_later(heartbeat if self.quiet == 0 else heartbeat / 2, self.keep_alive, "
        "heartbeat)",
        KEEPALIVE,
        "issue",
    ),
    m(
        "peer-closed-not-maybe-applied",
        "peer.py",
        'f"{method}: the connection closed (code {ws.close_code})",\n'
        "                            method=method,\n"
        "                            maybe_applied=True,",
        'f"{method}: the connection closed (code {ws.close_code})",\n'
        "                            method=method,\n"
        "                            maybe_applied=False,",
        LOST,
        "issue",
    ),
    m(
        "relay-default-not-maybe-applied",
        "relay.py",
        "maybe if isinstance(maybe, bool) else True",
        "maybe if isinstance(maybe, bool) else False",
        RELAY,
        "issue",
    ),
    m(
        "dispatch-deadline-from-thread-start",
        "dispatch.py",
        "deadline = _deadline(t0, timeout)\n        if deadline is not None and loop",
        "deadline = _deadline(loop.time(), timeout)\n        if deadline is not None and loop",
        DISPATCH,
        "issue",
    ),
    m(
        "admission-origin-prefix",
        "admission.py",
        "or origin in self.allowed_origins",
        "or any(origin.startswith(allowed) for allowed in self.allowed_origins)",
        DOOR,
        "issue",
    ),
    m(
        "admission-host-private",
        "admission.py",
        "return ipaddress.ip_address(name).is_loopback",
        "return ipaddress.ip_address(name).is_private",
        DOOR,
        "issue",
    ),
    m(
        "admission-text-hello-unbounded",
        "admission.py",
        "    if len(data) > max_hello_size:",
        "    if isinstance(data, bytes) and len(data) > max_hello_size:",
        DOOR,
        "issue",
    ),
    m(
        "session-page-timeout-ignored",
        "session.py",
        'deadline = limits.page_hello_timeout if self.origin == "page" else limits.hello_timeout',
        "deadline = limits.hello_timeout",
        DOOR,
        "issue",
    ),
    # -- a fresh round of the same kinds (different edits) ------------------------------------
    # pending.py: reconnect, resend, deadlines
    m(
        "pending-resend-to-any-instance",
        "pending.py",
        "if call.sent_to is None or call.sent_to == instance:",
        "if call.sent_to is None or call.sent_to is not None:",
        POLICY,
    ),
    m(
        "pending-reload-resends-idempotent",
        "pending.py",
        "if call.sent_to is None or call.sent_to == instance:",
        "if call.sent_to is None or call.sent_to == instance or call.spec.idempotent:",
        POLICY,
    ),
    m(
        "pending-grace-doubled",
        "pending.py",
        "self.grace_ends = now + self.reconnect_grace",
        "self.grace_ends = now + 2 * self.reconnect_grace",
        POLICY,
    ),
    m(
        "pending-grace-over-fails-idempotent",
        "pending.py",
        "if call.sent_to is not None and not call.spec.idempotent:",
        "if call.sent_to is not None:",
        POLICY,
    ),
    m(
        "pending-expire-strict",
        "pending.py",
        "while deadlines and (deadlines[0][0] <= now or",
        "while deadlines and (deadlines[0][0] < now or",
        POLICY,
    ),
    m(
        "pending-away-not-maybe-applied",
        "pending.py",
        'f"deadline ({call.timeout:g} s); it may have run",\n'
        "                    method=name,\n                    maybe_applied=True,",
        'f"deadline ({call.timeout:g} s); it may have run",\n'
        "                    method=name,\n                    maybe_applied=False,",
        POLICY,
    ),
    m(
        "pending-connect-timeout-past-deadline",
        "pending.py",
        "due = min(call.deadline, call.t0 + self._connect_timeout(call))",
        "due = call.t0 + self._connect_timeout(call)",
        POLICY,
    ),
    m(
        "pending-frame-whole-timeout",
        "pending.py",
        "return with_time_budget(self.data, self.deadline - now, idle=idle)",
        "return with_time_budget(self.data, self.timeout, idle=idle)",
        POLICY,
    ),
    m(
        "pending-shutdown-never-applied",
        "pending.py",
        "maybe_applied=call.sent_to is not None,",
        "maybe_applied=False,",
        POLICY,
    ),
    m(
        "pending-per-call-connect-timeout-ignored",
        "pending.py",
        "return self.connect_timeout if call.connect_timeout is None else call.connect_timeout",
        "return self.connect_timeout",
        POLICY,
    ),
    m(
        "pending-refile-dropped",
        "pending.py",
        "refile.append((call.deadline, call_id))",
        "pass",
        POLICY,
    ),
    # host.py: the timers and the sends
    m(
        "host-grace-cancelled-only-when-replacing",
        "host.py",
        "        if self._grace is not None:\n            self._grace.cancel()\n"
        "            self._grace = None\n        self._link = link",
        "        if self._grace is not None and old is not None:\n"
        "            self._grace.cancel()\n"
        "            self._grace = None\n        self._link = link",
        POLICY,
    ),
    m(
        "host-grace-timer-relative",
        "host.py",
        "self._grace = self._loop.call_at(self._pending.grace_ends, self._grace_over)",
        "self._grace = self._loop.call_later(self._pending.grace_ends, self._grace_over)",
        POLICY,
    ),
    m(
        "host-first-send-without-budget",
        "pending.py",
        "            return with_time_budget(self.data, self.timeout, idle=idle)",
        "            return self.data",
        POLICY,
    ),
    m(
        "host-no-cancel-at-deadline",
        "host.py",
        "            for call in actions.cancel:\n",
        "            for call in actions.cancel[:0]:\n",
        POLICY,
    ),
    m(
        "host-resend-not-marked-sent",
        "host.py",
        "            if link.send(call.frame(now)):\n                self._pending.sent(call)",
        "            link.send(call.frame(now))",
        POLICY,
    ),
    # peer.py: the keepalive, a lost call
    m(
        "peer-ping-half-period-late",
        "peer.py",
        "if self.quiet == 2:",
        "if self.quiet == 3:",
        KEEPALIVE,
    ),
    m(
        "peer-tick-every-period",
        "peer.py",
        "loop.call_later(heartbeat / 2, self.keep_alive, heartbeat)",
        "loop.call_later(heartbeat, self.keep_alive, heartbeat)",
        KEEPALIVE,
    ),
    m(
        "peer-quiet-not-reset",
        "peer.py",
        "            self.seen = False\n            self.quiet = 0\n",
        "            self.seen = False\n",
        KEEPALIVE,
    ),
    m(
        "peer-pong-not-a-sign-of-life",
        "peer.py",
        "                msg = await ws.receive()\n                self.seen = True\n",
        "                msg = await ws.receive()\n"
        "                self.seen = msg.type is WSMsgType.TEXT\n",
        KEEPALIVE,
    ),
    # admission.py and session.py: the door
    m(
        "admission-file-anywhere",
        "admission.py",
        'or origin.lower().startswith("file://")',
        'or "file://" in origin.lower()',
        DOOR,
    ),
    m(
        "admission-null-prefix",
        "admission.py",
        'or origin == "null"\n            or origin.lower()',
        'or origin.startswith("null")\n            or origin.lower()',
        DOOR,
    ),
    m(
        "admission-host-localhost-prefix",
        "admission.py",
        'if name in ("localhost", self.bind_host.lower()):',
        'if name.startswith("localhost") or name == self.bind_host.lower():',
        DOOR,
    ),
    m(
        "admission-host-any-port",
        "admission.py",
        "if not sep or port != str(self.port):",
        "if not sep:",
        DOOR,
    ),
    m(
        "admission-host-not-global",
        "admission.py",
        "return ipaddress.ip_address(name).is_loopback",
        "return not ipaddress.ip_address(name).is_global",
        DOOR,
    ),
    # (not planted: skipping first_frame_problem for str frames in session.py is equivalent
    # where aiohttp has decode_text=False: every TEXT frame then arrives as bytes)
    m(
        "admission-hello-bound-off-by-one",
        "admission.py",
        "    if len(data) > max_hello_size:",
        "    if len(data) > max_hello_size + 1:",
        DOOR,
    ),
    m(
        "session-page-timeout-for-files",
        "session.py",
        'if self.origin == "page" else limits.hello_timeout',
        'if self.origin == "file" else limits.hello_timeout',
        DOOR,
    ),
    m(
        "session-first-frame-waits-hello-timeout",
        "session.py",
        "first = await self._first_message(deadline)",
        "first = await self._first_message(limits.hello_timeout)",
        DOOR,
    ),
    m(
        "admission-pending-hellos-off-by-one",
        "admission.py",
        "        if len(slots) >= self.limit:\n            if kind",
        "        if len(slots) > self.limit:\n            if kind",
        DOOR,
    ),
    # dispatch.py and workers.py: sync handlers' deadlines
    m(
        "dispatch-budget-ignored",
        "dispatch.py",
        "timeout = spec.time_limit(request.budget)",
        "timeout = spec.time_limit(None)",
        DISPATCH,
    ),
    m(
        "dispatch-timer-relative",
        "dispatch.py",
        "run.timer = loop.call_at(deadline, self._sync_expired, run, threads, timeout)",
        "run.timer = loop.call_later(timeout, self._sync_expired, run, threads, timeout)",
        DISPATCH,
    ),
    m(
        "dispatch-waited-deadline-strict",
        "dispatch.py",
        "if deadline is not None and loop.time() >= deadline:",
        "if deadline is not None and loop.time() > deadline:",
        DISPATCH,
    ),
    m(
        "dispatch-hung-thread-not-abandoned",
        "dispatch.py",
        "            threads.abandon(run.future)\n",
        "            pass\n",
        DISPATCH,
    ),
    m(
        "workers-abandoned-still-counts",
        "workers.py",
        "                job.released = True\n                self._live -= 1\n",
        "                job.released = True\n",
        DISPATCH,
    ),
    # protocol/: the time budget, ids, settle
    m(
        "encode-budget-rounded-down",
        "protocol/encode.py",
        "ms = max(1, math.ceil(seconds_left * 1000))",
        "ms = max(1, int(seconds_left * 1000))",
        PROTOCOL,
    ),
    m(
        "encode-budget-accepts-zero",
        "protocol/encode.py",
        "or not 0 < ms < math.inf:",
        "or not 0 <= ms < math.inf:",
        PROTOCOL,
    ),
    m(
        "calls-ids-without-prefix",
        "protocol/calls.py",
        'return f"{self.prefix}:{next(self._counter)}"',
        "return str(next(self._counter))",
        PROTOCOL,
    ),
    m(
        "calls-settle-keeps-call",
        "protocol/calls.py",
        "call = self._calls.pop(response.id, None)",
        "call = self._calls.get(response.id)",
        PROTOCOL,
    ),
    m(
        "calls-result-unchecked",
        "protocol/calls.py",
        "if spec is not None and (problems := spec.result_errors(response.result)):",
        "if False and spec is not None and (problems := spec.result_errors(response.result)):",
        PROTOCOL,
    ),
    # relay.py: what a tool learns of a lost call
    m(
        "relay-false-dropped",
        "relay.py",
        "        if value is not None:\n            data[member] = value",
        "        if value:\n            data[member] = value",
        RELAY,
    ),
    m(
        "relay-cancelled-not-applied",
        "relay.py",
        '{"name": "Cancelled", "method": method, "maybe_applied": True, "cancelled": True}',
        '{"name": "Cancelled", "method": method, "maybe_applied": False, "cancelled": True}',
        RELAY,
    ),
    m(
        "relay-lost-truthiness",
        "relay.py",
        "return cls(message, method=method, maybe_applied=maybe_applied)",
        'return cls(message, method=method, maybe_applied=bool(data.get("maybe_applied")))',
        RELAY,
    ),
    # scheduler.py, host.py: a call sent to an idle host counts as running (aerpc.idle)
    m(
        "scheduler-idle-call-not-running",
        "scheduler.py",
        "        if idle and out:\n            self._running = self._at_panel[out[0][0].id]\n",
        "",
        SCHEDULE,
    ),
    m(
        "scheduler-busy-panel-counted-idle",
        "scheduler.py",
        "idle = running is None and not self._at_panel",
        "idle = running is None",
        SCHEDULE,
    ),
    m(
        "scheduler-unsent-still-running",
        "scheduler.py",
        "        if self._running is not None and self._running.id == call.id:\n"
        "            self._running = None\n        if caller.session is None:",
        "        if caller.session is None:",
        SCHEDULE,
    ),
    m(
        "host-idle-never-said",
        "host.py",
        "idle=scheduler.is_running(call.id)",
        "idle=False",
        SCHEDULE,
    ),
    # inflight.py: the gate
    m(
        "inflight-limit-off-by-one",
        "inflight.py",
        "if self.limit is not None and self.count >= self.limit:",
        "if self.limit is not None and self.count > self.limit:",
        GATE,
    ),
    m(
        "inflight-slot-never-freed",
        "inflight.py",
        "        self.answered = True\n        self.gate.count -= 1\n",
        "        self.answered = True\n",
        GATE,
    ),
    m(
        "inflight-cancelled-unanswered",
        "inflight.py",
        'self.answer(self.request, None, InternalError(f"{method}: cancelled"))',
        "self._release()",
        GATE,
    ),
]


def run(mutant: Mutant, without: set[str]) -> tuple[bool, float, str]:
    """Apply ``mutant``, run its tests, restore; (caught, seconds, the last line of output)."""
    path = ROOT / mutant.file
    original = path.read_text()
    count = original.count(mutant.old)
    if count != 1:
        raise SystemExit(f"mutant {mutant.name}: its text occurs {count} times in {mutant.file}")
    tests = [t for t in mutant.tests if t not in without]
    started = time.monotonic()
    try:
        path.write_text(original.replace(mutant.old, mutant.new))
        command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
        try:
            done = subprocess.run(
                command, cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired:
            return True, time.monotonic() - started, f"timed out after {TIMEOUT:g} s"
    finally:
        path.write_text(original)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    return done.returncode != 0, time.monotonic() - started, lines[-1] if lines else ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--round", choices=("issue", "fresh"), help="only this round")
    parser.add_argument("--only", action="append", default=[], help="names starting with this")
    parser.add_argument("--without", action="append", default=[], help="leave this test out")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    args = parser.parse_args()
    chosen = [
        mutant
        for mutant in MUTANTS
        if (args.round is None or mutant.round == args.round)
        and (not args.only or any(mutant.name.startswith(p) for p in args.only))
    ]
    if args.list:
        for mutant in chosen:
            print(f"{mutant.round:6} {mutant.name:45} {mutant.file}")
        return 0
    for mutant in chosen:  # every text must apply before anything runs
        count = (ROOT / mutant.file).read_text().count(mutant.old)
        if count != 1:
            print(f"mutant {mutant.name}: its text occurs {count} times in {mutant.file}")
            return 2
    survivors: list[str] = []
    by_round: dict[str, list[int]] = {}
    for mutant in chosen:
        caught, seconds, last = run(mutant, set(args.without))
        tally = by_round.setdefault(mutant.round, [0, 0])
        tally[0] += caught
        tally[1] += 1
        verdict = "caught" if caught else "SURVIVED"
        print(f"{verdict:8} {mutant.name:45} {seconds:5.1f} s  {last}", flush=True)
        if not caught:
            survivors.append(mutant.name)
    for name, (got, total) in by_round.items():
        print(f"round {name}: {got}/{total} caught ({100 * got / total:.0f} %)")
    total_caught = sum(c for c, _ in by_round.values())
    total = sum(t for _, t in by_round.values())
    if total:
        print(f"all: {total_caught}/{total} caught ({100 * total_caught / total:.0f} %)")
    if survivors:
        print("survived: " + ", ".join(survivors))
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
