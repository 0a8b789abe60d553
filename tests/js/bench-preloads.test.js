"use strict";
// The bench's two node preloads. bench/panel-phases.js (bench.node_floor --phases) loads
// against the built panel (a renamed method would make it throw), counts every request of
// bench/panel-path.js, and its phases tile the whole path.

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

// bench/panel-trials.js: each trial takes the small get_items calls and still answers them with
// their result (the loop's first reply is checked), and a trial it does not know is refused.
function panelPath(env) {
  return new Promise((resolve) => {
    execFile(process.execPath, ["-r", "./bench/panel-trials.js", "bench/panel-path.js", "--rounds", "1", "--calls", "100"],
      { cwd: ROOT, env: Object.assign({}, process.env, env), timeout: 60000 },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stdout: stdout, stderr: stderr }));
  });
}

for (const trial of ["bridge", "dispatch", "canned"]) {
  test("the " + trial + " trial answers the panel's calls", async () => {
    const run = await panelPath({ AERPC_PANEL_TRIAL: trial });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /µs\/call/);
    const answered = /the \w+ trial answered (\d+) small get_items calls/.exec(run.stderr);
    assert.ok(answered !== null && Number(answered[1]) > 100, "the trial took the calls: " + run.stderr);
  });
}

test("an unknown trial is refused with the names of the known ones", async () => {
  const run = await panelPath({ AERPC_PANEL_TRIAL: "fast" });
  assert.notEqual(run.code, 0);
  assert.match(run.stderr, /AERPC_PANEL_TRIAL must be one of bridge, dispatch, canned, not "fast"/);
});
