"""mypy --strict on plugin-like files: the good ones pass, each misuse fails with its message.

Each line of a ``bad/`` file that must fail carries ``# E: <expected message>``; the test runs
mypy once over all of them and matches every expected message to its file and line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ..mypy_run import run_mypy

CASES = Path(__file__).parent / "cases"
ROOT = Path(__file__).resolve().parents[2]
EXPECT = re.compile(r"#\s*E:\s*(.+?)\s*$")


def _mypy(paths: list[Path]) -> tuple[str, int]:
    return run_mypy(paths, "--explicit-package-bases")


@pytest.fixture(scope="module")
def bad_output() -> str:
    output, status = _mypy(sorted((CASES / "bad").glob("*.py")))
    assert status == 1, output
    return output


def test_good_plugins_pass_strict() -> None:
    good = sorted((CASES / "good").glob("*.py"))
    output, _ = _mypy([p for p in good if p.name != "reveal.py"])
    assert output.strip() == "", output


def test_reveal_type_of_get_items() -> None:
    output, _ = _mypy([CASES / "good" / "reveal.py"])
    assert 'Revealed type is "list[TypedDict(aerpc.aftereffects.types.ProjectItem, ' in output, (
        output
    )
    assert "'path': str | None" in output, output


@pytest.mark.parametrize("case", sorted(p.name for p in (CASES / "bad").glob("*.py")))
def test_misuse_fails_with_message(bad_output: str, case: str) -> None:
    path = CASES / "bad" / case
    expected = [
        (number, match.group(1))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if (match := EXPECT.search(line))
    ]
    assert expected, f"{case} has no `# E:` line"
    lines = [line for line in bad_output.splitlines() if f"{case}:" in line]
    for number, message in expected:
        hits = [line for line in lines if f"{case}:{number}: error: " in line]
        assert any(message in hit for hit in hits), (
            f"{case}:{number}: wanted {message!r}; got {lines}"
        )
