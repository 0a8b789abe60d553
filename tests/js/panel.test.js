"use strict";
// The generated panel (generated/cep/aerpc-panel.js) with the `ws` package as its WebSocket,
// against a scripted pipeline server on 127.0.0.1 (port 0), serving host methods through the
// node CSInterface stand-in, whose evalScript runs the generated ES3 dispatcher in a vm. The
// host functions are small fixtures defined under the real x-host-function names.

const assert = require("node:assert/strict");
const test = require("node:test");
const WS = require("ws");

const { ES3_SCRIPTS, ROOT, SEED, loadAerpc, nextEvent, prng, randomJson, sameJson } = require("./helpers");
const { FakePipeline } = require("./fake-pipeline");
const { NodeCSInterface } = require("../../runtime/cep/node/csinterface");

const Aerpc = loadAerpc();
const TOKEN = "secret-token-\u00e9";

const FIXTURE = [
  "var AerpcErrors = __aerpc.errors, __aerpc_error = __aerpc.error, __aerpc_json = __aerpc.json;",
  "var __calls = {};",
  "var __names = {};",
  "function __count(name) { __calls[name] = (__calls[name] || 0) + 1; }",
  "function getItems(params) { __count('getItems'); return [{id: 1, name: 'Comp \\u2028 \"1\"', " +
    "type: 'comp', path: null, containing_comps: [], parent_folder_id: null, asked: params}]; }",
  "function renameItem(params) { __count('renameItem'); __names[params.item_id] = params.name; }",
  "function addItem(params) { __count('addItem'); return 42; }",
  "function getAppVersion(params) { __count('getAppVersion'); return '25.2x4'; }",
  "__aerpc.provide({getItems: getItems, renameItem: renameItem, addItem: addItem, getAppVersion: getAppVersion});",
].join("\n");

function makePanel(url, extra) {
  const cs = new NodeCSInterface({ fake: true, scripts: ES3_SCRIPTS, env: (extra && extra.env) || {} });
  cs.run(FIXTURE);
  const logs = [];
  const options = Object.assign({
    url: url,
    token: TOKEN,
    WebSocket: WS,
    csInterface: cs,
    extensionVersion: "1.2.3",
    instance: "test-instance",
    app: { name: "AEFT", version: "25.2" },
    log: (level, message) => logs.push(level + " " + message),
    reconnect: { initialDelayMs: 10, maxDelayMs: 80, random: () => 0.5 },
  }, extra || {});
  delete options.env;
  const panel = new Aerpc.AerpcPanel(options);
  const statuses = [];
  panel.on("status", (event) => statuses.push(event));
  return { panel, cs, logs, statuses };
}

function calls(cs, name) {
  return cs.run("__calls[" + JSON.stringify(name) + "] || 0");
}

function evalEvent(cs, predicate, timeoutMs, what) {
  return nextEvent((l) => cs.onEval(l), predicate, timeoutMs || 5000, what);
}

async function connected(pipeline, extra) {
  const made = makePanel(pipeline.url, extra);
  const hello = pipeline.next((e) => e.type === "hello", 5000, "hello");
  made.panel.start();
  await made.panel.ready(5000);
  made.hello = (await hello).message;
  made.peer = pipeline.peer;
  return made;
}

test("hello: the params of the wire contract (docs/wire-extensions.md), a cep: id, then status connected", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const { panel, hello, statuses, peer } = await connected(pipeline);
  t.after(() => panel.stop());
  assert.equal(hello.jsonrpc, "2.0");
  assert.equal(hello.method, "rpc.hello");
  assert.match(hello.id, /^cep:\d+$/);
  assert.deepEqual(hello.params, {
    token: TOKEN,
    role: "host",
    instance: "test-instance",
    app: { name: "AEFT", version: "25.2" },
    extension_version: "1.2.3",
    schema: { name: Aerpc.SCHEMA.name, version: Aerpc.SCHEMA.version, hash: Aerpc.SCHEMA.hash },
  });
  assert.equal(peer.headers.origin, undefined, "node sends no Origin");
  assert.deepEqual(statuses.map((s) => s.status), ["connecting", "connected"]);
  assert.equal(statuses[1].session, "s1");
  assert.match(statuses[1].detail, /session s1/);
  assert.equal(panel.status, "connected");
  assert.equal(panel.session.session, "s1");
});

test("a host method: params in, the typed result out, through the dispatcher", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const { panel, cs, peer } = await connected(pipeline);
  t.after(() => panel.stop());
  const reply = await pipeline.request(peer, "py:1", "get_items", { comps: true });
  assert.deepEqual(reply, {
    jsonrpc: "2.0",
    id: "py:1",
    result: [{ id: 1, name: "Comp \u2028 \"1\"", type: "comp", path: null, containing_comps: [],
      parent_folder_id: null, asked: { comps: true } }],
  });
  // Void and undefined are null, never the string "undefined".
  const renamed = await pipeline.request(peer, "py:2", "rename_item", { item_id: 3, name: "x'); alert(1); //" });
  assert.deepEqual(renamed, { jsonrpc: "2.0", id: "py:2", result: null });
  assert.equal(cs.run("__names[3]"), "x'); alert(1); //");
  // Params the schema does not declare never reach the host function.
  const asked = await pipeline.request(peer, "py:3", "get_items", { comps: false, extra: "x" });
  assert.deepEqual(asked.result[0].asked, { comps: false });
  assert.equal(calls(cs, "getItems"), 2);
});

test("get_extension_version is answered in the panel, without evalScript", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const { panel, cs, peer } = await connected(pipeline);
  t.after(() => panel.stop());
  const before = cs.evalCount;
  const reply = await pipeline.request(peer, "py:1", "get_extension_version", {});
  assert.deepEqual(reply, { jsonrpc: "2.0", id: "py:1", result: "1.2.3" });
  assert.equal(cs.evalCount, before);
});

test("errors: every failure becomes a JSON-RPC error with the right code", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const { panel, cs, peer } = await connected(pipeline);
  t.after(() => panel.stop());
  let n = 0;
  const ask = async (method, params) => (await pipeline.request(peer, "py:e" + (n += 1), method, params)).error;

  let error = await ask("no_such_method", {});
  assert.equal(error.code, -32601);
  assert.match(error.message, /no_such_method/);

  cs.run("delete __aerpc.host.getAppVersion;");
  error = await ask("get_app_version", {});
  assert.equal(error.code, -32601);
  assert.deepEqual(error.data, { method: "get_app_version", host_function: "getAppVersion" });

  cs.run("__aerpc.host.getAppVersion = function (params) { var x = null; return x.version; }");
  error = await ask("get_app_version", {});
  assert.equal(error.code, -32010);
  assert.equal(error.data.name, "TypeError");
  assert.equal(error.data.fileName, "evalScript");
  assert.ok("line" in error.data);
  assert.match(error.message, /getAppVersion failed/);

  cs.run("__aerpc.host.getAppVersion = function (params) { throw AerpcErrors.ItemNotFound('no item 7', {item_id: 7}); }");
  error = await ask("get_app_version", {});
  assert.deepEqual(error, { code: 1001, message: "no item 7", data: { item_id: 7 } });

  cs.run("__aerpc.host.getAppVersion = function (params) { throw AerpcErrors.NoDocumentOpen(); }");
  error = await ask("get_app_version", {});
  assert.equal(error.code, 1003);
  assert.equal(error.message, "No project file is open");
  assert.equal(error.data, undefined);

  cs.run("__aerpc.host.getAppVersion = function (params) { throw __aerpc_error(99999, 'made up'); }");
  error = await ask("get_app_version", {});
  assert.equal(error.code, -32010);
  assert.match(error.message, /does not declare/);

  cs.run("__aerpc.host.getAppVersion = function (params) { throw 'a bare string'; }");
  error = await ask("get_app_version", {});
  assert.equal(error.code, -32010);
  assert.equal(error.data.message, "a bare string");

  cs.run("__aerpc.host.getAppVersion = function (params) { var o = {}; o.self = o; return o; }");
  error = await ask("get_app_version", {});
  assert.equal(error.code, -32010);
  assert.match(error.message, /cannot be sent as JSON/);

  error = await ask("get_app_version", [1, 2]);
  assert.equal(error.code, -32602);

  let reply = await pipeline.request(peer, "py:x", "rpc.nothing", {});
  assert.equal(reply.error.code, -32601);

  const invalid = pipeline.nextMessage((m) => m.id === "py:inv");
  pipeline.send(peer, { id: "py:inv", method: "get_items" }); // no "jsonrpc"
  assert.equal((await invalid).error.code, -32600);

  const parse = pipeline.nextMessage((m) => m.id === null && m.error && m.error.code === -32700);
  pipeline.send(peer, "{not json");
  assert.match((await parse).error.message, /not valid JSON/);

  const empty = pipeline.nextMessage((m) => m.id === null && m.error && m.error.code === -32600);
  pipeline.send(peer, "[]");
  await empty;
});

test("evalScript results that are not the dispatcher's envelope become -32010", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  let answer = "";
  const fakeCs = {
    evalScript: (source, callback) => setImmediate(() => callback(answer)),
  };
  const { panel, peer } = await connected(pipeline, { csInterface: fakeCs });
  t.after(() => panel.stop());
  const cases = {
    "EvalScript error.": /jsx\/aerpc\.jsx/,
    "undefined": /returned nothing/,
    "": /returned nothing/,
    "not json {": /not JSON/,
    "{\"result\": 1}": /not the dispatcher's envelope/,
    "{\"ok\": false, \"error\": {\"code\": \"x\"}}": /not the dispatcher's envelope/,
  };
  let n = 0;
  for (const [raw, pattern] of Object.entries(cases)) {
    answer = raw;
    const reply = await pipeline.request(peer, "py:" + (n += 1), "get_app_version", {});
    assert.equal(reply.error.code, -32010, raw);
    assert.match(reply.error.message, pattern, raw);
    assert.equal(reply.error.data.raw, raw.slice(0, 200));
  }
  answer = undefined;
  const reply = await pipeline.request(peer, "py:u", "get_app_version", {});
  assert.equal(reply.error.code, -32010);
});

test("a batch of requests gets one batch reply", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const { panel, peer } = await connected(pipeline);
  t.after(() => panel.stop());
  const reply = pipeline.next((e) => e.type === "message" && Array.isArray(e.message));
  pipeline.send(peer, [
    { jsonrpc: "2.0", id: "py:b1", method: "get_app_version", params: {} },
    { jsonrpc: "2.0", method: "get_app_version", params: {} },
    { jsonrpc: "2.0", id: "py:b2", method: "get_extension_version", params: {} },
  ]);
  const batch = (await reply).message;
  assert.deepEqual(batch.map((m) => [m.id, m.result]), [["py:b1", "25.2x4"], ["py:b2", "1.2.3"]]);
});

test("single flight: one evalScript at a time, first in first out", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const { panel, cs, peer } = await connected(pipeline);
  t.after(() => panel.stop());
  cs.hold();
  const held = evalEvent(cs, (e) => e.phase === "held", 5000, "the first call held");
  const replies = [];
  for (let i = 1; i <= 6; i += 1) {
    replies.push(pipeline.request(peer, "py:f" + i, i % 2 ? "get_app_version" : "rename_item",
      i % 2 ? {} : { item_id: i, name: "n" + i }));
  }
  const first = await held;
  assert.equal(first.id, "py:f1");
  // Wait until every request is in the panel's queue, then check nothing else reached ExtendScript.
  const queued = await waitQueue(panel, 5);
  assert.equal(queued, 5);
  assert.equal(cs.outstanding, 1);
  const order = [];
  const off = cs.onEval((e) => {
    if (e.phase === "start") order.push(e.id);
  });
  cs.release();
  const answered = await Promise.all(replies);
  off();
  assert.deepEqual(answered.map((r) => r.id), ["py:f1", "py:f2", "py:f3", "py:f4", "py:f5", "py:f6"]);
  assert.deepEqual(order, ["py:f1", "py:f2", "py:f3", "py:f4", "py:f5", "py:f6"]);
  assert.equal(cs.maxOutstanding, 1);
});

test("aerpc.run: no start report for a call sent to an idle host that starts on arrival; one for each that waited", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const { panel, cs, peer } = await connected(pipeline);
  t.after(() => panel.stop());
  // The panel's messages arrive in the order it sent them: a start report comes before the
  // reply of its call, so once every reply is in, the reports that were sent are in too.
  const runs = () => peer.inbox.filter((m) => m.method === "aerpc.run").map((m) => m.params.id + " " + m.params.state);
  const call = (id, extension) => {
    const reply = pipeline.nextMessage((m) => m.id === id && !("method" in m), 5000, "the reply to " + id);
    pipeline.send(peer, { jsonrpc: "2.0", id: id, method: "get_app_version", params: {}, aerpc: extension });
    return reply;
  };
  assert.ok("result" in (await call("py:i1", { timeout_ms: 5000, idle: true })));
  assert.deepEqual(runs(), [], "sent to an idle host and started on arrival: running as the server counts it");
  await call("py:i2", { timeout_ms: 5000 });
  assert.deepEqual(runs(), ["py:i2 started"], "sent without aerpc.idle: reported");
  await call("py:i3", { timeout_ms: 5000, idle: "yes" });
  assert.deepEqual(runs(), ["py:i2 started", "py:i3 started"], "idle is true or nothing");
  cs.hold();
  const held = evalEvent(cs, (e) => e.phase === "held" && e.id === "py:i4", 5000, "py:i4 held");
  const first = call("py:i4", { timeout_ms: 5000, idle: true });
  await held;
  // The server believed the host idle, but it is busy (here: the panel's own earlier call):
  // this one waits, and its start is reported when it comes.
  const second = call("py:i5", { timeout_ms: 5000, idle: true });
  await waitQueue(panel, 1);
  cs.release();
  await Promise.all([first, second]);
  assert.deepEqual(runs(), ["py:i2 started", "py:i3 started", "py:i5 started"]);
});

// Resolve when the panel's queue holds `depth` jobs: a message is processed in one turn of the
// event loop, so this waits on the pipeline's sends having arrived (bounded).
function waitQueue(panel, depth) {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 5000;
    const check = () => {
      if (panel.queueDepth >= depth) resolve(panel.queueDepth);
      else if (Date.now() > deadline) reject(new Error("queue depth " + panel.queueDepth + " < " + depth));
      else setImmediate(check);
    };
    check();
  });
}

test("a repeated id is answered from memory, or joins the run in progress", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const { panel, cs, peer } = await connected(pipeline);
  t.after(() => panel.stop());
  cs.hold();
  const held = evalEvent(cs, (e) => e.phase === "held");
  const replies = [];
  const listener = pipeline.subscribe((e) => {
    if (e.type === "message" && e.message.id === "py:d1") replies.push(e.message);
  });
  t.after(listener);
  pipeline.send(peer, { jsonrpc: "2.0", id: "py:d1", method: "add_item", params: { name: "A", item_type: "comp" } });
  await held;
  pipeline.send(peer, { jsonrpc: "2.0", id: "py:d1", method: "add_item", params: { name: "A", item_type: "comp" } });
  const both = pipeline.next((e) => e.type === "message" && e.message.id === "py:d1" && replies.length === 2);
  cs.release();
  await both;
  assert.deepEqual(replies.map((r) => r.result), [42, 42]);
  assert.equal(calls(cs, "addItem"), 1);
  const evals = cs.evalCount;
  const again = await pipeline.request(peer, "py:d1", "add_item", { name: "A", item_type: "comp" });
  assert.equal(again.result, 42);
  assert.equal(cs.evalCount, evals, "answered from memory");
  assert.equal(calls(cs, "addItem"), 1);
  // The same id for another method is refused, not confused.
  const other = await pipeline.request(peer, "py:d1", "get_app_version", {});
  assert.equal(other.error.code, -32600);
});

test("the memory holds at least the last 256 ids", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const { panel, cs, peer } = await connected(pipeline);
  t.after(() => panel.stop());
  const all = [];
  for (let i = 1; i <= 300; i += 1) all.push(pipeline.request(peer, "py:m" + i, "add_item", { name: "n", item_type: "comp" }));
  await Promise.all(all);
  assert.equal(calls(cs, "addItem"), 300);
  for (const i of [45, 100, 300]) {
    const reply = await pipeline.request(peer, "py:m" + i, "add_item", { name: "n", item_type: "comp" });
    assert.equal(reply.result, 42);
  }
  assert.equal(calls(cs, "addItem"), 300, "the last 256 ids are remembered");
});

test("the memory survives a reconnect: a call resent after a drop runs once", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const { panel, cs, peer } = await connected(pipeline);
  t.after(() => panel.stop());
  cs.hold();
  const held = evalEvent(cs, (e) => e.phase === "held" && e.id === "py:r1");
  pipeline.send(peer, { jsonrpc: "2.0", id: "py:r1", method: "add_item", params: { name: "R", item_type: "folder" } });
  await held;
  const rehello = pipeline.next((e) => e.type === "hello" && e.peer !== peer, 5000, "the second hello");
  const closedStatus = nextEvent((l) => panel.on("status", l), (s) => s.status === "closed", 5000);
  peer.ws.terminate();
  const closed = await closedStatus;
  assert.equal(closed.retryInMs, 8); // 10 ms * (1 - 0.5 * 0.5)
  const second = await rehello;
  assert.equal(second.message.params.instance, "test-instance", "the same page, the same instance");
  await panel.ready(5000);
  const newPeer = pipeline.peer;
  assert.notEqual(newPeer, peer);
  // The server sends the call again with the same id; the first run is still held.
  const reply = pipeline.request(newPeer, "py:r1", "add_item", { name: "R", item_type: "folder" });
  cs.release();
  assert.equal((await reply).result, 42);
  assert.equal(calls(cs, "addItem"), 1);
  assert.equal(peer.inbox.filter((m) => m.id === "py:r1").length, 0, "no reply on the dead socket");
  assert.equal(newPeer.inbox.filter((m) => m.id === "py:r1").length, 1, "one reply on the new socket");
});

test("rpc.cancel drops a call that has not started; a started one runs to the end", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const { panel, cs, peer } = await connected(pipeline);
  t.after(() => panel.stop());
  cs.hold();
  const held = evalEvent(cs, (e) => e.phase === "held" && e.id === "py:c1");
  const a = pipeline.request(peer, "py:c1", "add_item", { name: "A", item_type: "comp" });
  await held;
  const b = pipeline.request(peer, "py:c2", "add_item", { name: "B", item_type: "comp" });
  const c = pipeline.request(peer, "py:c3", "get_app_version", {});
  await waitQueue(panel, 2);
  pipeline.send(peer, { jsonrpc: "2.0", method: "rpc.cancel", params: { id: "py:c2" } });
  pipeline.send(peer, { jsonrpc: "2.0", method: "rpc.cancel", params: { id: "py:c1" } }); // too late
  await waitQueueBelow(panel, 2);
  const started = [];
  const off = cs.onEval((e) => {
    if (e.phase === "start") started.push(e.id);
  });
  cs.release();
  const [ra, rb, rc] = await Promise.all([a, b, c]);
  off();
  assert.equal(ra.result, 42);
  assert.equal(rb.error.code, -32011);
  assert.equal(rb.error.data.cancelled, true);
  assert.equal(rc.result, "25.2x4");
  assert.deepEqual(started, ["py:c1", "py:c3"]);
  assert.equal(calls(cs, "addItem"), 1);
});

function waitQueueBelow(panel, depth) {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 5000;
    const check = () => {
      if (panel.queueDepth < depth) resolve(panel.queueDepth);
      else if (Date.now() > deadline) reject(new Error("queue depth stays " + panel.queueDepth));
      else setImmediate(check);
    };
    check();
  });
}

test("an evalScript that overruns answers -32011, and the queue waits for its callback", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const { panel, cs, peer, logs } = await connected(pipeline, { evalScriptTimeoutMs: 40 });
  t.after(() => panel.stop());
  cs.hold();
  const busy = nextEvent((l) => panel.on("busy", l), () => true, 5000, "busy");
  const a = pipeline.request(peer, "py:t1", "add_item", { name: "A", item_type: "comp" });
  const b = pipeline.request(peer, "py:t2", "get_app_version", {});
  const ra = await a;
  assert.equal(ra.error.code, -32011);
  assert.equal(ra.error.data.timeout_ms, 40);
  assert.equal((await busy).queued, 1);
  assert.equal(cs.evalCount, 1, "the next call did not start while the first is outstanding");
  assert.equal(cs.outstanding, 1);
  cs.release();
  const rb = await b;
  assert.equal(rb.result, "25.2x4");
  assert.equal(cs.maxOutstanding, 1);
  assert.ok(logs.some((l) => /past its timeout/.test(l)), logs.join("\n"));
  // The late outcome does not replace the answer already given: the id stays at -32011.
  const again = await pipeline.request(peer, "py:t1", "add_item", { name: "A", item_type: "comp" });
  assert.equal(again.error.code, -32011);
  assert.equal(calls(cs, "addItem"), 1);
});

// Send a request with extra members (the "aerpc" extension); resolves with the panel's reply.
function requestWith(pipeline, peer, message) {
  const reply = pipeline.nextMessage((m) => m.id === message.id && !("method" in m), 5000, "the reply to " + message.id);
  pipeline.send(peer, Object.assign({ jsonrpc: "2.0" }, message));
  return reply;
}

// Give add_item a short x-timeout-ms for one test (the panel reads HOST_METHODS at each call).
function shortXTimeout(t, method, ms) {
  const info = Aerpc.HOST_METHODS[method];
  const before = info.timeoutMs;
  info.timeoutMs = ms;
  t.after(() => {
    info.timeoutMs = before;
  });
}

test("aerpc.timeout_ms longer than x-timeout-ms: the panel waits for the caller's budget", async (t) => {
  shortXTimeout(t, "add_item", 40);
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const { panel, cs, peer } = await connected(pipeline);
  t.after(() => panel.stop());
  const busy = [];
  panel.on("busy", (e) => busy.push(e));
  cs.hold();
  const held = evalEvent(cs, (e) => e.phase === "held" && e.id === "py:b1");
  const long = requestWith(pipeline, peer, { id: "py:b1", method: "add_item",
    params: { name: "A", item_type: "comp" }, aerpc: { timeout_ms: 5000 } });
  await held;
  // The clock: a call queued behind it with an 80 ms budget is answered when that budget runs
  // out (unrun). Node fires timers in deadline order, so by then the 40 ms x-timeout-ms timer
  // of the held call would have fired, had it been armed.
  const queued = await requestWith(pipeline, peer, { id: "py:b2", method: "get_app_version",
    params: {}, aerpc: { timeout_ms: 80 } });
  assert.equal(queued.error.code, -32011);
  assert.equal(queued.error.data.expired, true);
  assert.equal(queued.error.data.timeout_ms, 80);
  assert.equal(calls(cs, "getAppVersion"), 0, "a call whose deadline passed in the queue is not run");
  assert.equal(panel.queueDepth, 0);
  assert.deepEqual(busy, [], "no -32011 at x-timeout-ms");
  cs.release();
  const reply = await long; // the first reply to py:b1: a -32011 would have come first
  assert.equal(reply.result, 42);
  assert.equal(calls(cs, "addItem"), 1);
  // Without the member the method's x-timeout-ms applies, as before.
  cs.hold();
  const plain = await requestWith(pipeline, peer, { id: "py:b3", method: "add_item",
    params: { name: "B", item_type: "comp" } });
  assert.equal(plain.error.code, -32011);
  assert.equal(plain.error.data.timeout_ms, 40);
  cs.release();
});

test("aerpc.timeout_ms shorter than x-timeout-ms: -32011 when the caller's budget runs out", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const { panel, cs, peer } = await connected(pipeline);
  t.after(() => panel.stop());
  assert.ok(Aerpc.HOST_METHODS.add_item.timeoutMs >= 10000);
  cs.hold();
  const busy = nextEvent((l) => panel.on("busy", l), () => true, 5000, "busy");
  const started = Date.now();
  const reply = await requestWith(pipeline, peer, { id: "py:s1", method: "add_item",
    params: { name: "A", item_type: "comp" }, aerpc: { timeout_ms: 60 } });
  assert.ok(Date.now() - started < 5000);
  assert.equal(reply.error.code, -32011);
  assert.ok(reply.error.data.timeout_ms > 0 && reply.error.data.timeout_ms <= 60, reply.error.data.timeout_ms);
  assert.notEqual(reply.error.data.expired, true, "it was running, not queued");
  assert.ok((await busy).waitedMs <= 60);
  cs.release();
  // The queue moves on once ExtendScript answers.
  assert.equal((await pipeline.request(peer, "py:s2", "get_app_version", {})).result, "25.2x4");
});

test("aerpc.timeout_ms that is not a positive number is ignored; other aerpc members too", async (t) => {
  shortXTimeout(t, "add_item", 40);
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const { panel, cs, peer, logs } = await connected(pipeline);
  t.after(() => panel.stop());
  const bad = [{ timeout_ms: -5 }, { timeout_ms: 0 }, { timeout_ms: "5000" }, { timeout_ms: null }, 7, null, [1]];
  for (let i = 0; i < bad.length; i += 1) {
    cs.hold();
    const reply = await requestWith(pipeline, peer, { id: "py:i" + i, method: "add_item",
      params: { name: "A", item_type: "comp" }, aerpc: bad[i] });
    assert.equal(reply.error.code, -32011, JSON.stringify(bad[i]));
    assert.equal(reply.error.data.timeout_ms, 40, "x-timeout-ms applies for " + JSON.stringify(bad[i]));
    cs.release();
  }
  assert.equal(logs.filter((l) => /aerpc\.timeout_ms is not a positive/.test(l)).length, bad.length);
  const unknown = await requestWith(pipeline, peer, { id: "py:i-x", method: "get_app_version", params: {},
    aerpc: { later: true } });
  assert.equal(unknown.result, "25.2x4");
  // Too large for a timer: taken as the longest one (2^31 - 1 ms), not as "at once".
  cs.hold();
  let answered = false;
  const huge = requestWith(pipeline, peer, { id: "py:i-h", method: "get_app_version", params: {},
    aerpc: { timeout_ms: 1e300 } });
  huge.then(() => {
    answered = true;
  });
  await evalEvent(cs, (e) => e.phase === "held" && e.id === "py:i-h");
  const clock = await requestWith(pipeline, peer, { id: "py:i-c", method: "get_app_version", params: {},
    aerpc: { timeout_ms: 30 } });
  assert.equal(clock.error.data.expired, true);
  assert.equal(answered, false);
  cs.release();
  assert.equal((await huge).result, "25.2x4");
});

test("evalScriptTimeoutMs: a number wins over aerpc.timeout_ms; a function gets it as defaultMs", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const seen = [];
  const { panel, cs, peer } = await connected(pipeline, {
    evalScriptTimeoutMs: (method, defaultMs) => {
      seen.push([method, defaultMs]);
      return defaultMs;
    },
  });
  t.after(() => panel.stop());
  await requestWith(pipeline, peer, { id: "py:o1", method: "add_item", params: { name: "A", item_type: "comp" },
    aerpc: { timeout_ms: 7000 } });
  await pipeline.request(peer, "py:o2", "add_item", { name: "A", item_type: "comp" });
  assert.equal(seen.length, 2);
  assert.ok(seen[0][1] > 6000 && seen[0][1] <= 7000, String(seen[0][1]));
  assert.deepEqual(seen[1], ["add_item", Aerpc.HOST_METHODS.add_item.timeoutMs]);

  const fixed = await connected(pipeline, { evalScriptTimeoutMs: 40, instance: "fixed" });
  t.after(() => fixed.panel.stop());
  fixed.cs.hold();
  const reply = await requestWith(pipeline, fixed.peer, { id: "py:o3", method: "add_item",
    params: { name: "A", item_type: "comp" }, aerpc: { timeout_ms: 5000 } });
  assert.equal(reply.error.code, -32011);
  assert.equal(reply.error.data.timeout_ms, 40);
  fixed.cs.release();
});

test("pipeline calls carry the time left of their deadline as aerpc.timeout_ms", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const { panel, peer } = await connected(pipeline);
  t.after(() => panel.stop());
  const answer = (m) => pipeline.send(peer, { jsonrpc: "2.0", id: m.id, result: null });
  let sent = pipeline.nextMessage((m) => m.method === "open_tool");
  let call = panel.pipeline.open_tool({ tool: "loader" }, { timeoutMs: 3000 });
  let message = await sent;
  assert.deepEqual(Object.keys(message.aerpc), ["timeout_ms"]);
  assert.ok(Number.isInteger(message.aerpc.timeout_ms));
  assert.ok(message.aerpc.timeout_ms > 2000 && message.aerpc.timeout_ms <= 3000, String(message.aerpc.timeout_ms));
  assert.deepEqual(message.params, { tool: "loader" });
  answer(message);
  assert.equal(await call, null);
  sent = pipeline.nextMessage((m) => m.method === "open_tool");
  call = panel.pipeline.open_tool({ tool: "loader" });
  message = await sent;
  const xTimeout = Aerpc.PIPELINE_METHODS.open_tool.timeoutMs;
  assert.ok(message.aerpc.timeout_ms > xTimeout - 1000 && message.aerpc.timeout_ms <= xTimeout);
  answer(message);
  assert.equal(await call, null);
});

test("size limits: a result over max_message_size is -32004; a call over it is refused locally", async (t) => {
  const pipeline = await FakePipeline.start({ limits: { max_message_size: 2000 } });
  t.after(() => pipeline.close());
  const { panel, cs, peer } = await connected(pipeline);
  t.after(() => panel.stop());
  cs.run("__aerpc.host.getAppVersion = function (params) { var s = 'x'; while (s.length < 3000) { s = s + s; } return s; }");
  const reply = await pipeline.request(peer, "py:s1", "get_app_version", {});
  assert.equal(reply.error.code, -32004);
  assert.equal(reply.error.data.limit, 2000);
  assert.ok(reply.error.data.size > 2000);
  // 700 characters of 3 UTF-8 bytes each: under the limit in characters, over it in bytes.
  cs.run("__aerpc.host.getAppVersion = function (params) { var s = ''; while (s.length < 700) { s = s + '\\u4e2d'; } return s; }");
  const wide = await pipeline.request(peer, "py:s2", "get_app_version", {});
  assert.equal(wide.error.code, -32004);
  const before = peer.inbox.length;
  await assert.rejects(panel.pipeline.set_context({ project: "p".repeat(3000), folder: "/f", task: "t" }),
    (e) => e instanceof Aerpc.MessageTooLarge && e.code === -32004 && e.data.limit === 2000);
  assert.equal(peer.inbox.length, before, "nothing was sent");
});

// ---------------------------------------------------------------- the spliced success reply

const ENVELOPE_OK = "{\"ok\":true,\"result\":";

// A panel whose CSInterface is the node stand-in, recording what each evalScript answered.
async function recordingPanel(pipeline, extra) {
  const cs = new NodeCSInterface({ fake: true, scripts: ES3_SCRIPTS });
  cs.run(FIXTURE);
  const raws = [];
  const recorder = {
    evalScript: (source, callback) => cs.evalScript(source, (raw) => {
      raws.push(raw);
      callback(raw);
    }),
  };
  const made = await connected(pipeline, Object.assign({ csInterface: recorder }, extra || {}));
  return Object.assign(made, { cs: cs, raws: raws });
}

// Ask get_app_version with id; resolves with {raw: what evalScript answered, text: the reply
// frame as sent, message: the reply parsed}.
async function askRaw(pipeline, made, id) {
  const before = made.raws.length;
  const frame = pipeline.next((e) => e.type === "message" && e.message.id === id && !("method" in e.message),
    5000, "the reply to " + id);
  pipeline.send(made.peer, { jsonrpc: "2.0", id: id, method: "get_app_version", params: {} });
  const event = await frame;
  return { raw: made.raws.length > before ? made.raws[made.raws.length - 1] : null, text: event.text,
    message: event.message };
}

// The reply the parsed path makes of raw (parseEnvelope, then toJson of the whole reply).
function parsedReply(id, raw) {
  const outcome = Aerpc.parseEnvelope(raw);
  assert.equal(outcome.ok, true, raw.slice(0, 200));
  return JSON.stringify({ jsonrpc: "2.0", id: id, result: outcome.result === undefined ? null : outcome.result });
}

// ES3 source of host function results: the odd ones a host function may return as well.
const SPLICE_CASES = {
  nested: "({a: [1, {b: [true, false, null, [[[]]]]}, 'x'], c: {d: {e: {}}}, '': {'': []}})",
  unicode: "['\\u00e9\\u4e2d\\ud83d\\ude00', 'e\\u0301', '\\ufeff\\ufffe\\uffff', '\\u202e']",
  lineSeparators: "({'\\u2028': '\\u2028', k: 'a\\u2029b'})",
  loneSurrogates: "['\\ud800', 'x\\udc00y', '\\udbff', '\\ud83d', '\\ude00x', '\\udfff\\ud800']",
  controls: "'\\u0000\\u0001\\b\\f\\n\\r\\t\\u001f\\u007f\\u0085\"\\\\/'",
  negativeZero: "[-0, 0, -0.0]",
  bigNumbers: "[1e21, 1e-7, 5e-324, 1.7976931348623157e308, 9007199254740993, 123456789012345680000, " +
    "0.1 + 0.2, -2147483648, 2147483648, 4294967296, -1e300, 1 / 3]",
  emptyArray: "[]",
  emptyObject: "({})",
  emptyString: "''",
  nullValue: "null",
  undefinedValue: "undefined",
  aFunction: "(function () {})",
  notNumbers: "[NaN, Infinity, -Infinity]",
  holesAndJunk: "[undefined, function () {}, NaN, , 1]",
  skippedMembers: "({u: undefined, f: function () {}, n: NaN, ok: 1})",
  wrappers: "[new String('s\\u00e9'), new Number(1.5), new Boolean(false), new Date(0)]",
  toJSON: "({toJSON: function () { return {via: 'toJSON'}; }})",
  envelopeLookalike: "'{\"ok\":true,\"result\":1}'",
  keys: "({'1': 'one', b: 2, 'a\"b': 3, 'constructor': 4, 'toString': 5, '0': 0})",
  boolean: "true",
  number: "42",
};

test("the dispatcher's success envelope is spliced into the reply, equal to the parsed path's", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const made = await recordingPanel(pipeline);
  t.after(() => made.panel.stop());
  const events = [];
  made.panel.on("call", (e) => events.push(e));
  const values = Object.entries(SPLICE_CASES);
  const random = prng(SEED);
  for (let i = 0; i < 150; i += 1) {
    const value = JSON.stringify(randomJson(random, 4));
    values.push(["random " + i, "__aerpc_json.parse(" + Aerpc.jsStringLiteral(value) + ")"]);
  }
  let n = 0;
  for (const [name, source] of values) {
    made.cs.run("__aerpc.host.getAppVersion = function (params) { return " + source + "; }");
    const id = "py:sp" + (n += 1);
    const { raw, text, message } = await askRaw(pipeline, made, id);
    // The dispatcher's envelope: exactly the prefix, no white space, printable ASCII.
    assert.ok(raw.startsWith(ENVELOPE_OK) && raw.endsWith("}"), name + ": " + raw.slice(0, 200));
    assert.match(raw, /^[\x20-\x7e]*$/, name);
    // Sent as spliced: the reply's head and the envelope's result text, untouched.
    assert.equal(text, "{\"jsonrpc\":\"2.0\",\"id\":\"" + id + "\",\"result\":" + raw.slice(ENVELOPE_OK.length), name);
    // The same JSON value the parsed path sends.
    const same = sameJson(JSON.parse(text), JSON.parse(parsedReply(id, raw)));
    assert.equal(same, null, name + ": " + same);
    assert.deepEqual(Object.keys(message), ["jsonrpc", "id", "result"], name);
  }
  assert.ok(events.length >= values.length && events.every((e) => e.direction === "in" && e.ok && e.code === null));
  // A few by value, against what the parsed path would make of them.
  const results = {};
  for (const [name, source] of Object.entries(SPLICE_CASES)) {
    made.cs.run("__aerpc.host.getAppVersion = function (params) { return " + source + "; }");
    results[name] = (await askRaw(pipeline, made, "py:v-" + name)).message.result;
  }
  assert.equal(results.nullValue, null);
  assert.equal(results.undefinedValue, null, "void and undefined are null");
  assert.equal(results.aFunction, null);
  assert.deepEqual(results.notNumbers, [null, null, null]);
  assert.deepEqual(results.holesAndJunk, [null, null, null, null, 1]);
  assert.deepEqual(results.skippedMembers, { n: null, ok: 1 });
  assert.deepEqual(results.emptyArray, []);
  assert.deepEqual(results.emptyObject, {});
  assert.deepEqual(results.lineSeparators, { "\u2028": "\u2028", k: "a\u2029b" });
  assert.deepEqual(results.loneSurrogates, ["\ud800", "x\udc00y", "\udbff", "\ud83d", "\ude00x", "\udfff\ud800"]);
  assert.deepEqual(results.negativeZero, [0, 0, 0]);
  assert.equal(results.envelopeLookalike, "{\"ok\":true,\"result\":1}");
  assert.deepEqual(results.toJSON, { via: "toJSON" });
});

test("request params reach the host function as sent, the received text handed on or serialised again", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const cs = new NodeCSInterface({ fake: true, scripts: ES3_SCRIPTS });
  cs.run(FIXTURE);
  cs.run("__aerpc.host.imprint = function (params) { return params.entry; }");
  const sources = [];
  const recorder = {
    evalScript: (source, callback) => {
      sources.push(source);
      cs.evalScript(source, callback);
    },
  };
  const made = await connected(pipeline, { csInterface: recorder });
  t.after(() => made.panel.stop());
  const random = prng(SEED);
  const entries = [{ q: "\"'\\", ls: "\u2028\u2029", lone: ["\ud800", "x\udc00y", "\udbff\ud800"], n: [-0, 1e21, 0.1] }];
  for (let i = 0; i < 60; i += 1) entries.push({ v: randomJson(random, 4) });
  let n = 0;
  for (const entry of entries) {
    for (const extra of [null, { "x-later": { "\u2028": [1] } }]) {
      const id = "py:rt" + (n += 1);
      const message = Object.assign({ jsonrpc: "2.0", id: id, method: "imprint", params: { entry: entry } },
        extra || { aerpc: { timeout_ms: 5000 } });
      const text = JSON.stringify(message);
      const reply = pipeline.next((e) => e.type === "message" && e.message.id === id, 5000, "the reply to " + id);
      pipeline.send(made.peer, text);
      const got = (await reply).message;
      const same = sameJson(got.result, JSON.parse(JSON.stringify(entry)));
      assert.equal(same, null, id + ": " + same);
      const source = sources[sources.length - 1];
      assert.match(source, /^__aerpc_dispatch\("[\x20-\x7e]*"\)$/, id + ": one printable-ASCII literal");
      const handed = JSON.parse(source.slice("__aerpc_dispatch(".length, -1));
      if (extra === null) {
        assert.equal(handed, text, id + ": a plain request goes to the host as received");
      } else {
        assert.equal(handed, JSON.stringify({ jsonrpc: "2.0", id: id, method: "imprint", params: { entry: entry } }),
          id + ": with another member, only the request is serialised again");
      }
    }
  }
});

test("a spliced reply is remembered by id: a repeat gets the same text without evalScript", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const made = await recordingPanel(pipeline);
  t.after(() => made.panel.stop());
  made.cs.run("__aerpc.host.getAppVersion = function (params) { return ['\\u00e9', {a: 1}]; }");
  const first = await askRaw(pipeline, made, "py:mem");
  assert.ok(/\\u00e9/i.test(first.text), "spliced: the dispatcher's escape, not the parsed path's text");
  const entry = made.panel._requests._memory.get("py:mem");
  assert.equal(entry.text, first.text);
  assert.equal(entry.bytes, first.text.length * 2);
  const evals = made.cs.evalCount;
  const again = await askRaw(pipeline, made, "py:mem");
  assert.equal(again.text, first.text);
  assert.equal(made.cs.evalCount, evals, "answered from memory");
  // A void method's spliced result is null.
  const renamed = await pipeline.request(made.peer, "py:void", "rename_item", { item_id: 1, name: "n" });
  assert.deepEqual(renamed, { jsonrpc: "2.0", id: "py:void", result: null });
});

test("answers that are not the dispatcher's success envelope take the parsed path", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  let answer = "";
  const fakeCs = { evalScript: (source, callback) => setImmediate(() => callback(answer)) };
  const { panel, peer } = await connected(pipeline, { csInterface: fakeCs });
  t.after(() => panel.stop());
  let n = 0;
  const ask = async (raw) => {
    answer = raw;
    const id = "py:np" + (n += 1);
    const frame = pipeline.next((e) => e.type === "message" && e.message.id === id, 5000, id);
    pipeline.send(peer, { jsonrpc: "2.0", id: id, method: "get_app_version", params: {} });
    const event = await frame;
    return { id: id, text: event.text, message: event.message };
  };
  // Success envelopes not in the dispatcher's exact shape: parsed and serialised again (the
  // \u00e9 escape comes back as the character itself: JSON.stringify's text, not a splice).
  for (const raw of ["{\"ok\": true, \"result\": \"\\u00e9\"}", " {\"ok\":true,\"result\":\"\\u00e9\"}",
    "{\"ok\":true,\"result\":\"\\u00e9\"} ", "{\"ok\":true,\"result\":\"\\u00e9\"}\n",
    "{\"result\":\"\\u00e9\",\"ok\":true}"]) {
    const reply = await ask(raw);
    assert.equal(reply.text, JSON.stringify({ jsonrpc: "2.0", id: reply.id, result: "\u00e9" }), raw);
  }
  // Errors and garbage: -32010 or the envelope's error, as before.
  let reply = await ask("{\"ok\":false,\"error\":{\"code\":1001,\"message\":\"gone\",\"data\":{\"item_id\":7}}}");
  assert.deepEqual(reply.message.error, { code: 1001, message: "gone", data: { item_id: 7 } });
  const failures = {
    "EvalScript error.": /jsx\/aerpc\.jsx/,
    "undefined": /returned nothing/,
    "": /returned nothing/,
    "garbage }": /not JSON/,
    "{\"ok\":true,\"result\":}": /not JSON/, // the prefix and "}" with nothing between
    "{\"ok\":true,\"result\":": /not JSON/,
    "{\"ok\":true,\"result\":1": /not JSON/,
    "{\"ok\":true}": /not the dispatcher's envelope/,
  };
  for (const [raw, pattern] of Object.entries(failures)) {
    reply = await ask(raw);
    assert.equal(reply.message.error.code, -32010, raw);
    assert.match(reply.message.error.message, pattern, raw);
  }
});

test("size limits apply to a spliced result, as to a parsed one", async (t) => {
  const limit = 2000;
  const pipeline = await FakePipeline.start({ limits: { max_message_size: limit } });
  t.after(() => pipeline.close());
  const made = await recordingPanel(pipeline);
  t.after(() => made.panel.stop());
  const returning = (count, unit) => made.cs.run("__aerpc.host.getAppVersion = function (params) { var s = ''; " +
    "while (s.length < " + count + ") { s = s + '" + unit + "'; } return s; }");
  // ASCII: the reply of exactly the limit is sent (spliced), one byte more is -32004.
  const overhead = "{\"jsonrpc\":\"2.0\",\"id\":\"py:z1\",\"result\":\"\"}".length;
  returning(limit - overhead, "x");
  let reply = await askRaw(pipeline, made, "py:z1");
  assert.equal(reply.text.length, limit);
  assert.equal(reply.message.result.length, limit - overhead);
  returning(limit - overhead + 1, "x");
  reply = await askRaw(pipeline, made, "py:z2");
  assert.equal(reply.message.error.code, -32004);
  assert.deepEqual(reply.message.error.data, { size: limit + 1, limit: limit });
  const remembered = await askRaw(pipeline, made, "py:z2");
  assert.equal(remembered.text, reply.text, "the refusal is remembered too");
  // Over the limit as the dispatcher escaped it (6 bytes a character), under it in UTF-8 (2):
  // the parsed path's text is sent, as before the splice.
  returning(600, "\\u00e9");
  reply = await askRaw(pipeline, made, "py:z3");
  assert.ok(reply.raw.length > limit);
  assert.equal(reply.message.result, "\u00e9".repeat(600));
  assert.equal(reply.text, JSON.stringify({ jsonrpc: "2.0", id: "py:z3", result: "\u00e9".repeat(600) }));
  // Over it in UTF-8 as well: -32004 with the size of the text the parsed path would send.
  returning(1000, "\\u00e9");
  reply = await askRaw(pipeline, made, "py:z4");
  assert.equal(reply.message.error.code, -32004);
  assert.equal(reply.message.error.data.size,
    Buffer.byteLength(JSON.stringify({ jsonrpc: "2.0", id: "py:z4", result: "\u00e9".repeat(1000) })));
});

test("pipeline calls: typed promise, errors as classes, per-call timeout with rpc.cancel", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const { panel, peer } = await connected(pipeline);
  t.after(() => panel.stop());
  const serve = (reply) => pipeline.nextMessage((m) => m.method === "open_tool").then((m) => {
    pipeline.send(peer, Object.assign({ jsonrpc: "2.0", id: m.id }, reply));
    return m;
  });

  let request = serve({ result: null });
  assert.equal(await panel.pipeline.open_tool({ tool: "loader" }), null);
  const sent = await request;
  assert.match(sent.id, /^cep:\d+$/);
  assert.deepEqual(sent.params, { tool: "loader" });

  request = serve({ error: { code: 1001, message: "gone", data: { item_id: 5 } } });
  await assert.rejects(panel.pipeline.open_tool({ tool: "loader" }), (e) =>
    e instanceof Aerpc.ItemNotFound && e instanceof Aerpc.RemoteError && e instanceof Error &&
    e.code === 1001 && e.message === "gone" && e.data.item_id === 5 && e.name === "ItemNotFound");
  request = serve({ error: { code: -32602, message: "bad", data: { errors: [{ path: "/tool", message: "no" }] } } });
  await assert.rejects(panel.pipeline.open_tool({ tool: "loader" }), (e) =>
    e instanceof Aerpc.InvalidParams && e.data.errors[0].path === "/tool");
  request = serve({ error: { code: 4242, message: "unknown code" } });
  await assert.rejects(panel.pipeline.open_tool({ tool: "loader" }), (e) =>
    e.constructor === Aerpc.RemoteError && e.code === 4242);

  const cancel = pipeline.nextMessage((m) => m.method === "rpc.cancel");
  const slow = pipeline.nextMessage((m) => m.method === "open_tool");
  await assert.rejects(panel.pipeline.open_tool({ tool: "publisher" }, { timeoutMs: 30 }), (e) =>
    e instanceof Aerpc.RpcTimeout && e instanceof Aerpc.LocalError && e.method === "open_tool" &&
    e.timeoutMs === 30 && e.maybeApplied === true);
  const cancelled = await cancel;
  assert.equal(cancelled.params.id, (await slow).id);
  assert.equal("id" in cancelled, false, "rpc.cancel is a notification");
  // A late reply to the timed-out call is ignored.
  pipeline.send(peer, { jsonrpc: "2.0", id: cancelled.params.id, result: null });

  await assert.rejects(panel.call("not_a_method", {}), Aerpc.MethodNotFound);
  await assert.rejects(panel.pipeline.open_tool({ tool: "x" }, { timeoutMs: -1 }), TypeError);
});

test("pipeline calls across a drop: idempotent ones are resent with the same id, others fail", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const { panel, peer } = await connected(pipeline);
  t.after(() => panel.stop());
  const first = pipeline.nextMessage((m) => m.method === "open_tool");
  const second = pipeline.nextMessage((m) => m.method === "workfile_template");
  const idempotent = panel.pipeline.open_tool({ tool: "loader" });
  const once = panel.pipeline.workfile_template({ action: "build" });
  const sent = await first;
  await second;
  const resent = pipeline.next((e) => e.type === "message" && e.peer !== peer && e.message.method === "open_tool");
  peer.ws.terminate();
  await assert.rejects(once, (e) => e instanceof Aerpc.ConnectionLost && e.maybeApplied === true &&
    e.method === "workfile_template");
  const again = await resent;
  assert.equal(again.message.id, sent.id);
  // Sent again with what is left of its deadline, not the whole of it.
  assert.ok(sent.aerpc.timeout_ms <= Aerpc.PIPELINE_METHODS.open_tool.timeoutMs);
  assert.ok(again.message.aerpc.timeout_ms <= sent.aerpc.timeout_ms);
  pipeline.send(again.peer, { jsonrpc: "2.0", id: sent.id, result: null });
  assert.equal(await idempotent, null);
});

test("pipeline calls wait for a connection within their deadline, else NotConnected", async (t) => {
  const pipeline = await FakePipeline.start({ hello: () => null });
  t.after(() => pipeline.close());
  const { panel } = makePanel(pipeline.url, { helloTimeoutMs: 5000 });
  t.after(() => panel.stop());
  panel.start();
  await assert.rejects(panel.pipeline.launched({}, { timeoutMs: 30 }), (e) =>
    e instanceof Aerpc.NotConnected && e.method === "launched");
});

test("reconnect: exponential backoff with jitter, bounded by maxDelayMs", async (t) => {
  const pipeline = await FakePipeline.start({ onConnection: (peer) => peer.ws.close(1011, "go away") });
  t.after(() => pipeline.close());
  const { panel, statuses } = makePanel(pipeline.url, {
    reconnect: { initialDelayMs: 5, maxDelayMs: 40, factor: 2, jitter: 0.5, random: () => 0.5 },
  });
  t.after(() => panel.stop());
  const closedCount = () => statuses.filter((s) => s.status === "closed").length;
  const seventh = nextEvent((l) => panel.on("status", l), () => closedCount() >= 7, 5000, "7 closes");
  panel.start();
  await seventh;
  panel.stop();
  const closed = statuses.filter((s) => s.status === "closed");
  assert.deepEqual(closed.slice(0, 7).map((s) => s.retryInMs), [4, 8, 15, 30, 30, 30, 30]);
  assert.deepEqual(closed.slice(0, 7).map((s) => s.attempt), [1, 2, 3, 4, 5, 6, 7]);
  assert.equal(closed[0].code, 1011);
  assert.equal(statuses[statuses.length - 1].status, "stopped");
});

test("reconnect: the jitter stays within [base * (1 - jitter), base]", async (t) => {
  const { panel } = makePanel("ws://127.0.0.1:9/ws", {
    reconnect: { initialDelayMs: 100, maxDelayMs: 1000, factor: 3, jitter: 0.3 },
  });
  const bases = [100, 300, 900, 1000, 1000];
  for (let i = 0; i < 200; i += 1) {
    panel._failures = i % bases.length;
    let delay = null;
    const off = panel.on("status", (s) => {
      delay = s.retryInMs;
    });
    panel._retryLater({ code: 1006, reason: "" });
    off();
    clearTimeout(panel._reconnectTimer);
    const base = bases[i % bases.length];
    assert.ok(delay >= Math.floor(base * 0.7) && delay <= base, delay + " for base " + base);
  }
});

test("a refused hello: a wrong token or another schema is final; a busy host slot is retried", async (t) => {
  const refuse = (code, close) => () => ({ error: { code: code, message: "no" }, close: close });
  const pipeline = await FakePipeline.start({ hello: refuse(-32001, 4401) });
  t.after(() => pipeline.close());
  const { panel, statuses } = makePanel(pipeline.url);
  t.after(() => panel.stop());
  const failed = nextEvent((l) => panel.on("status", l), (s) => s.status === "failed", 5000);
  panel.start();
  const event = await failed;
  assert.equal(event.code, -32001);
  assert.equal(panel._reconnectTimer, null, "no reconnect is scheduled");
  assert.equal(statuses.filter((s) => s.status === "connecting").length, 1);
  await assert.rejects(panel.ready(1000), Aerpc.NotConnected);

  const busy = await FakePipeline.start({ hello: refuse(-32003, 4403) });
  t.after(() => busy.close());
  const other = makePanel(busy.url);
  t.after(() => other.panel.stop());
  const retried = nextEvent((l) => other.panel.on("status", l),
    () => other.statuses.filter((s) => s.status === "closed").length >= 2, 5000);
  other.panel.start();
  await retried;
  assert.equal(other.statuses.find((s) => s.status === "closed").reason, "no");
});

test("no reply to hello: the panel gives up on that socket and reconnects", async (t) => {
  const pipeline = await FakePipeline.start({ hello: () => null });
  t.after(() => pipeline.close());
  const { panel } = makePanel(pipeline.url, { helloTimeoutMs: 30 });
  t.after(() => panel.stop());
  const closed = nextEvent((l) => panel.on("status", l), (s) => s.status === "closed", 5000);
  const secondConnection = pipeline.next((e) => e.type === "connection" && pipeline.peers.length === 2, 5000);
  panel.start();
  assert.match((await closed).reason, /rpc.hello/);
  await secondConnection;
});

test("url and token from After Effects' environment via $.getenv, WEBSOCKET_URL as fallback", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  for (const env of [{ AERPC_URL: pipeline.url, AERPC_TOKEN: "from-env" }, { WEBSOCKET_URL: pipeline.url, AERPC_TOKEN: "from-env" }]) {
    const { panel, statuses } = makePanel(undefined, { url: undefined, token: undefined, env: env });
    const hello = pipeline.next((e) => e.type === "hello", 5000);
    panel.start();
    await panel.ready(5000);
    assert.equal((await hello).message.params.token, "from-env");
    assert.equal(statuses[0].phase, "environment");
    panel.stop();
  }
  const { panel } = makePanel(undefined, { url: undefined, token: undefined, env: {} });
  const failed = nextEvent((l) => panel.on("status", l), (s) => s.status === "failed", 5000);
  panel.start();
  assert.match((await failed).reason, /AERPC_URL is not set/);
  assert.throws(() => new Aerpc.AerpcPanel({ WebSocket: WS }).start(), TypeError);
});

test("stop(): pending pipeline calls fail with NotConnected, the socket closes", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const { panel, peer, statuses } = await connected(pipeline);
  const sent = pipeline.nextMessage((m) => m.method === "launched");
  const pending = panel.pipeline.launched({});
  await sent;
  const closed = pipeline.next((e) => e.type === "close" && e.peer === peer, 5000);
  panel.stop();
  await assert.rejects(pending, Aerpc.NotConnected);
  assert.equal((await closed).code, 1000);
  assert.equal(statuses[statuses.length - 1].status, "stopped");
  await assert.rejects(panel.pipeline.launched({}), Aerpc.NotConnected);
});

test("no payloads in the log by default; the token never", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const { panel, cs, peer, logs } = await connected(pipeline);
  t.after(() => panel.stop());
  await pipeline.request(peer, "py:p1", "rename_item", { item_id: 1, name: "PAYLOAD-MARKER" });
  cs.run("__aerpc.host.getAppVersion = function (params) { return 'RESULT-MARKER'; }");
  await pipeline.request(peer, "py:p2", "get_app_version", {});
  const served = pipeline.nextMessage((m) => m.method === "open_tool");
  const call = panel.pipeline.open_tool({ tool: "loader" });
  pipeline.send(peer, { jsonrpc: "2.0", id: (await served).id, result: null });
  await call;
  const text = logs.join("\n");
  assert.doesNotMatch(text, /PAYLOAD-MARKER|RESULT-MARKER|secret-token/);
});

test("errorFromWire and the error classes", () => {
  const e = Aerpc.errorFromWire({ code: -32010, message: "threw", data: { line: 3 } });
  assert.ok(e instanceof Aerpc.ExtendScriptError);
  assert.equal(e.name, "ExtendScriptError");
  assert.deepEqual(e.toWire(), { code: -32010, message: "threw", data: { line: 3 } });
  assert.equal(Aerpc.errorClassFor(1013), Aerpc.MetadataCorrupt);
  assert.equal(Aerpc.MetadataCorrupt.code, 1013);
  assert.equal(new Aerpc.MetadataCorrupt().message, "Stored pipeline metadata is not valid JSON");
  assert.ok(Aerpc.errorFromWire("nonsense") instanceof Aerpc.InternalError);
  assert.ok(new Aerpc.HostTimeout("x").stack.includes("HostTimeout"));
});

test("the panel library and its contract are ES2015 syntax (CEP 8's Chromium 57 and later run them)", () => {
  const acorn = require("acorn");
  const fs = require("node:fs");
  const path = require("node:path");
  const files = require(path.join(ROOT, "runtime", "panel")).SCRIPTS.map((n) => path.join(ROOT, "runtime", "panel", n));
  for (const file of files.concat([path.join(ROOT, "generated", "cep", "aerpc-panel.js")])) {
    const source = fs.readFileSync(file, "utf8");
    acorn.parse(source, { ecmaVersion: 2015, sourceType: "script" });
    assert.ok(/^[\x00-\x7f]*$/.test(source), file + ": ASCII only");
  }
});

test("a CSInterface that calls back synchronously (evalScript on macOS) is served in order", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const cs = new NodeCSInterface({ fake: true, scripts: ES3_SCRIPTS });
  cs.run(FIXTURE);
  let depth = 0;
  let maxDepth = 0;
  const syncCs = {
    evalScript: (source, callback) => {
      depth += 1;
      maxDepth = Math.max(maxDepth, depth);
      const value = cs.run(source);
      callback(value === undefined ? "undefined" : String(value));
      depth -= 1;
    },
  };
  const { panel, peer } = await connected(pipeline, { csInterface: syncCs });
  t.after(() => panel.stop());
  const replies = [];
  for (let i = 0; i < 2000; i += 1) replies.push(pipeline.request(peer, "py:s" + i, "add_item", { name: "n", item_type: "comp" }));
  const answered = await Promise.all(replies);
  assert.ok(answered.every((r, i) => r.id === "py:s" + i && r.result === 42));
  assert.equal(maxDepth, 1, "no evalScript starts inside another's callback");
});

// ---------------------------------------------------------------- batches (issue 24)

// Hold the panel's first host call, queue `requests` behind it, then release and collect the
// replies and what crossed into ExtendScript (one entry per evalScript: the ids it carried).
async function behindAHeldCall(pipeline, made, requests) {
  const { panel, cs, peer } = made;
  cs.hold();
  const held = evalEvent(cs, (e) => e.phase === "held", 5000, "the first call held");
  const first = pipeline.request(peer, "py:hold", "get_app_version", {});
  await held;
  const replies = requests.map(([id, method, params]) => pipeline.request(peer, id, method, params));
  await waitQueue(panel, requests.length);
  const before = cs.evalCount;
  const crossings = [];
  const off = cs.onEval((e) => {
    if (e.phase !== "start") return;
    if (e.batch && crossings.length > 0 && crossings[crossings.length - 1].length < e.batch &&
        crossings[crossings.length - 1].batch === e.batch) crossings[crossings.length - 1].push(e.id);
    else crossings.push(Object.assign([e.id], { batch: e.batch || 1 }));
  });
  cs.release();
  await first;
  const answered = await Promise.all(replies);
  off();
  return { answered, crossings: crossings.map((c) => Array.from(c)), count: cs.evalCount - before };
}

test("batches: calls waiting together cross in one evalScript, in order, each with its own reply", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const made = await connected(pipeline);
  t.after(() => made.panel.stop());
  made.cs.run("__aerpc.provide({renameItem: function (p) { if (p.name === 'bad') { throw new Error('bad name'); } " +
    "__count('renameItem'); __names[p.item_id] = p.name; }});");
  const { answered, crossings, count } = await behindAHeldCall(pipeline, made, [
    ["py:1", "rename_item", { item_id: 1, name: "one" }],
    ["py:2", "rename_item", { item_id: 2, name: "bad" }],
    ["py:3", "get_items", { comps: true }],
    ["py:4", "rename_item", { item_id: 4, name: "four \u2028" }],
  ]);
  assert.equal(count, 1, "one crossing for the four behind the held call");
  assert.deepEqual(crossings, [["py:hold"], ["py:1", "py:2", "py:3", "py:4"]]);
  assert.deepEqual(answered.map((r) => r.id), ["py:1", "py:2", "py:3", "py:4"]);
  assert.equal(answered[0].result, null);
  assert.equal(answered[1].error.code, -32010, "the failing call has its own error");
  assert.match(answered[1].error.message, /bad name/);
  assert.equal(answered[2].result[0].id, 1, "the next call ran as if alone");
  assert.equal(answered[3].result, null);
  assert.equal(made.cs.run("__names[4]"), "four \u2028");
  assert.equal(calls(made.cs, "renameItem"), 2);
});

test("batches: a long method (x-timeout-ms over 30 s) crosses alone; at most 16 calls a crossing", async (t) => {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const made = await connected(pipeline);
  t.after(() => made.panel.stop());
  const requests = [["py:a", "get_app_version", {}], ["py:render", "render", { comp_id: 1 }]];
  for (let i = 1; i <= 18; i += 1) requests.push(["py:b" + i, "get_app_version", {}]);
  const { answered, crossings } = await behindAHeldCall(pipeline, made, requests);
  assert.deepEqual(crossings.map((c) => c.length), [1, 1, 1, 16, 2]);
  assert.deepEqual(crossings.slice(0, 3), [["py:hold"], ["py:a"], ["py:render"]]);
  assert.equal(answered[1].id, "py:render");
  assert.ok(answered.filter((r) => r.id !== "py:render").every((r) => r.result === "25.2x4"));
});
