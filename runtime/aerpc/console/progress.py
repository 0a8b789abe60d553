"""Progress of long calls: a hook called while a call runs, and a spinner for terminals.

:class:`WithProgress` wraps any host channel; while a call runs it calls ``hook(Progress)``
every ``interval`` seconds, and once more when it ends (``done``)::

    ae = AfterEffects(WithProgress(host, lambda p: print(p.method, p.elapsed), contract))
    ae.render(comp_id=4, output_dir="/renders")   # render 0.1 s, 0.2 s, …

:class:`Spinner` is such a hook: it draws ``⠋ render  12.3 s (deadline 24 h)`` on a terminal
once a call has taken longer than ``after`` seconds, and clears it at the end; a call whose
method reports progress as a host event (``x-progress-event``: ``render``) adds its last one
(``sh010_comp: rendering 40% (4/10 frames)``), and :class:`WaitNotice` prints a line per
change. Given
``status`` (what the call waits behind, e.g. :func:`aerpc.console.busy.waiting_behind`), the
hook also learns it (``Progress.behind``, asked every ``status_every`` seconds): the spinner adds
``waiting behind render (42 s, for pipeline)``, and :class:`WaitNotice` (for a stream that is
not a terminal) prints it once.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TextIO

from aerpc.runtime import CallOptions, HostChannel
from aerpc.runtime.contract import DEFAULT_TIMEOUT_MS, Contract
from aerpc.runtime.events import (
    CallProgress,
    EventSource,
    EventsUnavailable,
    event_source,
    progress_events,
    progress_line,
)
from aerpc.tooling.output import duration_text

__all__ = ["Progress", "ProgressHook", "Spinner", "WaitNotice", "WithProgress"]


@dataclass(frozen=True, slots=True)
class Progress:
    """A running call: method, seconds since it began, its deadline in seconds, ended yet."""

    method: str
    elapsed: float
    deadline: float
    done: bool = False
    behind: str | None = None
    """What the call waits behind (``"render (42 s, for pipeline)"``), if it waits."""
    detail: str | None = None
    """The call's own progress, from its progress event (``"sh010_comp: rendering 40% …"``)."""


ProgressHook = Callable[[Progress], None]


class WithProgress:
    """A host channel that reports the progress of each call to ``hook`` (module doc)."""

    def __init__(
        self,
        channel: HostChannel,
        hook: ProgressHook,
        contract: Contract,
        interval: float = 0.1,
        *,
        status: Callable[[], str | None] | None = None,
        status_every: float = 0.5,
    ):
        self.channel = channel
        self.hook = hook
        self.contract = contract
        self.interval = interval
        self.status = status
        self.status_every = status_every
        self._events = progress_events(contract.document)
        self.detail: str | None = None  # the running call's last progress event, as a line
        self._lock = threading.Lock()  # the hook is called from the ticker and from events

    @property
    def events(self) -> EventSource | None:
        """The wrapped channel's host events (so ``ae.events`` and ``on_progress`` work through
        this wrapper), or None when it carries none."""
        source = getattr(self.channel, "events", None)
        return source if isinstance(source, EventSource) else None

    def _report(self, progress: Progress) -> None:
        with self._lock:
            self.hook(progress)

    def _watch(self, method: str, deadline: float, started: float) -> CallProgress | None:
        """The call's progress events (if it has them and the channel carries events): each
        goes to the hook at once, and stays in :attr:`detail` for the ticks."""
        self.detail = None
        name = self._events.get(method)
        if name is None:
            return None

        def heard(payload: Mapping[str, object]) -> None:
            self.detail = progress_line(payload)
            elapsed = time.monotonic() - started
            self._report(Progress(method, elapsed, deadline, detail=self.detail))

        try:
            return CallProgress(event_source(self.channel), name, heard)
        except (EventsUnavailable, ValueError):
            return None

    def _behind(self, elapsed: float, asked: list[float], last: list[str | None]) -> str | None:
        """``status()``, asked at most every ``status_every`` seconds (blocking: a thread)."""
        if self.status is None:
            return None
        if elapsed - asked[0] >= self.status_every:
            asked[0] = elapsed
            last[0] = self.status()
        return last[0]

    def deadline(self, method: str, options: CallOptions | None) -> float:
        """The call's deadline in seconds: the option's, else the method's ``x-timeout-ms``."""
        if options is not None and options.timeout is not None:
            return options.timeout
        spec = self.contract.methods.get(method)
        return spec.timeout if spec is not None else DEFAULT_TIMEOUT_MS / 1000

    async def call(
        self, method: str, params: Mapping[str, object], options: CallOptions | None = None
    ) -> object:
        deadline = self.deadline(method, options)
        started = time.monotonic()

        async def tick() -> None:
            asked: list[float] = [0.0]
            last: list[str | None] = [None]
            while True:
                await asyncio.sleep(self.interval)
                elapsed = time.monotonic() - started
                behind = await asyncio.to_thread(self._behind, elapsed, asked, last)
                self._report(Progress(method, elapsed, deadline, behind=behind, detail=self.detail))

        ticker = asyncio.ensure_future(tick())
        watch = self._watch(method, deadline, started)
        try:
            result = await self.channel.call(method, params, options)
            if watch is not None:
                async with watch:  # the events trailing the reply, up to the finish
                    pass
            return result
        finally:
            if watch is not None:
                watch.close()
            ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ticker
            self._report(Progress(method, time.monotonic() - started, deadline, done=True))

    def call_blocking(
        self, method: str, params: Mapping[str, object], options: CallOptions | None = None
    ) -> object:
        deadline = self.deadline(method, options)
        started = time.monotonic()
        ended = threading.Event()

        def tick() -> None:
            asked: list[float] = [0.0]
            last: list[str | None] = [None]
            while not ended.wait(self.interval):
                elapsed = time.monotonic() - started
                behind = self._behind(elapsed, asked, last)
                self._report(Progress(method, elapsed, deadline, behind=behind, detail=self.detail))

        ticker = threading.Thread(target=tick, name="aerpc-progress", daemon=True)
        ticker.start()
        watch = self._watch(method, deadline, started)
        try:
            result = self.channel.call_blocking(method, params, options)
            if watch is not None:
                with watch:  # the events trailing the reply, up to the finish
                    pass
            return result
        finally:
            if watch is not None:
                watch.close()
            ended.set()
            ticker.join()
            self._report(Progress(method, time.monotonic() - started, deadline, done=True))


class Spinner:
    """A :data:`ProgressHook` drawing one status line on ``stream`` (a terminal)."""

    FRAMES = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"

    def __init__(self, stream: TextIO, after: float = 0.5):
        self.stream = stream
        self.after = after
        self._frames = itertools.cycle(self.FRAMES)
        self._shown = False

    def __call__(self, progress: Progress) -> None:
        if progress.done:
            if self._shown:
                self.stream.write("\r\x1b[2K")
                self.stream.flush()
                self._shown = False
            return
        if progress.elapsed < self.after:
            return
        line = (
            f"{next(self._frames)} {progress.method}  {duration_text(progress.elapsed)} "
            f"(deadline {duration_text(progress.deadline)})"
        )
        if progress.behind is not None:
            line += f" waiting behind {progress.behind}"
        elif progress.detail is not None:
            line += f" {progress.detail}"
        self.stream.write(f"\r\x1b[2K{line}")
        self.stream.flush()
        self._shown = True


class WaitNotice:
    """A :data:`ProgressHook` for a stream that is not a terminal: one line when a call is
    first seen waiting behind another (``aerpc call: get_items is waiting behind render``)."""

    def __init__(self, stream: TextIO, prog: str):
        self.stream = stream
        self.prog = prog
        self._told = False
        self._detail: str | None = None

    def __call__(self, progress: Progress) -> None:
        if progress.done:
            self._told = False
            self._detail = None
        elif progress.detail is not None and progress.detail != self._detail:
            self._detail = progress.detail  # the call's own progress: a line per change
            print(f"{self.prog}: {progress.detail}", file=self.stream, flush=True)
        elif progress.behind is not None and not self._told:
            self._told = True
            print(
                f"{self.prog}: {progress.method} is waiting behind {progress.behind}",
                file=self.stream,
                flush=True,
            )
