"""Typed calls from a Qt thread that never block it: :class:`QtCalls` and its :class:`QtCall`.

:class:`QtCalls` owns an asyncio loop on a daemon thread (``aerpc-qt``, started at the first
call). ``qt.call(ae.get_items, comps=True)``, with ``ae`` an async client, returns a
:class:`QtCall` generic in the method's result type. The call is handed to the loop when the
calling thread's Qt event loop next runs (``run_coroutine_threadsafe``), so
:meth:`QtCall.cancel` in the same slot means it is never sent. Its outcome comes back as a
queued signal to the call object, which lives on the calling thread, so ``finished``,
``failed`` and ``cancelled`` are always emitted there. :meth:`QtCalls.close` (also run when the
application quits) cancels what is still running, waits for the loop to let go of it and
stops the thread.

Progress and events: a call of a method that takes ``on_progress`` (``render``) emits the
handle's ``progress(update)`` signal with each progress event, unless the caller passed its
own ``on_progress``. :meth:`QtCalls.events` turns a subscription of the client's ``events``
(``ae.events.render_finished``) into a :class:`QtEvent` whose ``received(payload)`` signal is
emitted on the thread that subscribed.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import inspect
import threading
from collections.abc import Awaitable, Callable
from contextlib import suppress
from types import TracebackType
from typing import Any, Generic, Literal, ParamSpec, TypeVar, cast

from qtpy.QtCore import QCoreApplication, QObject, Qt, Signal

from aerpc.runtime.events import Subscription

__all__ = ["CLOSE_TIMEOUT", "QtCall", "QtCalls", "QtEvent"]

P = ParamSpec("P")
T = TypeVar("T")

CLOSE_TIMEOUT = 5.0
"""Seconds :meth:`QtCalls.close` waits for the loop thread to let go of its calls and end."""

_QUEUED = Qt.ConnectionType.QueuedConnection
State = Literal["waiting", "sent", "done", "cancelled"]


class QtCall(QObject, Generic[T]):
    """One call made through :class:`QtCalls`: a future-like handle with Qt signals.

    Signals, emitted on the thread that made the call, once each call at most:

    * ``finished(result)``: the method's result (typed: connect with :meth:`on_finished`);
    * ``failed(error)``: the exception the async client raised (the generated error class of
      the method, ``RpcTimeout``, ``NotConnected``…; connect with :meth:`on_failed`);
    * ``cancelled()``: :meth:`cancel` took effect;
    * ``progress(update)``: each progress event of a method that reports progress
      (``render``: a ``RenderProgress``), as it arrives; none for other methods.

    Connections made in the slot that made the call are always in time: nothing is emitted
    before the calling thread's event loop runs again. Use it from the thread that made it.
    """

    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    progress = Signal(object)
    _begin = Signal()
    _settle = Signal(object, object)
    _progressed = Signal(object)

    def __init__(self, owner: QtCalls, run: Callable[[], Awaitable[T]], what: str) -> None:
        super().__init__()
        self._owner = owner
        self._run = run
        self._what = what
        self._state: State = "waiting"
        self._future: concurrent.futures.Future[T] | None = None
        self._result: T | None = None
        self._error: Exception | None = None
        self._begin.connect(self._start, _QUEUED)
        self._settle.connect(self._deliver, _QUEUED)
        self._progressed.connect(self._on_progress, _QUEUED)
        self._begin.emit()

    def __repr__(self) -> str:
        return f"<QtCall {self._what} {self._state}>"

    @property
    def state(self) -> State:
        """``waiting`` (not handed to the loop yet), ``sent``, ``done`` or ``cancelled``."""
        return self._state

    @property
    def done(self) -> bool:
        """Whether it finished, failed or was cancelled."""
        return self._state in ("done", "cancelled")

    def on_finished(self, slot: Callable[[T], object]) -> QtCall[T]:
        """Connect ``slot`` to ``finished``, typed with the method's result; returns self."""
        self.finished.connect(slot)
        return self

    def on_failed(self, slot: Callable[[Exception], object]) -> QtCall[T]:
        """Connect ``slot`` to ``failed``; returns self."""
        self.failed.connect(slot)
        return self

    def result(self) -> T:
        """The result once ``finished`` was emitted; raises the error once ``failed`` was, and
        ``RuntimeError`` before either or after :meth:`cancel`."""
        if self._state != "done":
            raise RuntimeError(f"{self._what}: no result, the call is {self._state}")
        if self._error is not None:
            raise self._error
        return cast(T, self._result)

    def cancel(self) -> bool:
        """Cancel the call; True if it took effect (then only ``cancelled`` is emitted).

        Before the call was handed to the loop it is never sent. Once sent, the client stops
        waiting and After Effects is asked to drop it (``rpc.cancel``): a call still queued in
        the panel never runs, one already running in ExtendScript runs to its end. False when
        it has already settled or its outcome is on its way to this thread.
        """
        if self._state not in ("waiting", "sent"):
            return False
        future = self._future
        if future is not None and not future.cancel():
            return False
        self._state = "cancelled"
        self._owner._forget(self)
        self.cancelled.emit()
        return True

    # -- the calling thread -------------------------------------------------------------------

    def _start(self) -> None:
        if self._state != "waiting":
            return
        loop = self._owner._running_loop()
        if loop is None:  # closed in between: close() cancelled this call already
            return
        self._state = "sent"
        self._future = asyncio.run_coroutine_threadsafe(_awaited(self._run), loop)
        self._future.add_done_callback(self._on_done)

    def _on_progress(self, update: object) -> None:
        if self._state == "sent":
            self.progress.emit(update)

    def _deliver(self, result: object, error: Exception | None) -> None:
        if self._state != "sent":
            return
        self._state = "done"
        self._owner._forget(self)
        if error is not None:
            self._error = error
            self.failed.emit(error)
        else:
            self._result = cast(T, result)
            self.finished.emit(result)

    # -- the loop's thread (or the canceller's, for a cancelled future) -----------------------

    def _on_done(self, future: concurrent.futures.Future[T]) -> None:
        if future.cancelled():  # cancel() or close(): nothing more to say
            return
        error = future.exception()
        if error is None:
            self._settle.emit(future.result(), None)
        elif isinstance(error, Exception):
            self._settle.emit(None, error)
        else:
            failure = RuntimeError(f"{self._what} ended with {type(error).__name__}")
            self._settle.emit(None, failure)


async def _awaited(run: Callable[[], Awaitable[T]]) -> T:
    return await run()


class QtCalls(QObject):
    """Calls of async-client methods made from Qt threads, run on a loop of their own.

    ``qt.call(ae.get_items, comps=True)`` (``ae = AsyncAfterEffects(host)``, ``host`` a
    server's host or a :class:`~aerpc.runtime.RemoteHost`) returns a ``QtCall[list[ProjectItem]]``;
    any coroutine function works, a tool's own ``async def`` that makes several calls too.
    Close it when the window closes (:meth:`close`); the application's ``aboutToQuit`` closes
    it as well.
    """

    def __init__(self, parent: QObject | None = None, *, close_timeout: float = CLOSE_TIMEOUT):
        super().__init__(parent)
        self._close_timeout = close_timeout
        self._lock = threading.Lock()
        self._live: set[QtCall[Any]] = set()
        self._events: set[QtEvent[Any]] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._closed = False
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    def __repr__(self) -> str:
        state = "closed" if self._closed else f"{self.pending} pending"
        return f"<QtCalls {state}>"

    def __enter__(self) -> QtCalls:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def pending(self) -> int:
        """How many calls have not settled yet."""
        with self._lock:
            return len(self._live)

    @property
    def loop_thread(self) -> threading.Thread | None:
        """The loop's thread, once the first call started it (``None`` after :meth:`close`)."""
        return self._thread

    def call(
        self, fn: Callable[P, Awaitable[T]], /, *args: P.args, **kwargs: P.kwargs
    ) -> QtCall[T]:
        """Call ``fn(*args, **kwargs)`` on the loop; returns its handle at once.

        ``fn`` is an async client's method (or any coroutine function); mypy checks the
        arguments against it and types the handle with its result.
        """
        if self._closed:
            raise RuntimeError("this QtCalls is closed: make a new one for new calls")
        what = getattr(fn, "__name__", type(fn).__name__)
        relay: list[QtCall[Any]] = []
        if "on_progress" not in kwargs and _takes_progress(fn):
            # the progress events become the handle's progress signal (queued to its thread)
            kwargs["on_progress"] = lambda update: relay[0]._progressed.emit(update)
        handle: QtCall[T] = QtCall(self, functools.partial(fn, *args, **kwargs), what)
        relay.append(handle)
        with self._lock:
            self._live.add(handle)
        return handle

    def events(
        self,
        subscribe: Callable[[Callable[[T], object]], Subscription[T]],
        slot: Callable[[T], object] | None = None,
    ) -> QtEvent[T]:
        """A host event as a Qt signal: ``qt.events(ae.events.render_finished, self.done)``
        gives a :class:`QtEvent` whose ``received(payload)`` is emitted on this thread (``slot``
        connected to it, if given) until it is closed, the host goes, or this is closed."""
        if self._closed:
            raise RuntimeError("this QtCalls is closed: make a new one for new events")
        event: QtEvent[T] = QtEvent(subscribe)
        if slot is not None:
            event.received.connect(slot)
        with self._lock:
            self._events.add(event)
        return event

    def close(self) -> None:
        """Cancel every call not settled (no signal but ``cancelled`` follows), end the event
        subscriptions, let the loop finish cancelling the calls (the host is told), then stop
        its thread. Idempotent."""
        if self._closed:
            return
        self._closed = True
        with self._lock:
            events, self._events = list(self._events), set()
        for event in events:
            event.close()
        with self._lock:
            live = list(self._live)
        for handle in live:
            handle.cancel()
        loop, thread = self._loop, self._thread
        if loop is not None and thread is not None:
            drained = asyncio.run_coroutine_threadsafe(_cancel_all(), loop)
            with suppress(concurrent.futures.TimeoutError, concurrent.futures.CancelledError):
                drained.result(self._close_timeout)
            loop.call_soon_threadsafe(loop.stop)
            thread.join(self._close_timeout)
            if not thread.is_alive():
                loop.close()
                self._loop = self._thread = None
        with self._lock:
            self._live.clear()

    # -- for QtCall ---------------------------------------------------------------------------

    def _running_loop(self) -> asyncio.AbstractEventLoop | None:
        """The loop, started on its thread at the first call; ``None`` once closed."""
        with self._lock:
            if self._closed:
                return None
            if self._loop is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(target=loop.run_forever, name="aerpc-qt", daemon=True)
                thread.start()
                self._loop, self._thread = loop, thread
            return self._loop

    def _forget(self, handle: QtCall[Any]) -> None:
        with self._lock:
            self._live.discard(handle)


class QtEvent(QObject, Generic[T]):
    """One host event's payloads as the ``received(payload)`` signal, emitted on the thread
    that made it (:meth:`QtCalls.events`); :meth:`close` ends it."""

    received = Signal(object)
    _arrived = Signal(object)

    def __init__(self, subscribe: Callable[[Callable[[T], object]], Subscription[T]]) -> None:
        super().__init__()
        self._arrived.connect(self._deliver, _QUEUED)
        self._subscription = subscribe(self._arrived.emit)

    def __repr__(self) -> str:
        return f"<QtEvent {self._subscription.name}{' closed' if self.closed else ''}>"

    @property
    def closed(self) -> bool:
        return self._subscription.closed

    def on_received(self, slot: Callable[[T], object]) -> QtEvent[T]:
        """Connect ``slot`` to ``received``, typed with the payload; returns self."""
        self.received.connect(slot)
        return self

    def close(self) -> None:
        """Stop receiving (nothing more is emitted)."""
        self._subscription.close()

    def _deliver(self, payload: object) -> None:
        if not self._subscription.closed:
            self.received.emit(payload)


def _takes_progress(fn: Callable[..., object]) -> bool:
    """Whether ``fn`` (an async client's method) takes ``on_progress``."""
    try:
        return "on_progress" in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


async def _cancel_all() -> None:
    """Cancel every other task of the running loop and wait until they have ended."""
    me = asyncio.current_task()
    tasks = [task for task in asyncio.all_tasks() if task is not me]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await asyncio.get_running_loop().shutdown_asyncgens()
