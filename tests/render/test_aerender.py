"""The Python API (render, render_async) running the fake aerender in a child process."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from aerpc.aftereffects import CONTRACT
from aerpc.aftereffects.types import RenderProgress as GeneratedRenderProgress
from aerpc.render import (
    AerenderNotFound,
    ProjectNotFound,
    RenderFailed,
    RenderJob,
    RenderProgress,
    find_aerender,
    render,
    render_async,
)
from aerpc.runtime.events import EventCatalog

from .conftest import FAKE, WAIT

CONTRACT_EVENTS = EventCatalog.from_document(CONTRACT.document)


def test_render_reports_progress_and_returns_the_outputs(
    project: Path, fake_env: dict[str, str], tmp_path: Path
) -> None:
    job = RenderJob(str(project), comp="Shot 1", output="/out/shot_[####].png", start=0, end=9)
    records: list[RenderProgress] = []
    final = render(job, aerender=str(FAKE), on_progress=records.append, env=fake_env)
    assert final["status"] == "done"
    assert final["outputs"] == ["/out/shot_[####].png"]
    assert (final["comp_name"], final["frames_done"], final["frames_total"]) == ("Shot 1", 10, 10)
    statuses = [r["status"] for r in records]
    assert statuses[0] == "queued"
    assert statuses[-1] == "done"
    assert statuses.count("done") == 1
    assert [r["frames_done"] for r in records if r["status"] == "rendering"] == list(range(11))
    # one consumer view: the schema's RenderProgress, the payload of the render_progress event
    spec = CONTRACT_EVENTS.specs["render_progress"]
    for record in records:
        assert spec.validator.is_valid(record), spec.validator.errors(record)
    assert {r["source"] for r in records} == {"aerender"}
    assert len({r["render_id"] for r in records}) == 1
    assert RenderProgress is GeneratedRenderProgress
    args = (tmp_path / "aerender.args").read_text().splitlines()
    assert args[:2] == ["-project", str(project)]
    assert args[args.index("-comp") + 1] == "Shot 1"
    assert args[args.index("-v") + 1] == "ERRORS_AND_PROGRESS"
    assert args[args.index("-s") + 1 : args.index("-s") + 4] == ["0", "-e", "9"]


def test_a_failing_aerender_raises_with_its_log_tail(
    project: Path, fake_env: dict[str, str]
) -> None:
    fake_env["FAKE_AERENDER_MODE"] = "fail"
    records: list[RenderProgress] = []
    with pytest.raises(RenderFailed) as caught:
        render(
            RenderJob(str(project)), aerender=str(FAKE), on_progress=records.append, env=fake_env
        )
    error = caught.value
    assert error.exit_code == 1
    assert "\n" not in str(error)
    assert "No comp was found" in str(error)
    assert error.log_tail[-1] == "aerender ERROR: No comp was found with the given name."
    assert error.log_tail[0].startswith("aerender version")
    assert records[-1]["status"] == "err_stopped"


def test_an_error_line_with_exit_0_is_a_failure(project: Path, fake_env: dict[str, str]) -> None:
    fake_env["FAKE_AERENDER_MODE"] = "error0"
    with pytest.raises(RenderFailed, match=r"exit 0\): aerender ERROR") as caught:
        render(RenderJob(str(project)), aerender=str(FAKE), env=fake_env)
    assert caught.value.exit_code == 0


def test_cancelling_render_async_ends_aerender(
    project: Path, fake_env: dict[str, str], tmp_path: Path
) -> None:
    fake_env["FAKE_AERENDER_MODE"] = "slow"
    records: list[RenderProgress] = []

    async def main() -> None:
        third = asyncio.Event()

        def seen(record: RenderProgress) -> None:
            records.append(record)
            if (record["frames_done"] or 0) >= 3:
                third.set()

        job = RenderJob(str(project), comp="Main")
        task = asyncio.create_task(
            render_async(job, aerender=str(FAKE), on_progress=seen, env=fake_env)
        )
        async with asyncio.timeout(WAIT):
            await third.wait()
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

    asyncio.run(main())
    assert records[-1]["status"] == "user_stopped"
    pid = int((tmp_path / "aerender.pid").read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_find_aerender_says_what_to_do(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("AERPC_AERENDER", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(AerenderNotFound, match="--aerender PATH"):
        find_aerender()
    with pytest.raises(AerenderNotFound, match=r"no executable aerender at /nowhere/aerender"):
        find_aerender("/nowhere/aerender")
    monkeypatch.setenv("AERPC_AERENDER", str(FAKE))
    assert find_aerender() == str(FAKE)


def test_a_missing_project_is_named(tmp_path: Path, fake_env: dict[str, str]) -> None:
    with pytest.raises(ProjectNotFound, match="no project file at"):
        render(RenderJob(str(tmp_path / "none.aep")), aerender=str(FAKE), env=fake_env)
