"use strict";
// Host events, the After Effects side: the ES3 emit library (runtime/extendscript/
// aerpc-events.jsx) on the simulator's CSXSEvent model (runtime/simulator/lib/csxs.js), the
// render host function's onStatusChanged progress, and the panel's events layer
// (runtime/panel/events.js) that numbers events and forwards them to the pipeline.

const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");

const { ROOT, waitFor } = require("./helpers");
const { createHost, schema, validate } = require("./host/helpers");
const simulator = require(path.join(ROOT, "runtime", "simulator"));
const panelEvents = require(path.join(ROOT, "runtime", "panel", "events.js"));

const EVENTS = new Map(schema["x-events"].map((e) => [e.name, e]));
// A render changes the project outside an undo group, as in After Effects.
const RENDERS = { allowOutsideUndo: ["RenderQueue.render"] };

/** The payload fits its event's schema (the host tests' draft-07 subset). */
function assertPayload(name, payload) {
  assert.ok(EVENTS.has(name), "no event " + name + " in the schema");
  const errors = validate(EVENTS.get(name).payload, payload, name);
  assert.deepEqual(errors, [], JSON.stringify(payload));
}

/** A simulated After Effects with the built extension script and a CSXSEvent listener. */
function renderHost(options) {
  const host = createHost(Object.assign({ project: "demo", dispatcher: "generated" }, options));
  const received = [];
  host.sim.csxs.addEventListener("aerpc.event", (event) => received.push(JSON.parse(event.data)));
  return { host, received };
}

function compId(host, name) {
  return host.ok("get_items", { comps: true }).find((item) => item.name === name).id;
}

// ------------------------------------------------------------------ simulator model

test("CSXSEvent exists only once PlugPlugExternalObject is loaded, and dispatches after the script", async () => {
  const engine = simulator.createExtendScriptEngine({ project: "empty" });
  assert.equal(engine.run("typeof CSXSEvent"), "undefined");
  engine.run('var lib = new ExternalObject("lib:PlugPlugExternalObject");');
  assert.equal(engine.run("typeof CSXSEvent"), "function");
  const got = [];
  engine.sim.csxs.addEventListener("t.one", (event) => got.push(event));
  engine.run('var e = new CSXSEvent(); e.type = "t.one"; e.data = "hello"; e.dispatch();');
  assert.deepEqual(got, [], "delivered while the script still ran");
  await waitFor(() => got.length === 1, 2000, "the dispatched event");
  assert.equal(got[0].data, "hello");
  assert.equal(got[0].type, "t.one");
  assert.deepEqual(engine.sim.csxs.dispatched, [{ type: "t.one", data: "hello" }]);
});

test("plugPlug: false: the library does not load, so there is no CSXSEvent", () => {
  const engine = simulator.createExtendScriptEngine({ project: "empty", plugPlug: false });
  assert.throws(() => engine.run('new ExternalObject("lib:PlugPlugExternalObject")'), /Can not load library/);
  assert.equal(engine.run("typeof CSXSEvent"), "undefined");
});

test("RenderQueueItem.onStatusChanged runs on each status change of render(); onstatus never runs", () => {
  const { host } = renderHost();
  const id = compId(host, "sh010_comp");
  host.run(
    "var seen = []; var old = 0; var q = app.project.renderQueue; var it;" +
    "for (var i = 1; i <= q.numItems; i += 1) { if (q.item(i).comp.id === " + id + ") { it = q.item(i); } }" +
    "it.onStatusChanged = function () { seen.push(String(it.status)); };" +
    "it.onstatus = function () { old += 1; };" +
    "it.outputModule(1).file = new File(Folder.temp.fsName + '/aerpc_evt_[#####].png');" +
    "q.render();",
  );
  const RQ = host.engine.globals.RQItemStatus;
  assert.equal(host.run("seen.join(',')"), [RQ.RENDERING, RQ.DONE].join(","));
  assert.equal(host.run("old"), 0, "onstatus is documented as doing nothing");
});

// ------------------------------------------------------------------ the ES3 emit side

test("__aerpc.events.emit dispatches one aerpc.event CSXSEvent with the payload as JSON text", async () => {
  const { host, received } = renderHost({ project: "empty" });
  assert.equal(host.run('__aerpc.events.emit("host_busy", {busy: true, note: "\\u00e9\\u2028"})'), true);
  const raw = host.sim.csxs.dispatched[0];
  assert.equal(raw.type, "aerpc.event");
  assert.ok(/^[\x20-\x7e]*$/.test(raw.data), "ASCII JSON text: " + raw.data);
  await waitFor(() => received.length === 1, 2000, "the event");
  assert.deepEqual(received[0], { event: "host_busy", payload: { busy: true, note: "\u00e9\u2028" } });
});

test("without PlugPlugExternalObject, emit answers false and never throws", () => {
  const { host } = renderHost({ project: "empty", plugPlug: false });
  assert.equal(host.run("__aerpc.events.available()"), false);
  assert.equal(host.run('__aerpc.events.emit("host_busy", {})'), false);
  assert.equal(host.sim.csxs.dispatched.length, 0);
});

test("render: progress on each status change, then one render_finished, all fitting the schema", async () => {
  const { host, received } = renderHost();
  const id = compId(host, "sh010_comp");
  const outputs = host.ok("render", { comp_id: id, output_dir: path.join(host.workDir, "out") }, RENDERS);
  await waitFor(() => received.some((e) => e.event === "render_finished"), 5000, "render_finished");
  const statuses = received.map((e) => e.event + ":" + e.payload.status);
  assert.deepEqual(statuses, ["render_progress:queued", "render_progress:rendering", "render_progress:done",
    "render_finished:done"]);
  for (const e of received) assertPayload(e.event, e.payload);
  const ids = new Set(received.map((e) => e.payload.render_id));
  assert.equal(ids.size, 1, "one render_id for the run");
  const finished = received[received.length - 1].payload;
  assert.equal(finished.ok, true);
  assert.equal(finished.error, null);
  assert.equal(finished.comp_id, id);
  assert.deepEqual(finished.outputs, outputs.map((o) => o.file_name));
  const done = received[2].payload;
  assert.equal(done.frames_done, done.frames_total);
});

test("render that fails still ends with render_finished (ok false, the reason)", async () => {
  const { host, received } = renderHost();
  const id = compId(host, "sh030_comp");
  host.ok("add_comp_to_render_queue", { comp_id: id, output_dir: path.join(host.workDir, "q") });
  // A second output module into a folder that does not exist: the render stops with an error.
  host.run("var rq = app.project.renderQueue.item(4); var om = rq.outputModules.add(); om.file = new File('" +
    path.join(host.workDir, "gone", "x.mov") + "');");
  host.fails("render", { comp_id: id, output_dir: path.join(host.workDir, "out") }, "RenderFailed", RENDERS);
  await waitFor(() => received.some((e) => e.event === "render_finished"), 5000, "render_finished");
  const finished = received[received.length - 1];
  assert.equal(finished.event, "render_finished");
  assert.equal(finished.payload.ok, false);
  assert.equal(finished.payload.status, "err_stopped");
  assert.equal(typeof finished.payload.error, "string");
  assertPayload("render_finished", finished.payload);
});

// ------------------------------------------------------------------ the panel's events layer

/** A stand-in for AerpcPanel: instance, notify (records while connected), on(). */
function fakePanel() {
  const listeners = new Map();
  // What the panel reports as it opens its socket (after reading the environment).
  const opening = { status: "connecting", attempt: 1 };
  const panel = {
    instance: "test-instance",
    connected: false,
    sent: [],
    notify(method, params) {
      if (!panel.connected) return false;
      panel.sent.push({ method, params: JSON.parse(JSON.stringify(params)) });
      return true;
    },
    on(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(listener);
      return () => listeners.get(event).delete(listener);
    },
    fire(event, payload) {
      for (const listener of Array.from(listeners.get(event) || [])) listener(payload);
    },
    open() {
      panel.fire("status", { status: "connecting", attempt: 1, phase: "environment" });
      panel.fire("status", opening);
      panel.fire("status", opening);
    },
  };
  return panel;
}

/** A stand-in CSInterface: listeners by type, evalScript answering from `answers`. */
function fakeCs(answers) {
  const listeners = new Map();
  return {
    scripts: [],
    addEventListener(type, listener) {
      listeners.set(type, listener);
    },
    removeEventListener(type) {
      listeners.delete(type);
    },
    evalScript(script, callback) {
      this.scripts.push(script);
      const answer = Object.keys(answers).find((key) => script.includes(key));
      if (callback) callback(answer === undefined ? "EvalScript error." : answers[answer]);
    },
    dispatch(type, data) {
      listeners.get(type)({ type, data });
    },
  };
}

const NAMES = Array.from(EVENTS.keys());
const PROBE_TRUE = { "__aerpc.events.available()": "true" };
const PROBE_FALSE = { "__aerpc.events.available()": "false" };

/** The events the panel sent (aerpc.event notifications that carry an event). */
function sentEvents(panel) {
  return panel.sent.filter((s) => s.params.event !== undefined).map((s) => s.params);
}

/** The capabilities announcements the panel sent, as their extendscript_events values. */
function announced(panel) {
  return panel.sent.filter((s) => s.params.capabilities !== undefined).map((s) => s.params.capabilities.extendscript_events);
}

/** A CSInterface whose evalScript runs on a simulated After Effects (plugPlug as given). */
function simulatorCs(plugPlug) {
  const { host } = renderHost({ project: "empty", plugPlug });
  return Object.assign(fakeCs({}), {
    evalScript(script, callback) {
      this.scripts.push(script);
      if (callback) callback(host.engine.evalScript(script));
    },
  });
}

test("panel: events are numbered 1, 2, ... per stream, wait while disconnected and go out in order", () => {
  const panel = fakePanel();
  const source = panelEvents.attach(panel, { names: NAMES });
  assert.equal(source.emit("host_busy", { busy: true }), true);
  assert.equal(source.emit("host_busy", { busy: false }), true);
  assert.equal(panel.sent.length, 0);
  panel.connected = true;
  panel.fire("connected", {});
  assert.deepEqual(panel.sent.map((s) => [s.method, s.params.seq, s.params.payload.busy]),
    [["aerpc.event", 1, true], ["aerpc.event", 2, false]]);
  assert.ok(panel.sent.every((s) => s.params.stream === source.stream && s.params.stream.startsWith("test-instance.")));
  assert.equal(source.emit("no_such_event", {}), false, "an event the schema lacks is refused");
  source.emit("host_busy", { busy: true });
  assert.equal(panel.sent[2].params.seq, 3);
});

test("panel: beyond maxPending while disconnected, the oldest events are dropped and counted", () => {
  const panel = fakePanel();
  const source = panelEvents.attach(panel, { names: NAMES, maxPending: 2 });
  for (let i = 0; i < 5; i += 1) source.emit("host_busy", { n: i });
  assert.equal(source.dropped, 3);
  panel.connected = true;
  source.flush();
  assert.deepEqual(panel.sent.map((s) => [s.params.seq, s.params.payload.n]), [[4, 3], [5, 4]]);
});

test("panel: a CSXSEvent from ExtendScript is forwarded; malformed data is ignored", () => {
  const panel = fakePanel();
  panel.connected = true;
  const cs = fakeCs({ "__aerpc.events.available()": "true" });
  const source = panelEvents.attach(panel, { csInterface: cs, names: NAMES });
  panel.open();
  assert.equal(source.extendScriptEvents, true);
  cs.dispatch("aerpc.event", JSON.stringify({ event: "render_progress", payload: { status: "rendering" } }));
  cs.dispatch("aerpc.event", "{not json");
  cs.dispatch("aerpc.event", JSON.stringify({ payload: {} }));
  cs.dispatch("aerpc.event", { event: "render_finished", payload: { ok: true } }); // already parsed
  assert.deepEqual(panel.sent.map((s) => s.params.event || "capabilities"),
    ["capabilities", "render_progress", "render_finished"], "the announcement first, then the events");
  source.close();
  assert.throws(() => cs.dispatch("aerpc.event", "{}"), "the listener was removed");
});

test("panel: project_changed after its own save_as; no host_busy (the server makes it)", () => {
  const panel = fakePanel();
  panel.connected = true;
  let clock = 1000;
  const cs = fakeCs({ "__aerpc.events.available()": "true" });
  panelEvents.attach(panel, { csInterface: cs, names: NAMES, now: () => clock });
  panel.open();
  panel.fire("hostcall", { phase: "start", method: "save_as", id: "py:7", params: { path: "/p/shot.aep" } });
  clock += 2500;
  panel.fire("hostcall", { phase: "end", method: "save_as", id: "py:7", ok: true,
    text: JSON.stringify({ jsonrpc: "2.0", id: "py:7", result: null }) });
  const events = sentEvents(panel);
  assert.deepEqual(events.map((e) => e.event), ["project_changed"]);
  assert.deepEqual(events[0].payload, { change: "saved", path: "/p/shot.aep", method: "save_as" });
  for (const e of events) assertPayload(e.event, e.payload);
  assert.deepEqual(cs.scripts, ["__aerpc.events.available()"], "the probe is the only evalScript");
});

test("panel: one probe, when the socket first opens (after the environment, before any host call)", () => {
  const panel = fakePanel();
  const cs = fakeCs({ "__aerpc.events.available()": "false" });
  const source = panelEvents.attach(panel, { csInterface: cs, names: NAMES });
  assert.deepEqual(cs.scripts, []);
  assert.equal(source.extendScriptEvents, null, "unknown: the panel makes no render events itself");
  panel.fire("status", { status: "connecting", attempt: 1, phase: "environment" });
  assert.deepEqual(cs.scripts, [], "not while the environment is read");
  panel.open();
  assert.deepEqual(cs.scripts, ["__aerpc.events.available()"], "once, however often it reconnects");
  assert.equal(source.extendScriptEvents, false);
});

test("panel: no probe when the caller says whether ExtendScript can dispatch", () => {
  const panel = fakePanel();
  const cs = fakeCs({ "__aerpc.events.available()": "true" });
  const source = panelEvents.attach(panel, { csInterface: cs, names: NAMES, extendScriptEvents: false });
  panel.open();
  assert.deepEqual(cs.scripts, []);
  assert.equal(source.extendScriptEvents, false);
});

test("panel: a failed project call reports no project_changed; save and close report path null", () => {
  const panel = fakePanel();
  panel.connected = true;
  panelEvents.attach(panel, { csInterface: fakeCs({ "__aerpc.events.available()": "true" }), names: NAMES });
  panel.open();
  const failed = JSON.stringify({ jsonrpc: "2.0", id: 1, error: { code: 1014, message: "unsaved" } });
  panel.fire("hostcall", { phase: "start", method: "open", id: 1, params: {} });
  panel.fire("hostcall", { phase: "end", method: "open", id: 1, ok: false, text: failed });
  panel.fire("hostcall", { phase: "start", method: "save", id: 2, params: {} });
  panel.fire("hostcall", { phase: "end", method: "save", id: 2, ok: true, text: '{"jsonrpc":"2.0","id":2,"result":null}' });
  panel.fire("hostcall", { phase: "start", method: "close", id: 3, params: {} });
  panel.fire("hostcall", { phase: "end", method: "close", id: 3, ok: true, text: '{"jsonrpc":"2.0","id":3,"result":null}' });
  const changes = panel.sent.filter((s) => s.params.event === "project_changed").map((s) => s.params.payload);
  assert.deepEqual(changes, [{ change: "saved", path: null, method: "save" }, { change: "closed", path: null, method: "close" }]);
});

test("panel: when ExtendScript cannot dispatch, the render call's start and end become render events", () => {
  const panel = fakePanel();
  panel.connected = true;
  const source = panelEvents.attach(panel, { csInterface: fakeCs({ "__aerpc.events.available()": "false" }), names: NAMES });
  panel.open();
  assert.equal(source.extendScriptEvents, false);
  panel.fire("hostcall", { phase: "start", method: "render", id: "py:3", params: { comp_id: 42, output_dir: "/r" } });
  panel.fire("hostcall", { phase: "end", method: "render", id: "py:3", ok: true,
    text: JSON.stringify({ jsonrpc: "2.0", id: "py:3", result: [{ file_name: "/r/a.png", width: 2, height: 2 }] }) });
  const renders = sentEvents(panel).filter((e) => e.event.startsWith("render_"));
  assert.deepEqual(renders.map((e) => e.event + ":" + e.payload.status), ["render_progress:rendering", "render_finished:done"]);
  for (const e of renders) assertPayload(e.event, e.payload);
  assert.deepEqual(renders[1].payload.outputs, ["/r/a.png"]);
  assert.equal(renders[0].payload.render_id, renders[1].payload.render_id);
});

test("panel: with ExtendScript events available, the panel does not make render events itself", () => {
  const panel = fakePanel();
  panel.connected = true;
  panelEvents.attach(panel, { csInterface: fakeCs({ "__aerpc.events.available()": "true" }), names: NAMES });
  panel.open();
  panel.fire("hostcall", { phase: "start", method: "render", id: 1, params: { comp_id: 1 } });
  panel.fire("hostcall", { phase: "end", method: "render", id: 1, ok: true, text: '{"jsonrpc":"2.0","id":1,"result":[]}' });
  assert.deepEqual(sentEvents(panel), []);
  assert.deepEqual(announced(panel), [true]);
});

// ------------------------------------------------------------------ the capabilities announcement

/** Connect (or reconnect) the fake panel: its hello done, as AerpcPanel reports it. */
function connect(panel) {
  panel.connected = true;
  panel.fire("status", { status: "connected", attempt: 0 });
  panel.fire("connected", {});
}

function disconnect(panel) {
  panel.connected = false;
  panel.fire("status", { status: "closed", attempt: 1, retryInMs: 10 });
}

for (const plugPlug of [true, false]) {
  test("panel: announces extendscript_events " + plugPlug + " after the hello, from the probe of a simulator with plugPlug " +
    plugPlug, () => {
    const panel = fakePanel();
    const cs = simulatorCs(plugPlug);
    const source = panelEvents.attach(panel, { csInterface: cs, names: NAMES });
    panel.open();
    assert.deepEqual(cs.scripts, ["__aerpc.events.available()"]);
    assert.equal(source.extendScriptEvents, plugPlug);
    assert.deepEqual(panel.sent, [], "nothing before the hello");
    connect(panel);
    assert.deepEqual(panel.sent, [{ method: "aerpc.event", params: { capabilities: { extendscript_events: plugPlug } } }]);
  });
}

test("panel: the announcement goes once per connection, before the events that waited, and again after a reconnect", () => {
  const panel = fakePanel();
  const source = panelEvents.attach(panel, { csInterface: fakeCs(PROBE_FALSE), names: NAMES });
  panel.open();
  source.emit("host_busy", { n: 1 }); // waits for the connection
  connect(panel);
  source.emit("host_busy", { n: 2 });
  panel.fire("status", { status: "connected", attempt: 0 });
  assert.deepEqual(panel.sent.map((s) => s.params.event || "capabilities"), ["capabilities", "host_busy", "host_busy"]);
  disconnect(panel);
  panel.fire("hostcall", { phase: "start", method: "render", id: 9, params: { comp_id: 1 } }); // waits too
  panel.open();
  connect(panel);
  assert.deepEqual(panel.sent.slice(3).map((s) => s.params.event || "capabilities"), ["capabilities", "render_progress"],
    "on the new connection, the announcement before the render event that relies on it");
  assert.deepEqual(announced(panel), [false, false]);
});

test("panel: a probe answering after the hello announces then; no answer, no announcement", () => {
  const panel = fakePanel();
  let answer = null;
  const cs = Object.assign(fakeCs({}), { evalScript(script, callback) { answer = callback; } });
  const source = panelEvents.attach(panel, { csInterface: cs, names: NAMES });
  panel.open();
  connect(panel);
  assert.deepEqual(panel.sent, [], "unknown yet: the host does not say");
  assert.equal(source.extendScriptEvents, null);
  answer("true");
  assert.deepEqual(announced(panel), [true]);
  connect(panel);
  assert.deepEqual(announced(panel), [true, true]);
});

test("panel: extendScriptEvents given: announced on connecting without a probe", () => {
  const panel = fakePanel();
  const cs = fakeCs(PROBE_TRUE);
  panelEvents.attach(panel, { csInterface: cs, names: NAMES, extendScriptEvents: false });
  panel.open();
  connect(panel);
  assert.deepEqual(cs.scripts, []);
  assert.deepEqual(announced(panel), [false]);
});
