"""Run Adobe's ``aerender`` for a headless render and report its progress as it goes.

::

    job = RenderJob("/shots/sh010.aep", comp="Main", output="/renders/sh010.mov")
    final = render(job, on_progress=lambda p: print(p["status"], percent(p)))
    final["outputs"]        # ["/renders/sh010.mov"]

:func:`render_async` is the same for a running event loop; cancelling its task ends aerender.
Both raise a :class:`~aerpc.render.errors.RenderError` when the render does not finish.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from glob import glob
from pathlib import Path

from .errors import AerenderNotFound, ProjectNotFound, RenderFailed, RenderInterrupted
from .progress import AerenderParser, RenderProgress

__all__ = ["ENV_VAR", "RenderJob", "find_aerender", "render", "render_async"]

ENV_VAR = "AERPC_AERENDER"
"""The environment variable naming the aerender executable, when --aerender is not given."""

STOP_WAIT = 5.0
"""Seconds aerender gets to end after SIGTERM before it is killed."""

ProgressCallback = Callable[[RenderProgress], None]

_INSTALLS = {
    "darwin": "/Applications/Adobe After Effects */aerender",
    "win32": r"C:\Program Files\Adobe\Adobe After Effects *\Support Files\aerender.exe",
}
"""Adobe's documented default install folders of aerender, per platform."""


@dataclass(frozen=True)
class RenderJob:
    """What to render: aerender's documented arguments (docs/render.md)."""

    project: str
    comp: str | None = None
    rqindex: int | None = None
    output: str | None = None
    start: int | None = None
    end: int | None = None
    rs_template: str | None = None
    om_template: str | None = None
    extra: tuple[str, ...] = ()
    """Further aerender arguments as given, e.g. ``("-mp", "-reuse")``."""

    def arguments(self) -> list[str]:
        """aerender's command line after the executable; progress on, log on stdout."""
        args = ["-project", self.project]
        for flag, value in (
            ("-comp", self.comp),
            ("-rqindex", self.rqindex),
            ("-output", self.output),
            ("-s", self.start),
            ("-e", self.end),
            ("-RStemplate", self.rs_template),
            ("-OMtemplate", self.om_template),
        ):
            if value is not None:
                args += [flag, str(value)]
        return [*args, "-v", "ERRORS_AND_PROGRESS", *self.extra]


def find_aerender(path: str | None = None) -> str:
    """The aerender to run: ``path``, else ``$AERPC_AERENDER``, else ``aerender`` on PATH,
    else the newest in After Effects' default install folder."""
    named = path or os.environ.get(ENV_VAR)
    if named:
        found = shutil.which(named)
        if found is None:
            raise AerenderNotFound(
                f"no executable aerender at {named}: give the path of the aerender in After "
                f"Effects' install folder with --aerender PATH (or {ENV_VAR})"
            )
        return found
    found = shutil.which("aerender")
    pattern = _INSTALLS.get(sys.platform)
    installed = sorted(glob(pattern), reverse=True) if pattern else []
    if found is None and not installed:
        raise AerenderNotFound(
            "aerender is not on PATH nor in After Effects' install folder: install After "
            f"Effects, or give its aerender with --aerender PATH (or {ENV_VAR})"
        )
    return found or installed[0]


def _check_project(project: str) -> None:
    if "://" not in project and not Path(project).is_file():
        raise ProjectNotFound(f"no project file at {project}: give the path of a saved .aep")


async def _end(process: asyncio.subprocess.Process) -> None:
    """End aerender and what it started (its process group on POSIX), bounded."""
    if process.returncode is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        if sys.platform == "win32":
            process.terminate()
        else:
            os.killpg(process.pid, signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), STOP_WAIT)
    except TimeoutError:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()


def _failure(code: int, parser: AerenderParser) -> RenderFailed | RenderInterrupted | None:
    """The error for aerender's exit, or None for a finished render."""
    last = parser.errors[-1] if parser.errors else (parser.tail[-1] if parser.tail else None)
    said = f": {last}" if last else " and printed nothing"
    tail = list(parser.tail)
    if code < 0 and -code in (signal.SIGINT, signal.SIGTERM):
        name = signal.Signals(-code).name
        return RenderInterrupted(f"aerender was interrupted ({name}){said}", tail)
    if code < 0:
        return RenderFailed(
            f"aerender was ended by {signal.Signals(-code).name}{said}", tail, exit_code=code
        )
    if code > 0:
        return RenderFailed(f"aerender exited with code {code}{said}", tail, exit_code=code)
    if parser.errors:
        return RenderFailed(f"aerender reported an error (exit 0){said}", tail, exit_code=0)
    return None


async def render_async(
    job: RenderJob,
    *,
    aerender: str | None = None,
    on_progress: ProgressCallback | None = None,
    env: Mapping[str, str] | None = None,
) -> RenderProgress:
    """Render ``job`` with aerender; ``on_progress`` gets each record, the first ``queued``.

    Returns the last record (``done``, with the outputs). Raises :class:`AerenderNotFound`,
    :class:`ProjectNotFound`, :class:`RenderFailed` or :class:`RenderInterrupted`; when the
    task is cancelled, aerender is ended, a ``stopped`` record sent, and the cancel goes on.
    """
    exe = find_aerender(aerender)
    _check_project(job.project)
    parser = AerenderParser(item=job.rqindex, comp=job.comp)
    started = time.monotonic()

    sent: list[RenderProgress] = []  # the last record sent

    def emit(record: RenderProgress) -> None:
        """Send ``record`` unless it only repeats the last one with a later time."""
        if sent and {**sent[-1], "elapsed_s": record["elapsed_s"]} == record:
            return
        sent[:] = [record]
        if on_progress is not None:
            on_progress(record)

    try:
        process = await asyncio.create_subprocess_exec(
            exe,
            *job.arguments(),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
            env=None if env is None else dict(env),
            start_new_session=sys.platform != "win32",
        )
    except OSError as exc:
        raise AerenderNotFound(
            f"cannot run {exe} ({exc.strerror}): give After Effects' aerender with --aerender"
        ) from None
    emit(parser.record(0.0))
    try:
        assert process.stdout is not None
        async for raw in process.stdout:
            record = parser.feed(raw.decode("utf-8", "replace"), time.monotonic() - started)
            if record is not None:
                emit(record)
        code = await process.wait()
    except BaseException:
        await _end(process)
        emit(parser.record(time.monotonic() - started, "user_stopped"))
        raise
    if not parser.outputs and job.output is not None:
        parser.outputs.append(job.output)
    error = _failure(code, parser)
    elapsed = time.monotonic() - started
    if error is not None:
        emit(
            parser.record(
                elapsed, "user_stopped" if isinstance(error, RenderInterrupted) else "err_stopped"
            )
        )
        raise error
    emit(parser.record(elapsed, "done"))
    return sent[-1]


def render(
    job: RenderJob,
    *,
    aerender: str | None = None,
    on_progress: ProgressCallback | None = None,
    env: Mapping[str, str] | None = None,
) -> RenderProgress:
    """:func:`render_async` for code without an event loop. Ctrl-C ends aerender, then raises
    ``KeyboardInterrupt``."""
    return asyncio.run(render_async(job, aerender=aerender, on_progress=on_progress, env=env))
