"""Misuses of a typed Qt call: each line marked E must fail mypy --strict with that message."""

from __future__ import annotations

from aerpc.aftereffects import AsyncAfterEffects
from aerpc.qt import QtCall, QtCalls
from aerpc.runtime import HostChannel


def misuse(qt: QtCalls, host: HostChannel) -> None:
    ae = AsyncAfterEffects(host)
    items = qt.call(ae.get_items, comps=True)
    items.on_finished(lambda found: found.upper())  # E: has no attribute "upper"
    count: int = items.result()  # E: Incompatible types in assignment
    wrong: QtCall[str] = items  # E: Incompatible types in assignment
    qt.call(ae.get_items, comps="yes")  # E: Argument "comps" to "call" of "QtCalls" has incompatible type
    qt.call(ae.get_comp_properties)  # E: Missing named argument "comp_id"
    qt.call(ae.get_app_version).on_finished(lambda v: v + 1)  # E: Unsupported operand types for +
    del count, wrong
