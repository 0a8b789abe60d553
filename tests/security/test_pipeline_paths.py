"""Issue 25 §6 on the pipeline's side: a request for a pipeline method whose schema marks a
param as a path is refused by the server's dispatcher when the path breaks the server's
``allow_paths`` (a tool or a host sending it), before the handler runs."""

from __future__ import annotations

import asyncio

import pytest

from aerpc.runtime import Contract, InvalidParams, PathPolicy, Server, ToolPeer

WAIT = 10.0

DOCUMENT = {
    "openrpc": "1.2.6",
    "info": {"title": "paths", "version": "1.0.0"},
    "methods": [
        {
            "name": "publish",
            "x-served-by": "pipeline",
            "params": [
                {"name": "path", "required": True, "schema": {"type": "string", "format": "path"}}
            ],
            "result": {"name": "ok", "schema": {"type": "boolean"}},
        }
    ],
}
CONTRACT = Contract.from_document(DOCUMENT, name="paths")


class Handlers:
    def __init__(self) -> None:
        self.published: list[str] = []

    def publish(self, path: str) -> bool:
        self.published.append(path)
        return True


async def _publish(policy: PathPolicy, paths: list[str]) -> tuple[list[object], list[str]]:
    handlers = Handlers()
    server = Server(handlers, contract=CONTRACT, port=0, allow_paths=policy)
    await server.start_async()
    outcomes: list[object] = []
    try:
        async with ToolPeer(server.url, server.token, contract=CONTRACT) as tool:
            for path in paths:
                try:
                    outcomes.append(await tool.call("publish", {"path": path}))
                except InvalidParams as exc:
                    outcomes.append(exc)
    finally:
        await server.stop_async()
    return outcomes, handlers.published


def test_the_dispatcher_refuses_bad_paths_before_the_handler_runs() -> None:
    bad = ["publish/shot.aep", "/shots/../../etc/passwd", "\\\\attacker\\share\\x"]
    outcomes, published = asyncio.run(
        asyncio.wait_for(_publish(PathPolicy(), [*bad, "/shots/a.aep"]), WAIT)
    )
    assert published == ["/shots/a.aep"]
    for outcome in outcomes[:3]:
        assert isinstance(outcome, InvalidParams)
        assert outcome.data is not None
        assert [e["path"] for e in outcome.data["errors"]] == ["/path"]
    assert outcomes[3] is True


def test_the_pipeline_may_allow_them() -> None:
    paths = ["publish/shot.aep", "\\\\fileserver\\share\\x"]
    outcomes, published = asyncio.run(
        asyncio.wait_for(_publish(PathPolicy.allowing(["relative", "unc"]), paths), WAIT)
    )
    assert outcomes == [True, True]
    assert published == paths


@pytest.mark.parametrize("kinds", [[""], ["all"]])
def test_policy_names(kinds: list[str]) -> None:
    assert PathPolicy.allowing(kinds).allows_all is (kinds == ["all"])
