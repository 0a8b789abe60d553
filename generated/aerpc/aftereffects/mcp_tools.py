# Generated from schema/aftereffects.openrpc.json (After Effects 1.0.0)
# by `aerpc generate`. Do not edit: edit the schema and run `aerpc generate`.
# Schema hash: sha256:93e1b93458db8a8845fe44544194efe9482c6cedaffdecfcb5577a27d78a21ce
"""The methods After Effects serves, as Model Context Protocol tools (``aerpc mcp``).

One :class:`~aerpc.mcp.tools.ToolSpec` per method: the description is the schema's summary and
description, the input schema its params as one object, the output schema its result (an object
as is, anything else wrapped under the result's name), the hints its ``x-read-only``,
``x-destructive`` and ``x-idempotent``, and the deadline its ``x-timeout-ms``. Each schema
stands alone: the components it uses are in its ``$defs``.
"""

from __future__ import annotations

from typing import Any, Final

from aerpc.mcp.tools import ToolSpec

__all__ = ["TOOLS"]

_DEFS: Final[dict[str, Any]] = {
    "BackgroundResult": {
        "title": "BackgroundResult",
        "description": (
            "What `import_background` and `reload_background` built: "
            "a folder holding one composition and the imported layer "
            "footage."
        ),
        "type": "object",
        "properties": {
            "id": {
                "type": "integer",
                "minimum": 1,
                "description": (
                    "Id of the background folder (as in the reference, the folder, not the comp)."
                ),
            },
            "name": {
                "type": "string",
                "description": (
                    "Name of the background composition (the folder has the same name)."
                ),
            },
            "comp_id": {
                "type": "integer",
                "minimum": 1,
                "description": (
                    "Id of the background composition. New: the reference "
                    "only listed it inside `members`."
                ),
            },
            "members": {
                "type": "array",
                "items": {"type": "integer", "minimum": 1},
                "description": (
                    "Ids the container owns, in order: the folder, the "
                    "composition, then one footage item per imported file in "
                    "the order of `paths`. `members[0]` is the folder id, "
                    "which is what container metadata is keyed on."
                ),
            },
        },
        "required": ["id", "name", "comp_id", "members"],
        "additionalProperties": False,
    },
    "CompProperties": {
        "title": "CompProperties",
        "description": (
            "Timing and format of one composition, as read by "
            "`get_comp_properties`. Field names are snake_case; the "
            "reference sent camelCase `frameStart`, "
            "`framesDuration`, `frameRate` and `pixelAspect`."
        ),
        "type": "object",
        "properties": {
            "id": {"type": "integer", "minimum": 1, "description": "Id of the composition."},
            "name": {"type": "string", "description": "Name of the composition."},
            "frame_start": {
                "type": "integer",
                "description": (
                    "First frame number of the composition "
                    "(`CompItem.displayStartFrame`). Reference name: "
                    "`frameStart`."
                ),
            },
            "frames_duration": {
                "type": "integer",
                "minimum": 0,
                "description": (
                    "Length of the composition in frames, `round(duration * "
                    "frameRate)`. Reference name: `framesDuration` (a float "
                    "there; rounded to a whole frame count here)."
                ),
            },
            "frame_rate": {
                "type": "number",
                "exclusiveMinimum": 0,
                "description": (
                    "Frames per second (`CompItem.frameRate`), e.g. 23.976. "
                    "Reference name: `frameRate`."
                ),
            },
            "width": {
                "type": "integer",
                "minimum": 1,
                "maximum": 30000,
                "description": "Width in pixels.",
            },
            "height": {
                "type": "integer",
                "minimum": 1,
                "maximum": 30000,
                "description": "Height in pixels.",
            },
            "pixel_aspect": {
                "type": "number",
                "minimum": 0.01,
                "maximum": 100,
                "description": (
                    "Pixel aspect ratio (`CompItem.pixelAspect`), 1 for "
                    "square pixels. Reference name: `pixelAspect` (the "
                    "reference's getCompProperties forgot to send it and "
                    "Python defaulted it to 1)."
                ),
            },
        },
        "required": [
            "id",
            "name",
            "frame_start",
            "frames_duration",
            "frame_rate",
            "width",
            "height",
            "pixel_aspect",
        ],
        "additionalProperties": False,
    },
    "ImportAsType": {
        "title": "ImportAsType",
        "description": (
            "How a file is imported, mirroring AE's `ImportAsType` "
            "enumeration: `footage` (FOOTAGE), `comp` (COMP), "
            "`comp_cropped_layers` (COMP_CROPPED_LAYERS, layered "
            "files with layers cropped to their bounds) and "
            "`project` (PROJECT, an .aep imported into the current "
            "project). The reference passed strings such as "
            "`'ImportAsType.COMP'` and matched them by substring."
        ),
        "type": "string",
        "enum": ["footage", "comp", "comp_cropped_layers", "project"],
    },
    "ImportOptions": {
        "title": "ImportOptions",
        "description": (
            "Options for `import_file`. Every key is optional; an "
            "absent key leaves AE's own default for that option. "
            "Replaces the reference's free-form dict whose keys were "
            "`ImportAsType`, `sequence` and `fps`."
        ),
        "type": "object",
        "properties": {
            "import_as": {"$ref": "#/$defs/ImportAsType"},
            "sequence": {
                "type": "boolean",
                "description": (
                    "`true` imports the file as the first frame of an image "
                    "sequence (`ImportOptions.sequence`). The reference set "
                    "it whenever the key was present, even for `false`; here "
                    "`false` means a single still."
                ),
            },
            "fps": {
                "type": "number",
                "exclusiveMinimum": 0,
                "maximum": 999,
                "description": (
                    "Frame rate the imported footage is conformed to "
                    "(`FootageItem.mainSource.conformFrameRate`), e.g. "
                    "23.976 or 25."
                ),
            },
        },
        "required": [],
        "additionalProperties": False,
    },
    "ImportResult": {
        "title": "ImportResult",
        "description": "The project item created by `import_file`.",
        "type": "object",
        "properties": {
            "id": {"type": "integer", "minimum": 1, "description": "Id of the new project item."},
            "name": {
                "type": "string",
                "description": "Name the new item got (the requested name).",
            },
        },
        "required": ["id", "name"],
        "additionalProperties": False,
    },
    "ItemType": {
        "title": "ItemType",
        "description": (
            "Kind of a project item. `comp` is a CompItem, `folder` "
            "a FolderItem, `footage` any FootageItem (file footage, "
            "image sequences, solids and placeholders alike). The "
            "reference also sent `''` for items of no known kind; "
            "every AE item is one of these three, so the empty value "
            "is gone."
        ),
        "type": "string",
        "enum": ["comp", "folder", "footage"],
    },
    "JsonValue": {"title": "JsonValue", "description": "Any JSON value."},
    "Layer": {
        "title": "Layer",
        "description": (
            "One layer of a composition, as returned by "
            "`get_layers`. New: the reference had no way to list "
            "layers."
        ),
        "type": "object",
        "properties": {
            "index": {
                "type": "integer",
                "minimum": 1,
                "description": (
                    "1-based position of the layer in the composition's "
                    "layer stack (`Layer.index`); 1 is the top."
                ),
            },
            "name": {"type": "string", "description": "Layer name (`Layer.name`)."},
            "type": {"$ref": "#/$defs/LayerType"},
            "enabled": {
                "type": "boolean",
                "description": (
                    "Whether the layer's video switch (the eyeball) is on (`Layer.enabled`)."
                ),
            },
            "in_point": {
                "type": "number",
                "description": (
                    "Composition time, in seconds, at which the layer starts (`Layer.inPoint`)."
                ),
            },
            "out_point": {
                "type": "number",
                "description": (
                    "Composition time, in seconds, at which the layer ends (`Layer.outPoint`)."
                ),
            },
            "source_id": {
                "type": ["integer", "null"],
                "minimum": 1,
                "description": (
                    "Id of the project item the layer shows "
                    "(`AVLayer.source.id`): footage, solid, precomp, and the "
                    "hidden solid behind a null or adjustment layer. `null` "
                    "for camera, light, text and shape layers."
                ),
            },
            "parent_index": {
                "type": ["integer", "null"],
                "minimum": 1,
                "description": (
                    "Index of the layer's parent (`Layer.parent.index`), or "
                    "`null` when it has no parent."
                ),
            },
        },
        "required": [
            "index",
            "name",
            "type",
            "enabled",
            "in_point",
            "out_point",
            "source_id",
            "parent_index",
        ],
        "additionalProperties": False,
    },
    "LayerType": {
        "title": "LayerType",
        "description": (
            "Kind of a layer. Decided in this order: `camera` "
            "(CameraLayer), `light` (LightLayer), `text` "
            "(TextLayer), `shape` (ShapeLayer); then for an AVLayer: "
            "`null` (`nullLayer` is true), `adjustment` "
            "(`adjustmentLayer` is true), otherwise `av` (footage, "
            "solid, precomp or audio layer). `other` covers any "
            "layer class AE adds later (for example 3D model "
            "layers), so a newer AE does not break result validation."
        ),
        "type": "string",
        "enum": ["av", "null", "adjustment", "text", "shape", "camera", "light", "other"],
    },
    "MetadataData": {
        "title": "MetadataData",
        "description": (
            "Free-form payload of a metadata entry: every key the "
            "pipeline stored besides `id`, `instance_id` and "
            "`members` (for containers `schema`, `name`, "
            "`namespace`, `loader`, `representation`; for instances "
            "the product fields and creator attributes). Values are "
            "any JSON."
        ),
        "type": "object",
        "additionalProperties": {"$ref": "#/$defs/JsonValue"},
    },
    "MetadataEntry": {
        "title": "MetadataEntry",
        "description": (
            "One pipeline record stored in the project (publish "
            "instance, loaded container or publish context). The "
            "host keeps the reference's storage, a JSON list of flat "
            "dicts in the `xmp:Label` property of "
            "`app.project.xmpPacket`, so existing workfiles stay "
            "readable: on read it lifts `id`, `instance_id` and "
            "`members` out of each dict and puts every other key "
            "into `data`; on write it flattens the entry back."
        ),
        "type": "object",
        "properties": {
            "id": {
                "type": "string",
                "minLength": 1,
                "description": (
                    "Kind of record, e.g. `ayon.create.instance` (publish "
                    "instance), `ayon.load.container` (loaded container) or "
                    "`publish_context`."
                ),
            },
            "instance_id": {
                "type": "string",
                "minLength": 1,
                "description": (
                    "Unique id of a publish instance. Absent for containers "
                    "and the publish context."
                ),
            },
            "members": {
                "type": "array",
                "items": {"type": "integer", "minimum": 1},
                "description": (
                    "Project item ids the record belongs to; `members[0]` is "
                    "the main item (the instance's comp, the container's "
                    "footage or background folder). Empty for the publish "
                    "context. The reference sometimes stored ids as strings; "
                    "the host converts them to integers."
                ),
            },
            "data": {"$ref": "#/$defs/MetadataData"},
        },
        "required": ["id", "members", "data"],
        "additionalProperties": False,
    },
    "NewItemType": {
        "title": "NewItemType",
        "description": (
            "Kind of item `add_item` can create: a composition or a "
            "folder. The reference used the upper-case wire values "
            "`COMP` and `FOLDER`."
        ),
        "type": "string",
        "enum": ["comp", "folder"],
    },
    "ProjectItem": {
        "title": "ProjectItem",
        "description": (
            "One item of the Project panel as returned by "
            "`get_items` and `get_selected_items`. Replaces the "
            "reference's catch-all `AEItem` for these routes (the "
            "reference read `type` into a field named `item_type`; "
            "the wire name is `type` here as there)."
        ),
        "type": "object",
        "properties": {
            "id": {
                "type": "integer",
                "minimum": 1,
                "description": (
                    "AE item id (`Item.id`), unique within the project and "
                    "stable while the project is open."
                ),
            },
            "name": {
                "type": "string",
                "description": "Name shown in the Project panel (`Item.name`).",
            },
            "type": {"$ref": "#/$defs/ItemType"},
            "path": {
                "type": ["string", "null"],
                "description": (
                    "Absolute, OS-native path (`File.fsName`) of the "
                    "footage's source file; for an image sequence the first "
                    "file of the sequence. `null` for comps, folders, solids "
                    "and placeholders (the reference sent `''`)."
                ),
            },
            "containing_comps": {
                "type": "array",
                "items": {"type": "integer", "minimum": 1},
                "description": (
                    "Ids of the compositions that use this item as a layer "
                    "source (`AVItem.usedIn`). Filled for footage and comps "
                    "(a comp used as a precomp); always empty for folders."
                ),
            },
            "parent_folder_id": {
                "type": ["integer", "null"],
                "minimum": 1,
                "description": (
                    "Id of the folder that holds the item "
                    "(`Item.parentFolder.id`); `null` when the item sits "
                    "directly in the project's root folder. New: the "
                    "reference did not report it."
                ),
            },
        },
        "required": ["id", "name", "type", "path", "containing_comps", "parent_folder_id"],
        "additionalProperties": False,
    },
    "ProjectState": {
        "title": "ProjectState",
        "description": (
            "Snapshot of the open project, as returned by "
            "`get_project_state`. New: replaces the reference's "
            "local `is_saved()` stub that always returned true, and "
            "spares callers two error-prone name lookups."
        ),
        "type": "object",
        "properties": {
            "is_open": {
                "type": "boolean",
                "description": (
                    "`true` when the current project is backed by a file "
                    "(`app.project.file` is not null): it was opened from "
                    "disk or saved at least once. `false` for a new, "
                    "untitled project (AE always has some project loaded)."
                ),
            },
            "is_saved": {
                "type": "boolean",
                "description": (
                    "`true` when the project has no unsaved changes since it "
                    "was last opened or saved. The scripting DOM has no "
                    "dirty flag, so the host tracks this itself (it marks "
                    "the project clean after open/save and compares against "
                    "AE's undo history or a change counter); when it cannot "
                    "tell it reports `false`. Always `false` for an untitled "
                    "project that has items."
                ),
            },
            "full_name": {
                "type": ["string", "null"],
                "description": (
                    "Absolute, OS-native path of the project file, as "
                    "`get_active_document_full_name` returns; `null` when "
                    "`is_open` is false."
                ),
            },
            "name": {
                "type": ["string", "null"],
                "description": (
                    "File name of the project (e.g. `sh010_comp_v003.aep`), "
                    "as `get_active_document_name` returns; `null` when "
                    "`is_open` is false."
                ),
            },
            "num_items": {
                "type": "integer",
                "minimum": 0,
                "description": (
                    "Number of items in the project (`Project.numItems`), folders included."
                ),
            },
            "bits_per_channel": {
                "type": "integer",
                "enum": [8, 16, 32],
                "description": "Color depth of the project (`Project.bitsPerChannel`).",
            },
            "active_comp_id": {
                "type": ["integer", "null"],
                "minimum": 1,
                "description": (
                    "Id of the composition active in the viewer "
                    "(`Project.activeItem` when it is a CompItem), else "
                    "`null`."
                ),
            },
        },
        "required": [
            "is_open",
            "is_saved",
            "full_name",
            "name",
            "num_items",
            "bits_per_channel",
            "active_comp_id",
        ],
        "additionalProperties": False,
    },
    "RenderOutput": {
        "title": "RenderOutput",
        "description": "One output module of a composition's render-queue item.",
        "type": "object",
        "properties": {
            "file_name": {
                "type": "string",
                "description": (
                    "Absolute, OS-native path of the output module's file "
                    "(`OutputModule.file.fsName`), keeping AE's frame-number "
                    "placeholder such as `[#####]` for sequences. The "
                    "reference sent `File.toString()`, a URI-encoded form."
                ),
            },
            "width": {
                "type": "integer",
                "minimum": 1,
                "maximum": 30000,
                "description": (
                    "Width of the rendered frames in pixels (the composition's width)."
                ),
            },
            "height": {
                "type": "integer",
                "minimum": 1,
                "maximum": 30000,
                "description": (
                    "Height of the rendered frames in pixels (the composition's height)."
                ),
            },
        },
        "required": ["file_name", "width", "height"],
        "additionalProperties": False,
    },
}
"""The schema's components the tools use, their references pointing into ``$defs``."""


def _schema(schema: dict[str, Any], *defs: str) -> dict[str, Any]:
    """``schema`` with the named components as its ``$defs``."""
    return {**schema, "$defs": {name: _DEFS[name] for name in defs}} if defs else schema


def _result(key: str, schema: dict[str, Any]) -> dict[str, Any]:
    """The output schema of a result that is not an object: ``{key: result}``."""
    return {
        "type": "object",
        "properties": {key: schema},
        "required": [key],
        "additionalProperties": False,
    }


TOOLS: Final[tuple[ToolSpec, ...]] = (
    ToolSpec(
        name="add_comp_to_render_queue",
        description=(
            "Queue a composition for rendering unless it is already "
            "queued.\n\nMakes sure composition `comp_id` has a "
            "render-queue item: adds one when it has none, whose "
            "output modules write into `output_dir`, or `<project "
            "folder>/output` when absent, keeping their file-name "
            "template; a comp already queued is left as it is. "
            "Returns true in both cases, the reference's contract "
            '("True when composition is in render queue"; AYON\'s '
            "render creator raises on a false value); failures raise "
            "instead of returning false. x-idempotent is true "
            "although it creates an item: it only creates one when "
            "none exists, so a repeat leaves the same queue. "
            "Reference wire name of `output_dir`: `output_path`."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "comp_id": {
                        "description": "Id of the composition.",
                        "type": "integer",
                        "minimum": 1,
                    },
                    "output_dir": {
                        "description": (
                            "Absolute path of the folder the output modules write "
                            "to; created if missing. Absent means `<project "
                            "folder>/output`. Reference wire name: `output_path`."
                        ),
                        "type": "string",
                        "minLength": 1,
                        "format": "path",
                    },
                },
                "required": ["comp_id"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(
            _result(
                "queued",
                {
                    "description": (
                        "Always true: the composition is in the render queue (already, or now)."
                    ),
                    "type": "boolean",
                },
            )
        ),
        result_key="queued",
        read_only=False,
        destructive=False,
        idempotent=True,
        timeout_ms=30000,
    ),
    ToolSpec(
        name="add_item",
        description=(
            "Create a composition or a folder.\n\nCreates a new item "
            "in the project's root folder and returns its id. A "
            "composition gets placeholder settings (1920x1080, "
            "square pixels, 10 s, 25 fps) that callers overwrite "
            "with `set_comp_properties`; the reference used "
            "1920x1060, a typo. `item_type` values are lower-case "
            "now (reference: `COMP`, `FOLDER`); any other value is "
            "refused by the schema instead of by the host."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "name": {
                        "description": "Name of the new item.",
                        "type": "string",
                        "minLength": 1,
                    },
                    "item_type": {
                        "description": "Kind of item to create.",
                        "$ref": "#/$defs/NewItemType",
                    },
                },
                "required": ["name", "item_type"],
                "additionalProperties": False,
            },
            "NewItemType",
        ),
        output_schema=_schema(
            _result(
                "item_id",
                {"description": "Id of the created item.", "type": "integer", "minimum": 1},
            )
        ),
        result_key="item_id",
        read_only=False,
        destructive=False,
        idempotent=False,
        timeout_ms=30000,
    ),
    ToolSpec(
        name="add_item_as_layer",
        description=(
            "Add a project item as a new layer of a composition.\n\n"
            "Adds footage or a composition `item_id` as the top "
            "layer of composition `comp_id` (`LayerCollection.add`) "
            "and returns the new layer. The reference returned "
            "nothing and its Python stub then raised `ValueError` on "
            "success."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "comp_id": {
                        "description": "Id of the composition. The target composition.",
                        "type": "integer",
                        "minimum": 1,
                    },
                    "item_id": {
                        "description": (
                            "Id of the footage or composition to add; a folder, or "
                            "the target comp itself, is refused."
                        ),
                        "type": "integer",
                        "minimum": 1,
                    },
                },
                "required": ["comp_id", "item_id"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(_DEFS["Layer"], "LayerType"),
        result_key=None,
        read_only=False,
        destructive=False,
        idempotent=False,
        timeout_ms=30000,
    ),
    ToolSpec(
        name="add_item_instead_placeholder",
        description=(
            "Put a loaded item into every layer slot of a template "
            "placeholder.\n\nFor every composition that uses "
            "placeholder item `placeholder_item_id` as a layer "
            "source, adds `item_id` as a new layer right below the "
            "placeholder layer, where the placeholder was: the same "
            "point of the new footage (the placeholder's anchor "
            "point, taken relative to its size) sits at the "
            "placeholder's position, so footage of another size is "
            "not shifted; scale, rotation, opacity, parent, 3D "
            "switch and orientation, start time, stretch, in and out "
            "points are copied. Returns how many layers were added. "
            "The placeholder itself is left for the caller to "
            "delete. Fixes the reference's ES3 bug where the inner "
            "loop's `var i` clobbered the outer loop, so only the "
            "first composition was handled."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "placeholder_item_id": {
                        "description": (
                            "Id of the placeholder footage item created by `add_placeholder`."
                        ),
                        "type": "integer",
                        "minimum": 1,
                    },
                    "item_id": {
                        "description": "Id of the loaded footage or composition to place.",
                        "type": "integer",
                        "minimum": 1,
                    },
                },
                "required": ["placeholder_item_id", "item_id"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(
            _result(
                "layers_added",
                {
                    "description": (
                        "Number of layers added (0 when no composition uses the placeholder)."
                    ),
                    "type": "integer",
                    "minimum": 0,
                },
            )
        ),
        result_key="layers_added",
        read_only=False,
        destructive=True,
        idempotent=False,
        timeout_ms=120000,
    ),
    ToolSpec(
        name="add_placeholder",
        description=(
            "Create a placeholder footage item for the "
            "workfile-template builder.\n\nCreates a PlaceholderItem "
            "(`Project.importPlaceholder`) that stands in for "
            "content the template builder loads later, and returns "
            "its id. The reference left its undo group open on "
            "success and, on failure, only logged and returned "
            "nothing. Reference wire name of `frame_rate`: `fps`."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "name": {
                        "description": "Name of the placeholder item.",
                        "type": "string",
                        "minLength": 1,
                    },
                    "width": {
                        "description": "Width in pixels.",
                        "type": "integer",
                        "minimum": 4,
                        "maximum": 30000,
                    },
                    "height": {
                        "description": "Height in pixels.",
                        "type": "integer",
                        "minimum": 4,
                        "maximum": 30000,
                    },
                    "frame_rate": {
                        "description": "Frames per second. Reference wire name: `fps`.",
                        "type": "number",
                        "minimum": 1,
                        "maximum": 99,
                    },
                    "duration": {
                        "description": "Length in seconds (0 for a still).",
                        "type": "number",
                        "minimum": 0,
                        "maximum": 10800,
                    },
                },
                "required": ["name", "width", "height", "frame_rate", "duration"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(
            _result(
                "item_id",
                {
                    "description": "Id of the created placeholder item.",
                    "type": "integer",
                    "minimum": 1,
                },
            )
        ),
        result_key="item_id",
        read_only=False,
        destructive=False,
        idempotent=False,
        timeout_ms=30000,
    ),
    ToolSpec(
        name="close",
        description=(
            "Close the project without saving and quit After "
            "Effects.\n\nCloses the project discarding unsaved changes "
            "(`CloseOptions.DO_NOT_SAVE_CHANGES`) and quits AE. The "
            "host sends its null reply before it quits (the quit is "
            "scheduled after the reply), but the socket may still "
            "drop first; callers treat `ConnectionLost` after "
            "`close` as success. The reference never replied, so the "
            "caller blocked forever. Not idempotent, so the runtime "
            "never re-sends it to a panel that reconnected."
        ),
        input_schema=_schema(
            {"type": "object", "properties": {}, "required": [], "additionalProperties": False}
        ),
        output_schema=_schema(_result("result", {"description": "Nothing.", "type": "null"})),
        result_key="result",
        read_only=False,
        destructive=True,
        idempotent=False,
        timeout_ms=10000,
    ),
    ToolSpec(
        name="delete_item",
        description=(
            "Delete a project item.\n\nRemoves any project item "
            "(`Item.remove()`); deleting a folder deletes its "
            "contents. Not idempotent: a repeated call fails with "
            "`ItemNotFound`, so a lost reply is reported rather than "
            "retried (AE never reuses ids, so a repeat could not "
            "delete another item). The reference crashed with a "
            "ReferenceError on a missing item."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "item_id": {
                        "description": "Id of the project item.",
                        "type": "integer",
                        "minimum": 1,
                    }
                },
                "required": ["item_id"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(_result("result", {"description": "Nothing.", "type": "null"})),
        result_key="result",
        read_only=False,
        destructive=True,
        idempotent=False,
        timeout_ms=30000,
    ),
    ToolSpec(
        name="get_active_document_full_name",
        description=(
            "Absolute path of the open project file.\n\nReturns the "
            "OS-native absolute path (`app.project.file.fsName`) of "
            "the current project. Raises `NoDocumentOpen` for an "
            "untitled project that was never saved (the reference "
            'returned `{"error": "No file open currently"}`).'
        ),
        input_schema=_schema(
            {"type": "object", "properties": {}, "required": [], "additionalProperties": False}
        ),
        output_schema=_schema(
            _result(
                "full_name", {"description": "Absolute path of the project file.", "type": "string"}
            )
        ),
        result_key="full_name",
        read_only=True,
        destructive=False,
        idempotent=True,
        timeout_ms=10000,
    ),
    ToolSpec(
        name="get_active_document_name",
        description=(
            "File name of the open project.\n\nReturns the file name "
            "(`app.project.file.name`, e.g. `sh010_comp_v003.aep`) "
            "of the current project. Raises `NoDocumentOpen` for an "
            "untitled project."
        ),
        input_schema=_schema(
            {"type": "object", "properties": {}, "required": [], "additionalProperties": False}
        ),
        output_schema=_schema(
            _result(
                "name",
                {"description": "File name of the project, with extension.", "type": "string"},
            )
        ),
        result_key="name",
        read_only=True,
        destructive=False,
        idempotent=True,
        timeout_ms=10000,
    ),
    ToolSpec(
        name="get_app_version",
        description=(
            "Version of After Effects.\n\nReturns `app.version`, e.g. "
            "`24.6.1x3` (callers take the leading `major.minor`)."
        ),
        input_schema=_schema(
            {"type": "object", "properties": {}, "required": [], "additionalProperties": False}
        ),
        output_schema=_schema(
            _result(
                "version",
                {"description": "After Effects version string.", "type": "string", "minLength": 1},
            )
        ),
        result_key="version",
        read_only=True,
        destructive=False,
        idempotent=True,
        timeout_ms=10000,
    ),
    ToolSpec(
        name="get_audio_url",
        description=(
            "Path of the audio file used in a composition, if any.\n\n"
            "Returns the source file path of the first AV layer "
            "(from the top) that has audio and a file source. "
            "Returns null when the comp has no such layer; the "
            'reference returned the string `"undefined"` there, '
            "which the audio collector stored as a path. Reference "
            "wire name of `comp_id`: `item_id`."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "comp_id": {
                        "description": "Id of the composition. Reference wire name: `item_id`.",
                        "type": "integer",
                        "minimum": 1,
                    }
                },
                "required": ["comp_id"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(
            _result(
                "path",
                {
                    "description": (
                        "Absolute, OS-native path of the audio source file, or "
                        "null when the comp has no audio layer."
                    ),
                    "type": ["string", "null"],
                },
            )
        ),
        result_key="path",
        read_only=True,
        destructive=False,
        idempotent=True,
        timeout_ms=10000,
    ),
    ToolSpec(
        name="get_comp_properties",
        description=(
            "Read a composition's frame range, frame rate and "
            "resolution.\n\nReturns the timing and format of "
            "composition `comp_id`. Reference wire name of "
            "`comp_id`: `item_id` (the Python stub already called it "
            "`comp_id`). A missing or non-comp item raises instead "
            'of returning `{"error"}` (which made the reference\'s '
            "orphan-instance cleanup branch unreachable)."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "comp_id": {
                        "description": "Id of the composition. Reference wire name: `item_id`.",
                        "type": "integer",
                        "minimum": 1,
                    }
                },
                "required": ["comp_id"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(_DEFS["CompProperties"]),
        result_key=None,
        read_only=True,
        destructive=False,
        idempotent=True,
        timeout_ms=10000,
    ),
    ToolSpec(
        name="get_extension_version",
        description=(
            "Version of the installed CEP extension.\n\nAnswered by "
            "the panel's JavaScript, not ExtendScript: it reads the "
            "`ExtensionBundleVersion` of the extension's "
            "`CSXS/manifest.xml`. The hello handshake also carries "
            "it; this method stays for the publish plugin that "
            "checks it. The reference returned a hand-built JSON "
            'string, or `"undefined"` when the manifest could not be '
            "read (now an internal error)."
        ),
        input_schema=_schema(
            {"type": "object", "properties": {}, "required": [], "additionalProperties": False}
        ),
        output_schema=_schema(
            _result(
                "version",
                {
                    "description": "Extension version, e.g. `1.2.0`.",
                    "type": "string",
                    "minLength": 1,
                },
            )
        ),
        result_key="version",
        read_only=True,
        destructive=False,
        idempotent=True,
        timeout_ms=10000,
    ),
    ToolSpec(
        name="get_items",
        description=(
            "List project items of the requested kinds.\n\nWalks "
            "`app.project.items` and returns the items whose kind is "
            "requested by the flags. All flags default to false, so "
            "a call with no flags returns an empty list. The "
            "reference made `comps` a required Python argument and "
            "returned `{}` placeholders for filtered-out items."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "comps": {
                        "description": (
                            "Include compositions (CompItem) in the result. Absent means false."
                        ),
                        "type": "boolean",
                        "default": False,
                    },
                    "folders": {
                        "description": (
                            "Include folders (FolderItem) in the result. Absent means false."
                        ),
                        "type": "boolean",
                        "default": False,
                    },
                    "footages": {
                        "description": (
                            "Include footage items (FootageItem: files, sequences, "
                            "solids, placeholders) in the result. Absent means false."
                        ),
                        "type": "boolean",
                        "default": False,
                    },
                },
                "required": [],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(
            _result(
                "items",
                {
                    "description": (
                        "Matching items in Project-panel order. Items filtered "
                        "out are omitted (the reference sent `{}` for them)."
                    ),
                    "type": "array",
                    "items": {"$ref": "#/$defs/ProjectItem"},
                },
            ),
            "ItemType",
            "ProjectItem",
        ),
        result_key="items",
        read_only=True,
        destructive=False,
        idempotent=True,
        timeout_ms=30000,
    ),
    ToolSpec(
        name="get_layers",
        description=(
            "List the layers of a composition.\n\nReturns the "
            "composition's layers from top (index 1) to bottom. New "
            "method: the reference could only inspect layers inside "
            "single-purpose JSX functions."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "comp_id": {
                        "description": "Id of the composition.",
                        "type": "integer",
                        "minimum": 1,
                    }
                },
                "required": ["comp_id"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(
            _result(
                "layers",
                {
                    "description": "Layers in index order.",
                    "type": "array",
                    "items": {"$ref": "#/$defs/Layer"},
                },
            ),
            "Layer",
            "LayerType",
        ),
        result_key="layers",
        read_only=True,
        destructive=False,
        idempotent=True,
        timeout_ms=30000,
    ),
    ToolSpec(
        name="get_metadata",
        description=(
            "Read all pipeline metadata stored in the project.\n\n"
            "Returns every record of the pipeline's metadata list, "
            "kept in the `xmp:Label` property of the project's XMP "
            "packet. An empty list when nothing is stored. The "
            "reference returned the raw stored string (or "
            '`{"result": []}`) and Python parsed it; a stored value '
            "that is not a JSON list now raises `MetadataCorrupt` "
            'instead of `ValueError("Received broken JSON ...")`. '
            "What Python's `json.dumps` writes and `json.loads` "
            "reads is accepted: the bare `NaN`, `Infinity` and "
            "`-Infinity` it writes for non-finite floats read as "
            "null (JSON has no such numbers) and stay as they were "
            "in storage. Malformed dicts without a string `id` are "
            "left untouched in storage but not returned."
        ),
        input_schema=_schema(
            {"type": "object", "properties": {}, "required": [], "additionalProperties": False}
        ),
        output_schema=_schema(
            _result(
                "entries",
                {
                    "description": "The stored records, in stored order.",
                    "type": "array",
                    "items": {"$ref": "#/$defs/MetadataEntry"},
                },
            ),
            "JsonValue",
            "MetadataData",
            "MetadataEntry",
        ),
        result_key="entries",
        read_only=True,
        destructive=False,
        idempotent=True,
        timeout_ms=30000,
    ),
    ToolSpec(
        name="get_project_state",
        description=(
            "Summary of the open project: file, unsaved changes, "
            "size.\n\nReturns a snapshot of the current project. New "
            'method: it answers "is a file open" and "are there '
            "unsaved changes\" (the reference's `is_saved()` was a "
            "local stub that always said true) in one call."
        ),
        input_schema=_schema(
            {"type": "object", "properties": {}, "required": [], "additionalProperties": False}
        ),
        output_schema=_schema(_DEFS["ProjectState"]),
        result_key=None,
        read_only=True,
        destructive=False,
        idempotent=True,
        timeout_ms=10000,
    ),
    ToolSpec(
        name="get_render_info",
        description=(
            "Read where a composition's render-queue item writes its "
            "files.\n\nFinds the single render-queue item of "
            "composition `comp_id` and returns one entry per output "
            "module. Now a pure read: the reference duplicated and "
            "removed DONE render-queue items here to make them "
            "renderable again; `render` does that now. Raises when "
            "the comp has no render-queue item or more than one (the "
            'reference\'s `{"error"}` strings).'
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "comp_id": {
                        "description": "Id of the composition.",
                        "type": "integer",
                        "minimum": 1,
                    }
                },
                "required": ["comp_id"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(
            _result(
                "outputs",
                {
                    "description": (
                        "One entry per output module of the comp's render-queue "
                        "item, in output-module order."
                    ),
                    "type": "array",
                    "items": {"$ref": "#/$defs/RenderOutput"},
                    "minItems": 1,
                },
            ),
            "RenderOutput",
        ),
        result_key="outputs",
        read_only=True,
        destructive=False,
        idempotent=True,
        timeout_ms=30000,
    ),
    ToolSpec(
        name="get_selected_items",
        description=(
            "List the selected project items of the requested "
            "kinds.\n\nLike `get_items`, but walks "
            "`app.project.selection` (Project-panel selection "
            "order). All flags default to false."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "comps": {
                        "description": (
                            "Include compositions (CompItem) in the result. Absent means false."
                        ),
                        "type": "boolean",
                        "default": False,
                    },
                    "folders": {
                        "description": (
                            "Include folders (FolderItem) in the result. Absent means false."
                        ),
                        "type": "boolean",
                        "default": False,
                    },
                    "footages": {
                        "description": (
                            "Include footage items (FootageItem: files, sequences, "
                            "solids, placeholders) in the result. Absent means false."
                        ),
                        "type": "boolean",
                        "default": False,
                    },
                },
                "required": [],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(
            _result(
                "items",
                {
                    "description": (
                        "Selected items of the requested kinds, in selection "
                        "order. Filtered-out items are omitted."
                    ),
                    "type": "array",
                    "items": {"$ref": "#/$defs/ProjectItem"},
                },
            ),
            "ItemType",
            "ProjectItem",
        ),
        result_key="items",
        read_only=True,
        destructive=False,
        idempotent=True,
        timeout_ms=30000,
    ),
    ToolSpec(
        name="import_background",
        description=(
            "Import layered background images into a composition.\n\n"
            "Imports every file of `paths` as footage and adds each "
            "as a layer, in order. With `comp_id` the layers go into "
            "that composition and its parent folder; without it a "
            "folder and a composition both named `name` are created, "
            "sized from the first image (the reference used 1 s at "
            "26.7 fps; here the new comp gets 1 s at 25 fps, the "
            "pipeline then applies shot settings). The reference "
            "also looked at the active item (with a broken "
            "`instanceof Folder` test) and refused when several "
            "items were selected; both are gone. Reference wire "
            "names: `comp_name` for `name`, `files` for `paths`."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "comp_id": {
                        "description": (
                            "Existing composition to fill. Absent means create a new "
                            "folder and composition."
                        ),
                        "type": "integer",
                        "minimum": 1,
                    },
                    "name": {
                        "description": (
                            "Name of the new composition and folder (unused with "
                            "`comp_id`). Reference wire name: `comp_name`."
                        ),
                        "type": "string",
                        "minLength": 1,
                    },
                    "paths": {
                        "description": (
                            "Absolute paths of the images to import, top layer last "
                            "as in the source file. Reference wire name: `files`."
                        ),
                        "type": "array",
                        "items": {"type": "string", "minLength": 1, "format": "path"},
                        "minItems": 1,
                    },
                },
                "required": ["name", "paths"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(_DEFS["BackgroundResult"]),
        result_key=None,
        read_only=False,
        destructive=False,
        idempotent=False,
        timeout_ms=600000,
    ),
    ToolSpec(
        name="import_file",
        description=(
            "Import a file as a new project item.\n\nImports the file "
            "at `path` (`Project.importFile`), names the new item "
            "`name` and gives it label 9 (green, the pipeline's "
            '"loaded" color). Changes from the reference: '
            "`import_options` may be absent (the reference crashed "
            "on null options); the item is placed in "
            "`parent_folder_id` when given, instead of the "
            "reference's guess \"exactly two items selected and the "
            'first is a folder"; the undo group is always closed. '
            "Reference wire name of `name`: `item_name`."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "path": {
                        "description": (
                            "Absolute path of the file to import (the first frame for a sequence)."
                        ),
                        "type": "string",
                        "minLength": 1,
                        "format": "path",
                    },
                    "name": {
                        "description": "Name for the new item. Reference wire name: `item_name`.",
                        "type": "string",
                        "minLength": 1,
                    },
                    "import_options": {
                        "description": (
                            "How to import the file. Absent means AE's defaults for this file type."
                        ),
                        "$ref": "#/$defs/ImportOptions",
                    },
                    "parent_folder_id": {
                        "description": (
                            "Folder to put the new item in. Absent means the "
                            "project's root folder. New."
                        ),
                        "type": "integer",
                        "minimum": 1,
                    },
                },
                "required": ["path", "name"],
                "additionalProperties": False,
            },
            "ImportAsType",
            "ImportOptions",
        ),
        output_schema=_schema(_DEFS["ImportResult"]),
        result_key=None,
        read_only=False,
        destructive=False,
        idempotent=False,
        timeout_ms=600000,
    ),
    ToolSpec(
        name="imprint",
        description=(
            "Create or update one pipeline metadata record in the "
            "project.\n\nUpserts `entry` into the stored metadata list "
            "in one call. The record it updates is found by a key: "
            "its `instance_id` when present; otherwise `members[0]` "
            "(matching a stored record with the same first member "
            "and no `instance_id`); otherwise `id` alone, so "
            "singleton records such as `publish_context` are updated "
            "instead of appended again (the reference appended a new "
            "copy every time). The keys of `entry.data` are merged "
            "into the matching record, as the reference did: keys "
            "`entry.data` does not name are kept, so a partial "
            "update (a loader's `{representation, name, namespace}`) "
            "keeps `loader`, `schema` and the rest; `id`, "
            "`instance_id` and `members` are set from `entry`. With "
            "no match the entry is appended. Records whose first "
            "member no longer exists in the project are dropped, as "
            "the reference did. x-idempotent is true: merging the "
            "same entry twice leaves the same list. Changes from the "
            "reference: wire params were `{payload}`, a whole "
            "pre-merged list as an indented JSON string that Python "
            "built after two extra round trips (`get_metadata`, "
            "`get_items`) and the panel pasted into source text (the "
            "P6 escaping bug); the Python stub took `item_id`, "
            "`data`, `all_items` and `items_meta`, and `data` `{}` "
            "deleted the record (here: `remove_metadata`)."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "entry": {
                        "description": (
                            "The record, or the part of it to change: `entry.data` "
                            "keys are merged into the stored record. Every id in "
                            "`members` must exist in the project."
                        ),
                        "$ref": "#/$defs/MetadataEntry",
                    }
                },
                "required": ["entry"],
                "additionalProperties": False,
            },
            "JsonValue",
            "MetadataData",
            "MetadataEntry",
        ),
        output_schema=_schema(_result("result", {"description": "Nothing.", "type": "null"})),
        result_key="result",
        read_only=False,
        destructive=True,
        idempotent=True,
        timeout_ms=30000,
    ),
    ToolSpec(
        name="open",
        description=(
            "Open a project file in After Effects, refusing to drop "
            "unsaved changes unless told to.\n\nOpens the .aep at "
            "`path` with `app.open()`, replacing the current "
            "project. When the current project has unsaved changes "
            "the call raises `UnsavedChanges` and changes nothing, "
            "unless `discard_unsaved` is true: then they are "
            "discarded without AE's save prompt, so the call never "
            "blocks on a modal dialog. Unsaved changes are "
            "`Project.dirty` (After Effects 17.5 and later); where "
            "AE does not report it, any project other than an "
            "untitled empty one counts as unsaved. Changes from the "
            "reference: its `app.open()` let After Effects show its "
            "save prompt (a modal dialog that blocked the call until "
            "the artist answered); it returned a JSON dump of the "
            "Project object that every caller ignored, this returns "
            "null and raises instead of opening nothing."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "path": {
                        "description": "Absolute path of the project file to open.",
                        "type": "string",
                        "minLength": 1,
                        "format": "path",
                    },
                    "discard_unsaved": {
                        "description": (
                            "Discard the current project's unsaved changes instead "
                            "of raising `UnsavedChanges`."
                        ),
                        "type": "boolean",
                        "default": False,
                    },
                },
                "required": ["path"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(_result("result", {"description": "Nothing.", "type": "null"})),
        result_key="result",
        read_only=False,
        destructive=True,
        idempotent=True,
        timeout_ms=600000,
    ),
    ToolSpec(
        name="print_msg",
        description=(
            "Show a message to the artist in a modal alert.\n\nShows "
            "`msg` in AE's modal `alert()`. The call returns when "
            "the artist dismisses the dialog, which can take a long "
            "time; the deadline is an hour. Not idempotent: a repeat "
            "shows the dialog again."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {"msg": {"description": "Text to show.", "type": "string"}},
                "required": ["msg"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(_result("result", {"description": "Nothing.", "type": "null"})),
        result_key="result",
        read_only=False,
        destructive=False,
        idempotent=False,
        timeout_ms=3600000,
    ),
    ToolSpec(
        name="reload_background",
        description=(
            "Update a loaded background composition to new images.\n\n"
            "Renames composition `comp_id` and its parent folder to "
            "`name`; for each file of `paths`, replaces the footage "
            "in that folder named after the file (its decoded base "
            "name, or the URI-encoded one the reference gave its "
            "items: `a%20b` for `a b.png`) and names it with the "
            "decoded base name, or imports it and adds it as a "
            "layer; then deletes footage in the folder that no file "
            "matches. So backgrounds loaded by the reference keep "
            "their layers, effects and transforms. Running it twice "
            "with the same arguments leaves the same project, so it "
            "is idempotent. The composition must sit in its own "
            "background folder (else `InvalidItemType`); the "
            "reference would have cleaned up whatever folder held "
            "it. Reference wire names: `comp_name` for `name`, "
            "`files` for `paths`."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "comp_id": {
                        "description": "Id of the background composition to update.",
                        "type": "integer",
                        "minimum": 1,
                    },
                    "name": {
                        "description": (
                            "New name of the composition and its folder. Reference "
                            "wire name: `comp_name`."
                        ),
                        "type": "string",
                        "minLength": 1,
                    },
                    "paths": {
                        "description": (
                            "Absolute paths of the new images. Reference wire name: `files`."
                        ),
                        "type": "array",
                        "items": {"type": "string", "minLength": 1, "format": "path"},
                        "minItems": 1,
                    },
                },
                "required": ["comp_id", "name", "paths"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(_DEFS["BackgroundResult"]),
        result_key=None,
        read_only=False,
        destructive=True,
        idempotent=True,
        timeout_ms=600000,
    ),
    ToolSpec(
        name="remove_comp_from_render_queue",
        description=(
            "Remove a composition's render-queue items.\n\nRemoves "
            "every render-queue item whose comp is `comp_id`. "
            "Returns true when at least one was removed, false when "
            "none existed. The reference's lookup returned the first "
            "queue item whatever its comp (an empty `if` block), so "
            "it could remove another comp's item."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "comp_id": {
                        "description": "Id of the composition.",
                        "type": "integer",
                        "minimum": 1,
                    }
                },
                "required": ["comp_id"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(
            _result(
                "removed",
                {
                    "description": (
                        "true if an item was removed, false if the comp was not queued."
                    ),
                    "type": "boolean",
                },
            )
        ),
        result_key="removed",
        read_only=False,
        destructive=True,
        idempotent=True,
        timeout_ms=30000,
    ),
    ToolSpec(
        name="remove_instance",
        description=(
            "Remove a publish instance's metadata record.\n\nDeletes "
            "from the stored metadata every record whose "
            "`instance_id` equals `instance_id`, or, for a legacy "
            "record without `instance_id`, whose `uuid` does (the "
            "reference's rule). Ids are compared as text, so a "
            "legacy record that stored its id as a JSON number "
            '(`"uuid": 17`) is removed by `"17"`. The project items '
            "themselves are kept. Removing an id that is not stored "
            "is a no-op, so the call is idempotent. In the reference "
            "this was a stub method without a route of its own: it "
            "fetched the whole list, filtered it in Python and "
            "re-sent it through `AfterEffects.imprint` (wire params "
            "`{payload}`; Python also accepted `metadata`)."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "instance_id": {
                        "description": (
                            "Id of the publish instance to forget (a legacy integer "
                            "id as its decimal text)."
                        ),
                        "type": "string",
                        "minLength": 1,
                    }
                },
                "required": ["instance_id"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(_result("result", {"description": "Nothing.", "type": "null"})),
        result_key="result",
        read_only=False,
        destructive=True,
        idempotent=True,
        timeout_ms=30000,
    ),
    ToolSpec(
        name="remove_metadata",
        description=(
            "Remove the metadata records of a project item.\n\nDeletes "
            "from the stored metadata every record keyed on project "
            "item `item_id`: whose `members[0]` is `item_id` and "
            "that has no `instance_id` (containers). The item itself "
            "is kept. Removing what is not stored is a no-op, so the "
            "call is idempotent. This is what the reference's "
            "`imprint(item_id, {})` did (a loader's `remove` calls "
            "it before `delete_item`); the reference also matched a "
            "record whose `instance_id` equalled `item_id`, which "
            "`remove_instance` does here."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "item_id": {
                        "description": (
                            "Id of the project item whose records to forget (it may "
                            "already be deleted)."
                        ),
                        "type": "integer",
                        "minimum": 1,
                    }
                },
                "required": ["item_id"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(
            _result(
                "removed",
                {"description": "How many records were removed.", "type": "integer", "minimum": 0},
            )
        ),
        result_key="removed",
        read_only=False,
        destructive=True,
        idempotent=True,
        timeout_ms=30000,
    ),
    ToolSpec(
        name="rename_item",
        description=(
            "Rename a project item.\n\nSets `Item.name` of any project "
            "item. Reference wire name of `name`: `item_name`. A "
            "missing item raised a ReferenceError in the reference "
            '("EvalScript error."); it is `ItemNotFound` here.'
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "item_id": {
                        "description": "Id of the project item.",
                        "type": "integer",
                        "minimum": 1,
                    },
                    "name": {
                        "description": "New name. Reference wire name: `item_name`.",
                        "type": "string",
                        "minLength": 1,
                    },
                },
                "required": ["item_id", "name"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(_result("result", {"description": "Nothing.", "type": "null"})),
        result_key="result",
        read_only=False,
        destructive=True,
        idempotent=True,
        timeout_ms=10000,
    ),
    ToolSpec(
        name="render",
        description=(
            "Render one composition's render-queue item into a "
            "folder.\n\nPoints the first output module of composition "
            "`comp_id`'s render-queue item at `output_dir` (keeping "
            "its file name, minus the publish marker), replaces the "
            "item by a fresh duplicate when it is already DONE, "
            "disables every other queued item, and runs "
            "`renderQueue.render()` with dialogs suppressed. Blocks "
            "until the render ends, hence the 24 h deadline. Returns "
            "the outputs actually written (the reference returned "
            "nothing). Not idempotent: a repeat re-renders, which is "
            "costly and overwrites files, so a lost reply is "
            "reported, not retried. Reference wire name of "
            "`output_dir`: `folder_url`."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "comp_id": {
                        "description": "Id of the composition.",
                        "type": "integer",
                        "minimum": 1,
                    },
                    "output_dir": {
                        "description": (
                            "Absolute path of the folder to render into; created if "
                            "missing. Reference wire name: `folder_url`."
                        ),
                        "type": "string",
                        "minLength": 1,
                        "format": "path",
                    },
                },
                "required": ["comp_id", "output_dir"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(
            _result(
                "outputs",
                {
                    "description": (
                        "The output modules of the rendered item after the "
                        "render, as `get_render_info` reports them."
                    ),
                    "type": "array",
                    "items": {"$ref": "#/$defs/RenderOutput"},
                    "minItems": 1,
                },
            ),
            "RenderOutput",
        ),
        result_key="outputs",
        read_only=False,
        destructive=True,
        idempotent=False,
        timeout_ms=86400000,
        progress_event="render_progress",
    ),
    ToolSpec(
        name="replace_item",
        description=(
            "Point a footage item at a new file and rename it.\n\n"
            "Replaces the source of footage item `item_id` with the "
            "file at `path` (`FootageItem.replace`, or "
            "`replaceWithSequence` when the current source is an "
            "image sequence) and renames it to `name`. Used when a "
            "loaded container is updated to another version. Setting "
            "the same file and name twice leaves the same state, so "
            "the call is idempotent. Reference wire name of `name`: "
            "`item_name`."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "item_id": {
                        "description": "Id of the footage item to update.",
                        "type": "integer",
                        "minimum": 1,
                    },
                    "path": {
                        "description": (
                            "Absolute path of the new source file (the first frame for a sequence)."
                        ),
                        "type": "string",
                        "minLength": 1,
                        "format": "path",
                    },
                    "name": {
                        "description": "New name of the item. Reference wire name: `item_name`.",
                        "type": "string",
                        "minLength": 1,
                    },
                },
                "required": ["item_id", "path", "name"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(_result("result", {"description": "Nothing.", "type": "null"})),
        result_key="result",
        read_only=False,
        destructive=True,
        idempotent=True,
        timeout_ms=300000,
    ),
    ToolSpec(
        name="run_jsx_file",
        description=(
            "Evaluate an ExtendScript file inside After Effects.\n\n"
            "Runs the .jsx file at `path` with `$.evalFile()` and "
            "returns the value of its last expression, converted to "
            "JSON (undefined becomes null). After Effects objects "
            "(an item, a layer, a file) become a short description "
            'such as `"[CompItem 12 sh010_comp]"`, never walked; a '
            "value nested deeper than 64 levels or with more than "
            "100000 values raises `ScriptFailed` instead of "
            "serialising for ever. Used by the Run Scripts tool. The "
            "script can do anything inside AE, so the call is not "
            "idempotent and only trusted pipeline code may send it. "
            'The reference wrapped the value in `{"result": ...}` '
            'and reported failures as an `{"error"}` string.'
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "path": {
                        "description": "Absolute path of the .jsx file to evaluate.",
                        "type": "string",
                        "minLength": 1,
                        "format": "path",
                    }
                },
                "required": ["path"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(
            _result(
                "value",
                {
                    "description": (
                        "The script's completion value as JSON; null when it has none."
                    ),
                    "$ref": "#/$defs/JsonValue",
                },
            ),
            "JsonValue",
        ),
        result_key="value",
        read_only=False,
        destructive=True,
        idempotent=False,
        timeout_ms=600000,
    ),
    ToolSpec(
        name="save",
        description=(
            "Save the project to its current file.\n\nSaves the "
            "current project in place (`app.project.save()`). Raises "
            "`NoDocumentOpen` for an untitled project, where AE "
            "would otherwise open a Save As dialog and block; use "
            "`save_as` for those."
        ),
        input_schema=_schema(
            {"type": "object", "properties": {}, "required": [], "additionalProperties": False}
        ),
        output_schema=_schema(_result("result", {"description": "Nothing.", "type": "null"})),
        result_key="result",
        read_only=False,
        destructive=True,
        idempotent=True,
        timeout_ms=600000,
    ),
    ToolSpec(
        name="save_as",
        description=(
            "Save the project to another path, optionally as a "
            "copy.\n\nWrites the project to `path`. With `as_copy` "
            "false (the default) the open project then refers to the "
            "new file (Save As). With `as_copy` true the file is "
            "written but the open project stays associated with its "
            "current file and keeps its unsaved-changes state (Save "
            "a Copy). Semantic change from the reference: its JSX "
            "ignored `as_copy`, so the project always moved to "
            "`path`, and AYON's `save_workfile` calls `saveAs(dst, "
            "True)` relying on that; a port of it must call "
            "`save_as(path=dst)` (or use `aerpc.ayon`'s `saveAs`, "
            "which keeps the reference's behaviour). Reference "
            "route: `AfterEffects.saveAs`, the one camelCase route; "
            "reference wire name of `path`: `image_path` (the Python "
            "stub called it `project_path`)."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "path": {
                        "description": (
                            "Absolute path of the .aep to write; an existing file is "
                            "overwritten. Reference wire name: `image_path`."
                        ),
                        "type": "string",
                        "minLength": 1,
                        "format": "path",
                    },
                    "as_copy": {
                        "description": (
                            "Write a copy and keep working on the current file. The "
                            "reference ignored this flag and always moved the "
                            "project."
                        ),
                        "type": "boolean",
                        "default": False,
                    },
                },
                "required": ["path"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(_result("result", {"description": "Nothing.", "type": "null"})),
        result_key="result",
        read_only=False,
        destructive=True,
        idempotent=True,
        timeout_ms=600000,
    ),
    ToolSpec(
        name="select_items",
        description=(
            "Select exactly the given items in the Project panel.\n\n"
            "Sets `Item.selected` to true for the listed items and "
            "to false for every other item. Reference wire name of "
            "`item_ids`: `items`. Unknown ids now raise "
            "`ItemNotFound` before anything changes (the reference "
            "ignored them)."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "item_ids": {
                        "description": (
                            "Ids of the items to select; an empty list clears the "
                            "selection. Reference wire name: `items`."
                        ),
                        "type": "array",
                        "items": {"type": "integer", "minimum": 1},
                        "uniqueItems": True,
                    }
                },
                "required": ["item_ids"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(_result("result", {"description": "Nothing.", "type": "null"})),
        result_key="result",
        read_only=False,
        destructive=False,
        idempotent=True,
        timeout_ms=30000,
    ),
    ToolSpec(
        name="set_comp_properties",
        description=(
            "Change a composition's frame range, frame rate and/or "
            "resolution.\n\nSets any subset of the composition's frame "
            "start (`displayStartFrame`), length, frame rate and "
            "size; every parameter except `comp_id` is optional and "
            "an absent one is left unchanged. Each is applied on its "
            "own: the reference applied the frame block only when "
            "start, count and fps were all truthy, so a start of 0 "
            "was silently ignored. The length is set as "
            "`frames_duration / frame_rate` seconds, using the new "
            "frame rate when one is given. A size change moves every "
            "layer's position (each keyframe, or the static value) "
            "by half the size difference so the content stays "
            "centred, as the reference did. Parameter names follow "
            "`CompProperties`; reference wire names were `item_id`, "
            "`start` and `duration`."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "comp_id": {
                        "description": "Id of the composition. Reference wire name: `item_id`.",
                        "type": "integer",
                        "minimum": 1,
                    },
                    "frame_start": {
                        "description": (
                            "New first frame number (e.g. 1001). 0 is a valid value. "
                            "Reference wire name: `start`."
                        ),
                        "type": "integer",
                    },
                    "frames_duration": {
                        "description": (
                            "New length in frames. Reference wire name: `duration` "
                            "(also in frames)."
                        ),
                        "type": "integer",
                        "minimum": 1,
                    },
                    "frame_rate": {
                        "description": "New frame rate in frames per second, e.g. 23.976 or 25.",
                        "type": "number",
                        "minimum": 1,
                        "maximum": 999,
                    },
                    "width": {
                        "description": "New width in pixels.",
                        "type": "integer",
                        "minimum": 4,
                        "maximum": 30000,
                    },
                    "height": {
                        "description": "New height in pixels.",
                        "type": "integer",
                        "minimum": 4,
                        "maximum": 30000,
                    },
                },
                "required": ["comp_id"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(_result("result", {"description": "Nothing.", "type": "null"})),
        result_key="result",
        read_only=False,
        destructive=True,
        idempotent=True,
        timeout_ms=60000,
    ),
    ToolSpec(
        name="set_label_color",
        description=(
            "Set the label color of a project item.\n\nSets "
            "`Item.label` (0 = none, 1-16 = the label colors of the "
            "Preferences). The pipeline uses 9 (green) for loaded "
            "items and blue for created ones. Reference wire name of "
            "`label`: `color_idx`."
        ),
        input_schema=_schema(
            {
                "type": "object",
                "properties": {
                    "item_id": {
                        "description": "Id of the project item.",
                        "type": "integer",
                        "minimum": 1,
                    },
                    "label": {
                        "description": (
                            "Label color index, 0 (none) to 16. Reference wire name: `color_idx`."
                        ),
                        "type": "integer",
                        "minimum": 0,
                        "maximum": 16,
                    },
                },
                "required": ["item_id", "label"],
                "additionalProperties": False,
            }
        ),
        output_schema=_schema(_result("result", {"description": "Nothing.", "type": "null"})),
        result_key="result",
        read_only=False,
        destructive=True,
        idempotent=True,
        timeout_ms=10000,
    ),
)
"""Every tool, in method-name order."""
