"use strict";
// The panel library's lower layers as plain source (runtime/panel/): the sans-I/O message core
// on plain strings and objects (no socket, no timer), and the host-call queue over a fake host.

const assert = require("node:assert/strict");
const test = require("node:test");

const { core, queue, bridgeEvalScript } = require("../../runtime/panel");
const { PANEL_JS } = require("./helpers");

const contract = require(PANEL_JS);
const errors = core.errorsFor(contract);

test("classify: responses, requests with their budget, and bad messages with the reply to send", () => {
  const parse = (text) => core.classify(JSON.parse(text), false, 1000);
  assert.equal(parse('{"jsonrpc":"2.0","id":"cep:1","result":null}').kind, "response");
  assert.equal(parse('{"jsonrpc":"2.0","id":"cep:1","error":{"code":1,"message":"m"}}').kind, "response");
  assert.deepEqual(parse('{"jsonrpc":"2.0","id":"py:1","method":"get_items","params":{},"aerpc":{"timeout_ms":250}}'), {
    kind: "request", id: "py:1", hasId: true, method: "get_items", params: {}, budgetMs: 250, badBudget: false,
    idle: false, text: null,
  });
  const idle = '{"jsonrpc":"2.0","id":"py:3","method":"get_items","params":{},"aerpc":{"timeout_ms":250,"idle":true}}';
  assert.equal(parse(idle).idle, true, "sent as to an idle host");
  assert.equal(core.classify(JSON.parse(idle), false, 1000, idle).text, idle, "its text still goes to the host");
  // idle stands apart from the budget, as the Python receiver reads it (read_extension)
  assert.equal(parse('{"jsonrpc":"2.0","id":"py:5","method":"m","params":{},"aerpc":{"timeout_ms":-1,"idle":true}}').idle,
    true, "idle with a malformed budget");
  assert.equal(parse('{"jsonrpc":"2.0","id":"py:6","method":"m","params":{},"aerpc":{"idle":true}}').idle, true,
    "idle without a budget");
  for (const odd of ['"idle":1', '"idle":"true"', '"idle":false']) {
    const text = '{"jsonrpc":"2.0","id":"py:4","method":"m","params":{},"aerpc":{"timeout_ms":250,' + odd + "}}";
    assert.equal(parse(text).idle, false, odd);
  }
  const bad = parse('{"jsonrpc":"2.0","id":"py:2","method":"m","aerpc":{"timeout_ms":-1}}');
  assert.equal(bad.budgetMs, null);
  assert.equal(bad.badBudget, true);
  assert.equal(parse('{"jsonrpc":"2.0","method":"note"}').hasId, false);
  for (const [text, id] of [["[1]", null], ['{"jsonrpc":"1.0","id":3,"method":"m"}', 3], ['{"id":{},"method":"m"}', null],
    ["null", null]]) {
    const got = core.classify(JSON.parse(text), false, 1000);
    assert.equal(got.kind, "invalid", text);
    assert.deepEqual(JSON.parse(got.reply).error.code, -32600, text);
    assert.deepEqual(JSON.parse(got.reply).id, id, text);
  }
  const large = core.classify({ jsonrpc: "2.0", id: 9, method: "m" }, true, 1000);
  assert.deepEqual(JSON.parse(large.reply).error, { code: -32004, message: "the request is over the message size " +
    "limit of 1000 bytes", data: { limit: 1000 } });
  assert.equal(core.classify({ jsonrpc: "2.0", method: "m" }, true, 1000).reply, null, "a notification gets none");
});

test("classify: a request's text is kept for the host only when it says nothing but the request", () => {
  const textOf = (text) => core.classify(JSON.parse(text), false, 1000, text).text;
  for (const text of [
    '{"jsonrpc":"2.0","id":"py:1","method":"get_items","params":{"comps":true}}',
    '{"jsonrpc":"2.0","id":7,"method":"get_items","params":{"a":"\\"\u2028"},"aerpc":{"timeout_ms":250}}',
    '{ "method": "m", "jsonrpc": "2.0", "id": null }',
  ]) {
    assert.equal(textOf(text), text, text);
  }
  for (const text of [
    '{"jsonrpc":"2.0","id":1,"method":"m","params":{},"extra":1}',
    '{"jsonrpc":"2.0","id":1,"method":"m","__proto__":{}}',
    '{"jsonrpc":"2.0","id":1,"method":"m","aerpc":{"timeout_ms":250,"later":[1]}}',
    '{"jsonrpc":"2.0","id":1,"method":"m","aerpc":{"timeout_ms":-1}}',
    '{"jsonrpc":"2.0","id":1,"method":"m","aerpc":{}}',
    '{"jsonrpc":"2.0","id":1,"method":"m","aerpc":null}',
  ]) {
    assert.equal(textOf(text), null, text);
  }
  assert.equal(core.classify({ jsonrpc: "2.0", id: 1, method: "m" }, false, 1000).text, null, "no text given");
});

test("deadlines: the travelled budget is capped, and a budget is written into a request's text", () => {
  assert.equal(core.travelledTimeoutMs({}), undefined);
  assert.equal(core.travelledTimeoutMs({ aerpc: { other: 1 } }), undefined);
  assert.equal(core.travelledTimeoutMs({ aerpc: [] }), null);
  assert.equal(core.travelledTimeoutMs({ aerpc: { timeout_ms: "5" } }), null);
  assert.equal(core.travelledTimeoutMs({ aerpc: { timeout_ms: 1e300 } }), core.MAX_TIMEOUT_MS);
  const text = core.withTimeBudget('{"jsonrpc":"2.0","id":"cep:1","method":"m","params":{}}', 99.2);
  assert.deepEqual(JSON.parse(text).aerpc, { timeout_ms: 100 });
  assert.deepEqual(JSON.parse(core.withTimeBudget('{"id":1}', -5)).aerpc, { timeout_ms: 1 });
});

test("hello: the request's params, and what a reply means", () => {
  const ids = new core.IdSource("cep:");
  const hello = JSON.parse(core.helloRequest(ids.next(), { token: null, instance: "i", app: { name: "AEFT", version: "1" },
    extensionVersion: "2", schema: contract.schema }));
  assert.equal(hello.id, "cep:1");
  assert.deepEqual(hello.params, { token: "", role: "host", instance: "i", app: { name: "AEFT", version: "1" },
    extension_version: "2", schema: contract.schema });
  assert.equal(ids.next(), "cep:2");
  const ok = core.readHelloReply({ result: { session: "s", schema: { hash: "other" }, limits: { max_message_size: 10 } } },
    contract.schema, errors);
  assert.equal(ok.ok, true);
  assert.equal(ok.maxMessageSize, 10);
  assert.match(ok.schemaWarning, /differs/);
  assert.equal(core.readHelloReply({ result: {} }, contract.schema, errors).maxMessageSize, core.DEFAULT_MAX_MESSAGE_SIZE);
  const refused = core.readHelloReply({ error: { code: -32001, message: "bad token" } }, contract.schema, errors);
  assert.equal(refused.fatal, true);
  assert.equal(refused.error.name, "Unauthorized");
  assert.equal(core.readHelloReply({ error: { code: -32003, message: "busy" } }, contract.schema, errors).fatal, false);
});

test("errors: the contract's classes by name and code; unknown codes stay RemoteError with their code", () => {
  assert.equal(errors.classes.ItemNotFound.code, 1001);
  assert.ok(new errors.classes.ItemNotFound() instanceof core.RemoteError);
  assert.equal(errors.classFor(-32601), errors.classes.MethodNotFound);
  const unknown = errors.fromWire({ code: 4321, message: "m", data: 1 });
  assert.equal(unknown.constructor, core.RemoteError);
  assert.equal(unknown.code, 4321);
  assert.equal(errors.fromWire({ code: "x" }).name, "InternalError");
  assert.deepEqual(errors.make(1001, "gone", { id: 1 }).toWire(), { code: 1001, message: "gone", data: { id: 1 } });
});

test("reply memory: keeps at least the last N ids, drops old texts past the byte bound, never a pending one", async () => {
  const memory = new core.ReplyMemory(3, 30);
  const entry = (id) => ({ id, method: "m", pending: Promise.resolve("later"), text: null, bytes: 0 });
  const entries = [1, 2, 3, 4].map((id) => memory.add(entry(id)));
  assert.ok([1, 2, 3, 4].every((id) => memory.get(id)), "pending entries are never dropped");
  memory.finish(entries[0], "0123456789"); // 20 bytes
  assert.equal(memory.get(1), undefined, "over 3 ids, the oldest finished one goes");
  memory.finish(entries[1], "0123456789");
  assert.equal(memory.get(2).text, "0123456789");
  memory.finish(entries[2], "0123456789"); // 40 bytes held, over 30
  assert.equal(memory.get(2).text, null, "past the byte bound the oldest text goes, its id stays");
  assert.equal(memory.get(3).text, "0123456789");
  memory.add(entry(5));
  assert.equal(memory.get(2), undefined, "a new id pushes out the oldest finished one");
  assert.ok(memory.get(3) && memory.get(4) && memory.get(5));
  assert.equal(await core.repeatedReply(memory.get(4), 4, "m"), "later", "a running one: the same promise");
  assert.equal(await core.repeatedReply(memory.get(3), 3, "m"), "0123456789", "a finished one: its text");
  const forgotten = { id: 9, method: "m", pending: null, text: null };
  assert.equal(JSON.parse(await core.repeatedReply(forgotten, 9, "m")).error.code, -32603, "never run again");
  assert.equal(JSON.parse(await core.repeatedReply(memory.get(3), 3, "other")).error.code, -32600);
});

test("the evalScript bridge splices a success envelope's result text and parses everything else", () => {
  const outcome = bridgeEvalScript.outcomeOf;
  assert.deepEqual(outcome('{"ok":true,"result":{"a":[1]}}'), { ok: true, json: '{"a":[1]}' });
  assert.deepEqual(outcome('{"ok":true,"result":}'), { ok: false, error: outcome('{"ok":true,"result":}').error });
  assert.equal(outcome('{"ok":true,"result":}').error.code, -32010);
  assert.deepEqual(outcome('{"ok":false,"error":{"code":1001,"message":"m"}}'),
    { ok: false, error: { code: 1001, message: "m", data: null } });
  assert.match(outcome("EvalScript error.").error.message, /ScriptPath/);
  assert.equal(outcome(undefined).error.code, -32010);
  assert.deepEqual(outcome(' {"ok":true,"result":1}'), { ok: true, value: 1 }, "not the exact prefix: parsed");
});

function fakeHost() {
  const pending = [];
  return {
    pending,
    job(label, log, timeoutMs) {
      const job = {
        label, timeoutMs: timeoutMs || 0, start: () => true,
        exec: (done) => { log.push("exec " + label); pending.push({ label, done }); },
        result: (outcome) => log.push("result " + label + " " + outcome.value),
        timeout: (ms) => log.push("timeout " + label + " " + ms),
        cancel: () => log.push("cancel " + label), drop: () => log.push("drop " + label),
      };
      return job;
    },
  };
}

const quietLog = { warn: () => {}, error: () => {} };
const tick = () => new Promise((resolve) => setImmediate(resolve));

test("queue: one host call at a time, first in first out; a job whose start() refuses is skipped", async () => {
  const host = fakeHost();
  const log = [];
  const q = new queue.HostCallQueue({ log: quietLog, now: () => 0 });
  const skipped = host.job("skip", log);
  skipped.start = () => { log.push("refused skip"); return false; };
  q.push(host.job("a", log));
  q.push(skipped);
  q.push(host.job("b", log));
  assert.deepEqual(log, ["exec a"]);
  assert.equal(q.depth, 2);
  host.pending.shift().done({ ok: true, value: 1 });
  await tick();
  assert.deepEqual(log, ["exec a", "result a 1", "refused skip", "exec b"]);
  assert.equal(q.remove(skipped), false);
  host.pending.shift().done({ ok: true, value: 2 });
  await tick();
  assert.equal(log[log.length - 1], "result b 2");
});

test("queue: past its timeout a job is answered but holds the queue until the host answers", async () => {
  const host = fakeHost();
  const log = [];
  const busy = [];
  const q = new queue.HostCallQueue({ log: quietLog, now: () => performance.now(), onBusy: (e) => busy.push(e) });
  const slow = host.job("slow", log, 5);
  const timedOut = new Promise((resolve) => {
    const answer = slow.timeout;
    slow.timeout = (ms) => { answer(ms); resolve(); };
  });
  q.push(slow);
  q.push(host.job("next", log));
  await timedOut;
  assert.deepEqual(log, ["exec slow", "timeout slow 5"]);
  assert.deepEqual(busy, [{ label: "slow", waitedMs: 5, queued: 1 }]);
  host.pending.shift().done({ ok: true, value: "late" }); // discarded
  await tick();
  assert.deepEqual(log, ["exec slow", "timeout slow 5", "exec next"]);
  q.push(host.job("waiting", log));
  q.clear();
  assert.deepEqual(log.slice(-1), ["drop waiting"]);
});

// ---------------------------------------------------------------- batches (issue 24)

// A queue whose batches go to a fake host: each crossing is recorded with its jobs' labels.
function batchQueue(host, log, max, now) {
  return new queue.HostCallQueue({
    log: quietLog,
    now: now || (() => 0),
    batch: {
      max: max,
      exec: (jobs, done) => {
        const labels = jobs.map((j) => j.label);
        log.push("batch " + labels.join(","));
        host.pending.push({ label: labels.join(","), done: done });
      },
    },
  });
}

function batchable(job) {
  job.batchable = true;
  return job;
}

test("queue batches: the batchable jobs waiting together cross once, in order, each with its own outcome", async () => {
  const host = fakeHost();
  const log = [];
  const q = batchQueue(host, log, 16);
  q.push(batchable(host.job("a", log)));
  for (const label of ["b", "c", "d"]) q.push(batchable(host.job(label, log)));
  assert.deepEqual(log, ["exec a"], "the first crosses alone: nothing waited with it");
  host.pending.shift().done({ ok: true, value: 1 });
  await tick();
  assert.deepEqual(log, ["exec a", "result a 1", "batch b,c,d"]);
  assert.equal(q.depth, 0);
  host.pending.shift().done([{ ok: true, value: 2 }, { ok: false, error: { code: 1001, message: "m" } },
    { ok: true, value: 4 }]);
  await tick();
  assert.deepEqual(log.slice(3), ["result b 2", "result c undefined", "result d 4"],
    "a failed call between two others: each gets its own outcome");
});

test("queue batches: at most max a crossing; a job that is not batchable ends a batch and crosses alone", async () => {
  const host = fakeHost();
  const log = [];
  const q = batchQueue(host, log, 3);
  q.push(batchable(host.job("first", log)));
  for (const label of ["a", "b", "c", "d"]) q.push(batchable(host.job(label, log)));
  q.push(host.job("render", log));
  q.push(batchable(host.job("e", log)));
  const answer = async (outcomes) => {
    host.pending.shift().done(outcomes);
    await tick();
  };
  await answer({ ok: true, value: 0 });
  assert.equal(log[log.length - 1], "batch a,b,c");
  await answer([{ ok: true }, { ok: true }, { ok: true }]);
  assert.equal(log[log.length - 1], "exec d", "alone: the job behind it is not batchable");
  await answer({ ok: true, value: "d" });
  assert.equal(log[log.length - 1], "exec render", "a long call crosses alone");
  await answer({ ok: true, value: "r" });
  assert.equal(log[log.length - 1], "exec e");
  assert.deepEqual(log.filter((l) => l.startsWith("batch") || l.startsWith("exec")),
    ["exec first", "batch a,b,c", "exec d", "exec render", "exec e"]);
});

test("queue batches: a job whose start() refuses (its deadline passed) is never sent; a removed job neither", async () => {
  const host = fakeHost();
  const log = [];
  const q = batchQueue(host, log, 16);
  q.push(batchable(host.job("first", log)));
  const expired = batchable(host.job("expired", log));
  expired.start = () => { log.push("refused expired"); return false; };
  const cancelled = batchable(host.job("cancelled", log));
  for (const job of [batchable(host.job("a", log)), expired, cancelled, batchable(host.job("b", log))]) q.push(job);
  assert.equal(q.remove(cancelled), true, "rpc.cancel before the crossing");
  host.pending.shift().done({ ok: true, value: 1 });
  await tick();
  assert.deepEqual(log.slice(2), ["refused expired", "batch a,b"]);
});

test("queue batches: each job of a crossing has its own timeout; the late answers are dropped", async () => {
  const host = fakeHost();
  const log = [];
  const busy = [];
  const q = new queue.HostCallQueue({
    log: quietLog, now: () => performance.now(), onBusy: (e) => busy.push(e.label),
    batch: { max: 16, exec: (jobs, done) => { log.push("batch " + jobs.map((j) => j.label)); host.pending.push({ done }); } },
  });
  q.push(batchable(host.job("first", log)));
  const quick = batchable(host.job("quick", log, 5));
  const timedOut = new Promise((resolve) => {
    const answer = quick.timeout;
    quick.timeout = (ms) => { answer(ms); resolve(); };
  });
  q.push(quick);
  q.push(batchable(host.job("patient", log)));
  host.pending.shift().done({ ok: true, value: 1 });
  await timedOut;
  assert.deepEqual(log.slice(2), ["batch quick,patient", "timeout quick 5"]);
  assert.deepEqual(busy, ["quick"]);
  host.pending.shift().done([{ ok: true, value: "late" }, { ok: true, value: "p" }]);
  await tick();
  assert.deepEqual(log.slice(4), ["result patient p"], "quick's late result is discarded, patient's delivered");
});

test("the evalScript bridge: a batch is one evalScript of literals, its answer split into one outcome per call", () => {
  const sources = [];
  let answer = "";
  const cs = { evalScript: (source, callback) => { sources.push(source); callback(answer); } };
  const bridge = new bridgeEvalScript.EvalScriptBridge(cs, quietLog);
  const requests = [
    { id: "py:1", method: "get_items", params: {}, text: '{"jsonrpc":"2.0","id":"py:1","method":"get_items","params":{}}' },
    { id: "py:2", method: "rename_item", params: { item_id: 1, name: "\u2028\")" }, text: null },
  ];
  let got = null;
  answer = '{"ok":true,"result":[1]}\n{"ok":false,"error":{"code":1001,"message":"no item","data":null}}';
  bridge.callHostBatch(requests, (outcomes) => { got = outcomes; });
  assert.equal(sources.length, 1);
  const second = JSON.stringify({ jsonrpc: "2.0", id: "py:2", method: "rename_item", params: requests[1].params });
  assert.equal(sources[0], "__aerpc_dispatch(" + core.jsStringLiteral(requests[0].text) + "," +
    core.jsStringLiteral(second) + ")");
  assert.ok(/^[\x20-\x7e]*$/.test(sources[0]), "pure ASCII source");
  assert.deepEqual(got, [{ ok: true, json: "[1]" }, { ok: false, error: { code: 1001, message: "no item", data: null } }]);
  answer = "EvalScript error.";
  bridge.callHostBatch(requests, (outcomes) => { got = outcomes; });
  assert.equal(got.length, 2);
  assert.ok(got.every((o) => !o.ok && o.error.code === -32010 && /ScriptPath/.test(o.error.message)));
  answer = '{"ok":true,"result":1}';
  bridge.callHostBatch(requests, (outcomes) => { got = outcomes; });
  assert.ok(got.every((o) => !o.ok && o.error.code === -32010 && /1 results for a batch of 2/.test(o.error.message)),
    "a dispatcher that answered once for two calls: neither is taken as answered");
});
