"""Load: 8 threads × 1,000 mixed calls through the generated sync facade, each result matched to
its own request, then nothing left behind: no thread, no asyncio task, no file descriptor, no
pending call, and no memory growth from one round of calls to the next."""

from __future__ import annotations

import asyncio
import random
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from .support import (
    SEED,
    WAIT,
    CountingHost,
    Ledger,
    Stage,
    nothing_left_behind,
    rng_for,
    run_threads,
    scale,
    time_limit,
)

THREADS = 8
CALLS_EACH = scale(1000, 5000)
MIX = [("get_comp_properties", 4), ("rename_item", 3), ("add_item", 2), ("delete_item", 1)]
IGNORE = [
    tracemalloc.Filter(False, str(Path(__file__).resolve().parent / "*")),
    tracemalloc.Filter(False, tracemalloc.__file__),
]


def tasks_on(loop: asyncio.AbstractEventLoop) -> int:
    """How many tasks the loop has (besides the one counting)."""

    async def count() -> int:
        return len(asyncio.all_tasks()) - 1

    return asyncio.run_coroutine_threadsafe(count(), loop).result(WAIT)


def settle_tasks(loop: asyncio.AbstractEventLoop, baseline: int) -> int:
    """The loop's task count once it is back to ``baseline`` (frames finishing their drain may
    take a few loop turns); bounded."""
    deadline = time.monotonic() + WAIT
    count = tasks_on(loop)
    while count > baseline and time.monotonic() < deadline:
        count = tasks_on(loop)
    return count


def workers(ledger: Ledger, stage: Stage, calls_each: int, name: str) -> list[Callable[[], None]]:
    methods = [m for m, _ in MIX]
    weights = [w for _, w in MIX]

    def worker(r: random.Random) -> Callable[[], None]:
        def run() -> None:
            ae = stage.ae
            for _ in range(calls_each):
                ledger.call(ae, r.choices(methods, weights)[0], WAIT)

        return run

    rng = rng_for(name)
    return [worker(random.Random(rng.random())) for _ in range(THREADS)]


@pytest.mark.timeout(time_limit(120, 0.15))
def test_8_threads_x_1000_mixed_calls_leave_nothing_behind() -> None:
    with nothing_left_behind():
        impl = CountingHost()
        impl.throw_plain = False  # declared errors only (1 in 13 reads): no tracebacks to log
        stage = Stage(impl=impl)
        try:
            server_loop = stage.server._loop
            assert server_loop is not None
            server_tasks, peer_tasks = tasks_on(server_loop), tasks_on(stage.loop.loop)
            ledger = Ledger("load: 8 threads x 1000 mixed calls")
            started = time.monotonic()
            errors = run_threads(workers(ledger, stage, CALLS_EACH, "load"), timeout=240)
            took = time.monotonic() - started
            assert not errors, errors
            figures = ledger.verify(impl)
            assert figures.calls == THREADS * CALLS_EACH
            assert figures.completed == figures.calls  # no faults here: every call completed
            print(f"load: {figures.calls} calls in {took:.1f} s, seed {SEED}")
            assert stage.server.host.pending == 0
            assert settle_tasks(server_loop, server_tasks) == server_tasks
            assert settle_tasks(stage.loop.loop, peer_tasks) == peer_tasks
        finally:
            stage.close()


def light_workers(stage: Stage, calls_each: int, name: str) -> list[Callable[[], None]]:
    """Callers that check each result against its request and keep nothing."""

    def worker(r: random.Random) -> Callable[[], None]:
        def run() -> None:
            ae = stage.ae
            for _ in range(calls_each):
                n = r.randrange(1, 2**31)
                kind = r.randrange(3)
                if kind == 0:
                    n = n * 143 + 1  # never a host error (multiples of 11 and 13)
                    assert ae.get_comp_properties(comp_id=n)["id"] == n
                elif kind == 1:
                    ae.rename_item(item_id=1 + n % 50, name=f"n{n}")
                else:
                    assert isinstance(ae.add_item(name=f"n{n}", item_type="folder"), int)

        return run

    rng = rng_for(name)
    return [worker(random.Random(rng.random())) for _ in range(THREADS)]


@pytest.mark.timeout(180)
def test_no_memory_growth_from_one_round_of_calls_to_the_next() -> None:
    """tracemalloc: after warm-up rounds, a round of calls leaves the heap where the previous
    round left it: within 64 KiB (caches, the panel's bounded memory of replies) plus 4 bytes a
    call, so a leak of a few dozen bytes per call fails."""
    impl = CountingHost()
    impl.throw_plain = False
    impl.keep = False  # the host and the callers keep nothing: any growth is the runtime's
    stage = Stage(impl=impl)
    try:
        per_round = scale(500, 1000)
        server_loop = stage.server._loop
        assert server_loop is not None
        for i in range(2):
            assert not run_threads(light_workers(stage, per_round, f"warm-{i}"), timeout=120)
        server_tasks, peer_tasks = tasks_on(server_loop), tasks_on(stage.loop.loop)
        tracemalloc.start()
        try:
            snapshots = []
            for i in range(2):
                assert not run_threads(light_workers(stage, per_round, f"mem-{i}"), timeout=120)
                settle_tasks(server_loop, server_tasks)
                settle_tasks(stage.loop.loop, peer_tasks)
                snapshots.append(tracemalloc.take_snapshot().filter_traces(IGNORE))
        finally:
            tracemalloc.stop()
        diff = snapshots[1].compare_to(snapshots[0], "lineno")
        growth = sum(stat.size_diff for stat in diff)
        calls = THREADS * per_round
        top = "\n".join(str(stat) for stat in diff[:8])
        print(f"memory: {growth} bytes over a round of {calls} calls")
        assert growth < 64 * 1024 + 4 * calls, (
            f"the heap grew {growth} bytes over {calls} calls ({growth / calls:.1f} B/call):\n{top}"
        )
    finally:
        stage.close()
