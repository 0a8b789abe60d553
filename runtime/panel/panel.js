// aerpc panel library, layer 4: the socket and reconnect shell, and load(contract), which binds
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
// x-timeout-ms; its own pipeline calls carry the member too.

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
 * The options of AerpcPanel (the comment above; generated/cep/aerpc-panel.d.ts documents each).
 * @typedef {object} PanelOptions
 * @property {string} [url]
 * @property {string | null} [token]
 * @property {new (url: string) => WebSocket} [WebSocket]
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
/** @typedef {(params: Json) => unknown} PanelMethod */
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
/** @typedef {StatusDetails & {status: string, url: string | null, detail?: string}} StatusEvent */
/**
 * @typedef {{direction: "in" | "out", method: string, id: RequestId, ok: boolean, code: number | null,
 *     durationMs: number}} CallEvent
 */
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
 * A host call handed to the bridge ("start") and answered ("end"; text: the reply sent).
 * @typedef {{phase: "start" | "end", method: string, id: RequestId, params?: Json, ok?: boolean,
 *     text?: string}} HostCallEvent
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
/**
 * A received host request, in the reply memory once it has an id.
 * @typedef {object} EntryState
 * @property {"queued" | "running" | "done" | "cancelled" | "expired"} state
 * @property {HostCallJob | null} job  while it runs
 * @property {number} received
 * @property {number | null} budgetMs
 * @property {number | null} deadline
 * @typedef {import("./core.js").MemoryEntry & EntryState} Entry
 */
/** @typedef {import("./queue.js").Job & {cancel(): void}} HostCallJob */

(/** @param {AerpcPanelRoot | undefined} root */ function (root, factory) {
    "use strict";
    var lib = root ? root.AerpcPanelLib : undefined;
    /**
     * @template {"core" | "queue" | "bridgeEvalScript"} K
     * @param {K} name
     * @param {string} file
     * @returns {NonNullable<AerpcPanelLibs[K]>}
     */
    var need = function (name, file) {
        var layer = lib ? lib[name] : undefined;
        if (layer) {
            return layer;
        }
        if (typeof require === "function") {
            return require(file);
        }
        throw new Error("aerpc panel.js: load " + file + " before it");
    };
    var api = factory(need("core", "./core.js"), need("queue", "./queue.js"),
        need("bridgeEvalScript", "./bridge-evalscript.js"));
    if (root) {
        root.AerpcPanelLib = root.AerpcPanelLib || {};
        root.AerpcPanelLib.panel = api;
        root.AerpcPanelLib.load = api.load;
    }
    if (typeof module === "object" && module !== null && typeof module.exports === "object") {
        module.exports = api;
    }
}(typeof self !== "undefined" ? self : /** @type {AerpcPanelRoot} */ (this),
/**
 * @param {typeof import("./core.js")} core
 * @param {typeof import("./queue.js")} queueLib
 * @param {typeof import("./bridge-evalscript.js")} bridgeLib
 */
function (core, queueLib, bridgeLib) {
    "use strict";

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
            this._WebSocket = WebSocketClass;
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
            this._evalScriptTimeoutMs = o.evalScriptTimeoutMs === undefined ? null : o.evalScriptTimeoutMs;
            /** @type {Record<string, PanelMethod>} */
            this._panelMethods = Object.assign(
                {get_extension_version: () => this._extensionVersionValue()}, o.panelMethods || {});

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
            /** @type {import("./core.js").ReplyMemory<Entry>} */
            this._memory = new core.ReplyMemory(Math.max(256, o.rememberIds || DEFAULTS.rememberIds),
                o.rememberBytes || DEFAULTS.rememberBytes);
            this._queue = new queueLib.HostCallQueue({
                log: this._log,
                now: now,
                onBusy: (event) => this._emit("busy", event),
            });

            /** The state shown to people: idle, connecting, connected, closed, failed, stopped. */
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
         * @param {string} status
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
            return this._onRequest(got);
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

        /**
         * @param {import("./core.js").ReceivedRequest} request
         * @returns {Promise<string | null>}
         */
        _onRequest(request) {
            const id = request.id;
            const hasId = request.hasId;
            const method = request.method;
            const params = request.params;
            const schema = this._contract.schema;
            if (method === "rpc.cancel") {
                if (params && typeof params === "object") {
                    this._cancel(params.id);
                }
                return Promise.resolve(hasId ? core.toJson({jsonrpc: "2.0", id: id, result: null}) : null);
            }
            if (!hasOwn(this._contract.hostMethods, method)) {
                return Promise.resolve(hasId ? core.errorResponse(id, C.methodNotFound, "method " + method +
                    " is not served by this panel (schema " + schema.name + " " + schema.version + ", " +
                    schema.hash + ")", {method: method}) : null);
            }
            if (params !== undefined && (params === null || typeof params !== "object" || Array.isArray(params))) {
                return Promise.resolve(hasId ? core.errorResponse(id, C.invalidParams, "params must be an object (by name)",
                    {errors: [{path: "", message: "params must be an object"}]}) : null);
            }
            if (request.badBudget) {
                this._log.warn("request " + id + " (" + method + "): aerpc.timeout_ms is not a positive " +
                    "number of milliseconds; ignored, the method's x-timeout-ms applies");
            }
            if (!hasId || id === null) {
                // A notification (or a null id) is run but not remembered.
                const entry = this._newEntry(id, method, request.budgetMs);
                return this._execute(entry, params || {}, request.text).then((text) => (hasId ? text : null));
            }
            const known = this._memory.get(id);
            if (known !== undefined) {
                this._log.info("request " + id + " (" + method + ") repeated; answered from memory");
                return core.repeatedReply(known, id, method);
            }
            const entry = this._newEntry(id, method, request.budgetMs);
            entry.pending = this._execute(entry, params || {}, request.text).then((text) => {
                entry.job = null; // what is remembered is the reply, not the call
                this._memory.finish(entry, text);
                return text;
            });
            this._memory.add(entry); // pending: trimming keeps it
            return entry.pending;
        }

        // budgetMs: the caller's aerpc.timeout_ms (null: none), counted from now.
        /**
         * @param {RequestId} id
         * @param {string} method
         * @param {number | null} budgetMs
         * @returns {Entry}
         */
        _newEntry(id, method, budgetMs) {
            const received = now();
            return {id: id, method: method, state: "queued", pending: null, text: null, bytes: 0,
                job: null, received: received, budgetMs: budgetMs,
                deadline: budgetMs === null ? null : received + budgetMs};
        }

        /** @param {Json} id */
        _cancel(id) {
            const entry = this._memory.get(id);
            if (entry === undefined) {
                return;
            }
            if (entry.state === "queued" && entry.job !== null && this._queue.remove(entry.job)) {
                this._log.info("request " + id + " (" + entry.method + ") cancelled before it started");
                entry.job.cancel();
            } else {
                this._log.info("rpc.cancel for " + id + " (" + entry.method + ") came too late: " + entry.state);
            }
        }

        // Run one host method (text: the request's JSON text for the host bridge, or null);
        // resolves with the reply text (never rejects).
        /**
         * @param {Entry} entry
         * @param {Json} params
         * @param {string | null} text
         * @returns {Promise<string>}
         */
        _execute(entry, params, text) {
            const info = this._contract.hostMethods[entry.method];
            if (!info.runsInPanel) {
                return new Promise((resolve) => {
                    const call = new HostCall(this, entry, info.timeoutMs, params, text, resolve);
                    entry.job = call;
                    if (this._bridge === null) {
                        call.fail(C.internalError, entry.method + ": this panel has no host bridge " +
                            "(options.csInterface or options.bridge)");
                        return;
                    }
                    this._queue.push(call);
                    call.armQueueTimer();
                });
            }
            const started = now();
            entry.state = "running";
            return Promise.resolve().then(() => {
                const handler = this._panelMethods[entry.method];
                if (typeof handler !== "function") {
                    throw this._errors.make(C.methodNotFound, "method " + entry.method + " has no panel implementation");
                }
                return handler(params);
            }).then(
                (result) => this._finished(entry, started, this._resultText(entry, result), true, null),
                (error) => {
                    const remote = error instanceof core.RemoteError ? error
                        : this._errors.make(C.internalError, entry.method + " failed in the panel: " + describe(error));
                    return this._finished(entry, started, core.errorResponse(entry.id, remote.code, remote.message,
                        remote.data), false, remote.code);
                });
        }

        // A host request has its reply text: the "call" event, and the text to send.
        /**
         * @param {Entry} entry
         * @param {number} started
         * @param {string} text
         * @param {boolean} ok
         * @param {number | null} code
         * @returns {string}
         */
        _finished(entry, started, text, ok, code) {
            entry.state = "done";
            if (this._listened("call")) {
                this._emit("call", {direction: "in", method: entry.method, id: entry.id, ok: ok,
                    code: code, durationMs: Math.round(now() - started)});
            }
            return text;
        }

        // defaultMs: the caller's budget left when present (aerpc.timeout_ms), else x-timeout-ms.
        /**
         * @param {string} method
         * @param {number} defaultMs
         * @returns {number}
         */
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

        // The reply for a result the bridge gave as JSON text, spliced in unparsed. Over the
        // size limit, the parsed path decides on the text it would send: no longer than this
        // one (the ES3 serialiser's \uXXXX escapes are 6 bytes where UTF-8 takes 2-4), so a
        // result is refused exactly when the text V8 would write is over the limit.
        /**
         * @param {Entry} entry
         * @param {string} json
         * @returns {string}
         */
        _splicedResultText(entry, json) {
            const text = core.resultResponse(entry.id, json);
            return core.overLimit(text, this._maxMessageSize) ? this._resultText(entry, JSON.parse(json)) : text;
        }

        /**
         * @param {Entry} entry
         * @param {unknown} result
         * @returns {string}
         */
        _resultText(entry, result) {
            const text = core.toJson({jsonrpc: "2.0", id: entry.id, result: result === undefined ? null : result});
            if (core.overLimit(text, this._maxMessageSize)) {
                const size = core.utf8Length(text);
                if (size > this._maxMessageSize) {
                    return core.errorResponse(entry.id, C.messageTooLarge, entry.method + ": the result is " + size +
                        " bytes, over the message size limit of " + this._maxMessageSize + " bytes",
                        {size: size, limit: this._maxMessageSize});
                }
            }
            return text;
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
     * One host request as a job of the host-call queue (queue.js): it starts when its turn
     * comes, unless the caller's budget (aerpc.timeout_ms) ran out while it waited, runs
     * through the shell's host bridge, and resolves with the reply text however it ends.
     */
    class HostCall {
        /**
         * @param {PanelShell} shell
         * @param {Entry} entry
         * @param {number} timeoutMs
         * @param {Json} params
         * @param {string | null} text
         * @param {(text: string) => void} resolve
         */
        constructor(shell, entry, timeoutMs, params, text, resolve) {
            this.shell = shell;
            this.entry = entry;
            this.defaultTimeoutMs = timeoutMs;
            this.params = params;
            this.text = text;
            this.resolve = resolve;
            this.timeoutMs = null; // set when it starts: the budget left then, or x-timeout-ms
            this.started = entry.received;
            this.queueTimer = null; // answers the call when its budget runs out while queued
            this.ran = false; // handed to the bridge, not yet answered
        }

        /** For log lines (the host-call queue's job label). */
        get label() {
            return this.entry.method + " " + this.entry.id;
        }

        // Still waiting behind another call: answer it when its budget runs out first.
        armQueueTimer() {
            const deadline = this.entry.deadline;
            if (deadline === null || this.entry.state !== "queued") {
                return;
            }
            this.queueTimer = setTimeout(() => {
                this.queueTimer = null;
                if (this.shell._queue.remove(this)) {
                    this.expire();
                }
            }, Math.max(0, Math.ceil(deadline - now())));
        }

        stopQueueTimer() {
            if (this.queueTimer !== null) {
                clearTimeout(this.queueTimer);
                this.queueTimer = null;
            }
        }

        // Returns false when the call must not run (its deadline passed).
        /** @returns {boolean} */
        start() {
            this.stopQueueTimer();
            const entry = this.entry;
            let defaultMs = this.defaultTimeoutMs;
            if (entry.deadline !== null) {
                const left = entry.deadline - now();
                if (!(left > 0)) {
                    this.expire();
                    return false;
                }
                defaultMs = Math.ceil(left);
            }
            this.timeoutMs = this.shell._evalTimeoutFor(entry.method, defaultMs);
            entry.state = "running";
            this.shell._reportRun(entry.id, "started");
            return true;
        }

        // It ended after its answer was sent (it timed out): the host is free again.
        ended() {
            this.shell._reportRun(this.entry.id, "ended");
        }

        /** @param {(outcome: Outcome) => void} done */
        exec(done) {
            const entry = this.entry;
            const request = {id: entry.id, method: entry.method, params: this.params, text: this.text};
            // The reply memory keeps this object (entry.job) for a while: not the request.
            this.params = null;
            this.text = null;
            this.ran = true; // events.js reports each host call's start and end (hostcall)
            this.shell._emit("hostcall", {phase: "start", method: entry.method, id: entry.id, params: request.params});
            // _execute queues a host call only when there is a bridge.
            /** @type {HostBridge} */ (this.shell._bridge).callHost(request, done);
        }

        /** @param {Outcome} outcome */
        result(outcome) {
            if (!outcome.ok) {
                const e = outcome.error;
                this.fail(e.code, e.message, e.data);
            } else if (hasOwn(outcome, "json")) {
                this.answer(this.shell._splicedResultText(this.entry, outcome.json), true, null);
            } else {
                this.answer(this.shell._resultText(this.entry, outcome.value), true, null);
            }
        }

        /** @param {number} waitedMs */
        timeout(waitedMs) {
            const method = this.entry.method;
            this.fail(C.hostTimeout, method + ": the host did not answer within " + waitedMs +
                " ms; later calls wait until it does", {method: method, timeout_ms: waitedMs});
        }

        cancel() {
            this.stopQueueTimer();
            this.entry.state = "cancelled";
            const method = this.entry.method;
            this.fail(C.hostTimeout, method + ": cancelled by the caller (rpc.cancel) before it started; it " +
                "was not run", {method: method, cancelled: true});
        }

        drop() {
            this.stopQueueTimer();
            this.entry.state = "cancelled";
            const resolve = this.resolve;
            this.resolve = core.noop;
            resolve(core.errorResponse(this.entry.id, C.hostTimeout, this.entry.method +
                ": the panel stopped before it ran"));
        }

        expire() {
            this.stopQueueTimer();
            const entry = this.entry;
            entry.state = "expired";
            this.shell._log.info("request " + entry.id + " (" + entry.method + ") not run: its " +
                entry.budgetMs + " ms budget (aerpc.timeout_ms) ran out while it was queued");
            this.fail(C.hostTimeout, entry.method + ": the caller's deadline (" + entry.budgetMs + " ms) " +
                "passed while it waited behind other calls; it was not run",
                {method: entry.method, timeout_ms: entry.budgetMs, expired: true});
        }

        /**
         * @param {number} code
         * @param {string} message
         * @param {unknown} [data]
         */
        fail(code, message, data) {
            this.answer(core.errorResponse(this.entry.id, code, message, data), false, code);
        }

        /**
         * @param {string} text
         * @param {boolean} ok
         * @param {number | null} code
         */
        answer(text, ok, code) {
            const resolve = this.resolve;
            this.resolve = core.noop; // answered once; the promise is not kept past it
            if (this.ran) {
                this.ran = false;
                this.shell._emit("hostcall", {phase: "end", method: this.entry.method, id: this.entry.id, ok: ok, text: text});
            }
            resolve(this.shell._finished(this.entry, this.started, text, ok, code));
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

    return {load: load, PanelShell: PanelShell};
}));
