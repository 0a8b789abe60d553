"""The typed client's edges, over real sockets: ``pathlib.Path`` wherever the schema says a path,
``InvalidParams`` naming the method and param for any value that is not JSON (never a
validator's own ``ValueError``), the per-client connect timeout, readable reprs, ``with`` and
``async with`` servers, and handler objects that lack pipeline methods."""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from aerpc import aftereffects
from aerpc.aftereffects import CONTRACT as AE_CONTRACT
from aerpc.aftereffects import AfterEffects, AsyncAfterEffects
from aerpc.runtime import HandlersWarning, InvalidParams, NotConnected, Server
from aerpc.testing import FakePanel

from .conftest import WAIT, async_test


class Host:
    """The two host methods these tests call, recording what arrived."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []

    def open(self, path: str, **options: Any) -> None:
        self.received.append({"path": path})

    def import_background(self, name: str, paths: list[str], comp_id: int | None = None) -> Any:
        self.received.append({"paths": paths})
        return AE_CONTRACT.methods["import_background"].examples[0]["result"]["value"]


class Partial:
    def launched(self) -> None:
        pass


def Pipeline() -> Any:
    """A handler object lacking most pipeline methods on purpose (mypy refuses it as is)."""
    return Partial()


@asynccontextmanager
async def ae_host() -> AsyncIterator[tuple[Server, Host, AsyncAfterEffects]]:
    impl = Host()
    async with aftereffects.server(Pipeline()) as server:
        peer = FakePanel(server.url, server.token, impl, contract=AE_CONTRACT)
        async with peer:
            host = await server.wait_for_host_async(WAIT)
            yield server, impl, AsyncAfterEffects(host)


@async_test
async def test_a_path_param_takes_a_pathlib_path() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HandlersWarning)
        async with ae_host() as (_, impl, ae):
            await ae.open(path=Path("/projects/sh010/work/sh010_v003.aep"))
            await ae.import_background(
                name="bg", paths=[PurePosixPath("/plates/a.exr"), "/plates/b.exr"]
            )
    assert impl.received == [
        {"path": "/projects/sh010/work/sh010_v003.aep"},
        {"paths": ["/plates/a.exr", "/plates/b.exr"]},
    ]
    assert all(type(p) is str for p in impl.received[1]["paths"])


@async_test
async def test_a_value_that_is_not_json_is_invalid_params_naming_method_and_param() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HandlersWarning)
        async with ae_host() as (server, impl, _):
            for value in (Path("/x.txt"), {1, 2}, object()):
                with pytest.raises(InvalidParams) as caught:
                    await server.host.call("print_msg", {"msg": value})
                message = str(caught.value)
                assert message.startswith("print_msg: params break the schema at /msg:")
                assert type(value).__name__ in message
                assert caught.value.data["errors"][0]["path"] == "/msg"
            with pytest.raises(InvalidParams) as nested:
                await server.host.call(
                    "import_background", {"name": {"bg"}, "paths": ["/a", Path("/b")]}
                )
            assert str(nested.value).startswith("import_background: params break the schema")
            assert nested.value.data["errors"][0]["path"] == "/name"
    assert impl.received == []  # nothing was sent


@async_test
async def test_the_client_connect_timeout_overrides_the_servers() -> None:
    async with aftereffects.server(None, connect_timeout=60) as server:
        ae = AsyncAfterEffects(server.host).with_connect_timeout(0.2)
        with pytest.raises(NotConnected) as caught:
            await asyncio.wait_for(ae.render(comp_id=1, output_dir=Path("/renders")), WAIT)
    message = str(caught.value)
    assert message.startswith("render: no After Effects host connected")
    assert "within the connect timeout (0.2 s; the call's deadline of 86400 s" in message
    assert "no panel has tried to connect" in message


@async_test
async def test_reprs_say_where_and_who() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HandlersWarning)
        async with ae_host() as (server, _, ae):
            text = repr(server)
            assert server.url in text
            assert "running" in text
            assert "host instance" in text
            host_text = repr(server.host)
            assert server.url in host_text
            assert "connected instance=" in host_text
            assert repr(ae).startswith("<AsyncAfterEffects <Host ws://127.0.0.1:")
            timed = repr(AfterEffects(server.host).with_timeout(5))
            assert "timeout=5.0" in timed
    assert "stopped" in repr(server)
    assert "not started" in repr(aftereffects.server(Pipeline()))


def test_with_server_starts_and_stops_it() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HandlersWarning)
        with aftereffects.server(Pipeline()) as server:
            assert server.is_running
        assert not server.is_running


def test_a_handler_object_lacking_pipeline_methods_is_reported_at_start() -> None:
    server = aftereffects.server(Pipeline())
    with pytest.warns(HandlersWarning, match="lacks the pipeline method") as caught:
        server.start()
    server.stop()
    message = str(caught[0].message)
    assert "open_tool" in message
    assert "launched" not in message
    strict = aftereffects.server(Pipeline(), strict_handlers=True)
    with pytest.raises(TypeError, match=r"open_tool.*strict_handlers=True"):
        strict.start()
    assert not strict.is_running


@async_test
async def test_a_call_to_a_missing_handler_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HandlersWarning)
        async with ae_host() as (server, _, _):
            tool = aftereffects.client(server.url, server.token, role="tool")
            with caplog.at_level(logging.WARNING, logger="aerpc"):
                async with tool:
                    with pytest.raises(Exception, match="no handler"):
                        await tool.call("open_tool", {"tool": "publisher"})
    logged = [r.getMessage() for r in caplog.records if "does not implement" in r.getMessage()]
    assert len(logged) == 1
    assert "open_tool" in logged[0]
    assert "Partial" in logged[0]
