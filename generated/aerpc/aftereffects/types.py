# Generated from schema/aftereffects.openrpc.json (After Effects 1.0.0)
# by `aerpc generate`. Do not edit: edit the schema and run `aerpc generate`.
# Schema hash: sha256:93e1b93458db8a8845fe44544194efe9482c6cedaffdecfcb5577a27d78a21ce
"""The types of the After Effects schema: one TypedDict per object, one alias per other type.

Results are plain JSON values typed by these: read them as ``item["name"]``. A key that may be
absent is ``NotRequired``; a value that may be null is ``T | None``.
"""

from __future__ import annotations

from typing import Literal, NotRequired, TypeAlias, TypedDict

__all__ = [
    "BackgroundResult",
    "CompProperties",
    "HostBusyChange",
    "ImportAsType",
    "ImportOptions",
    "ImportResult",
    "ItemType",
    "JsonValue",
    "Layer",
    "LayerType",
    "MetadataData",
    "MetadataEntry",
    "NewItemType",
    "ProjectChange",
    "ProjectChanged",
    "ProjectItem",
    "ProjectState",
    "RenderFinished",
    "RenderOutput",
    "RenderProgress",
    "RenderSource",
    "RenderStatus",
    "SettingsScope",
    "TemplateAction",
    "Tool",
]

ImportAsType: TypeAlias = Literal["footage", "comp", "comp_cropped_layers", "project"]
"""How a file is imported, mirroring AE's `ImportAsType` enumeration: `footage` (FOOTAGE), `comp`
(COMP), `comp_cropped_layers` (COMP_CROPPED_LAYERS, layered files with layers cropped to their
bounds) and `project` (PROJECT, an .aep imported into the current project). The reference passed
strings such as `'ImportAsType.COMP'` and matched them by substring."""

ItemType: TypeAlias = Literal["comp", "folder", "footage"]
"""Kind of a project item. `comp` is a CompItem, `folder` a FolderItem, `footage` any FootageItem
(file footage, image sequences, solids and placeholders alike). The reference also sent `''` for
items of no known kind; every AE item is one of these three, so the empty value is gone."""

JsonValue: TypeAlias = "str | int | float | bool | list[JsonValue] | dict[str, JsonValue] | None"
"""Any JSON value."""

LayerType: TypeAlias = Literal[
    "av", "null", "adjustment", "text", "shape", "camera", "light", "other"
]
"""Kind of a layer. Decided in this order: `camera` (CameraLayer), `light` (LightLayer), `text`
(TextLayer), `shape` (ShapeLayer); then for an AVLayer: `null` (`nullLayer` is true),
`adjustment` (`adjustmentLayer` is true), otherwise `av` (footage, solid, precomp or audio
layer). `other` covers any layer class AE adds later (for example 3D model layers), so a newer
AE does not break result validation."""

MetadataData: TypeAlias = dict[str, JsonValue]
"""Free-form payload of a metadata entry: every key the pipeline stored besides `id`, `instance_id`
and `members` (for containers `schema`, `name`, `namespace`, `loader`, `representation`; for
instances the product fields and creator attributes). Values are any JSON."""

NewItemType: TypeAlias = Literal["comp", "folder"]
"""Kind of item `add_item` can create: a composition or a folder. The reference used the upper-case
wire values `COMP` and `FOLDER`."""

ProjectChange: TypeAlias = Literal["opened", "saved", "closed"]
"""What happened to the project."""

RenderSource: TypeAlias = Literal["in_app", "aerender", "media_encoder"]
"""Who renders: `in_app` is `RenderQueue.render()` inside After Effects, `aerender` the
command-line renderer, `media_encoder` Adobe Media Encoder after `queueInAME`."""

RenderStatus: TypeAlias = Literal[
    "will_continue",
    "needs_output",
    "unqueued",
    "queued",
    "rendering",
    "user_stopped",
    "err_stopped",
    "done",
]
"""A render-queue item's status, as After Effects' `RQItemStatus` names it, in lower case
(`RQItemStatus.RENDERING` is `rendering`)."""

SettingsScope: TypeAlias = Literal["resolution", "frames", "all"]
"""Which task settings `apply_settings` applies to the selected compositions: `resolution` (width
and height), `frames` (frame start, duration and frame rate) or `all` (both)."""

TemplateAction: TypeAlias = Literal["create_placeholder", "update_placeholder", "build"]
"""Workfile-template builder action: `create_placeholder` (open the dialog that creates a template
placeholder), `update_placeholder` (edit the selected placeholder) or `build` (build the
workfile from the task's template)."""

Tool: TypeAlias = Literal[
    "workfiles",
    "loader",
    "publisher",
    "scene_inventory",
    "experimental_tools",
    "script_editor",
    "run_scripts",
]
"""Pipeline tool the panel asks to open. `workfiles`, `loader`, `publisher`, `scene_inventory` and
`experimental_tools` are AYON tool windows; `script_editor` is the Python console and
`run_scripts` the Run Scripts tool."""


class BackgroundResult(TypedDict):
    """What `import_background` and `reload_background` built: a folder holding one composition and
    the imported layer footage."""

    id: int
    """Id of the background folder (as in the reference, the folder, not the comp)."""

    name: str
    """Name of the background composition (the folder has the same name)."""

    comp_id: int
    """Id of the background composition. New: the reference only listed it inside `members`."""

    members: list[int]
    """Ids the container owns, in order: the folder, the composition, then one footage item per
    imported file in the order of `paths`. `members[0]` is the folder id, which is what
    container metadata is keyed on."""


class CompProperties(TypedDict):
    """Timing and format of one composition, as read by `get_comp_properties`. Field names are
    snake_case; the reference sent camelCase `frameStart`, `framesDuration`, `frameRate` and
    `pixelAspect`."""

    id: int
    """Id of the composition."""

    name: str
    """Name of the composition."""

    frame_start: int
    """First frame number of the composition (`CompItem.displayStartFrame`). Reference name:
    `frameStart`."""

    frames_duration: int
    """Length of the composition in frames, `round(duration * frameRate)`. Reference name:
    `framesDuration` (a float there; rounded to a whole frame count here)."""

    frame_rate: float
    """Frames per second (`CompItem.frameRate`), e.g. 23.976. Reference name: `frameRate`."""

    width: int
    """Width in pixels."""

    height: int
    """Height in pixels."""

    pixel_aspect: float
    """Pixel aspect ratio (`CompItem.pixelAspect`), 1 for square pixels. Reference name:
    `pixelAspect` (the reference's getCompProperties forgot to send it and Python defaulted it
    to 1)."""


class HostBusyChange(TypedDict):
    """The host started or ended a call in ExtendScript (one runs at a time): which method, for
    which caller, since when."""

    busy: bool
    """True when the call starts, false when it ends (then the fields name the call that ended)."""

    method: str
    """The host method running."""

    call_id: str
    """The request's JSON-RPC id, as text."""

    caller: str | None
    """Who asked: `pipeline`, or a tool's name (its hello's app name) when the call came through
    the relay; null when unknown."""

    elapsed_s: float
    """Seconds the call has been running (0 at its start)."""


class ImportOptions(TypedDict):
    """Options for `import_file`. Every key is optional; an absent key leaves AE's own default for
    that option. Replaces the reference's free-form dict whose keys were `ImportAsType`,
    `sequence` and `fps`."""

    import_as: NotRequired[ImportAsType]

    sequence: NotRequired[bool]
    """`true` imports the file as the first frame of an image sequence (`ImportOptions.sequence`).
    The reference set it whenever the key was present, even for `false`; here `false` means a
    single still."""

    fps: NotRequired[float]
    """Frame rate the imported footage is conformed to (`FootageItem.mainSource.conformFrameRate`),
    e.g. 23.976 or 25."""


class ImportResult(TypedDict):
    """The project item created by `import_file`."""

    id: int
    """Id of the new project item."""

    name: str
    """Name the new item got (the requested name)."""


class Layer(TypedDict):
    """One layer of a composition, as returned by `get_layers`. New: the reference had no way to
    list layers."""

    index: int
    """1-based position of the layer in the composition's layer stack (`Layer.index`); 1 is the
    top."""

    name: str
    """Layer name (`Layer.name`)."""

    type: LayerType

    enabled: bool
    """Whether the layer's video switch (the eyeball) is on (`Layer.enabled`)."""

    in_point: float
    """Composition time, in seconds, at which the layer starts (`Layer.inPoint`)."""

    out_point: float
    """Composition time, in seconds, at which the layer ends (`Layer.outPoint`)."""

    source_id: int | None
    """Id of the project item the layer shows (`AVLayer.source.id`): footage, solid, precomp, and
    the hidden solid behind a null or adjustment layer. `null` for camera, light, text and shape
    layers."""

    parent_index: int | None
    """Index of the layer's parent (`Layer.parent.index`), or `null` when it has no parent."""


class MetadataEntry(TypedDict):
    """One pipeline record stored in the project (publish instance, loaded container or publish
    context). The host keeps the reference's storage, a JSON list of flat dicts in the
    `xmp:Label` property of `app.project.xmpPacket`, so existing workfiles stay readable: on
    read it lifts `id`, `instance_id` and `members` out of each dict and puts every other key
    into `data`; on write it flattens the entry back."""

    id: str
    """Kind of record, e.g. `ayon.create.instance` (publish instance), `ayon.load.container`
    (loaded container) or `publish_context`."""

    instance_id: NotRequired[str]
    """Unique id of a publish instance. Absent for containers and the publish context."""

    members: list[int]
    """Project item ids the record belongs to; `members[0]` is the main item (the instance's comp,
    the container's footage or background folder). Empty for the publish context. The reference
    sometimes stored ids as strings; the host converts them to integers."""

    data: MetadataData


class ProjectChanged(TypedDict):
    """The open project changed. After Effects documents no project event, so the panel reports
    only what its own calls did (`open`, `save`, `save_as`, `close`); a change made in After
    Effects' menus is not reported (docs/events.md)."""

    change: ProjectChange

    path: str | None
    """The project file the call named: the path `open` opened or `save_as` wrote (for `as_copy`,
    the copy); null for `save` and `close`, which name none."""

    method: str
    """The host method whose call made the change."""


class ProjectItem(TypedDict):
    """One item of the Project panel as returned by `get_items` and `get_selected_items`. Replaces
    the reference's catch-all `AEItem` for these routes (the reference read `type` into a field
    named `item_type`; the wire name is `type` here as there)."""

    id: int
    """AE item id (`Item.id`), unique within the project and stable while the project is open."""

    name: str
    """Name shown in the Project panel (`Item.name`)."""

    type: ItemType

    path: str | None
    """Absolute, OS-native path (`File.fsName`) of the footage's source file; for an image sequence
    the first file of the sequence. `null` for comps, folders, solids and placeholders (the
    reference sent `''`)."""

    containing_comps: list[int]
    """Ids of the compositions that use this item as a layer source (`AVItem.usedIn`). Filled for
    footage and comps (a comp used as a precomp); always empty for folders."""

    parent_folder_id: int | None
    """Id of the folder that holds the item (`Item.parentFolder.id`); `null` when the item sits
    directly in the project's root folder. New: the reference did not report it."""


class ProjectState(TypedDict):
    """Snapshot of the open project, as returned by `get_project_state`. New: replaces the
    reference's local `is_saved()` stub that always returned true, and spares callers two
    error-prone name lookups."""

    is_open: bool
    """`true` when the current project is backed by a file (`app.project.file` is not null): it was
    opened from disk or saved at least once. `false` for a new, untitled project (AE always has
    some project loaded)."""

    is_saved: bool
    """`true` when the project has no unsaved changes since it was last opened or saved. The
    scripting DOM has no dirty flag, so the host tracks this itself (it marks the project clean
    after open/save and compares against AE's undo history or a change counter); when it cannot
    tell it reports `false`. Always `false` for an untitled project that has items."""

    full_name: str | None
    """Absolute, OS-native path of the project file, as `get_active_document_full_name` returns;
    `null` when `is_open` is false."""

    name: str | None
    """File name of the project (e.g. `sh010_comp_v003.aep`), as `get_active_document_name`
    returns; `null` when `is_open` is false."""

    num_items: int
    """Number of items in the project (`Project.numItems`), folders included."""

    bits_per_channel: Literal[8, 16, 32]
    """Color depth of the project (`Project.bitsPerChannel`)."""

    active_comp_id: int | None
    """Id of the composition active in the viewer (`Project.activeItem` when it is a CompItem),
    else `null`."""


class RenderFinished(TypedDict):
    """A render ended, rendered or not: the last event of its `render_id`."""

    render_id: str
    """Identifies one render run: every event of the run carries it, and none follows its
    `render_finished`."""

    source: RenderSource

    comp_id: int | None
    """Id of the composition rendered; null when the source does not know it (aerender names comps
    only)."""

    comp_name: str
    """Name of the composition rendered."""

    item_index: int | None
    """1-based index of the render-queue item, at the time of the event; null when the source has
    no queue item."""

    status: RenderStatus

    elapsed_s: float
    """Seconds since the render started, measured by the emitter."""

    outputs: list[str]
    """Absolute paths of the output modules' files (frame-number placeholders kept)."""

    ok: bool
    """True when the item ended `done`."""

    error: str | None
    """Why the render failed; null when `ok`."""


class RenderOutput(TypedDict):
    """One output module of a composition's render-queue item."""

    file_name: str
    """Absolute, OS-native path of the output module's file (`OutputModule.file.fsName`), keeping
    AE's frame-number placeholder such as `[#####]` for sequences. The reference sent
    `File.toString()`, a URI-encoded form."""

    width: int
    """Width of the rendered frames in pixels (the composition's width)."""

    height: int
    """Height of the rendered frames in pixels (the composition's height)."""


class RenderProgress(TypedDict):
    """How far a render is: sent when a render-queue item's status changes (in-app renders,
    experimental: see docs/events.md) or when the renderer reports frames."""

    render_id: str
    """Identifies one render run: every event of the run carries it, and none follows its
    `render_finished`."""

    source: RenderSource

    comp_id: int | None
    """Id of the composition rendered; null when the source does not know it (aerender names comps
    only)."""

    comp_name: str
    """Name of the composition rendered."""

    item_index: int | None
    """1-based index of the render-queue item, at the time of the event; null when the source has
    no queue item."""

    status: RenderStatus

    elapsed_s: float
    """Seconds since the render started, measured by the emitter."""

    outputs: list[str]
    """Absolute paths of the output modules' files (frame-number placeholders kept)."""

    frames_done: int | None
    """Frames rendered so far; null when the source does not say."""

    frames_total: int | None
    """Frames the render will write; null when unknown."""
