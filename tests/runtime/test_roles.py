"""One home for this side's calls and for a socket's role.

``CallTable.settle`` is the one settle step of every call this side makes (a tool's through its
connection, the pipeline's to the host through ``Host``): a wire error becomes its typed error,
a result is checked against its method's schema. A server's socket gets its role when its
``Peer`` is built by the session, and keeps it.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import pytest

from aerpc.runtime import InvalidParams, ResultValidationError
from aerpc.runtime.client import Client
from aerpc.runtime.contract import MethodSpec
from aerpc.runtime.protocol import CallTable, Response
from aerpc.runtime.validation import ErrorList

from .conftest import CONTRACT, WAIT, ItemNotFound, async_test, host_peer, serving

ECHO = CONTRACT.methods["echo"]


@dataclass
class Call:
    method: str
    spec: MethodSpec | None


def table_with(call: Call) -> tuple[CallTable[Call], str]:
    table: CallTable[Call] = CallTable("t")
    call_id, _ = table.request(call.method, {"text": "x"}, call)
    return table, call_id


def test_a_result_that_passes_its_check_settles_the_call() -> None:
    table, call_id = table_with(Call("echo", ECHO))
    assert table.settle(Response(call_id, "x"), CONTRACT.error_classes) == (
        Call("echo", ECHO),
        "x",
        None,
    )
    assert call_id not in table


def test_a_wire_error_becomes_its_typed_error() -> None:
    table, call_id = table_with(Call("echo", ECHO))
    error = {"code": ItemNotFound.code, "message": "no item 3"}
    settled = table.settle(Response(call_id, None, error), CONTRACT.error_classes)
    assert settled is not None
    assert isinstance(settled[2], ItemNotFound)
    assert str(settled[2].message) == "no item 3"


def test_a_result_that_breaks_its_schema_is_a_result_validation_error() -> None:
    table, call_id = table_with(Call("echo", ECHO))
    settled = table.settle(Response(call_id, 7), CONTRACT.error_classes)
    assert settled is not None
    assert isinstance(settled[2], ResultValidationError)
    assert "echo" in str(settled[2])


def test_a_reply_to_no_call_settles_nothing_and_unchecked_calls_pass_results_through() -> None:
    table, call_id = table_with(Call("anything", None))
    assert table.settle(Response("t:99", 1), CONTRACT.error_classes) is None
    assert table.settle(Response(call_id, 7), CONTRACT.error_classes) == (
        Call("anything", None),
        7,
        None,
    )


class Broken:
    def result_errors(self, result: object) -> ErrorList:
        raise RuntimeError("a bug in the check")


def test_a_check_that_fails_still_settles_the_call() -> None:
    table: CallTable[Call] = CallTable("t")
    call_id, _ = table.request("echo", {}, Call("echo", Broken()))  # type: ignore[arg-type]
    settled = table.settle(Response(call_id, "x"), CONTRACT.error_classes)
    assert settled is not None
    assert isinstance(settled[2], ResultValidationError)
    assert "could not be checked (RuntimeError)" in str(settled[2])
    assert call_id not in table


def test_params_json_cannot_carry_are_invalid_params_before_anything_is_kept() -> None:
    table: CallTable[Call] = CallTable("t")
    with pytest.raises(InvalidParams, match="echo: params cannot be sent as JSON"):
        table.request("echo", {"text": {1, 2}}, Call("echo", ECHO))
    assert len(table) == 0


@async_test
async def test_each_socket_gets_its_role_when_its_peer_is_built() -> None:
    """The host's socket sends its replies to ``Host``; a tool's keeps its own; neither
    changes after the hello."""
    async with (
        serving(relay=True) as server,
        host_peer(server) as panel,
        Client(server.url, server.token, contract=CONTRACT) as tool,
    ):
        peers = {peer.role: peer for peer in server._peers}
        assert set(peers) == {"host", "tool"}
        host, tool_peer = peers["host"], peers["tool"]
        assert host.hello["instance"] == panel.instance
        assert host.session
        assert host.on_response.__qualname__ == "HostRole.replies.<locals>.reply"  # to Host
        assert host.on_orphan == server.host.stray_reply
        assert tool_peer.on_response == tool_peer.settle
        async with asyncio.timeout(WAIT):  # the tool's host call goes through the relay
            assert await tool.call("echo", {"text": "via relay"}) == "via relay"
