"""mypy --strict on Qt tools: the typed one passes, each misuse of a call's result fails."""

from __future__ import annotations

import re
from pathlib import Path

from ..mypy_run import run_mypy

CASES = Path(__file__).parent / "cases"
ROOT = Path(__file__).resolve().parents[2]
EXPECT = re.compile(r"#\s*E:\s*(.+?)\s*$")


def _mypy(path: Path) -> tuple[str, int]:
    return run_mypy([path])


def test_a_typed_qt_tool_passes_strict() -> None:
    output, status = _mypy(CASES / "good_tool.py")
    assert (status, output.strip()) == (0, ""), output


def test_wrong_uses_of_the_result_fail() -> None:
    path = CASES / "bad_tool.py"
    output, status = _mypy(path)
    assert status == 1, output
    expected = [
        (number, match.group(1))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if (match := EXPECT.search(line))
    ]
    assert len(expected) == 6
    for number, message in expected:
        hits = [line for line in output.splitlines() if f"bad_tool.py:{number}: error: " in line]
        assert any(message in hit for hit in hits), f"line {number}: {message!r}\n{output}"
    errors = [line for line in output.splitlines() if ": error: " in line]
    assert len(errors) == len(expected), output
