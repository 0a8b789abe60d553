"""The pipeline side's own work per call, without a socket: aerpc against raw's, in one process.

aerpc: the generated ``AsyncAfterEffects.get_items`` on a :class:`~aerpc.runtime.host.Host` (params
checked, scheduled, given its deadline and frame), a link that answers each frame on the loop's
next turn, and the reply read as the host's socket reads it (``Connection.receive``, the host
role's reply step, ``Host.on_response``: the result checked). raw: ``bench/stacks/raw.py``'s
per-call work in the same shape (an ``id -> Future`` table, ``json.dumps`` and ``json.loads``).
Both links read the id of each frame with ``orjson`` and answer it with the same canned reply, so
the difference is aerpc's work alone; what neither has is aiohttp, the socket and the peer
(``bench.node_floor`` measures those). Rounds alternate; medians.

    taskset -c 0 .venv/bin/python -m bench.host_path [--rounds 7] [--calls 20000]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import json
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any, cast

import orjson

from aerpc.aftereffects import CONTRACT, AsyncAfterEffects
from aerpc.runtime.host import Host
from aerpc.runtime.observe import Observer
from aerpc.runtime.peer import Peer
from aerpc.runtime.protocol import Connection, Response
from aerpc.runtime.relay import Relay
from aerpc.runtime.roles import HostRole
from bench.common import METHOD, SMALL_PARAMS, SMALL_REPLY

WARMUP = 2000
_RESULT = orjson.dumps(SMALL_REPLY)


def _reply_to(frame: bytes | str) -> bytes:
    """The canned reply to a request frame, as the host would write it."""
    call_id = orjson.dumps(orjson.loads(frame)["id"])
    return b'{"jsonrpc":"2.0","id":' + call_id + b',"result":' + _RESULT + b"}"


class _Link:
    """A host socket as :class:`Host` sees it: each frame is answered on the loop's next turn."""

    session = "bench"

    def __init__(self, loop: asyncio.AbstractEventLoop, deliver: Callable[[bytes], None]):
        self.hello: Any = {"instance": "bench", "role": "host"}
        self._call_soon = loop.call_soon
        self._deliver = deliver

    def send(self, data: bytes) -> bool:
        self._call_soon(self._deliver, _reply_to(data))
        return True


async def aerpc_calls(calls: int) -> float:
    """µs per typed call through the Host, the reply read as the host's socket reads it."""
    loop = asyncio.get_running_loop()
    host = Host(CONTRACT, reconnect_grace=5.0, max_message_size=1 << 24, observer=Observer())
    host.bind(loop, "ws://bench")
    conn = Connection(max_message_size=1 << 24)
    reply = HostRole(host, Relay(host, CONTRACT, enabled=False)).replies(cast(Peer, None))

    def deliver(data: bytes) -> None:
        for event in conn.receive(data):
            if type(event) is Response:
                reply(event)

    host.attach(cast(Any, _Link(loop, deliver)))
    ae = AsyncAfterEffects(host)
    return await _timed(lambda: ae.get_items(comps=True), calls)


async def raw_calls(calls: int) -> float:
    """µs per call of raw's per-call work, the same shape."""
    loop = asyncio.get_running_loop()
    pending: dict[int, asyncio.Future[Any]] = {}
    ids = itertools.count(1)

    def deliver(data: bytes) -> None:
        message = json.loads(data)
        future = pending.pop(message["id"], None)
        if future is not None and not future.done():
            future.set_result(message.get("result"))

    link = _Link(loop, deliver)

    async def call() -> Any:
        call_id = next(ids)
        future = loop.create_future()
        pending[call_id] = future
        text = json.dumps(
            {"jsonrpc": "2.0", "id": call_id, "method": METHOD, "params": SMALL_PARAMS}
        )
        link.send(text.encode())
        return await future

    return await _timed(call, calls)


async def _timed(call: Callable[[], Awaitable[object]], calls: int) -> float:
    for _ in range(WARMUP):
        await call()
    t0 = time.perf_counter()
    for _ in range(calls):
        await call()
    return (time.perf_counter() - t0) / calls * 1e6


def main() -> None:
    p = argparse.ArgumentParser(
        prog="python -m bench.host_path", description=__doc__.split("\n")[0]
    )
    p.add_argument("--rounds", type=int, default=7)
    p.add_argument("--calls", type=int, default=20_000)
    args = p.parse_args()
    figures: dict[str, list[float]] = {"raw": [], "aerpc": []}
    for r in range(args.rounds):
        sides = [("raw", raw_calls), ("aerpc", aerpc_calls)]
        for name, run in sides if r % 2 == 0 else sides[::-1]:
            gc.collect()
            figures[name].append(asyncio.run(run(args.calls)))
    print(f"pipeline side without a socket, µs per call; median (min) of {args.rounds} rounds")
    print(f"of {args.calls:,} calls\n| side | µs/call | min |\n|---|---:|---:|")
    for name, label in (("raw", "raw's per-call work"), ("aerpc", "aerpc typed call")):
        print(f"| {label} | {statistics.median(figures[name]):.1f} | {min(figures[name]):.1f} |")
    extra = statistics.median(figures["aerpc"]) - statistics.median(figures["raw"])
    print(f"aerpc's own work: {extra:.1f} µs per call")


if __name__ == "__main__":
    main()
