// Generated from schema/aftereffects.openrpc.json by `aerpc generate`; do not edit.
// Schema: aftereffects 1.0.0, sha256:93e1b93458db8a8845fe44544194efe9482c6cedaffdecfcb5577a27d78a21ce
//
// Typings of aerpc-panel.js: the schema's types, the pipeline's methods as typed calls, the
// host methods the panel serves, and the schema's error classes. The panel library's own types
// (the panel, its options and events, the host bridge, the base error classes) are in
// aerpc-panel-lib.d.ts beside this file, a copy of the library's; this file binds them to the
// schema. In the panel page the module is the global `Aerpc`; in node it is
// `require("aerpc-panel.js")`.

import type * as Lib from "./aerpc-panel-lib";
import { RemoteError } from "./aerpc-panel-lib";

export {
    AerpcError,
    type BusyEvent,
    type CallEvent,
    type CallOptions,
    ConnectionLost,
    type CSInterfaceLike,
    EvalScriptBridge,
    type HelloResult,
    type HostBridge,
    type HostOutcome,
    type HostRequest,
    LocalError,
    type Logger,
    type LogLevel,
    NotConnected,
    type PanelEvents,
    type PanelStatus,
    type ReconnectOptions,
    RemoteError,
    RpcTimeout,
    RUNTIME_ABI,
    type StatusEvent,
    type WireError,
    errorClassFor,
    errorFromWire,
    jsStringLiteral,
    parseEnvelope,
    utf8Length,
} from "./aerpc-panel-lib";

export as namespace Aerpc;

export declare const SCHEMA: {
    readonly name: "aftereffects";
    readonly version: "1.0.0";
    readonly hash: "sha256:93e1b93458db8a8845fe44544194efe9482c6cedaffdecfcb5577a27d78a21ce";
};

// ---------------------------------------------------------------- schema types

/**
 * How a file is imported, mirroring AE's `ImportAsType` enumeration: `footage` (FOOTAGE),
 * `comp` (COMP), `comp_cropped_layers` (COMP_CROPPED_LAYERS, layered files with layers cropped
 * to their bounds) and `project` (PROJECT, an .aep imported into the current project). The
 * reference passed strings such as `'ImportAsType.COMP'` and matched them by substring.
 */
export type ImportAsType = "footage" | "comp" | "comp_cropped_layers" | "project";

/**
 * Kind of a project item. `comp` is a CompItem, `folder` a FolderItem, `footage` any
 * FootageItem (file footage, image sequences, solids and placeholders alike). The reference
 * also sent `''` for items of no known kind; every AE item is one of these three, so the empty
 * value is gone.
 */
export type ItemType = "comp" | "folder" | "footage";

/**
 * Any JSON value.
 */
export type JsonValue = unknown;

/**
 * Kind of a layer. Decided in this order: `camera` (CameraLayer), `light` (LightLayer), `text`
 * (TextLayer), `shape` (ShapeLayer); then for an AVLayer: `null` (`nullLayer` is true),
 * `adjustment` (`adjustmentLayer` is true), otherwise `av` (footage, solid, precomp or audio
 * layer). `other` covers any layer class AE adds later (for example 3D model layers), so a
 * newer AE does not break result validation.
 */
export type LayerType = "av" | "null" | "adjustment" | "text" | "shape" | "camera" | "light" | "other";

/**
 * Free-form payload of a metadata entry: every key the pipeline stored besides `id`,
 * `instance_id` and `members` (for containers `schema`, `name`, `namespace`, `loader`,
 * `representation`; for instances the product fields and creator attributes). Values are any
 * JSON.
 */
export type MetadataData = { [key: string]: JsonValue };

/**
 * Kind of item `add_item` can create: a composition or a folder. The reference used the
 * upper-case wire values `COMP` and `FOLDER`.
 */
export type NewItemType = "comp" | "folder";

/**
 * What happened to the project.
 */
export type ProjectChange = "opened" | "saved" | "closed";

/**
 * Who renders: `in_app` is `RenderQueue.render()` inside After Effects, `aerender` the
 * command-line renderer, `media_encoder` Adobe Media Encoder after `queueInAME`.
 */
export type RenderSource = "in_app" | "aerender" | "media_encoder";

/**
 * A render-queue item's status, as After Effects' `RQItemStatus` names it, in lower case
 * (`RQItemStatus.RENDERING` is `rendering`).
 */
export type RenderStatus = "will_continue" | "needs_output" | "unqueued" | "queued" | "rendering" | "user_stopped" | "err_stopped" | "done";

/**
 * Which task settings `apply_settings` applies to the selected compositions: `resolution`
 * (width and height), `frames` (frame start, duration and frame rate) or `all` (both).
 */
export type SettingsScope = "resolution" | "frames" | "all";

/**
 * Workfile-template builder action: `create_placeholder` (open the dialog that creates a
 * template placeholder), `update_placeholder` (edit the selected placeholder) or `build`
 * (build the workfile from the task's template).
 */
export type TemplateAction = "create_placeholder" | "update_placeholder" | "build";

/**
 * Pipeline tool the panel asks to open. `workfiles`, `loader`, `publisher`, `scene_inventory`
 * and `experimental_tools` are AYON tool windows; `script_editor` is the Python console and
 * `run_scripts` the Run Scripts tool.
 */
export type Tool = "workfiles" | "loader" | "publisher" | "scene_inventory" | "experimental_tools" | "script_editor" | "run_scripts";

/**
 * What `import_background` and `reload_background` built: a folder holding one composition and
 * the imported layer footage.
 */
export interface BackgroundResult {
    /** Id of the background folder (as in the reference, the folder, not the comp). */
    id: number;
    /** Name of the background composition (the folder has the same name). */
    name: string;
    /** Id of the background composition. New: the reference only listed it inside `members`. */
    comp_id: number;
    /** Ids the container owns, in order: the folder, the composition, then one footage item per imported file in the order of `paths`. `members[0]` is the folder id, which is what container metadata is keyed on. */
    members: Array<number>;
}

/**
 * Timing and format of one composition, as read by `get_comp_properties`. Field names are
 * snake_case; the reference sent camelCase `frameStart`, `framesDuration`, `frameRate` and
 * `pixelAspect`.
 */
export interface CompProperties {
    /** Id of the composition. */
    id: number;
    /** Name of the composition. */
    name: string;
    /** First frame number of the composition (`CompItem.displayStartFrame`). Reference name: `frameStart`. */
    frame_start: number;
    /** Length of the composition in frames, `round(duration * frameRate)`. Reference name: `framesDuration` (a float there; rounded to a whole frame count here). */
    frames_duration: number;
    /** Frames per second (`CompItem.frameRate`), e.g. 23.976. Reference name: `frameRate`. */
    frame_rate: number;
    /** Width in pixels. */
    width: number;
    /** Height in pixels. */
    height: number;
    /** Pixel aspect ratio (`CompItem.pixelAspect`), 1 for square pixels. Reference name: `pixelAspect` (the reference's getCompProperties forgot to send it and Python defaulted it to 1). */
    pixel_aspect: number;
}

/**
 * The host started or ended a call in ExtendScript (one runs at a time): which method, for
 * which caller, since when.
 */
export interface HostBusyChange {
    /** True when the call starts, false when it ends (then the fields name the call that ended). */
    busy: boolean;
    /** The host method running. */
    method: string;
    /** The request's JSON-RPC id, as text. */
    call_id: string;
    /** Who asked: `pipeline`, or a tool's name (its hello's app name) when the call came through the relay; null when unknown. */
    caller: string | null;
    /** Seconds the call has been running (0 at its start). */
    elapsed_s: number;
}

/**
 * Options for `import_file`. Every key is optional; an absent key leaves AE's own default for
 * that option. Replaces the reference's free-form dict whose keys were `ImportAsType`,
 * `sequence` and `fps`.
 */
export interface ImportOptions {
    import_as?: ImportAsType;
    /** `true` imports the file as the first frame of an image sequence (`ImportOptions.sequence`). The reference set it whenever the key was present, even for `false`; here `false` means a single still. */
    sequence?: boolean;
    /** Frame rate the imported footage is conformed to (`FootageItem.mainSource.conformFrameRate`), e.g. 23.976 or 25. */
    fps?: number;
}

/**
 * The project item created by `import_file`.
 */
export interface ImportResult {
    /** Id of the new project item. */
    id: number;
    /** Name the new item got (the requested name). */
    name: string;
}

/**
 * One layer of a composition, as returned by `get_layers`. New: the reference had no way to
 * list layers.
 */
export interface Layer {
    /** 1-based position of the layer in the composition's layer stack (`Layer.index`); 1 is the top. */
    index: number;
    /** Layer name (`Layer.name`). */
    name: string;
    type: LayerType;
    /** Whether the layer's video switch (the eyeball) is on (`Layer.enabled`). */
    enabled: boolean;
    /** Composition time, in seconds, at which the layer starts (`Layer.inPoint`). */
    in_point: number;
    /** Composition time, in seconds, at which the layer ends (`Layer.outPoint`). */
    out_point: number;
    /** Id of the project item the layer shows (`AVLayer.source.id`): footage, solid, precomp, and the hidden solid behind a null or adjustment layer. `null` for camera, light, text and shape layers. */
    source_id: number | null;
    /** Index of the layer's parent (`Layer.parent.index`), or `null` when it has no parent. */
    parent_index: number | null;
}

/**
 * One pipeline record stored in the project (publish instance, loaded container or publish
 * context). The host keeps the reference's storage, a JSON list of flat dicts in the
 * `xmp:Label` property of `app.project.xmpPacket`, so existing workfiles stay readable: on
 * read it lifts `id`, `instance_id` and `members` out of each dict and puts every other key
 * into `data`; on write it flattens the entry back.
 */
export interface MetadataEntry {
    /** Kind of record, e.g. `ayon.create.instance` (publish instance), `ayon.load.container` (loaded container) or `publish_context`. */
    id: string;
    /** Unique id of a publish instance. Absent for containers and the publish context. */
    instance_id?: string;
    /** Project item ids the record belongs to; `members[0]` is the main item (the instance's comp, the container's footage or background folder). Empty for the publish context. The reference sometimes stored ids as strings; the host converts them to integers. */
    members: Array<number>;
    data: MetadataData;
}

/**
 * The open project changed. After Effects documents no project event, so the panel reports
 * only what its own calls did (`open`, `save`, `save_as`, `close`); a change made in After
 * Effects' menus is not reported (docs/events.md).
 */
export interface ProjectChanged {
    change: ProjectChange;
    /** The project file the call named: the path `open` opened or `save_as` wrote (for `as_copy`, the copy); null for `save` and `close`, which name none. */
    path: string | null;
    /** The host method whose call made the change. */
    method: string;
}

/**
 * One item of the Project panel as returned by `get_items` and `get_selected_items`. Replaces
 * the reference's catch-all `AEItem` for these routes (the reference read `type` into a field
 * named `item_type`; the wire name is `type` here as there).
 */
export interface ProjectItem {
    /** AE item id (`Item.id`), unique within the project and stable while the project is open. */
    id: number;
    /** Name shown in the Project panel (`Item.name`). */
    name: string;
    type: ItemType;
    /** Absolute, OS-native path (`File.fsName`) of the footage's source file; for an image sequence the first file of the sequence. `null` for comps, folders, solids and placeholders (the reference sent `''`). */
    path: string | null;
    /** Ids of the compositions that use this item as a layer source (`AVItem.usedIn`). Filled for footage and comps (a comp used as a precomp); always empty for folders. */
    containing_comps: Array<number>;
    /** Id of the folder that holds the item (`Item.parentFolder.id`); `null` when the item sits directly in the project's root folder. New: the reference did not report it. */
    parent_folder_id: number | null;
}

/**
 * Snapshot of the open project, as returned by `get_project_state`. New: replaces the
 * reference's local `is_saved()` stub that always returned true, and spares callers two
 * error-prone name lookups.
 */
export interface ProjectState {
    /** `true` when the current project is backed by a file (`app.project.file` is not null): it was opened from disk or saved at least once. `false` for a new, untitled project (AE always has some project loaded). */
    is_open: boolean;
    /** `true` when the project has no unsaved changes since it was last opened or saved. The scripting DOM has no dirty flag, so the host tracks this itself (it marks the project clean after open/save and compares against AE's undo history or a change counter); when it cannot tell it reports `false`. Always `false` for an untitled project that has items. */
    is_saved: boolean;
    /** Absolute, OS-native path of the project file, as `get_active_document_full_name` returns; `null` when `is_open` is false. */
    full_name: string | null;
    /** File name of the project (e.g. `sh010_comp_v003.aep`), as `get_active_document_name` returns; `null` when `is_open` is false. */
    name: string | null;
    /** Number of items in the project (`Project.numItems`), folders included. */
    num_items: number;
    /** Color depth of the project (`Project.bitsPerChannel`). */
    bits_per_channel: 8 | 16 | 32;
    /** Id of the composition active in the viewer (`Project.activeItem` when it is a CompItem), else `null`. */
    active_comp_id: number | null;
}

/**
 * A render ended, rendered or not: the last event of its `render_id`.
 */
export interface RenderFinished {
    /** Identifies one render run: every event of the run carries it, and none follows its `render_finished`. */
    render_id: string;
    source: RenderSource;
    /** Id of the composition rendered; null when the source does not know it (aerender names comps only). */
    comp_id: number | null;
    /** Name of the composition rendered. */
    comp_name: string;
    /** 1-based index of the render-queue item, at the time of the event; null when the source has no queue item. */
    item_index: number | null;
    status: RenderStatus;
    /** Seconds since the render started, measured by the emitter. */
    elapsed_s: number;
    /** Absolute paths of the output modules' files (frame-number placeholders kept). */
    outputs: Array<string>;
    /** True when the item ended `done`. */
    ok: boolean;
    /** Why the render failed; null when `ok`. */
    error: string | null;
}

/**
 * One output module of a composition's render-queue item.
 */
export interface RenderOutput {
    /** Absolute, OS-native path of the output module's file (`OutputModule.file.fsName`), keeping AE's frame-number placeholder such as `[#####]` for sequences. The reference sent `File.toString()`, a URI-encoded form. */
    file_name: string;
    /** Width of the rendered frames in pixels (the composition's width). */
    width: number;
    /** Height of the rendered frames in pixels (the composition's height). */
    height: number;
}

/**
 * How far a render is: sent when a render-queue item's status changes (in-app renders,
 * experimental: see docs/events.md) or when the renderer reports frames.
 */
export interface RenderProgress {
    /** Identifies one render run: every event of the run carries it, and none follows its `render_finished`. */
    render_id: string;
    source: RenderSource;
    /** Id of the composition rendered; null when the source does not know it (aerender names comps only). */
    comp_id: number | null;
    /** Name of the composition rendered. */
    comp_name: string;
    /** 1-based index of the render-queue item, at the time of the event; null when the source has no queue item. */
    item_index: number | null;
    status: RenderStatus;
    /** Seconds since the render started, measured by the emitter. */
    elapsed_s: number;
    /** Absolute paths of the output modules' files (frame-number placeholders kept). */
    outputs: Array<string>;
    /** Frames rendered so far; null when the source does not say. */
    frames_done: number | null;
    /** Frames the render will write; null when unknown. */
    frames_total: number | null;
}

// ---------------------------------------------------------------- calls

/** The pipeline's methods, called by the panel: `panel.pipeline.open_tool({tool: "loader"})`. */
export interface PipelineMethods {
    /**
     * Apply the task's resolution and/or frame range to the selected compositions.
     * Queues the pipeline's settings routine, which reads the task attributes and calls back into
     * AE (`get_selected_items`, `set_comp_properties`, `print_msg`), and returns once it is
     * queued. Setting values is idempotent. Replaces the reference routes
     * `AfterEffects.setresolution_route`, `setframes_route` and `setall_route`.
     * @param params.what Which settings to apply.
     * Default deadline 30 s; idempotent.
     */
    apply_settings(params: { what: SettingsScope }, options?: Lib.CallOptions): Promise<null>;
    /**
     * The panel announces that it has started.
     * Sent by the panel once its hello succeeded. The first call emits the pipeline's
     * `application.launched` event (queued on the Qt main thread: inventory check, workfiles
     * tool); later calls, e.g. after a panel reload, do nothing, so it is idempotent. Reference
     * route: `AfterEffects.ping`, which the old panel sent once at startup and never again after a
     * reconnect.
     * Default deadline 10 s; idempotent.
     */
    launched(params?: Record<string, never>, options?: Lib.CallOptions): Promise<null>;
    /**
     * Open a pipeline tool window.
     * Shows the requested tool on the pipeline's Qt main thread and returns as soon as that is
     * queued; opening an open tool raises it, so the call is idempotent. Replaces seven
     * argument-less reference routes: `AfterEffects.workfiles_route`, `loader_route` (opened with
     * the current context), `publish_route` (opens the publisher), `sceneinventory_route`,
     * `experimental_tools_route`, `script_editor_route` and `run_scripts_route`.
     * @param params.tool The tool to open.
     * Default deadline 30 s; idempotent.
     */
    open_tool(params: { tool: Tool }, options?: Lib.CallOptions): Promise<null>;
    /**
     * Switch the pipeline's current project, folder and task.
     * Sets `AYON_PROJECT_NAME`, `AYON_FOLDER_PATH` and `AYON_TASK_NAME` in the pipeline process.
     * Not called by the panel: a second launcher connects with role `tool` and calls it when AE is
     * already running. Setting values is idempotent.
     * @param params.project Project name.
     * @param params.folder Folder path, e.g. `/shots/sq01/sh010`.
     * @param params.task Task name, e.g. `compositing`.
     * Default deadline 10 s; idempotent.
     */
    set_context(params: { project: string; folder: string; task: string }, options?: Lib.CallOptions): Promise<null>;
    /**
     * Save the workfile as its next version.
     * Queues the pipeline's save-next-version routine (which calls `save_as` back into AE) and
     * returns. Not idempotent: each run creates another version. The panel shows the button only
     * when `AYON_VERSION_UP_WORKFILE` is true. Reference route:
     * `AfterEffects.version_up_workfile_route`.
     * Default deadline 30 s; not idempotent.
     */
    version_up_workfile(params?: Record<string, never>, options?: Lib.CallOptions): Promise<null>;
    /**
     * Run a workfile-template builder action.
     * Queues the builder action on the Qt main thread and returns. Not idempotent: `build` loads
     * content and `create_placeholder` opens a dialog that creates a placeholder each time.
     * Replaces the reference routes `AfterEffects.create_placeholder_route`,
     * `update_placeholder_route` and `build_workfile_template_route`.
     * @param params.action The builder action.
     * Default deadline 30 s; not idempotent.
     */
    workfile_template(params: { action: TemplateAction }, options?: Lib.CallOptions): Promise<null>;
}

export type PipelineMethodName = keyof PipelineMethods;

/** The host methods the panel serves (After Effects, through ExtendScript): params and result. */
export interface HostMethods {
    /**
     * Queue a composition for rendering unless it is already queued.
     * Makes sure composition `comp_id` has a render-queue item: adds one when it has none, whose
     * output modules write into `output_dir`, or `<project folder>/output` when absent, keeping
     * their file-name template; a comp already queued is left as it is. Returns true in both
     * cases, the reference's contract ("True when composition is in render queue"; AYON's render
     * creator raises on a false value); failures raise instead of returning false. x-idempotent is
     * true although it creates an item: it only creates one when none exists, so a repeat leaves
     * the same queue. Reference wire name of `output_dir`: `output_path`.
     * @param params.comp_id Id of the composition.
     * @param params.output_dir (optional) Absolute path of the folder the output modules write to; created if missing. Absent means `<project folder>/output`. Reference wire name: `output_path`.
     * Default deadline 30 s; idempotent.
     * Errors: ItemNotFound, NotAComposition, NoDocumentOpen.
     */
    add_comp_to_render_queue: { params: { comp_id: number; output_dir?: string }; result: boolean };
    /**
     * Create a composition or a folder.
     * Creates a new item in the project's root folder and returns its id. A composition gets
     * placeholder settings (1920x1080, square pixels, 10 s, 25 fps) that callers overwrite with
     * `set_comp_properties`; the reference used 1920x1060, a typo. `item_type` values are
     * lower-case now (reference: `COMP`, `FOLDER`); any other value is refused by the schema
     * instead of by the host.
     * @param params.name Name of the new item.
     * @param params.item_type Kind of item to create.
     * Default deadline 30 s; not idempotent.
     */
    add_item: { params: { name: string; item_type: NewItemType }; result: number };
    /**
     * Add a project item as a new layer of a composition.
     * Adds footage or a composition `item_id` as the top layer of composition `comp_id`
     * (`LayerCollection.add`) and returns the new layer. The reference returned nothing and its
     * Python stub then raised `ValueError` on success.
     * @param params.comp_id Id of the composition. The target composition.
     * @param params.item_id Id of the footage or composition to add; a folder, or the target comp itself, is refused.
     * Default deadline 30 s; not idempotent.
     * Errors: ItemNotFound, NotAComposition, InvalidItemType.
     */
    add_item_as_layer: { params: { comp_id: number; item_id: number }; result: Layer };
    /**
     * Put a loaded item into every layer slot of a template placeholder.
     * For every composition that uses placeholder item `placeholder_item_id` as a layer source,
     * adds `item_id` as a new layer right below the placeholder layer, where the placeholder was:
     * the same point of the new footage (the placeholder's anchor point, taken relative to its
     * size) sits at the placeholder's position, so footage of another size is not shifted; scale,
     * rotation, opacity, parent, 3D switch and orientation, start time, stretch, in and out points
     * are copied. Returns how many layers were added. The placeholder itself is left for the
     * caller to delete. Fixes the reference's ES3 bug where the inner loop's `var i` clobbered the
     * outer loop, so only the first composition was handled.
     * @param params.placeholder_item_id Id of the placeholder footage item created by `add_placeholder`.
     * @param params.item_id Id of the loaded footage or composition to place.
     * Default deadline 2 min; not idempotent.
     * Errors: ItemNotFound, InvalidItemType.
     */
    add_item_instead_placeholder: { params: { placeholder_item_id: number; item_id: number }; result: number };
    /**
     * Create a placeholder footage item for the workfile-template builder.
     * Creates a PlaceholderItem (`Project.importPlaceholder`) that stands in for content the
     * template builder loads later, and returns its id. The reference left its undo group open on
     * success and, on failure, only logged and returned nothing. Reference wire name of
     * `frame_rate`: `fps`.
     * @param params.name Name of the placeholder item.
     * @param params.width Width in pixels.
     * @param params.height Height in pixels.
     * @param params.frame_rate Frames per second. Reference wire name: `fps`.
     * @param params.duration Length in seconds (0 for a still).
     * Default deadline 30 s; not idempotent.
     * Errors: ImportFailed.
     */
    add_placeholder: { params: { name: string; width: number; height: number; frame_rate: number; duration: number }; result: number };
    /**
     * Close the project without saving and quit After Effects.
     * Closes the project discarding unsaved changes (`CloseOptions.DO_NOT_SAVE_CHANGES`) and quits
     * AE. The host sends its null reply before it quits (the quit is scheduled after the reply),
     * but the socket may still drop first; callers treat `ConnectionLost` after `close` as
     * success. The reference never replied, so the caller blocked forever. Not idempotent, so the
     * runtime never re-sends it to a panel that reconnected.
     * Default deadline 10 s; not idempotent.
     */
    close: { params: Record<string, never>; result: null };
    /**
     * Delete a project item.
     * Removes any project item (`Item.remove()`); deleting a folder deletes its contents. Not
     * idempotent: a repeated call fails with `ItemNotFound`, so a lost reply is reported rather
     * than retried (AE never reuses ids, so a repeat could not delete another item). The reference
     * crashed with a ReferenceError on a missing item.
     * @param params.item_id Id of the project item.
     * Default deadline 30 s; not idempotent.
     * Errors: ItemNotFound.
     */
    delete_item: { params: { item_id: number }; result: null };
    /**
     * Absolute path of the open project file.
     * Returns the OS-native absolute path (`app.project.file.fsName`) of the current project.
     * Raises `NoDocumentOpen` for an untitled project that was never saved (the reference returned
     * `{"error": "No file open currently"}`).
     * Default deadline 10 s; idempotent.
     * Errors: NoDocumentOpen.
     */
    get_active_document_full_name: { params: Record<string, never>; result: string };
    /**
     * File name of the open project.
     * Returns the file name (`app.project.file.name`, e.g. `sh010_comp_v003.aep`) of the current
     * project. Raises `NoDocumentOpen` for an untitled project.
     * Default deadline 10 s; idempotent.
     * Errors: NoDocumentOpen.
     */
    get_active_document_name: { params: Record<string, never>; result: string };
    /**
     * Version of After Effects.
     * Returns `app.version`, e.g. `24.6.1x3` (callers take the leading `major.minor`).
     * Default deadline 10 s; idempotent.
     */
    get_app_version: { params: Record<string, never>; result: string };
    /**
     * Path of the audio file used in a composition, if any.
     * Returns the source file path of the first AV layer (from the top) that has audio and a file
     * source. Returns null when the comp has no such layer; the reference returned the string
     * `"undefined"` there, which the audio collector stored as a path. Reference wire name of
     * `comp_id`: `item_id`.
     * @param params.comp_id Id of the composition. Reference wire name: `item_id`.
     * Default deadline 10 s; idempotent.
     * Errors: ItemNotFound, NotAComposition.
     */
    get_audio_url: { params: { comp_id: number }; result: string | null };
    /**
     * Read a composition's frame range, frame rate and resolution.
     * Returns the timing and format of composition `comp_id`. Reference wire name of `comp_id`:
     * `item_id` (the Python stub already called it `comp_id`). A missing or non-comp item raises
     * instead of returning `{"error"}` (which made the reference's orphan-instance cleanup branch
     * unreachable).
     * @param params.comp_id Id of the composition. Reference wire name: `item_id`.
     * Default deadline 10 s; idempotent.
     * Errors: ItemNotFound, NotAComposition.
     */
    get_comp_properties: { params: { comp_id: number }; result: CompProperties };
    /**
     * Version of the installed CEP extension.
     * Answered by the panel's JavaScript, not ExtendScript: it reads the `ExtensionBundleVersion`
     * of the extension's `CSXS/manifest.xml`. The hello handshake also carries it; this method
     * stays for the publish plugin that checks it. The reference returned a hand-built JSON
     * string, or `"undefined"` when the manifest could not be read (now an internal error).
     * Default deadline 10 s; idempotent.
     */
    get_extension_version: { params: Record<string, never>; result: string };
    /**
     * List project items of the requested kinds.
     * Walks `app.project.items` and returns the items whose kind is requested by the flags. All
     * flags default to false, so a call with no flags returns an empty list. The reference made
     * `comps` a required Python argument and returned `{}` placeholders for filtered-out items.
     * @param params.comps (optional) (default false) Include compositions (CompItem) in the result. Absent means false.
     * @param params.folders (optional) (default false) Include folders (FolderItem) in the result. Absent means false.
     * @param params.footages (optional) (default false) Include footage items (FootageItem: files, sequences, solids, placeholders) in the result. Absent means false.
     * Default deadline 30 s; idempotent.
     */
    get_items: { params: { comps?: boolean; folders?: boolean; footages?: boolean }; result: Array<ProjectItem> };
    /**
     * List the layers of a composition.
     * Returns the composition's layers from top (index 1) to bottom. New method: the reference
     * could only inspect layers inside single-purpose JSX functions.
     * @param params.comp_id Id of the composition.
     * Default deadline 30 s; idempotent.
     * Errors: ItemNotFound, NotAComposition.
     */
    get_layers: { params: { comp_id: number }; result: Array<Layer> };
    /**
     * Read all pipeline metadata stored in the project.
     * Returns every record of the pipeline's metadata list, kept in the `xmp:Label` property of
     * the project's XMP packet. An empty list when nothing is stored. The reference returned the
     * raw stored string (or `{"result": []}`) and Python parsed it; a stored value that is not a
     * JSON list now raises `MetadataCorrupt` instead of `ValueError("Received broken JSON ...")`.
     * What Python's `json.dumps` writes and `json.loads` reads is accepted: the bare `NaN`,
     * `Infinity` and `-Infinity` it writes for non-finite floats read as null (JSON has no such
     * numbers) and stay as they were in storage. Malformed dicts without a string `id` are left
     * untouched in storage but not returned.
     * Default deadline 30 s; idempotent.
     * Errors: MetadataCorrupt.
     */
    get_metadata: { params: Record<string, never>; result: Array<MetadataEntry> };
    /**
     * Summary of the open project: file, unsaved changes, size.
     * Returns a snapshot of the current project. New method: it answers "is a file open" and "are
     * there unsaved changes" (the reference's `is_saved()` was a local stub that always said true)
     * in one call.
     * Default deadline 10 s; idempotent.
     */
    get_project_state: { params: Record<string, never>; result: ProjectState };
    /**
     * Read where a composition's render-queue item writes its files.
     * Finds the single render-queue item of composition `comp_id` and returns one entry per output
     * module. Now a pure read: the reference duplicated and removed DONE render-queue items here
     * to make them renderable again; `render` does that now. Raises when the comp has no
     * render-queue item or more than one (the reference's `{"error"}` strings).
     * @param params.comp_id Id of the composition.
     * Default deadline 30 s; idempotent.
     * Errors: ItemNotFound, NotAComposition, RenderQueueItemNotFound, MultipleRenderQueueItems.
     */
    get_render_info: { params: { comp_id: number }; result: Array<RenderOutput> };
    /**
     * List the selected project items of the requested kinds.
     * Like `get_items`, but walks `app.project.selection` (Project-panel selection order). All
     * flags default to false.
     * @param params.comps (optional) (default false) Include compositions (CompItem) in the result. Absent means false.
     * @param params.folders (optional) (default false) Include folders (FolderItem) in the result. Absent means false.
     * @param params.footages (optional) (default false) Include footage items (FootageItem: files, sequences, solids, placeholders) in the result. Absent means false.
     * Default deadline 30 s; idempotent.
     */
    get_selected_items: { params: { comps?: boolean; folders?: boolean; footages?: boolean }; result: Array<ProjectItem> };
    /**
     * Import layered background images into a composition.
     * Imports every file of `paths` as footage and adds each as a layer, in order. With `comp_id`
     * the layers go into that composition and its parent folder; without it a folder and a
     * composition both named `name` are created, sized from the first image (the reference used 1
     * s at 26.7 fps; here the new comp gets 1 s at 25 fps, the pipeline then applies shot
     * settings). The reference also looked at the active item (with a broken `instanceof Folder`
     * test) and refused when several items were selected; both are gone. Reference wire names:
     * `comp_name` for `name`, `files` for `paths`.
     * @param params.comp_id (optional) Existing composition to fill. Absent means create a new folder and composition.
     * @param params.name Name of the new composition and folder (unused with `comp_id`). Reference wire name: `comp_name`.
     * @param params.paths Absolute paths of the images to import, top layer last as in the source file. Reference wire name: `files`.
     * Default deadline 10 min; not idempotent.
     * Errors: ItemNotFound, NotAComposition, FileNotFound, ImportFailed.
     */
    import_background: { params: { comp_id?: number; name: string; paths: Array<string> }; result: BackgroundResult };
    /**
     * Import a file as a new project item.
     * Imports the file at `path` (`Project.importFile`), names the new item `name` and gives it
     * label 9 (green, the pipeline's "loaded" color). Changes from the reference: `import_options`
     * may be absent (the reference crashed on null options); the item is placed in
     * `parent_folder_id` when given, instead of the reference's guess "exactly two items selected
     * and the first is a folder"; the undo group is always closed. Reference wire name of `name`:
     * `item_name`.
     * @param params.path Absolute path of the file to import (the first frame for a sequence).
     * @param params.name Name for the new item. Reference wire name: `item_name`.
     * @param params.import_options (optional) How to import the file. Absent means AE's defaults for this file type.
     * @param params.parent_folder_id (optional) Folder to put the new item in. Absent means the project's root folder. New.
     * Default deadline 10 min; not idempotent.
     * Errors: FileNotFound, ImportFailed, ItemNotFound, InvalidItemType.
     */
    import_file: { params: { path: string; name: string; import_options?: ImportOptions; parent_folder_id?: number }; result: ImportResult };
    /**
     * Create or update one pipeline metadata record in the project.
     * Upserts `entry` into the stored metadata list in one call. The record it updates is found by
     * a key: its `instance_id` when present; otherwise `members[0]` (matching a stored record with
     * the same first member and no `instance_id`); otherwise `id` alone, so singleton records such
     * as `publish_context` are updated instead of appended again (the reference appended a new
     * copy every time). The keys of `entry.data` are merged into the matching record, as the
     * reference did: keys `entry.data` does not name are kept, so a partial update (a loader's
     * `{representation, name, namespace}`) keeps `loader`, `schema` and the rest; `id`,
     * `instance_id` and `members` are set from `entry`. With no match the entry is appended.
     * Records whose first member no longer exists in the project are dropped, as the reference
     * did. x-idempotent is true: merging the same entry twice leaves the same list. Changes from
     * the reference: wire params were `{payload}`, a whole pre-merged list as an indented JSON
     * string that Python built after two extra round trips (`get_metadata`, `get_items`) and the
     * panel pasted into source text (the P6 escaping bug); the Python stub took `item_id`, `data`,
     * `all_items` and `items_meta`, and `data` `{}` deleted the record (here: `remove_metadata`).
     * @param params.entry The record, or the part of it to change: `entry.data` keys are merged into the stored record. Every id in `members` must exist in the project.
     * Default deadline 30 s; idempotent.
     * Errors: ItemNotFound, MetadataCorrupt.
     */
    imprint: { params: { entry: MetadataEntry }; result: null };
    /**
     * Open a project file in After Effects, refusing to drop unsaved changes unless told to.
     * Opens the .aep at `path` with `app.open()`, replacing the current project. When the current
     * project has unsaved changes the call raises `UnsavedChanges` and changes nothing, unless
     * `discard_unsaved` is true: then they are discarded without AE's save prompt, so the call
     * never blocks on a modal dialog. Unsaved changes are `Project.dirty` (After Effects 17.5 and
     * later); where AE does not report it, any project other than an untitled empty one counts as
     * unsaved. Changes from the reference: its `app.open()` let After Effects show its save prompt
     * (a modal dialog that blocked the call until the artist answered); it returned a JSON dump of
     * the Project object that every caller ignored, this returns null and raises instead of
     * opening nothing.
     * @param params.path Absolute path of the project file to open.
     * @param params.discard_unsaved (optional) (default false) Discard the current project's unsaved changes instead of raising `UnsavedChanges`.
     * Default deadline 10 min; idempotent.
     * Errors: FileNotFound, OpenFailed, UnsavedChanges.
     */
    open: { params: { path: string; discard_unsaved?: boolean }; result: null };
    /**
     * Show a message to the artist in a modal alert.
     * Shows `msg` in AE's modal `alert()`. The call returns when the artist dismisses the dialog,
     * which can take a long time; the deadline is an hour. Not idempotent: a repeat shows the
     * dialog again.
     * @param params.msg Text to show.
     * Default deadline 1 h; not idempotent.
     */
    print_msg: { params: { msg: string }; result: null };
    /**
     * Update a loaded background composition to new images.
     * Renames composition `comp_id` and its parent folder to `name`; for each file of `paths`,
     * replaces the footage in that folder named after the file (its decoded base name, or the
     * URI-encoded one the reference gave its items: `a%20b` for `a b.png`) and names it with the
     * decoded base name, or imports it and adds it as a layer; then deletes footage in the folder
     * that no file matches. So backgrounds loaded by the reference keep their layers, effects and
     * transforms. Running it twice with the same arguments leaves the same project, so it is
     * idempotent. The composition must sit in its own background folder (else `InvalidItemType`);
     * the reference would have cleaned up whatever folder held it. Reference wire names:
     * `comp_name` for `name`, `files` for `paths`.
     * @param params.comp_id Id of the background composition to update.
     * @param params.name New name of the composition and its folder. Reference wire name: `comp_name`.
     * @param params.paths Absolute paths of the new images. Reference wire name: `files`.
     * Default deadline 10 min; idempotent.
     * Errors: ItemNotFound, NotAComposition, InvalidItemType, FileNotFound, ImportFailed.
     */
    reload_background: { params: { comp_id: number; name: string; paths: Array<string> }; result: BackgroundResult };
    /**
     * Remove a composition's render-queue items.
     * Removes every render-queue item whose comp is `comp_id`. Returns true when at least one was
     * removed, false when none existed. The reference's lookup returned the first queue item
     * whatever its comp (an empty `if` block), so it could remove another comp's item.
     * @param params.comp_id Id of the composition.
     * Default deadline 30 s; idempotent.
     * Errors: ItemNotFound, NotAComposition.
     */
    remove_comp_from_render_queue: { params: { comp_id: number }; result: boolean };
    /**
     * Remove a publish instance's metadata record.
     * Deletes from the stored metadata every record whose `instance_id` equals `instance_id`, or,
     * for a legacy record without `instance_id`, whose `uuid` does (the reference's rule). Ids are
     * compared as text, so a legacy record that stored its id as a JSON number (`"uuid": 17`) is
     * removed by `"17"`. The project items themselves are kept. Removing an id that is not stored
     * is a no-op, so the call is idempotent. In the reference this was a stub method without a
     * route of its own: it fetched the whole list, filtered it in Python and re-sent it through
     * `AfterEffects.imprint` (wire params `{payload}`; Python also accepted `metadata`).
     * @param params.instance_id Id of the publish instance to forget (a legacy integer id as its decimal text).
     * Default deadline 30 s; idempotent.
     * Errors: MetadataCorrupt.
     */
    remove_instance: { params: { instance_id: string }; result: null };
    /**
     * Remove the metadata records of a project item.
     * Deletes from the stored metadata every record keyed on project item `item_id`: whose
     * `members[0]` is `item_id` and that has no `instance_id` (containers). The item itself is
     * kept. Removing what is not stored is a no-op, so the call is idempotent. This is what the
     * reference's `imprint(item_id, {})` did (a loader's `remove` calls it before `delete_item`);
     * the reference also matched a record whose `instance_id` equalled `item_id`, which
     * `remove_instance` does here.
     * @param params.item_id Id of the project item whose records to forget (it may already be deleted).
     * Default deadline 30 s; idempotent.
     * Errors: MetadataCorrupt.
     */
    remove_metadata: { params: { item_id: number }; result: number };
    /**
     * Rename a project item.
     * Sets `Item.name` of any project item. Reference wire name of `name`: `item_name`. A missing
     * item raised a ReferenceError in the reference ("EvalScript error."); it is `ItemNotFound`
     * here.
     * @param params.item_id Id of the project item.
     * @param params.name New name. Reference wire name: `item_name`.
     * Default deadline 10 s; idempotent.
     * Errors: ItemNotFound.
     */
    rename_item: { params: { item_id: number; name: string }; result: null };
    /**
     * Render one composition's render-queue item into a folder.
     * Points the first output module of composition `comp_id`'s render-queue item at `output_dir`
     * (keeping its file name, minus the publish marker), replaces the item by a fresh duplicate
     * when it is already DONE, disables every other queued item, and runs `renderQueue.render()`
     * with dialogs suppressed. Blocks until the render ends, hence the 24 h deadline. Returns the
     * outputs actually written (the reference returned nothing). Not idempotent: a repeat
     * re-renders, which is costly and overwrites files, so a lost reply is reported, not retried.
     * Reference wire name of `output_dir`: `folder_url`.
     * @param params.comp_id Id of the composition.
     * @param params.output_dir Absolute path of the folder to render into; created if missing. Reference wire name: `folder_url`.
     * Default deadline 24 h; not idempotent.
     * Errors: ItemNotFound, NotAComposition, RenderQueueItemNotFound, MultipleRenderQueueItems, RenderFailed.
     */
    render: { params: { comp_id: number; output_dir: string }; result: Array<RenderOutput> };
    /**
     * Point a footage item at a new file and rename it.
     * Replaces the source of footage item `item_id` with the file at `path`
     * (`FootageItem.replace`, or `replaceWithSequence` when the current source is an image
     * sequence) and renames it to `name`. Used when a loaded container is updated to another
     * version. Setting the same file and name twice leaves the same state, so the call is
     * idempotent. Reference wire name of `name`: `item_name`.
     * @param params.item_id Id of the footage item to update.
     * @param params.path Absolute path of the new source file (the first frame for a sequence).
     * @param params.name New name of the item. Reference wire name: `item_name`.
     * Default deadline 5 min; idempotent.
     * Errors: ItemNotFound, InvalidItemType, FileNotFound, ImportFailed.
     */
    replace_item: { params: { item_id: number; path: string; name: string }; result: null };
    /**
     * Evaluate an ExtendScript file inside After Effects.
     * Runs the .jsx file at `path` with `$.evalFile()` and returns the value of its last
     * expression, converted to JSON (undefined becomes null). After Effects objects (an item, a
     * layer, a file) become a short description such as `"[CompItem 12 sh010_comp]"`, never
     * walked; a value nested deeper than 64 levels or with more than 100000 values raises
     * `ScriptFailed` instead of serialising for ever. Used by the Run Scripts tool. The script can
     * do anything inside AE, so the call is not idempotent and only trusted pipeline code may send
     * it. The reference wrapped the value in `{"result": ...}` and reported failures as an
     * `{"error"}` string.
     * @param params.path Absolute path of the .jsx file to evaluate.
     * Default deadline 10 min; not idempotent.
     * Errors: FileNotFound, ScriptFailed.
     */
    run_jsx_file: { params: { path: string }; result: JsonValue };
    /**
     * Save the project to its current file.
     * Saves the current project in place (`app.project.save()`). Raises `NoDocumentOpen` for an
     * untitled project, where AE would otherwise open a Save As dialog and block; use `save_as`
     * for those.
     * Default deadline 10 min; idempotent.
     * Errors: NoDocumentOpen, SaveFailed.
     */
    save: { params: Record<string, never>; result: null };
    /**
     * Save the project to another path, optionally as a copy.
     * Writes the project to `path`. With `as_copy` false (the default) the open project then
     * refers to the new file (Save As). With `as_copy` true the file is written but the open
     * project stays associated with its current file and keeps its unsaved-changes state (Save a
     * Copy). Semantic change from the reference: its JSX ignored `as_copy`, so the project always
     * moved to `path`, and AYON's `save_workfile` calls `saveAs(dst, True)` relying on that; a
     * port of it must call `save_as(path=dst)` (or use `aerpc.ayon`'s `saveAs`, which keeps the
     * reference's behaviour). Reference route: `AfterEffects.saveAs`, the one camelCase route;
     * reference wire name of `path`: `image_path` (the Python stub called it `project_path`).
     * @param params.path Absolute path of the .aep to write; an existing file is overwritten. Reference wire name: `image_path`.
     * @param params.as_copy (optional) (default false) Write a copy and keep working on the current file. The reference ignored this flag and always moved the project.
     * Default deadline 10 min; idempotent.
     * Errors: SaveFailed.
     */
    save_as: { params: { path: string; as_copy?: boolean }; result: null };
    /**
     * Select exactly the given items in the Project panel.
     * Sets `Item.selected` to true for the listed items and to false for every other item.
     * Reference wire name of `item_ids`: `items`. Unknown ids now raise `ItemNotFound` before
     * anything changes (the reference ignored them).
     * @param params.item_ids Ids of the items to select; an empty list clears the selection. Reference wire name: `items`.
     * Default deadline 30 s; idempotent.
     * Errors: ItemNotFound.
     */
    select_items: { params: { item_ids: Array<number> }; result: null };
    /**
     * Change a composition's frame range, frame rate and/or resolution.
     * Sets any subset of the composition's frame start (`displayStartFrame`), length, frame rate
     * and size; every parameter except `comp_id` is optional and an absent one is left unchanged.
     * Each is applied on its own: the reference applied the frame block only when start, count and
     * fps were all truthy, so a start of 0 was silently ignored. The length is set as
     * `frames_duration / frame_rate` seconds, using the new frame rate when one is given. A size
     * change moves every layer's position (each keyframe, or the static value) by half the size
     * difference so the content stays centred, as the reference did. Parameter names follow
     * `CompProperties`; reference wire names were `item_id`, `start` and `duration`.
     * @param params.comp_id Id of the composition. Reference wire name: `item_id`.
     * @param params.frame_start (optional) New first frame number (e.g. 1001). 0 is a valid value. Reference wire name: `start`.
     * @param params.frames_duration (optional) New length in frames. Reference wire name: `duration` (also in frames).
     * @param params.frame_rate (optional) New frame rate in frames per second, e.g. 23.976 or 25.
     * @param params.width (optional) New width in pixels.
     * @param params.height (optional) New height in pixels.
     * Default deadline 1 min; idempotent.
     * Errors: ItemNotFound, NotAComposition.
     */
    set_comp_properties: { params: { comp_id: number; frame_start?: number; frames_duration?: number; frame_rate?: number; width?: number; height?: number }; result: null };
    /**
     * Set the label color of a project item.
     * Sets `Item.label` (0 = none, 1-16 = the label colors of the Preferences). The pipeline uses
     * 9 (green) for loaded items and blue for created ones. Reference wire name of `label`:
     * `color_idx`.
     * @param params.item_id Id of the project item.
     * @param params.label Label color index, 0 (none) to 16. Reference wire name: `color_idx`.
     * Default deadline 10 s; idempotent.
     * Errors: ItemNotFound.
     */
    set_label_color: { params: { item_id: number; label: number }; result: null };
}

export type HostMethodName = keyof HostMethods;

/** Host methods answered in the panel's JavaScript (x-runs-in: panel), not in ExtendScript. */
export type PanelMethodName = "get_extension_version";

/** Implementations of panel-run methods, to replace the built-in ones. */
export type PanelMethodHandlers = {
    [K in PanelMethodName]?: (params: HostMethods[K]["params"]) => HostMethods[K]["result"] | Promise<HostMethods[K]["result"]>;
};

// ---------------------------------------------------------------- the panel

/** The options of AerpcPanel, for this schema. */
export type AerpcPanelOptions = Lib.AerpcPanelOptions<HostMethodName, PanelMethodHandlers>;

/** The panel for this schema: `new Aerpc.AerpcPanel({csInterface})`. */
export declare class AerpcPanel extends Lib.AerpcPanel<PipelineMethods, AerpcPanelOptions> {}

export declare const HOST_METHODS: {
    readonly [K in HostMethodName]: { readonly timeoutMs: number; readonly idempotent: boolean; readonly runsInPanel: boolean };
};

/** The schema's events (x-events): each one's payload, as the pipeline receives it. */
export interface EventPayloads {
    /**
     * A render's status or frame count changed.
     * In-app renders report each status change of the render-queue item through
     * `RenderQueueItem.onStatusChanged`; whether these reach the pipeline while
     * `RenderQueue.render()` blocks ExtendScript is not documented by Adobe, so in-app progress is
     * experimental. The `render` call's start and finish are always reported.
     * Experimental (docs/events.md).
     */
    render_progress: RenderProgress;
    /**
     * A render ended; nothing follows for its `render_id`.
     * Sent once per render run, after its last `render_progress`, whether it rendered or failed.
     */
    render_finished: RenderFinished;
    /**
     * The panel's own call opened, saved or closed the project.
     * After Effects documents no project-opened event for panels; the panel reports only the
     * changes its own host calls made.
     */
    project_changed: ProjectChanged;
    /**
     * A host call started or ended in ExtendScript.
     * After Effects runs one host call at a time; the server reports each start and end, from the
     * panel's reports of what runs, with the caller.
     */
    host_busy: HostBusyChange;
}

export type EventName = "render_progress" | "render_finished" | "project_changed" | "host_busy";

/** Where each event starts (a CSXSEvent from ExtendScript, or the panel) and whether it is experimental. */
export declare const EVENTS: {
    readonly [K in EventName]: { readonly emittedBy: "extendscript" | "panel" | "server"; readonly experimental: boolean };
};

export declare const PIPELINE_METHODS: {
    readonly [K in PipelineMethodName]: { readonly timeoutMs: number; readonly idempotent: boolean };
};

// ---------------------------------------------------------------- errors

/** -32700: The message was not valid JSON. */
export declare class ParseError extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: -32700;
    static readonly code: -32700;
}

/** -32600: The message was JSON but not a JSON-RPC 2.0 request. */
export declare class InvalidRequest extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: -32600;
    static readonly code: -32600;
}

/** -32601: The method does not exist on the serving side (or its schema lacks it). */
export declare class MethodNotFound extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: -32601;
    static readonly code: -32601;
}

/** -32602: The params failed the schema. data["errors"] lists {"path", "message"}. */
export declare class InvalidParams extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: -32602;
    static readonly code: -32602;
}

/** -32603: A handler raised unexpectedly on the serving side. */
export declare class InternalError extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: -32603;
    static readonly code: -32603;
}

/** -32001: The hello was missing or the token was wrong. */
export declare class Unauthorized extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: -32001;
    static readonly code: -32001;
}

/** -32002: The peers were generated from different schemas (data has both hashes). */
export declare class SchemaMismatch extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: -32002;
    static readonly code: -32002;
}

/** -32003: Another panel (host instance) is already connected as the host. */
export declare class HostAlreadyConnected extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: -32003;
    static readonly code: -32003;
}

/** -32004: A message was larger than the configured limit. */
export declare class MessageTooLarge extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: -32004;
    static readonly code: -32004;
}

/** -32005: Over a per-socket bound: requests in flight, sync handlers running, or a batch's length. */
export declare class TooManyRequests extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: -32005;
    static readonly code: -32005;
}

/** -32010: The ExtendScript function threw; data has name, message, line and fileName. */
export declare class ExtendScriptError extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: -32010;
    static readonly code: -32010;
}

/** -32011: The panel gave up waiting on evalScript. */
export declare class HostTimeout extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: -32011;
    static readonly code: -32011;
}

/** -32012: The serving side's handler did not finish by the caller's deadline; it may still run. */
export declare class HandlerTimeout extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: -32012;
    static readonly code: -32012;
}

/** 1001: Item not found. */
export declare class ItemNotFound extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: 1001;
    static readonly code: 1001;
}

/** 1002: Item is not a composition. */
export declare class NotAComposition extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: 1002;
    static readonly code: 1002;
}

/** 1003: No project file is open. */
export declare class NoDocumentOpen extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: 1003;
    static readonly code: 1003;
}

/** 1004: File not found. */
export declare class FileNotFound extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: 1004;
    static readonly code: 1004;
}

/** 1005: Item is of the wrong type for this operation. */
export declare class InvalidItemType extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: 1005;
    static readonly code: 1005;
}

/** 1006: Composition has no render queue item. */
export declare class RenderQueueItemNotFound extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: 1006;
    static readonly code: 1006;
}

/** 1007: Composition has more than one render queue item. */
export declare class MultipleRenderQueueItems extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: 1007;
    static readonly code: 1007;
}

/** 1008: Render failed. */
export declare class RenderFailed extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: 1008;
    static readonly code: 1008;
}

/** 1009: Import failed. */
export declare class ImportFailed extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: 1009;
    static readonly code: 1009;
}

/** 1010: Script failed. */
export declare class ScriptFailed extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: 1010;
    static readonly code: 1010;
}

/** 1011: Save failed. */
export declare class SaveFailed extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: 1011;
    static readonly code: 1011;
}

/** 1012: Project could not be opened. */
export declare class OpenFailed extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: 1012;
    static readonly code: 1012;
}

/** 1013: Stored pipeline metadata is not valid JSON. */
export declare class MetadataCorrupt extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: 1013;
    static readonly code: 1013;
}

/** 1014: The project has unsaved changes. */
export declare class UnsavedChanges extends RemoteError {
    constructor(message?: string, data?: unknown);
    readonly code: 1014;
    static readonly code: 1014;
}
