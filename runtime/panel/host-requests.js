// aerpc panel library, layer 4: the pipeline's requests to the host. A request for a host
// method is checked (core.refuseHostRequest), remembered by id (a request sent again after a
// reconnect is answered from memory, never run twice), then run: a method answered in panel
// JavaScript (x-runs-in: "panel") at once, any other as a job of the host-call queue (queue.js)
// through the host bridge (bridge-evalscript.js). rpc.cancel drops a call still queued; a call
// whose caller's budget (aerpc.timeout_ms) runs out while queued is answered and never run.
// The socket shell (panel.js) hands each received request to HostRequests.receive and sends
// the reply text it resolves with.

/** @typedef {import("./core.js").Json} Json */
/** @typedef {import("./core.js").RequestId} RequestId */
/** @typedef {import("./core.js").Contract} Contract */
/** @typedef {import("./core.js").Outcome} Outcome */
/** @typedef {import("./bridge-evalscript.js").HostBridge} HostBridge */
/** @typedef {(params: Json) => unknown} PanelMethod */
/**
 * A call finished, either way ("call" event; direction "in": a host request, "out": a pipeline call).
 * @typedef {{direction: "in" | "out", method: string, id: RequestId, ok: boolean, code: number | null,
 *     durationMs: number}} CallEvent
 */
/**
 * A host call handed to the bridge ("start") and answered ("end"; text: the reply sent).
 * @typedef {{phase: "start" | "end", method: string, id: RequestId, params?: Json, ok?: boolean,
 *     text?: string}} HostCallEvent
 */
/** @typedef {{call: CallEvent, hostcall: HostCallEvent}} RequestEvents */
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
/**
 * What HostRequests is given by the shell.
 * @typedef {object} RequestsOptions
 * @property {Contract} contract
 * @property {ReturnType<typeof import("./core.js").errorsFor>} errors
 * @property {import("./core.js").Logger} log
 * @property {HostBridge | null} bridge
 * @property {import("./queue.js").HostCallQueue} queue  the one queue of host work (the shell's
 *     environment read goes through it too)
 * @property {Record<string, PanelMethod>} panelMethods
 * @property {number | ((method: string, defaultMs: number) => number) | null} evalScriptTimeoutMs
 * @property {number} rememberIds
 * @property {number} rememberBytes
 * @property {<K extends keyof RequestEvents>(event: K, payload: RequestEvents[K]) => void} emit
 * @property {(event: keyof RequestEvents) => boolean} listened
 * @property {(id: RequestId, state: "started" | "ended") => void} reportRun  tells the pipeline
 *     a host call started running, or ended after it was answered (it timed out): aerpc.run
 */

{ // this file's scope (in a page the library's scripts share the global one); loader at the end

// The layers below: in a page each is a plain script, met on the global AerpcPanelLib (loaded
// in layer order); in node each is a CommonJS module (core.js's publish and layer).
const root = typeof self !== "undefined" ? self : /** @type {AerpcPanelRoot} */ (this);
/** @type {typeof import("./core.js")} */
const core = root && root.AerpcPanelLib && root.AerpcPanelLib.core ? root.AerpcPanelLib.core
    : typeof require === "function" ? require("./core.js") : (() => {
        throw new Error("aerpc host-requests.js: load core.js before it");
    })();

const C = core.CODES;
const now = core.now;
const describe = core.describe;
const hasOwn = core.hasOwn;
// Batches (queue.js): host calls that wait together cross into the host in one evalScript, at
// most BATCH_MAX of them, and only calls of short methods, those whose x-timeout-ms is at most
// BATCHABLE_MS (the schema's reads and quick edits; not open, save, import or render, which
// cross alone). So a reply waits at most for the other short calls of its crossing, never for
// a long one, and a long call never waits for a batch it is not in longer than before.
const BATCH_MAX = 16;
const BATCHABLE_MS = 30000;

/** The host requests of one panel: checked, remembered by id, queued and run. */
class HostRequests {
    /** @param {RequestsOptions} options */
    constructor(options) {
        this._contract = options.contract;
        this._errors = options.errors;
        this._log = options.log;
        this._bridge = options.bridge;
        this._queue = options.queue;
        this._panelMethods = options.panelMethods;
        this._evalScriptTimeoutMs = options.evalScriptTimeoutMs;
        this._emit = options.emit;
        this._listened = options.listened;
        this._reportRun = options.reportRun;
        /** @type {import("./core.js").ReplyMemory<Entry>} */
        this._memory = new core.ReplyMemory(options.rememberIds, options.rememberBytes);
        /** The message size limit of the current connection (its hello result), in bytes. */
        this.maxMessageSize = core.DEFAULT_MAX_MESSAGE_SIZE;
    }

    /**
     * The reply text for a received request (null: none is due); never rejects.
     * @param {import("./core.js").ReceivedRequest} request
     * @returns {Promise<string | null>}
     */
    receive(request) {
        const id = request.id;
        const hasId = request.hasId;
        const method = request.method;
        const params = request.params;
        if (method === "rpc.cancel") {
            if (params && typeof params === "object") {
                this._cancel(params.id);
            }
            return Promise.resolve(hasId ? core.toJson({jsonrpc: "2.0", id: id, result: null}) : null);
        }
        const refused = core.refuseHostRequest(request, this._contract);
        if (refused !== null) {
            return Promise.resolve(refused.reply);
        }
        if (request.badBudget) {
            this._log.warn("request " + id + " (" + method + "): aerpc.timeout_ms is not a positive " +
                "number of milliseconds; ignored, the method's x-timeout-ms applies");
        }
        if (!hasId || id === null) {
            // A notification (or a null id) is run but not remembered.
            const entry = this._newEntry(id, method, request.budgetMs);
            return this._execute(entry, params || {}, request.text, request.idle).then((text) => (hasId ? text : null));
        }
        const known = this._memory.get(id);
        if (known !== undefined) {
            this._log.info("request " + id + " (" + method + ") repeated; answered from memory");
            return core.repeatedReply(known, id, method);
        }
        const entry = this._newEntry(id, method, request.budgetMs);
        entry.pending = this._execute(entry, params || {}, request.text, request.idle).then((text) => {
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

    // Run one host method (text: the request's JSON text for the host bridge, or null; idle:
    // the server counts it as running from its send, aerpc.idle); resolves with the reply text
    // (never rejects).
    /**
     * @param {Entry} entry
     * @param {Json} params
     * @param {string | null} text
     * @param {boolean} idle
     * @returns {Promise<string>}
     */
    _execute(entry, params, text, idle) {
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
                // aerpc.run: a call the server sent as to an idle host and that starts now,
                // on arrival, is running as the server counts it: no report (exec)
                call.quietStart = idle;
                this._queue.push(call);
                call.quietStart = false;
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
            (result) => this._finished(entry, started,
                core.resultText(entry.id, entry.method, result, this.maxMessageSize), true, null),
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
}

/**
 * One host request as a job of the host-call queue (queue.js): it starts when its turn
 * comes, unless the caller's budget (aerpc.timeout_ms) ran out while it waited, runs
 * through the host bridge, and resolves with the reply text however it ends.
 */
class HostCall {
    /**
     * @param {HostRequests} requests
     * @param {Entry} entry
     * @param {number} timeoutMs
     * @param {Json} params
     * @param {string | null} text
     * @param {(text: string) => void} resolve
     */
    constructor(requests, entry, timeoutMs, params, text, resolve) {
        this.requests = requests;
        this.entry = entry;
        this.defaultTimeoutMs = timeoutMs;
        this.params = params;
        this.text = text;
        this.resolve = resolve;
        this.timeoutMs = null; // set when it starts: the budget left then, or x-timeout-ms
        this.started = entry.received;
        this.queueTimer = null; // answers the call when its budget runs out while queued
        this.ran = false; // handed to the bridge, not yet answered
        this.quietStart = false; // while it is queued on arrival: starting it now is not reported
        // May share an evalScript with other calls (queue.js): a short method (BATCHABLE_MS).
        this.batchable = timeoutMs <= BATCHABLE_MS;
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
            if (this.requests._queue.remove(this)) {
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
        this.timeoutMs = core.hostTimeoutMs(this.requests._evalScriptTimeoutMs, entry.method, defaultMs);
        entry.state = "running";
        return true;
    }

    // It ended after its answer was sent (it timed out): the host is free again.
    ended() {
        this.requests._reportRun(this.entry.id, "ended");
    }

    /** @param {(outcome: Outcome) => void} done */
    exec(done) {
        if (!this.quietStart) {
            this.requests._reportRun(this.entry.id, "started");
        }
        // _execute queues a host call only when there is a bridge.
        /** @type {HostBridge} */ (this.requests._bridge).callHost(this.handOver(), done);
    }

    /**
     * The request for the host bridge, as the call is handed to it (alone, or in a batch).
     * @returns {import("./aerpc-panel-lib").HostRequest}
     */
    handOver() {
        const entry = this.entry;
        const request = {id: entry.id, method: entry.method, params: this.params, text: this.text};
        // The reply memory keeps this object (entry.job) for a while: not the request.
        this.params = null;
        this.text = null;
        this.ran = true; // events.js reports each host call's start and end (hostcall)
        this.requests._emit("hostcall", {phase: "start", method: entry.method, id: entry.id, params: request.params});
        return request;
    }

    /** @param {Outcome} outcome */
    result(outcome) {
        if (!outcome.ok) {
            const e = outcome.error;
            this.fail(e.code, e.message, e.data);
        } else if (hasOwn(outcome, "json")) {
            this.answer(core.splicedResultText(this.entry.id, this.entry.method, outcome.json,
                this.requests.maxMessageSize), true, null);
        } else {
            this.answer(core.resultText(this.entry.id, this.entry.method, outcome.value, this.requests.maxMessageSize),
                true, null);
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
        this.requests._log.info("request " + entry.id + " (" + entry.method + ") not run: its " +
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
            this.requests._emit("hostcall", {phase: "end", method: this.entry.method, id: this.entry.id, ok: ok, text: text});
        }
        resolve(this.requests._finished(this.entry, this.started, text, ok, code));
    }
}

/**
 * How the host-call queue runs a batch of host calls through the bridge (queue.js's batch
 * option): in one crossing when the bridge has callHostBatch, else null (one call a crossing).
 * @param {HostBridge | null} bridge
 * @returns {import("./queue.js").BatchOptions | null}
 */
function batchOptions(bridge) {
    if (bridge === null || typeof bridge.callHostBatch !== "function") {
        return null;
    }
    const callHostBatch = bridge.callHostBatch.bind(bridge);
    /** @param {import("./queue.js").Job[]} jobs @param {(outcomes: Outcome[]) => void} done */
    const exec = (jobs, done) => {
        const calls = /** @type {HostCall[]} */ (jobs);
        // aerpc.run: the server's scheduler follows one running call (After Effects runs one
        // script at a time), so a batch is reported by its first call; the others count as
        // waiting at the panel until their replies, which come with the first's.
        calls[0].requests._reportRun(calls[0].entry.id, "started");
        callHostBatch(calls.map((call) => call.handOver()), done);
    };
    return {max: BATCH_MAX, exec: exec};
}

const api = {HostRequests: HostRequests, HostCall: HostCall, batchOptions: batchOptions, BATCH_MAX: BATCH_MAX,
    BATCHABLE_MS: BATCHABLE_MS};
core.publish(root, "hostRequests", api);
if (typeof module === "object" && module !== null && typeof module.exports === "object") {
    module.exports = api;
}
}
