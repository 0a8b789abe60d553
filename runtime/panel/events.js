// aerpc panel library: host events, the panel's side (docs/events.md). Loaded after panel.js;
// in a page, attach it once the panel exists:
//
//     var events = AerpcPanelLib.events.attach(panel, {csInterface: new CepBridge(),
//         names: Object.keys(Aerpc.EVENTS)});
//
// It forwards to the pipeline, as `aerpc.event` notifications numbered per page load
// (stream, seq):
// - the CSXSEvents ExtendScript dispatches (type "aerpc.event", data: {"event", "payload"} as
//   JSON text; runtime/extendscript/aerpc-events.jsx), received with
//   CSInterface.addEventListener;
// - what the panel observes itself: project_changed after its own open / save / save_as /
//   close succeeded (After Effects documents no project event), with the path the call named
//   (host_busy is the server's: it knows the caller, from the panel's aerpc.run reports);
// - when ExtendScript cannot dispatch (PlugPlugExternalObject unavailable: the probe answers
//   false), the start and end of each `render` call as render_progress and render_finished, so
//   a render's start and finish are always reported.
// The probe is one evalScript, made when the panel first opens its socket (status
// "connecting", after it read the environment): no host call can run then, since they come
// only after the hello, and the panel runs one evalScript at a time. The layer makes no other;
// none at all when the caller says whether ExtendScript can dispatch (extendScriptEvents).
// Once it knows the answer, it announces it to the pipeline on each connection, right after
// the hello (or as soon as the probe answers) and before any event: an `aerpc.event` with
// params {"capabilities": {"extendscript_events": true | false}} (docs/wire-extensions.md),
// from which a render's on_progress knows whether to wait for events trailing the reply.
// Events made while the socket is down wait (at most maxPending, the oldest dropped) and go
// out in order once the panel is connected again.

/** @typedef {import("./core.js").Json} Json */
/** @typedef {{phase: "start" | "end", method: string, id: string | number, params?: Json, ok?: boolean, text?: string}} HostCall */
/**
 * What the events layer needs of CSInterface.
 * @typedef {object} EventInterface
 * @property {(type: string, listener: (event: {data?: unknown}) => void) => void} [addEventListener]
 * @property {(type: string, listener: (event: {data?: unknown}) => void) => void} [removeEventListener]
 * @property {(script: string, callback?: (result: string) => void) => void} [evalScript]
 */
/**
 * @typedef {object} AttachOptions
 * @property {EventInterface} [csInterface]
 * @property {string[]} [names]  the schema's event names (others are refused); default: any
 * @property {number} [maxPending]
 * @property {() => number} [now]
 * @property {boolean} [extendScriptEvents]  whether ExtendScript can dispatch, when the caller
 *     knows (the node panel runner knows its simulator's); then no probe is made
 */

(/** @param {AerpcPanelRoot | undefined} root */ function (root, factory) {
    "use strict";
    var api = factory();
    if (root) {
        root.AerpcPanelLib = root.AerpcPanelLib || {};
        root.AerpcPanelLib.events = api;
    }
    if (typeof module === "object" && module !== null && typeof module.exports === "object") {
        module.exports = api;
    }
}(typeof self !== "undefined" ? self : /** @type {AerpcPanelRoot} */ (this), function () {
    "use strict";

    /** The CSXSEvent type ExtendScript dispatches and the notification method to the pipeline. */
    const EVENT_TYPE = "aerpc.event";
    const EVENT_METHOD = "aerpc.event";
    /** @type {Record<string, "opened" | "saved" | "closed">} */
    const PROJECT_CHANGES = {open: "opened", save: "saved", save_as: "saved", close: "closed"};
    const PROBE = "__aerpc.events.available()";

    class PanelEventSource {
        /**
         * @param {{instance: string, notify(method: string, params: Json): boolean,
         *     on(event: "hostcall" | "connected" | "status", listener: (event: any) => void): () => void}} panel
         * @param {AttachOptions} [options]
         */
        constructor(panel, options) {
            const o = options || {};
            this.panel = panel;
            this.stream = panel.instance + "." + Math.random().toString(36).slice(2, 10);
            this.seq = 0;
            this.names = o.names ? new Set(o.names) : null;
            this.maxPending = o.maxPending || 256;
            this.now = o.now || (() => Date.now());
            /** @type {Json[]} */
            this.pending = [];
            this.dropped = 0;
            /** Whether ExtendScript can dispatch events: null until the probe answers. */
            /** @type {boolean | null} */
            this.extendScriptEvents = typeof o.extendScriptEvents === "boolean" ? o.extendScriptEvents : null;
            /** @type {Map<string, {started: number, params: Json | undefined}>} host calls running, by id */
            this.running = new Map();
            this.cs = o.csInterface || null;
            /** @param {{data?: unknown}} event */
            this._onCsxs = (event) => this.receive(event);
            /** @type {Array<() => void>} */
            this._offs = [
                panel.on("hostcall", (/** @type {HostCall} */ call) => this.observe(call)),
                panel.on("connected", () => {
                    this._announced = false;
                    this.announce();
                    this.flush();
                }),
                panel.on("status", (/** @type {{status: string, phase?: string}} */ s) => {
                    if (s.status === "connecting" && !s.phase) {
                        this.probe();
                    }
                }),
            ];
            const cs = this.cs;
            if (cs && typeof cs.addEventListener === "function") {
                cs.addEventListener(EVENT_TYPE, this._onCsxs);
            }
            this._probed = this.extendScriptEvents !== null;
            /** Whether this connection got the capabilities announcement. */
            this._announced = false;
        }

        /**
         * Tell the pipeline whether ExtendScript can dispatch events, once per connection and
         * only once that is known (see the file's comment).
         */
        announce() {
            if (this._announced || this.extendScriptEvents === null) {
                return;
            }
            const capabilities = {extendscript_events: this.extendScriptEvents};
            this._announced = this.panel.notify(EVENT_METHOD, {capabilities: capabilities});
        }

        /** Ask ExtendScript once whether it can dispatch events (see the file's comment). */
        probe() {
            const cs = this.cs;
            if (this._probed || !cs || typeof cs.evalScript !== "function") {
                return;
            }
            this._probed = true;
            cs.evalScript(PROBE, (result) => {
                this.extendScriptEvents = result === "true";
                this.announce();
            });
        }

        /**
         * Send one event (name, payload) to the pipeline, now or once connected.
         * @param {string} name
         * @param {Json} payload
         * @returns {boolean} false when the schema has no such event
         */
        emit(name, payload) {
            if (this.names !== null && !this.names.has(name)) {
                return false;
            }
            this.seq += 1;
            this.pending.push({event: name, stream: this.stream, seq: this.seq, payload: payload});
            if (this.pending.length > this.maxPending) {
                this.pending.shift();
                this.dropped += 1;
            }
            this.flush();
            return true;
        }

        /** Send what waits, in order, while the panel is connected. */
        flush() {
            while (this.pending.length > 0 && this.panel.notify(EVENT_METHOD, this.pending[0])) {
                this.pending.shift();
            }
        }

        /**
         * A CSXSEvent from ExtendScript: data is {"event", "payload"} (JSON text, or already
         * parsed by the CSInterface in use). Anything else is ignored.
         * @param {{data?: unknown}} event
         */
        receive(event) {
            let data = event ? event.data : undefined;
            if (typeof data === "string") {
                try {
                    data = JSON.parse(data);
                } catch (_error) {
                    return;
                }
            }
            if (data && typeof data === "object" && typeof (/** @type {{event?: unknown}} */ (data)).event === "string") {
                const d = /** @type {{event: string, payload?: Json}} */ (data);
                if (d.payload && typeof d.payload === "object") {
                    this.emit(d.event, d.payload);
                }
            }
        }

        /**
         * A host call started or ended in the panel: what follows from it (host_busy is the
         * server's, made from the panel's aerpc.run reports, with the caller).
         * @param {HostCall} call
         */
        observe(call) {
            const id = String(call.id);
            if (call.phase === "start") {
                this.running.set(id, {started: this.now(), params: call.params});
                if (call.method === "render" && this.extendScriptEvents === false) {
                    this.emit("render_progress", fallbackRender(id, call.params, "rendering", 0, null));
                }
                return;
            }
            const run = this.running.get(id);
            this.running.delete(id);
            const params = run === undefined ? undefined : run.params;
            const elapsed = run === undefined ? 0 : Math.max(0, (this.now() - run.started) / 1000);
            const fallback = call.method === "render" && this.extendScriptEvents === false;
            const change = PROJECT_CHANGES[call.method];
            if (!fallback && change === undefined) {
                return;  // nothing follows from this call's reply: it is not read (it may be big)
            }
            const reply = parseReply(call.text);
            if (fallback) {
                const finished = fallbackRender(id, params, reply.ok ? "done" : "err_stopped", elapsed, reply);
                this.emit("render_finished", finished);
            }
            if (change !== undefined && reply.ok) {
                this.emit("project_changed", {change: change, path: projectPath(call.method, params), method: call.method});
            }
        }

        /** Stop listening (what waits is kept until the page goes). */
        close() {
            for (const off of this._offs) {
                off();
            }
            this._offs = [];
            const cs = this.cs;
            if (cs && typeof cs.removeEventListener === "function") {
                cs.removeEventListener(EVENT_TYPE, this._onCsxs);
            }
        }
    }

    /**
     * The project file a successful project call named: open's and save_as's `path`; null for
     * save (the call names none, and the panel makes no evalScript of its own to ask) and close.
     * @param {string} method
     * @param {Json | undefined} params
     * @returns {string | null}
     */
    function projectPath(method, params) {
        const p = /** @type {{path?: unknown}} */ (params && typeof params === "object" ? params : {});
        return (method === "open" || method === "save_as") && typeof p.path === "string" ? p.path : null;
    }

    /**
     * @param {string | undefined} text  the JSON-RPC reply the panel sent
     * @returns {{ok: boolean, result: unknown, error: string | null}}
     */
    function parseReply(text) {
        try {
            const reply = JSON.parse(text || "null");
            if (reply && typeof reply === "object" && "result" in reply) {
                return {ok: true, result: reply.result, error: null};
            }
            const message = reply && reply.error && typeof reply.error.message === "string" ? reply.error.message : "failed";
            return {ok: false, result: null, error: message};
        } catch (_error) {
            return {ok: false, result: null, error: "unreadable reply"};
        }
    }

    /**
     * A render event made from the render call itself (ExtendScript could not dispatch).
     * @param {string} id
     * @param {Json | undefined} params
     * @param {"rendering" | "done" | "err_stopped"} status
     * @param {number} elapsed
     * @param {{ok: boolean, result: unknown, error: string | null} | null} reply
     * @returns {Json}
     */
    function fallbackRender(id, params, status, elapsed, reply) {
        const p = /** @type {{comp_id?: unknown}} */ (params && typeof params === "object" ? params : {});
        /** @type {string[]} */
        const outputs = [];
        if (reply && reply.ok && Array.isArray(reply.result)) {
            for (const output of reply.result) {
                if (output && typeof output.file_name === "string") {
                    outputs.push(output.file_name);
                }
            }
        }
        /** @type {{[key: string]: Json}} */
        const payload = {
            render_id: "panel-" + id, source: "in_app",
            comp_id: typeof p.comp_id === "number" ? p.comp_id : null, comp_name: "",
            item_index: null, status: status, elapsed_s: elapsed, outputs: outputs,
        };
        if (reply === null) {
            payload.frames_done = null;
            payload.frames_total = null;
        } else {
            payload.ok = reply.ok;
            payload.error = reply.ok ? null : reply.error;
        }
        return payload;
    }

    /**
     * Forward host events for `panel` (an AerpcPanel): see the file's comment.
     * @param {ConstructorParameters<typeof PanelEventSource>[0]} panel
     * @param {AttachOptions} [options]
     */
    function attach(panel, options) {
        return new PanelEventSource(panel, options);
    }

    return {attach: attach, PanelEventSource: PanelEventSource, EVENT_TYPE: EVENT_TYPE, EVENT_METHOD: EVENT_METHOD};
}));
