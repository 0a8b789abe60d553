"use strict";
// Issue 12 section 3: aerpc's ExtendScript (the extension's one file, as `make cep` assembled
// it) shares After Effects' global scope with other scripts, such as the AYON extension, which
// defines the same host function names as globals. Loaded before and after aerpc, such a script
// changes nothing aerpc's calls do, and aerpc leaves its globals alone.

const assert = require("node:assert/strict");
const test = require("node:test");

const { NodeCSInterface, extensionScript } = require("../../runtime/cep/node/csinterface");

// The reference integration's global names (and two helpers a user script might define).
const OTHER_NAMES = ["imprint", "getMetadata", "save", "saveAs", "render", "getItems", "open", "close",
  "getAppVersion", "removeInstance", "getActiveDocumentName", "selectItems", "getRenderInfo", "printMsg"];

function otherScript(tag) {
  // Each function answers with its owner's mark and counts its calls: aerpc must not call them.
  const lines = ["var __other_calls = typeof __other_calls === 'number' ? __other_calls : 0;"];
  for (const name of OTHER_NAMES) {
    lines.push("function " + name + "(payload) { __other_calls += 1; return '" + tag + ":" + name + "'; }");
  }
  return lines.join("\n");
}

function dispatch(cs, method, params) {
  const request = JSON.stringify({ jsonrpc: "2.0", id: "ns:" + method, method, params: params || {} });
  return JSON.parse(cs.run("__aerpc_dispatch(" + JSON.stringify(request) + ")"));
}

function engineWithNeighbours() {
  const cs = new NodeCSInterface({ project: "demo", scripts: [] });
  cs.run(otherScript("before"));
  cs.loadFile(extensionScript());
  cs.run(otherScript("after"));
  return cs;
}

test("a co-resident script with the reference's global names changes nothing aerpc calls", () => {
  const cs = engineWithNeighbours();
  const entry = { id: "ns-1", members: [3], data: { custom: { nested: [1, 2] } } };
  assert.deepEqual(dispatch(cs, "imprint", { entry }).ok, true);
  const metadata = dispatch(cs, "get_metadata");
  assert.equal(metadata.ok, true);
  const stored = metadata.result.filter((e) => e.id === "ns-1");
  assert.equal(stored.length, 1, JSON.stringify(metadata.result));
  assert.deepEqual(stored[0].data, { custom: { nested: [1, 2] } }, "imprinted as an object, not '[object Object]'");
  const items = dispatch(cs, "get_items", { comps: true });
  assert.equal(items.ok, true);
  assert.ok(Array.isArray(items.result) && items.result.length > 0, JSON.stringify(items));
  const version = dispatch(cs, "get_app_version");
  assert.equal(version.ok, true);
  assert.notEqual(version.result, "after:getAppVersion");
  assert.equal(cs.run("__other_calls"), 0, "the other script's functions were never called");
});

test("aerpc defines three globals and leaves the other script's alone", () => {
  const cs = engineWithNeighbours();
  for (const name of OTHER_NAMES) {
    assert.equal(cs.run(name + "()"), "after:" + name, name + " is still the other script's");
  }
  const bare = new NodeCSInterface({ project: "empty", scripts: [] });
  // Arrays from the strict ExtendScript realm have no ES5 methods: copy them into node's.
  const before = new Set(Array.from(bare.run("(function () { var n = []; for (var k in this) { n.push(k); } return n; }())")));
  bare.loadFile(extensionScript());
  const added = Array.from(bare.run("(function () { var n = []; for (var k in this) { n.push(k); } return n; }())"))
    .filter((name) => !before.has(name));
  assert.deepEqual(Array.from(added).sort(), ["__aerpc", "__aerpc_dispatch", "__aerpc_env"]);
  for (const name of OTHER_NAMES.concat(["AerpcErrors", "__aerpc_json", "__aerpc_error"])) {
    assert.equal(bare.run("typeof " + name), "undefined", name + " is not a global");
  }
});

test("a host function only another script defines is not called: the method answers -32601", () => {
  const cs = new NodeCSInterface({ project: "demo", scripts: [] });
  cs.loadFile(extensionScript());
  cs.run("delete __aerpc.host.getAppVersion; function getAppVersion() { return 'other'; }");
  const answer = dispatch(cs, "get_app_version");
  assert.equal(answer.ok, false);
  assert.equal(answer.error.code, -32601);
  // The tables' own lookup skips a function that is only the global of that name.
  cs.run("__aerpc.install({runtimeAbi: __aerpc.RUNTIME_ABI, schema: __aerpc.schema, methods: __aerpc.methods, " +
    "errors: {}}, {getAppVersion: getAppVersion});");
  assert.equal(dispatch(cs, "get_app_version").error.code, -32601);
});
