"use strict";
// The start-up script (runtime/cep/startup/aerpc-open-panel.jsx) in the simulated After
// Effects: it opens the panel through its Window > Extensions menu command once the command
// exists and no panel has loaded, never twice, and not at all without the pipeline's URL.
// (tests/extension/test_startup_manifest.py checks the manifest's side.)

const { test } = require("node:test");
const assert = require("node:assert/strict");
const path = require("path");

const { simulator, tempDir, REPO } = require("./helpers");
const { extensionScript } = require(path.join(REPO, "runtime", "cep", "node", "csinterface"));

const STARTUP = path.join(REPO, "runtime", "cep", "startup", "aerpc-open-panel.jsx");
const MENU_ID = 4711;

function start(env, menuCommands) {
  const engine = simulator.createExtendScriptEngine({ project: "empty", workDir: tempDir("startup"), env, menuCommands: menuCommands || {} });
  engine.loadFiles([STARTUP]);
  return engine;
}

// Runs the scheduled tasks that are due now (not those they schedule): one poll per call.
// The tasks' node timers are cleared so that only the test decides when a poll happens.
function tick(engine) {
  const due = engine.sim.tasks.filter((t) => t.runs === 0 && !t.cancelled);
  for (const t of due) {
    clearTimeout(t.timer);
    t.fire();
  }
  assert.deepEqual(engine.sim.taskErrors, []);
  return due.length;
}

function pending(engine) {
  return engine.sim.tasks.filter((t) => t.runs === 0 && !t.cancelled).length;
}

function state(engine) {
  return { ticks: engine.run("__aerpc_startup.ticks"), done: engine.run("__aerpc_startup.done"), opened: engine.run("__aerpc_startup.opened") };
}

const pipeline = { AERPC_URL: "ws://127.0.0.1:1234/ws" };

test("opens the panel once the menu command exists and the grace period is over", () => {
  const e = start(pipeline, {});
  assert.equal(pending(e), 1, "work is deferred to a scheduled task");
  for (let i = 0; i < 7; i += 1) tick(e);
  assert.deepEqual(e.sim.commands, [], "no menu command yet: CEP has not registered the extension menus");
  e.sim.menuCommands.aerpc = MENU_ID;
  tick(e);
  assert.deepEqual(e.sim.commands, [MENU_ID]);
  assert.deepEqual(state(e), { ticks: 8, done: "opened the panel", opened: true });
  assert.equal(pending(e), 0, "stops polling");
  assert.equal(tick(e), 0);
  assert.deepEqual(e.sim.commands, [MENU_ID], "never twice");
});

test("waits the grace period before opening, for a panel the workspace restores", () => {
  const e = start(pipeline, { aerpc: MENU_ID });
  for (let i = 0; i < 5; i += 1) tick(e);
  assert.deepEqual(e.sim.commands, []);
  tick(e);
  assert.deepEqual(e.sim.commands, [MENU_ID]);
});

test("does nothing when the panel's ExtendScript is already loaded (a restored panel)", () => {
  const e = start(pipeline, { aerpc: MENU_ID });
  tick(e);
  tick(e);
  e.loadFiles([extensionScript()]); // what the panel's ScriptPath loads
  tick(e);
  assert.deepEqual(state(e), { ticks: 3, done: "panel already loaded", opened: false });
  assert.equal(pending(e), 0);
  for (let i = 0; i < 10; i += 1) tick(e);
  assert.deepEqual(e.sim.commands, [], "one panel, one connection");
});

test("gives up when the menu command never appears", () => {
  const e = start(pipeline, {});
  let polls = 0;
  while (pending(e) > 0 && polls < 1000) polls += tick(e);
  assert.equal(polls, 120);
  assert.equal(state(e).done, "gave up: no menu command named aerpc");
  assert.deepEqual(e.sim.commands, []);
});

test("does nothing without the pipeline's URL, or with AERPC_AUTO_OPEN=0", () => {
  for (const env of [{}, { AERPC_URL: "" }, { AERPC_URL: "ws://127.0.0.1:1/ws", AERPC_AUTO_OPEN: "0" }]) {
    const e = start(env, { aerpc: MENU_ID });
    assert.equal(e.sim.tasks.length, 0, JSON.stringify(env));
    assert.equal(e.run("typeof __aerpc_startup"), "undefined");
  }
});
