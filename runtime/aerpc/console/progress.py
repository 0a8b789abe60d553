"""Progress of long calls: a hook called while a call runs, and a spinner for terminals.

:class:`WithProgress` wraps any host channel; while a call runs it calls ``hook(Progress)``
every ``interval`` seconds, and once more when it ends (``done``)::

    ae = AfterEffects(WithProgress(host, lambda p: print(p.method, p.elapsed), contract))
    ae.render(comp_id=4, output_dir="/renders")   # render 0.1 s, 0.2 s, …

:class:`Spinner` is such a hook: it draws ``⠋ render  12.3 s (deadline 24 h)`` on a terminal
once a call has taken longer than ``after`` seconds, and clears it at the end. Given
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
                self.hook(Progress(method, elapsed, deadline, behind=behind))

        ticker = asyncio.ensure_future(tick())
        try:
            return await self.channel.call(method, params, options)
        finally:
            ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ticker
            self.hook(Progress(method, time.monotonic() - started, deadline, done=True))

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
                self.hook(Progress(method, elapsed, deadline, behind=behind))

        ticker = threading.Thread(target=tick, name="aerpc-progress", daemon=True)
        ticker.start()
        try:
            return self.channel.call_blocking(method, params, options)
        finally:
            ended.set()
            ticker.join()
            self.hook(Progress(method, time.monotonic() - started, deadline, done=True))


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

    def __call__(self, progress: Progress) -> None:
        if progress.done:
            self._told = False
        elif progress.behind is not None and not self._told:
            self._told = True
            print(
                f"{self.prog}: {progress.method} is waiting behind {progress.behind}",
                file=self.stream,
                flush=True,
            )
