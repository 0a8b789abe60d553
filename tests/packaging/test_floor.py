"""What differs at the aiohttp floor (3.11, `make test-min`): aiohttp before 3.14 has no
`decode_text`, so aiohttp itself closes a socket that sends a TEXT frame of invalid UTF-8 with
1007 (RFC 6455) where 3.14 lets the server answer -32700. Either way the server goes on."""

from __future__ import annotations

import inspect

from aiohttp import WSMsgType, web

from ..runtime.conftest import async_test, closed_with, raw_host, receive, serving

RAW_TEXT = "decode_text" in inspect.signature(web.WebSocketResponse.__init__).parameters


@async_test
async def test_invalid_utf8_is_answered_or_closed_1007_and_the_server_goes_on() -> None:
    async with serving() as server:
        async with raw_host(server) as ws:
            await ws.send_frame(b"\xff\xfe", WSMsgType.TEXT)
            if RAW_TEXT:
                reply = await receive(ws)
                assert reply["error"]["code"] == -32700
            else:
                assert await closed_with(ws) == 1007
        async with raw_host(server) as again:
            await again.send_str('{"jsonrpc":"2.0","id":7,"method":"rpc.no_such"}')
            assert (await receive(again))["id"] == 7
