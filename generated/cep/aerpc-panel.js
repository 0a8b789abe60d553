// Generated from schema/aftereffects.openrpc.json by `aerpc generate`; do not edit.
// Schema: aftereffects 1.0.0, sha256:982f29e928070eb6d35a0733037a0ad5e59b8990502e645cba5fdddf91b0e2b4
//
// The CEP panel half of aerpc: a plain script for the panel's Chromium (it defines
// window.Aerpc) that also loads in node as a CommonJS module. No bundler, no dependency.
//
//     var panel = new Aerpc.AerpcPanel({csInterface: new CSInterface()});
//     panel.on("status", function (s) { statusLine.textContent = s.status; });
//     panel.start();
//     panel.pipeline.open_tool({tool: "publisher"}).then(...);
//
// Options: url, token (else AERPC_URL / AERPC_TOKEN, falling back to WEBSOCKET_URL, read from
// After Effects' environment through ExtendScript), WebSocket (default: the global one),
// csInterface, extensionVersion (else read from CSXS/manifest.xml), instance (default: random
// per page load), app {name, version} (default: csInterface.getHostEnvironment()), log,
// debugPayloads, reconnect {initialDelayMs, maxDelayMs, factor, jitter, random},
// helloTimeoutMs, evalScriptTimeoutMs (number, or function(method, defaultMs)), rememberIds,
// rememberBytes, panelMethods.
//
// Deadlines travel with requests (docs/wire-extensions.md): a request may carry
// "aerpc": {"timeout_ms": N}, the caller's time left in milliseconds when it sent it. The panel
// waits on evalScript until that budget (counted from receipt) runs out, else for the method's
// x-timeout-ms; its own pipeline calls carry the member too.
//
// Host methods run one at a time (FIFO) through one fixed ExtendScript entry point,
// __aerpc_dispatch(<the request JSON as a string literal>): arguments are never pasted into
// source. See aerpc-host.jsx for the other side and DESIGN.md section 4 for the protocol.
(function (root, factory) {
    "use strict";
    var api = factory();
    // Always the page global: under CEP with node enabled, `module` exists in the page too
    // (the panel would otherwise vanish into module.exports).
    if (root) {
        root.Aerpc = api;
    }
    if (typeof module === "object" && module !== null && typeof module.exports === "object") {
        module.exports = api;
    }
}(typeof self !== "undefined" ? self : this, function () {
    "use strict";

    const SCHEMA = Object.freeze({
        name: "aftereffects",
        version: "1.0.0",
        hash: "sha256:982f29e928070eb6d35a0733037a0ad5e59b8990502e645cba5fdddf91b0e2b4",
    });

    // method -> {timeoutMs, idempotent, runsInPanel}
    const HOST_METHODS = {
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
    };

    // method -> {timeoutMs, idempotent}
    const PIPELINE_METHODS = {
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
    };

    const ID_PREFIX = "cep:";
    // The longest budget a timer can hold (setTimeout fires at once beyond 2^31 - 1 ms): a
    // larger aerpc.timeout_ms is taken as this, about 24.8 days.
    const MAX_TIMEOUT_MS = 2147483647;
    const DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024;
    // How __aerpc_dispatch (aerpc-host.jsx) begins a success envelope: {"ok":true,"result":
    // then the result's JSON text, then "}" (_splicedResultText).
    const ENVELOPE_OK = "{\"ok\":true,\"result\":";
    const DEFAULTS = Object.freeze({
        reconnect: Object.freeze({initialDelayMs: 250, maxDelayMs: 10000, factor: 2, jitter: 0.5}),
        helloTimeoutMs: 10000,
        environmentTimeoutMs: 10000,
        rememberIds: 256,
        rememberBytes: 64 * 1024 * 1024,
    });
    const OPEN = 1;
    const hasOwn = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

    // ---------------------------------------------------------------- errors

    /** The base of every error this module raises. */
    class AerpcError extends Error {}

    /** A JSON-RPC error from the other side (or answered to it): code, message, data. */
    class RemoteError extends AerpcError {
        constructor(message, data, code) {
            const cls = new.target;
            super(message === undefined || message === null ? cls.defaultMessage : String(message));
            this.code = code === undefined || code === null ? cls.code : code;
            this.data = data === undefined ? null : data;
        }

        /** The JSON-RPC error member for this error. */
        toWire() {
            const error = {code: this.code, message: this.message};
            if (this.data !== null && this.data !== undefined) {
                error.data = this.data;
            }
            return error;
        }
    }

    const ERROR_CLASSES = new Map();

    function declareError(cls, name, code, defaultMessage) {
        Object.defineProperty(cls.prototype, "name", {value: name, configurable: true, writable: true});
        Object.defineProperty(cls, "code", {value: code, enumerable: true});
        Object.defineProperty(cls, "defaultMessage", {value: defaultMessage, enumerable: true});
        if (code !== null) {
            ERROR_CLASSES.set(code, cls);
        }
        return cls;
    }

    declareError(AerpcError, "AerpcError", null, "aerpc error");
    declareError(RemoteError, "RemoteError", null, "Error");

    /** -32700: Not valid JSON. */
    class ParseError extends RemoteError {}
    declareError(ParseError, "ParseError", -32700, "Parse error");

    /** -32600: JSON, but not a JSON-RPC 2.0 request. */
    class InvalidRequest extends RemoteError {}
    declareError(InvalidRequest, "InvalidRequest", -32600, "Invalid Request");

    /** -32601: The method does not exist on the serving side (or its schema lacks it). */
    class MethodNotFound extends RemoteError {}
    declareError(MethodNotFound, "MethodNotFound", -32601, "Method not found");

    /** -32602: The params failed the schema; data.errors lists {path, message}. */
    class InvalidParams extends RemoteError {}
    declareError(InvalidParams, "InvalidParams", -32602, "Invalid params");

    /** -32603: A handler failed unexpectedly on the serving side. */
    class InternalError extends RemoteError {}
    declareError(InternalError, "InternalError", -32603, "Internal error");

    /** -32001: The hello was missing or the token was wrong. */
    class Unauthorized extends RemoteError {}
    declareError(Unauthorized, "Unauthorized", -32001, "Unauthorized");

    /** -32002: The peers were generated from different schemas; data has both hashes. */
    class SchemaMismatch extends RemoteError {}
    declareError(SchemaMismatch, "SchemaMismatch", -32002, "Schema mismatch");

    /** -32003: Another panel instance is already connected as the host. */
    class HostAlreadyConnected extends RemoteError {}
    declareError(HostAlreadyConnected, "HostAlreadyConnected", -32003, "Host already connected");

    /** -32004: A message was larger than the configured limit; data has size and limit. */
    class MessageTooLarge extends RemoteError {}
    declareError(MessageTooLarge, "MessageTooLarge", -32004, "Message too large");

    /** -32010: The ExtendScript function threw; data has name, message, line and fileName. */
    class ExtendScriptError extends RemoteError {}
    declareError(ExtendScriptError, "ExtendScriptError", -32010, "ExtendScript error");

    /** -32011: The panel gave up waiting on evalScript. */
    class HostTimeout extends RemoteError {}
    declareError(HostTimeout, "HostTimeout", -32011, "Host timeout");

    /** 1001: Item not found. */
    class ItemNotFound extends RemoteError {}
    declareError(ItemNotFound, "ItemNotFound", 1001, "Item not found");

    /** 1002: Item is not a composition. */
    class NotAComposition extends RemoteError {}
    declareError(NotAComposition, "NotAComposition", 1002, "Item is not a composition");

    /** 1003: No project file is open. */
    class NoDocumentOpen extends RemoteError {}
    declareError(NoDocumentOpen, "NoDocumentOpen", 1003, "No project file is open");

    /** 1004: File not found. */
    class FileNotFound extends RemoteError {}
    declareError(FileNotFound, "FileNotFound", 1004, "File not found");

    /** 1005: Item is of the wrong type for this operation. */
    class InvalidItemType extends RemoteError {}
    declareError(InvalidItemType, "InvalidItemType", 1005, "Item is of the wrong type for this operation");

    /** 1006: Composition has no render queue item. */
    class RenderQueueItemNotFound extends RemoteError {}
    declareError(RenderQueueItemNotFound, "RenderQueueItemNotFound", 1006, "Composition has no render queue item");

    /** 1007: Composition has more than one render queue item. */
    class MultipleRenderQueueItems extends RemoteError {}
    declareError(MultipleRenderQueueItems, "MultipleRenderQueueItems", 1007, "Composition has more than one render queue item");

    /** 1008: Render failed. */
    class RenderFailed extends RemoteError {}
    declareError(RenderFailed, "RenderFailed", 1008, "Render failed");

    /** 1009: Import failed. */
    class ImportFailed extends RemoteError {}
    declareError(ImportFailed, "ImportFailed", 1009, "Import failed");

    /** 1010: Script failed. */
    class ScriptFailed extends RemoteError {}
    declareError(ScriptFailed, "ScriptFailed", 1010, "Script failed");

    /** 1011: Save failed. */
    class SaveFailed extends RemoteError {}
    declareError(SaveFailed, "SaveFailed", 1011, "Save failed");

    /** 1012: Project could not be opened. */
    class OpenFailed extends RemoteError {}
    declareError(OpenFailed, "OpenFailed", 1012, "Project could not be opened");

    /** 1013: Stored pipeline metadata is not valid JSON. */
    class MetadataCorrupt extends RemoteError {}
    declareError(MetadataCorrupt, "MetadataCorrupt", 1013, "Stored pipeline metadata is not valid JSON");

    /** 1014: The project has unsaved changes. */
    class UnsavedChanges extends RemoteError {}
    declareError(UnsavedChanges, "UnsavedChanges", 1014, "The project has unsaved changes");

    /** An error that happened on this side; never sent on the wire. */
    class LocalError extends AerpcError {}
    declareError(LocalError, "LocalError", null, "local error");

    /** A pipeline call got no reply within its deadline; rpc.cancel was sent for it. */
    class RpcTimeout extends LocalError {
        constructor(method, timeoutMs, maybeApplied) {
            super(method + ": no reply within " + timeoutMs + " ms");
            this.method = method;
            this.timeoutMs = timeoutMs;
            this.maybeApplied = maybeApplied !== false;
        }
    }
    declareError(RpcTimeout, "RpcTimeout", null, "no reply in time");

    /** The panel was not connected to the pipeline within the call's deadline, or stopped. */
    class NotConnected extends LocalError {
        constructor(message, method) {
            super(message);
            this.method = method === undefined ? null : method;
        }
    }
    declareError(NotConnected, "NotConnected", null, "not connected");

    /** The connection dropped while a call that is not idempotent was in flight. */
    class ConnectionLost extends LocalError {
        constructor(message, method, maybeApplied) {
            super(message);
            this.method = method === undefined ? null : method;
            this.maybeApplied = maybeApplied !== false;
        }
    }
    declareError(ConnectionLost, "ConnectionLost", null, "connection lost");

    /** The registered class for a JSON-RPC error code, or RemoteError. */
    function errorClassFor(code) {
        return ERROR_CLASSES.get(code) || RemoteError;
    }

    /** The error instance for a received JSON-RPC error member. */
    function errorFromWire(error) {
        if (error === null || typeof error !== "object" || !Number.isInteger(error.code)) {
            return new InternalError("malformed error object from the peer", {error: error});
        }
        const cls = errorClassFor(error.code);
        const message = typeof error.message === "string" ? error.message : undefined;
        if (cls === RemoteError) {
            return new RemoteError(message === undefined ? "Error " + error.code : message,
                error.data, error.code);
        }
        return new cls(message, error.data);
    }

    // ---------------------------------------------------------------- encoding

    const WELL_FORMED_STRINGIFY = JSON.stringify("\ud800") === "\"\\ud800\"";

    function hex4(code) {
        return "\\u" + ("000" + code.toString(16)).slice(-4);
    }

    // Older Chromium (CEP 8-9) leaves lone surrogates raw in JSON.stringify's output; they would
    // not survive UTF-8. Escape them, as current engines do.
    function escapeLoneSurrogates(text) {
        let parts = null;
        let last = 0;
        for (let i = 0; i < text.length; i += 1) {
            const c = text.charCodeAt(i);
            if (c >= 0xd800 && c <= 0xdbff) {
                const d = text.charCodeAt(i + 1);
                if (d >= 0xdc00 && d <= 0xdfff) {
                    i += 1;
                    continue;
                }
            } else if (c < 0xdc00 || c > 0xdfff) {
                continue;
            }
            if (parts === null) {
                parts = [];
            }
            parts.push(text.slice(last, i), hex4(c));
            last = i + 1;
        }
        return parts === null ? text : parts.join("") + text.slice(last);
    }

    /** JSON text of value, with lone surrogates escaped whatever the engine. */
    function toJson(value) {
        const text = JSON.stringify(value);
        return WELL_FORMED_STRINGIFY ? text : escapeLoneSurrogates(text);
    }

    /**
     * text as an ES3 string literal in pure ASCII: JSON's escapes, plus a \u escape for every
     * character above U+007E (U+2028/U+2029, which end a line in ES3 source, and lone
     * surrogates among them).
     */
    function jsStringLiteral(text) {
        return JSON.stringify(String(text)).replace(/[\u007f-\uffff]/g, (c) => hex4(c.charCodeAt(0)));
    }

    /** The size of text in UTF-8, in bytes (a lone surrogate counts as U+FFFD would). */
    function utf8Length(text) {
        let bytes = 0;
        for (let i = 0; i < text.length; i += 1) {
            const c = text.charCodeAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length &&
                    text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff) {
                bytes += 4;
                i += 1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    function overLimit(text, limit) {
        return text.length > limit || (text.length * 3 > limit && utf8Length(text) > limit);
    }

    function errorResponse(id, code, message, data) {
        const error = {code: code, message: message};
        if (data !== undefined && data !== null) {
            error.data = data;
        }
        return toJson({jsonrpc: "2.0", id: id, error: error});
    }

    /**
     * The caller's time budget a request carries, "aerpc": {"timeout_ms": N} (relative
     * milliseconds, docs/wire-extensions.md): a positive finite number, at most MAX_TIMEOUT_MS.
     * undefined when the member is absent, null when it is malformed (then it is ignored).
     */
    function travelledTimeoutMs(message) {
        if (!hasOwn(message, "aerpc")) {
            return undefined;
        }
        const extension = message.aerpc;
        if (extension === null || typeof extension !== "object" || Array.isArray(extension)) {
            return null;
        }
        if (!hasOwn(extension, "timeout_ms")) {
            return undefined; // other members are for later versions
        }
        const ms = extension.timeout_ms;
        if (typeof ms !== "number" || !(ms > 0) || !isFinite(ms)) {
            return null;
        }
        return Math.min(ms, MAX_TIMEOUT_MS);
    }

    /** Request text (a JSON object) with "aerpc": {"timeout_ms"} added: the time left, in ms. */
    function withTimeBudget(text, remainingMs) {
        const ms = Math.max(1, Math.min(MAX_TIMEOUT_MS, Math.ceil(remainingMs)));
        return text.slice(0, -1) + ",\"aerpc\":{\"timeout_ms\":" + ms + "}}";
    }

    function randomInstance() {
        const bytes = [];
        const source = typeof crypto !== "undefined" ? crypto : undefined;
        if (source && typeof source.getRandomValues === "function") {
            const random = source.getRandomValues(new Uint8Array(16));
            for (let i = 0; i < random.length; i += 1) {
                bytes.push(random[i]);
            }
        } else {
            for (let i = 0; i < 16; i += 1) {
                bytes.push(Math.floor(Math.random() * 256));
            }
        }
        return bytes.map((b) => ("0" + b.toString(16)).slice(-2)).join("");
    }

    function now() {
        return typeof performance !== "undefined" && performance.now ? performance.now() : Date.now();
    }

    function noop() {}

    function makeLogger(log) {
        if (typeof log === "function") {
            return {
                debug: (m) => log("debug", m),
                info: (m) => log("info", m),
                warn: (m) => log("warn", m),
                error: (m) => log("error", m),
            };
        }
        if (log && typeof log === "object") {
            const pick = (name) => (typeof log[name] === "function" ? (m) => log[name](m) : noop);
            return {debug: pick("debug"), info: pick("info"), warn: pick("warn"), error: pick("error")};
        }
        const out = typeof console !== "undefined" ? console : null;
        return {
            debug: noop,
            info: noop,
            warn: out ? (m) => out.warn("aerpc: " + m) : noop,
            error: out ? (m) => out.error("aerpc: " + m) : noop,
        };
    }

    function describe(error) {
        return error && error.message ? error.message : String(error);
    }

    // ---------------------------------------------------------------- the panel

    class AerpcPanel {
        constructor(options) {
            const o = options || {};
            this._url = o.url || null;
            this._token = o.token === undefined || o.token === null ? null : String(o.token);
            this._WebSocket = o.WebSocket || (typeof WebSocket !== "undefined" ? WebSocket : null);
            if (!this._WebSocket) {
                throw new TypeError("AerpcPanel: no WebSocket implementation; pass options.WebSocket");
            }
            this._cs = o.csInterface || null;
            this._extensionVersion = o.extensionVersion ? String(o.extensionVersion) : null;
            this.instance = o.instance ? String(o.instance) : randomInstance();
            this._app = o.app || null;
            this._log = makeLogger(o.log);
            this._debugPayloads = Boolean(o.debugPayloads);
            this._reconnect = Object.assign({}, DEFAULTS.reconnect);
            for (const [key, value] of Object.entries(o.reconnect || {})) {
                if (value !== undefined && value !== null) {
                    this._reconnect[key] = value;
                }
            }
            this._random = typeof this._reconnect.random === "function" ? this._reconnect.random : Math.random;
            this._helloTimeoutMs = o.helloTimeoutMs || DEFAULTS.helloTimeoutMs;
            this._environmentTimeoutMs = o.environmentTimeoutMs || DEFAULTS.environmentTimeoutMs;
            this._evalScriptTimeoutMs = o.evalScriptTimeoutMs === undefined ? null : o.evalScriptTimeoutMs;
            this._rememberIds = Math.max(256, o.rememberIds || DEFAULTS.rememberIds);
            this._rememberBytes = o.rememberBytes || DEFAULTS.rememberBytes;
            this._panelMethods = Object.assign(
                {get_extension_version: () => this._extensionVersionValue()}, o.panelMethods || {});

            this._listeners = new Map();
            this._nextIdNumber = 0;
            this._conn = null;
            this._connSeq = 0;
            this._failures = 0;
            this._reconnectTimer = null;
            this._stopped = true;
            this._fatal = null;
            this._maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
            this._calls = new Map(); // outgoing pipeline calls by id
            this._memory = new Map(); // incoming host requests by id (section 4.6)
            this._memoryBytes = 0;
            this._queue = []; // evalScript jobs waiting
            this._running = null; // the evalScript job in progress

            /** The state shown to people: idle, connecting, connected, closed, failed, stopped. */
            this.status = "idle";
            /** The hello result of the current connection, or null. */
            this.session = null;
            /** The server's secret for resuming this instance's session (hello result "resume"). */
            this._resume = null;

            const pipeline = {};
            for (const name of Object.keys(PIPELINE_METHODS)) {
                pipeline[name] = (params, callOptions) => this.call(name, params, callOptions);
            }
            /** Typed calls to the pipeline: panel.pipeline.open_tool({tool: "loader"}). */
            this.pipeline = Object.freeze(pipeline);
        }

        // ------------------------------------------------------------ public

        /** Connect (and keep reconnecting) until stop(). Returns the panel. */
        start() {
            if (!this._stopped) {
                return this;
            }
            if (!this._url && this._cs === null) {
                throw new TypeError("AerpcPanel: pass options.url, or options.csInterface to read AERPC_URL");
            }
            this._stopped = false;
            this._fatal = null;
            this._failures = 0;
            this._begin();
            return this;
        }

        /** Close the connection, stop reconnecting and fail pending pipeline calls. */
        stop() {
            if (this._stopped && this.status === "stopped") {
                return;
            }
            this._stopped = true;
            if (this._reconnectTimer !== null) {
                clearTimeout(this._reconnectTimer);
                this._reconnectTimer = null;
            }
            for (const call of Array.from(this._calls.values())) {
                this._settleCall(call, null, new NotConnected(call.method + ": the panel was stopped", call.method));
            }
            const dropped = this._queue.splice(0, this._queue.length);
            for (const job of dropped) {
                job.drop();
            }
            const conn = this._conn;
            this._conn = null;
            this.session = null;
            if (conn !== null) {
                this._closeConnection(conn, 1000, "panel stopped");
            }
            this._setStatus("stopped", {});
        }

        /** Resolves with the hello result once connected (now, if already). */
        ready(timeoutMs) {
            if (this.status === "connected" && this.session !== null) {
                return Promise.resolve(this.session);
            }
            return new Promise((resolve, reject) => {
                let timer = null;
                const off = this.on("status", (event) => {
                    if (event.status === "connected") {
                        finish();
                        resolve(this.session);
                    } else if (event.status === "failed" || event.status === "stopped") {
                        finish();
                        reject(new NotConnected("the panel is " + event.status +
                            (event.reason ? ": " + event.reason : "")));
                    }
                });
                const finish = () => {
                    off();
                    if (timer !== null) {
                        clearTimeout(timer);
                    }
                };
                if (timeoutMs !== undefined && timeoutMs !== null) {
                    timer = setTimeout(() => {
                        off();
                        reject(new NotConnected("not connected within " + timeoutMs + " ms"));
                    }, timeoutMs);
                }
            });
        }

        /**
         * Listen to an event; returns a function that removes the listener. Events: "status"
         * ({status, attempt, url, code, reason, retryInMs}), "connected" (hello result),
         * "call" ({direction, method, id, ok, code, durationMs}), "busy" ({method, id,
         * waitedMs}: evalScript overran its timeout and still holds the queue).
         */
        on(event, listener) {
            if (!this._listeners.has(event)) {
                this._listeners.set(event, new Set());
            }
            this._listeners.get(event).add(listener);
            return () => this.off(event, listener);
        }

        off(event, listener) {
            const set = this._listeners.get(event);
            if (set) {
                set.delete(listener);
            }
        }

        /** Evalscript jobs waiting behind the one running. */
        get queueDepth() {
            return this._queue.length;
        }

        /** Call a pipeline method by name; prefer panel.pipeline.<method>(params). */
        call(method, params, options) {
            if (!hasOwn(PIPELINE_METHODS, method)) {
                return Promise.reject(new MethodNotFound(
                    method + " is not a pipeline method of schema " + SCHEMA.name + " " + SCHEMA.version,
                    {method: method}));
            }
            const info = PIPELINE_METHODS[method];
            let timeoutMs = info.timeoutMs;
            if (options && options.timeoutMs !== undefined) {
                timeoutMs = options.timeoutMs;
                if (typeof timeoutMs !== "number" || !(timeoutMs > 0) || !isFinite(timeoutMs)) {
                    return Promise.reject(new TypeError(method + ": timeoutMs must be a positive number"));
                }
            }
            if (params === undefined || params === null) {
                params = {};
            }
            if (typeof params !== "object" || Array.isArray(params)) {
                return Promise.reject(new TypeError(method + ": params must be an object (by name)"));
            }
            if (this._stopped) {
                return Promise.reject(new NotConnected(method + ": the panel is not started", method));
            }
            const id = this._nextId();
            const text = toJson({jsonrpc: "2.0", id: id, method: method, params: params});
            // Sent with the time left added (_sendCall); measured with the longest such member.
            const longest = withTimeBudget(text, MAX_TIMEOUT_MS);
            if (overLimit(longest, this._maxMessageSize)) {
                const size = utf8Length(longest);
                return Promise.reject(new MessageTooLarge(
                    method + ": the request is " + size + " bytes, over the limit of " +
                    this._maxMessageSize + " bytes", {size: size, limit: this._maxMessageSize}));
            }
            return new Promise((resolve, reject) => {
                const call = {
                    id: id, method: method, text: text, idempotent: info.idempotent,
                    sentOn: null, everSent: false, resolve: resolve, reject: reject,
                    started: now(), timeoutMs: timeoutMs, timer: null,
                };
                call.timer = setTimeout(() => this._onCallTimeout(call, timeoutMs), timeoutMs);
                this._calls.set(id, call);
                if (this._isConnected()) {
                    this._sendCall(call);
                }
            });
        }

        // ------------------------------------------------------------ connection

        _nextId() {
            this._nextIdNumber += 1;
            return ID_PREFIX + this._nextIdNumber;
        }

        _emit(event, payload) {
            const set = this._listeners.get(event);
            if (!set) {
                return;
            }
            for (const listener of Array.from(set)) {
                try {
                    listener(payload);
                } catch (error) {
                    this._log.error("a " + event + " listener threw: " + describe(error));
                }
            }
        }

        _setStatus(status, details) {
            this.status = status;
            const event = Object.assign({status: status, url: this._url}, details);
            event.detail = statusDetail(event);
            this._log.info("status " + status + (event.reason ? " (" + event.reason + ")" : ""));
            this._emit("status", event);
        }

        _isConnected() {
            const conn = this._conn;
            return conn !== null && conn.helloed && !conn.closed && conn.ws.readyState === OPEN;
        }

        _begin() {
            if (this._stopped) {
                return;
            }
            if (this._url) {
                this._connect();
                return;
            }
            this._setStatus("connecting", {attempt: this._failures + 1, phase: "environment"});
            this._readEnvironment().then((env) => {
                if (this._stopped) {
                    return;
                }
                const url = env.AERPC_URL || env.WEBSOCKET_URL;
                if (!url) {
                    this._fatal = {reason: "AERPC_URL is not set in After Effects' environment " +
                        "(After Effects was not started by the pipeline)"};
                    this._setStatus("failed", {reason: this._fatal.reason});
                    return;
                }
                this._url = url;
                if (this._token === null) {
                    this._token = env.AERPC_TOKEN || "";
                }
                this._connect();
            }, (error) => {
                if (this._stopped) {
                    return;
                }
                this._log.warn("could not read the environment through ExtendScript: " + describe(error));
                this._retryLater({code: null, reason: "environment not readable: " + describe(error)});
            });
        }

        _readEnvironment() {
            if (this._cs === null) {
                return Promise.reject(new TypeError("no url given and no csInterface to read AERPC_URL"));
            }
            return this._evalInternal("__aerpc_env()", this._environmentTimeoutMs).then((raw) => {
                const outcome = parseEnvelope(raw);
                if (!outcome.ok) {
                    throw new Error(outcome.error.message);
                }
                return outcome.result || {};
            });
        }

        _connect() {
            const attempt = this._failures + 1;
            this._setStatus("connecting", {attempt: attempt});
            let ws;
            try {
                ws = new this._WebSocket(this._url);
            } catch (error) {
                this._log.warn("cannot open " + this._url + ": " + describe(error));
                this._retryLater({code: null, reason: describe(error)});
                return;
            }
            this._connSeq += 1;
            const conn = {ws: ws, seq: this._connSeq, helloId: null, helloed: false, closed: false, helloTimer: null};
            this._conn = conn;
            ws.onopen = () => this._onOpen(conn);
            ws.onmessage = (event) => this._onMessage(conn, event.data);
            ws.onerror = () => {};
            ws.onclose = (event) => this._onClose(conn, event ? event.code : 1006, event ? event.reason : "");
        }

        _onOpen(conn) {
            if (conn !== this._conn || conn.closed) {
                return;
            }
            conn.helloId = this._nextId();
            const params = {
                token: this._token === null ? "" : this._token,
                role: "host",
                instance: this.instance,
                app: this._appInfo(),
                extension_version: this._extensionVersionOrUnknown(),
                schema: {name: SCHEMA.name, version: SCHEMA.version, hash: SCHEMA.hash},
            };
            if (this._resume !== null) {
                params.resume = this._resume; // without it the server refuses this instance's id
            }
            conn.helloTimer = setTimeout(() => {
                this._log.warn("no reply to rpc.hello within " + this._helloTimeoutMs + " ms");
                this._closeConnection(conn, 4000, "no hello reply");
                this._onClose(conn, 4000, "no reply to rpc.hello");
            }, this._helloTimeoutMs);
            this._sendOn(conn, toJson({jsonrpc: "2.0", id: conn.helloId, method: "rpc.hello", params: params}));
        }

        _onHelloReply(conn, message) {
            clearTimeout(conn.helloTimer);
            conn.helloTimer = null;
            if (message.error) {
                const error = errorFromWire(message.error);
                if (error instanceof Unauthorized || error instanceof SchemaMismatch) {
                    this._fatal = {code: error.code, reason: error.message, data: error.data};
                }
                this._log.warn("rpc.hello refused: " + error.code + " " + error.message);
                this._lastRefusal = {code: error.code, reason: error.message};
                this._closeConnection(conn, 1000, "hello refused");
                return;
            }
            const result = message.result || {};
            conn.helloed = true;
            this.session = result;
            if (typeof result.resume === "string") {
                this._resume = result.resume;
            }
            const limits = result.limits || {};
            this._maxMessageSize = Number.isInteger(limits.max_message_size) && limits.max_message_size > 0
                ? limits.max_message_size : DEFAULT_MAX_MESSAGE_SIZE;
            if (result.schema && result.schema.hash !== SCHEMA.hash) {
                this._log.warn("the pipeline's schema " + result.schema.hash + " differs from this panel's " +
                    SCHEMA.hash + "; methods missing on either side fail with -32601");
            }
            this._failures = 0;
            this._setStatus("connected", {session: result.session, attempt: 0});
            this._emit("connected", result);
            for (const call of Array.from(this._calls.values())) {
                if (call.sentOn === null && this._calls.has(call.id) && this._isConnected()) {
                    this._sendCall(call);
                }
            }
        }

        _closeConnection(conn, code, reason) {
            try {
                conn.ws.close(code, reason);
            } catch (ignored) {
                // already closing
            }
        }

        _onClose(conn, code, reason) {
            if (conn.closed) {
                return;
            }
            conn.closed = true;
            if (conn.helloTimer !== null) {
                clearTimeout(conn.helloTimer);
                conn.helloTimer = null;
            }
            if (conn !== this._conn) {
                return;
            }
            this._conn = null;
            this.session = null;
            for (const call of Array.from(this._calls.values())) {
                if (call.sentOn === conn) {
                    call.sentOn = null;
                    if (!call.idempotent) {
                        this._settleCall(call, null, new ConnectionLost(
                            call.method + ": the connection closed before the reply; the pipeline may have run it",
                            call.method, true));
                    }
                }
            }
            if (this._stopped) {
                return;
            }
            const refusal = this._lastRefusal || null;
            this._lastRefusal = null;
            if (this._fatal !== null) {
                this._setStatus("failed", {code: this._fatal.code, reason: this._fatal.reason});
                return;
            }
            this._retryLater({code: code, reason: refusal ? refusal.reason : (reason || "")});
        }

        _retryLater(details) {
            const r = this._reconnect;
            const base = Math.min(r.maxDelayMs, r.initialDelayMs * Math.pow(r.factor, this._failures));
            const delay = Math.max(0, Math.round(base * (1 - r.jitter * this._random())));
            this._failures += 1;
            this._setStatus("closed", Object.assign({attempt: this._failures, retryInMs: delay}, details));
            this._reconnectTimer = setTimeout(() => {
                this._reconnectTimer = null;
                this._begin();
            }, delay);
        }

        _sendOn(conn, text) {
            if (conn !== this._conn || conn.closed || conn.ws.readyState !== OPEN) {
                return false;
            }
            if (this._debugPayloads) {
                this._log.debug("send " + text);
            }
            conn.ws.send(text);
            return true;
        }

        _appInfo() {
            if (this._app && this._app.name) {
                return {name: String(this._app.name), version: String(this._app.version || "unknown")};
            }
            let env = null;
            if (this._cs !== null && typeof this._cs.getHostEnvironment === "function") {
                try {
                    env = this._cs.getHostEnvironment();
                    if (typeof env === "string") {
                        env = JSON.parse(env);
                    }
                } catch (ignored) {
                    env = null;
                }
            }
            return {
                name: env && env.appName ? String(env.appName) : "AEFT",
                version: env && env.appVersion ? String(env.appVersion) : "unknown",
            };
        }

        _extensionVersionValue() {
            if (this._extensionVersion === null) {
                this._extensionVersion = readManifestVersion(this._cs);
            }
            if (this._extensionVersion === null) {
                throw new InternalError("the extension version is unknown: no extensionVersion option " +
                    "and CSXS/manifest.xml could not be read");
            }
            return this._extensionVersion;
        }

        _extensionVersionOrUnknown() {
            try {
                return this._extensionVersionValue();
            } catch (ignored) {
                return "unknown";
            }
        }

        // ------------------------------------------------------------ incoming

        _onMessage(conn, data) {
            if (conn !== this._conn || conn.closed) {
                return;
            }
            if (typeof data !== "string") {
                this._log.warn("ignored a binary frame");
                return;
            }
            if (this._debugPayloads) {
                this._log.debug("recv " + data);
            }
            let message;
            try {
                message = JSON.parse(data);
            } catch (error) {
                this._sendOn(conn, errorResponse(null, -32700, "not valid JSON: " + describe(error)));
                return;
            }
            const tooLarge = overLimit(data, this._maxMessageSize);
            if (Array.isArray(message)) {
                if (message.length === 0) {
                    this._sendOn(conn, errorResponse(null, -32600, "an empty batch"));
                    return;
                }
                const replies = message.map((item) => this._onOne(conn, item, tooLarge));
                Promise.all(replies).then((texts) => {
                    const present = texts.filter((t) => t !== null);
                    if (present.length > 0) {
                        this._sendOn(conn, "[" + present.join(",") + "]");
                    }
                });
                return;
            }
            this._onOne(conn, message, tooLarge).then((text) => {
                if (text !== null) {
                    this._sendOn(conn, text);
                }
            });
        }

        // One message; resolves with the reply text, or null when none is due.
        _onOne(conn, message, tooLarge) {
            if (message === null || typeof message !== "object" || Array.isArray(message)) {
                return Promise.resolve(errorResponse(null, -32600, "not a JSON-RPC 2.0 message"));
            }
            if (!hasOwn(message, "method") && hasOwn(message, "id") &&
                    (hasOwn(message, "result") || hasOwn(message, "error"))) {
                this._onResponse(conn, message);
                return Promise.resolve(null);
            }
            const hasId = hasOwn(message, "id");
            const id = hasId ? message.id : null;
            const validId = id === null || typeof id === "string" || typeof id === "number";
            if (message.jsonrpc !== "2.0" || typeof message.method !== "string" || !validId) {
                return Promise.resolve(errorResponse(validId ? id : null, -32600,
                    "not a JSON-RPC 2.0 request"));
            }
            if (tooLarge) {
                return Promise.resolve(hasId ? errorResponse(id, -32004, "the request is over the " +
                    "message size limit of " + this._maxMessageSize + " bytes",
                    {limit: this._maxMessageSize}) : null);
            }
            return this._onRequest(message, hasId, id);
        }

        _onResponse(conn, message) {
            if (conn.helloId !== null && message.id === conn.helloId && !conn.helloed) {
                this._onHelloReply(conn, message);
                return;
            }
            const call = this._calls.get(message.id);
            if (call === undefined) {
                this._log.debug("a reply for unknown id " + message.id + " (timed out?) was ignored");
                return;
            }
            if (hasOwn(message, "error") && message.error !== null && message.error !== undefined) {
                this._settleCall(call, null, errorFromWire(message.error));
            } else {
                this._settleCall(call, {value: message.result}, null);
            }
        }

        _onRequest(message, hasId, id) {
            const method = message.method;
            const params = message.params;
            if (method === "rpc.cancel") {
                if (params && typeof params === "object") {
                    this._cancel(params.id);
                }
                return Promise.resolve(hasId ? toJson({jsonrpc: "2.0", id: id, result: null}) : null);
            }
            if (!hasOwn(HOST_METHODS, method)) {
                return Promise.resolve(hasId ? errorResponse(id, -32601, "method " + method +
                    " is not served by this panel (schema " + SCHEMA.name + " " + SCHEMA.version + ", " +
                    SCHEMA.hash + ")", {method: method}) : null);
            }
            if (params !== undefined && (params === null || typeof params !== "object" || Array.isArray(params))) {
                return Promise.resolve(hasId ? errorResponse(id, -32602, "params must be an object (by name)",
                    {errors: [{path: "", message: "params must be an object"}]}) : null);
            }
            let budgetMs = travelledTimeoutMs(message);
            if (budgetMs === null) {
                this._log.warn("request " + id + " (" + method + "): aerpc.timeout_ms is not a positive " +
                    "number of milliseconds; ignored, the method's x-timeout-ms applies");
            }
            budgetMs = typeof budgetMs === "number" ? budgetMs : null;
            if (!hasId || id === null) {
                // A notification (or a null id) is run but not remembered.
                const entry = this._newEntry(id, method, budgetMs);
                return this._execute(entry, params || {}).then((text) => (hasId ? text : null));
            }
            const known = this._memory.get(id);
            if (known !== undefined) {
                this._log.info("request " + id + " (" + method + ") repeated; answered from memory");
                if (known.method !== method) {
                    return Promise.resolve(errorResponse(id, -32600, "request id " + id +
                        " was already used for " + known.method));
                }
                if (known.pending !== null) {
                    return known.pending;
                }
                if (known.text !== null) {
                    return Promise.resolve(known.text);
                }
                return Promise.resolve(errorResponse(id, -32603, "request " + id + " already ran; its " +
                    "result is no longer kept (it is not run again)", {id: id}));
            }
            const entry = this._newEntry(id, method, budgetMs);
            this._memory.set(id, entry);
            entry.pending = this._execute(entry, params || {}).then((text) => {
                entry.pending = null;
                entry.text = text;
                entry.bytes = text.length * 2;
                this._memoryBytes += entry.bytes;
                this._trimMemory();
                return text;
            });
            this._trimMemory();
            return entry.pending;
        }

        // budgetMs: the caller's aerpc.timeout_ms (null: none), counted from now.
        _newEntry(id, method, budgetMs) {
            const received = now();
            return {id: id, method: method, state: "queued", pending: null, text: null, bytes: 0,
                job: null, received: received, budgetMs: budgetMs,
                deadline: budgetMs === null ? null : received + budgetMs};
        }

        _trimMemory() {
            if (this._memory.size > this._rememberIds) {
                for (const [key, entry] of this._memory) {
                    if (this._memory.size <= this._rememberIds) {
                        break;
                    }
                    if (entry.pending === null) {
                        this._memoryBytes -= entry.bytes;
                        this._memory.delete(key);
                    }
                }
            }
            if (this._memoryBytes > this._rememberBytes) {
                for (const entry of this._memory.values()) {
                    if (this._memoryBytes <= this._rememberBytes) {
                        break;
                    }
                    if (entry.pending === null && entry.text !== null) {
                        this._memoryBytes -= entry.bytes;
                        entry.bytes = 0;
                        entry.text = null;
                    }
                }
            }
        }

        _cancel(id) {
            const entry = this._memory.get(id);
            if (entry === undefined || entry.job === null) {
                return;
            }
            const index = this._queue.indexOf(entry.job);
            if (index >= 0 && entry.state === "queued") {
                this._queue.splice(index, 1);
                this._log.info("request " + id + " (" + entry.method + ") cancelled before it started");
                entry.job.cancel();
            } else {
                this._log.info("rpc.cancel for " + id + " (" + entry.method + ") came too late: " + entry.state);
            }
        }

        // Run one host method; resolves with the reply text (never rejects).
        _execute(entry, params) {
            const info = HOST_METHODS[entry.method];
            const started = now();
            const finish = (text, ok, code) => {
                entry.state = "done";
                this._emit("call", {direction: "in", method: entry.method, id: entry.id, ok: ok,
                    code: code, durationMs: Math.round(now() - started)});
                this._log.debug("ran " + entry.method + " " + entry.id + " in " +
                    Math.round(now() - started) + " ms");
                return text;
            };
            if (info.runsInPanel) {
                entry.state = "running";
                return Promise.resolve().then(() => {
                    const handler = this._panelMethods[entry.method];
                    if (typeof handler !== "function") {
                        throw new MethodNotFound("method " + entry.method + " has no panel implementation");
                    }
                    return handler(params);
                }).then(
                    (result) => finish(this._resultText(entry, result), true, null),
                    (error) => {
                        const remote = error instanceof RemoteError ? error
                            : new InternalError(entry.method + " failed in the panel: " + describe(error));
                        return finish(errorResponse(entry.id, remote.code, remote.message, remote.data), false, remote.code);
                    });
            }
            return new Promise((resolve) => {
                const request = toJson({jsonrpc: "2.0", id: entry.id, method: entry.method, params: params});
                const deadline = entry.deadline;
                let queueTimer = null; // answers the call when its budget runs out while queued
                const stopQueueTimer = () => {
                    if (queueTimer !== null) {
                        clearTimeout(queueTimer);
                        queueTimer = null;
                    }
                };
                const expire = () => {
                    stopQueueTimer();
                    entry.state = "expired";
                    this._log.info("request " + entry.id + " (" + entry.method + ") not run: its " +
                        entry.budgetMs + " ms budget (aerpc.timeout_ms) ran out while it was queued");
                    resolve(finish(errorResponse(entry.id, -32011, entry.method + ": the caller's deadline (" +
                        entry.budgetMs + " ms) passed while it waited behind other calls; it was not run",
                        {method: entry.method, timeout_ms: entry.budgetMs, expired: true}), false, -32011));
                };
                const job = {
                    kind: "host",
                    label: entry.method + " " + entry.id,
                    source: "__aerpc_dispatch(" + jsStringLiteral(request) + ")",
                    timeoutMs: null, // set when it starts: the budget left then, or x-timeout-ms
                    // Returns false when the job must not run (its deadline passed).
                    start: () => {
                        stopQueueTimer();
                        let defaultMs = info.timeoutMs;
                        if (deadline !== null) {
                            const left = deadline - now();
                            if (!(left > 0)) {
                                expire();
                                return false;
                            }
                            defaultMs = Math.ceil(left);
                        }
                        job.timeoutMs = this._evalTimeoutFor(entry.method, defaultMs);
                        entry.state = "running";
                        return true;
                    },
                    result: (raw) => {
                        const spliced = this._splicedResultText(entry, raw);
                        if (spliced !== null) {
                            resolve(finish(spliced, true, null));
                            return;
                        }
                        const outcome = parseEnvelope(raw);
                        if (outcome.ok) {
                            resolve(finish(this._resultText(entry, outcome.result), true, null));
                        } else {
                            const e = outcome.error;
                            resolve(finish(errorResponse(entry.id, e.code, e.message, e.data), false, e.code));
                        }
                    },
                    timeout: (waitedMs) => {
                        resolve(finish(errorResponse(entry.id, -32011, entry.method + ": ExtendScript did not " +
                            "answer within " + waitedMs + " ms; later calls wait until it does",
                            {method: entry.method, timeout_ms: waitedMs}), false, -32011));
                    },
                    cancel: () => {
                        stopQueueTimer();
                        entry.state = "cancelled";
                        resolve(finish(errorResponse(entry.id, -32011, entry.method + ": cancelled by the " +
                            "caller (rpc.cancel) before it started; it was not run",
                            {method: entry.method, cancelled: true}), false, -32011));
                    },
                    drop: () => {
                        stopQueueTimer();
                        entry.state = "cancelled";
                        resolve(errorResponse(entry.id, -32011, entry.method + ": the panel stopped before it ran"));
                    },
                };
                entry.job = job;
                if (deadline !== null) {
                    queueTimer = setTimeout(() => {
                        queueTimer = null;
                        const index = this._queue.indexOf(job);
                        if (index >= 0) {
                            this._queue.splice(index, 1);
                            expire();
                        }
                    }, Math.max(0, Math.ceil(deadline - now())));
                }
                this._enqueue(job);
            });
        }

        // defaultMs: the caller's budget left when present (aerpc.timeout_ms), else x-timeout-ms.
        _evalTimeoutFor(method, defaultMs) {
            const option = this._evalScriptTimeoutMs;
            if (typeof option === "function") {
                return option(method, defaultMs);
            }
            if (typeof option === "number") {
                return option;
            }
            return defaultMs;
        }

        // The reply to a host call whose evalScript answer is the dispatcher's success envelope,
        // made without parsing and serialising the result again (for a large result those were
        // most of the panel's time): the reply's head, then the envelope from the result on, whose
        // closing brace closes the reply. null when raw is anything else, or when the reply is
        // over the size limit: parseEnvelope and _resultText then answer, as they always did.
        // The caller (_execute's finish) remembers the text and emits the events either way.
        //
        // Why the result text can be passed on unread:
        //   * raw is what __aerpc_dispatch returned: every evalScript source the panel runs for a
        //     host call is exactly __aerpc_dispatch(<string literal>) (_execute), and a host
        //     function's return value reaches the panel only as the "result" the dispatcher
        //     serialised (a host function that returns envelope-like text sends a JSON string).
        //     Only host code that replaced __aerpc_dispatch or __aerpc_json itself, against the
        //     host contract (aerpc-host.jsx), could answer otherwise.
        //   * __aerpc_dispatch answers success as ENVELOPE_OK + __aerpc_json.stringify(result) +
        //     "}" with no white space (null for void and undefined). That serialiser writes JSON
        //     for any value: undefined and functions become null (skipped as members), NaN and
        //     the infinities null, a cycle throws and becomes an error envelope; strings escape
        //     everything outside printable ASCII (U+2028, lone surrogates), so nothing changes on
        //     the way and the result text is one JSON value.
        //   * Every other answer (an error envelope, "EvalScript error.", "undefined", "") does
        //     not begin with ENVELOPE_OK. The dispatcher never answers ENVELOPE_OK + "}" (an
        //     empty result, not JSON); that is refused here all the same, at no cost.
        //   * The size check is overLimit's, exact for any text. Over the limit, the parsed path
        //     decides on the text it would send: no longer than this one (the ES3 serialiser's
        //     \uXXXX escapes are 6 bytes where UTF-8 takes 2-4), so a result is refused exactly
        //     when it was before.
        _splicedResultText(entry, raw) {
            if (typeof raw !== "string" || raw.length < ENVELOPE_OK.length + 2 ||
                    raw.charCodeAt(raw.length - 1) !== 125 || !raw.startsWith(ENVELOPE_OK)) {
                return null;
            }
            const text = "{\"jsonrpc\":\"2.0\",\"id\":" + toJson(entry.id) + ",\"result\":" +
                raw.slice(ENVELOPE_OK.length);
            return overLimit(text, this._maxMessageSize) ? null : text;
        }

        _resultText(entry, result) {
            const text = toJson({jsonrpc: "2.0", id: entry.id, result: result === undefined ? null : result});
            if (overLimit(text, this._maxMessageSize)) {
                const size = utf8Length(text);
                if (size > this._maxMessageSize) {
                    return errorResponse(entry.id, -32004, entry.method + ": the result is " + size +
                        " bytes, over the message size limit of " + this._maxMessageSize + " bytes",
                        {size: size, limit: this._maxMessageSize});
                }
            }
            return text;
        }

        // ------------------------------------------------------------ evalScript queue

        _evalInternal(source, timeoutMs) {
            return new Promise((resolve, reject) => {
                this._enqueue({
                    kind: "internal",
                    label: source,
                    source: source,
                    timeoutMs: timeoutMs,
                    start: noop,
                    result: resolve,
                    timeout: (waitedMs) => reject(new HostTimeout("ExtendScript did not answer " + source +
                        " within " + waitedMs + " ms")),
                    cancel: () => reject(new NotConnected("cancelled")),
                    drop: () => reject(new NotConnected("the panel stopped")),
                });
            });
        }

        _enqueue(job) {
            this._queue.push(job);
            this._pump();
        }

        _pump() {
            let job = null;
            while (job === null && this._running === null && this._queue.length > 0) {
                const next = this._queue.shift();
                if (next.start() !== false) { // false: it was answered without running
                    job = next;
                }
            }
            if (job === null) {
                return;
            }
            this._running = job;
            const started = now();
            let finished = false;
            let timedOut = false;
            let timer = null;
            const done = (raw) => {
                if (finished) {
                    return;
                }
                finished = true;
                if (timer !== null) {
                    clearTimeout(timer);
                }
                this._running = null;
                if (timedOut) {
                    this._log.warn(job.label + ": ExtendScript answered after " + Math.round(now() - started) +
                        " ms, past its timeout; the late result was discarded");
                } else {
                    job.result(raw);
                }
                // The next call starts only after the previous evalScript called back; from a
                // microtask, so that a host that calls back synchronously does not recurse.
                Promise.resolve().then(() => this._pump());
            };
            if (job.timeoutMs > 0 && isFinite(job.timeoutMs)) {
                timer = setTimeout(() => {
                    timer = null;
                    if (finished) {
                        return;
                    }
                    timedOut = true;
                    this._log.warn(job.label + ": no answer from ExtendScript within " + job.timeoutMs + " ms");
                    job.timeout(job.timeoutMs);
                    this._emit("busy", {label: job.label, waitedMs: job.timeoutMs, queued: this._queue.length});
                }, job.timeoutMs);
            }
            if (this._cs === null || typeof this._cs.evalScript !== "function") {
                done("EvalScript error.");
                return;
            }
            try {
                this._cs.evalScript(job.source, done);
            } catch (error) {
                this._log.error("evalScript threw: " + describe(error));
                done("EvalScript error.");
            }
        }

        // ------------------------------------------------------------ outgoing

        // Send (or send again, after a reconnect) with the time left to the call's deadline.
        _sendCall(call) {
            const conn = this._conn;
            const left = call.started + call.timeoutMs - now();
            if (this._sendOn(conn, withTimeBudget(call.text, left))) {
                call.sentOn = conn;
                call.everSent = true;
            }
        }

        _onCallTimeout(call, timeoutMs) {
            if (!this._calls.has(call.id)) {
                return;
            }
            if (call.everSent) {
                if (call.sentOn !== null) {
                    this._sendOn(call.sentOn, toJson({jsonrpc: "2.0", method: "rpc.cancel", params: {id: call.id}}));
                }
                this._settleCall(call, null, new RpcTimeout(call.method, timeoutMs, true));
            } else {
                this._settleCall(call, null, new NotConnected(call.method + ": not connected to the pipeline " +
                    "within " + timeoutMs + " ms", call.method));
            }
        }

        _settleCall(call, outcome, error) {
            if (!this._calls.has(call.id)) {
                return;
            }
            this._calls.delete(call.id);
            clearTimeout(call.timer);
            this._emit("call", {direction: "out", method: call.method, id: call.id, ok: error === null,
                code: error && error.code !== undefined ? error.code : null,
                durationMs: Math.round(now() - call.started)});
            if (error !== null) {
                call.reject(error);
            } else {
                call.resolve(outcome.value);
            }
        }
    }

    // A short line for people (index.html shows it): never a payload or the token.
    function statusDetail(event) {
        const parts = [];
        if (event.phase === "environment") {
            parts.push("reading AERPC_URL");
        } else if (event.status === "connecting" && event.url) {
            parts.push(event.url);
        }
        if (event.status === "connecting" && event.attempt > 1) {
            parts.push("attempt " + event.attempt);
        }
        if (event.session) {
            parts.push("session " + event.session);
        }
        if (event.reason) {
            parts.push(event.reason);
        } else if (event.code !== undefined && event.code !== null) {
            parts.push("code " + event.code);
        }
        if (event.retryInMs !== undefined) {
            parts.push("retry in " + (event.retryInMs / 1000).toFixed(1) + " s");
        }
        return parts.join(", ");
    }

    // What evalScript gave back, as {ok, result} or {ok: false, error: {code, message, data}}.
    function parseEnvelope(raw) {
        const fail = (message) => ({
            ok: false,
            error: {code: -32010, message: message, data: {raw: typeof raw === "string" ? raw.slice(0, 200) : String(raw)}},
        });
        if (typeof raw !== "string") {
            return fail("evalScript returned " + typeof raw + ", not the dispatcher's JSON");
        }
        if (raw === "EvalScript error.") {
            return fail("ExtendScript failed outside the dispatcher (EvalScript error.): is aerpc-host.jsx " +
                "loaded in this After Effects (the extension's ScriptPath)?");
        }
        if (raw === "undefined" || raw === "") {
            return fail("ExtendScript returned nothing instead of the dispatcher's JSON");
        }
        let envelope;
        try {
            envelope = JSON.parse(raw);
        } catch (error) {
            return fail("ExtendScript returned text that is not JSON: " + describe(error));
        }
        if (envelope !== null && typeof envelope === "object" && envelope.ok === true && hasOwn(envelope, "result")) {
            return {ok: true, result: envelope.result};
        }
        if (envelope !== null && typeof envelope === "object" && envelope.ok === false && envelope.error &&
                Number.isInteger(envelope.error.code) && typeof envelope.error.message === "string") {
            return {ok: false, error: {code: envelope.error.code, message: envelope.error.message,
                data: envelope.error.data === undefined ? null : envelope.error.data}};
        }
        return fail("ExtendScript returned JSON that is not the dispatcher's envelope");
    }

    // The ExtensionBundleVersion of CSXS/manifest.xml, through CEP's file API; null if unknown.
    function readManifestVersion(cs) {
        try {
            const cep = typeof window !== "undefined" ? window.cep : undefined;
            if (!cs || !cep || !cep.fs || typeof cs.getSystemPath !== "function") {
                return null;
            }
            const read = cep.fs.readFile(cs.getSystemPath("extension") + "/CSXS/manifest.xml");
            if (!read || read.err !== 0 || typeof read.data !== "string") {
                return null;
            }
            const match = /ExtensionBundleVersion\s*=\s*"([^"]+)"/.exec(read.data);
            return match ? match[1] : null;
        } catch (ignored) {
            return null;
        }
    }

    return {
        AerpcPanel: AerpcPanel,
        SCHEMA: SCHEMA,
        HOST_METHODS: HOST_METHODS,
        PIPELINE_METHODS: PIPELINE_METHODS,
        AerpcError: AerpcError,
        RemoteError: RemoteError,
        LocalError: LocalError,
        RpcTimeout: RpcTimeout,
        NotConnected: NotConnected,
        ConnectionLost: ConnectionLost,
        ParseError: ParseError,
        InvalidRequest: InvalidRequest,
        MethodNotFound: MethodNotFound,
        InvalidParams: InvalidParams,
        InternalError: InternalError,
        Unauthorized: Unauthorized,
        SchemaMismatch: SchemaMismatch,
        HostAlreadyConnected: HostAlreadyConnected,
        MessageTooLarge: MessageTooLarge,
        ExtendScriptError: ExtendScriptError,
        HostTimeout: HostTimeout,
        ItemNotFound: ItemNotFound,
        NotAComposition: NotAComposition,
        NoDocumentOpen: NoDocumentOpen,
        FileNotFound: FileNotFound,
        InvalidItemType: InvalidItemType,
        RenderQueueItemNotFound: RenderQueueItemNotFound,
        MultipleRenderQueueItems: MultipleRenderQueueItems,
        RenderFailed: RenderFailed,
        ImportFailed: ImportFailed,
        ScriptFailed: ScriptFailed,
        SaveFailed: SaveFailed,
        OpenFailed: OpenFailed,
        MetadataCorrupt: MetadataCorrupt,
        UnsavedChanges: UnsavedChanges,
        errorClassFor: errorClassFor,
        errorFromWire: errorFromWire,
        jsStringLiteral: jsStringLiteral,
        utf8Length: utf8Length,
        parseEnvelope: parseEnvelope,
    };
}));
