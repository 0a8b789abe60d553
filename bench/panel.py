"""The panel process (pinned to CPU 1): every Python peer, one connection each.

    python -m bench.panel '{"raw": URL, "wsrpc_raw": URL, "wsrpc": URL, "aerpc": {url, token}}'

Runs until the pipeline process terminates it (or every connection has closed).
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Coroutine
from typing import Any

from bench.stacks import aerpc, raw, wsrpc


async def main(spec: dict[str, Any]) -> None:
    peers: list[Coroutine[Any, Any, None]] = []
    if "raw" in spec:
        peers.append(raw.run_peer(spec["raw"]))
    if "wsrpc_raw" in spec:
        peers.append(wsrpc.run_echo_peer(spec["wsrpc_raw"]))
    if "wsrpc" in spec:
        peers.append(wsrpc.run_client_peer(spec["wsrpc"]))
    if "aerpc" in spec:
        peers.append(aerpc.run_peer(spec["aerpc"]["url"], spec["aerpc"]["token"]))
    results = await asyncio.gather(*peers, return_exceptions=True)
    for result in results:
        if isinstance(result, BaseException):
            print(f"bench.panel: a peer ended with {result!r}", file=sys.stderr)


if __name__ == "__main__":
    asyncio.run(main(json.loads(sys.argv[1])))
