"use strict";
// bench/panel-phases.js, the preload that times the node panel's critical path phase by phase
// (bench.node_floor --phases): it loads against the built panel (a renamed method would make
// it throw), counts every request of bench/panel-path.js, and its phases tile the whole path.

const assert = require("node:assert/strict");
const { execFile } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const test = require("node:test");

const ROOT = path.join(__dirname, "..", "..");

test("the phases of the panel's path add up to the whole path, for every request", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aerpc-phases-"));
  const out = path.join(dir, "phases.json");
  try {
    const stdout = await new Promise((resolve, reject) => {
      execFile(process.execPath, ["-r", "./bench/panel-phases.js", "bench/panel-path.js", "--rounds", "1", "--calls", "300"],
        { cwd: ROOT, env: Object.assign({}, process.env, { AERPC_PHASES_OUT: out }), timeout: 60000 },
        (error, text, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(text)));
    });
    assert.match(stdout, /µs\/call/);
    const snapshot = JSON.parse(fs.readFileSync(out, "utf8"));
    const { PHASES, TOTAL } = require(path.join(ROOT, "bench", "panel-phases.js"));
    assert.ok(snapshot.requests >= 300, "requests counted: " + snapshot.requests);
    assert.deepEqual(Object.keys(snapshot.ns), PHASES.concat([TOTAL]));
    // No socket in panel-path.js: the path starts at the panel's handler.
    assert.equal(snapshot.ns[PHASES[0]], 0);
    for (const name of PHASES.slice(1)) {
      assert.ok(snapshot.ns[name] > 0, name + " was timed");
    }
    const sum = PHASES.reduce((total, name) => total + snapshot.ns[name], 0);
    assert.equal(sum, snapshot.ns[TOTAL]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
