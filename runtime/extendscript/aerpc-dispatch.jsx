// The ExtendScript half of aerpc: the dispatcher. ES3 only (no JSON global, no
// Array.prototype.forEach/map/indexOf, no Object.keys, no getters, no let/const). Hand-written
// and the same for every schema; what a schema adds (the method and error tables) is the
// generated aerpc-host.jsx, which hands its tables to __aerpc.install.
//
// ExtendScript scripts, panels and $.evalFile share one global scope in After Effects, so aerpc
// defines three global names and no others:
//
//     __aerpc            the namespace: json, install, provide, host, error, errors, ...
//     __aerpc_dispatch   the panel's one entry point for host methods
//     __aerpc_env        the panel's read of AERPC_URL / AERPC_TOKEN at start
//
// The panel calls __aerpc_dispatch with the whole JSON-RPC request as a single string argument,
// never pasted into source:
//
//     __aerpc_dispatch("{\"jsonrpc\":\"2.0\",\"id\":\"py:1\",\"method\":\"get_items\",...}")
//
// and receives a JSON text, always one of
//
//     {"ok":true,"result":<value>}                              (void and undefined: null)
//     {"ok":false,"error":{"code":<int>,"message":"...","data":<value or null>}}
//
// A batch (several host calls in one evalScript, the panel's queue.js) passes one string per
// request, __aerpc_dispatch("<request 1>", "<request 2>", ...): each runs in order as if alone,
// one failing never stopping the next, and the answer is their envelopes joined by a line feed
// (an envelope never holds one: the codec escapes every control character in strings).
//
// For the author of the host functions (runtime/cep/host/*.jsx):
//
//   * `make cep` puts every host library file inside one function scope, so their functions
//     and variables are not globals: a co-resident script (the AYON extension, a user's
//     script) may define `imprint` or `save` as globals without changing what aerpc calls.
//     The dispatcher calls the host function named by the method's x-host-function in the
//     schema, taken from that scope by the generated tables at the end of it (__aerpc.host).
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
//     must be one of the schema's errors; any other code becomes -32010.
//   * Any other exception (a bug, an After Effects error) becomes -32010 ExtendScriptError with
//     data {name, message, line, fileName}.
//   * __aerpc_json.parse(text) and __aerpc_json.stringify(value) are available to host code for
//     data that is itself stored as JSON text (for example pipeline metadata).
//   (AerpcErrors, __aerpc_error and __aerpc_json are names of the host library's scope, bound
//   to __aerpc.errors, __aerpc.error and __aerpc.json.)
//
// RUNTIME_ABI: the version of the contract between this library and the generated tables.
// Tables stamped with another ABI are refused: every call then answers -32603 saying so.

var __aerpc = (function () {
    var RUNTIME_ABI = 1;
    var hasOwn = Object.prototype.hasOwnProperty;
    var global = (function () {
        return this;
    }());
    var ns = {
        RUNTIME_ABI: RUNTIME_ABI,
        json: null, // aerpc-json.jsx
        schema: null,
        methods: {}, // method -> {fn, params}
        errorMessages: {}, // code (as text) -> default message
        errors: {}, // error name -> function (message, data): the error to throw
        host: {}, // host function name -> function
        refusal: "the generated tables (aerpc-host.jsx) were not loaded"
    };

    // An error to throw from a host function: code is one of the schema's errors.
    function error(code, message, data) {
        var text = message;
        var made;
        if (text === undefined || text === null) {
            text = hasOwn.call(ns.errorMessages, String(code)) ?
                ns.errorMessages[String(code)] : "Error " + code;
        }
        made = new Error(String(text));
        made.name = "AerpcError";
        made.aerpcCode = code;
        made.aerpcData = data === undefined ? null : data;
        return made;
    }

    function errorMaker(code) {
        return function (message, data) {
            return error(code, message, data);
        };
    }

    // Register host functions by name (what the generated tables do for the host library's
    // scope; a test's fixture may call it too).
    function provide(functions) {
        var name;
        for (name in functions) {
            if (hasOwn.call(functions, name) && typeof functions[name] === "function") {
                ns.host[name] = functions[name];
            }
        }
    }

    // The generated tables: {runtimeAbi, schema, methods, errors}, and the host functions of the
    // host library's scope by name. A function that is only the global of that name (another
    // script's, seen through the scope) is not aerpc's and is left out.
    function install(tables, scope) {
        var code;
        var name;
        var own = {};
        if (tables === null || typeof tables !== "object" || tables.runtimeAbi !== RUNTIME_ABI) {
            ns.refusal = "the generated tables (aerpc-host.jsx) are for aerpc runtime ABI " +
                (tables && tables.runtimeAbi) + ", this dispatcher library is ABI " + RUNTIME_ABI +
                ": build the extension from one checkout (make cep)";
            return false;
        }
        ns.schema = tables.schema;
        ns.methods = tables.methods;
        ns.errorMessages = {};
        for (code in tables.errors) {
            if (hasOwn.call(tables.errors, code)) {
                ns.errorMessages[code] = tables.errors[code].message;
                ns.errors[tables.errors[code].name] = errorMaker(Number(code));
            }
        }
        for (name in scope) {
            if (hasOwn.call(scope, name) && scope[name] !== global[name]) {
                own[name] = scope[name];
            }
        }
        provide(own);
        ns.refusal = null;
        return true;
    }

    function failure(code, message, data) {
        var dataText = null;
        try {
            dataText = data === undefined ? "null" : ns.json.stringify(data);
        } catch (ignored) {
            dataText = null;
        }
        if (dataText === undefined || dataText === null) {
            dataText = "null";
        }
        return "{\"ok\":false,\"error\":{\"code\":" + code + ",\"message\":" +
            ns.json.quote(String(message)) + ",\"data\":" + dataText + "}}";
    }

    // {name, message, line, fileName} of a caught exception. ExtendScript errors carry line and
    // fileName; elsewhere (node's vm, for tests) they are read from the first frame of the stack.
    function exceptionData(e) {
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

    // text is the JSON-RPC request; the answer is the envelope.
    function dispatch(text) {
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
        if (ns.refusal !== null) {
            return failure(-32603, "aerpc's ExtendScript is not usable: " + ns.refusal,
                {runtime_abi: RUNTIME_ABI});
        }
        try {
            request = ns.json.parse(text);
        } catch (e) {
            if (e.unsupported === true) {
                return failure(-32602, "params cannot be passed to ExtendScript: " + e.message,
                    {errors: [{path: "", message: e.message}]});
            }
            return failure(-32700, "the request is not valid JSON: " + e.message, null);
        }
        if (request === null || typeof request !== "object" || typeof request.method !== "string") {
            return failure(-32600, "the request has no method name", null);
        }
        method = request.method;
        if (!hasOwn.call(ns.methods, method)) {
            return failure(-32601, "method " + method + " is not in this dispatcher " +
                "(generated from schema " + ns.schema.hash + ")", {method: method});
        }
        entry = ns.methods[method];
        fn = hasOwn.call(ns.host, entry.fn) ? ns.host[entry.fn] : undefined;
        if (typeof fn !== "function") {
            return failure(-32601, "method " + method + ": the host function " + entry.fn +
                " is not defined in aerpc's ExtendScript (is the host library loaded?)",
                {method: method, host_function: entry.fn});
        }
        given = request.params;
        if (given !== undefined && given !== null && typeof given !== "object") {
            return failure(-32602, "params must be an object", null);
        }
        params = {};
        if (given !== undefined && given !== null) {
            for (i = 0; i < entry.params.length; i += 1) {
                name = entry.params[i];
                if (hasOwn.call(given, name)) {
                    params[name] = given[name];
                }
            }
        }
        try {
            result = fn(params);
        } catch (e) {
            if (e !== null && typeof e === "object" && e.name === "AerpcError" &&
                    typeof e.aerpcCode === "number") {
                if (hasOwn.call(ns.errorMessages, String(e.aerpcCode))) {
                    return failure(e.aerpcCode, e.message, e.aerpcData);
                }
                data = exceptionData(e);
                data.code = e.aerpcCode;
                return failure(-32010, entry.fn + " threw error code " + e.aerpcCode +
                    ", which the schema does not declare: " + e.message, data);
            }
            data = exceptionData(e);
            return failure(-32010, entry.fn + " failed: " + data.message, data);
        }
        try {
            resultText = result === undefined ? "null" : ns.json.stringify(result);
        } catch (e) {
            data = exceptionData(e);
            return failure(-32010, entry.fn + " returned a value that cannot be sent as " +
                "JSON: " + data.message, data);
        }
        if (resultText === undefined) {
            resultText = "null";
        }
        return "{\"ok\":true,\"result\":" + resultText + "}";
    }

    // The environment the pipeline passed to After Effects (read once by the panel at start).
    function env() {
        var names = ["AERPC_URL", "AERPC_TOKEN", "WEBSOCKET_URL"];
        var found = {};
        var value;
        var i;
        for (i = 0; i < names.length; i += 1) {
            value = $.getenv(names[i]);
            found[names[i]] = value === undefined || value === null ? null : String(value);
        }
        return "{\"ok\":true,\"result\":" + ns.json.stringify(found) + "}";
    }

    ns.error = error;
    ns.provide = provide;
    ns.install = install;
    ns.dispatch = dispatch;
    // One call of a batch: whatever happens, its own envelope (dispatch catches what the host
    // function throws; this catches what nothing else would, so the next call still runs).
    ns.dispatchOne = function (text) {
        try {
            return dispatch(String(text));
        } catch (e) {
            return failure(-32603, "the dispatcher failed: " + exceptionData(e).message, exceptionData(e));
        }
    };
    ns.env = env;
    return ns;
}());

// The panel's entry points (the only global functions aerpc defines).
function __aerpc_dispatch(text) {
    var answers;
    var i;
    if (arguments.length < 2) {
        return __aerpc.dispatch(text);
    }
    answers = [];
    for (i = 0; i < arguments.length; i += 1) {
        answers[i] = __aerpc.dispatchOne(arguments[i]);
    }
    return answers.join("\n");
}

function __aerpc_env() {
    return __aerpc.env();
}
