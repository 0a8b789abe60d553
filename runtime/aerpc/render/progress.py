"""aerender's output lines to typed progress records, without I/O (sans-I/O).

:class:`AerenderParser` is fed one line of aerender's output at a time, with the seconds since
the render began (the caller owns the clock), and answers a :class:`RenderProgress` (the
schema's type, the one in-app render events carry, with ``source: "aerender"``) when the
line moved the render on: a composition started, a frame was written, a composition finished.
It also keeps what a caller needs at the end: the output paths aerender named, its error lines
and the last lines of its output (the log tail). docs/render.md lists the lines it reads and
where their format comes from.
"""

from __future__ import annotations

import re
import uuid
from collections import deque

from aerpc.aftereffects.types import RenderProgress, RenderStatus

__all__ = [
    "AerenderParser",
    "RenderProgress",
    "RenderStatus",
    "percent",
    "timecode_frames",
]


def percent(progress: RenderProgress) -> float | None:
    """How far the render is, 0 to 100, or None while the frame total is unknown."""
    done, total = progress["frames_done"], progress["frames_total"]
    if done is None or not total:
        return None
    return min(100.0, 100.0 * done / total)


_PREFIX = re.compile(r"^\s*PROGRESS:\s?(.*)$")
_COMP = re.compile(r"\b(Starting|Finished) composition\s+[\"“](.*)[\"”]\.?\s*$")
_FRAME = re.compile(r"^\s*\d+[:;]\d\d[:;]\d\d[:;]\d\d\s+\(\d+\)")
_FIELD = re.compile(r"^\s*(Duration|Frame Rate|Output To):\s*(.*?)\s*$")
_TIMECODE = re.compile(r"^(\d+)[:;](\d\d)[:;](\d\d)[:;](\d\d)$")
_ERROR = re.compile(r"^\s*(aerender ERROR|After Effects error|ERROR:)", re.IGNORECASE)


def timecode_frames(text: str, rate: float | None) -> int | None:
    """Frames in a duration aerender printed: a timecode ``H:MM:SS:FF`` (``;`` for drop frame)
    at ``rate`` frames per second, or a plain frame count. None when it cannot tell."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    match = _TIMECODE.match(text)
    if match is None or not rate:
        return None
    hours, minutes, seconds, frames = map(int, match.groups())
    return ((hours * 60 + minutes) * 60 + seconds) * round(rate) + frames


class AerenderParser:
    """aerender's output, line by line, to :class:`RenderProgress` records (module doc)."""

    def __init__(
        self,
        *,
        item: int | None = None,
        comp: str | None = None,
        tail: int = 20,
        render_id: str | None = None,
    ):
        self.render_id = render_id or f"aerender-{uuid.uuid4().hex[:12]}"
        self.item = item
        self.comp = comp
        self.status: RenderStatus = "queued"
        self.frames_done: int | None = None
        self.frames_total: int | None = None
        self.outputs: list[str] = []
        self.errors: list[str] = []
        self.tail: deque[str] = deque(maxlen=tail)
        self._duration: str | None = None
        self._rate: float | None = None

    def record(self, elapsed: float, status: RenderStatus | None = None) -> RenderProgress:
        """The render as it stands, with ``status`` if given."""
        return RenderProgress(
            render_id=self.render_id,
            source="aerender",
            comp_id=None,  # aerender names comps only
            comp_name=self.comp or "",
            item_index=self.item,
            status=status or self.status,
            frames_done=self.frames_done,
            frames_total=self.frames_total,
            elapsed_s=round(max(0.0, elapsed), 3),
            outputs=list(self.outputs),
        )

    def feed(self, line: str, elapsed: float) -> RenderProgress | None:
        """Take one line of output; the record it produced, if any."""
        line = line.rstrip("\r\n")
        if line.strip():
            self.tail.append(line)
        if _ERROR.match(line):
            self.errors.append(line.strip())
            return None
        prefixed = _PREFIX.match(line)
        if prefixed is None:
            return None
        text = prefixed.group(1)
        if (comp := _COMP.search(text)) is not None:
            return self._comp(comp.group(1) == "Starting", comp.group(2), elapsed)
        if _FRAME.match(text) is not None:
            self.status = "rendering"
            self.frames_done = (self.frames_done or 0) + 1
            return self.record(elapsed)
        if (field := _FIELD.match(text)) is not None:
            self._field(field.group(1), field.group(2))
        return None

    def _comp(self, starting: bool, name: str, elapsed: float) -> RenderProgress:
        if starting:
            self.comp, self.status = name, "rendering"
            self.frames_done, self.frames_total = 0, None
            self._duration = self._rate = None
        else:
            self.status = "done"
        return self.record(elapsed)

    def _field(self, name: str, value: str) -> None:
        if name == "Output To":
            if value and value not in self.outputs:
                self.outputs.append(value)
            return
        if name == "Duration":
            self._duration = value
        else:
            number = re.match(r"[\d.]+", value)
            self._rate = float(number.group()) if number else None
        if self._duration is not None:
            self.frames_total = timecode_frames(self._duration, self._rate)
