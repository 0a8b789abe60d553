"""Serving requests: validate params, call the handler object, check and send its result."""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import contextlib
import functools
import inspect
import json
import logging
import warnings
from collections.abc import Callable
from typing import Any, Literal

from .codec import clip, preview
from .contract import Contract, MethodSpec
from .deadline import run_until, set_deadline
from .errors import (
    HandlerTimeout,
    InternalError,
    MethodNotFound,
    PublicError,
    RemoteError,
)
from .observe import Observer, payload_log
from .paths import PathPolicy
from .protocol import Request
from .validation import where
from .workers import HandlerThreads

__all__ = ["Dispatcher", "HandlersWarning", "Respond", "RunSync", "check_handlers"]

log = logging.getLogger("aerpc")

RunSync = Callable[[Callable[[], Any]], "concurrent.futures.Future[Any] | asyncio.Future[Any]"]
"""Runs a sync handler somewhere (a pool, the application's main thread): ``submit``-like.
``"inline"`` instead runs sync handlers at once on the loop (for quick ones, as a test host)."""

Respond = Callable[[Request, object, RemoteError | None], None]
"""Sends the outcome of a request: ``respond(request, result, error)``."""


class Dispatcher:
    """Runs the requests for methods ``served_by`` this side on a handler object.

    ``getattr(handlers, method)(**params)``: ``async def`` handlers run on the loop as tasks;
    others run through ``run_sync`` (default: daemon threads owned here, ``sync_threads`` of
    them; ``"inline"``: at once on the loop). A sync handler that has not returned by the
    caller's deadline (its ``aerpc.timeout_ms``, else the method's ``x-timeout-ms``) is answered
    ``-32012`` and its thread given up on; at most ``max_sync_per_peer`` run at once per peer
    (``owner``), more wait in order (their deadline counts while they wait). A
    :class:`RemoteError` raised by a handler is sent with its code; anything else becomes
    ``-32603`` with its class name (and the message of a :class:`PublicError`), logged here
    with its traceback. Results are checked against the schema, and must be plain JSON (no
    NaN, no other types). ``paths``: the path params refused (:class:`~.paths.PathPolicy`;
    None checks none).
    """

    def __init__(
        self,
        contract: Contract,
        served_by: Literal["host", "pipeline"],
        handlers: object | None,
        *,
        observer: Observer,
        run_sync: RunSync | Literal["inline"] | None = None,
        sync_threads: int = 16,
        max_sync_per_peer: int = 4,
        paths: PathPolicy | None = None,
    ):
        self.contract = contract
        self.served_by = served_by
        self.handlers = handlers
        self.observer = observer
        self._run_sync = run_sync
        self._threads: HandlerThreads | None = None
        self._sync_threads = sync_threads
        self.max_sync_per_peer = max_sync_per_peer
        self.paths = paths
        self._sync_by: dict[object, int] = {}  # sync handlers running, per owner
        self._queued: dict[object, collections.deque[_Job]] = {}  # waiting for one to end
        self._tasks: set[asyncio.Task[None]] = set()
        self._sync_running = 0
        self._closed = False
        self._is_async: dict[str, bool] = {}
        self._methods: dict[str, MethodSpec] = dict(contract.methods)

    def dispatch(
        self,
        request: Request,
        respond: Respond,
        peer: str,
        loop: asyncio.AbstractEventLoop | None = None,
        owner: object = None,
    ) -> asyncio.Task[None] | None:
        """Start serving ``request``; returns its task when the handler is ``async``.

        ``loop``: the running loop, when the caller knows it (``asyncio.get_running_loop()``
        costs a ``getpid`` system call per call on Python 3.11).
        """
        if loop is None:
            loop = asyncio.get_running_loop()
        t0 = loop.time()
        method = request.method
        observer = self.observer
        if observer.listeners:
            observer.start("in", method, request.id, peer)
        if payload_log.isEnabledFor(logging.DEBUG):
            payload_log.debug(
                "<- %s %s %s params=%s", peer, clip(method), request.id, preview(request.params)
            )
        spec = self._methods.get(method)
        try:
            handler, error = self._check(request, spec)
        except Exception as exc:  # a bug, or a value no check survives: answer, keep serving
            log.exception("aerpc: the request %s %s could not be checked", clip(method), request.id)
            handler, error = None, InternalError(f"{clip(method)}: {type(exc).__name__}")
        if error is not None or spec is None or handler is None:
            self._complete(request, spec, respond, peer, t0, None, error)
            return None
        is_async = self._is_async.get(method)
        if is_async is None:
            is_async = self._is_async[method] = inspect.iscoroutinefunction(handler)
        timeout = spec.time_limit(request.budget)
        if is_async:
            task = loop.create_task(
                self._run_async(handler, request, spec, respond, peer, t0, _deadline(t0, timeout))
            )
            self._tasks.add(task)
            task.add_done_callback(self._task_done)
            return task
        if self._run_sync == "inline":
            try:
                result = run_until(_deadline(t0, timeout), handler, **request.params)
            except Exception as exc:
                self._complete(request, spec, respond, peer, t0, None, exc)
                return None
            if not spec.result_validator.is_valid(result):  # explained by _complete
                self._complete(request, spec, respond, peer, t0, result, None)
                return None
            self._succeeded(request, respond, peer, loop, t0, result)
            return None
        job = (loop, handler, request, spec, respond, peer, t0, owner, timeout)
        running = self._sync_by.get(owner, 0)
        if running >= self.max_sync_per_peer:  # waits for one of this peer's to end
            self._queued.setdefault(owner, collections.deque()).append(job)
            return None
        self._sync_by[owner] = running + 1
        self._run_in_thread(*job)
        return None

    def _check(
        self, request: Request, spec: MethodSpec | None
    ) -> tuple[Callable[..., Any] | None, RemoteError | None]:
        """The handler for a request, or the error to answer instead."""
        method = request.method
        if spec is None or spec.served_by != self.served_by:
            return None, MethodNotFound(f"Method not found: {clip(method)}")
        if not spec.params_validator.is_valid(request.params):
            return None, spec.invalid_params(request.params)
        if self.paths is not None and spec.path_params:
            refused = self.paths.refusal(method, spec.path_params, request.params)
            if refused is not None:
                return None, refused
        handler: Callable[..., Any] | None = getattr(self.handlers, method, None)
        if handler is None:  # no handler object at all: a server that only calls, not alarming
            log.log(
                logging.DEBUG if self.handlers is None else logging.WARNING,
                "aerpc: %s (%s) was called, but the handler object %s does not implement it; "
                "answered -32601",
                method,
                request.id,
                type(self.handlers).__name__,
            )
            return None, MethodNotFound(f"{method}: this side has no handler for it")
        if self._closed:
            return None, InternalError(f"{method}: the server is stopping")
        return handler, None

    def missing_handlers(self) -> list[str]:
        """The methods served by this side that the handler object does not implement."""
        return sorted(
            name
            for name, spec in self._methods.items()
            if spec.served_by == self.served_by and not callable(getattr(self.handlers, name, None))
        )

    def _task_done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled():
            task.exception()  # retrieved: only SystemExit/KeyboardInterrupt end a task so

    def shutdown(self) -> None:
        """Cancel running ``async`` handlers and stop the thread pool (without waiting for sync
        handlers still running: their threads end when they return)."""
        self._closed = True
        self._queued.clear()
        for task in list(self._tasks):
            task.cancel()
        if self._threads is not None:
            if self._sync_running:
                log.warning(
                    "aerpc: %d sync handler(s) still running; their (daemon) threads end when "
                    "they return",
                    self._sync_running,
                )
            self._threads.shutdown()
            self._threads = None

    async def _run_async(
        self,
        handler: Callable[..., Any],
        request: Request,
        spec: MethodSpec,
        respond: Respond,
        peer: str,
        t0: float,
        deadline: float | None,
    ) -> None:
        set_deadline(deadline)  # this task's own context: time_left() in the handler
        try:
            result = await handler(**request.params)
        except (Exception, asyncio.CancelledError) as exc:
            self._complete(request, spec, respond, peer, t0, None, exc)
        else:
            self._complete(request, spec, respond, peer, t0, result, None)

    def _run_in_thread(
        self,
        loop: asyncio.AbstractEventLoop,
        handler: Callable[..., Any],
        request: Request,
        spec: MethodSpec,
        respond: Respond,
        peer: str,
        t0: float,
        owner: object,
        timeout: float,
    ) -> None:
        submit = self._run_sync
        threads = None
        if submit is None or submit == "inline":
            if self._threads is None:
                self._threads = HandlerThreads(self._sync_threads)
            threads = self._threads
            submit = threads.submit
        deadline = _deadline(t0, timeout)
        if deadline is not None and loop.time() >= deadline:  # it waited its whole deadline
            self._free(owner)
            self._complete(request, spec, respond, peer, t0, None, _too_late(request, timeout))
            return
        try:
            future = submit(functools.partial(run_until, deadline, handler, **request.params))
        except Exception as exc:
            self._free(owner)
            self._complete(request, spec, respond, peer, t0, None, exc)
            return
        self._sync_running += 1
        run = _SyncRun(future, request, spec, respond, peer, t0, owner)
        if future.done():  # run inline by the hook
            self._sync_done(run)
            return
        if deadline is not None:  # counted from the request's arrival
            run.timer = loop.call_at(deadline, self._sync_expired, run, threads, timeout)

        def done(f: concurrent.futures.Future[Any] | asyncio.Future[Any]) -> None:
            with contextlib.suppress(RuntimeError):  # the loop is closed: nobody is left to answer
                loop.call_soon_threadsafe(self._sync_done, run)

        future.add_done_callback(done)

    def _free(self, owner: object) -> None:
        """One of ``owner``'s sync handlers ended (or was given up on): start its next."""
        queued = self._queued.get(owner)
        if queued:
            job = queued.popleft()
            if not queued:
                del self._queued[owner]
            if not self._closed:
                self._run_in_thread(*job)  # takes over the slot
                return
        left = self._sync_by.get(owner, 1) - 1
        if left > 0:
            self._sync_by[owner] = left
        else:
            self._sync_by.pop(owner, None)

    def _sync_expired(self, run: _SyncRun, threads: HandlerThreads | None, timeout: float) -> None:
        """The caller's deadline passed with the sync handler still running: answer -32012 and
        free the caller's slot; the thread is given up on (it ends when the handler returns)."""
        run.timer = None
        if run.answered:
            return
        run.answered = True
        self._sync_running -= 1
        self._free(run.owner)
        if threads is not None and isinstance(run.future, concurrent.futures.Future):
            threads.abandon(run.future)
        method = run.request.method
        log.warning(
            "aerpc: the sync handler of %s %s did not return within the caller's deadline "
            "(%g s); answered -32012, its thread is given up on",
            method,
            run.request.id,
            timeout,
        )
        error = _too_late(run.request, timeout, started=True)
        self._complete(run.request, run.spec, run.respond, run.peer, run.t0, None, error)

    def _sync_done(self, run: _SyncRun) -> None:
        if run.answered:
            return  # answered at its deadline
        run.answered = True
        if run.timer is not None:
            run.timer.cancel()
        self._sync_running -= 1
        self._free(run.owner)
        future, request, spec, respond, peer, t0 = (
            run.future,
            run.request,
            run.spec,
            run.respond,
            run.peer,
            run.t0,
        )
        if future.cancelled():
            self._complete(request, spec, respond, peer, t0, None, asyncio.CancelledError())
        elif (exc := future.exception()) is not None:
            self._complete(request, spec, respond, peer, t0, None, exc)
        else:
            self._complete(request, spec, respond, peer, t0, future.result(), None)

    def _complete(
        self,
        request: Request,
        spec: MethodSpec | None,
        respond: Respond,
        peer: str,
        t0: float,
        result: object,
        exc: BaseException | None,
    ) -> None:
        method = request.method
        error: RemoteError | None
        if exc is None:
            error = None
            if spec is not None and (problem := not_plain_json(result)) is not None:
                text = f"{method}: the handler's result is not plain JSON: {problem}"
                log.error("aerpc: %s", text)
                error = InternalError(text)
            elif spec is not None and (errors := spec.result_errors(result)):
                text = f"{method}: the handler's result breaks the schema {where(errors)}"
                log.error("aerpc: %s: the handler's result breaks the schema", method)
                payload_log.debug("aerpc: %s", text)
                error = InternalError(text, {"errors": errors})
        elif isinstance(exc, RemoteError):
            error = exc
        elif isinstance(exc, asyncio.CancelledError):
            error = InternalError(f"{method}: cancelled")
        else:
            log.error("aerpc: the handler of %s %s raised", method, request.id, exc_info=exc)
            text = f"{method}: {type(exc).__name__}"
            if isinstance(exc, PublicError):
                text += f": {clip(str(exc), 1000)}"
            error = InternalError(text + " (the server's log has the details)")
        loop = asyncio.get_running_loop()
        if error is None:
            self._succeeded(request, respond, peer, loop, t0, result)
            return
        self.observer.fail("in", method, request.id, peer, loop.time() - t0, error)
        respond(request, result, error)

    def _succeeded(
        self,
        request: Request,
        respond: Respond,
        peer: str,
        loop: asyncio.AbstractEventLoop,
        t0: float,
        result: object,
    ) -> None:
        """Log, tell the listeners and send a result that passed its schema check."""
        observer = self.observer
        if observer.listeners or log.isEnabledFor(logging.DEBUG):  # else Observer.end does nothing
            observer.end("in", request.method, request.id, peer, loop.time() - t0)
        if payload_log.isEnabledFor(logging.DEBUG):
            payload_log.debug(
                "-> %s %s %s result=%s", peer, request.method, request.id, preview(result)
            )
        respond(request, result, None)


class HandlersWarning(UserWarning):
    """The handlers object given to a ``Server`` lacks some of the methods it serves."""


def check_handlers(handlers: object, missing: list[str], strict: bool) -> None:
    """Report the pipeline methods a ``handlers`` object lacks (``missing``), at start: a
    warning, or a ``TypeError`` when ``strict``. No handler object at all is only logged."""
    if not missing:
        return
    if handlers is None:
        message = (
            "aerpc: the server has no handlers; the panel's calls to "
            f"{', '.join(missing)} will be answered -32601 (method not found)"
        )
    else:
        message = (
            f"aerpc: the handlers object ({type(handlers).__name__}) lacks the pipeline "
            f"method(s) {', '.join(missing)}; the panel's calls to them will be answered -32601 "
            "(method not found)"
        )
    if strict:
        raise TypeError(message + " (strict_handlers=True)")
    if handlers is None:
        log.info("%s", message)
    else:
        warnings.warn(message, HandlersWarning, stacklevel=4)


def _too_late(request: Request, timeout: float, *, started: bool = False) -> HandlerTimeout:
    """The answer to a sync request whose caller's deadline passed (``started``: while its
    handler ran, which may still finish; else it never ran)."""
    what = (
        "the handler did not finish within the caller's deadline"
        if started
        else "the request waited for a thread past the caller's deadline and was not run"
    )
    return HandlerTimeout(
        f"{request.method}: {what} ({timeout:g} s)",
        {"timeout_ms": round(timeout * 1000), "started": started},
    )


_Job = tuple[
    asyncio.AbstractEventLoop,
    Callable[..., Any],
    Request,
    MethodSpec,
    Respond,
    str,
    float,
    object,
    float,
]
"""The arguments of ``Dispatcher._run_in_thread``: a sync request waiting for its peer's slot."""

_FOREVER = 2**31 / 1000
"""Deadlines at least this long (seconds) are not timed (``MAX_TIMEOUT_MS`` and longer)."""


def _deadline(t0: float, timeout: float) -> float | None:
    """The loop time (``time.monotonic()``) at which a request received at ``t0`` with
    ``timeout`` seconds is past its deadline; None for one not timed."""
    return t0 + timeout if timeout < _FOREVER else None


class _SyncRun:
    """One sync handler's run: what answering it needs, and whether it was answered."""

    __slots__ = ("answered", "future", "owner", "peer", "request", "respond", "spec", "t0", "timer")

    def __init__(
        self,
        future: concurrent.futures.Future[Any] | asyncio.Future[Any],
        request: Request,
        spec: MethodSpec,
        respond: Respond,
        peer: str,
        t0: float,
        owner: object,
    ):
        self.future = future
        self.request = request
        self.spec = spec
        self.respond = respond
        self.peer = peer
        self.t0 = t0
        self.owner = owner
        self.answered = False
        self.timer: asyncio.TimerHandle | None = None


def not_plain_json(value: object) -> str | None:
    """Why ``value`` is not plain JSON (None: it is): NaN or Infinity, or a type JSON has no
    form for (orjson would write NaN as null and a datetime as a string, silently)."""
    try:
        json.dumps(value, allow_nan=False, check_circular=False)
    except ValueError as exc:
        return clip(str(exc))
    except (TypeError, RecursionError) as exc:
        return clip(str(exc))
    return None
