"""A Python model of what the AYON reference returns for a given After Effects state.

Written from reading ``ynput/ayon-aftereffects`` (``client/ayon_aftereffects/api/ws_stub.py`` and
``api/extension/jsx/hostscript.jsx``): for each call AYON's collectors, creators and loaders
make, the value the reference stub hands its caller, built the way its host script and its
``_handle_return`` / ``_to_records`` built it, from a :class:`State` read off the simulated
project. The fidelity tests put ``aerpc.ayon`` beside it; where the two may differ,
docs/migration.md says so and :func:`documented` applies exactly those differences.
"""

from __future__ import annotations

import copy
import json
import math
from dataclasses import dataclass
from typing import Any

from aerpc.ayon import AEItem

Record = dict[str, Any]

# Reads the project the way the reference's host script saw it (V8 test code, not ES3).
SNAPSHOT_JS = r"""
(function () {
  var p = app.project, items = [], queue = [], i, j, it, kind, r, outs;
  for (i = 1; i <= p.numItems; i += 1) {
    it = p.item(i);
    kind = it instanceof CompItem ? "comp" : it instanceof FolderItem ? "folder" : "footage";
    items.push({id: it.id, name: it.name, kind: kind,
      file: kind === "footage" && it.file ? it.file.fsName : null,
      used_in: kind === "folder" ? [] : __e2e.map(it.usedIn, function (c) { return c.id; }),
      comp: kind !== "comp" ? null : {frameStart: it.displayStartFrame, duration: it.duration,
        frameRate: it.frameRate, width: it.width, height: it.height,
        pixelAspect: it.pixelAspect}});
  }
  for (i = 1; i <= p.renderQueue.numItems; i += 1) {
    r = p.renderQueue.item(i);
    outs = [];
    for (j = 1; j <= r.numOutputModules; j += 1) outs.push(r.outputModule(j).file.fsName);
    queue.push({comp: r.comp.id, outputs: outs});
  }
  return {items: items, queue: queue, label: __e2e.readLabel(),
          selection: __e2e.map(p.selection, function (x) { return x.id; }),
          file: p.file ? p.file.fsName : null};
})()
"""


@dataclass
class State:
    """The project as the reference's host script read it."""

    items: list[Record]
    queue: list[Record]
    label: str | None
    selection: list[int]
    file: str | None

    @classmethod
    def of(cls, snapshot: Record) -> State:
        return cls(**snapshot)

    def item(self, item_id: int) -> Record | None:
        return next((i for i in self.items if i["id"] == int(item_id)), None)


# -- hostscript.jsx ----------------------------------------------------------------------------


def _get_item(item: Record, comps: bool, folders: bool, footages: bool) -> Record:
    """``_getItem``: ``{}`` for a kind not asked for; path and containing_comps for footage."""
    path: str = ""
    containing: list[int] = []
    if item["kind"] == "folder" and not folders:
        return {}
    if item["kind"] == "footage":
        if not footages:
            return {}
        path = item["file"] or ""
        containing = list(item["used_in"])
    if item["kind"] == "comp" and not comps:
        return {}
    return {
        "name": item["name"],
        "id": item["id"],
        "type": item["kind"],
        "path": path,
        "containing_comps": containing,
    }


def _to_records(payload: list[Record]) -> list[AEItem]:
    """``_to_records``: every non-empty dict as an AEItem, absent keys None (pixelAspect 1)."""
    return [
        AEItem(
            d.get("id"),
            d.get("name"),
            d.get("type"),
            d.get("members"),
            d.get("frameStart"),
            d.get("framesDuration"),
            d.get("frameRate"),
            d.get("file_name"),
            d.get("instance_id"),
            d.get("width"),
            d.get("height"),
            d.get("pixelAspect", 1),
            d.get("is_placeholder"),
            d.get("uuid"),
            d.get("path"),
            d.get("containing_comps"),
        )
        for d in payload
        if d
    ]


# -- ws_stub.py ----------------------------------------------------------------------------------


def get_items(
    state: State, comps: bool, folders: bool = False, footages: bool = False
) -> list[AEItem]:
    return _to_records([_get_item(i, comps, folders, footages) for i in state.items])


def get_selected_items(
    state: State, comps: bool, folders: bool = False, footages: bool = False
) -> list[AEItem]:
    selected = [state.item(item_id) for item_id in state.selection]
    return _to_records([_get_item(i, comps, folders, footages) for i in selected if i])


def get_item(state: State, item_id: int | str) -> AEItem | None:
    return next((i for i in get_items(state, True, True, True) if str(i.id) == str(item_id)), None)


def get_metadata(state: State) -> list[Record]:
    """The stored list as Python's ``json.loads`` reads it (``_handle_return``'s list case)."""
    if state.label is None:
        return []  # '{"result": []}'
    parsed: list[Record] = json.loads(state.label)
    return parsed or []


def read(item: AEItem, layers_meta: list[Record]) -> Record | None:
    for meta in layers_meta:
        if "container" in meta.get("id") and str(item.id) == str(meta.get("members")[0]):  # type: ignore[index, operator]
            return meta
    return None


def imprint(state: State, item_id: int | str, data: Record) -> list[Record]:
    """The list the reference stored: merged or appended, orphans (a missing members[0])
    dropped."""
    result: list[Record] = []
    is_new = True
    for meta in copy.deepcopy(get_metadata(state)):
        members = meta.get("members")
        if (members and str(item_id) == str(members[0])) or meta.get("instance_id") == item_id:
            is_new = False
            if data:
                meta.update(data)
                result.append(meta)
        else:
            result.append(meta)
    if is_new:
        result.append(copy.deepcopy(data))
    ids = {int(i.id) for i in get_items(state, True, True, True)}
    return [m for m in result if not m.get("members") or int(m["members"][0]) in ids]


def remove_instance(state: State, instance_id: int | str) -> list[Record]:
    return [
        m for m in get_metadata(state) if (m.get("instance_id") or m.get("uuid")) != instance_id
    ]


def get_active_document_full_name(state: State) -> str:
    if state.file is None:
        raise ValueError("No file open currently")
    return state.file


def get_comp_properties(state: State, comp_id: int) -> AEItem:
    item = state.item(comp_id)
    if item is None:
        raise ValueError(f"There is no composition with {comp_id}")
    comp = item["comp"]
    reply = {
        "id": item["id"],
        "name": item["name"],
        "frameStart": comp["frameStart"],
        "framesDuration": comp["duration"] * comp["frameRate"],
        "frameRate": comp["frameRate"],
        "width": comp["width"],
        "height": comp["height"],
        "pixelAspect": comp["pixelAspect"],
    }
    return _to_records([reply])[0]


def get_render_info(state: State, comp_id: int) -> list[AEItem]:
    """One AEItem per output module of the comp's one queue item (its DONE-item rewrite aside:
    the simulated queue holds no finished items)."""
    item = state.item(comp_id)
    if item is None:
        raise ValueError(
            f"Composition with '{comp_id}' wasn't found! Recreate publishable instance(s)"
        )
    entries = [q for q in state.queue if q["comp"] == comp_id]
    if len(entries) > 1:
        raise ValueError(f"There cannot be more items in Render Queue for '{item['name']}'!")
    if not entries:
        raise ValueError(
            f"There is no item in Render Queue for '{item['name']}'!"
            " Add composition to Render Queue."
        )
    comp = item["comp"]
    return _to_records(
        [
            {"file_name": path, "width": comp["width"], "height": comp["height"]}
            for path in entries[0]["outputs"]
        ]
    )


# -- the differences docs/migration.md names -------------------------------------------------------


def documented(records: list[Record]) -> list[Record]:
    """The reference's records with the documented differences applied: NaN and Infinity read
    as None, member ids as integers."""
    return [
        {
            key: ([int(m) for m in value] if key == "members" else _finite(value))
            for key, value in record.items()
        }
        for record in records
    ]


def documented_comp(item: AEItem) -> AEItem:
    """``framesDuration`` rounded to whole frames."""
    return AEItem(**{**item.__dict__, "framesDuration": round(item.framesDuration or 0)})


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list):
        return [_finite(v) for v in value]
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    return value
