// Generated from schema/aftereffects.openrpc.json by `aerpc generate`; do not edit.
// Schema: aftereffects 1.0.0, sha256:93e1b93458db8a8845fe44544194efe9482c6cedaffdecfcb5577a27d78a21ce
//
// What the generated dispatcher (aerpc-host.jsx) gives the host library: the params object and
// result of every host function, the error helpers and the JSON codec. `tsc --checkJs` over the
// host library (runtime/cep/host/tsconfig.json) checks its parameter names and result shapes
// against the schema: annotate a host function with `@param {AerpcHost.Params.<fn>} params`
// and `@returns {AerpcHost.Result.<fn>}` (fn: the method's x-host-function).

declare namespace AerpcHost {
    /**
     * How a file is imported, mirroring AE's `ImportAsType` enumeration: `footage` (FOOTAGE),
     * `comp` (COMP), `comp_cropped_layers` (COMP_CROPPED_LAYERS, layered files with layers cropped
     * to their bounds) and `project` (PROJECT, an .aep imported into the current project). The
     * reference passed strings such as `'ImportAsType.COMP'` and matched them by substring.
     */
    type ImportAsType = "footage" | "comp" | "comp_cropped_layers" | "project";
    /**
     * Kind of a project item. `comp` is a CompItem, `folder` a FolderItem, `footage` any
     * FootageItem (file footage, image sequences, solids and placeholders alike). The reference
     * also sent `''` for items of no known kind; every AE item is one of these three, so the empty
     * value is gone.
     */
    type ItemType = "comp" | "folder" | "footage";
    /**
     * Any JSON value.
     */
    type JsonValue = any;
    /**
     * Kind of a layer. Decided in this order: `camera` (CameraLayer), `light` (LightLayer), `text`
     * (TextLayer), `shape` (ShapeLayer); then for an AVLayer: `null` (`nullLayer` is true),
     * `adjustment` (`adjustmentLayer` is true), otherwise `av` (footage, solid, precomp or audio
     * layer). `other` covers any layer class AE adds later (for example 3D model layers), so a
     * newer AE does not break result validation.
     */
    type LayerType = "av" | "null" | "adjustment" | "text" | "shape" | "camera" | "light" | "other";
    /**
     * Free-form payload of a metadata entry: every key the pipeline stored besides `id`,
     * `instance_id` and `members` (for containers `schema`, `name`, `namespace`, `loader`,
     * `representation`; for instances the product fields and creator attributes). Values are any
     * JSON.
     */
    type MetadataData = { [key: string]: JsonValue };
    /**
     * Kind of item `add_item` can create: a composition or a folder. The reference used the
     * upper-case wire values `COMP` and `FOLDER`.
     */
    type NewItemType = "comp" | "folder";
    /**
     * What happened to the project.
     */
    type ProjectChange = "opened" | "saved" | "closed";
    /**
     * Who renders: `in_app` is `RenderQueue.render()` inside After Effects, `aerender` the
     * command-line renderer, `media_encoder` Adobe Media Encoder after `queueInAME`.
     */
    type RenderSource = "in_app" | "aerender" | "media_encoder";
    /**
     * A render-queue item's status, as After Effects' `RQItemStatus` names it, in lower case
     * (`RQItemStatus.RENDERING` is `rendering`).
     */
    type RenderStatus = "will_continue" | "needs_output" | "unqueued" | "queued" | "rendering" | "user_stopped" | "err_stopped" | "done";
    /**
     * Which task settings `apply_settings` applies to the selected compositions: `resolution`
     * (width and height), `frames` (frame start, duration and frame rate) or `all` (both).
     */
    type SettingsScope = "resolution" | "frames" | "all";
    /**
     * Workfile-template builder action: `create_placeholder` (open the dialog that creates a
     * template placeholder), `update_placeholder` (edit the selected placeholder) or `build`
     * (build the workfile from the task's template).
     */
    type TemplateAction = "create_placeholder" | "update_placeholder" | "build";
    /**
     * Pipeline tool the panel asks to open. `workfiles`, `loader`, `publisher`, `scene_inventory`
     * and `experimental_tools` are AYON tool windows; `script_editor` is the Python console and
     * `run_scripts` the Run Scripts tool.
     */
    type Tool = "workfiles" | "loader" | "publisher" | "scene_inventory" | "experimental_tools" | "script_editor" | "run_scripts";
    /**
     * What `import_background` and `reload_background` built: a folder holding one composition and
     * the imported layer footage.
     */
    interface BackgroundResult {
        id: number;
        name: string;
        comp_id: number;
        members: Array<number>;
    }
    /**
     * Timing and format of one composition, as read by `get_comp_properties`. Field names are
     * snake_case; the reference sent camelCase `frameStart`, `framesDuration`, `frameRate` and
     * `pixelAspect`.
     */
    interface CompProperties {
        id: number;
        name: string;
        frame_start: number;
        frames_duration: number;
        frame_rate: number;
        width: number;
        height: number;
        pixel_aspect: number;
    }
    /**
     * The host started or ended a call in ExtendScript (one runs at a time): which method, for
     * which caller, since when.
     */
    interface HostBusyChange {
        busy: boolean;
        method: string;
        call_id: string;
        caller: string | null;
        elapsed_s: number;
    }
    /**
     * Options for `import_file`. Every key is optional; an absent key leaves AE's own default for
     * that option. Replaces the reference's free-form dict whose keys were `ImportAsType`,
     * `sequence` and `fps`.
     */
    interface ImportOptions {
        import_as?: ImportAsType;
        sequence?: boolean;
        fps?: number;
    }
    /**
     * The project item created by `import_file`.
     */
    interface ImportResult {
        id: number;
        name: string;
    }
    /**
     * One layer of a composition, as returned by `get_layers`. New: the reference had no way to
     * list layers.
     */
    interface Layer {
        index: number;
        name: string;
        type: LayerType;
        enabled: boolean;
        in_point: number;
        out_point: number;
        source_id: number | null;
        parent_index: number | null;
    }
    /**
     * One pipeline record stored in the project (publish instance, loaded container or publish
     * context). The host keeps the reference's storage, a JSON list of flat dicts in the
     * `xmp:Label` property of `app.project.xmpPacket`, so existing workfiles stay readable: on
     * read it lifts `id`, `instance_id` and `members` out of each dict and puts every other key
     * into `data`; on write it flattens the entry back.
     */
    interface MetadataEntry {
        id: string;
        instance_id?: string;
        members: Array<number>;
        data: MetadataData;
    }
    /**
     * The open project changed. After Effects documents no project event, so the panel reports
     * only what its own calls did (`open`, `save`, `save_as`, `close`); a change made in After
     * Effects' menus is not reported (docs/events.md).
     */
    interface ProjectChanged {
        change: ProjectChange;
        path: string | null;
        method: string;
    }
    /**
     * One item of the Project panel as returned by `get_items` and `get_selected_items`. Replaces
     * the reference's catch-all `AEItem` for these routes (the reference read `type` into a field
     * named `item_type`; the wire name is `type` here as there).
     */
    interface ProjectItem {
        id: number;
        name: string;
        type: ItemType;
        path: string | null;
        containing_comps: Array<number>;
        parent_folder_id: number | null;
    }
    /**
     * Snapshot of the open project, as returned by `get_project_state`. New: replaces the
     * reference's local `is_saved()` stub that always returned true, and spares callers two
     * error-prone name lookups.
     */
    interface ProjectState {
        is_open: boolean;
        is_saved: boolean;
        full_name: string | null;
        name: string | null;
        num_items: number;
        bits_per_channel: 8 | 16 | 32;
        active_comp_id: number | null;
    }
    /**
     * A render ended, rendered or not: the last event of its `render_id`.
     */
    interface RenderFinished {
        render_id: string;
        source: RenderSource;
        comp_id: number | null;
        comp_name: string;
        item_index: number | null;
        status: RenderStatus;
        elapsed_s: number;
        outputs: Array<string>;
        ok: boolean;
        error: string | null;
    }
    /**
     * One output module of a composition's render-queue item.
     */
    interface RenderOutput {
        file_name: string;
        width: number;
        height: number;
    }
    /**
     * How far a render is: sent when a render-queue item's status changes (in-app renders,
     * experimental: see docs/events.md) or when the renderer reports frames.
     */
    interface RenderProgress {
        render_id: string;
        source: RenderSource;
        comp_id: number | null;
        comp_name: string;
        item_index: number | null;
        status: RenderStatus;
        elapsed_s: number;
        outputs: Array<string>;
        frames_done: number | null;
        frames_total: number | null;
    }

    namespace Params {
        /** params of `add_comp_to_render_queue` */
        interface addCompToRenderQueue {
            comp_id: number;
            output_dir?: string;
        }
        /** params of `add_item` */
        interface addItem {
            name: string;
            item_type: NewItemType;
        }
        /** params of `add_item_as_layer` */
        interface addItemAsLayer {
            comp_id: number;
            item_id: number;
        }
        /** params of `add_item_instead_placeholder` */
        interface addItemInsteadPlaceholder {
            placeholder_item_id: number;
            item_id: number;
        }
        /** params of `add_placeholder` */
        interface addPlaceholder {
            name: string;
            width: number;
            height: number;
            frame_rate: number;
            duration: number;
        }
        /** params of `close` */
        interface close {
        }
        /** params of `delete_item` */
        interface deleteItem {
            item_id: number;
        }
        /** params of `get_active_document_full_name` */
        interface getActiveDocumentFullName {
        }
        /** params of `get_active_document_name` */
        interface getActiveDocumentName {
        }
        /** params of `get_app_version` */
        interface getAppVersion {
        }
        /** params of `get_audio_url` */
        interface getAudioUrl {
            comp_id: number;
        }
        /** params of `get_comp_properties` */
        interface getCompProperties {
            comp_id: number;
        }
        /** params of `get_items` */
        interface getItems {
            comps?: boolean;
            folders?: boolean;
            footages?: boolean;
        }
        /** params of `get_layers` */
        interface getLayers {
            comp_id: number;
        }
        /** params of `get_metadata` */
        interface getMetadata {
        }
        /** params of `get_project_state` */
        interface getProjectState {
        }
        /** params of `get_render_info` */
        interface getRenderInfo {
            comp_id: number;
        }
        /** params of `get_selected_items` */
        interface getSelectedItems {
            comps?: boolean;
            folders?: boolean;
            footages?: boolean;
        }
        /** params of `import_background` */
        interface importBackground {
            comp_id?: number;
            name: string;
            paths: Array<string>;
        }
        /** params of `import_file` */
        interface importFile {
            path: string;
            name: string;
            import_options?: ImportOptions;
            parent_folder_id?: number;
        }
        /** params of `imprint` */
        interface imprint {
            entry: MetadataEntry;
        }
        /** params of `open` */
        interface open {
            path: string;
            discard_unsaved?: boolean;
        }
        /** params of `print_msg` */
        interface printMsg {
            msg: string;
        }
        /** params of `reload_background` */
        interface reloadBackground {
            comp_id: number;
            name: string;
            paths: Array<string>;
        }
        /** params of `remove_comp_from_render_queue` */
        interface removeCompFromRenderQueue {
            comp_id: number;
        }
        /** params of `remove_instance` */
        interface removeInstance {
            instance_id: string;
        }
        /** params of `remove_metadata` */
        interface removeMetadata {
            item_id: number;
        }
        /** params of `rename_item` */
        interface renameItem {
            item_id: number;
            name: string;
        }
        /** params of `render` */
        interface render {
            comp_id: number;
            output_dir: string;
        }
        /** params of `replace_item` */
        interface replaceItem {
            item_id: number;
            path: string;
            name: string;
        }
        /** params of `run_jsx_file` */
        interface runJsxFile {
            path: string;
        }
        /** params of `save` */
        interface save {
        }
        /** params of `save_as` */
        interface saveAs {
            path: string;
            as_copy?: boolean;
        }
        /** params of `select_items` */
        interface selectItems {
            item_ids: Array<number>;
        }
        /** params of `set_comp_properties` */
        interface setCompProperties {
            comp_id: number;
            frame_start?: number;
            frames_duration?: number;
            frame_rate?: number;
            width?: number;
            height?: number;
        }
        /** params of `set_label_color` */
        interface setLabelColor {
            item_id: number;
            label: number;
        }
    }

    namespace Result {
        /** result of `add_comp_to_render_queue` */
        type addCompToRenderQueue = boolean;
        /** result of `add_item` */
        type addItem = number;
        /** result of `add_item_as_layer` */
        type addItemAsLayer = Layer;
        /** result of `add_item_instead_placeholder` */
        type addItemInsteadPlaceholder = number;
        /** result of `add_placeholder` */
        type addPlaceholder = number;
        /** result of `close` */
        type close = null;
        /** result of `delete_item` */
        type deleteItem = null;
        /** result of `get_active_document_full_name` */
        type getActiveDocumentFullName = string;
        /** result of `get_active_document_name` */
        type getActiveDocumentName = string;
        /** result of `get_app_version` */
        type getAppVersion = string;
        /** result of `get_audio_url` */
        type getAudioUrl = string | null;
        /** result of `get_comp_properties` */
        type getCompProperties = CompProperties;
        /** result of `get_items` */
        type getItems = Array<ProjectItem>;
        /** result of `get_layers` */
        type getLayers = Array<Layer>;
        /** result of `get_metadata` */
        type getMetadata = Array<MetadataEntry>;
        /** result of `get_project_state` */
        type getProjectState = ProjectState;
        /** result of `get_render_info` */
        type getRenderInfo = Array<RenderOutput>;
        /** result of `get_selected_items` */
        type getSelectedItems = Array<ProjectItem>;
        /** result of `import_background` */
        type importBackground = BackgroundResult;
        /** result of `import_file` */
        type importFile = ImportResult;
        /** result of `imprint` */
        type imprint = null;
        /** result of `open` */
        type open = null;
        /** result of `print_msg` */
        type printMsg = null;
        /** result of `reload_background` */
        type reloadBackground = BackgroundResult;
        /** result of `remove_comp_from_render_queue` */
        type removeCompFromRenderQueue = boolean;
        /** result of `remove_instance` */
        type removeInstance = null;
        /** result of `remove_metadata` */
        type removeMetadata = number;
        /** result of `rename_item` */
        type renameItem = null;
        /** result of `render` */
        type render = Array<RenderOutput>;
        /** result of `replace_item` */
        type replaceItem = null;
        /** result of `run_jsx_file` */
        type runJsxFile = JsonValue;
        /** result of `save` */
        type save = null;
        /** result of `save_as` */
        type saveAs = null;
        /** result of `select_items` */
        type selectItems = null;
        /** result of `set_comp_properties` */
        type setCompProperties = null;
        /** result of `set_label_color` */
        type setLabelColor = null;
    }
}

/** Makes the throwable error of a declared application error (code >= 1000). */
declare function __aerpc_error(code: number, message?: string, data?: any): Error;

/** One maker per declared error: `throw AerpcErrors.ItemNotFound(message?, data?)`. */
declare var AerpcErrors: {
    /** 1001: Item not found */
    ItemNotFound(message?: string, data?: any): Error;
    /** 1002: Item is not a composition */
    NotAComposition(message?: string, data?: any): Error;
    /** 1003: No project file is open */
    NoDocumentOpen(message?: string, data?: any): Error;
    /** 1004: File not found */
    FileNotFound(message?: string, data?: any): Error;
    /** 1005: Item is of the wrong type for this operation */
    InvalidItemType(message?: string, data?: any): Error;
    /** 1006: Composition has no render queue item */
    RenderQueueItemNotFound(message?: string, data?: any): Error;
    /** 1007: Composition has more than one render queue item */
    MultipleRenderQueueItems(message?: string, data?: any): Error;
    /** 1008: Render failed */
    RenderFailed(message?: string, data?: any): Error;
    /** 1009: Import failed */
    ImportFailed(message?: string, data?: any): Error;
    /** 1010: Script failed */
    ScriptFailed(message?: string, data?: any): Error;
    /** 1011: Save failed */
    SaveFailed(message?: string, data?: any): Error;
    /** 1012: Project could not be opened */
    OpenFailed(message?: string, data?: any): Error;
    /** 1013: Stored pipeline metadata is not valid JSON */
    MetadataCorrupt(message?: string, data?: any): Error;
    /** 1014: The project has unsaved changes */
    UnsavedChanges(message?: string, data?: any): Error;
};

/** The dispatcher's ES3 JSON codec (ExtendScript has no JSON global). */
declare var __aerpc_json: {
    parse(text: string): any;
    stringify(value: any): string | undefined;
    quote(text: string): string;
};
