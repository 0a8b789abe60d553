"""The reference's data shapes: ``AEItem`` and its flat metadata records, and their conversion
to and from the typed client's TypedDicts."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from aerpc.aftereffects import (
    BackgroundResult,
    CompProperties,
    ImportAsType,
    ImportOptions,
    MetadataEntry,
    ProjectItem,
    RenderOutput,
)

Record = dict[str, Any]
"""One flat metadata record as AYON reads and writes it: ``id``, ``instance_id``, ``members``
and every other key side by side."""

LIFTED = ("id", "instance_id", "members")


@dataclass
class AEItem:
    """An item of After Effects, with the fields (and positional order) of the reference's
    ``AEItem``. Fields a call does not fill stay at their defaults, as there."""

    # The reference's field names, camelCase ones included.
    id: Any
    name: Any
    item_type: str | None = None
    members: list[int] | None = field(default_factory=list)
    frameStart: int | None = None
    framesDuration: int | None = None
    frameRate: float | None = None
    file_name: str | None = None
    instance_id: str | None = None
    width: int | None = None
    height: int | None = None
    pixelAspect: float | None = 1
    is_placeholder: bool | None = False
    uuid: Any = False
    path: str | bool | None = False
    containing_comps: list[int] | None = field(default_factory=list)


def reply_item(item_id: Any, name: Any, **values: Any) -> AEItem:
    """An ``AEItem`` as the reference's ``_to_records`` built one from a reply: every field the
    reply lacks is None (``pixelAspect`` 1), not the class default."""
    absent = {f.name: None for f in fields(AEItem) if f.name not in ("id", "name")}
    return AEItem(item_id, name, **{**absent, "pixelAspect": 1, **values})


def project_item(item: ProjectItem) -> AEItem:
    """A ``get_items`` / ``get_selected_items`` entry as the reference's ``_getItem`` built it:
    ``path`` and ``containing_comps`` are filled for footage only (``""`` and ``[]`` for comps,
    folders and footage without a file; the typed client also reports a comp's precomp uses)."""
    footage = item["type"] == "footage"
    return reply_item(
        item["id"],
        item["name"],
        item_type=item["type"],
        path=(item["path"] or "") if footage else "",
        containing_comps=list(item["containing_comps"]) if footage else [],
    )


def comp_item(comp: CompProperties) -> AEItem:
    """A ``get_comp_properties`` reply under the reference's camelCase field names."""
    return reply_item(
        comp["id"],
        comp["name"],
        frameStart=comp["frame_start"],
        framesDuration=comp["frames_duration"],
        frameRate=comp["frame_rate"],
        width=comp["width"],
        height=comp["height"],
        pixelAspect=comp["pixel_aspect"],
    )


def render_item(output: RenderOutput) -> AEItem:
    """One ``get_render_info`` output module (no id or name, as in the reference)."""
    return reply_item(
        None, None, file_name=output["file_name"], width=output["width"], height=output["height"]
    )


def background_item(background: BackgroundResult) -> AEItem:
    """An ``import_background`` / ``reload_background`` reply: the folder id, the comp's name,
    the members (folder, comp, footage)."""
    return reply_item(background["id"], background["name"], members=list(background["members"]))


def flat_record(entry: MetadataEntry) -> Record:
    """The flat record the reference stored for a typed entry. ``members`` is there only when
    it names an item: AYON stores none for the publish context and the workfile instance, and
    never an empty list, while the typed entry always has the key."""
    record: Record = {"id": entry["id"]}
    if "instance_id" in entry:
        record["instance_id"] = entry["instance_id"]
    record.update(entry["data"])
    if entry["members"]:
        record["members"] = list(entry["members"])
    return record


def typed_entry(record: Mapping[str, Any]) -> MetadataEntry:
    """The typed entry of a flat record; ``members`` as integers (the reference sometimes
    stored them as strings)."""
    if not record.get("id"):
        raise ValueError(f"a metadata record needs an 'id' to be stored: {dict(record)!r}")
    entry: MetadataEntry = {
        "id": str(record["id"]),
        "members": [int(member) for member in record.get("members") or []],
        "data": {key: value for key, value in record.items() if key not in LIFTED},
    }
    instance_id = record.get("instance_id")
    if instance_id not in (None, ""):
        entry["instance_id"] = str(instance_id)
    return entry


def import_options(options: Mapping[str, Any] | None) -> ImportOptions:
    """The typed options of the reference's ``import_options``, read as its JSX did:
    ``ImportAsType`` by substring found after the start (``"ImportAsType.COMP"``; a bare
    ``"COMP"`` was ignored), the last match winning; ``sequence`` set when the key is present;
    ``fps`` as it is."""
    typed: ImportOptions = {}
    if not options:
        return typed
    kind = str(options.get("ImportAsType", ""))
    kinds: tuple[tuple[str, ImportAsType], ...] = (
        ("COMP", "comp"),
        ("FOOTAGE", "footage"),
        ("COMP_CROPPED_LAYERS", "comp_cropped_layers"),
        ("PROJECT", "project"),
    )
    for marker, value in kinds:
        if kind.find(marker) > 0:
            typed["import_as"] = value
    if "sequence" in options:
        typed["sequence"] = True
    fps = options.get("fps")
    if (
        isinstance(fps, int | float)
        and not isinstance(fps, bool)
        and math.isfinite(fps)
        and fps > 0
    ):
        typed["fps"] = float(fps)
    return typed
