"use strict";
// The ES3 dispatcher library (runtime/extendscript/aerpc-dispatch.jsx) on its own: the
// envelope it answers for every kind of request, in a vm context with only the ES3 library,
// the generated tables and a few host functions registered with __aerpc.provide.

const assert = require("node:assert/strict");
const test = require("node:test");

const { hostContext } = require("./helpers");

const HOST = [
  "var AerpcErrors = __aerpc.errors, __aerpc_error = __aerpc.error;",
  "var seen = null;",
  "__aerpc.provide({",
  "  renameItem: function (params) { seen = params; },",
  "  getAppVersion: function () { return {when: new Date(0), n: NaN, f: function () {}}; },",
  "  getItems: function () { throw AerpcErrors.ItemNotFound(undefined, {item_id: 3}); },",
  "  deleteItem: function () { throw __aerpc_error(4242, 'not declared'); },",
  "  getLayers: function () { var o = {}; o.o = o; return o; },",
  "  getProjectState: function () { return undefined; },",
  "  addItem: function () { null.x; }",
  "});",
];

const context = hostContext([HOST.join("\n")], { AERPC_URL: "ws://127.0.0.1:1/ws" });
const vm = require("node:vm");
const run = (source) => vm.runInContext(source, context);

function dispatch(request) {
  const text = typeof request === "string" ? request : JSON.stringify(request);
  return JSON.parse(run("__aerpc_dispatch(" + JSON.stringify(text) + ")"));
}

const call = (method, params) => dispatch({ jsonrpc: "2.0", id: 1, method, params });

test("success: the result as JSON (undefined is null), only declared params reach the host", () => {
  assert.deepEqual(call("rename_item", { item_id: 5, name: "n", extra: true }), { ok: true, result: null });
  assert.deepEqual(JSON.parse(JSON.stringify(run("seen"))), { item_id: 5, name: "n" });
  assert.deepEqual(call("get_app_version", {}), { ok: true, result: { when: "1970-01-01T00:00:00.000Z", n: null } });
  assert.deepEqual(call("get_project_state", {}), { ok: true, result: null });
});

test("errors: declared ones keep their code and default message; anything else is -32010", () => {
  assert.deepEqual(call("get_items", {}).error, { code: 1001, message: "Item not found", data: { item_id: 3 } });
  const undeclared = call("delete_item", { item_id: 1 }).error;
  assert.equal(undeclared.code, -32010);
  assert.match(undeclared.message, /error code 4242, which the schema does not declare/);
  assert.equal(undeclared.data.code, 4242);
  const bug = call("add_item", { name: "x", item_type: "comp" }).error;
  assert.equal(bug.code, -32010);
  assert.equal(bug.data.name, "TypeError");
  assert.equal(typeof bug.data.line, "number");
  const cyclic = call("get_layers", { comp_id: 1 }).error;
  assert.equal(cyclic.code, -32010);
  assert.match(cyclic.message, /cannot be sent as JSON/);
});

test("requests that cannot be served: -32700, -32600, -32601 (method or function), -32602", () => {
  assert.equal(dispatch("{not json").error.code, -32700);
  assert.equal(dispatch({ jsonrpc: "2.0", id: 1 }).error.code, -32600);
  assert.equal(dispatch("[]").error.code, -32600);
  const unknown = call("no_such_method", {}).error;
  assert.equal(unknown.code, -32601);
  assert.deepEqual(unknown.data, { method: "no_such_method" });
  const missing = call("save", {}).error;
  assert.equal(missing.code, -32601);
  assert.deepEqual(missing.data, { method: "save", host_function: "save" });
  assert.equal(call("rename_item", 5).error.code, -32602);
});

test("__aerpc_env reads the launch environment through $.getenv", () => {
  assert.deepEqual(JSON.parse(run("__aerpc_env()")), {
    ok: true, result: { AERPC_URL: "ws://127.0.0.1:1/ws", AERPC_TOKEN: null, WEBSOCKET_URL: null },
  });
});

test("a batch: several literals run in order, each answered as if alone, envelopes joined by a line feed", () => {
  const texts = [
    JSON.stringify({ jsonrpc: "2.0", id: 1, method: "rename_item", params: { item_id: 1, name: "\u2028\n\"x\"" } }),
    JSON.stringify({ jsonrpc: "2.0", id: 2, method: "add_item", params: { name: "n", item_type: "folder" } }),
    "{not json",
    JSON.stringify({ jsonrpc: "2.0", id: 4, method: "get_items", params: {} }),
    JSON.stringify({ jsonrpc: "2.0", id: 5, method: "get_project_state", params: {} }),
  ];
  const answer = run("__aerpc_dispatch(" + texts.map((t) => JSON.stringify(t)).join(", ") + ")");
  const parts = answer.split("\n");
  assert.equal(parts.length, texts.length);
  const alone = texts.map((t) => run("__aerpc_dispatch(" + JSON.stringify(t) + ")"));
  assert.deepEqual(parts, alone, "each envelope is the one that call answers alone");
  const envelopes = parts.map((p) => JSON.parse(p));
  assert.deepEqual(envelopes.map((e) => e.ok), [true, false, false, false, true]);
  assert.deepEqual(envelopes.slice(1, 4).map((e) => e.error.code), [-32010, -32700, 1001]);
  assert.equal(run("seen.name"), "\u2028\n\"x\"", "the first ran before the others failed");
});
