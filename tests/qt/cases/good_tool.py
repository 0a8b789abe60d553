"""A typed Qt tool: mypy --strict accepts it."""

from __future__ import annotations

from qtpy.QtWidgets import QListWidget

from aerpc.aftereffects import AsyncAfterEffects
from aerpc.aftereffects.types import ProjectItem
from aerpc.qt import QtCall, QtCalls
from aerpc.runtime import HostChannel


def show(items: list[ProjectItem], view: QListWidget) -> None:
    view.clear()
    for item in items:
        view.addItem(f"{item['id']}: {item['name']}")


def load(qt: QtCalls, host: HostChannel, view: QListWidget) -> QtCall[list[ProjectItem]]:
    ae = AsyncAfterEffects(host)
    call = qt.call(ae.get_items, comps=True)
    call.on_finished(lambda items: show(items, view))
    call.on_failed(lambda error: view.addItem(f"failed: {error}"))
    names: list[str] = [item["name"] for item in call.result()] if call.done else []
    del names
    return call


def version(qt: QtCalls, host: HostChannel) -> QtCall[str]:
    return qt.call(AsyncAfterEffects(host).get_app_version)
