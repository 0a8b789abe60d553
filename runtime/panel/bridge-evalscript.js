// aerpc panel library, layer 3: the CEP host bridge. The panel runs host methods through a
// "host bridge" (docs/cep.md), an object with
//
//   callHost({id, method, params, text}, done)
//                                           run one host method; done(outcome) once. text: the
//                                           request's JSON text as the pipeline sent it, when it
//                                           holds nothing but jsonrpc, id, method, params (and
//                                           aerpc.timeout_ms), else null; a bridge may hand it on
//                                           instead of serialising method and params again
//   readEnvironment(done)                   AERPC_URL / AERPC_TOKEN / WEBSOCKET_URL as the host
//                                           process sees them; done(outcome), value an object
//   hostInfo()                              {name, version} of the host application, or null
//   extensionVersion()                      the extension's version, or null
//
// where an outcome is {ok: true, json: "<result as JSON text>"}, {ok: true, value: <result>}
// or {ok: false, error: {code, message, data}}. Nothing above the bridge knows how a host
// method runs. This bridge runs it in After Effects' ExtendScript through CEP's evalScript and
// the ES3 dispatcher (runtime/extendscript/aerpc-dispatch.jsx): the source is always exactly
// __aerpc_dispatch(<the request JSON as an ASCII string literal>), or for a batch of calls
// (callHostBatch) one such literal per request separated by commas; arguments are never pasted
// into source. A UXP panel would call the host function in JavaScript instead.

/** @typedef {import("./core.js").Json} Json */
/** @typedef {import("./core.js").Outcome} Outcome */
/** @typedef {import("./aerpc-panel-lib").HostRequest} HostRequest */
/** @typedef {import("./aerpc-panel-lib").HostBridge} HostBridge */
/**
 * What this bridge uses of CEP's CSInterface; each member is checked before it is called.
 * @typedef {object} CSInterfaceLike
 * @property {(script: string, callback: (result: unknown) => void) => void} [evalScript]
 * @property {() => unknown} [getHostEnvironment]
 * @property {(pathType: string) => string} [getSystemPath]
 */

{ // this file's scope (in a page the library's scripts share the global one); loader at the end

// The layers below: in a page each is a plain script, met on the global AerpcPanelLib (loaded
// in layer order); in node each is a CommonJS module (core.js's publish and layer).
const root = typeof self !== "undefined" ? self : /** @type {AerpcPanelRoot} */ (this);
/** @type {typeof import("./core.js")} */
const core = root && root.AerpcPanelLib && root.AerpcPanelLib.core ? root.AerpcPanelLib.core
    : typeof require === "function" ? require("./core.js") : (() => {
        throw new Error("aerpc bridge-evalscript.js: load core.js before it");
    })();

// How __aerpc_dispatch begins a success envelope: {"ok":true,"result": then the result's
// JSON text, then "}".
const ENVELOPE_OK = "{\"ok\":true,\"result\":";
const EVAL_FAILED = "EvalScript error.";
const CLOSING_BRACE = 125;

/**
 * What evalScript gave back, as {ok, result} or {ok: false, error: {code, message, data}}.
 * @param {unknown} raw
 * @returns {{ok: true, result: Json} | {ok: false, error: {code: number, message: string, data: unknown}}}
 */
function parseEnvelope(raw) {
    /** @type {(message: string) => {ok: false, error: {code: number, message: string, data: unknown}}} */
    const fail = (message) => ({
        ok: false,
        error: {code: core.CODES.extendScriptError, message: message,
            data: {raw: typeof raw === "string" ? raw.slice(0, 200) : String(raw)}},
    });
    if (typeof raw !== "string") {
        return fail("evalScript returned " + typeof raw + ", not the dispatcher's JSON");
    }
    if (raw === EVAL_FAILED) {
        return fail("ExtendScript failed outside the dispatcher (EvalScript error.): is aerpc's " +
            "ExtendScript (jsx/aerpc.jsx, the extension's ScriptPath) loaded in this After Effects?");
    }
    if (raw === "undefined" || raw === "") {
        return fail("ExtendScript returned nothing instead of the dispatcher's JSON");
    }
    let envelope;
    try {
        envelope = JSON.parse(raw);
    } catch (error) {
        return fail("ExtendScript returned text that is not JSON: " + core.describe(error));
    }
    if (envelope !== null && typeof envelope === "object" && envelope.ok === true &&
            core.hasOwn(envelope, "result")) {
        return {ok: true, result: envelope.result};
    }
    if (envelope !== null && typeof envelope === "object" && envelope.ok === false && envelope.error &&
            Number.isInteger(envelope.error.code) && typeof envelope.error.message === "string") {
        return {ok: false, error: {code: envelope.error.code, message: envelope.error.message,
            data: envelope.error.data === undefined ? null : envelope.error.data}};
    }
    return fail("ExtendScript returned JSON that is not the dispatcher's envelope");
}

// The outcome of a dispatcher answer. A success envelope gives its result text unread (for
// a large result, parsing and serialising it again were most of the panel's time):
//   * raw is what __aerpc_dispatch returned: the only source this bridge runs for a host
//     call is __aerpc_dispatch(<string literal>), and a host function's return value
//     reaches the panel only as the "result" the dispatcher serialised.
//   * __aerpc_dispatch answers success as ENVELOPE_OK + __aerpc.json.stringify(result) + "}"
//     with no white space (null for void and undefined). That serialiser writes JSON for
//     any value: undefined and functions become null (skipped as members), NaN and the
//     infinities null, a cycle throws and becomes an error envelope; strings escape
//     everything outside printable ASCII (U+2028, lone surrogates), so the result text is
//     one JSON value.
//   * Every other answer (an error envelope, "EvalScript error.", "undefined", "") does not
//     begin with ENVELOPE_OK. ENVELOPE_OK + "}" (an empty result, not JSON) is refused.
/**
 * @param {unknown} raw
 * @returns {Outcome}
 */
function outcomeOf(raw) {
    if (typeof raw === "string" && raw.length >= ENVELOPE_OK.length + 2 &&
            raw.charCodeAt(raw.length - 1) === CLOSING_BRACE && raw.startsWith(ENVELOPE_OK)) {
        return {ok: true, json: raw.slice(ENVELOPE_OK.length, -1)};
    }
    const parsed = parseEnvelope(raw);
    return parsed.ok ? {ok: true, value: parsed.result} : parsed;
}

/**
 * The outcomes of a batch from what __aerpc_dispatch(<literal>, <literal>, ...) answered: one
 * envelope per request, joined by "\n". An envelope never holds a raw line feed (the ES3
 * serialiser escapes every control character), so the split is exact. An answer that is not
 * `count` envelopes (evalScript failed, "EvalScript error.", a dispatcher without batches)
 * becomes that failure for every request of the batch.
 * @param {unknown} raw
 * @param {number} count
 * @returns {Outcome[]}
 */
function outcomesOf(raw, count) {
    const parts = typeof raw === "string" ? raw.split("\n") : [];
    if (parts.length === count) {
        return parts.map(outcomeOf);
    }
    const single = outcomeOf(raw);
    /** @type {Outcome} */
    const failed = single.ok ? {ok: false, error: {code: core.CODES.extendScriptError, message: "ExtendScript " +
        "answered " + parts.length + " results for a batch of " + count + " calls (is aerpc's ExtendScript " +
        "of the same build as the panel?)", data: {raw: typeof raw === "string" ? raw.slice(0, 200) : String(raw)}}}
        : single;
    return new Array(count).fill(failed);
}

/**
 * A request as the ES3 string literal of its JSON text: the received text when there is one.
 * @param {HostRequest} request
 * @returns {string}
 */
function requestLiteral(request) {
    const text = typeof request.text === "string" ? request.text
        : core.toJson({jsonrpc: "2.0", id: request.id, method: request.method, params: request.params});
    return core.jsStringLiteral(text);
}

/**
 * The ExtensionBundleVersion of CSXS/manifest.xml, through CEP's file API; null if unknown.
 * @param {CSInterfaceLike | null | undefined} cs
 * @returns {string | null}
 */
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

/**
 * The host bridge over CEP's CSInterface (or a stand-in with evalScript).
 * @implements {HostBridge}
 */
class EvalScriptBridge {
    /**
     * @param {CSInterfaceLike | null | undefined} csInterface
     * @param {import("./core.js").LogOption} [log]  a logger (some of its levels), or a function
     *     (level, message); none: warnings and errors to the console
     */
    constructor(csInterface, log) {
        this._cs = csInterface;
        this._log = core.makeLogger(log);
    }

    // The dispatcher reads the method and params of the text it is given, and ignores
    // the other members; the received text is used as it is when there is one.
    /** @param {HostRequest} request @param {(outcome: Outcome) => void} done */
    callHost(request, done) {
        this._eval("__aerpc_dispatch(" + requestLiteral(request) + ")", done);
    }

    // Several requests in one evalScript: __aerpc_dispatch with one string literal per
    // request runs them in order and answers their envelopes joined by a line feed (below).
    /** @param {HostRequest[]} requests @param {(outcomes: Outcome[]) => void} done */
    callHostBatch(requests, done) {
        this._evalRaw("__aerpc_dispatch(" + requests.map(requestLiteral).join(",") + ")",
            (raw) => done(outcomesOf(raw, requests.length)));
    }

    /** @param {(outcome: Outcome) => void} done */
    readEnvironment(done) {
        this._eval("__aerpc_env()", done);
    }

    /** @param {string} source @param {(outcome: Outcome) => void} done */
    _eval(source, done) {
        this._evalRaw(source, (raw) => done(outcomeOf(raw)));
    }

    /** @param {string} source @param {(raw: unknown) => void} done  what evalScript answered */
    _evalRaw(source, done) {
        const cs = this._cs;
        if (!cs || typeof cs.evalScript !== "function") {
            done(EVAL_FAILED);
            return;
        }
        try {
            cs.evalScript(source, done);
        } catch (error) {
            this._log.error("evalScript threw: " + core.describe(error));
            done(EVAL_FAILED);
        }
    }

    /** @returns {{name: string, version: string}} */
    hostInfo() {
        /** @type {Json} */
        let env = null;
        if (this._cs && typeof this._cs.getHostEnvironment === "function") {
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

    /** @returns {string | null} */
    extensionVersion() {
        return readManifestVersion(this._cs);
    }
}

const api = {
    EvalScriptBridge: EvalScriptBridge,
    parseEnvelope: parseEnvelope,
    outcomeOf: outcomeOf,
    outcomesOf: outcomesOf,
    ENVELOPE_OK: ENVELOPE_OK,
};
core.publish(root, "bridgeEvalScript", api);
if (typeof module === "object" && module !== null && typeof module.exports === "object") {
    module.exports = api;
}
}
