"""Suite-wide rules. Under CI (``AERPC_NO_SKIPS=1``, set by .ci/run) a skipped test fails the
run: CI installs node, the node packages and Chromium, so a skip there means a broken setup,
not a missing optional tool."""

from __future__ import annotations

import os

import pytest


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("AERPC_NO_SKIPS") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    skipped = reporter.stats.get("skipped", [])
    if skipped:
        reporter.ensure_newline()
        for report in skipped:
            reporter.write_line(f"AERPC_NO_SKIPS: skipped in CI: {report.nodeid}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
