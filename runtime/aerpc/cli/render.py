"""``aerpc render PROJECT --comp NAME …``: a headless render with aerender, its progress shown.

Progress goes to stderr (a line redrawn on a terminal, a line per step of 10 % otherwise); the
output paths go to stdout, one a line, or every record as a JSON line with ``--json``.
Exit codes: 0 rendered; 1 aerender failed (its last lines, then one line saying so); 2 the
command line, the project or aerender itself is missing; 130 interrupted (aerender is ended).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from aerpc.render.aerender import ENV_VAR, RenderJob, render
from aerpc.render.errors import AerenderNotFound, ProjectNotFound, RenderFailed, RenderInterrupted
from aerpc.render.progress import RenderProgress, percent

__all__ = ["ProgressPrinter", "progress_text", "render_main"]

PROG = "aerpc render"
TAIL = 10
"""aerender's last lines printed before a failure's line."""


def progress_text(record: RenderProgress) -> str:
    """``Main: rendering 40% (4/10 frames), 1.2 s``; the percent only when the total is known."""
    done, total = record["frames_done"], record["frames_total"]
    share = percent(record)
    if share is not None:
        frames = f" {share:.0f}% ({done}/{total} frames)"
    elif done:
        frames = f" {done} frames"
    else:
        frames = ""
    name = record["comp_name"] or "render"
    return f"{name}: {record['status']}{frames}, {record['elapsed_s']:.1f} s"


class ProgressPrinter:
    """Shows records on ``stream``: redrawn in place on a terminal, else a line per status
    change or 10 % step (per 100 frames while the total is unknown)."""

    def __init__(self, stream: TextIO, redraw: bool):
        self.stream = stream
        self.redraw = redraw
        self.last: RenderProgress | None = None
        self._shown: tuple[object, ...] = ()

    def __call__(self, record: RenderProgress) -> None:
        self.last = record
        if self.redraw:
            self.stream.write(f"\r\x1b[K{progress_text(record)}")
            self.stream.flush()
            return
        share = percent(record)
        step = int(share // 10) if share is not None else (record["frames_done"] or 0) // 100
        key = (record["comp_name"], record["status"], step)
        if key != self._shown:
            self._shown = key
            print(progress_text(record), file=self.stream, flush=True)

    def end(self) -> None:
        """Leave the redrawn line."""
        if self.redraw and self.last is not None:
            self.stream.write("\n")
            self.stream.flush()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Render an After Effects project headless with aerender, showing progress.",
        epilog="After --, further aerender arguments are passed on as given (e.g. -- -mp).",
    )
    parser.add_argument("--root", help=argparse.SUPPRESS)
    parser.add_argument("project", help="the saved project (.aep) to render")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--comp", help="the composition to render (default: the render queue)")
    which.add_argument("--rqindex", type=int, help="the render-queue item to render (1-based)")
    parser.add_argument("--output", help="the output file or sequence pattern, e.g. f_[####].png")
    parser.add_argument("--start", type=int, help="the first frame")
    parser.add_argument("--end", type=int, help="the last frame")
    parser.add_argument("--rs-template", help="a render settings template by name")
    parser.add_argument("--om-template", help="an output module template by name")
    parser.add_argument("--aerender", help=f"the aerender executable (default: ${ENV_VAR}, PATH)")
    parser.add_argument("--json", action="store_true", help="every record as a JSON line")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    return parser


def render_main(argv: Sequence[str]) -> int:
    argv = list(argv)
    cut = argv.index("--") if "--" in argv else len(argv)
    args = _parser().parse_args(argv[:cut])
    job = RenderJob(
        project=args.project,
        comp=args.comp,
        rqindex=args.rqindex,
        output=args.output,
        start=args.start,
        end=args.end,
        rs_template=args.rs_template,
        om_template=args.om_template,
        extra=tuple(argv[cut + 1 :]),
    )
    printer = ProgressPrinter(sys.stderr, redraw=sys.stderr.isatty())

    def show(record: RenderProgress) -> None:
        if args.json:
            print(json.dumps(record, ensure_ascii=False), flush=True)
        if not args.quiet:
            printer(record)
        printer.last = record

    try:
        final = render(job, aerender=args.aerender, on_progress=show)
    except (AerenderNotFound, ProjectNotFound) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, RenderInterrupted):
        printer.end()
        print(f"{PROG}: interrupted; {_where(printer.last)}", file=sys.stderr)
        return 130
    except RenderFailed as exc:
        printer.end()
        for line in exc.log_tail[-TAIL:]:
            print(f"  | {line}", file=sys.stderr)
        print(f"{PROG}: {type(exc).__name__}: {exc} (its last lines are above)", file=sys.stderr)
        return 1
    printer.end()
    if not args.json:
        for path in final["outputs"]:
            print(path)
    return 0


def _where(last: RenderProgress | None) -> str:
    """What an interrupted render left: aerender ended, how far it got."""
    if last is None or not last["frames_done"]:
        return "aerender was ended before it rendered a frame"
    total = f" of {last['frames_total']}" if last["frames_total"] else ""
    return f"aerender was ended after {last['frames_done']}{total} frames; outputs are partial"
