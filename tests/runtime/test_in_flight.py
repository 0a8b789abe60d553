"""The one in-flight gate of a socket (``InFlight``), without a socket: what runs the requests is
a function of the test's (or the real ``Dispatcher``), the socket a recorder. At most ``limit``
requests are served at once, the excess is refused with a message naming the limit, and every
admitted request is answered exactly once and frees its slot exactly once, whether it completes,
fails, is cancelled before or while it runs, or answers twice."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from hypothesis import given, settings
from hypothesis import strategies as st

from aerpc.runtime import InternalError, RemoteError, TooManyRequests
from aerpc.runtime.dispatch import Dispatcher, Respond
from aerpc.runtime.inflight import InFlight
from aerpc.runtime.observe import Observer
from aerpc.runtime.protocol import HelloParams, Id, Request

from .conftest import CONTRACT, async_test


@dataclass
class Socket:
    """What the gate needs of a peer: it records the answers it is given."""

    role: str = "tool"
    hello: HelloParams = field(default_factory=lambda: cast(HelloParams, {"instance": "cli"}))
    running: dict[Id, asyncio.Task[None]] = field(default_factory=dict)
    answers: dict[Id | None, list[tuple[object, RemoteError | None]]] = field(default_factory=dict)

    def respond(self, request: Request, result: object, error: RemoteError | None) -> None:
        if request.id is not None:
            self.running.pop(request.id, None)
        self.answers.setdefault(request.id, []).append((result, error))

    def error(self, id: Id) -> RemoteError:
        ((_, error),) = self.answers[id]
        assert error is not None
        return error


class Held:
    """A run whose requests wait until the test answers them (``release``) or fails them."""

    def __init__(self) -> None:
        self.waiting: dict[Id | None, tuple[asyncio.Future[object], Request, Respond]] = {}

    def __call__(self, request: Request, respond: Respond) -> asyncio.Task[None]:
        future: asyncio.Future[object] = asyncio.get_running_loop().create_future()
        self.waiting[request.id] = (future, request, respond)
        return asyncio.ensure_future(self._serve(future, request, respond))

    @staticmethod
    async def _serve(future: asyncio.Future[object], request: Request, respond: Respond) -> None:
        try:
            result = await future
        except asyncio.CancelledError:
            respond(request, None, InternalError(f"{request.method}: cancelled"))
            raise
        except Exception as exc:
            if isinstance(exc, RemoteError):
                respond(request, None, exc)
                return
            raise  # a run that fails without answering: the gate answers for it
        respond(request, result, None)

    def release(self, id: Id, result: object = "done") -> None:
        self.waiting.pop(id)[0].set_result(result)

    def fail(self, id: Id, exc: Exception) -> None:
        self.waiting.pop(id)[0].set_exception(exc)


def call(id: Id | None, method: str = "open_tool") -> Request:
    return Request(method, {"tool": "loader"}, id)


async def settled() -> None:
    """Let the loop run what is ready: no I/O and no timer is involved, so a few loop steps
    (a task's step, then its done callbacks) settle everything, the same way every run."""
    for _ in range(5):
        await asyncio.sleep(0)


@async_test
async def test_a_request_over_the_limit_is_refused_naming_the_limit_and_the_socket() -> None:
    socket, run = Socket(), Held()
    gate = InFlight(socket, 2, run)
    for id in (1, 2, 3):
        gate.serve(call(id))
    assert gate.count == 2
    refusal = socket.error(3)
    assert isinstance(refusal, TooManyRequests)
    assert refusal.code == -32005
    message = str(refusal.message)
    assert "open_tool: refused" in message
    assert "2 requests of this socket (tool 'cli') are in flight" in message
    assert "max_in_flight = 2" in message
    assert set(run.waiting) == {1, 2}  # the refused one never ran
    assert set(socket.running) == {1, 2}  # kept by id for rpc.cancel
    run.release(1)
    run.release(2)
    await settled()
    assert gate.count == 0
    assert socket.running == {}
    assert socket.answers[1] == [("done", None)]
    gate.serve(call(4))
    gate.serve(call(5))
    assert gate.count == 2
    assert set(run.waiting) == {4, 5}
    run.release(4)
    run.release(5)
    await settled()


@async_test
async def test_a_second_answer_is_not_sent_and_does_not_free_a_second_slot() -> None:
    socket = Socket()

    def twice(request: Request, respond: Respond) -> None:
        respond(request, 1, None)
        respond(request, 2, None)

    gate = InFlight(socket, 1, twice)
    gate.serve(call(1))
    assert gate.count == 0
    assert socket.answers[1] == [(1, None)]


@async_test
async def test_cancelled_while_running_or_before_it_began_the_slot_is_freed_once() -> None:
    socket, run = Socket(), Held()
    gate = InFlight(socket, 4, run)
    gate.serve(call("began"))
    await settled()  # its task waits inside the run
    gate.serve(call("not yet"))  # its task has not had a step yet
    for id in ("began", "not yet"):
        socket.running.pop(id).cancel()  # what rpc.cancel does
    await settled()
    assert gate.count == 0
    for id in ("began", "not yet"):
        error = socket.error(id)
        assert isinstance(error, InternalError)
        assert "cancelled" in error.message


@async_test
async def test_a_run_that_fails_without_answering_is_answered_by_the_gate() -> None:
    socket, run = Socket(), Held()
    gate = InFlight(socket, 4, run)
    gate.serve(call(1))
    gate.serve(call(2))
    run.fail(1, ValueError("a bug"))
    run.fail(2, TooManyRequests("declared by the run"))
    await settled()
    assert gate.count == 0
    error = socket.error(1)
    assert isinstance(error, InternalError)
    assert "ValueError" in error.message
    assert "a bug" not in error.message
    assert isinstance(socket.error(2), TooManyRequests)

    def broken(request: Request, respond: Respond) -> None:
        raise KeyError("not even started")

    gate.run = broken
    gate.serve(call(3))
    assert gate.count == 0
    assert "KeyError" in socket.error(3).message


@async_test
async def test_a_task_ended_by_system_exit_frees_its_slot_and_sends_nothing() -> None:
    socket = Socket()
    futures: list[asyncio.Future[None]] = []

    def dying(request: Request, respond: Respond) -> asyncio.Task[None]:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        futures.append(future)
        return cast("asyncio.Task[None]", future)  # ended below as a task raising SystemExit

    gate = InFlight(socket, 1, dying)
    gate.serve(call(1))
    futures[0].set_exception(SystemExit("the loop dies"))
    await settled()
    assert gate.count == 0
    assert socket.answers == {}


@async_test
async def test_without_a_limit_every_request_is_admitted() -> None:
    socket, run = Socket(), Held()
    gate = InFlight(socket, None, run)
    for id in range(500):
        gate.serve(call(id))
    assert gate.count == 500
    assert socket.answers == {}
    for id in range(500):
        run.release(id)
    await settled()
    assert gate.count == 0
    assert len(socket.answers) == 500


class Waiting:
    """A pipeline handler that waits until the test lets it return."""

    def __init__(self) -> None:
        self.go = asyncio.Event()
        self.started = 0

    async def open_tool(self, *, tool: str) -> None:
        self.started += 1
        await self.go.wait()


@async_test
async def test_the_dispatcher_behind_the_gate_answers_every_path_once() -> None:
    """The real dispatcher as the run: completion, notification, rpc.cancel, bad params."""
    handlers = Waiting()
    dispatcher = Dispatcher(CONTRACT, "pipeline", handlers, observer=Observer())
    socket = Socket()
    loop = asyncio.get_running_loop()

    def dispatch(request: Request, respond: Respond) -> asyncio.Task[None] | None:
        return dispatcher.dispatch(request, respond, socket.role, loop, owner=socket)

    gate = InFlight(socket, 3, dispatch)
    gate.serve(call(1))
    gate.serve(call(None))  # a notification runs too, and counts
    gate.serve(call(2))
    gate.serve(call(3))  # over the limit
    gate.serve(Request("open_tool", {"tool": 5}, 4))  # also over it: refused before the check
    assert gate.count == 3
    assert isinstance(socket.error(3), TooManyRequests)
    assert isinstance(socket.error(4), TooManyRequests)
    await settled()
    assert handlers.started == 3
    socket.running.pop(2).cancel()
    await settled()
    assert "cancelled" in socket.error(2).message
    assert gate.count == 2
    handlers.go.set()
    await settled()
    assert gate.count == 0
    assert socket.answers[1] == [(None, None)]
    assert socket.answers[None] == [(None, None)]  # the notification's outcome (not sent)
    gate.serve(Request("open_tool", {"tool": 5}, 5))  # answered at once: -32602
    assert gate.count == 0
    assert socket.error(5).code == -32602
    dispatcher.shutdown()


Step = tuple[str, int]

steps = st.lists(
    st.tuples(st.sampled_from(["serve", "release", "fail", "cancel", "bug"]), st.integers(0, 7)),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(steps)
def test_every_admitted_request_is_answered_once_and_the_count_is_what_runs(
    script: list[Step],
) -> None:
    """Any order of requests, answers, failures and cancels: the count is the number of admitted
    requests not yet answered, never above the limit; each request gets exactly one answer."""

    async def scenario() -> None:
        socket, run = Socket(), Held()
        gate = InFlight(socket, 3, run)
        served: list[Id] = []
        actions: dict[str, Callable[[int], Any]] = {
            "release": lambda n: run.release(n),
            "fail": lambda n: run.fail(n, TooManyRequests("from the run")),
            "bug": lambda n: run.fail(n, RuntimeError("a bug")),
            "cancel": lambda n: socket.running.pop(n).cancel(),
        }
        next_id = 0
        for action, n in script:
            if action == "serve":
                gate.serve(call(next_id))
                served.append(next_id)
                next_id += 1
            else:
                waiting = sorted(
                    i for i in run.waiting if isinstance(i, int) and i in socket.running
                )
                if waiting:
                    actions[action](waiting[n % len(waiting)])
            await settled()
            open_ = [i for i in served if i not in socket.answers]
            assert gate.count == len(open_) <= 3
        for id in list(run.waiting):
            if id in socket.running:
                run.release(id)
        await settled()
        assert gate.count == 0
        assert sorted(cast(int, i) for i in socket.answers) == served
        assert all(len(answers) == 1 for answers in socket.answers.values())

    asyncio.run(scenario())
