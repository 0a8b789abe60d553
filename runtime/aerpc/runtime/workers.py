"""The threads that run sync handlers: daemon threads, so a hung handler never keeps the
process from exiting, and a hung one is replaced rather than waited for."""

from __future__ import annotations

import concurrent.futures
import queue
import threading
from collections.abc import Callable
from typing import Any

__all__ = ["HandlerThreads"]


class _Job:
    __slots__ = ("fn", "future", "released")

    def __init__(self, fn: Callable[[], Any]):
        self.fn = fn
        self.future: concurrent.futures.Future[Any] = concurrent.futures.Future()
        self.released = False  # given up on while it ran: its thread stopped counting


class HandlerThreads:
    """Up to ``size`` daemon threads serving jobs in order.

    :meth:`abandon` gives up on a running job (its caller's deadline passed): its thread no
    longer counts toward ``size``, so another starts for the next job; when the abandoned job
    returns, its thread ends if the pool is full. :meth:`shutdown` never waits.
    """

    def __init__(self, size: int, name: str = "aerpc-handler"):
        self.size = size
        self.name = name
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._live = 0  # threads that count toward size
        self._idle = 0  # threads waiting for a job
        self._threads = 0  # all threads, hung ones included
        self._closed = False
        self._running: dict[concurrent.futures.Future[Any], _Job] = {}

    def submit(self, fn: Callable[[], Any]) -> concurrent.futures.Future[Any]:
        job = _Job(fn)
        with self._lock:
            if self._closed:
                raise RuntimeError("the handler threads are shut down")
            self._jobs.put(job)
            if self._jobs.qsize() > self._idle and self._live < self.size:
                self._live += 1
                self._threads += 1
                threading.Thread(
                    target=self._work, name=f"{self.name}-{self._threads}", daemon=True
                ).start()
        return job.future

    def abandon(self, future: concurrent.futures.Future[Any]) -> None:
        """The caller no longer waits for this job: a queued one never runs; a running one's
        thread stops counting toward ``size`` (another may start)."""
        if future.cancel():
            return
        with self._lock:
            job = self._running.get(future)
            if job is not None and not job.released and not future.done():
                job.released = True
                self._live -= 1

    @property
    def threads(self) -> int:
        return self._threads

    def shutdown(self) -> None:
        """Stop taking jobs; idle threads end, running ones end when their job returns."""
        with self._lock:
            self._closed = True
            for _ in range(self._threads):
                self._jobs.put(None)

    def _work(self) -> None:
        try:
            while True:
                with self._lock:
                    self._idle += 1
                job = self._jobs.get()
                with self._lock:
                    self._idle -= 1
                    if job is None:
                        self._live -= 1
                        return
                    if not job.future.set_running_or_notify_cancel():
                        continue  # cancelled while queued
                    self._running[job.future] = job
                try:
                    result = job.fn()
                except BaseException as exc:
                    job.future.set_exception(exc)
                else:
                    job.future.set_result(result)
                with self._lock:
                    del self._running[job.future]
                    if job.released:
                        if self._live >= self.size:
                            return  # it was replaced while it hung
                        self._live += 1
        finally:
            with self._lock:
                self._threads -= 1
