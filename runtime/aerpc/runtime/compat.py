"""Whether a peer's schema may talk to the server's: the compatibility rule of the hello.

Both sides send ``{"name", "version", "hash"}``; the hash covers only what the wire depends on
(:func:`aerpc.runtime.canonical.wire_view`), so a change of a description changes nothing. The
server decides, so a panel needs no logic of its own. In order (docs/architecture.md,
"Compatibility"):

1. ``same-hash``: equal hashes are compatible.
2. ``name``: the schema names must be equal.
3. ``major-version``: the major versions must be equal (for ``0.y`` versions, ``0.y`` is the
   major: anything may change before 1.0).
4. ``same-version``: equal versions with different hashes mean the schema's wire changed
   without a new version: refused.
5. ``host-older``: a host (the panel) must be at least the server's version, so its methods
   are a superset of what the pipeline calls (minor versions only add). A tool calls the
   pipeline's methods, so the server must be at least the tool's version (``tool-newer``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["Verdict", "check"]

_VERSION = re.compile(r"^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?")


@dataclass(frozen=True, slots=True)
class Verdict:
    """``ok``, the ``rule`` that decided (its name above) and why, in words."""

    ok: bool
    rule: str
    reason: str


def _parse(version: str) -> tuple[int, int, int] | None:
    match = _VERSION.match(version)
    if match is None:
        return None
    return int(match[1]), int(match[2] or 0), int(match[3] or 0)


def _major(version: tuple[int, int, int]) -> tuple[int, ...]:
    return version[:2] if version[0] == 0 else version[:1]


def check(server: Mapping[str, str], peer: Mapping[str, str], role: str) -> Verdict:
    """May a peer of ``role`` (``host`` or ``tool``) with schema identity ``peer`` talk to a
    server with ``server``?"""
    if peer["hash"] == server["hash"]:
        return Verdict(True, "same-hash", "the schemas' wire contracts are the same")
    if peer["name"] != server["name"]:
        return Verdict(
            False,
            "name",
            f"different schemas: the server has {server['name']!r}, the peer {peer['name']!r}",
        )
    ours, theirs = _parse(server["version"]), _parse(peer["version"])
    if ours is None or theirs is None:
        bad = server["version"] if ours is None else peer["version"]
        return Verdict(
            False,
            "major-version",
            f"version {bad!r} does not start MAJOR[.MINOR[.PATCH]], so no rule holds",
        )
    if _major(ours) != _major(theirs):
        return Verdict(
            False,
            "major-version",
            f"major versions differ ({server['version']} on the server, {peer['version']} on "
            "the peer): redeploy both from one major version",
        )
    if ours == theirs:
        return Verdict(
            False,
            "same-version",
            f"both say version {server['version']} but their wire contracts differ: the schema "
            "changed without a new version",
        )
    if role == "host" and theirs < ours:
        return Verdict(
            False,
            "host-older",
            f"the panel's schema ({peer['version']}) is older than the pipeline's "
            f"({server['version']}): the pipeline may call methods the panel lacks; update the "
            "panel",
        )
    if role != "host" and theirs > ours:
        return Verdict(
            False,
            "tool-newer",
            f"the tool's schema ({peer['version']}) is newer than the server's "
            f"({server['version']}): it may call methods the server lacks; update the server",
        )
    return Verdict(
        True,
        "compatible-minor",
        f"same major version; the peer's {peer['version']} and the server's "
        f"{server['version']} differ compatibly",
    )
