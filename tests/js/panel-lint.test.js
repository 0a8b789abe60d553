"use strict";
// The panel library (runtime/panel/) as source: tsc --checkJs --strict against ES2017 + DOM,
// the language and library of CEP's oldest Chromium (61, After Effects 2019); its project is
// runtime/panel/tsconfig.json. A deliberately wrong file fails it, so the check can fail.

const assert = require("node:assert/strict");
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const test = require("node:test");

const { ROOT } = require("./helpers");

const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
const PROJECT = path.join(ROOT, "runtime", "panel");

// The checked project (the library, its typings and their check, tsconfig.json) in dir.
function copyProject(dir) {
  for (const name of fs.readdirSync(PROJECT)) {
    if (/\.(js|ts|json)$/.test(name)) fs.copyFileSync(path.join(PROJECT, name), path.join(dir, name));
  }
}

function tsc(project) {
  const r = spawnSync(process.execPath, [TSC, "-p", project, "--pretty", "false"], { encoding: "utf8", cwd: ROOT });
  return { status: r.status, output: r.stdout + r.stderr };
}

test("tsc --checkJs --strict is clean on the panel library (ES2017 + DOM)", () => {
  const r = tsc(PROJECT);
  assert.equal(r.status, 0, r.output);
});

test("the check refuses what Chromium 61 lacks, untyped or null-unsafe code, and plain mistakes", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aerpc-panel-lint-"));
  try {
    copyProject(dir);
    const core = path.join(dir, "core.js");
    const source = fs.readFileSync(core, "utf8");
    fs.writeFileSync(core, source.replace("function describe(error) {",
      "function describe(error) {\n        const parts = Object.fromEntries([]);\n        void parts;\n" +
      "        const unused = 1;\n" +
      "        const echo = (value) => value;\n        void echo;\n" +
      "        void document.querySelector(\"title\").textContent;"));
    const r = tsc(dir);
    assert.notEqual(r.status, 0);
    assert.match(r.output, /fromEntries/, "an ES2019 library call");
    assert.match(r.output, /'unused' is declared but its value is never read/);
    assert.match(r.output, /Parameter 'value' implicitly has an 'any' type/, "strict: an untyped parameter");
    assert.match(r.output, /Object is possibly 'null'/,
      "strict: a value that may be null used as if it were not");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the hand-written typings (aerpc-panel-lib.d.ts) are checked against the JavaScript", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aerpc-panel-lint-"));
  try {
    copyProject(dir);
    const typings = path.join(dir, "aerpc-panel-lib.d.ts");
    const source = fs.readFileSync(typings, "utf8");
    // A member the panel does not have, and one the bridge does not have.
    fs.writeFileSync(typings, source
      .replace("    stop(): void;", "    stop(): void;\n    pause(): void;")
      .replace("    hostInfo(): { name: string; version: string };", "    hostInfo(): { name: string; version: string };\n    abort(): void;"));
    const r = tsc(dir);
    assert.notEqual(r.status, 0);
    assert.match(r.output, /aerpc-panel-lib-check\.js.*'pause' is missing/s);
    assert.match(r.output, /aerpc-panel-lib-check\.js.*'abort' is missing/s);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
