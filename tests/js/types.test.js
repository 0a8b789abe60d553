"use strict";
// The generated typings (generated/cep/aerpc-panel.d.ts) under `tsc --noEmit --strict`:
// types/usage.ts uses the API correctly and must compile; types/misuse.ts marks each misuse with
// @ts-expect-error (so it compiles only if every misuse is an error), and with those markers
// removed it must fail with errors on exactly the marked lines.

const assert = require("node:assert/strict");
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const test = require("node:test");

const { ROOT } = require("./helpers");

const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
const TYPES = path.join(__dirname, "types");
const COMPILER_OPTIONS = {
  strict: true,
  noEmit: true,
  target: "es2017",
  module: "commonjs",
  lib: ["es2017"],
  types: [],
};

function tsc(files, dir) {
  const config = path.join(dir, "tsconfig.json");
  fs.writeFileSync(config, JSON.stringify({ compilerOptions: COMPILER_OPTIONS, files: files }));
  const run = spawnSync(process.execPath, [TSC, "-p", config, "--pretty", "false"], {
    encoding: "utf8",
    timeout: 120000,
  });
  assert.equal(run.error, undefined, String(run.error));
  return { status: run.status, output: run.stdout + run.stderr };
}

function tmpdir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aerpc-tsc-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test("the typings compile under --strict with correct use, and every marked misuse is an error", (t) => {
  const result = tsc([path.join(TYPES, "usage.ts"), path.join(TYPES, "misuse.ts")], tmpdir(t));
  assert.equal(result.status, 0, result.output);
});

test("without the markers, tsc fails on exactly the marked lines", (t) => {
  const dir = tmpdir(t);
  const source = fs.readFileSync(path.join(TYPES, "misuse.ts"), "utf8");
  const lines = source.split("\n");
  const expected = [];
  const stripped = lines.map((line, i) => {
    if (/^\s*\/\/ @ts-expect-error/.test(line)) {
      expected.push(i + 2); // the next line, 1-based
      return line.replace(/\/\/ @ts-expect-error.*/, "//");
    }
    return line.replace("../../../generated/cep/aerpc-panel", path.join(ROOT, "generated", "cep", "aerpc-panel"));
  });
  const file = path.join(dir, "misuse-stripped.ts");
  fs.writeFileSync(file, stripped.join("\n"));
  const result = tsc([file], dir);
  assert.notEqual(result.status, 0, "tsc accepted the misuse file");
  const errorLines = new Set();
  for (const match of result.output.matchAll(/misuse-stripped\.ts\((\d+),\d+\): error TS\d+/g)) {
    errorLines.add(Number(match[1]));
  }
  assert.deepEqual([...errorLines].sort((a, b) => a - b), expected, result.output);
  assert.ok(expected.length >= 20);
});
