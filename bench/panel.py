"""The panel process (pinned to CPU 1): every Python peer, one connection each.

    python -m bench.panel '{"raw": URL, "wsrpc_raw": URL, "wsrpc": URL, "aerpc_raw": {url, token},
                               "aerpc": {url, token}}'

Runs until the pipeline process terminates it (or every connection has closed). With
``AERPC_BENCH_PEER_PROFILE=<path>`` in its environment it runs under cProfile and writes the
stats there when terminated (``bench/run.py --profile STACK:MODE --profile-peer``).
"""

from __future__ import annotations

import asyncio
import contextlib
import cProfile
import json
import os
import signal
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
    if "aerpc_raw" in spec:
        peers.append(aerpc.run_echo_peer(spec["aerpc_raw"]["url"], spec["aerpc_raw"]["token"]))
    if "aerpc" in spec:
        peers.append(aerpc.run_peer(spec["aerpc"]["url"], spec["aerpc"]["token"]))
    task = asyncio.current_task()
    assert task is not None
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, task.cancel)
    profile_path = os.environ.get("AERPC_BENCH_PEER_PROFILE")
    profile = cProfile.Profile() if profile_path else None
    if profile is not None:
        profile.enable()
    try:
        results = await asyncio.gather(*peers, return_exceptions=True)
        for result in results:
            if isinstance(result, BaseException):
                print(f"bench.panel: a peer ended with {result!r}", file=sys.stderr)
    finally:
        if profile is not None and profile_path:
            profile.disable()
            profile.dump_stats(profile_path)


if __name__ == "__main__":
    with contextlib.suppress(asyncio.CancelledError):
        asyncio.run(main(json.loads(sys.argv[1])))
