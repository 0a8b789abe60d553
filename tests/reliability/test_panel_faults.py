"""Faults through the real generated panel (node ``run-panel.js``, the simulated After Effects,
the ES3 host library): its socket killed mid-call, the panel reloaded mid-call (the process
killed and a new instance started), an ExtendScript call that never returns or throws, and a
seeded chaos run of them.

Side effects are counted where they happen: each evalScript the panel starts is reported with
its JSON-RPC id (``eval`` events), and the simulated project is read back (its folders) before
each panel process dies. A call is applied once if exactly one panel started it, and
``maybe_applied=False`` is a lie if any panel did.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest

from aerpc.aftereffects import CONTRACT, AfterEffects
from aerpc.runtime import (
    CallEvent,
    ConnectionLost,
    ExtendScriptError,
    HostTimeout,
    RpcTimeout,
    Server,
)
from aerpc.runtime.protocol import Id
from aerpc.testing.simulator import simulator_missing

from .support import (
    FIGURES,
    SEED,
    SLACK,
    SOAK,
    WAIT,
    Call,
    Figures,
    PanelProcess,
    PipelineStub,
    completed,
    ended_in_time,
    maybe_applied,
    rng_for,
    run_threads,
    scale,
    soak_deadline,
    time_limit,
)

MISSING = simulator_missing()
pytestmark = [
    pytest.mark.skipif(MISSING is not None, reason=f"needs the panel in node: {MISSING}"),
    pytest.mark.node,
    pytest.mark.timeout(120),
]


@dataclass
class PanelCall(Call):
    """A :class:`Call` made through the real panel, with its JSON-RPC id once it is known."""

    id: Id | None = None


@dataclass
class Panels:
    """A server and the panel processes that served it, one after another."""

    server: Server
    processes: list[PanelProcess] = field(default_factory=list)
    snapshots: list[list[tuple[int, str]]] = field(default_factory=list)
    ids: dict[int, Id] = field(default_factory=dict)  # nonce -> request id
    calls: list[PanelCall] = field(default_factory=list)
    faults: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    _nonce: int = 0

    @property
    def panel(self) -> PanelProcess:
        return self.processes[-1]

    @property
    def ae(self) -> AfterEffects:
        return AfterEffects(self.server.host)

    def start(self, *args: str) -> PanelProcess:
        panel = PanelProcess(
            self.server, "--reconnect-initial-ms", "20", "--reconnect-max-ms", "100", *args
        )
        self.processes.append(panel)
        connected = panel.wait_event(
            lambda e: e["event"] == "status" and e["status"] == "connected"
        )
        instance = connected.get("instance") or panel.command("status")["result"]["instance"]
        deadline = time.monotonic() + WAIT
        while self.server.host.instance != instance:  # the server registers it right after
            assert time.monotonic() < deadline, "the new panel was not registered as the host"
            self.server.wait_for_host(WAIT)
        return panel

    def reload(self, *args: str) -> PanelProcess:
        """The page reloads: the old one is killed (its held evalScripts never run) and a new
        instance connects. The project the old one served is read first."""
        old = self.panel
        old.command("hold")  # from here no evalScript of the old page starts
        self.snapshots.append(old.folder_names())
        old.kill()
        return self.start(*args)

    def nonce(self) -> int:
        with self.lock:
            self._nonce += 1
            return self._nonce

    def call(self, method: str, timeout: float) -> PanelCall:
        """``add_item`` carries a nonce in its name; the request id is learnt from the server's
        listener (``start`` events carry the method; the name is matched through the ledger of
        ids the caller thread registers just before)."""
        n = self.nonce()
        call = PanelCall(nonce=n, method=method, timeout=timeout)
        with self.lock:
            self.calls.append(call)
        ae = self.ae.with_timeout(timeout)
        call.started = time.monotonic()
        try:
            if method == "add_item":
                call.result = ae.add_item(name=f"n{n}", item_type="folder")
            elif method == "get_project_state":
                call.result = ae.get_project_state()
            elif method == "get_items":
                call.result = ae.get_items(folders=True)
            else:
                raise AssertionError(method)
        except Exception as exc:
            call.error = exc
        call.ended = time.monotonic()
        return call

    def verify(self, scenario: str) -> Figures:
        """Exactly once per completed call, truthful ``maybe_applied``, deadlines kept."""
        self.snapshots.append(self.panel.folder_names())
        starts_per_process = [Counter(e["id"] for e in p.evals("start")) for p in self.processes]
        methods = {e["id"]: e["method"] for p in self.processes for e in p.evals("start")}
        folder_count: Counter[str] = Counter(name for snap in self.snapshots for _, name in snap)
        folder_ids = {name: i for snap in self.snapshots for i, name in snap}
        f = Figures(calls=len(self.calls), faults=self.faults)
        problems: list[str] = []
        for n, starts in enumerate(starts_per_process):
            for id, count in starts.items():
                if count > 1:
                    f.twice += count - 1
                    problems.append(f"panel {n} started {methods[id]} {id} {count} times")
        total = Counter[Id]()
        for starts in starts_per_process:
            total.update(starts)
        for id, count in total.items():
            if count > 1 and not CONTRACT.methods[methods[id]].idempotent:
                f.twice += count - 1
                problems.append(f"{methods[id]} {id} ran on {count} panels")
            elif count > 1:
                f.reruns_after_reload += count - 1
        for call in self.calls:
            if not ended_in_time(call, f, problems):
                continue
            name = f"n{call.nonce}"
            applied = folder_count[name] if call.method == "add_item" else None
            if applied is not None and applied > 1:
                f.twice += applied - 1
                problems.append(f"folder {name} exists {applied} times")
            error = call.error
            if completed(error):
                f.completed += 1
                if call.method == "add_item" and error is None:
                    if applied != 1:
                        f.lost += 1
                        problems.append(f"add_item {name} completed, folder count {applied}")
                    elif folder_ids.get(name) != call.result:
                        f.mismatched += 1
                        problems.append(
                            f"add_item {name} returned {call.result}, "
                            f"its folder has id {folder_ids.get(name)}"
                        )
                continue
            f.failed += 1
            if maybe_applied(error) is False and applied:
                f.untruthful += 1
                problems.append(f"{call.method} {name}: maybe_applied=False, but it ran: {error}")
        FIGURES.add(scenario, f)
        assert not problems, f"{scenario} (seed {SEED}):\n" + "\n".join(problems[:30])
        return f


@pytest.fixture
def panels() -> Iterator[Panels]:
    server = Server(PipelineStub(), contract=CONTRACT, reconnect_grace=10.0)
    server.start()
    p = Panels(server)
    try:
        yield p
    finally:
        for process in p.processes:
            process.stop()
        server.stop()


class Background:
    def __init__(self, panels: Panels, method: str, timeout: float = WAIT):
        self.call: PanelCall | None = None
        self._thread = threading.Thread(target=self._run, args=(panels, method, timeout))
        self._thread.start()

    def _run(self, panels: Panels, method: str, timeout: float) -> None:
        self.call = panels.call(method, timeout)

    def join(self) -> PanelCall:
        self._thread.join(WAIT + SLACK)
        assert not self._thread.is_alive()
        assert self.call is not None
        return self.call


def is_held(method: str) -> Callable[[dict[str, object]], bool]:
    return lambda e: e["event"] == "eval" and e["phase"] == "held" and e["method"] == method


# -- scenarios -----------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["add_item", "get_project_state"])
def test_panel_socket_killed_mid_call_runs_once(panels: Panels, method: str) -> None:
    panel = panels.start()
    start = panel.mark()
    panel.command("hold")
    call = Background(panels, method)
    panel.wait_event(is_held(method), start=start)
    panel.command("drop")
    panels.faults += 1
    panel.wait_event(lambda e: e["event"] == "status" and e["status"] == "closed", start=start)
    panel.wait_event(lambda e: e["event"] == "status" and e["status"] == "connected", start=start)
    panel.command("release")
    done = call.join()
    assert done.error is None, done.error
    figures = panels.verify("panel: socket killed mid-call")
    assert figures.completed == 1
    assert len(panel.evals("start")) == 1


def test_panel_reloaded_mid_call(panels: Panels) -> None:
    """The page dies with a call in its evalScript queue and a new instance tries to connect:
    it is refused until the old instance's grace is over (issue 25 §3), then gets in; the call
    that is not idempotent fails with ``ConnectionLost(maybe_applied=True)`` at the end of the
    grace, the idempotent one, sent to the old page, when the new page connects: a call is
    never sent to another instance than the one it was sent to."""
    panel = panels.start()
    start = panel.mark()
    panel.command("hold")
    adding = Background(panels, "add_item")
    panel.wait_event(is_held("add_item"), start=start)
    sent = threading.Event()

    def on(event: CallEvent) -> None:
        if event.kind == "start" and event.method == "get_project_state":
            sent.set()

    panels.server.add_listener(on)
    reading = Background(panels, "get_project_state")
    assert sent.wait(WAIT)
    panels.reload()
    panels.faults += 1
    lost = adding.join()
    assert isinstance(lost.error, ConnectionLost), lost.error
    assert lost.error.maybe_applied is True
    assert "did not reconnect" in str(lost.error)
    done = reading.join()
    assert isinstance(done.error, ConnectionLost), done.error
    assert done.error.maybe_applied is True
    assert "reloaded" in str(done.error)
    panels.verify("panel: reloaded mid-call")
    assert panels.panel.evals("start") == []


def test_an_extendscript_call_that_never_returns(panels: Panels) -> None:
    """AE is stuck in a modal dialog: the caller's deadline ends the call (``RpcTimeout``); the
    panel's own evalScript timeout answers ``HostTimeout`` (-32011); later calls go on once
    ExtendScript is free again."""
    panel = panels.start("--eval-timeout-ms", "800")
    start = panel.mark()
    panel.command("hold")
    gave_up = Background(panels, "get_project_state", 10.0)  # the panel gives up after 0.8 s
    panel.wait_event(is_held("get_project_state"), start=start)
    timed_out = panels.call("get_items", 0.5)  # queued behind it: the caller's deadline ends it
    assert isinstance(timed_out.error, RpcTimeout), timed_out.error
    assert timed_out.error.maybe_applied is True
    assert timed_out.ended is not None
    assert timed_out.ended - timed_out.started < 0.5 + SLACK
    gave = gave_up.join()
    assert isinstance(gave.error, HostTimeout), gave.error
    assert gave.ended is not None
    assert gave.ended - gave.started < 0.8 + SLACK
    panels.faults += 2
    panel.wait_event(lambda e: e["event"] == "busy", start=start)
    panel.command("release")
    assert panels.call("get_project_state", WAIT).error is None
    panels.verify("panel: ExtendScript never returns")


def test_an_extendscript_function_that_throws(panels: Panels) -> None:
    panel = panels.start()
    panel.run("__aerpc.host.getProjectState = function (params) { throw new Error('boom'); };")
    broken = panels.call("get_project_state", WAIT)
    assert isinstance(broken.error, ExtendScriptError), broken.error
    assert broken.error.data["message"] == "boom"
    panels.faults += 1
    assert panels.call("add_item", WAIT).error is None
    panels.verify("panel: ExtendScript throws")


# -- chaos ---------------------------------------------------------------------------------------


def panel_chaos_round(rng: random.Random, calls: int) -> None:
    server = Server(PipelineStub(), contract=CONTRACT, reconnect_grace=0.5)
    server.start()
    panels = Panels(server)
    begun = threading.Semaphore(0)

    def on(event: CallEvent) -> None:
        if event.kind == "start" and event.direction == "out":
            begun.release()

    server.add_listener(on)
    try:
        panels.start()
        finished = threading.Event()

        def caller(seed: float) -> Callable[[], None]:
            r = random.Random(seed)

            def run() -> None:
                for _ in range(calls):
                    method = r.choice(["add_item", "add_item", "get_project_state", "get_items"])
                    panels.call(method, 2.0)

            return run

        def injector() -> None:
            while not finished.is_set():
                for _ in range(rng.randint(2, 12)):
                    while not begun.acquire(timeout=0.05):  # bounded poll of a semaphore
                        if finished.is_set():
                            return
                kind = rng.choice(["drop", "drop", "reload", "stall"])
                panel = panels.panel
                if kind == "drop":
                    panel.command("drop")
                elif kind == "reload":
                    panels.reload()
                else:
                    panel.command("hold")
                    finished.wait(rng.uniform(0.05, 2.5))  # the stall's length (the fault)
                    panel.command("release")
                panels.faults += 1

        inject = threading.Thread(target=injector, name="panel-chaos")
        inject.start()
        try:
            errors = run_threads(
                [caller(rng.random()) for _ in range(2)], timeout=calls * 3.0 + WAIT
            )
        finally:
            finished.set()
            inject.join(WAIT * 2)
        assert not errors, errors
        panels.panel.command("release")
        assert panels.call("get_project_state", WAIT).error is None  # FIFO: the queue is empty
        panels.verify("panel: chaos")
    finally:
        for process in panels.processes:
            process.stop()
        server.stop()


@pytest.mark.timeout(time_limit(120, 0.25))
def test_chaos_through_the_panel() -> None:
    """Drops, reloads and stalls at random moments (seeded) while calls go through the real
    panel: no folder is created twice or for a call that was told it did not run."""
    rng = rng_for("chaos panel")
    deadline = soak_deadline(0.25)
    rounds = 0
    while rounds < 1 or (SOAK and time.monotonic() < deadline):
        panel_chaos_round(rng, calls=scale(40, 150))
        rounds += 1
    print(f"chaos (panel): {rounds} round(s), seed {SEED}")
