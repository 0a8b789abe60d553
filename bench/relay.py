"""What the relay costs: sequential ``get_app_version`` calls through the server's own host
channel, then from a tool (``RemoteHost``) through the server's relay, against the Python host
stand-in, all on one loop (so the figures compare hops, not processes).

    .venv/bin/python bench/relay.py          # three rounds of 2000 calls each way
"""

from __future__ import annotations

import asyncio
import time

from aerpc.aftereffects import CONTRACT, AsyncAfterEffects
from aerpc.runtime import RemoteHost, Server
from aerpc.testing import FakePanel

CALLS = 2000
ROUNDS = 3


class _Host:
    def get_app_version(self) -> str:
        return "24.0"


async def _rate(ae: AsyncAfterEffects) -> float:
    for _ in range(100):  # warm up
        await ae.get_app_version()
    started = time.perf_counter()
    for _ in range(CALLS):
        await ae.get_app_version()
    return CALLS / (time.perf_counter() - started)


async def main() -> None:
    server = Server(port=0, contract=CONTRACT, relay=True)
    await server.start_async()
    try:
        async with FakePanel(server.url, server.token, _Host(), contract=CONTRACT):
            host = await server.wait_for_host_async(10)
            async with RemoteHost(server.url, server.token, contract=CONTRACT) as remote:
                for _ in range(ROUNDS):
                    direct = await _rate(AsyncAfterEffects(host))
                    relayed = await _rate(AsyncAfterEffects(remote))
                    print(
                        f"direct {direct:6.0f} calls/s   relayed {relayed:6.0f} calls/s   "
                        f"relayed/direct {relayed / direct:.2f}"
                    )
    finally:
        await server.stop_async()


if __name__ == "__main__":
    asyncio.run(main())
