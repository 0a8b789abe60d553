"""The sans-I/O core, driven with plain strings: no socket, no loop."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from aerpc.runtime.errors import InternalError, InvalidParams, MethodNotFound
from aerpc.runtime.protocol import (
    CLOSE_BAD_HELLO,
    CLOSE_SCHEMA_MISMATCH,
    CLOSE_UNAUTHORIZED,
    Accepted,
    Answer,
    CallTable,
    Cancel,
    ClientConnection,
    Close,
    Connection,
    Event,
    Hello,
    HelloResult,
    Invalid,
    Refused,
    Request,
    Response,
    Send,
    ServerConnection,
    encode_request,
)

SCHEMA = {"name": "mini", "version": "1", "hash": "sha256:abc"}
RESULT: HelloResult = {
    "session": "s",
    "server": {"name": "aerpc", "version": "0"},
    "schema": {"name": "mini", "version": "1", "hash": "sha256:abc"},
    "limits": {"max_message_size": 1000},
}


def sent(events: list[Event]) -> list[Any]:
    """The JSON of every Send event."""
    return [orjson.loads(e.data) for e in events if isinstance(e, Send)]


def one(events: list[Event]) -> Any:
    (message,) = sent(events)
    return message


def hello(**params: Any) -> str:
    base: dict[str, Any] = {
        "token": "t0ken",
        "role": "host",
        "instance": "i1",
        "schema": SCHEMA,
        "app": {"name": "AEFT", "version": "24.0"},
        "extension_version": "1.0.0",
    }
    base.update(params)
    return orjson.dumps(
        {"jsonrpc": "2.0", "id": "cep:1", "method": "rpc.hello", "params": base}
    ).decode()


def server_conn(**kwargs: Any) -> ServerConnection:
    return ServerConnection(token="t0ken", schema=SCHEMA, **kwargs)


def opened() -> ServerConnection:
    conn = server_conn(max_message_size=1000)
    (event,) = conn.receive(hello())
    assert isinstance(event, Hello)
    conn.accept(event, RESULT)
    return conn


# -- envelopes --------------------------------------------------------------------------------


def test_parse_error_gets_32700_with_null_id() -> None:
    reply = one(Connection().receive('{"jsonrpc": "2.0", "method": '))
    assert reply["id"] is None
    assert reply["error"]["code"] == -32700
    assert reply["jsonrpc"] == "2.0"


@pytest.mark.parametrize("text", ["42", '"x"', "null", "{}", '{"jsonrpc": "2.0"}'])
def test_not_a_request_gets_32600(text: str) -> None:
    reply = one(Connection().receive(text))
    assert reply["error"]["code"] == -32600
    assert reply["id"] is None


def test_invalid_request_echoes_a_readable_id() -> None:
    reply = one(Connection().receive('{"jsonrpc": "2.0", "id": "cep:3", "method": 7}'))
    assert (reply["id"], reply["error"]["code"]) == ("cep:3", -32600)
    reply = one(Connection().receive('{"jsonrpc": "1.0", "id": 5, "method": "echo"}'))
    assert (reply["id"], reply["error"]["code"]) == (5, -32600)


@pytest.mark.parametrize("id", ["null", "1.5", "true", "[1]", "{}"])
def test_bad_ids_are_invalid_requests(id: str) -> None:
    reply = one(Connection().receive(f'{{"jsonrpc": "2.0", "id": {id}, "method": "echo"}}'))
    assert (reply["id"], reply["error"]["code"]) == (None, -32600)


def test_request_and_notification() -> None:
    conn = Connection()
    (request,) = conn.receive(
        '{"jsonrpc":"2.0","id":"cep:1","method":"open_tool","params":{"a":1}}'
    )
    assert request == Request("open_tool", {"a": 1}, "cep:1")
    (note,) = conn.receive('{"jsonrpc":"2.0","method":"open_tool"}')
    assert note == Request("open_tool", {}, None)
    assert conn.reply(note, None) == Answer(None, None)  # notifications get nothing
    assert conn.reply_error(note, InternalError("x")) == Answer(None, None)
    answer = conn.reply(request, [1])
    assert answer.send is answer.reply
    assert orjson.loads(answer.send or b"") == {
        "jsonrpc": "2.0",
        "id": "cep:1",
        "result": [1],
    }


def test_positional_params_are_refused() -> None:
    reply = one(Connection().receive('{"jsonrpc":"2.0","id":2,"method":"echo","params":[1]}'))
    assert (reply["id"], reply["error"]["code"]) == (2, -32602)
    (event,) = Connection().receive('{"jsonrpc":"2.0","method":"echo","params":[1]}')
    assert isinstance(event, Invalid)  # a notification is never answered


def test_responses() -> None:
    conn = Connection()
    (ok,) = conn.receive('{"jsonrpc":"2.0","id":"py:1","result":{"a":1}}')
    assert ok == Response("py:1", {"a": 1}, None)
    (err,) = conn.receive('{"jsonrpc":"2.0","id":"py:2","error":{"code":1001,"message":"gone"}}')
    assert err == Response("py:2", None, {"code": 1001, "message": "gone"})
    (null_result,) = conn.receive('{"jsonrpc":"2.0","id":"py:3","result":null}')
    assert null_result == Response("py:3", None, None)


def test_a_peer_error_with_a_null_id_is_reported_not_answered() -> None:
    (event,) = Connection().receive('{"jsonrpc":"2.0","id":null,"error":{"code":-3,"message":"x"}}')
    assert isinstance(event, Invalid)


@pytest.mark.parametrize(
    "text",
    [
        '{"jsonrpc":"2.0","id":"py:1","result":1,"error":{"code":1,"message":"x"}}',
        '{"jsonrpc":"2.0","id":"py:1","error":"text"}',
        '{"id":"py:1","result":1}',
    ],
)
def test_broken_responses_with_an_id_fail_that_call_unanswered(text: str) -> None:
    """tests/security/test_malformed_replies.py shows it through a socket."""
    (event,) = Connection().receive(text)
    assert isinstance(event, Response)
    assert event.id == "py:1"
    assert event.error is not None
    assert event.error["code"] == -32600


def test_empty_batch_is_one_invalid_request() -> None:
    reply = one(Connection().receive("[]"))
    assert isinstance(reply, dict)
    assert (reply["id"], reply["error"]["code"]) == (None, -32600)


def test_batch_replies_once_all_are_answered() -> None:
    conn = Connection()
    events = conn.receive(
        orjson.dumps(
            [
                {"jsonrpc": "2.0", "id": "a", "method": "m", "params": {}},
                {"jsonrpc": "2.0", "method": "note"},
                {"foo": 1},
                {"jsonrpc": "2.0", "id": "b", "method": "m"},
                {"jsonrpc": "2.0", "id": "py:9", "result": 3},
                {"jsonrpc": "2.0", "id": "c", "method": "rpc.nothing"},
            ]
        )
    )
    requests = [e for e in events if isinstance(e, Request)]
    assert [r.id for r in requests] == ["a", None, "b"]
    assert [e for e in events if isinstance(e, Response)] == [Response("py:9", 3)]
    assert not sent(events)  # the invalid member waits in the batch reply
    a, note, b = requests
    b_answer = conn.reply(b, "B")
    assert b_answer.send is None  # the batch waits for a
    assert orjson.loads(b_answer.reply or b"") == {"jsonrpc": "2.0", "id": "b", "result": "B"}
    assert conn.reply(note, None) == Answer(None, None)
    frame = conn.reply_error(a, MethodNotFound("m?")).send
    assert frame is not None
    replies = orjson.loads(frame)
    assert sorted(
        (r["id"] or "", r.get("result"), r.get("error", {}).get("code")) for r in replies
    ) == [
        ("", None, -32600),
        ("a", None, -32601),
        ("b", "B", None),
        ("c", None, -32601),
    ]


def test_batch_of_notifications_gets_nothing() -> None:
    events = Connection().receive('[{"jsonrpc":"2.0","method":"a"},{"jsonrpc":"2.0","method":"b"}]')
    assert [type(e) for e in events] == [Request, Request]


def test_batch_of_invalid_members_is_answered_at_once() -> None:
    replies = one(Connection().receive("[1, 2]"))
    assert [r["error"]["code"] for r in replies] == [-32600, -32600]


def test_rpc_cancel() -> None:
    conn = Connection()
    assert conn.receive('{"jsonrpc":"2.0","method":"rpc.cancel","params":{"id":"cep:4"}}') == [
        Cancel("cep:4")
    ]
    (event,) = conn.receive('{"jsonrpc":"2.0","method":"rpc.cancel","params":{}}')
    assert isinstance(event, Invalid)


def test_reserved_methods() -> None:
    conn = Connection()
    reply = one(conn.receive('{"jsonrpc":"2.0","id":1,"method":"rpc.hello","params":{}}'))
    assert reply["error"]["code"] == -32600
    reply = one(conn.receive('{"jsonrpc":"2.0","id":2,"method":"rpc.discover"}'))
    assert reply["error"]["code"] == -32601


def test_oversized_reply_becomes_32004() -> None:
    conn = Connection(max_message_size=100)
    (request,) = conn.receive('{"jsonrpc":"2.0","id":"cep:1","method":"blob"}')
    assert isinstance(request, Request)
    reply = orjson.loads(conn.reply(request, "x" * 200).send or b"")
    assert reply["error"]["code"] == -32004
    assert "over the limit of 100 bytes" in reply["error"]["message"]


def test_unencodable_result_becomes_32603() -> None:
    conn = Connection()
    (request,) = conn.receive('{"jsonrpc":"2.0","id":"cep:1","method":"m"}')
    assert isinstance(request, Request)
    reply = orjson.loads(conn.reply(request, {1, 2}).send or b"")
    assert reply["error"]["code"] == -32603


def test_binary_frames_are_refused() -> None:
    assert one(Connection().binary_frame())["error"]["code"] == -32600


# -- hello ------------------------------------------------------------------------------------


def test_hello_accepted() -> None:
    conn = server_conn()
    (event,) = conn.receive(hello())
    assert isinstance(event, Hello)
    assert event.params["instance"] == "i1"
    assert conn.state == "deciding"
    assert conn.receive('{"jsonrpc":"2.0","id":1,"method":"echo"}') == []  # nothing before
    reply = orjson.loads(conn.accept(event, RESULT))
    assert reply == {"jsonrpc": "2.0", "id": "cep:1", "result": RESULT}
    assert conn.state == "open"  # type: ignore[comparison-overlap]  # accept() changed it
    assert conn.receive('{"jsonrpc":"2.0","id":1,"method":"echo"}') == [Request("echo", {}, 1)]


@pytest.mark.parametrize(
    "first",
    [
        '{"jsonrpc":"2.0","id":1,"method":"echo","params":{"text":"x"}}',
        '{"jsonrpc":"2.0","method":"rpc.hello","params":{"token":"t0ken"}}',
        "not json",
        "[]",
    ],
)
def test_first_message_must_be_hello(first: str) -> None:
    conn = server_conn()
    events = conn.receive(first)
    assert one(events)["error"]["code"] == -32001
    close = events[-1]
    assert isinstance(close, Close)
    assert close.code == CLOSE_UNAUTHORIZED
    assert close.reason.startswith("the first message must be the request rpc.hello")
    assert conn.state == "closed"


@pytest.mark.parametrize("token", ["wrong", "", None, 5, "t0ken "])
def test_wrong_token(token: object) -> None:
    conn = server_conn()
    events = conn.receive(hello(token=token))
    reply = one(events)
    assert (reply["id"], reply["error"]["code"]) == ("cep:1", -32001)
    assert "t0ken" not in reply["error"]["message"]
    assert isinstance(events[-1], Close)
    assert events[-1].code == CLOSE_UNAUTHORIZED


def test_non_ascii_token_is_compared_safely() -> None:
    conn = ServerConnection(token="tök€n", schema=SCHEMA)
    assert isinstance(conn.receive(hello(token="tök€n"))[0], Hello)
    conn = ServerConnection(token="tök€n", schema=SCHEMA)
    assert one(conn.receive(hello(token="tok€n")))["error"]["code"] == -32001


def test_malformed_hello_with_the_right_token() -> None:
    events = server_conn().receive(hello(role="browser", instance=""))
    reply = one(events)
    assert reply["error"]["code"] == -32602
    paths = sorted(e["path"] for e in reply["error"]["data"]["errors"])
    assert paths == ["/instance", "/role"]
    assert isinstance(events[-1], Close)
    assert events[-1].code == CLOSE_BAD_HELLO


def test_schema_mismatch() -> None:
    other = {"name": "mini", "version": "2", "hash": "sha256:def"}
    events = server_conn().receive(hello(schema=other))
    reply = one(events)
    assert reply["error"]["code"] == -32002
    assert reply["error"]["data"] == {"server": SCHEMA, "peer": other, "rule": "major-version"}
    assert "major versions differ" in reply["error"]["message"]
    assert isinstance(events[-1], Close)
    assert events[-1].code == CLOSE_SCHEMA_MISMATCH
    # unless allowed
    (event,) = server_conn(allow_schema_mismatch=True).receive(hello(schema=other))
    assert isinstance(event, Hello)


def test_hello_timeout_and_refusal() -> None:
    events = server_conn().hello_timed_out(5)
    assert one(events)["error"]["message"] == "no rpc.hello within 5 s"
    assert events[-1] == Close(CLOSE_UNAUTHORIZED, "no rpc.hello within 5 s")
    conn = server_conn()
    (event,) = conn.receive(hello())
    assert isinstance(event, Hello)
    refused = conn.refuse(event, InvalidParams("no"), 4403)
    assert one(refused)["id"] == "cep:1"
    assert refused[-1] == Close(4403, "no")


# -- ids and pending calls --------------------------------------------------------------------


def test_call_table() -> None:
    table: CallTable[str] = CallTable("py")
    ids = [table.new_id() for _ in range(3)]
    assert ids == ["py:1", "py:2", "py:3"]
    table.add(ids[0], "first")
    table.add(ids[1], "second")
    assert len(table) == 2
    assert ids[0] in table
    assert table.pop(ids[0]) == "first"
    assert table.pop(ids[0]) is None
    assert list(table) == ["second"]
    assert table.drain() == ["second"]
    assert len(table) == 0


def test_request_round_trip_between_two_cores() -> None:
    calls: CallTable[str] = CallTable("py")
    call_id = calls.new_id()
    calls.add(call_id, "echo")
    panel = opened()
    (request,) = panel.receive(encode_request(call_id, "echo", {"text": "hi"}))
    assert isinstance(request, Request)
    frame = panel.reply(request, "hi").send
    assert frame is not None
    (response,) = Connection().receive(frame)
    assert isinstance(response, Response)
    assert calls.pop(response.id) == "echo"
    assert response.result == "hi"


# -- replies held to the size limit, payloads kept out of reasons -----------------------------

LIMIT = 1000


def test_a_batch_of_junk_gets_one_error_within_the_limit() -> None:
    conn = opened()
    frame = "[" + ",".join(["1"] * 400) + "]"
    conn.max_batch = 400
    (event,) = conn.receive(frame)
    assert isinstance(event, Send)
    assert len(event.data) <= LIMIT
    reply = orjson.loads(event.data)
    assert (reply["id"], reply["error"]["code"]) == (None, -32004)
    assert "400 of them" in reply["error"]["message"]


def test_a_batch_within_the_limit_is_answered_member_by_member() -> None:
    conn = opened()
    (event,) = conn.receive("[1,2]")
    assert [r["error"]["code"] for r in one([event])] == [-32600, -32600]


def test_a_batch_whose_results_go_over_the_limit_gets_one_error() -> None:
    conn = opened()
    requests = [{"jsonrpc": "2.0", "id": i, "method": "echo", "params": {}} for i in range(3)]
    events = conn.receive(orjson.dumps(requests))
    assert all(isinstance(e, Request) for e in events)
    frames = [conn.reply(e, "x" * 400).send for e in events if isinstance(e, Request)]
    assert frames[:2] == [None, None]
    last = frames[2]
    assert last is not None
    assert len(last) <= LIMIT
    assert orjson.loads(last)["error"]["code"] == -32004


def test_an_id_too_long_to_echo_gets_the_error_with_a_null_id() -> None:
    conn = opened()
    request = {"jsonrpc": "2.0", "id": "i" * (LIMIT - 40), "method": "rpc.nope"}
    reply = one(conn.receive(orjson.dumps(request)))
    assert reply["id"] is None
    assert reply["error"]["code"] == -32601
    assert "too long to echo" in reply["error"]["message"]


def test_an_error_reply_over_the_limit_becomes_a_short_one_with_its_id() -> None:
    conn = opened()
    (request,) = conn.receive(orjson.dumps({"jsonrpc": "2.0", "id": 3, "method": "echo"}))
    assert isinstance(request, Request)
    frame = conn.reply_error(request, InternalError("m" * 5000, {"big": "d" * 5000})).send
    assert frame is not None
    assert len(frame) <= LIMIT
    reply = orjson.loads(frame)
    assert (reply["id"], reply["error"]["code"]) == (3, -32004)
    assert "error -32603" in reply["error"]["message"]


@pytest.mark.parametrize("where", ["method", "params"])
def test_echoed_strings_are_clipped(where: str) -> None:
    big = "x" * 5000
    conn = opened()
    message: dict[str, Any] = {"jsonrpc": "2.0", "id": 1, "method": "rpc." + big}
    if where == "params":
        message = {"jsonrpc": "2.0", "id": 1, "method": big, "params": [1]}
    (event,) = conn.receive(orjson.dumps(message))
    assert isinstance(event, Send)
    assert len(event.data) < 600
    assert "…[50" in orjson.loads(event.data)["error"]["message"]


def test_reasons_quote_no_payload() -> None:
    conn = Connection()
    payloads = [
        {"jsonrpc": "2.0", "id": None, "error": {"code": 7, "message": "SECRET"}},
        {"jsonrpc": "2.0", "id": "x", "result": "SECRET", "error": {"message": "SECRET"}},
        {"jsonrpc": "2.0", "method": "m" * 1000, "params": ["SECRET"]},  # the name, clipped
    ]
    for payload in payloads:
        (event,) = conn.receive(orjson.dumps(payload))
        assert isinstance(event, Invalid | Response)
        text = event.reason if isinstance(event, Invalid) else str(event.error)
        assert "SECRET" not in text
        assert len(text) < 300
    (event,) = conn.receive(orjson.dumps(payloads[0]))
    assert isinstance(event, Invalid)
    assert event.reason == "the peer reported an error (code 7) with a null id"
    assert event.orphan
    assert event.detail == {"code": 7, "message": "SECRET"}


@pytest.mark.parametrize("depth", [1000, 1022])
def test_deeply_nested_values_do_not_break_the_core(depth: int) -> None:
    deep = "[" * depth + "]" * depth
    conn = Connection()
    (event,) = conn.receive('{"jsonrpc":"2.0","id":null,"error":' + deep + "}")
    assert isinstance(event, Invalid)
    (event,) = conn.receive('{"jsonrpc":"2.0","id":"py:1","result":' + deep + "}")
    assert isinstance(event, Response)


def test_an_unparsable_reply_fails_the_call_it_answers() -> None:
    events = Connection().receive('{"jsonrpc":"2.0","id":"py:4","result":NaN}')
    assert one(events)["error"]["code"] == -32700
    (response,) = [e for e in events if isinstance(e, Response)]
    assert response.id == "py:4"
    assert response.error is not None
    assert response.error["code"] == -32700
    assert "py:4" in response.error["message"]


def test_lone_surrogates_in_a_request() -> None:
    conn = opened()
    (request,) = conn.receive('{"jsonrpc":"2.0","id":1,"method":"echo","params":{"t":"\\ud800"}}')
    assert isinstance(request, Request)
    assert request.params == {"t": "\ud800"}
    frame = conn.reply(request, "\udc00").send
    assert frame == b'{"jsonrpc":"2.0","id":1,"result":"\\udc00"}'


# -- the connection's own state: batches, this side's calls, the client's hello -----------------


def test_batch_members_are_numbered_and_the_batch_is_forgotten_once_answered() -> None:
    conn = Connection()
    events = conn.receive(
        orjson.dumps([{"jsonrpc": "2.0", "id": i, "method": "m", "params": {}} for i in (1, 2)])
    )
    first, second = (e for e in events if isinstance(e, Request))
    assert first.seq != second.seq
    assert first.seq
    assert conn.reply(second, 2).send is None
    done = conn.reply(first, 1)
    assert [r["id"] for r in orjson.loads(done.send or b"")] == [2, 1]
    assert conn._batches == {}
    (alone,) = conn.receive('{"jsonrpc":"2.0","id":3,"method":"m"}')
    assert isinstance(alone, Request)
    assert alone.seq == 0


def test_request_gives_ids_from_the_call_table_and_the_time_left() -> None:
    conn = Connection(prefix="tool")
    first, data = conn.request("echo", {"text": "a"}, time_left=1.5, call="kept")
    second, _ = conn.request("echo", {"text": "b"})
    assert (first, second) == ("tool:1", "tool:2")
    assert orjson.loads(data) == {
        "jsonrpc": "2.0",
        "id": "tool:1",
        "method": "echo",
        "params": {"text": "a"},
        "aerpc": {"timeout_ms": 1500},
    }
    assert conn.calls.pop(first) == "kept"
    assert second in conn.calls


def _client() -> ClientConnection:
    return ClientConnection(prefix="tool", max_message_size=5000)


def _state(conn: ClientConnection) -> str:
    return conn.state


def test_client_hello_accepted_opens_and_obeys_the_servers_limit() -> None:
    conn = _client()
    assert _state(conn) == "new"
    request = orjson.loads(conn.hello({"token": "t"}))
    assert (request["method"], request["id"], _state(conn)) == ("rpc.hello", "tool:1", "hello")
    assert conn.receive('{"jsonrpc":"2.0","method":"open_tool"}') == [
        Invalid("the server sent something other than the reply to rpc.hello")
    ]
    assert _state(conn) == "closed"
    conn = _client()
    conn.hello({"token": "t"})
    (event,) = conn.receive(orjson.dumps({"jsonrpc": "2.0", "id": "tool:1", "result": RESULT}))
    assert event == Accepted(RESULT)
    assert conn.state == "open"
    assert conn.max_message_size == 1000  # the server's, lower than this side's
    assert "tool:1" not in conn.calls
    (request,) = conn.receive('{"jsonrpc":"2.0","id":"py:1","method":"echo"}')
    assert isinstance(request, Request)
    with pytest.raises(RuntimeError, match="already sent"):
        conn.hello({})


def test_client_hello_refused_closes() -> None:
    conn = _client()
    conn.hello({"token": "bad"})
    error = {"code": -32001, "message": "missing or wrong token"}
    (event,) = conn.receive(orjson.dumps({"jsonrpc": "2.0", "id": "tool:1", "error": error}))
    assert event == Refused(error)
    assert conn.state == "closed"
    assert conn.receive('{"jsonrpc":"2.0","id":"py:1","method":"echo"}') == []


def test_a_client_and_a_server_connection_talk_hello_then_calls() -> None:
    client = _client()
    server = server_conn(max_message_size=800)
    (hello_event,) = server.receive(client.hello(orjson.loads(hello())["params"]))
    assert isinstance(hello_event, Hello)
    (accepted,) = client.receive(server.accept(hello_event, RESULT))
    assert isinstance(accepted, Accepted)
    call_id, data = client.request("echo", {"text": "x"}, call="future")
    (request,) = server.receive(data)
    assert isinstance(request, Request)
    (response,) = client.receive(server.reply(request, "x").send or b"")
    assert response == Response(call_id, "x")
    assert client.calls.pop(call_id) == "future"
