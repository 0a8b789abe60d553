// Generated from schema/aftereffects.openrpc.json by `aerpc generate`; do not edit.
// Schema: aftereffects 1.0.0, sha256:85c9a0d4ea3cefcf49fe96f9c6fd285d06cafcf50d72b177f06054a8b96b46d3
//
// The ExtendScript half of aerpc: ES3 only (no JSON global, no Array.prototype.forEach/map/
// indexOf, no Object.keys, no getters, no let/const). The panel calls exactly one function here,
// with the whole JSON-RPC request as a single string argument, never pasted into source:
//
//     __aerpc_dispatch("{\"jsonrpc\":\"2.0\",\"id\":\"py:1\",\"method\":\"get_items\",...}")
//
// and receives a JSON text, always one of
//
//     {"ok":true,"result":<value>}                              (void and undefined: null)
//     {"ok":false,"error":{"code":<int>,"message":"...","data":<value or null>}}
//
// For the author of the host functions (runtime/cep/host/*.jsx):
//
//   * Implement each host method as a global function with the name given by the method's
//     x-host-function in the schema (the table __aerpc_methods below). It is looked up in the
//     global scope at call time, so files may be loaded in any order; a missing function answers
//     -32601 naming it.
//   * The function receives ONE argument: the params object, keyed by the schema's parameter
//     names. Only declared parameters are copied into it; an optional parameter the caller left
//     out is absent (undefined), one sent as null is null. Params were validated against the
//     schema by the server before they were sent.
//   * Return a plain value: an object, array, string, number, boolean or null. Do not serialise
//     it yourself; the dispatcher does (undefined and void become null). Host objects (Item,
//     File, ...) are not JSON: copy the fields you need into a plain object.
//   * To fail with an error declared in the schema, throw one made by a helper:
//
//         throw AerpcErrors.ItemNotFound("no item with id " + params.item_id, {item_id: params.item_id});
//         throw __aerpc_error(1001, "no item with id 7", {item_id: 7});   // the same, by code
//
//     message is optional (the schema's message is used) and data is any JSON value. The code
//     must be one of the schema's errors (below); any other code becomes -32010.
//   * Any other exception (a bug, an After Effects error) becomes -32010 ExtendScriptError with
//     data {name, message, line, fileName}.
//   * __aerpc_json.parse(text) and __aerpc_json.stringify(value) are available to host code for
//     data that is itself stored as JSON text (for example pipeline metadata).
//
// Errors declared in the schema:
//   1001  AerpcErrors.ItemNotFound  Item not found
//   1002  AerpcErrors.NotAComposition  Item is not a composition
//   1003  AerpcErrors.NoDocumentOpen  No project file is open
//   1004  AerpcErrors.FileNotFound  File not found
//   1005  AerpcErrors.InvalidItemType  Item is of the wrong type for this operation
//   1006  AerpcErrors.RenderQueueItemNotFound  Composition has no render queue item
//   1007  AerpcErrors.MultipleRenderQueueItems  Composition has more than one render queue item
//   1008  AerpcErrors.RenderFailed  Render failed
//   1009  AerpcErrors.ImportFailed  Import failed
//   1010  AerpcErrors.ScriptFailed  Script failed
//   1011  AerpcErrors.SaveFailed  Save failed
//   1012  AerpcErrors.OpenFailed  Project could not be opened
//   1013  AerpcErrors.MetadataCorrupt  Stored pipeline metadata is not valid JSON

var __aerpc_json = (function () {
    var hasOwn = Object.prototype.hasOwnProperty;
    var classOf = Object.prototype.toString;
    var HEX = "0123456789abcdef";
    var MAX_DEPTH = 1000;

    function ParseFailure(message, position) {
        var error = new SyntaxError("aerpc JSON: " + message + " at position " + position);
        error.position = position;
        return error;
    }

    function hexValue(code) {
        if (code >= 48 && code <= 57) {
            return code - 48;
        }
        if (code >= 97 && code <= 102) {
            return code - 87;
        }
        if (code >= 65 && code <= 70) {
            return code - 55;
        }
        return -1;
    }

    function parse(source) {
        var text = String(source);
        var at = 0;
        var len = text.length;

        function fail(message) {
            throw ParseFailure(message, at);
        }

        // Valid JSON this codec cannot represent: the caller gets -32602, not a parse error.
        function unsupported(message) {
            var error = ParseFailure(message, at);
            error.unsupported = true;
            throw error;
        }

        function skipWhite() {
            var c;
            while (at < len) {
                c = text.charCodeAt(at);
                if (c === 32 || c === 9 || c === 10 || c === 13) {
                    at += 1;
                } else {
                    break;
                }
            }
        }

        function parseString() {
            var parts = [];
            var start;
            var c;
            var code;
            var digit;
            var k;
            at += 1;
            start = at;
            for (;;) {
                if (at >= len) {
                    fail("unterminated string");
                }
                c = text.charCodeAt(at);
                if (c === 34) {
                    if (at > start) {
                        parts.push(text.substring(start, at));
                    }
                    at += 1;
                    return parts.length === 1 ? parts[0] : parts.join("");
                }
                if (c === 92) {
                    if (at > start) {
                        parts.push(text.substring(start, at));
                    }
                    at += 1;
                    if (at >= len) {
                        fail("unterminated escape");
                    }
                    c = text.charCodeAt(at);
                    if (c === 34) {
                        parts.push("\"");
                    } else if (c === 92) {
                        parts.push("\\");
                    } else if (c === 47) {
                        parts.push("/");
                    } else if (c === 98) {
                        parts.push(String.fromCharCode(8));
                    } else if (c === 102) {
                        parts.push(String.fromCharCode(12));
                    } else if (c === 110) {
                        parts.push(String.fromCharCode(10));
                    } else if (c === 114) {
                        parts.push(String.fromCharCode(13));
                    } else if (c === 116) {
                        parts.push(String.fromCharCode(9));
                    } else if (c === 117) {
                        code = 0;
                        for (k = 1; k <= 4; k += 1) {
                            digit = at + k < len ? hexValue(text.charCodeAt(at + k)) : -1;
                            if (digit < 0) {
                                fail("bad \\u escape");
                            }
                            code = code * 16 + digit;
                        }
                        parts.push(String.fromCharCode(code));
                        at += 4;
                    } else {
                        fail("bad escape");
                    }
                    at += 1;
                    start = at;
                } else if (c < 32) {
                    fail("unescaped control character in string");
                } else {
                    at += 1;
                }
            }
        }

        function skipDigits() {
            var begin = at;
            var c;
            while (at < len) {
                c = text.charCodeAt(at);
                if (c >= 48 && c <= 57) {
                    at += 1;
                } else {
                    break;
                }
            }
            if (at === begin) {
                fail("expected a digit");
            }
        }

        function parseNumber() {
            var start = at;
            var c;
            if (text.charCodeAt(at) === 45) {
                at += 1;
            }
            c = text.charCodeAt(at);
            if (c === 48) {
                at += 1;
            } else if (c >= 49 && c <= 57) {
                skipDigits();
            } else {
                fail("bad number");
            }
            if (text.charCodeAt(at) === 46) {
                at += 1;
                skipDigits();
            }
            c = text.charCodeAt(at);
            if (c === 101 || c === 69) {
                at += 1;
                c = text.charCodeAt(at);
                if (c === 43 || c === 45) {
                    at += 1;
                }
                skipDigits();
            }
            return Number(text.substring(start, at));
        }

        function parseValue(depth) {
            var c;
            skipWhite();
            if (at >= len) {
                fail("unexpected end of input");
            }
            c = text.charCodeAt(at);
            if (c === 123) {
                return parseObject(depth);
            }
            if (c === 91) {
                return parseArray(depth);
            }
            if (c === 34) {
                return parseString();
            }
            if (c === 45 || (c >= 48 && c <= 57)) {
                return parseNumber();
            }
            if (text.substring(at, at + 4) === "true") {
                at += 4;
                return true;
            }
            if (text.substring(at, at + 5) === "false") {
                at += 5;
                return false;
            }
            if (text.substring(at, at + 4) === "null") {
                at += 4;
                return null;
            }
            fail("unexpected character");
            return undefined;
        }

        function parseObject(depth) {
            var result = {};
            var key;
            var c;
            if (depth >= MAX_DEPTH) {
                fail("nested too deeply");
            }
            at += 1;
            skipWhite();
            if (text.charCodeAt(at) === 125) {
                at += 1;
                return result;
            }
            for (;;) {
                skipWhite();
                if (text.charCodeAt(at) !== 34) {
                    fail("expected a string key");
                }
                key = parseString();
                if (key === "__proto__") {
                    unsupported("the key __proto__ cannot be an own property in ExtendScript");
                }
                skipWhite();
                if (text.charCodeAt(at) !== 58) {
                    fail("expected ':'");
                }
                at += 1;
                result[key] = parseValue(depth + 1);
                skipWhite();
                c = text.charCodeAt(at);
                if (c === 44) {
                    at += 1;
                } else if (c === 125) {
                    at += 1;
                    return result;
                } else {
                    fail("expected ',' or '}'");
                }
            }
        }

        function parseArray(depth) {
            var result = [];
            var n = 0;
            var c;
            if (depth >= MAX_DEPTH) {
                fail("nested too deeply");
            }
            at += 1;
            skipWhite();
            if (text.charCodeAt(at) === 93) {
                at += 1;
                return result;
            }
            for (;;) {
                result[n] = parseValue(depth + 1);
                n += 1;
                skipWhite();
                c = text.charCodeAt(at);
                if (c === 44) {
                    at += 1;
                } else if (c === 93) {
                    at += 1;
                    return result;
                } else {
                    fail("expected ',' or ']'");
                }
            }
        }

        var value = parseValue(0);
        skipWhite();
        if (at < len) {
            fail("unexpected text after the value");
        }
        return value;
    }

    function quote(s) {
        var out = ["\""];
        var start = 0;
        var len = s.length;
        var i;
        var c;
        for (i = 0; i < len; i += 1) {
            c = s.charCodeAt(i);
            if (c < 32 || c === 34 || c === 92 || c > 126) {
                if (i > start) {
                    out.push(s.substring(start, i));
                }
                start = i + 1;
                if (c === 34) {
                    out.push("\\\"");
                } else if (c === 92) {
                    out.push("\\\\");
                } else if (c === 10) {
                    out.push("\\n");
                } else if (c === 13) {
                    out.push("\\r");
                } else if (c === 9) {
                    out.push("\\t");
                } else if (c === 8) {
                    out.push("\\b");
                } else if (c === 12) {
                    out.push("\\f");
                } else {
                    out.push("\\u" + HEX.charAt((c >> 12) & 15) + HEX.charAt((c >> 8) & 15) +
                        HEX.charAt((c >> 4) & 15) + HEX.charAt(c & 15));
                }
            }
        }
        if (start < len) {
            out.push(start === 0 ? s : s.substring(start));
        }
        out.push("\"");
        return out.join("");
    }

    function formatNumber(n) {
        var text;
        if (!isFinite(n)) {
            return "null";
        }
        if (n === 0) {
            return "0";
        }
        text = String(n);
        if (Number(text) !== n) {
            text = n.toPrecision(17);
        }
        return text;
    }

    function pad(n, width) {
        var text = String(n);
        while (text.length < width) {
            text = "0" + text;
        }
        return text;
    }

    function isoDate(d) {
        var year = d.getUTCFullYear();
        var yearText;
        if (year >= 0 && year <= 9999) {
            yearText = pad(year, 4);
        } else {
            yearText = (year < 0 ? "-" : "+") + pad(year < 0 ? -year : year, 6);
        }
        return yearText + "-" + pad(d.getUTCMonth() + 1, 2) + "-" + pad(d.getUTCDate(), 2) +
            "T" + pad(d.getUTCHours(), 2) + ":" + pad(d.getUTCMinutes(), 2) + ":" +
            pad(d.getUTCSeconds(), 2) + "." + pad(d.getUTCMilliseconds(), 3) + "Z";
    }

    function serialise(value, stack) {
        var type = typeof value;
        var kind;
        var parts;
        var text;
        var key;
        var i;
        var n;
        if (value === null) {
            return "null";
        }
        if (type === "object" && typeof value.toJSON === "function") {
            value = value.toJSON();
            if (value === null) {
                return "null";
            }
            type = typeof value;
        }
        if (type === "string") {
            return quote(value);
        }
        if (type === "number") {
            return formatNumber(value);
        }
        if (type === "boolean") {
            return value ? "true" : "false";
        }
        if (type !== "object") {
            return undefined;
        }
        kind = classOf.call(value);
        if (kind === "[object String]") {
            return quote(String(value));
        }
        if (kind === "[object Number]") {
            return formatNumber(Number(value));
        }
        if (kind === "[object Boolean]") {
            return value.valueOf() ? "true" : "false";
        }
        if (kind === "[object Date]") {
            return isFinite(value.getTime()) ? quote(isoDate(value)) : "null";
        }
        for (i = 0; i < stack.length; i += 1) {
            if (stack[i] === value) {
                throw new TypeError("aerpc JSON: cannot serialise a cyclic structure");
            }
        }
        stack.push(value);
        parts = [];
        if (kind === "[object Array]") {
            n = value.length;
            for (i = 0; i < n; i += 1) {
                text = serialise(value[i], stack);
                parts.push(text === undefined ? "null" : text);
            }
            text = "[" + parts.join(",") + "]";
        } else {
            for (key in value) {
                if (hasOwn.call(value, key)) {
                    text = serialise(value[key], stack);
                    if (text !== undefined) {
                        parts.push(quote(key) + ":" + text);
                    }
                }
            }
            text = "{" + parts.join(",") + "}";
        }
        stack.pop();
        return text;
    }

    // JSON text of value, ASCII only (every other character is a \u escape, so lone surrogates
    // and U+2028/U+2029 survive any transcoding between ExtendScript and the panel). undefined
    // and functions give undefined, like JSON.stringify; cycles throw a TypeError.
    function stringify(value) {
        return serialise(value, []);
    }

    return {parse: parse, stringify: stringify, quote: quote};
}());

// The method table: method name -> the host function's global name and the declared params.
var __aerpc_methods = {
    "add_comp_to_render_queue": {fn: "addCompToRenderQueue", params: ["comp_id", "output_dir"]},
    "add_item": {fn: "addItem", params: ["name", "item_type"]},
    "add_item_as_layer": {fn: "addItemAsLayer", params: ["comp_id", "item_id"]},
    "add_item_instead_placeholder": {fn: "addItemInsteadPlaceholder", params: ["placeholder_item_id", "item_id"]},
    "add_placeholder": {fn: "addPlaceholder", params: ["name", "width", "height", "frame_rate", "duration"]},
    "close": {fn: "close", params: []},
    "delete_item": {fn: "deleteItem", params: ["item_id"]},
    "get_active_document_full_name": {fn: "getActiveDocumentFullName", params: []},
    "get_active_document_name": {fn: "getActiveDocumentName", params: []},
    "get_app_version": {fn: "getAppVersion", params: []},
    "get_audio_url": {fn: "getAudioUrl", params: ["comp_id"]},
    "get_comp_properties": {fn: "getCompProperties", params: ["comp_id"]},
    "get_items": {fn: "getItems", params: ["comps", "folders", "footages"]},
    "get_layers": {fn: "getLayers", params: ["comp_id"]},
    "get_metadata": {fn: "getMetadata", params: []},
    "get_project_state": {fn: "getProjectState", params: []},
    "get_render_info": {fn: "getRenderInfo", params: ["comp_id"]},
    "get_selected_items": {fn: "getSelectedItems", params: ["comps", "folders", "footages"]},
    "import_background": {fn: "importBackground", params: ["comp_id", "name", "paths"]},
    "import_file": {fn: "importFile", params: ["path", "name", "import_options", "parent_folder_id"]},
    "imprint": {fn: "imprint", params: ["entry"]},
    "open": {fn: "open", params: ["path"]},
    "print_msg": {fn: "printMsg", params: ["msg"]},
    "reload_background": {fn: "reloadBackground", params: ["comp_id", "name", "paths"]},
    "remove_comp_from_render_queue": {fn: "removeCompFromRenderQueue", params: ["comp_id"]},
    "remove_instance": {fn: "removeInstance", params: ["instance_id"]},
    "rename_item": {fn: "renameItem", params: ["item_id", "name"]},
    "render": {fn: "render", params: ["comp_id", "output_dir"]},
    "replace_item": {fn: "replaceItem", params: ["item_id", "path", "name"]},
    "run_jsx_file": {fn: "runJsxFile", params: ["path"]},
    "save": {fn: "save", params: []},
    "save_as": {fn: "saveAs", params: ["path", "as_copy"]},
    "select_items": {fn: "selectItems", params: ["item_ids"]},
    "set_comp_properties": {fn: "setCompProperties", params: ["comp_id", "frame_start", "frames_duration", "frame_rate", "width", "height"]},
    "set_label_color": {fn: "setLabelColor", params: ["item_id", "label"]}
};

// The schema's application errors: code -> default message.
var __aerpc_error_messages = {
    "1001": "Item not found",
    "1002": "Item is not a composition",
    "1003": "No project file is open",
    "1004": "File not found",
    "1005": "Item is of the wrong type for this operation",
    "1006": "Composition has no render queue item",
    "1007": "Composition has more than one render queue item",
    "1008": "Render failed",
    "1009": "Import failed",
    "1010": "Script failed",
    "1011": "Save failed",
    "1012": "Project could not be opened",
    "1013": "Stored pipeline metadata is not valid JSON"
};

var __aerpc_schema = {name: "aftereffects", version: "1.0.0", hash: "sha256:85c9a0d4ea3cefcf49fe96f9c6fd285d06cafcf50d72b177f06054a8b96b46d3"};

var __aerpc_global = (function () {
    return this;
}());

// An error to throw from a host function: code is one of the schema's errors (above).
function __aerpc_error(code, message, data) {
    var text = message;
    var error;
    if (text === undefined || text === null) {
        text = Object.prototype.hasOwnProperty.call(__aerpc_error_messages, String(code)) ?
            __aerpc_error_messages[String(code)] : "Error " + code;
    }
    error = new Error(String(text));
    error.name = "AerpcError";
    error.aerpcCode = code;
    error.aerpcData = data === undefined ? null : data;
    return error;
}

// One helper per schema error: throw AerpcErrors.ItemNotFound(message?, data?).
var AerpcErrors = {
    "ItemNotFound": function (message, data) {
        return __aerpc_error(1001, message, data);
    },
    "NotAComposition": function (message, data) {
        return __aerpc_error(1002, message, data);
    },
    "NoDocumentOpen": function (message, data) {
        return __aerpc_error(1003, message, data);
    },
    "FileNotFound": function (message, data) {
        return __aerpc_error(1004, message, data);
    },
    "InvalidItemType": function (message, data) {
        return __aerpc_error(1005, message, data);
    },
    "RenderQueueItemNotFound": function (message, data) {
        return __aerpc_error(1006, message, data);
    },
    "MultipleRenderQueueItems": function (message, data) {
        return __aerpc_error(1007, message, data);
    },
    "RenderFailed": function (message, data) {
        return __aerpc_error(1008, message, data);
    },
    "ImportFailed": function (message, data) {
        return __aerpc_error(1009, message, data);
    },
    "ScriptFailed": function (message, data) {
        return __aerpc_error(1010, message, data);
    },
    "SaveFailed": function (message, data) {
        return __aerpc_error(1011, message, data);
    },
    "OpenFailed": function (message, data) {
        return __aerpc_error(1012, message, data);
    },
    "MetadataCorrupt": function (message, data) {
        return __aerpc_error(1013, message, data);
    }
};

function __aerpc_failure(code, message, data) {
    var dataText = null;
    try {
        dataText = data === undefined ? "null" : __aerpc_json.stringify(data);
    } catch (ignored) {
        dataText = null;
    }
    if (dataText === undefined || dataText === null) {
        dataText = "null";
    }
    return "{\"ok\":false,\"error\":{\"code\":" + code + ",\"message\":" +
        __aerpc_json.quote(String(message)) + ",\"data\":" + dataText + "}}";
}

// {name, message, line, fileName} of a caught exception. ExtendScript errors carry line and
// fileName; elsewhere (node's vm, for tests) they are read from the first frame of the stack.
function __aerpc_exception_data(e) {
    var data;
    var frame;
    if (e === null || typeof e !== "object") {
        return {name: typeof e, message: String(e), line: null, fileName: null};
    }
    data = {
        name: e.name === undefined ? null : String(e.name),
        message: e.message === undefined ? String(e) : String(e.message),
        line: typeof e.line === "number" ? e.line :
            (typeof e.lineNumber === "number" ? e.lineNumber : null),
        fileName: e.fileName === undefined || e.fileName === null ? null : String(e.fileName)
    };
    if ((data.line === null || data.fileName === null) && typeof e.stack === "string") {
        frame = /\n\s+at (?:[^\n]*?\()?([^\s()]+):(\d+):\d+\)?/.exec(e.stack);
        if (frame !== null) {
            if (data.fileName === null) {
                data.fileName = frame[1];
            }
            if (data.line === null) {
                data.line = Number(frame[2]);
            }
        }
    }
    return data;
}

// The one entry point of the panel: text is the JSON-RPC request; the answer is the envelope.
function __aerpc_dispatch(text) {
    var request;
    var method;
    var entry;
    var fn;
    var params;
    var given;
    var name;
    var result;
    var resultText;
    var data;
    var i;
    try {
        request = __aerpc_json.parse(text);
    } catch (e) {
        if (e.unsupported === true) {
            return __aerpc_failure(-32602, "params cannot be passed to ExtendScript: " + e.message,
                {errors: [{path: "", message: e.message}]});
        }
        return __aerpc_failure(-32700, "the request is not valid JSON: " + e.message, null);
    }
    if (request === null || typeof request !== "object" || typeof request.method !== "string") {
        return __aerpc_failure(-32600, "the request has no method name", null);
    }
    method = request.method;
    if (!Object.prototype.hasOwnProperty.call(__aerpc_methods, method)) {
        return __aerpc_failure(-32601, "method " + method + " is not in this dispatcher " +
            "(generated from schema " + __aerpc_schema.hash + ")", {method: method});
    }
    entry = __aerpc_methods[method];
    fn = __aerpc_global[entry.fn];
    if (typeof fn !== "function") {
        return __aerpc_failure(-32601, "method " + method + ": the host function " + entry.fn +
            " is not defined in ExtendScript (is the host library loaded?)",
            {method: method, host_function: entry.fn});
    }
    given = request.params;
    if (given !== undefined && given !== null && typeof given !== "object") {
        return __aerpc_failure(-32602, "params must be an object", null);
    }
    params = {};
    if (given !== undefined && given !== null) {
        for (i = 0; i < entry.params.length; i += 1) {
            name = entry.params[i];
            if (Object.prototype.hasOwnProperty.call(given, name)) {
                params[name] = given[name];
            }
        }
    }
    try {
        result = fn(params);
    } catch (e) {
        if (e !== null && typeof e === "object" && e.name === "AerpcError" &&
                typeof e.aerpcCode === "number") {
            if (Object.prototype.hasOwnProperty.call(__aerpc_error_messages, String(e.aerpcCode))) {
                return __aerpc_failure(e.aerpcCode, e.message, e.aerpcData);
            }
            data = __aerpc_exception_data(e);
            data.code = e.aerpcCode;
            return __aerpc_failure(-32010, entry.fn + " threw error code " + e.aerpcCode +
                ", which the schema does not declare: " + e.message, data);
        }
        data = __aerpc_exception_data(e);
        return __aerpc_failure(-32010, entry.fn + " failed: " + data.message, data);
    }
    try {
        resultText = result === undefined ? "null" : __aerpc_json.stringify(result);
    } catch (e) {
        data = __aerpc_exception_data(e);
        return __aerpc_failure(-32010, entry.fn + " returned a value that cannot be sent as " +
            "JSON: " + data.message, data);
    }
    if (resultText === undefined) {
        resultText = "null";
    }
    return "{\"ok\":true,\"result\":" + resultText + "}";
}

// The environment the pipeline passed to After Effects (read once by the panel at start).
function __aerpc_env() {
    var names = ["AERPC_URL", "AERPC_TOKEN", "WEBSOCKET_URL"];
    var found = {};
    var value;
    var i;
    for (i = 0; i < names.length; i += 1) {
        value = $.getenv(names[i]);
        found[names[i]] = value === undefined || value === null ? null : String(value);
    }
    return "{\"ok\":true,\"result\":" + __aerpc_json.stringify(found) + "}";
}
