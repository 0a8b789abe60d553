"""pyproject's dependency floors and .ci/minimum-versions.txt name the same versions, so
`make test-min` tests exactly the lowest versions a user's environment may hold."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_every_runtime_dependency_has_a_floor_and_is_tested_at_it() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floors: dict[str, str] = {}
    for requirement in project["dependencies"]:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", requirement)
        assert match, f"{requirement!r}: give each runtime dependency a floor, name>=X.Y"
        floors[_name(match[1])] = match[2]
    pinned: dict[str, str] = {}
    lines = (ROOT / ".ci" / "minimum-versions.txt").read_text(encoding="utf-8").splitlines()
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pinned[_name(name)] = version
    assert {name: pinned.get(name) for name in floors} == floors
