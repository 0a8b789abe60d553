"""The reliability suite's session: its figures are summed over every scenario, printed at the
end (calls made, faults injected, calls lost, calls run twice) and, under ``AERPC_SOAK=1``,
written to ``tests/reliability/last-soak.json`` and into the figures block of
``docs/reliability.md``."""

from __future__ import annotations

import json
import platform
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .support import BUDGET, FIGURES, ROOT, SEED, SESSION_START, SOAK, Stage

FIGURES_JSON = Path(__file__).resolve().parent / "last-soak.json"
DOC = ROOT / "docs" / "reliability.md"
BLOCK = re.compile(r"(<!-- soak-figures:begin -->\n).*?(<!-- soak-figures:end -->)", re.S)


@pytest.fixture
def stage() -> Iterator[Stage]:
    """A server (own thread, port 0) with a counting host peer connected; torn down after."""
    s = Stage(reconnect_grace=10.0)
    try:
        yield s
    finally:
        s.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not FIGURES.scenarios:
        return
    terminalreporter.write_line(FIGURES.summary_line())
    if SOAK:
        terminalreporter.write_line(
            f"aerpc reliability soak: reproduce with AERPC_SEED={SEED} make soak; "
            f"figures written to {FIGURES_JSON.relative_to(ROOT)} and {DOC.relative_to(ROOT)}"
        )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not SOAK or not FIGURES.scenarios:
        return
    elapsed = time.monotonic() - SESSION_START
    record = {
        "command": "make soak",
        "seed": SEED,
        "budget_s": BUDGET,
        "elapsed_s": round(elapsed, 1),
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "python": platform.python_version(),
        "tests_failed": session.testsfailed,
        "total": FIGURES.total.as_dict(),
        "scenarios": {name: f.as_dict() for name, f in sorted(FIGURES.scenarios.items())},
    }
    FIGURES_JSON.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    if DOC.is_file():
        t = FIGURES.total
        table = "\n".join(
            [
                f"Last soak: {record['date']}, seed `{SEED}`, {elapsed:.0f} s, "
                f"{session.testsfailed} test(s) failed.",
                "",
                "| figure | value |",
                "|---|---|",
                f"| calls made | {t.calls} |",
                f"| calls completed | {t.completed} |",
                f"| calls failed (with a truthful error) | {t.failed} |",
                f"| faults injected | {t.faults} |",
                f"| hostile messages sent | {t.hostile_messages} |",
                f"| **calls lost** | **{t.lost}** |",
                f"| **calls run twice** | **{t.twice}** |",
                f"| `maybe_applied` lies | {t.untruthful} |",
                f"| calls ended past their deadline | {t.late} |",
                f"| results matched to another request | {t.mismatched} |",
                f"| idempotent re-runs after a reload (allowed) | {t.reruns_after_reload} |",
                "",
                f"Reproduce: `AERPC_SEED={SEED} make soak` "
                "(figures also in `tests/reliability/last-soak.json`).",
                "",
            ]
        )
        text = DOC.read_text(encoding="utf-8")
        if BLOCK.search(text):
            DOC.write_text(
                BLOCK.sub(lambda m: m.group(1) + table + m.group(2), text), encoding="utf-8"
            )
