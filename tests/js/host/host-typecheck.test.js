"use strict";
// tsc --checkJs over the host library, against the After Effects typings of the npm package
// types-for-adobe (AfterEffects/26.0 with its ES3 core library) and the schema-derived
// dispatcher contract (generated/cep/aerpc-host-env.d.ts, which `make generate` writes and
// `make check-generated` keeps up to date). Also: deliberately wrong
// files fail it, each for the reason it was written for.

const { test } = require("node:test");
const assert = require("node:assert/strict");
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const { REPO, HOST_DIR, tempDir } = require("./helpers");

const TSC = path.join(REPO, "node_modules", "typescript", "bin", "tsc");
const AE_TYPES = path.join(REPO, "node_modules", "types-for-adobe", "AfterEffects", "26.0", "index.d.ts");
const HOST_ENV = path.join(REPO, "generated", "cep", "aerpc-host-env.d.ts");

function tsc(project) {
  const r = spawnSync(process.execPath, [TSC, "-p", project, "--pretty", "false"], { encoding: "utf8", cwd: REPO });
  const diagnostics = [];
  for (const line of (r.stdout + r.stderr).split("\n")) {
    const m = /^(.*?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line.trim());
    if (m) diagnostics.push({ file: path.resolve(REPO, m[1]), line: Number(m[2]), code: m[4], message: m[5] });
    else if (/error TS\d+/.test(line)) diagnostics.push({ file: null, line: 0, code: "?", message: line.trim() });
  }
  return { status: r.status, diagnostics, output: r.stdout + r.stderr };
}

test("tsc is clean on the host library", () => {
  assert.ok(fs.existsSync(AE_TYPES), "types-for-adobe is installed");
  const r = tsc(HOST_DIR);
  assert.equal(r.status, 0, r.output);
  assert.deepEqual(r.diagnostics, []);
});

test("tsc is clean against the typings of the oldest supported After Effects (16.0)", () => {
  // runtime/cep/CSXS/manifest.xml admits AEFT [16.0,99.9]: nothing newer may be used unguarded.
  const dir = tempDir("tsc16");
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: path.join(HOST_DIR, "tsconfig.json"),
      files: [path.join(REPO, "node_modules", "types-for-adobe", "AfterEffects", "16.0", "index.d.ts"), HOST_ENV],
      include: [path.join(HOST_DIR, "*.jsx"), path.join(HOST_DIR, "types", "*.d.ts")],
    }),
  );
  const r = tsc(dir);
  assert.equal(r.status, 0, r.output);
});

test("tsc fails deliberately wrong host code, each file for its own reason", () => {
  const dir = tempDir("tsc");
  const cases = {
    "dom-property.jsx": ["/** @param {number} id */", "function _aerpc_bad(id) {", "    var comp = app.project.itemByID(id);", "    if (comp instanceof CompItem) { return comp.frameStart; }", "    return 0;", "}"],
    "dom-readonly.jsx": ["function _aerpc_bad() {", "    app.project.numItems = 3;", "}"],
    "dom-method.jsx": ["function _aerpc_bad() {", "    app.project.saveAs(new File('/tmp/x.aep'));", "}"],
    "es5-array.jsx": ["function _aerpc_bad() {", "    var a = [1, 2];", "    a.forEach(function (x) { return x; });", "}"],
    "es5-trim.jsx": ["/** @param {string} s */", "function _aerpc_bad(s) {", "    return s.trim();", "}"],
    "no-json.jsx": ["function _aerpc_bad() {", "    return JSON.stringify({a: 1});", "}"],
    "implicit-global.jsx": ["function _aerpc_bad() {", "    leaked = 1;", "}"],
    "param-name.jsx": ["/**", " * @param {AerpcHost.Params.getCompProperties} params", " * @returns {number}", " */", "function _aerpc_bad(params) {", "    return params.item_id;", "}"],
    "result-shape.jsx": ["/**", " * @param {AerpcHost.Params.getCompProperties} params", " * @returns {AerpcHost.Result.getCompProperties}", " */", "function _aerpc_bad(params) {", "    return {id: params.comp_id, name: 'x', frameStart: 1, frames_duration: 1, frame_rate: 24, width: 4, height: 4, pixel_aspect: 1};", "}"],
    "result-type.jsx": ["/**", " * @param {AerpcHost.Params.getItems} params", " * @returns {AerpcHost.Result.getItems}", " */", "function _aerpc_bad(params) {", "    return [{id: 1, name: 'x', type: 'composition', path: null, containing_comps: [], parent_folder_id: null}];", "}"],
    "undeclared-error.jsx": ["function _aerpc_bad() {", "    throw AerpcErrors.NoSuchError('x');", "}"],
  };
  const expected = {
    "dom-property.jsx": [4, /frameStart/],
    "dom-readonly.jsx": [2, /read-only/],
    "dom-method.jsx": [2, /saveAs/],
    "es5-array.jsx": [3, /forEach/],
    "es5-trim.jsx": [3, /trim/],
    "no-json.jsx": [2, /JSON/],
    "implicit-global.jsx": [2, /leaked/],
    "param-name.jsx": [6, /item_id/],
    "result-shape.jsx": [6, /frameStart/],
    "result-type.jsx": [6, /composition/],
    "undeclared-error.jsx": [2, /NoSuchError/],
  };
  for (const [name, lines] of Object.entries(cases)) fs.writeFileSync(path.join(dir, name), lines.join("\n") + "\n");
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: path.join(HOST_DIR, "tsconfig.json"),
      files: [AE_TYPES, HOST_ENV],
      include: [path.join(HOST_DIR, "*.jsx"), path.join(HOST_DIR, "types", "*.d.ts"), path.join(dir, "*.jsx")],
    }),
  );
  const r = tsc(dir);
  assert.notEqual(r.status, 0);
  for (const [name, [line, pattern]] of Object.entries(expected)) {
    const hits = r.diagnostics.filter((d) => d.file === path.join(dir, name));
    assert.ok(hits.length > 0, name + " should fail tsc:\n" + r.output);
    assert.ok(hits.some((d) => d.line === line && pattern.test(d.message)), name + ": expected an error at line " + line + " matching " + pattern + ", got " + JSON.stringify(hits));
  }
  const inLibrary = r.diagnostics.filter((d) => d.file === null || path.dirname(d.file) !== dir);
  assert.deepEqual(inLibrary, [], "the library itself stays clean");
});
