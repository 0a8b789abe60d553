"""Shared machinery of the reliability suite (admission, the promise and the limits:
docs/architecture.md).

* Soak settings: ``AERPC_SOAK=1`` runs the same scenarios longer, with random fault timing
  (seeded: ``AERPC_SEED``, printed in the summary), within a total budget
  (``AERPC_SOAK_BUDGET`` seconds, default 540) and self-stopping.
* :class:`CountingHost`: the After Effects host methods of the real schema, in Python, counting
  every request received and every side effect applied per (panel instance, request id) and per
  call nonce. :class:`CountingPeer` is :class:`aerpc.testing.FakePanel` telling it which
  request each run belongs to.
* :class:`Ledger`: the caller's record of every call (made through the generated sync facade)
  and its outcome; :meth:`Ledger.verify` compares it with what the host applied and adds the
  figures (calls, faults injected, calls lost, calls run twice, ``maybe_applied`` lies) to the
  session's :data:`FIGURES`.
* :class:`LoopThread` runs a peer's event loop on its own thread; :class:`PanelProcess` drives
  the generated panel in node (``runtime/cep/node/run-panel.js --control``).

Every wait here is bounded (:data:`WAIT`) and waits on a condition, never on a sleep.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextvars
import dataclasses
import gc
import os
import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Coroutine, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest

from aerpc.aftereffects import CONTRACT, AfterEffects, ItemNotFound
from aerpc.runtime import NotConnected, RemoteError, Server
from aerpc.runtime.protocol import Id, Request
from aerpc.testing import FakePanel
from aerpc.testing.simulator import Event, SimulatedPanel, panel_env

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[2]

# -- soak settings ----------------------------------------------------------------------------

SOAK = os.environ.get("AERPC_SOAK", "") not in ("", "0")
SEED = int(os.environ.get("AERPC_SEED") or (random.SystemRandom().randrange(2**31) if SOAK else 8))
BUDGET = float(os.environ.get("AERPC_SOAK_BUDGET", "540")) if SOAK else 0.0
SESSION_START = time.monotonic()
WAIT = 20.0
"""The bound of every wait on an event in this suite."""


def scale(ci: int, soak: int) -> int:
    """``ci`` iterations in CI, ``soak`` under ``AERPC_SOAK=1``."""
    return soak if SOAK else ci


def soak_deadline(share: float) -> float:
    """A ``time.monotonic()`` deadline for one soak scenario: ``share`` of the budget from now,
    never past the end of the session's budget (in CI: now, so loops run their CI count)."""
    if not SOAK:
        return 0.0
    end = SESSION_START + BUDGET
    return min(time.monotonic() + share * BUDGET, end)


def rng_for(name: str) -> random.Random:
    """A random generator for one scenario, derived from the session seed."""
    return random.Random(f"{SEED}:{name}")


def time_limit(ci: float, soak_share: float = 0.0) -> float:
    """A pytest-timeout for a test: ``ci`` seconds, or its soak share plus ``ci`` under soak."""
    return ci + soak_share * BUDGET + 60 if SOAK else ci


# -- open bugs of the runtime (tests marked xfail(strict=True) until they are fixed) ----------


def xfail_bug(reason: str) -> pytest.MarkDecorator:
    """Mark a test that shows an open runtime bug (none today; see docs/reliability.md)."""
    return pytest.mark.xfail(strict=True, reason=f"runtime bug: {reason}")


@contextmanager
def reported_plainly() -> Iterator[None]:
    """Report a failed check as its message alone. After the server hit a RecursionError,
    pytest's formatting of a traceback (``ast.parse`` of the test file) can trip a CPython 3.11
    bug ("AST constructor recursion depth mismatch") and stop the whole run with an
    INTERNALERROR; a message needs no source."""
    gc.collect()
    try:
        yield
    except AssertionError as exc:
        gc.collect()
        pytest.fail(str(exc), pytrace=False)


# -- figures ----------------------------------------------------------------------------------


@dataclasses.dataclass
class Figures:
    """What one scenario (or the whole session) did."""

    calls: int = 0
    completed: int = 0
    failed: int = 0
    faults: int = 0
    lost: int = 0
    twice: int = 0
    untruthful: int = 0
    late: int = 0
    mismatched: int = 0
    reruns_after_reload: int = 0
    hostile_messages: int = 0

    def add(self, other: Figures) -> None:
        for field in dataclasses.fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))

    def as_dict(self) -> dict[str, int]:
        return dataclasses.asdict(self)


class SessionFigures:
    """The figures of every scenario of the session, summed; written out at its end."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.total = Figures()
        self.scenarios: dict[str, Figures] = {}

    def add(self, scenario: str, figures: Figures) -> None:
        with self.lock:
            self.total.add(figures)
            self.scenarios.setdefault(scenario, Figures()).add(figures)

    def summary_line(self) -> str:
        t = self.total
        return (
            f"aerpc reliability{' soak' if SOAK else ''}: seed {SEED}: {t.calls} calls "
            f"({t.completed} completed, {t.failed} failed), {t.faults} faults injected, "
            f"{t.hostile_messages} hostile messages, calls lost: {t.lost}, calls run twice: "
            f"{t.twice}, maybe_applied lies: {t.untruthful}, late: {t.late}, "
            f"mismatched: {t.mismatched}"
        )


FIGURES = SessionFigures()


# -- a loop on a thread -----------------------------------------------------------------------


class LoopThread:
    """An event loop running on its own thread; coroutines are run on it with a bound."""

    def __init__(self, name: str = "reliability-loop"):
        self.loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self.thread = threading.Thread(target=self._main, name=name, daemon=True)
        self.thread.start()
        self._ready.wait(WAIT)

    def _main(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.call_soon(self._ready.set)
        self.loop.run_forever()

    def submit(self, coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def run(self, coro: Coroutine[Any, Any, T], timeout: float = WAIT) -> T:
        future = self.submit(coro)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise AssertionError(
                f"a coroutine on {self.thread.name} ran over {timeout} s"
            ) from None

    def call_soon(self, fn: Callable[[], object]) -> None:
        self.loop.call_soon_threadsafe(fn)

    def close(self) -> None:
        """Cancel what is left, shut the loop down and join the thread (bounded)."""
        if self.loop.is_closed():
            return

        async def finish() -> None:
            me = asyncio.current_task()
            tasks = [t for t in asyncio.all_tasks() if t is not me]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await self.loop.shutdown_asyncgens()
            await self.loop.shutdown_default_executor()

        try:
            self.run(finish())
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(WAIT)
            assert not self.thread.is_alive(), f"{self.thread.name} did not stop"
            self.loop.close()


# -- the counting host ------------------------------------------------------------------------

REQUEST: contextvars.ContextVar[tuple[str, Id | None]] = contextvars.ContextVar(
    "aerpc_reliability_request", default=("?", None)
)
"""(panel instance, request id) of the host method running in this context."""

NONCE_PARAM = {
    "add_item": "name",
    "rename_item": "name",
    "delete_item": "item_id",
    "get_comp_properties": "comp_id",
    "print_msg": "msg",
    "get_audio_url": "comp_id",
}
"""The parameter of each method that carries the call's nonce (``n17`` or ``17``)."""


def nonce_of(method: str, params: Mapping[str, object]) -> int | None:
    key = NONCE_PARAM.get(method)
    value = params.get(key) if key is not None else None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value[:1] == "n" and value[1:].isdigit():
        return int(value[1:])
    return None


@dataclasses.dataclass(frozen=True)
class Seen:
    """One request the host received, or one run (side effect) it applied."""

    instance: str
    id: Id | None
    method: str
    nonce: int | None


class CountingHost:
    """The host methods of the real schema that the scenarios use, counting everything.

    * ``get_comp_properties(comp_id=k)``: idempotent read; the result carries ``k``. A nonce
      divisible by 13 raises the declared ``ItemNotFound``; one divisible by 11 raises a plain
      exception (a host function that throws: ``-32603``).
    * ``add_item(name="nK")``: not idempotent; creates an item whose id is returned.
    * ``rename_item(item_id, name="nK")``: idempotent write.
    * ``delete_item(item_id=k)``: not idempotent.
    * ``print_msg(msg="nK")``: not idempotent; never returns (a modal dialog nobody closes)
      until cancelled (``rpc.cancel``) or the host is torn down.
    * ``get_app_version()``: a read without a nonce.

    ``hold(method)`` makes runs of ``method`` wait (before their side effect) until
    ``release()``. ``jitter`` seconds at most of simulated work per run (random, seeded).
    """

    def __init__(self, rng: random.Random | None = None, jitter: float = 0.0):
        self.rng = rng or random.Random(SEED)
        self.jitter = jitter
        self.cond = threading.Condition()
        self.received: list[Seen] = []
        self.runs: list[Seen] = []
        self.items: dict[int, str] = {}
        self.names: dict[int, str] = {}
        self.deleted: list[int] = []
        self.held: set[str] = set()
        self.throw_plain = True
        self.keep = True  # False: record nothing (for the memory test: no growth of our own)
        self._next_item = 1000
        self._waiting: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = []
        self._forever: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = []

    # -- what the tests ask -------------------------------------------------------------------

    def wait_for(self, predicate: Callable[[], bool], timeout: float = WAIT) -> None:
        with self.cond:
            if not self.cond.wait_for(predicate, timeout):
                raise AssertionError(
                    f"the host did not get there within {timeout} s: "
                    f"{len(self.received)} received, {len(self.runs)} run, held {self.held}, "
                    f"{len(self._waiting)} waiting"
                )

    def waiting(self) -> int:
        """How many runs wait at the hold."""
        with self.cond:
            return len(self._waiting)

    def hold(self, *methods: str) -> None:
        with self.cond:
            self.held.update(methods)

    def release(self) -> None:
        """Stop holding; the runs waiting go on."""
        with self.cond:
            self.held.clear()
            waiting, self._waiting = self._waiting, []
        for loop, future in waiting:
            _resolve_threadsafe(loop, future)

    def end_forever(self) -> None:
        """Let every never-ending run end (teardown)."""
        with self.cond:
            self.held.clear()
            pending = self._forever + self._waiting
            self._forever, self._waiting = [], []
        for loop, future in pending:
            _resolve_threadsafe(loop, future)

    def received_count(self, method: str | None = None) -> int:
        with self.cond:
            return sum(1 for s in self.received if method is None or s.method == method)

    def run_count(self, method: str | None = None) -> int:
        with self.cond:
            return sum(1 for s in self.runs if method is None or s.method == method)

    # -- bookkeeping --------------------------------------------------------------------------

    def note_received(self, instance: str, request: Request) -> None:
        if not self.keep:
            return
        seen = Seen(instance, request.id, request.method, nonce_of(request.method, request.params))
        with self.cond:
            self.received.append(seen)
            self.cond.notify_all()

    def _applied(self, method: str, nonce: int | None) -> None:
        if not self.keep:
            return
        instance, id = REQUEST.get()
        with self.cond:
            self.runs.append(Seen(instance, id, method, nonce))
            self.cond.notify_all()

    async def _work(self, method: str) -> None:
        if self.jitter:
            await asyncio.sleep(self.rng.random() * self.jitter)
        with self.cond:
            held = method in self.held
            if held:
                loop = asyncio.get_running_loop()
                gate: asyncio.Future[None] = loop.create_future()
                self._waiting.append((loop, gate))
                self.cond.notify_all()
        if held:
            await asyncio.wait_for(gate, WAIT * 3)

    # -- host methods (served to the pipeline through the peer) --------------------------------

    async def get_comp_properties(self, comp_id: int) -> dict[str, object]:
        await self._work("get_comp_properties")
        self._applied("get_comp_properties", comp_id)
        if comp_id % 13 == 0:
            raise ItemNotFound(f"no composition with id {comp_id}", {"id": comp_id})
        if comp_id % 11 == 0 and self.throw_plain:
            raise RuntimeError(f"the host function failed on {comp_id}")
        return {
            "id": comp_id,
            "name": f"comp {comp_id}",
            "frame_start": 0,
            "frames_duration": comp_id % 1000,
            "frame_rate": 25.0,
            "width": 1920,
            "height": 1080,
            "pixel_aspect": 1.0,
        }

    async def add_item(self, name: str, item_type: str) -> int:
        await self._work("add_item")
        self._applied("add_item", nonce_of("add_item", {"name": name}))
        with self.cond:
            self._next_item += 1
            item_id = self._next_item
            if self.keep:
                self.items[item_id] = name
        return item_id

    async def rename_item(self, item_id: int, name: str) -> None:
        await self._work("rename_item")
        self._applied("rename_item", nonce_of("rename_item", {"name": name}))
        with self.cond:
            if self.keep:
                self.names[item_id] = name

    async def delete_item(self, item_id: int) -> None:
        await self._work("delete_item")
        self._applied("delete_item", item_id)
        with self.cond:
            if self.keep:
                self.deleted.append(item_id)

    async def print_msg(self, msg: str) -> None:
        self._applied("print_msg", nonce_of("print_msg", {"msg": msg}))
        loop = asyncio.get_running_loop()
        never: asyncio.Future[None] = loop.create_future()
        with self.cond:
            self._forever.append((loop, never))
        await asyncio.wait_for(never, WAIT * 6)

    async def get_app_version(self) -> str:
        await self._work("get_app_version")
        self._applied("get_app_version", None)
        return "24.6.1x3"


def _resolve_threadsafe(loop: asyncio.AbstractEventLoop, future: asyncio.Future[None]) -> None:
    def resolve() -> None:
        if not future.done():
            future.set_result(None)

    if not loop.is_closed():
        loop.call_soon_threadsafe(resolve)


class CountingPeer(FakePanel):
    """A :class:`FakePanel` (the panel's behaviour in Python) over a :class:`CountingHost`."""

    def __init__(self, url: str, token: str, impl: CountingHost, **kwargs: Any):
        kwargs.setdefault("contract", CONTRACT)
        super().__init__(url, token, impl, **kwargs)
        self.impl = impl

    def _on_request(self, request: Request) -> None:
        if request.id is not None and not request.method.startswith("rpc."):
            self.impl.note_received(self.instance, request)
        token = REQUEST.set((self.instance, request.id))
        try:
            super()._on_request(request)
        finally:
            REQUEST.reset(token)

    async def connect_retrying(self, within: float = WAIT) -> None:
        """Connect; a reloaded panel is refused with -32003 while the server has not yet seen
        its old socket close, or while the old instance's calls wait through its reconnect
        grace, and tries again, as the panel does (bounded backoff, for ``within`` seconds)."""
        delay = 0.005
        give_up = time.monotonic() + within
        while True:
            try:
                await self.connect()
                return
            except RemoteError as exc:
                if exc.code != -32003 or time.monotonic() > give_up:
                    raise
            await asyncio.sleep(delay)  # the panel's reconnect backoff
            delay = min(delay * 2, 0.2)


class Stage:
    """A server on its own thread and a counting host peer on another: the pipeline's view."""

    def __init__(
        self,
        impl: CountingHost | None = None,
        *,
        handlers: object | None = None,
        connect: bool = True,
        **server_options: Any,
    ):
        server_options.setdefault("contract", CONTRACT)
        self.server = Server(handlers if handlers is not None else PipelineStub(), **server_options)
        self.server.start()
        self.impl = impl or CountingHost()
        self.loop = LoopThread("reliability-peer")
        self.peer: CountingPeer | None = None
        if connect:
            self.peer = self.new_peer()
            self.loop.run(self.peer.connect())
            self.server.wait_for_host(WAIT)

    def new_peer(self, **kwargs: Any) -> CountingPeer:
        async def make() -> CountingPeer:
            return CountingPeer(self.server.url, self.server.token, self.impl, **kwargs)

        return self.loop.run(make())

    def barrier(self) -> None:
        """Return once the server's loop has run everything it had queued: the server sends the
        hello's result, then registers the host, in one callback; after a (re)connect this
        waits for the second half."""
        loop = self.server._loop
        if loop is not None and self.server.is_running:

            async def nothing() -> None:
                return None

            asyncio.run_coroutine_threadsafe(nothing(), loop).result(WAIT)

    def wait_detached(self) -> None:
        """Wait (bounded) until the server has seen the host's socket close."""
        deadline = time.monotonic() + WAIT
        while True:
            self.barrier()  # a round trip through the server's loop each time, not a sleep
            if not self.server.host.connected:
                return
            assert time.monotonic() < deadline, "the server did not see the host's socket close"

    @property
    def ae(self) -> AfterEffects:
        return AfterEffects(self.server.host)

    def drop(self) -> None:
        """Cut the host's socket abruptly (no close handshake)."""
        assert self.peer is not None
        self.loop.run(self.peer.drop())

    def reconnect(self, *, new_instance: bool = False) -> None:
        assert self.peer is not None
        peer = self.peer

        async def again() -> None:
            try:
                await peer.reconnect(new_instance=new_instance)
            except RemoteError as exc:
                if exc.code != -32003:
                    raise
                await peer.connect_retrying()

        self.loop.run(again())
        self.barrier()

    def close(self) -> None:
        self.impl.end_forever()
        try:
            if self.server.is_running or self.server._thread is not None:
                self.server.stop()
        finally:
            if self.peer is not None:
                peer = self.peer
                self.loop.run(peer.close())
            self.loop.close()


class PipelineStub:
    """The pipeline's methods, doing nothing (the panel calls them; not under test here)."""

    def launched(self) -> None:
        return None

    def open_tool(self, tool: str) -> None:
        return None

    def apply_settings(self, what: str) -> None:
        return None

    def workfile_template(self, action: str) -> None:
        return None

    def version_up_workfile(self) -> None:
        return None

    def set_context(self, project: str, folder: str, task: str) -> None:
        return None


# -- the caller's ledger ----------------------------------------------------------------------


def hello_request(token: object, *, id: str = "hello", **params: Any) -> dict[str, Any]:
    """An ``rpc.hello`` request of a raw peer: ``token``, a tool role and this schema unless
    ``params`` say otherwise."""
    body: dict[str, Any] = {"token": token, "role": "tool", "schema": dict(CONTRACT.identity)}
    body.update(params)
    return {"jsonrpc": "2.0", "id": id, "method": "rpc.hello", "params": body}


IDEMPOTENT = {name: spec.idempotent for name, spec in CONTRACT.methods.items()}
SLACK = 2.0
"""Seconds a call may end after its deadline (the blocking backstop is 1 s, plus scheduling)."""


@dataclasses.dataclass
class Call:
    """One call made by the pipeline and what became of it."""

    nonce: int
    method: str
    timeout: float
    started: float = 0.0
    ended: float | None = None
    result: object = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.ended is not None and self.error is None

    @property
    def idempotent(self) -> bool:
        return IDEMPOTENT[self.method]


class Ledger:
    """Every call of a scenario, made through the generated sync facade, with its outcome."""

    def __init__(self, scenario: str, first_nonce: int = 1):
        self.scenario = scenario
        self.calls: list[Call] = []
        self.faults = 0
        self.hostile_messages = 0
        self.reloads = 0
        self._lock = threading.Lock()
        self._nonce = first_nonce

    def nonce(self) -> int:
        with self._lock:
            n = self._nonce
            self._nonce += 1
            return n

    def fault(self, reload: bool = False) -> None:
        with self._lock:
            self.faults += 1
            self.reloads += int(reload)

    def call(self, ae: AfterEffects, method: str, timeout: float, nonce: int | None = None) -> Call:
        """Make one call of ``method`` (with a fresh nonce) and record its outcome."""
        n = self.nonce() if nonce is None else nonce
        call = Call(n, method, timeout)
        with self._lock:
            self.calls.append(call)
        bounded = ae.with_timeout(timeout)
        call.started = time.monotonic()
        try:
            if method == "get_comp_properties":
                call.result = bounded.get_comp_properties(comp_id=n)
            elif method == "add_item":
                call.result = bounded.add_item(name=f"n{n}", item_type="folder")
            elif method == "rename_item":
                bounded.rename_item(item_id=1 + n % 50, name=f"n{n}")
            elif method == "delete_item":
                bounded.delete_item(item_id=n)
            elif method == "print_msg":
                bounded.print_msg(msg=f"n{n}")
            else:
                raise AssertionError(f"no nonce call for {method}")
        except Exception as exc:
            call.error = exc
        call.ended = time.monotonic()
        return call

    def verify(self, host: CountingHost, *, reloads_allowed: bool | None = None) -> Figures:
        """Compare every call with what the host received and applied; record the figures.

        Completed: applied at least once, at most once per (instance, id), once in all if not
        idempotent; the result is its own. Failed: ``maybe_applied`` False (or NotConnected)
        only if the host never received it. Ended by its deadline (plus :data:`SLACK`).
        """
        allowed = self.reloads > 0 if reloads_allowed is None else reloads_allowed
        with host.cond:
            received = list(host.received)
            runs = list(host.runs)
            items = dict(host.items)
        seen_by_nonce: Counter[int] = Counter()
        ids_by_nonce: dict[int, set[Id | None]] = {}
        for s in received:
            if s.nonce is not None:
                seen_by_nonce[s.nonce] += 1
                ids_by_nonce.setdefault(s.nonce, set()).add(s.id)
        runs_by_nonce: Counter[int] = Counter(r.nonce for r in runs if r.nonce is not None)
        runs_by_id = Counter((r.instance, r.id) for r in runs if r.id is not None)
        f = Figures(calls=len(self.calls), faults=self.faults)
        f.hostile_messages = self.hostile_messages
        problems: list[str] = []
        for key, count in runs_by_id.items():
            if count > 1:
                f.twice += count - 1
                problems.append(f"request {key} ran {count} times on one instance")
        for call in self.calls:
            n = call.nonce
            ran = runs_by_nonce[n]
            if len(ids_by_nonce.get(n, ())) > 1:
                problems.append(f"{call.method} n{n} was sent under ids {ids_by_nonce[n]}")
                f.twice += 1
            if ran > 1:
                if call.idempotent and allowed:
                    f.reruns_after_reload += ran - 1
                else:
                    f.twice += ran - 1
                    problems.append(f"{call.method} n{n} ran {ran} times")
            if not ended_in_time(call, f, problems):
                continue
            error = call.error
            if completed(error):
                f.completed += 1
                if ran == 0:
                    f.lost += 1
                    problems.append(f"{call.method} n{n} completed but the host never ran it")
                if error is None and not _result_is_its_own(call, items):
                    f.mismatched += 1
                    problems.append(f"{call.method} n{n} got someone else's result {call.result}")
                continue
            f.failed += 1
            maybe = maybe_applied(error)
            if maybe is False and seen_by_nonce[n]:
                f.untruthful += 1
                problems.append(
                    f"{call.method} n{n} failed with {type(error).__name__}(maybe_applied="
                    f"False) but the host received it {seen_by_nonce[n]} time(s): {error}"
                )
            if maybe is None and not isinstance(error, RemoteError):
                problems.append(
                    f"{call.method} n{n}: {type(error).__name__} says nothing of "
                    f"maybe_applied: {error!r}"
                )
                f.untruthful += 1
        FIGURES.add(self.scenario, f)
        assert not problems, (
            f"{self.scenario} (seed {SEED}): {len(problems)} problem(s):\n"
            + "\n".join(problems[:30])
        )
        return f


def ended_in_time(call: Call, f: Figures, problems: list[str]) -> bool:
    """Whether ``call`` ended; counts it lost if it never did, late if past its deadline."""
    if call.ended is None:
        f.lost += 1
        problems.append(f"{call.method} n{call.nonce} never ended")
        return False
    if call.ended - call.started > call.timeout + SLACK:
        f.late += 1
        problems.append(
            f"{call.method} n{call.nonce} ended {call.ended - call.started:.2f} s after it "
            f"began, past its deadline of {call.timeout:g} s"
        )
    return True


def completed(error: BaseException | None) -> bool:
    """A call completed (the host function ran): a result, or an error the function gave
    (anything remote but the panel's -32011 of a call it never ran or gave up on)."""
    return error is None or (isinstance(error, RemoteError) and error.code != -32011)


def maybe_applied(error: BaseException | None) -> object:
    """What a failed call's error claims: may it have been applied (None: it says nothing)."""
    if isinstance(error, NotConnected):
        return False
    return getattr(error, "maybe_applied", None)


def _result_is_its_own(call: Call, items: Mapping[int, str]) -> bool:
    if call.method == "get_comp_properties":
        result = call.result
        return (
            isinstance(result, dict)
            and result.get("id") == call.nonce
            and result.get("name") == f"comp {call.nonce}"
        )
    if call.method == "add_item":
        return isinstance(call.result, int) and items.get(call.result) == f"n{call.nonce}"
    return call.result is None


def run_threads(
    workers: list[Callable[[], None]], timeout: float, name: str = "caller"
) -> list[BaseException]:
    """Run each worker on its own thread; join them all within ``timeout``; their errors."""
    errors: list[BaseException] = []
    lock = threading.Lock()

    def wrap(fn: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                fn()
            except BaseException as exc:
                with lock:
                    errors.append(exc)

        return run

    threads = [
        threading.Thread(target=wrap(fn), name=f"{name}-{i}", daemon=True)
        for i, fn in enumerate(workers)
    ]
    for t in threads:
        t.start()
    deadline = time.monotonic() + timeout
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))
    stuck = [t.name for t in threads if t.is_alive()]
    assert not stuck, f"caller threads still running after {timeout} s: {stuck}"
    return errors


# -- leak checks ------------------------------------------------------------------------------


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def thread_names() -> Counter[str]:
    return Counter(t.name for t in threading.enumerate())


@contextmanager
def nothing_left_behind() -> Iterator[None]:
    """Assert that the block leaves no thread and no file descriptor behind."""
    threads_before = set(threading.enumerate())
    fds_before = open_fds()
    yield
    deadline = time.monotonic() + WAIT
    while True:  # threads that were told to end are joined by their owners; this is a bound
        extra = [t for t in threading.enumerate() if t not in threads_before and t.is_alive()]
        if not extra or time.monotonic() > deadline:
            break
        extra[0].join(max(0.0, deadline - time.monotonic()))
    assert not extra, f"threads left behind: {[t.name for t in extra]}"
    fds_after = open_fds()
    assert fds_after <= fds_before, f"file descriptors: {fds_before} before, {fds_after} after"


# -- the generated panel in node --------------------------------------------------------------


class PanelProcess(SimulatedPanel):
    """The generated panel over the simulated After Effects (``--sim-project empty``, without
    ``launched``), connected to ``server``; every command must succeed.

    Events (``status``, ``eval`` with the JSON-RPC id of each evalScript, ``call``) are kept in
    ``events``.
    """

    def __init__(self, server: Server, *args: str):
        super().__init__(
            [
                *("--url", server.url, "--token", server.token),
                *("--sim-project", "empty", "--no-launched", *args),
            ],
            panel_env(),
            timeout=WAIT,
            name="panel",
        )

    def command(self, op: str, timeout: float | None = None, **fields: object) -> Event:
        reply = super().command(op, timeout, **fields)
        assert reply["ok"], reply
        return reply

    def folder_names(self) -> list[tuple[int, str]]:
        """(id, name) of every folder of the simulated project (read outside the queue)."""
        # The engine is ExtendScript's ES3 (no JSON): the runner sends the array back as JSON.
        pairs = self.run(
            "(function(){var out=[];for(var i=1;i<=app.project.numItems;i++){"
            "var it=app.project.item(i);if(it instanceof FolderItem){out.push([it.id,it.name]);}}"
            "return out;})()"
        )
        return [(int(i), str(n)) for i, n in pairs]
