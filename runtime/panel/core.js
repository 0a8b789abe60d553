// aerpc panel library, layer 1: the sans-I/O message core. Strings and plain objects in, strings
// and plain objects out: no socket, no timer, no clock of its own (callers pass `now`). The
// rest of the panel (queue.js, bridge-evalscript.js, panel.js) is built on it; docs/cep.md has
// the layers. A plain script for CEP's Chromium 61 (ES2017, no bundler) and a CommonJS module.
//
//   errors      the error classes; errorsFor(contract) adds the contract's, by code
//   encoding    toJson, jsStringLiteral, utf8Length, overLimit, errorResponse, resultResponse
//   deadlines   travelledTimeoutMs (a request's "aerpc": {"timeout_ms"}), sentIdle, withTimeBudget
//   hello       helloRequest, readHelloReply
//   messages    classify: what a received message is and, for a bad one, the reply
//   host requests  refuseHostRequest, resultText, splicedResultText, hostTimeoutMs
//   memory      ReplyMemory: request ids already answered, and their replies (bounded)
//
// The types below (JSDoc, for tsc --checkJs) are the other layers' too: import("./core.js").Name.
// Those of the library's public API have their one home in aerpc-panel-lib.d.ts.

/**
 * A value parsed from JSON received on the wire (or from the host), before it is checked.
 * @typedef {*} Json
 */
/**
 * A JSON-RPC request id as this library handles it (a received one is checked to be one).
 * @typedef {string | number | null} RequestId
 */
/** @typedef {{name: string, version: string, hash: string}} SchemaId */
/**
 * A method's row in the generated tables.
 * @typedef {{timeoutMs: number, idempotent: boolean, runsInPanel?: boolean}} MethodInfo
 */
/** @typedef {{name: string, code: number, message: string}} ErrorRow */
/**
 * The generated tables of one schema (generated/cep/aerpc-panel.js).
 * @typedef {object} Contract
 * @property {number} runtimeAbi
 * @property {SchemaId} schema
 * @property {Record<string, MethodInfo>} hostMethods
 * @property {Record<string, MethodInfo>} pipelineMethods
 * @property {ErrorRow[]} protocolErrors
 * @property {ErrorRow[]} errors
 */
/** @typedef {import("./aerpc-panel-lib").WireError} WireError */
/**
 * What a host bridge answered for a host method: its result as JSON text or as a value, or
 * a JSON-RPC error.
 * @typedef {import("./aerpc-panel-lib").HostOutcome} Outcome
 */
/** @typedef {(message: string) => void} LogLine */
/** @typedef {{debug: LogLine, info: LogLine, warn: LogLine, error: LogLine}} Logger */
/**
 * A log option: a function (level, message), an object with some of the levels, or nothing.
 * @typedef {((level: keyof Logger, message: string) => void) | Partial<Logger> | null | undefined} LogOption
 */
/**
 * What the rpc.hello request says of this panel (helloRequest).
 * @typedef {object} HelloFields
 * @property {string | null} [token]  null or absent: ""
 * @property {string} instance
 * @property {{name: string, version: string}} app
 * @property {string} extensionVersion
 * @property {SchemaId} schema
 * @property {string | null} [resume]
 */
/**
 * A received request (classify).
 * @typedef {{kind: "request", id: RequestId, hasId: boolean, method: string, params: Json,
 *     budgetMs: number | null, badBudget: boolean, idle: boolean, text: string | null}} ReceivedRequest
 */
/**
 * What one received message is (classify).
 * @typedef {{kind: "invalid", reply: string | null} | {kind: "response", message: Json}
 *     | ReceivedRequest} Classified
 */
/**
 * What the reply memory keeps for a request id (panel.js adds its own members).
 * @typedef {object} MemoryEntry
 * @property {RequestId} id
 * @property {string} method
 * @property {Promise<string> | null} pending  the reply while it runs, null once finished
 * @property {string | null} text  the reply text; null while pending or once dropped
 * @property {number} bytes  what text takes (UTF-16 bytes)
 */

{ // this file's scope (in a page the library's scripts share the global one); loader at the end

// The version of the contract with the generated tables (codegen's RUNTIME_ABI).
const RUNTIME_ABI = 1;
// The longest budget a timer can hold (setTimeout fires at once beyond 2^31 - 1 ms): a
// larger aerpc.timeout_ms is taken as this, about 24.8 days.
const MAX_TIMEOUT_MS = 2147483647;
const DEFAULT_MAX_MESSAGE_SIZE = 64 * 1024 * 1024;
const CODES = Object.freeze({
    parseError: -32700, invalidRequest: -32600, methodNotFound: -32601, invalidParams: -32602,
    internalError: -32603, unauthorized: -32001, schemaMismatch: -32002, messageTooLarge: -32004,
    extendScriptError: -32010, hostTimeout: -32011,
});
/** @type {<K extends PropertyKey>(object: object, key: K) => object is Record<K, unknown>} */
const hasOwn = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

// ---------------------------------------------------------------- errors

/** The base of every error this module raises. */
class AerpcError extends Error {}

/** A JSON-RPC error from the other side (or answered to it): code, message, data. */
class RemoteError extends AerpcError {
    /**
     * @param {unknown} [message]  default: the class's defaultMessage
     * @param {unknown} [data]
     * @param {number | null} [code]  default: the class's code
     */
    constructor(message, data, code) {
        const cls = /** @type {{code: number, defaultMessage: string}} */ (/** @type {unknown} */ (new.target));
        super(message === undefined || message === null ? cls.defaultMessage : String(message));
        /** @type {number} */
        this.code = code === undefined || code === null ? cls.code : code;
        /** @type {unknown} */
        this.data = data === undefined ? null : data;
    }

    /**
     * The JSON-RPC error member for this error.
     * @returns {WireError}
     */
    toWire() {
        /** @type {WireError} */
        const error = {code: this.code, message: this.message};
        if (this.data !== null && this.data !== undefined) {
            error.data = this.data;
        }
        return error;
    }
}

/**
 * @template {Function} T
 * @param {T} cls
 * @param {string} name
 * @param {number | null} code
 * @param {string} defaultMessage
 * @returns {T}
 */
function declareError(cls, name, code, defaultMessage) {
    Object.defineProperty(cls.prototype, "name", {value: name, configurable: true, writable: true});
    Object.defineProperty(cls, "code", {value: code, enumerable: true});
    Object.defineProperty(cls, "defaultMessage", {value: defaultMessage, enumerable: true});
    return cls;
}

declareError(AerpcError, "AerpcError", null, "aerpc error");
declareError(RemoteError, "RemoteError", null, "Error");

/** An error that happened on this side; never sent on the wire. */
class LocalError extends AerpcError {}
declareError(LocalError, "LocalError", null, "local error");

/** A pipeline call got no reply within its deadline; rpc.cancel was sent for it. */
class RpcTimeout extends LocalError {
    /** @param {string} method @param {number} timeoutMs @param {boolean} [maybeApplied] */
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
    /** @param {string} message @param {string} [method] */
    constructor(message, method) {
        super(message);
        this.method = method === undefined ? null : method;
    }
}
declareError(NotConnected, "NotConnected", null, "not connected");

/** The connection dropped while a call that is not idempotent was in flight. */
class ConnectionLost extends LocalError {
    /** @param {string} message @param {string} [method] @param {boolean} [maybeApplied] */
    constructor(message, method, maybeApplied) {
        super(message);
        this.method = method === undefined ? null : method;
        this.maybeApplied = maybeApplied !== false;
    }
}
declareError(ConnectionLost, "ConnectionLost", null, "connection lost");

/**
 * The error classes of a contract: one RemoteError subclass per row of its protocolErrors
 * and errors tables, by name ({classes}) and by code (classFor, fromWire).
 * @param {{protocolErrors: ErrorRow[], errors: ErrorRow[]}} contract
 */
function errorsFor(contract) {
    /** @type {Map<number, typeof RemoteError>} */
    const byCode = new Map();
    /** @type {Record<string, typeof RemoteError>} */
    const classes = {};
    const rows = contract.protocolErrors.concat(contract.errors);
    for (const row of rows) {
        const cls = ({[row.name]: class extends RemoteError {}})[row.name];
        declareError(cls, row.name, row.code, row.message);
        byCode.set(row.code, cls);
        classes[row.name] = cls;
    }
    /**
     * The registered class for a JSON-RPC error code, or RemoteError.
     * @param {number} code
     * @returns {typeof RemoteError}
     */
    function classFor(code) {
        return byCode.get(code) || RemoteError;
    }
    /**
     * The error instance for a received JSON-RPC error member.
     * @param {Json} error
     * @returns {RemoteError}
     */
    function fromWire(error) {
        if (error === null || typeof error !== "object" || !Number.isInteger(error.code)) {
            return new (classFor(CODES.internalError))("malformed error object from the peer", {error: error});
        }
        const cls = classFor(error.code);
        const message = typeof error.message === "string" ? error.message : undefined;
        if (cls === RemoteError) {
            return new RemoteError(message === undefined ? "Error " + error.code : message,
                error.data, error.code);
        }
        return new cls(message, error.data);
    }
    /**
     * A new error of the class registered for code (RemoteError with that code if none).
     * @param {number} code
     * @param {string} message
     * @param {unknown} [data]
     * @returns {RemoteError}
     */
    function make(code, message, data) {
        const cls = classFor(code);
        return cls === RemoteError ? new RemoteError(message, data, code) : new cls(message, data);
    }
    return {classes: classes, classFor: classFor, fromWire: fromWire, make: make};
}

/**
 * The contract checked for this library: a clear Error when its ABI or shape differs.
 * @param {Json} contract
 * @returns {Contract}
 */
function checkContract(contract) {
    const abi = contract && typeof contract === "object" ? contract.runtimeAbi : undefined;
    if (abi !== RUNTIME_ABI) {
        const schema = contract && contract.schema ? " (schema " + contract.schema.name + " " +
            contract.schema.version + ")" : "";
        throw new Error("aerpc: the generated panel tables" + schema + " are for runtime ABI " + abi +
            ", this panel library is ABI " + RUNTIME_ABI + "; generate and build both from one " +
            "checkout (make generate, make cep)");
    }
    for (const key of ["schema", "hostMethods", "pipelineMethods", "protocolErrors", "errors"]) {
        if (!contract[key] || typeof contract[key] !== "object") {
            throw new Error("aerpc: the generated panel tables have no " + key);
        }
    }
    return contract;
}

// ---------------------------------------------------------------- encoding

const WELL_FORMED_STRINGIFY = JSON.stringify("\ud800") === "\"\\ud800\"";

/** @param {number} code */
function hex4(code) {
    return "\\u" + ("000" + code.toString(16)).slice(-4);
}

// Older Chromium (CEP 8-9) leaves lone surrogates raw in JSON.stringify's output; they would
// not survive UTF-8. Escape them, as current engines do.
/** @param {string} text */
function escapeLoneSurrogates(text) {
    /** @type {string[] | null} */
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

/**
 * JSON text of value, with lone surrogates escaped whatever the engine.
 * @param {unknown} value  JSON-serialisable (not undefined or a function)
 * @returns {string}
 */
function toJson(value) {
    const text = JSON.stringify(value);
    return WELL_FORMED_STRINGIFY ? text : escapeLoneSurrogates(text);
}

/**
 * text as an ES3 string literal in pure ASCII: JSON's escapes, plus a \u escape for every
 * character above U+007E (U+2028/U+2029, which end a line in ES3 source, and lone
 * surrogates among them).
 * @param {string} text
 * @returns {string}
 */
function jsStringLiteral(text) {
    return JSON.stringify(String(text)).replace(/[\u007f-\uffff]/g, (c) => hex4(c.charCodeAt(0)));
}

/**
 * The size of text in UTF-8, in bytes (a lone surrogate counts as U+FFFD would).
 * @param {string} text
 * @returns {number}
 */
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

/**
 * True when text is over limit bytes in UTF-8 (counted only when it could be).
 * @param {string} text
 * @param {number} limit
 */
function overLimit(text, limit) {
    return text.length > limit || (text.length * 3 > limit && utf8Length(text) > limit);
}

/**
 * The text of a JSON-RPC error reply.
 * @param {RequestId} id
 * @param {number} code
 * @param {string} message
 * @param {unknown} [data]  left out when undefined or null
 * @returns {string}
 */
function errorResponse(id, code, message, data) {
    /** @type {WireError} */
    const error = {code: code, message: message};
    if (data !== undefined && data !== null) {
        error.data = data;
    }
    return toJson({jsonrpc: "2.0", id: id, error: error});
}

/**
 * The reply for a result given as JSON text (spliced in, not parsed again).
 * @param {RequestId} id
 * @param {string} resultJson
 * @returns {string}
 */
function resultResponse(id, resultJson) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + toJson(id) + ",\"result\":" + resultJson + "}";
}

// ---------------------------------------------------------------- deadlines

/**
 * The caller's time budget a request carries, "aerpc": {"timeout_ms": N} (relative
 * milliseconds, docs/wire-extensions.md): a positive finite number, at most MAX_TIMEOUT_MS.
 * undefined when the member is absent, null when it is malformed (then it is ignored).
 * @param {Record<string, Json>} message  a JSON object
 * @returns {number | null | undefined}
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

/**
 * Whether a request says "aerpc": {"idle": true}: the server counts the call as running from
 * its send, so starting it on arrival needs no aerpc.run report (docs/wire-extensions.md).
 * @param {Record<string, Json>} message  a JSON object
 * @returns {boolean}
 */
function sentIdle(message) {
    /** @type {Json} */
    const extension = hasOwn(message, "aerpc") ? message.aerpc : null;
    return extension !== null && typeof extension === "object" && extension.idle === true;
}

/**
 * Request text (a JSON object) with "aerpc": {"timeout_ms"} added: the time left, in ms.
 * @param {string} text
 * @param {number} remainingMs
 * @returns {string}
 */
function withTimeBudget(text, remainingMs) {
    const ms = Math.max(1, Math.min(MAX_TIMEOUT_MS, Math.ceil(remainingMs)));
    return text.slice(0, -1) + ",\"aerpc\":{\"timeout_ms\":" + ms + "}}";
}

// ---------------------------------------------------------------- ids

/** Request ids of this side: "cep:1", "cep:2", ... */
class IdSource {
    /** @param {string} [prefix]  default "cep:" */
    constructor(prefix) {
        this._prefix = prefix === undefined ? "cep:" : prefix;
        this._next = 0;
    }

    /** @returns {string} */
    next() {
        this._next += 1;
        return this._prefix + this._next;
    }
}

// ---------------------------------------------------------------- hello

/**
 * The rpc.hello request text: fields {token, instance, app, extensionVersion, schema, resume}
 * (resume: the secret of this instance's last hello result, or null).
 * @param {string} id
 * @param {HelloFields} fields
 * @returns {string}
 */
function helloRequest(id, fields) {
    /** @type {Record<string, unknown>} */
    const params = {
        token: fields.token === null || fields.token === undefined ? "" : fields.token,
        role: "host",
        instance: fields.instance,
        app: fields.app,
        extension_version: fields.extensionVersion,
        schema: {name: fields.schema.name, version: fields.schema.version, hash: fields.schema.hash},
    };
    if (typeof fields.resume === "string") {
        params.resume = fields.resume; // without it the server refuses this instance's id
    }
    return toJson({jsonrpc: "2.0", id: id, method: "rpc.hello", params: params});
}

/**
 * What a reply to rpc.hello means: {ok: true, session, maxMessageSize, schemaWarning, resume} or
 * {ok: false, error, fatal} (fatal: retrying cannot help, a wrong token or another schema).
 * @param {Json} message  the reply (a JSON object)
 * @param {SchemaId} schema  this panel's
 * @param {ReturnType<typeof errorsFor>} errors
 * @returns {{ok: false, error: RemoteError, fatal: boolean} | {ok: true, session: Json,
 *     maxMessageSize: number, schemaWarning: string | null, resume: string | null}}
 */
function readHelloReply(message, schema, errors) {
    if (message.error) {
        const error = errors.fromWire(message.error);
        const fatal = error.code === CODES.unauthorized || error.code === CODES.schemaMismatch;
        return {ok: false, error: error, fatal: fatal};
    }
    const result = message.result || {};
    const limits = result.limits || {};
    const size = Number.isInteger(limits.max_message_size) && limits.max_message_size > 0
        ? limits.max_message_size : DEFAULT_MAX_MESSAGE_SIZE;
    const warning = result.schema && result.schema.hash !== schema.hash
        ? "the pipeline's schema " + result.schema.hash + " differs from this panel's " + schema.hash +
            "; methods missing on either side fail with -32601"
        : null;
    const resume = typeof result.resume === "string" ? result.resume : null;
    return {ok: true, session: result, maxMessageSize: size, schemaWarning: warning, resume: resume};
}

// ---------------------------------------------------------------- messages

/**
 * What one received message (parsed JSON, not a batch) is:
 *   {kind: "response", id, error | result}       a reply to a call of this side
 *   {kind: "request", id, hasId, method, params, budgetMs, text}
 *       budgetMs: the caller's aerpc.timeout_ms, null when absent; badBudget when malformed;
 *       idle: "aerpc": {"idle": true}, the server counts the call as running from its send;
 *       text: the message's JSON text (the argument `text`, when given) if it is a plain
 *       request (plainRequest), else null
 *   {kind: "invalid", reply}                      reply: the error text to send
 * @param {Json} message
 * @param {boolean} tooLarge
 * @param {number} maxMessageSize
 * @param {string} [text]
 * @returns {Classified}
 */
function classify(message, tooLarge, maxMessageSize, text) {
    if (message === null || typeof message !== "object" || Array.isArray(message)) {
        return {kind: "invalid", reply: errorResponse(null, CODES.invalidRequest, "not a JSON-RPC 2.0 message")};
    }
    if (!hasOwn(message, "method") && hasOwn(message, "id") &&
            (hasOwn(message, "result") || hasOwn(message, "error"))) {
        return {kind: "response", message: message};
    }
    const hasId = hasOwn(message, "id");
    const id = hasId ? message.id : null;
    const validId = id === null || typeof id === "string" || typeof id === "number";
    if (message.jsonrpc !== "2.0" || typeof message.method !== "string" || !validId) {
        return {kind: "invalid", reply: errorResponse(validId ? id : null, CODES.invalidRequest,
            "not a JSON-RPC 2.0 request")};
    }
    if (tooLarge) {
        return {kind: "invalid", reply: hasId ? errorResponse(id, CODES.messageTooLarge, "the request is " +
            "over the message size limit of " + maxMessageSize + " bytes", {limit: maxMessageSize}) : null};
    }
    const budget = travelledTimeoutMs(message);
    const plain = typeof text === "string" && budget !== null && plainRequest(message);
    return {
        kind: "request", id: id, hasId: hasId, method: message.method, params: message.params,
        budgetMs: typeof budget === "number" ? budget : null, badBudget: budget === null,
        idle: sentIdle(message),
        text: plain ? text : null,
    };
}

const PLAIN_MEMBERS = Object.freeze({jsonrpc: true, id: true, method: true, params: true, aerpc: true});

/**
 * True when a request's text says nothing but its jsonrpc, id, method and params, and at
 * most an "aerpc" member that is exactly {"timeout_ms": N} or {"timeout_ms": N, "idle": true}:
 * then the text itself can go to the host (the host bridge's request.text) instead of those
 * members serialised again.
 * @param {Record<string, Json>} message  a JSON object
 * @returns {boolean}
 */
function plainRequest(message) {
    for (const key in message) {
        if (!hasOwn(PLAIN_MEMBERS, key)) {
            return false;
        }
    }
    if (!hasOwn(message, "aerpc")) {
        return true;
    }
    const extension = message.aerpc;
    for (const key in extension) {
        if (key !== "timeout_ms" && (key !== "idle" || extension.idle !== true)) {
            return false;
        }
    }
    return typeof extension.timeout_ms === "number";
}

// ---------------------------------------------------------------- host requests

/**
 * The refusal of a received request for a host method, before it is queued: the method is not
 * a host method of the contract, or its params are not an object (by name). null: it may run.
 * {reply}: the error reply text (null for a notification, which gets none).
 * @param {ReceivedRequest} request
 * @param {Contract} contract
 * @returns {{reply: string | null} | null}
 */
function refuseHostRequest(request, contract) {
    const id = request.id;
    const method = request.method;
    const params = request.params;
    if (!hasOwn(contract.hostMethods, method)) {
        const schema = contract.schema;
        return {reply: request.hasId ? errorResponse(id, CODES.methodNotFound, "method " + method +
            " is not served by this panel (schema " + schema.name + " " + schema.version + ", " +
            schema.hash + ")", {method: method}) : null};
    }
    if (params !== undefined && (params === null || typeof params !== "object" || Array.isArray(params))) {
        return {reply: request.hasId ? errorResponse(id, CODES.invalidParams, "params must be an object (by name)",
            {errors: [{path: "", message: "params must be an object"}]}) : null};
    }
    return null;
}

/**
 * The reply text for a host method's result, or -32004 when it would be over the size limit.
 * @param {RequestId} id
 * @param {string} method
 * @param {unknown} result  undefined is sent as null
 * @param {number} limit  the message size limit, in bytes
 * @returns {string}
 */
function resultText(id, method, result, limit) {
    const text = toJson({jsonrpc: "2.0", id: id, result: result === undefined ? null : result});
    if (overLimit(text, limit)) {
        const size = utf8Length(text);
        if (size > limit) {
            return errorResponse(id, CODES.messageTooLarge, method + ": the result is " + size +
                " bytes, over the message size limit of " + limit + " bytes", {size: size, limit: limit});
        }
    }
    return text;
}

/**
 * The reply for a result the bridge gave as JSON text, spliced in unparsed. Over the size
 * limit, the parsed path decides on the text it would send: no longer than this one (the ES3
 * serialiser's \uXXXX escapes are 6 bytes where UTF-8 takes 2-4), so a result is refused
 * exactly when the text V8 would write is over the limit.
 * @param {RequestId} id
 * @param {string} method
 * @param {string} json
 * @param {number} limit
 * @returns {string}
 */
function splicedResultText(id, method, json, limit) {
    const text = resultResponse(id, json);
    return overLimit(text, limit) ? resultText(id, method, JSON.parse(json), limit) : text;
}

/**
 * How long the panel waits on the host for one call: the evalScriptTimeoutMs option (a number,
 * or a function of the method and the default), else defaultMs (the caller's budget left when
 * the request carried one, else the method's x-timeout-ms).
 * @param {number | ((method: string, defaultMs: number) => number) | null} option
 * @param {string} method
 * @param {number} defaultMs
 * @returns {number}
 */
function hostTimeoutMs(option, method, defaultMs) {
    if (typeof option === "function") {
        return option(method, defaultMs);
    }
    return typeof option === "number" ? option : defaultMs;
}

// ---------------------------------------------------------------- reply memory

/**
 * Request ids already received, so that a request sent again (after a reconnect) is
 * answered from memory, never run twice. Keeps at least the last `ids` ids; drops the reply
 * texts of the oldest finished ones beyond `bytes` (UTF-16 bytes), keeping the ids.
 * @template {MemoryEntry} E
 */
class ReplyMemory {
    /** @param {number} ids @param {number} bytes */
    constructor(ids, bytes) {
        this._ids = ids;
        this._bytes = bytes;
        /** @type {Map<RequestId, E>} */
        this._entries = new Map();
        this._used = 0;
    }

    /** @param {RequestId} id @returns {E | undefined} */
    get(id) {
        return this._entries.get(id);
    }

    /**
     * A new entry for id (state "queued"); the caller settles it with finish().
     * @param {E} entry
     * @returns {E}
     */
    add(entry) {
        this._entries.set(entry.id, entry);
        this._trim();
        return entry;
    }

    /**
     * The reply text of a finished entry: remembered, then the memory trimmed.
     * @param {E} entry
     * @param {string} text
     */
    finish(entry, text) {
        entry.pending = null;
        entry.text = text;
        entry.bytes = text.length * 2;
        this._used += entry.bytes;
        this._trim();
    }

    _trim() {
        if (this._entries.size > this._ids) {
            for (const [key, entry] of this._entries) {
                if (this._entries.size <= this._ids) {
                    break;
                }
                if (entry.pending === null) {
                    this._used -= entry.bytes;
                    this._entries.delete(key);
                }
            }
        }
        if (this._used > this._bytes) {
            for (const entry of this._entries.values()) {
                if (this._used <= this._bytes) {
                    break;
                }
                if (entry.pending === null && entry.text !== null) {
                    this._used -= entry.bytes;
                    entry.bytes = 0;
                    entry.text = null;
                }
            }
        }
    }
}

/**
 * The answer for a repeated request id from what the memory holds: the same reply (or the
 * promise of it while it runs), or an error text when it cannot be given again.
 * @param {MemoryEntry} known
 * @param {RequestId} id
 * @param {string} method
 * @returns {Promise<string>}
 */
function repeatedReply(known, id, method) {
    if (known.method !== method) {
        return Promise.resolve(errorResponse(id, CODES.invalidRequest, "request id " + id +
            " was already used for " + known.method));
    }
    if (known.pending !== null) {
        return known.pending;
    }
    if (known.text !== null) {
        return Promise.resolve(known.text);
    }
    return Promise.resolve(errorResponse(id, CODES.internalError, "request " + id + " already ran; its " +
        "result is no longer kept (it is not run again)", {id: id}));
}

// ---------------------------------------------------------------- misc

/**
 * A thrown value's message, for log lines and error texts.
 * @param {unknown} error
 * @returns {string}
 */
function describe(error) {
    const message = error ? /** @type {{message?: unknown}} */ (error).message : undefined;
    return message ? String(message) : String(error);
}

function noop() {}

/**
 * @param {LogOption} log
 * @returns {Logger}
 */
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
        /** @type {(name: keyof Logger) => LogLine} */
        const pick = (name) => (typeof log[name] === "function"
            ? (m) => /** @type {LogLine} */ (log[name])(m) : noop);
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

/** Milliseconds from the page's monotonic clock (Date.now where there is none). */
function now() {
    return typeof performance !== "undefined" && performance.now ? performance.now() : Date.now();
}

// ---------------------------------------------------------------- loader

/**
 * Publish a layer on the page's global AerpcPanelLib under name (each file also sets its own
 * module.exports, where it has a CommonJS module: node, or CEP's mixed context).
 * @template {keyof AerpcPanelLibs} K
 * @param {AerpcPanelRoot | undefined} root  the page's global object
 * @param {K} name
 * @param {NonNullable<AerpcPanelLibs[K]>} layer
 */
function publish(root, name, layer) {
    if (root) {
        root.AerpcPanelLib = root.AerpcPanelLib || {};
        root.AerpcPanelLib[name] = layer;
    }
}

/**
 * A layer a later file needs: from the page's AerpcPanelLib (its script loaded before), else
 * through CommonJS (the library's files sit in one folder, so core.js's require finds them).
 * @template {keyof AerpcPanelLibs} K
 * @param {AerpcPanelRoot | undefined} root
 * @param {K} name
 * @param {string} file  e.g. "./queue.js"
 * @param {string} by  the file that needs it, for the error
 * @returns {NonNullable<AerpcPanelLibs[K]>}
 */
function layer(root, name, file, by) {
    const found = root && root.AerpcPanelLib ? root.AerpcPanelLib[name] : undefined;
    if (found) {
        return /** @type {NonNullable<AerpcPanelLibs[K]>} */ (found);
    }
    if (typeof require === "function") {
        return require(file);
    }
    throw new Error("aerpc " + by + ": load " + file.slice(2) + " before it");
}

const api = {
    RUNTIME_ABI: RUNTIME_ABI,
    MAX_TIMEOUT_MS: MAX_TIMEOUT_MS,
    DEFAULT_MAX_MESSAGE_SIZE: DEFAULT_MAX_MESSAGE_SIZE,
    CODES: CODES,
    hasOwn: hasOwn,
    AerpcError: AerpcError,
    RemoteError: RemoteError,
    LocalError: LocalError,
    RpcTimeout: RpcTimeout,
    NotConnected: NotConnected,
    ConnectionLost: ConnectionLost,
    errorsFor: errorsFor,
    checkContract: checkContract,
    toJson: toJson,
    jsStringLiteral: jsStringLiteral,
    utf8Length: utf8Length,
    overLimit: overLimit,
    errorResponse: errorResponse,
    resultResponse: resultResponse,
    travelledTimeoutMs: travelledTimeoutMs,
    withTimeBudget: withTimeBudget,
    IdSource: IdSource,
    helloRequest: helloRequest,
    readHelloReply: readHelloReply,
    classify: classify,
    plainRequest: plainRequest,
    refuseHostRequest: refuseHostRequest,
    resultText: resultText,
    splicedResultText: splicedResultText,
    hostTimeoutMs: hostTimeoutMs,
    ReplyMemory: ReplyMemory,
    repeatedReply: repeatedReply,
    describe: describe,
    makeLogger: makeLogger,
    now: now,
    noop: noop,
    publish: publish,
    layer: layer,
};

publish(typeof self !== "undefined" ? self : /** @type {AerpcPanelRoot} */ (this), "core", api);
if (typeof module === "object" && module !== null && typeof module.exports === "object") {
    module.exports = api;
}
}
