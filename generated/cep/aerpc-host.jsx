// Generated from schema/aftereffects.openrpc.json by `aerpc generate`; do not edit.
// Schema: aftereffects 1.0.0, sha256:982f29e928070eb6d35a0733037a0ad5e59b8990502e645cba5fdddf91b0e2b4
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
//   1014  AerpcErrors.UnsavedChanges  The project has unsaved changes

var __aerpc_json = (function () {
    var hasOwn = Object.prototype.hasOwnProperty;
    var classOf = Object.prototype.toString;
    var HEX = "0123456789abcdef";
    var MAX_DEPTH = 1000;
    var CHUNK = 2048;
    // What a string needs escaped to be JSON in printable ASCII (stringify), and what makes the
    // text between two quotes more than the string itself (parse: an escape, or invalid).
    var NEEDS_ESCAPE = /[\u0000-\u001f"\\\u007f-\uffff]/;
    var ESCAPE_ALL = /[\u0000-\u001f"\\\u007f-\uffff]/g;
    var STRING_SPECIAL = /[\u0000-\u001f\\]/;
    // The one-letter escapes: the escape of each character (stringify) and the character of
    // each escape letter, by its code (parse).
    var ESCAPES = {};
    var UNESCAPES = [];
    (function () {
        var letters = "\"\\/bfnrt";
        var chars = ["\"", "\\", "/", String.fromCharCode(8), String.fromCharCode(12),
            String.fromCharCode(10), String.fromCharCode(13), String.fromCharCode(9)];
        var i;
        for (i = 0; i < chars.length; i += 1) {
            UNESCAPES[letters.charCodeAt(i)] = chars[i];
            if (chars[i] !== "/") {
                ESCAPES[chars[i]] = "\\" + letters.charAt(i);
            }
        }
    }());

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

        // Skips whitespace; the code of the next character (NaN at the end of the text).
        function skipWhite() {
            var c = text.charCodeAt(at);
            while (c === 32 || c === 9 || c === 10 || c === 13) {
                at += 1;
                c = text.charCodeAt(at);
            }
            return c;
        }

        // The string that starts at the quote at `at`. Most strings hold no escape: the closing
        // quote and the check of what lies between are native string and RegExp calls, not a
        // loop over characters in script (the slow part in an interpreter like ExtendScript).
        function parseString() {
            var end = text.indexOf("\"", at + 1);
            var body;
            var parts;
            var start;
            var c;
            var code;
            var digit;
            var k;
            if (end > at) {
                body = text.substring(at + 1, end);
                if (!STRING_SPECIAL.test(body)) {
                    at = end + 1;
                    return body;
                }
            }
            parts = [];
            at += 1;
            start = at;
            for (;;) {
                if (at >= len) {
                    fail("unterminated string");
                }
                c = text.charCodeAt(at);
                if (c === 34) {
                    if (at > start) {
                        parts[parts.length] = text.substring(start, at);
                    }
                    at += 1;
                    return parts.length === 1 ? parts[0] : parts.join("");
                }
                if (c === 92) {
                    if (at > start) {
                        parts[parts.length] = text.substring(start, at);
                    }
                    at += 1;
                    if (at >= len) {
                        fail("unterminated escape");
                    }
                    c = text.charCodeAt(at);
                    if (c === 117) {
                        code = 0;
                        for (k = 1; k <= 4; k += 1) {
                            digit = at + k < len ? hexValue(text.charCodeAt(at + k)) : -1;
                            if (digit < 0) {
                                fail("bad \\u escape");
                            }
                            code = code * 16 + digit;
                        }
                        parts[parts.length] = String.fromCharCode(code);
                        at += 4;
                    } else if (c < 128 && UNESCAPES[c] !== undefined) {
                        parts[parts.length] = UNESCAPES[c];
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

        // A number. Integers of up to 15 digits (ids, indices, counts: exact in a double) are
        // added up as the digits are read; any other number is its text converted by unary +
        // (Number(text), without looking up the global name).
        function parseNumber() {
            var start = at;
            var negative = false;
            var value = 0;
            var digits = 0;
            var c = text.charCodeAt(at);
            if (c === 45) {
                negative = true;
                at += 1;
                c = text.charCodeAt(at);
            }
            if (c === 48) {
                at += 1;
                c = text.charCodeAt(at);
            } else if (c >= 49 && c <= 57) {
                do {
                    value = value * 10 + (c - 48);
                    digits += 1;
                    at += 1;
                    c = text.charCodeAt(at);
                } while (c >= 48 && c <= 57);
            } else {
                fail("bad number");
            }
            if (c !== 46 && c !== 101 && c !== 69) {
                if (digits <= 15) {
                    return negative ? -value : value;
                }
                return +text.substring(start, at);
            }
            if (c === 46) {
                at += 1;
                skipDigits();
                c = text.charCodeAt(at);
            }
            if (c === 101 || c === 69) {
                at += 1;
                c = text.charCodeAt(at);
                if (c === 43 || c === 45) {
                    at += 1;
                }
                skipDigits();
            }
            return +text.substring(start, at);
        }

        function skipDigits() {
            var begin = at;
            var c = text.charCodeAt(at);
            while (c >= 48 && c <= 57) {
                at += 1;
                c = text.charCodeAt(at);
            }
            if (at === begin) {
                fail("expected a digit");
            }
        }

        // The value at `at`, whose first character (c) is not whitespace.
        function parseValue(c, depth) {
            if (c === 34) {
                return parseString();
            }
            if (c === 123) {
                return parseObject(depth);
            }
            if (c === 91) {
                return parseArray(depth);
            }
            if (c === 45 || (c >= 48 && c <= 57)) {
                return parseNumber();
            }
            if (c === 116 && text.substring(at, at + 4) === "true") {
                at += 4;
                return true;
            }
            if (c === 102 && text.substring(at, at + 5) === "false") {
                at += 5;
                return false;
            }
            if (c === 110 && text.substring(at, at + 4) === "null") {
                at += 4;
                return null;
            }
            if (at >= len) {
                fail("unexpected end of input");
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
            c = skipWhite();
            if (c === 125) {
                at += 1;
                return result;
            }
            for (;;) {
                if (c !== 34) {
                    fail("expected a string key");
                }
                key = parseString();
                if (key === "__proto__") {
                    unsupported("the key __proto__ cannot be an own property in ExtendScript");
                }
                c = text.charCodeAt(at);
                if (c !== 58) {
                    c = skipWhite();
                    if (c !== 58) {
                        fail("expected ':'");
                    }
                }
                at += 1;
                c = text.charCodeAt(at);
                if (c <= 32) {
                    c = skipWhite();
                }
                result[key] = parseValue(c, depth + 1);
                c = text.charCodeAt(at);
                if (c <= 32) {
                    c = skipWhite();
                }
                if (c === 44) {
                    at += 1;
                    c = text.charCodeAt(at);
                    if (c <= 32) {
                        c = skipWhite();
                    }
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
            c = skipWhite();
            if (c === 93) {
                at += 1;
                return result;
            }
            for (;;) {
                result[n] = parseValue(c, depth + 1);
                n += 1;
                c = text.charCodeAt(at);
                if (c <= 32) {
                    c = skipWhite();
                }
                if (c === 44) {
                    at += 1;
                    c = text.charCodeAt(at);
                    if (c <= 32) {
                        c = skipWhite();
                    }
                } else if (c === 93) {
                    at += 1;
                    return result;
                } else {
                    fail("expected ',' or ']'");
                }
            }
        }

        var value = parseValue(skipWhite(), 0);
        skipWhite();
        if (at < len) {
            fail("unexpected text after the value");
        }
        return value;
    }

    // The escape of a character a JSON string cannot hold as it is: \" \\ \b \f \n \r \t, else
    // \uXXXX (every other control character and everything above U+007E, U+2028/U+2029 and lone
    // surrogates among them, so the text is printable ASCII); those below 128 are kept as met.
    function escapeChar(c) {
        var code;
        var escaped = ESCAPES[c];
        if (escaped === undefined) {
            code = c.charCodeAt(0);
            escaped = "\\u" + HEX.charAt((code >> 12) & 15) + HEX.charAt((code >> 8) & 15) +
                HEX.charAt((code >> 4) & 15) + HEX.charAt(code & 15);
            if (code < 128) {
                ESCAPES[c] = escaped;
            }
        }
        return escaped;
    }

    // The JSON string literal of s. Most strings need no escape: one native RegExp test, no
    // loop over characters in script (the pattern of json2.js, long used in ExtendScript).
    function quote(s) {
        if (!NEEDS_ESCAPE.test(s)) {
            return "\"" + s + "\"";
        }
        return "\"" + s.replace(ESCAPE_ALL, escapeChar) + "\"";
    }

    // The JSON text of a number. "" + n and +text are String(n) and Number(text) without
    // looking up a global name (slow in an interpreter; in node's vm as well).
    function formatNumber(n) {
        var text;
        if (n === (n | 0)) {
            // An integer in 32 bits (ids, counts, -0 and 0 alike): its digits, exactly.
            return n === 0 ? "0" : "" + n;
        }
        if (n !== n || n - n !== 0) {
            return "null"; // NaN, Infinity, -Infinity
        }
        text = "" + n;
        if (+text !== n) {
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

    // Joins the pieces out[0..n) into one string at the end of chunks; the new n: 0.
    function flush(out, n, chunks) {
        out.length = n;
        chunks[chunks.length] = out.join("");
        return 0;
    }

    // Writes the JSON text of value into out, from out[n] on, one piece per element, and
    // returns the new n, or -1 when value has no JSON text (undefined, a function). Pieces are
    // joined once, never copied into a longer string level by level; every CHUNK pieces or so
    // (between two elements, where all before is final) they are joined into a string kept in
    // chunks, so out stays short: a large array of strings costs an interpreter (ExtendScript,
    // and V8 too: most of its time went to the garbage collector) more than a few joins.
    // stack: the objects being written, for the cycle check.
    function write(value, out, n, stack, chunks) {
        var type = typeof value;
        var kind;
        var key;
        var first;
        var mark;
        var i;
        var count;
        if (type === "object" && value !== null && typeof value.toJSON === "function") {
            value = value.toJSON();
            type = typeof value;
        }
        if (type === "string") {
            out[n] = quote(value);
            return n + 1;
        }
        if (type === "number") {
            out[n] = formatNumber(value);
            return n + 1;
        }
        if (value === null) {
            out[n] = "null";
            return n + 1;
        }
        if (type === "boolean") {
            out[n] = value ? "true" : "false";
            return n + 1;
        }
        if (type !== "object") {
            return -1;
        }
        kind = classOf.call(value);
        if (kind === "[object String]") {
            out[n] = quote(String(value));
            return n + 1;
        }
        if (kind === "[object Number]") {
            out[n] = formatNumber(Number(value));
            return n + 1;
        }
        if (kind === "[object Boolean]") {
            out[n] = value.valueOf() ? "true" : "false";
            return n + 1;
        }
        if (kind === "[object Date]") {
            out[n] = isFinite(value.getTime()) ? quote(isoDate(value)) : "null";
            return n + 1;
        }
        count = stack.length;
        for (i = 0; i < count; i += 1) {
            if (stack[i] === value) {
                throw new TypeError("aerpc JSON: cannot serialise a cyclic structure");
            }
        }
        stack[count] = value;
        if (kind === "[object Array]") {
            count = value.length;
            if (count === 0) {
                out[n] = "[]";
                n += 1;
            }
            for (i = 0; i < count; i += 1) {
                if (n >= CHUNK) {
                    n = flush(out, n, chunks);
                }
                out[n] = i === 0 ? "[" : ",";
                mark = write(value[i], out, n + 1, stack, chunks);
                if (mark < 0) {
                    out[n] = i === 0 ? "[null" : ",null";
                    mark = n + 1;
                }
                n = mark;
            }
            if (count > 0) {
                out[n] = "]";
                n += 1;
            }
        } else {
            // A plain object, or any other (an Error, a host object): its own enumerable
            // properties whose values have a JSON text.
            first = true;
            for (key in value) {
                if (hasOwn.call(value, key)) {
                    if (n >= CHUNK) {
                        n = flush(out, n, chunks);
                    }
                    out[n] = (first ? "{" : ",") + quote(key) + ":";
                    mark = write(value[key], out, n + 1, stack, chunks);
                    if (mark >= 0) {
                        n = mark;
                        first = false;
                    }
                }
            }
            out[n] = first ? "{}" : "}";
            n += 1;
        }
        stack.length -= 1;
        return n;
    }

    // JSON text of value, ASCII only (every other character is a \u escape, so lone surrogates
    // and U+2028/U+2029 survive any transcoding between ExtendScript and the panel). undefined
    // and functions give undefined, like JSON.stringify; cycles throw a TypeError.
    function stringify(value) {
        var out = [];
        var chunks = [];
        var n = write(value, out, 0, [], chunks);
        if (n < 0) {
            return undefined;
        }
        if (chunks.length > 0) {
            flush(out, n, chunks);
            return chunks.join("");
        }
        out.length = n;
        return n === 1 ? out[0] : out.join("");
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
    "open": {fn: "open", params: ["path", "discard_unsaved"]},
    "print_msg": {fn: "printMsg", params: ["msg"]},
    "reload_background": {fn: "reloadBackground", params: ["comp_id", "name", "paths"]},
    "remove_comp_from_render_queue": {fn: "removeCompFromRenderQueue", params: ["comp_id"]},
    "remove_instance": {fn: "removeInstance", params: ["instance_id"]},
    "remove_metadata": {fn: "removeMetadata", params: ["item_id"]},
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
    "1013": "Stored pipeline metadata is not valid JSON",
    "1014": "The project has unsaved changes"
};

var __aerpc_schema = {name: "aftereffects", version: "1.0.0", hash: "sha256:982f29e928070eb6d35a0733037a0ad5e59b8990502e645cba5fdddf91b0e2b4"};

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
    },
    "UnsavedChanges": function (message, data) {
        return __aerpc_error(1014, message, data);
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
