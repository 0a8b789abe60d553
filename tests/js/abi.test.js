"use strict";
// The RUNTIME_ABI stamp: the hand-written libraries and the generated tables carry the same
// number, and a library refuses tables of another with a message that says what to do.

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const test = require("node:test");
const vm = require("node:vm");

const { ES3_SCRIPTS, PANEL_JS, ROOT } = require("./helpers");
const panelLibrary = require(path.join(ROOT, "runtime", "panel"));

test("the panel library loads its generated contract, and refuses one of another ABI", () => {
  const contract = require(PANEL_JS);
  assert.equal(contract.runtimeAbi, panelLibrary.RUNTIME_ABI);
  const api = panelLibrary.load(contract);
  assert.equal(typeof api.AerpcPanel, "function");
  assert.equal(api.RUNTIME_ABI, contract.runtimeAbi);
  const other = Object.assign({}, contract, { runtimeAbi: contract.runtimeAbi + 1 });
  assert.throws(() => panelLibrary.load(other), (error) => {
    assert.match(error.message, new RegExp("runtime ABI " + other.runtimeAbi + ", this panel library is ABI " +
      panelLibrary.RUNTIME_ABI));
    assert.match(error.message, /make cep/);
    assert.match(error.message, /schema aftereffects/);
    return true;
  });
  assert.throws(() => panelLibrary.load({ runtimeAbi: contract.runtimeAbi }), /no schema/);
});

test("in a page, a contract of another ABI throws while loading and defines no Aerpc", () => {
  const page = vm.createContext({ console });
  page.self = page;
  page.window = page;
  for (const name of panelLibrary.SCRIPTS) {
    const file = path.join(ROOT, "runtime", "panel", name);
    vm.runInContext(fs.readFileSync(file, "utf8"), page, { filename: file });
  }
  const stale = fs.readFileSync(PANEL_JS, "utf8").replace("\"runtimeAbi\": " + panelLibrary.RUNTIME_ABI,
    "\"runtimeAbi\": 0");
  assert.throws(() => vm.runInContext(stale, page, { filename: "aerpc-panel.js" }), /runtime ABI 0/);
  assert.equal(page.Aerpc, undefined);
  vm.runInContext(fs.readFileSync(PANEL_JS, "utf8"), page, { filename: "aerpc-panel.js" });
  assert.equal(typeof page.Aerpc.AerpcPanel, "function");
});

test("the ES3 dispatcher refuses tables of another ABI: every call answers -32603 saying why", () => {
  const load = (transform) => {
    const context = vm.createContext({ $: { getenv: () => null } });
    for (const file of ES3_SCRIPTS) {
      const source = fs.readFileSync(file, "utf8");
      vm.runInContext(file === ES3_SCRIPTS[2] ? transform(source) : source, context, { filename: file });
    }
    vm.runInContext("__aerpc.provide({getAppVersion: function () { return '25.0'; }});", context);
    const request = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "get_app_version", params: {} });
    return JSON.parse(vm.runInContext("__aerpc_dispatch(" + JSON.stringify(request) + ")", context));
  };
  assert.deepEqual(load((s) => s), { ok: true, result: "25.0" });
  const refused = load((s) => s.replace("\"runtimeAbi\": 1", "\"runtimeAbi\": 7"));
  assert.equal(refused.ok, false);
  assert.equal(refused.error.code, -32603);
  assert.match(refused.error.message, /ABI 7, this dispatcher library is ABI 1: build the extension from one checkout/);
  const missing = load(() => "");
  assert.match(missing.error.message, /the generated tables \(aerpc-host\.jsx\) were not loaded/);
});
