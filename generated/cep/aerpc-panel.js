// Generated from schema/aftereffects.openrpc.json by `aerpc generate`; do not edit.
// Schema: aftereffects 1.0.0, sha256:93e1b93458db8a8845fe44544194efe9482c6cedaffdecfcb5577a27d78a21ce
//
// The schema's contract for aerpc's panel library (runtime/panel/, docs/cep.md): the schema's
// identity, the methods each side serves with their deadlines and idempotency, the protocol's
// and the schema's errors. Data only; the library supplies the behaviour.
//
// In a page, load the library's scripts first; this one then defines the page global
// `Aerpc` (always, also when CEP's node integration puts `module` into the page). In node,
// require() gives the contract: require("runtime/panel").load(contract) gives the same API.
(function (root, contract) {
    "use strict";
    var lib = root ? root.AerpcPanelLib : undefined;
    if (lib && typeof lib.load === "function") {
        root.Aerpc = lib.load(contract);
    } else if (typeof window !== "undefined") {
        throw new Error("aerpc-panel.js: the panel library (runtime/panel/*.js) must be loaded before it");
    }
    if (typeof module === "object" && module !== null && typeof module.exports === "object") {
        module.exports = contract;
    }
}(typeof self !== "undefined" ? self : this, {
    "runtimeAbi": 1,
    "schema": {
        "name": "aftereffects",
        "version": "1.0.0",
        "hash": "sha256:93e1b93458db8a8845fe44544194efe9482c6cedaffdecfcb5577a27d78a21ce"
    },
    "hostMethods": {
        "add_comp_to_render_queue": {
            "timeoutMs": 30000,
            "idempotent": true,
            "runsInPanel": false
        },
        "add_item": {
            "timeoutMs": 30000,
            "idempotent": false,
            "runsInPanel": false
        },
        "add_item_as_layer": {
            "timeoutMs": 30000,
            "idempotent": false,
            "runsInPanel": false
        },
        "add_item_instead_placeholder": {
            "timeoutMs": 120000,
            "idempotent": false,
            "runsInPanel": false
        },
        "add_placeholder": {
            "timeoutMs": 30000,
            "idempotent": false,
            "runsInPanel": false
        },
        "close": {
            "timeoutMs": 10000,
            "idempotent": false,
            "runsInPanel": false
        },
        "delete_item": {
            "timeoutMs": 30000,
            "idempotent": false,
            "runsInPanel": false
        },
        "get_active_document_full_name": {
            "timeoutMs": 10000,
            "idempotent": true,
            "runsInPanel": false
        },
        "get_active_document_name": {
            "timeoutMs": 10000,
            "idempotent": true,
            "runsInPanel": false
        },
        "get_app_version": {
            "timeoutMs": 10000,
            "idempotent": true,
            "runsInPanel": false
        },
        "get_audio_url": {
            "timeoutMs": 10000,
            "idempotent": true,
            "runsInPanel": false
        },
        "get_comp_properties": {
            "timeoutMs": 10000,
            "idempotent": true,
            "runsInPanel": false
        },
        "get_extension_version": {
            "timeoutMs": 10000,
            "idempotent": true,
            "runsInPanel": true
        },
        "get_items": {
            "timeoutMs": 30000,
            "idempotent": true,
            "runsInPanel": false
        },
        "get_layers": {
            "timeoutMs": 30000,
            "idempotent": true,
            "runsInPanel": false
        },
        "get_metadata": {
            "timeoutMs": 30000,
            "idempotent": true,
            "runsInPanel": false
        },
        "get_project_state": {
            "timeoutMs": 10000,
            "idempotent": true,
            "runsInPanel": false
        },
        "get_render_info": {
            "timeoutMs": 30000,
            "idempotent": true,
            "runsInPanel": false
        },
        "get_selected_items": {
            "timeoutMs": 30000,
            "idempotent": true,
            "runsInPanel": false
        },
        "import_background": {
            "timeoutMs": 600000,
            "idempotent": false,
            "runsInPanel": false
        },
        "import_file": {
            "timeoutMs": 600000,
            "idempotent": false,
            "runsInPanel": false
        },
        "imprint": {
            "timeoutMs": 30000,
            "idempotent": true,
            "runsInPanel": false
        },
        "open": {
            "timeoutMs": 600000,
            "idempotent": true,
            "runsInPanel": false
        },
        "print_msg": {
            "timeoutMs": 3600000,
            "idempotent": false,
            "runsInPanel": false
        },
        "reload_background": {
            "timeoutMs": 600000,
            "idempotent": true,
            "runsInPanel": false
        },
        "remove_comp_from_render_queue": {
            "timeoutMs": 30000,
            "idempotent": true,
            "runsInPanel": false
        },
        "remove_instance": {
            "timeoutMs": 30000,
            "idempotent": true,
            "runsInPanel": false
        },
        "remove_metadata": {
            "timeoutMs": 30000,
            "idempotent": true,
            "runsInPanel": false
        },
        "rename_item": {
            "timeoutMs": 10000,
            "idempotent": true,
            "runsInPanel": false
        },
        "render": {
            "timeoutMs": 86400000,
            "idempotent": false,
            "runsInPanel": false
        },
        "replace_item": {
            "timeoutMs": 300000,
            "idempotent": true,
            "runsInPanel": false
        },
        "run_jsx_file": {
            "timeoutMs": 600000,
            "idempotent": false,
            "runsInPanel": false
        },
        "save": {
            "timeoutMs": 600000,
            "idempotent": true,
            "runsInPanel": false
        },
        "save_as": {
            "timeoutMs": 600000,
            "idempotent": true,
            "runsInPanel": false
        },
        "select_items": {
            "timeoutMs": 30000,
            "idempotent": true,
            "runsInPanel": false
        },
        "set_comp_properties": {
            "timeoutMs": 60000,
            "idempotent": true,
            "runsInPanel": false
        },
        "set_label_color": {
            "timeoutMs": 10000,
            "idempotent": true,
            "runsInPanel": false
        }
    },
    "pipelineMethods": {
        "apply_settings": {
            "timeoutMs": 30000,
            "idempotent": true
        },
        "launched": {
            "timeoutMs": 10000,
            "idempotent": true
        },
        "open_tool": {
            "timeoutMs": 30000,
            "idempotent": true
        },
        "set_context": {
            "timeoutMs": 10000,
            "idempotent": true
        },
        "version_up_workfile": {
            "timeoutMs": 30000,
            "idempotent": false
        },
        "workfile_template": {
            "timeoutMs": 30000,
            "idempotent": false
        }
    },
    "protocolErrors": [
        {
            "name": "ParseError",
            "code": -32700,
            "message": "Parse error"
        },
        {
            "name": "InvalidRequest",
            "code": -32600,
            "message": "Invalid Request"
        },
        {
            "name": "MethodNotFound",
            "code": -32601,
            "message": "Method not found"
        },
        {
            "name": "InvalidParams",
            "code": -32602,
            "message": "Invalid params"
        },
        {
            "name": "InternalError",
            "code": -32603,
            "message": "Internal error"
        },
        {
            "name": "Unauthorized",
            "code": -32001,
            "message": "Unauthorized"
        },
        {
            "name": "SchemaMismatch",
            "code": -32002,
            "message": "Schema mismatch"
        },
        {
            "name": "HostAlreadyConnected",
            "code": -32003,
            "message": "Host already connected"
        },
        {
            "name": "MessageTooLarge",
            "code": -32004,
            "message": "Message too large"
        },
        {
            "name": "TooManyRequests",
            "code": -32005,
            "message": "Too many requests"
        },
        {
            "name": "ExtendScriptError",
            "code": -32010,
            "message": "ExtendScript error"
        },
        {
            "name": "HostTimeout",
            "code": -32011,
            "message": "Host timeout"
        },
        {
            "name": "HandlerTimeout",
            "code": -32012,
            "message": "Handler timeout"
        }
    ],
    "errors": [
        {
            "name": "ItemNotFound",
            "code": 1001,
            "message": "Item not found"
        },
        {
            "name": "NotAComposition",
            "code": 1002,
            "message": "Item is not a composition"
        },
        {
            "name": "NoDocumentOpen",
            "code": 1003,
            "message": "No project file is open"
        },
        {
            "name": "FileNotFound",
            "code": 1004,
            "message": "File not found"
        },
        {
            "name": "InvalidItemType",
            "code": 1005,
            "message": "Item is of the wrong type for this operation"
        },
        {
            "name": "RenderQueueItemNotFound",
            "code": 1006,
            "message": "Composition has no render queue item"
        },
        {
            "name": "MultipleRenderQueueItems",
            "code": 1007,
            "message": "Composition has more than one render queue item"
        },
        {
            "name": "RenderFailed",
            "code": 1008,
            "message": "Render failed"
        },
        {
            "name": "ImportFailed",
            "code": 1009,
            "message": "Import failed"
        },
        {
            "name": "ScriptFailed",
            "code": 1010,
            "message": "Script failed"
        },
        {
            "name": "SaveFailed",
            "code": 1011,
            "message": "Save failed"
        },
        {
            "name": "OpenFailed",
            "code": 1012,
            "message": "Project could not be opened"
        },
        {
            "name": "MetadataCorrupt",
            "code": 1013,
            "message": "Stored pipeline metadata is not valid JSON"
        },
        {
            "name": "UnsavedChanges",
            "code": 1014,
            "message": "The project has unsaved changes"
        }
    ],
    "events": {
        "render_progress": {
            "emittedBy": "extendscript",
            "experimental": true
        },
        "render_finished": {
            "emittedBy": "extendscript",
            "experimental": false
        },
        "project_changed": {
            "emittedBy": "panel",
            "experimental": false
        },
        "host_busy": {
            "emittedBy": "server",
            "experimental": false
        }
    }
}));
