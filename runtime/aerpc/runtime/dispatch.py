"""Serving requests: validate params, call the handler object, check and send its result."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import inspect
import logging
import warnings
from collections.abc import Callable
from typing import Any, Literal

from .codec import clip, preview
from .contract import Contract, MethodSpec
from .errors import InternalError, MethodNotFound, RemoteError
from .observe import Observer, payload_log
from .protocol import Request
from .validation import where

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
    others run through ``run_sync`` (default: a thread pool owned here; ``"inline"``: at once on
    the loop). A :class:`RemoteError`
    raised by a handler is sent with its code; anything else becomes ``-32603`` with the
    message, logged here with its traceback. Results are checked against the schema too.
    """

    def __init__(
        self,
        contract: Contract,
        served_by: Literal["host", "pipeline"],
        handlers: object | None,
        *,
        observer: Observer,
        run_sync: RunSync | Literal["inline"] | None = None,
    ):
        self.contract = contract
        self.served_by = served_by
        self.handlers = handlers
        self.observer = observer
        self._run_sync = run_sync
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None
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
        if is_async:
            task = loop.create_task(self._run_async(handler, request, spec, respond, peer, t0))
            self._tasks.add(task)
            task.add_done_callback(self._task_done)
            return task
        if self._run_sync == "inline":
            try:
                result = handler(**request.params)
            except Exception as exc:
                self._complete(request, spec, respond, peer, t0, None, exc)
                return None
            if not spec.result_validator.is_valid(result):  # explained by _complete
                self._complete(request, spec, respond, peer, t0, result, None)
                return None
            self._succeeded(request, respond, peer, loop, t0, result)
            return None
        self._run_in_thread(loop, handler, request, spec, respond, peer, t0)
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
        handler: Callable[..., Any] | None = getattr(self.handlers, method, None)
        if handler is None:
            log.warning(
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
        for task in list(self._tasks):
            task.cancel()
        if self._executor is not None:
            if self._sync_running:
                log.warning(
                    "aerpc: %d sync handler(s) still running; their threads end when they return",
                    self._sync_running,
                )
            self._executor.shutdown(wait=not self._sync_running, cancel_futures=True)
            self._executor = None

    async def _run_async(
        self,
        handler: Callable[..., Any],
        request: Request,
        spec: MethodSpec,
        respond: Respond,
        peer: str,
        t0: float,
    ) -> None:
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
    ) -> None:
        submit = self._run_sync
        if submit is None or submit == "inline":
            if self._executor is None:
                self._executor = concurrent.futures.ThreadPoolExecutor(
                    thread_name_prefix="aerpc-handler"
                )
            submit = self._executor.submit
        try:
            future = submit(functools.partial(handler, **request.params))
        except Exception as exc:
            self._complete(request, spec, respond, peer, t0, None, exc)
            return
        self._sync_running += 1
        if future.done():  # run inline by the hook
            self._sync_done(future, request, spec, respond, peer, t0)
            return

        def done(f: concurrent.futures.Future[Any] | asyncio.Future[Any]) -> None:
            with contextlib.suppress(RuntimeError):  # the loop is closed: nobody is left to answer
                loop.call_soon_threadsafe(self._sync_done, f, request, spec, respond, peer, t0)

        future.add_done_callback(done)

    def _sync_done(
        self,
        future: concurrent.futures.Future[Any] | asyncio.Future[Any],
        request: Request,
        spec: MethodSpec,
        respond: Respond,
        peer: str,
        t0: float,
    ) -> None:
        self._sync_running -= 1
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
            if spec is not None and (errors := spec.result_errors(result)):
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
            error = InternalError(f"{method}: {type(exc).__name__}: {clip(str(exc), 1000)}")
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
