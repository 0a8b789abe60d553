// Generated from schema/aftereffects.openrpc.json by `aerpc generate`; do not edit.
// Schema: aftereffects 1.0.0, sha256:93e1b93458db8a8845fe44544194efe9482c6cedaffdecfcb5577a27d78a21ce
//
// The schema's tables for aerpc's ExtendScript dispatcher (runtime/extendscript/): which host
// function serves each method with which params, and the schema's errors. `aerpc cep build` places
// this file last inside the host library's function scope, so the scope's functions below are
// the host library's own (runtime/extendscript/aerpc-dispatch.jsx explains the contract).
//
// Errors declared in the schema (throw AerpcErrors.<Name>(message?, data?)):
//   1001  ItemNotFound  Item not found
//   1002  NotAComposition  Item is not a composition
//   1003  NoDocumentOpen  No project file is open
//   1004  FileNotFound  File not found
//   1005  InvalidItemType  Item is of the wrong type for this operation
//   1006  RenderQueueItemNotFound  Composition has no render queue item
//   1007  MultipleRenderQueueItems  Composition has more than one render queue item
//   1008  RenderFailed  Render failed
//   1009  ImportFailed  Import failed
//   1010  ScriptFailed  Script failed
//   1011  SaveFailed  Save failed
//   1012  OpenFailed  Project could not be opened
//   1013  MetadataCorrupt  Stored pipeline metadata is not valid JSON
//   1014  UnsavedChanges  The project has unsaved changes
__aerpc.install({
    "runtimeAbi": 1,
    "schema": {
        "name": "aftereffects",
        "version": "1.0.0",
        "hash": "sha256:93e1b93458db8a8845fe44544194efe9482c6cedaffdecfcb5577a27d78a21ce"
    },
    "methods": {
        "add_comp_to_render_queue": {
            "fn": "addCompToRenderQueue",
            "params": [
                "comp_id",
                "output_dir"
            ]
        },
        "add_item": {
            "fn": "addItem",
            "params": [
                "name",
                "item_type"
            ]
        },
        "add_item_as_layer": {
            "fn": "addItemAsLayer",
            "params": [
                "comp_id",
                "item_id"
            ]
        },
        "add_item_instead_placeholder": {
            "fn": "addItemInsteadPlaceholder",
            "params": [
                "placeholder_item_id",
                "item_id"
            ]
        },
        "add_placeholder": {
            "fn": "addPlaceholder",
            "params": [
                "name",
                "width",
                "height",
                "frame_rate",
                "duration"
            ]
        },
        "close": {
            "fn": "close",
            "params": []
        },
        "delete_item": {
            "fn": "deleteItem",
            "params": [
                "item_id"
            ]
        },
        "get_active_document_full_name": {
            "fn": "getActiveDocumentFullName",
            "params": []
        },
        "get_active_document_name": {
            "fn": "getActiveDocumentName",
            "params": []
        },
        "get_app_version": {
            "fn": "getAppVersion",
            "params": []
        },
        "get_audio_url": {
            "fn": "getAudioUrl",
            "params": [
                "comp_id"
            ]
        },
        "get_comp_properties": {
            "fn": "getCompProperties",
            "params": [
                "comp_id"
            ]
        },
        "get_items": {
            "fn": "getItems",
            "params": [
                "comps",
                "folders",
                "footages"
            ]
        },
        "get_layers": {
            "fn": "getLayers",
            "params": [
                "comp_id"
            ]
        },
        "get_metadata": {
            "fn": "getMetadata",
            "params": []
        },
        "get_project_state": {
            "fn": "getProjectState",
            "params": []
        },
        "get_render_info": {
            "fn": "getRenderInfo",
            "params": [
                "comp_id"
            ]
        },
        "get_selected_items": {
            "fn": "getSelectedItems",
            "params": [
                "comps",
                "folders",
                "footages"
            ]
        },
        "import_background": {
            "fn": "importBackground",
            "params": [
                "comp_id",
                "name",
                "paths"
            ]
        },
        "import_file": {
            "fn": "importFile",
            "params": [
                "path",
                "name",
                "import_options",
                "parent_folder_id"
            ]
        },
        "imprint": {
            "fn": "imprint",
            "params": [
                "entry"
            ]
        },
        "open": {
            "fn": "open",
            "params": [
                "path",
                "discard_unsaved"
            ]
        },
        "print_msg": {
            "fn": "printMsg",
            "params": [
                "msg"
            ]
        },
        "reload_background": {
            "fn": "reloadBackground",
            "params": [
                "comp_id",
                "name",
                "paths"
            ]
        },
        "remove_comp_from_render_queue": {
            "fn": "removeCompFromRenderQueue",
            "params": [
                "comp_id"
            ]
        },
        "remove_instance": {
            "fn": "removeInstance",
            "params": [
                "instance_id"
            ]
        },
        "remove_metadata": {
            "fn": "removeMetadata",
            "params": [
                "item_id"
            ]
        },
        "rename_item": {
            "fn": "renameItem",
            "params": [
                "item_id",
                "name"
            ]
        },
        "render": {
            "fn": "render",
            "params": [
                "comp_id",
                "output_dir"
            ]
        },
        "replace_item": {
            "fn": "replaceItem",
            "params": [
                "item_id",
                "path",
                "name"
            ]
        },
        "run_jsx_file": {
            "fn": "runJsxFile",
            "params": [
                "path"
            ]
        },
        "save": {
            "fn": "save",
            "params": []
        },
        "save_as": {
            "fn": "saveAs",
            "params": [
                "path",
                "as_copy"
            ]
        },
        "select_items": {
            "fn": "selectItems",
            "params": [
                "item_ids"
            ]
        },
        "set_comp_properties": {
            "fn": "setCompProperties",
            "params": [
                "comp_id",
                "frame_start",
                "frames_duration",
                "frame_rate",
                "width",
                "height"
            ]
        },
        "set_label_color": {
            "fn": "setLabelColor",
            "params": [
                "item_id",
                "label"
            ]
        }
    },
    "errors": {
        "1001": {
            "name": "ItemNotFound",
            "message": "Item not found"
        },
        "1002": {
            "name": "NotAComposition",
            "message": "Item is not a composition"
        },
        "1003": {
            "name": "NoDocumentOpen",
            "message": "No project file is open"
        },
        "1004": {
            "name": "FileNotFound",
            "message": "File not found"
        },
        "1005": {
            "name": "InvalidItemType",
            "message": "Item is of the wrong type for this operation"
        },
        "1006": {
            "name": "RenderQueueItemNotFound",
            "message": "Composition has no render queue item"
        },
        "1007": {
            "name": "MultipleRenderQueueItems",
            "message": "Composition has more than one render queue item"
        },
        "1008": {
            "name": "RenderFailed",
            "message": "Render failed"
        },
        "1009": {
            "name": "ImportFailed",
            "message": "Import failed"
        },
        "1010": {
            "name": "ScriptFailed",
            "message": "Script failed"
        },
        "1011": {
            "name": "SaveFailed",
            "message": "Save failed"
        },
        "1012": {
            "name": "OpenFailed",
            "message": "Project could not be opened"
        },
        "1013": {
            "name": "MetadataCorrupt",
            "message": "Stored pipeline metadata is not valid JSON"
        },
        "1014": {
            "name": "UnsavedChanges",
            "message": "The project has unsaved changes"
        }
    }
}, {
    addCompToRenderQueue: typeof addCompToRenderQueue === "function" ? addCompToRenderQueue : null,
    addItem: typeof addItem === "function" ? addItem : null,
    addItemAsLayer: typeof addItemAsLayer === "function" ? addItemAsLayer : null,
    addItemInsteadPlaceholder: typeof addItemInsteadPlaceholder === "function" ? addItemInsteadPlaceholder : null,
    addPlaceholder: typeof addPlaceholder === "function" ? addPlaceholder : null,
    close: typeof close === "function" ? close : null,
    deleteItem: typeof deleteItem === "function" ? deleteItem : null,
    getActiveDocumentFullName: typeof getActiveDocumentFullName === "function" ? getActiveDocumentFullName : null,
    getActiveDocumentName: typeof getActiveDocumentName === "function" ? getActiveDocumentName : null,
    getAppVersion: typeof getAppVersion === "function" ? getAppVersion : null,
    getAudioUrl: typeof getAudioUrl === "function" ? getAudioUrl : null,
    getCompProperties: typeof getCompProperties === "function" ? getCompProperties : null,
    getItems: typeof getItems === "function" ? getItems : null,
    getLayers: typeof getLayers === "function" ? getLayers : null,
    getMetadata: typeof getMetadata === "function" ? getMetadata : null,
    getProjectState: typeof getProjectState === "function" ? getProjectState : null,
    getRenderInfo: typeof getRenderInfo === "function" ? getRenderInfo : null,
    getSelectedItems: typeof getSelectedItems === "function" ? getSelectedItems : null,
    importBackground: typeof importBackground === "function" ? importBackground : null,
    importFile: typeof importFile === "function" ? importFile : null,
    imprint: typeof imprint === "function" ? imprint : null,
    open: typeof open === "function" ? open : null,
    printMsg: typeof printMsg === "function" ? printMsg : null,
    reloadBackground: typeof reloadBackground === "function" ? reloadBackground : null,
    removeCompFromRenderQueue: typeof removeCompFromRenderQueue === "function" ? removeCompFromRenderQueue : null,
    removeInstance: typeof removeInstance === "function" ? removeInstance : null,
    removeMetadata: typeof removeMetadata === "function" ? removeMetadata : null,
    renameItem: typeof renameItem === "function" ? renameItem : null,
    render: typeof render === "function" ? render : null,
    replaceItem: typeof replaceItem === "function" ? replaceItem : null,
    runJsxFile: typeof runJsxFile === "function" ? runJsxFile : null,
    save: typeof save === "function" ? save : null,
    saveAs: typeof saveAs === "function" ? saveAs : null,
    selectItems: typeof selectItems === "function" ? selectItems : null,
    setCompProperties: typeof setCompProperties === "function" ? setCompProperties : null,
    setLabelColor: typeof setLabelColor === "function" ? setLabelColor : null
});
