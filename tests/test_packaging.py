"""pyproject's dependency floors and .ci/minimum-versions.txt name the same versions, so
`make test-min` tests exactly the lowest versions a user's environment may hold; the README says
which those are; the metadata PyPI shows is complete."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _project() -> dict[str, Any]:
    project: dict[str, Any] = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    return project


def _floors() -> dict[str, str]:
    """name → floor of every runtime dependency and of the codegen extra."""
    project = _project()
    floors: dict[str, str] = {}
    for requirement in [*project["dependencies"], *project["optional-dependencies"]["codegen"]]:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", requirement)
        assert match, f"{requirement!r}: give each dependency a floor, name>=X.Y"
        floors[_name(match[1])] = match[2]
    return floors


def test_every_dependency_has_a_floor_and_is_tested_at_it() -> None:
    floors = _floors()
    pinned: dict[str, str] = {}
    lines = (ROOT / ".ci" / "minimum-versions.txt").read_text(encoding="utf-8").splitlines()
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            pinned[_name(name)] = version
    assert {name: pinned.get(name) for name in floors} == floors


def test_the_readme_names_the_tested_floors() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, version in _floors().items():
        if name != "ruff":
            assert f"{name} {version}" in readme, f"README: say that {name} {version} is tested"


def test_runtime_users_do_not_install_the_code_generator() -> None:
    runtime = {_name(r) for r in _project()["dependencies"]}
    assert "jinja2" not in runtime
    assert "ruff" not in runtime


def test_pypi_metadata() -> None:
    project = _project()
    assert "Typing :: Typed" in project["classifiers"]
    assert {"Homepage", "Documentation", "Source", "Issues"} <= set(project["urls"])
    assert project["readme"] == "README.md"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.index("pip install aerpc") < readme.index("make demo"), "users first"


def test_the_readme_examples_are_the_tested_files() -> None:
    """The README shows examples/quickstart.py and examples/test_plugin.py whole (mypy checks
    both; tests/packaging/test_wheel.py runs the second from the installed wheel)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.DOTALL)
    for name in ("quickstart.py", "test_plugin.py"):
        text = (ROOT / "examples" / name).read_text(encoding="utf-8")
        assert text in blocks, f"README: show examples/{name} as it is"
