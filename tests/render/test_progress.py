"""The sans-I/O parser on aerender's documented output lines (docs/render.md)."""

from __future__ import annotations

import pytest

from aerpc.render import AerenderParser, RenderProgress, percent
from aerpc.render.progress import timecode_frames

OUTPUT = """\
aerender version 25.0x49
PROGRESS:  1/2/2026 10:00:00 AM: Starting composition “Main”.
PROGRESS:  Output Module: High Quality
PROGRESS:      Output To: /renders/Main_[####].png
PROGRESS:  Start: 0:00:00:00
PROGRESS:  Duration: 0:00:01:05
PROGRESS:  Frame Rate: 25.00 (comp)
PROGRESS:  0:00:00:00 (1): 0 Seconds
PROGRESS:  0:00:00:01 (2): 1 Second
PROGRESS:  Total Time Elapsed: 2 Seconds
PROGRESS:  1/2/2026 10:00:02 AM: Finished composition “Main”.
"""


def fed(parser: AerenderParser, text: str) -> list[RenderProgress]:
    records = [parser.feed(line, float(n)) for n, line in enumerate(text.splitlines())]
    return [r for r in records if r is not None]


def test_a_render_becomes_records_in_order() -> None:
    parser = AerenderParser(item=3)
    records = fed(parser, OUTPUT)
    assert [(r["status"], r["frames_done"]) for r in records] == [
        ("rendering", 0),
        ("rendering", 1),
        ("rendering", 2),
        ("done", 2),
    ]
    last = records[-1]
    assert last["comp_name"] == "Main"
    assert last["item_index"] == 3
    assert last["frames_total"] == 30
    assert last["outputs"] == ["/renders/Main_[####].png"]
    assert last["elapsed_s"] == 10.0
    assert percent(last) == pytest.approx(100 * 2 / 30)
    assert parser.errors == []


def test_the_frame_total_is_unknown_until_duration_and_rate() -> None:
    parser = AerenderParser()
    fed(parser, 'PROGRESS:  Starting composition "A".\nPROGRESS:  Duration: 0:00:00:10')
    assert parser.frames_total is None
    record = parser.feed("PROGRESS:  0:00:00:00 (1): 0 Seconds", 1.0)
    assert record is not None
    assert percent(record) is None
    parser.feed("PROGRESS:  Frame Rate: 29.97 (comp)", 1.0)
    assert parser.frames_total == 10


def test_a_second_composition_starts_its_own_count() -> None:
    parser = AerenderParser()
    fed(parser, OUTPUT)
    first = parser.feed('PROGRESS:  Starting composition "B".', 20.0)
    assert first is not None
    assert (first["comp_name"], first["frames_done"], first["frames_total"]) == ("B", 0, None)
    assert first["outputs"] == ["/renders/Main_[####].png"]


@pytest.mark.parametrize(
    ("text", "rate", "frames"),
    [
        ("0:00:01:05", 25.0, 30),
        ("0;00;01;02", 29.97, 32),
        ("1:00:00:00", 24.0, 86400),
        ("250", None, 250),
        ("0:00:01:05", None, None),
        ("about a minute", 25.0, None),
    ],
)
def test_timecode_frames(text: str, rate: float | None, frames: int | None) -> None:
    assert timecode_frames(text, rate) == frames


def test_error_lines_and_the_tail_are_kept() -> None:
    parser = AerenderParser(tail=3)
    lines = [f"line {n}" for n in range(5)]
    for line in [*lines, "aerender ERROR: No comp was found with the given name."]:
        assert parser.feed(line, 0.0) is None
    assert parser.errors == ["aerender ERROR: No comp was found with the given name."]
    assert list(parser.tail) == ["line 3", "line 4", parser.errors[0]]


def test_lines_that_say_nothing_give_no_record() -> None:
    parser = AerenderParser()
    for line in ["", "PROGRESS:  ", "PROGRESS:  Render Settings: Best", "PROGRESS:", "hello"]:
        assert parser.feed(line, 0.0) is None
    assert parser.record(0.0)["status"] == "queued"
