// aerpc panel library, layer 5: the socket and reconnect shell, and load(contract), which binds
// the library to a schema's generated tables (generated/cep/aerpc-panel.js) into the API a page
// uses as `Aerpc`:
//
//     var panel = new Aerpc.AerpcPanel({csInterface: new CepBridge()});
//     panel.on("status", function (s) { statusLine.textContent = s.status; });
//     panel.start();
//     panel.pipeline.open_tool({tool: "publisher"}).then(...);
//
// Options: url, token (else AERPC_URL / AERPC_TOKEN, falling back to WEBSOCKET_URL, read from
// the host's environment through the bridge), WebSocket (default: the global one), bridge (a
// host bridge, bridge-evalscript.js describes it) or csInterface (CEP's CSInterface: the
// evalScript bridge over it), extensionVersion (else the bridge's), instance (default: random
// per page load), app {name, version} (default: the bridge's hostInfo()), log, debugPayloads,
// reconnect {initialDelayMs, maxDelayMs, factor, jitter, random}, helloTimeoutMs,
// environmentTimeoutMs, evalScriptTimeoutMs (number, or function(method, defaultMs)),
// rememberIds, rememberBytes, panelMethods.
//
// Deadlines travel with requests (docs/wire-extensions.md): a request may carry
// "aerpc": {"timeout_ms": N}, the caller's time left in milliseconds when it sent it. The panel
// waits on the host until that budget (counted from receipt) runs out, else for the method's
// x-timeout-ms; its own pipeline calls carry the member too. What the pipeline asks of the host
// is host-requests.js's (HostRequests); this shell owns the socket, the hello, reconnects, the
// panel's own calls to the pipeline and the events of the API.

/** @typedef {import("./core.js").Json} Json */
/** @typedef {import("./core.js").RequestId} RequestId */
/** @typedef {import("./core.js").Contract} Contract */
/** @typedef {import("./core.js").MethodInfo} MethodInfo */
/** @typedef {import("./core.js").Outcome} Outcome */
/** @typedef {import("./bridge-evalscript.js").HostBridge} HostBridge */
/** @typedef {ReturnType<typeof import("./core.js").errorsFor>} ContractErrors */
/**
 * @typedef {object} ReconnectOptions
 * @property {number} initialDelayMs
 * @property {number} maxDelayMs
 * @property {number} factor
 * @property {number} jitter
 * @property {() => number} [random]
 */
/**
 * The options of AerpcPanel (the comment above; aerpc-panel-lib.d.ts documents each, and
 * aerpc-panel-lib-check.js checks that this type takes what that one promises).
 * @typedef {object} PanelOptions
 * @property {string} [url]
 * @property {string | null} [token]
 * @property {new (url: string) => unknown} [WebSocket]  a WebSocket class (or one like it)
 * @property {HostBridge} [bridge]
 * @property {import("./bridge-evalscript.js").CSInterfaceLike} [csInterface]
 * @property {string} [extensionVersion]
 * @property {string} [instance]
 * @property {{name: string, version?: string}} [app]
 * @property {import("./core.js").LogOption} [log]
 * @property {boolean} [debugPayloads]
 * @property {Partial<ReconnectOptions>} [reconnect]
 * @property {number} [helloTimeoutMs]
 * @property {number} [environmentTimeoutMs]
 * @property {number | ((method: string, defaultMs: number) => number)} [evalScriptTimeoutMs]
 * @property {number} [rememberIds]
 * @property {number} [rememberBytes]
 * @property {Record<string, PanelMethod>} [panelMethods]
 */
/** @typedef {import("./host-requests.js").PanelMethod} PanelMethod */
/** @typedef {import("./host-requests.js").CallEvent} CallEvent */
/** @typedef {import("./host-requests.js").HostCallEvent} HostCallEvent */
/** @typedef {{timeoutMs?: number}} CallOptions */
/**
 * The fields of a status event besides status, url and detail.
 * @typedef {object} StatusDetails
 * @property {number} [attempt]
 * @property {"environment"} [phase]
 * @property {number | null} [code]
 * @property {string} [reason]
 * @property {string} [session]
 * @property {number} [retryInMs]
 */
/** @typedef {import("./aerpc-panel-lib").PanelStatus} PanelStatus */
/** @typedef {StatusDetails & {status: PanelStatus, url: string | null, detail?: string}} StatusEvent */
/**
 * What each event's listeners get.
 * @typedef {object} PanelEvents
 * @property {StatusEvent} status
 * @property {Json} connected  the hello result
 * @property {CallEvent} call
 * @property {import("./queue.js").BusyEvent} busy
 * @property {HostCallEvent} hostcall
 */
/**
 * One websocket and what is known of it.
 * @typedef {{ws: WebSocket, helloId: string | null, helloed: boolean, closed: boolean,
 *     helloTimer: number | null}} Conn
 */
/**
 * An outgoing pipeline call. timer: set just after the call is made.
 * @typedef {object} Call
 * @property {string} id
 * @property {string} method
 * @property {string} text
 * @property {boolean} idempotent
 * @property {Conn | null} sentOn
 * @property {boolean} everSent
 * @property {(value: unknown) => void} resolve
 * @property {(error: Error) => void} reject
 * @property {number} started
 * @property {number} timeoutMs
 * @property {number | null} timer
 */

{ // this file's scope (in a page the library's scripts share the global one); loader at the end

// The layers below: in a page each is a plain script, met on the global AerpcPanelLib (loaded
// in layer order); in node each is a CommonJS module (core.js's publish and layer).
const root = typeof self !== "undefined" ? self : /** @type {AerpcPanelRoot} */ (this);
/** @type {typeof import("./core.js")} */
const core = root && root.AerpcPanelLib && root.AerpcPanelLib.core ? root.AerpcPanelLib.core
    : typeof require === "function" ? require("./core.js") : (() => {
        throw new Error("aerpc panel.js: load core.js before it");
    })();
const queueLib = core.layer(root, "queue", "./queue.js", "panel.js");
const bridgeLib = core.layer(root, "bridgeEvalScript", "./bridge-evalscript.js", "panel.js");
const requestsLib = core.layer(root, "hostRequests", "./host-requests.js", "panel.js");

const C = core.CODES;
const now = core.now;
const describe = core.describe;
const hasOwn = core.hasOwn;
const OPEN = 1;
const DEFAULTS = Object.freeze({
    reconnect: Object.freeze({initialDelayMs: 250, maxDelayMs: 10000, factor: 2, jitter: 0.5}),
    helloTimeoutMs: 10000,
    environmentTimeoutMs: 10000,
    rememberIds: 256,
    rememberBytes: 64 * 1024 * 1024,
});

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

// A short line for people (index.html shows it): never a payload or the token.
/**
 * @param {StatusEvent} event
 * @returns {string}
 */
function statusDetail(event) {
    const parts = [];
    if (event.phase === "environment") {
        parts.push("reading AERPC_URL");
    } else if (event.status === "connecting" && event.url) {
        parts.push(event.url);
    }
    if (event.status === "connecting" && event.attempt !== undefined && event.attempt > 1) {
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

/** The panel for one contract (made by load): the pipeline's host peer. */
class PanelShell {
    /**
     * @param {Contract} contract
     * @param {ContractErrors} errors
     * @param {PanelOptions | null} [options]
     */
    constructor(contract, errors, options) {
        const o = options || {};
        this._contract = contract;
        this._errors = errors;
        this._url = o.url || null;
        this._token = o.token === undefined || o.token === null ? null : String(o.token);
        const WebSocketClass = o.WebSocket || (typeof WebSocket !== "undefined" ? WebSocket : null);
        if (!WebSocketClass) {
            throw new TypeError("AerpcPanel: no WebSocket implementation; pass options.WebSocket");
        }
        this._WebSocket = /** @type {new (url: string) => WebSocket} */ (WebSocketClass);
        this._log = core.makeLogger(o.log);
        this._bridge = o.bridge || (o.csInterface ? new bridgeLib.EvalScriptBridge(o.csInterface, this._log) : null);
        this._extensionVersion = o.extensionVersion ? String(o.extensionVersion) : null;
        this.instance = o.instance ? String(o.instance) : randomInstance();
        this._app = o.app || null;
        this._debugPayloads = Boolean(o.debugPayloads);
        this._reconnect = /** @type {ReconnectOptions} */ (Object.assign({}, DEFAULTS.reconnect));
        for (const [key, value] of Object.entries(o.reconnect || {})) {
            if (value !== undefined && value !== null) {
                /** @type {Record<string, unknown>} */ (this._reconnect)[key] = value;
            }
        }
        this._random = typeof this._reconnect.random === "function" ? this._reconnect.random : Math.random;
        this._helloTimeoutMs = o.helloTimeoutMs || DEFAULTS.helloTimeoutMs;
        this._environmentTimeoutMs = o.environmentTimeoutMs || DEFAULTS.environmentTimeoutMs;
        /** @type {Map<keyof PanelEvents, Set<(payload: never) => void>>} */
        this._listeners = new Map();
        this._ids = new core.IdSource("cep:");
        /** @type {Conn | null} */
        this._conn = null;
        this._failures = 0;
        /** @type {number | null} */
        this._reconnectTimer = null;
        this._stopped = true;
        /** @type {{code?: number, reason: string, data?: unknown} | null} */
        this._fatal = null;
        /** @type {{code: number, reason: string} | null} */
        this._lastRefusal = null;
        this._maxMessageSize = core.DEFAULT_MAX_MESSAGE_SIZE;
        /** @type {Map<string, Call>} */
        this._calls = new Map(); // outgoing pipeline calls by id
        this._queue = new queueLib.HostCallQueue({
            log: this._log,
            now: now,
            onBusy: (event) => this._emit("busy", event),
            batch: requestsLib.batchOptions(this._bridge),
        });
        /** The pipeline's requests to the host (host-requests.js). */
        this._requests = new requestsLib.HostRequests({
            contract: contract,
            errors: errors,
            log: this._log,
            bridge: this._bridge,
            queue: this._queue,
            panelMethods: Object.assign({get_extension_version: () => this._extensionVersionValue()},
                o.panelMethods || {}),
            evalScriptTimeoutMs: o.evalScriptTimeoutMs === undefined ? null : o.evalScriptTimeoutMs,
            rememberIds: Math.max(256, o.rememberIds || DEFAULTS.rememberIds),
            rememberBytes: o.rememberBytes || DEFAULTS.rememberBytes,
            emit: (event, payload) => this._emit(event, /** @type {PanelEvents[typeof event]} */ (payload)),
            listened: (event) => this._listened(event),
            reportRun: (id, state) => this._reportRun(id, state),
        });

        /** The state shown to people: idle, connecting, connected, closed, failed, stopped. */
        /** @type {PanelStatus} */
        this.status = "idle";
        /**
         * The hello result of the current connection, or null.
         * @type {Json}
         */
        this.session = null;
        /**
         * The server's secret for resuming this instance's session (hello result "resume").
         * @type {string | null}
         */
        this._resume = null;

        /** @type {Record<string, (params?: Json, callOptions?: CallOptions | null) => Promise<unknown>>} */
        const pipeline = {};
        for (const name of Object.keys(contract.pipelineMethods)) {
            pipeline[name] = (params, callOptions) => this.call(name, params, callOptions);
        }
        /** Typed calls to the pipeline: panel.pipeline.open_tool({tool: "loader"}). */
        this.pipeline = Object.freeze(pipeline);
    }

    // ------------------------------------------------------------ public

    /**
     * Connect (and keep reconnecting) until stop(). Returns the panel.
     * @returns {this}
     */
    start() {
        if (!this._stopped) {
            return this;
        }
        if (!this._url && this._bridge === null) {
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
            this._settleCall(call, null, new core.NotConnected(call.method + ": the panel was stopped", call.method));
        }
        this._queue.clear();
        const conn = this._conn;
        this._conn = null;
        this.session = null;
        if (conn !== null) {
            this._closeConnection(conn, 1000, "panel stopped");
        }
        this._setStatus("stopped", {});
    }

    /**
     * Resolves with the hello result once connected (now, if already).
     * @param {number | null} [timeoutMs]  none: no deadline
     * @returns {Promise<Json>}
     */
    ready(timeoutMs) {
        if (this.status === "connected" && this.session !== null) {
            return Promise.resolve(this.session);
        }
        return new Promise((resolve, reject) => {
            /** @type {number | null} */
            let timer = null;
            const off = this.on("status", (event) => {
                if (event.status === "connected") {
                    finish();
                    resolve(this.session);
                } else if (event.status === "failed" || event.status === "stopped") {
                    finish();
                    reject(new core.NotConnected("the panel is " + event.status +
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
                    reject(new core.NotConnected("not connected within " + timeoutMs + " ms"));
                }, timeoutMs);
            }
        });
    }

    /**
     * Listen to an event; returns a function that removes the listener. Events: "status"
     * ({status, attempt, url, code, reason, retryInMs}), "connected" (hello result),
     * "call" ({direction, method, id, ok, code, durationMs}), "busy" ({label, waitedMs,
     * queued}: the host overran its timeout and still holds the queue).
     * @template {keyof PanelEvents} K
     * @param {K} event
     * @param {(payload: PanelEvents[K]) => void} listener
     * @returns {() => void}
     */
    on(event, listener) {
        let set = this._listeners.get(event);
        if (set === undefined) {
            set = new Set();
            this._listeners.set(event, set);
        }
        set.add(listener);
        return () => this.off(event, listener);
    }

    /**
     * @template {keyof PanelEvents} K
     * @param {K} event
     * @param {(payload: PanelEvents[K]) => void} listener
     */
    off(event, listener) {
        const set = this._listeners.get(event);
        if (set) {
            set.delete(listener);
        }
    }

    /** Host calls waiting behind the one running. */
    get queueDepth() {
        return this._queue.depth;
    }

    /**
     * Call a pipeline method by name; prefer panel.pipeline.<method>(params).
     * @param {string} method
     * @param {Json} [params]  an object (by name); none: {}
     * @param {CallOptions | null} [options]
     * @returns {Promise<unknown>}
     */
    call(method, params, options) {
        const schema = this._contract.schema;
        if (!hasOwn(this._contract.pipelineMethods, method)) {
            return Promise.reject(this._errors.make(C.methodNotFound,
                method + " is not a pipeline method of schema " + schema.name + " " + schema.version,
                {method: method}));
        }
        const info = this._contract.pipelineMethods[method];
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
            return Promise.reject(new core.NotConnected(method + ": the panel is not started", method));
        }
        const id = this._ids.next();
        const text = core.toJson({jsonrpc: "2.0", id: id, method: method, params: params});
        // Sent with the time left added (_sendCall); measured with the longest such member.
        const longest = core.withTimeBudget(text, core.MAX_TIMEOUT_MS);
        if (core.overLimit(longest, this._maxMessageSize)) {
            const size = core.utf8Length(longest);
            return Promise.reject(this._errors.make(C.messageTooLarge,
                method + ": the request is " + size + " bytes, over the limit of " +
                this._maxMessageSize + " bytes", {size: size, limit: this._maxMessageSize}));
        }
        return new Promise((resolve, reject) => {
            /** @type {Call} */
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

    /** @param {keyof PanelEvents} event */
    _listened(event) {
        const set = this._listeners.get(event);
        return set !== undefined && set.size > 0;
    }

    /**
     * Send a JSON-RPC notification to the pipeline now; false when not connected (nothing
     * is sent). events.js sends host events (aerpc.event) through it.
     * @param {string} method
     * @param {Json} params
     * @returns {boolean}
     */
    notify(method, params) {
        if (!this._isConnected()) {
            return false;
        }
        return this._sendOn(/** @type {Conn} */ (this._conn), core.toJson({jsonrpc: "2.0", method: method, params: params}));
    }

    /**
     * @template {keyof PanelEvents} K
     * @param {K} event
     * @param {PanelEvents[K]} payload
     */
    _emit(event, payload) {
        const set = this._listeners.get(event);
        if (!set) {
            return;
        }
        for (const listener of Array.from(set)) {
            try {
                // Each set holds the listeners of its own event.
                /** @type {(payload: PanelEvents[K]) => void} */ (listener)(payload);
            } catch (error) {
                this._log.error("a " + event + " listener threw: " + describe(error));
            }
        }
    }

    /**
     * @param {PanelStatus} status
     * @param {StatusDetails} details
     */
    _setStatus(status, details) {
        this.status = status;
        /** @type {StatusEvent} */
        const event = Object.assign({status: status, url: this._url}, details);
        event.detail = statusDetail(event);
        this._log.info("status " + status + (event.reason ? " (" + event.reason + ")" : ""));
        this._emit("status", event);
    }

    _isConnected() {
        const conn = this._conn;
        return conn !== null && conn.helloed && !conn.closed && conn.ws.readyState === OPEN;
    }

    // Tell the pipeline a host call started running, or ended after it was answered (timed
    // out): the server knows what After Effects is busy with (aerpc.run, docs/reliability.md).
    /**
     * @param {RequestId} id
     * @param {"started" | "ended"} state
     */
    _reportRun(id, state) {
        if (this._isConnected()) {
            this._sendOn(/** @type {Conn} */ (this._conn), core.toJson({jsonrpc: "2.0", method: "aerpc.run",
                params: {id: id, state: state}}));
        }
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
                this._fatal = {reason: "AERPC_URL is not set in the host application's environment " +
                    "(it was not started by the pipeline)"};
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
            this._log.warn("could not read the environment through the host: " + describe(error));
            this._retryLater({code: null, reason: "environment not readable: " + describe(error)});
        });
    }

    // The environment, read through the host bridge in the host-call queue.
    /** @returns {Promise<Json>} */
    _readEnvironment() {
        return new Promise((resolve, reject) => {
            // Only without a url, and then start() made sure there is a bridge.
            const bridge = /** @type {HostBridge} */ (this._bridge);
            const label = "read the environment";
            this._queue.push({
                label: label,
                timeoutMs: this._environmentTimeoutMs,
                start: () => true,
                exec: (done) => bridge.readEnvironment(done),
                result: (outcome) => {
                    if (!outcome.ok) {
                        reject(new Error(outcome.error.message));
                    } else {
                        const value = hasOwn(outcome, "json") ? JSON.parse(outcome.json) : outcome.value;
                        resolve(value || {});
                    }
                },
                timeout: (waitedMs) => reject(this._errors.make(C.hostTimeout, "the host did not " + label +
                    " within " + waitedMs + " ms")),
                cancel: () => reject(new core.NotConnected("cancelled")),
                drop: () => reject(new core.NotConnected("the panel stopped")),
            });
        });
    }

    _connect() {
        const attempt = this._failures + 1;
        this._setStatus("connecting", {attempt: attempt});
        let ws;
        try {
            ws = new this._WebSocket(/** @type {string} */ (this._url)); // _begin set it
        } catch (error) {
            this._log.warn("cannot open " + this._url + ": " + describe(error));
            this._retryLater({code: null, reason: describe(error)});
            return;
        }
        const conn = {ws: ws, helloId: null, helloed: false, closed: false, helloTimer: null};
        this._conn = conn;
        ws.onopen = () => this._onOpen(conn);
        ws.onmessage = (event) => this._onMessage(conn, event.data);
        ws.onerror = () => {};
        ws.onclose = (event) => this._onClose(conn, event ? event.code : 1006, event ? event.reason : "");
    }

    /** @param {Conn} conn */
    _onOpen(conn) {
        if (conn !== this._conn || conn.closed) {
            return;
        }
        conn.helloId = this._ids.next();
        conn.helloTimer = setTimeout(() => {
            this._log.warn("no reply to rpc.hello within " + this._helloTimeoutMs + " ms");
            this._closeConnection(conn, 4000, "no hello reply");
            this._onClose(conn, 4000, "no reply to rpc.hello");
        }, this._helloTimeoutMs);
        this._sendOn(conn, core.helloRequest(conn.helloId, {
            token: this._token,
            instance: this.instance,
            app: this._appInfo(),
            extensionVersion: this._extensionVersionOrUnknown(),
            schema: this._contract.schema,
            resume: this._resume,
        }));
    }

    /**
     * @param {Conn} conn
     * @param {Json} message
     */
    _onHelloReply(conn, message) {
        clearTimeout(/** @type {number} */ (conn.helloTimer)); // set in _onOpen
        conn.helloTimer = null;
        const hello = core.readHelloReply(message, this._contract.schema, this._errors);
        if (!hello.ok) {
            const error = hello.error;
            if (hello.fatal) {
                this._fatal = {code: error.code, reason: error.message, data: error.data};
            }
            this._log.warn("rpc.hello refused: " + error.code + " " + error.message);
            this._lastRefusal = {code: error.code, reason: error.message};
            this._closeConnection(conn, 1000, "hello refused");
            return;
        }
        conn.helloed = true;
        this.session = hello.session;
        if (hello.resume !== null) {
            this._resume = hello.resume;
        }
        this._maxMessageSize = hello.maxMessageSize;
        this._requests.maxMessageSize = hello.maxMessageSize;
        if (hello.schemaWarning !== null) {
            this._log.warn(hello.schemaWarning);
        }
        this._failures = 0;
        this._setStatus("connected", {session: hello.session.session, attempt: 0});
        this._emit("connected", hello.session);
        for (const call of Array.from(this._calls.values())) {
            if (call.sentOn === null && this._calls.has(call.id) && this._isConnected()) {
                this._sendCall(call);
            }
        }
    }

    /**
     * @param {Conn} conn
     * @param {number} code
     * @param {string} reason
     */
    _closeConnection(conn, code, reason) {
        try {
            conn.ws.close(code, reason);
        } catch (ignored) {
            // already closing
        }
    }

    /**
     * @param {Conn} conn
     * @param {number} code
     * @param {string} reason
     */
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
                    this._settleCall(call, null, new core.ConnectionLost(
                        call.method + ": the connection closed before the reply; the pipeline may have run it",
                        call.method, true));
                }
            }
        }
        if (this._stopped) {
            return;
        }
        const refusal = this._lastRefusal;
        this._lastRefusal = null;
        if (this._fatal !== null) {
            this._setStatus("failed", {code: this._fatal.code, reason: this._fatal.reason});
            return;
        }
        this._retryLater({code: code, reason: refusal ? refusal.reason : (reason || "")});
    }

    /** @param {StatusDetails} details */
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

    /**
     * @param {Conn} conn
     * @param {string} text
     * @returns {boolean}
     */
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

    /** @returns {{name: string, version: string}} */
    _appInfo() {
        if (this._app && this._app.name) {
            return {name: String(this._app.name), version: String(this._app.version || "unknown")};
        }
        const info = this._bridge !== null ? this._bridge.hostInfo() : null;
        return info || {name: "unknown", version: "unknown"};
    }

    /** @returns {string} */
    _extensionVersionValue() {
        if (this._extensionVersion === null && this._bridge !== null) {
            this._extensionVersion = this._bridge.extensionVersion();
        }
        if (this._extensionVersion === null) {
            throw this._errors.make(C.internalError, "the extension version is unknown: no " +
                "extensionVersion option and the host bridge does not know it (CSXS/manifest.xml " +
                "could not be read)");
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

    /**
     * @param {Conn} conn
     * @param {unknown} data
     */
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
            this._sendOn(conn, core.errorResponse(null, C.parseError, "not valid JSON: " + describe(error)));
            return;
        }
        const tooLarge = core.overLimit(data, this._maxMessageSize);
        if (Array.isArray(message)) {
            if (message.length === 0) {
                this._sendOn(conn, core.errorResponse(null, C.invalidRequest, "an empty batch"));
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
        this._onOne(conn, message, tooLarge, data).then((text) => {
            if (text !== null) {
                this._sendOn(conn, text);
            }
        });
    }

    // One message (text: its JSON text, if it came alone); resolves with the reply text, or
    // null when none is due.
    /**
     * @param {Conn} conn
     * @param {Json} message
     * @param {boolean} tooLarge
     * @param {string} [text]
     * @returns {Promise<string | null>}
     */
    _onOne(conn, message, tooLarge, text) {
        const got = core.classify(message, tooLarge, this._maxMessageSize, text);
        if (got.kind === "invalid") {
            return Promise.resolve(got.reply);
        }
        if (got.kind === "response") {
            this._onResponse(conn, got.message);
            return Promise.resolve(null);
        }
        return this._requests.receive(got);
    }

    /**
     * @param {Conn} conn
     * @param {Json} message
     */
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
            this._settleCall(call, null, this._errors.fromWire(message.error));
        } else {
            this._settleCall(call, {value: message.result}, null);
        }
    }


    // ------------------------------------------------------------ outgoing

    // Send (or send again, after a reconnect) with the time left to the call's deadline.
    /** @param {Call} call */
    _sendCall(call) {
        const conn = /** @type {Conn} */ (this._conn); // callers checked _isConnected()
        const left = call.started + call.timeoutMs - now();
        if (this._sendOn(conn, core.withTimeBudget(call.text, left))) {
            call.sentOn = conn;
            call.everSent = true;
        }
    }

    /**
     * @param {Call} call
     * @param {number} timeoutMs
     */
    _onCallTimeout(call, timeoutMs) {
        if (!this._calls.has(call.id)) {
            return;
        }
        if (call.everSent) {
            if (call.sentOn !== null) {
                this._sendOn(call.sentOn, core.toJson({jsonrpc: "2.0", method: "rpc.cancel", params: {id: call.id}}));
            }
            this._settleCall(call, null, new core.RpcTimeout(call.method, timeoutMs, true));
        } else {
            this._settleCall(call, null, new core.NotConnected(call.method + ": not connected to the pipeline " +
                "within " + timeoutMs + " ms", call.method));
        }
    }

    /**
     * @param {Call} call
     * @param {{value: unknown} | null} outcome  when error is null
     * @param {(Error & {code?: number}) | null} error
     */
    _settleCall(call, outcome, error) {
        if (!this._calls.has(call.id)) {
            return;
        }
        this._calls.delete(call.id);
        clearTimeout(/** @type {number} */ (call.timer));
        if (this._listened("call")) {
            this._emit("call", {direction: "out", method: call.method, id: call.id, ok: error === null,
                code: error && error.code !== undefined ? error.code : null,
                durationMs: Math.round(now() - call.started)});
        }
        if (error !== null) {
            call.reject(error);
        } else {
            call.resolve(/** @type {{value: unknown}} */ (outcome).value);
        }
    }
}


/**
 * @param {Record<string, MethodInfo>} table
 * @returns {Record<string, MethodInfo>}
 */
function copyTable(table) {
    /** @type {Record<string, MethodInfo>} */
    const copy = {};
    for (const name of Object.keys(table)) {
        copy[name] = Object.assign({}, table[name]);
    }
    return copy;
}

/**
 * The panel API for a schema's generated contract (generated/cep/aerpc-panel.js): the class
 * AerpcPanel, the tables (HOST_METHODS, PIPELINE_METHODS: this API's own copies), SCHEMA,
 * and every error class by name. Throws when the contract is for another RUNTIME_ABI.
 * @param {Contract} contract
 */
function load(contract) {
    core.checkContract(contract);
    const bound = {
        runtimeAbi: contract.runtimeAbi,
        schema: Object.freeze(Object.assign({}, contract.schema)),
        hostMethods: copyTable(contract.hostMethods),
        pipelineMethods: copyTable(contract.pipelineMethods),
        protocolErrors: contract.protocolErrors,
        errors: contract.errors,
    };
    const errors = core.errorsFor(bound);
    class AerpcPanel extends PanelShell {
        /** @param {PanelOptions | null} [options] */
        constructor(options) {
            super(bound, errors, options);
        }
    }
    const api = {
        AerpcPanel: AerpcPanel,
        RUNTIME_ABI: core.RUNTIME_ABI,
        SCHEMA: bound.schema,
        HOST_METHODS: bound.hostMethods,
        PIPELINE_METHODS: bound.pipelineMethods,
        AerpcError: core.AerpcError,
        RemoteError: core.RemoteError,
        LocalError: core.LocalError,
        RpcTimeout: core.RpcTimeout,
        NotConnected: core.NotConnected,
        ConnectionLost: core.ConnectionLost,
        errorClassFor: errors.classFor,
        errorFromWire: errors.fromWire,
        jsStringLiteral: core.jsStringLiteral,
        utf8Length: core.utf8Length,
        parseEnvelope: bridgeLib.parseEnvelope,
        EvalScriptBridge: bridgeLib.EvalScriptBridge,
        // The schema's events (x-events): name -> {emittedBy, experimental}; events.js sends them.
        EVENTS: Object.freeze(Object.assign({},
            /** @type {{events?: Record<string, {emittedBy: string, experimental: boolean}>}} */ (contract).events)),
    };
    return Object.assign(api, errors.classes);
}

const api = {load: load, PanelShell: PanelShell};
core.publish(root, "panel", api);
root.AerpcPanelLib = root.AerpcPanelLib || {};
root.AerpcPanelLib.load = api.load;
if (typeof module === "object" && module !== null && typeof module.exports === "object") {
    module.exports = api;
}
}
