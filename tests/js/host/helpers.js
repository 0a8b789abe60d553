"use strict";
// Test support for the host library: a simulated After Effects with the dispatcher and the
// host library loaded, a call helper that checks the undo balance of every call, and a small
// JSON Schema (draft-07 subset) validator for results.

const assert = require("node:assert/strict");
const fs = require("fs");
const os = require("os");
const path = require("path");

const REPO = path.resolve(__dirname, "..", "..", "..");
const SCHEMA_PATH = path.join(REPO, "schema", "aftereffects.openrpc.json");
const HOST_DIR = path.join(REPO, "runtime", "cep", "host");
const GENERATED_DISPATCHER = path.join(REPO, "generated", "cep", "aerpc-host.jsx");
const simulator = require(path.join(REPO, "runtime", "simulator"));
const { extensionScript } = require(path.join(REPO, "runtime", "cep", "node", "csinterface"));

const schema = JSON.parse(fs.readFileSync(SCHEMA_PATH, "utf8"));
const hostMethods = schema.methods.filter((m) => m["x-served-by"] === "host" && m["x-host-function"]);
const methodsByName = new Map(schema.methods.map((m) => [m.name, m]));
const errorCodes = {};
for (const [name, e] of Object.entries(schema.components.errors)) errorCodes[name] = e.code;

function hostFiles() {
  return fs
    .readdirSync(HOST_DIR)
    .filter((n) => n.endsWith(".jsx"))
    .sort()
    .map((n) => path.join(HOST_DIR, n));
}

// ------------------------------------------------------------------ JSON Schema subset

function resolve(s) {
  let cur = s;
  while (cur && cur.$ref) {
    const m = /^#\/components\/schemas\/(.+)$/.exec(cur.$ref);
    if (!m) throw new Error("unsupported $ref " + cur.$ref);
    cur = schema.components.schemas[m[1]];
  }
  return cur;
}

function typeOf(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function validate(s, value, at) {
  const where = at || "";
  const errors = [];
  const sch = resolve(s);
  if (sch === undefined || sch === true || Object.keys(sch).length === 0 || (Object.keys(sch).length <= 2 && sch.title && !sch.type)) return errors;
  if (sch.type) {
    const types = Array.isArray(sch.type) ? sch.type : [sch.type];
    const t = typeOf(value);
    const ok = types.some((x) => x === t || (x === "number" && t === "integer"));
    if (!ok) return [where + ": expected " + types.join("|") + ", got " + t + " " + JSON.stringify(value)];
  }
  if (sch.enum && !sch.enum.some((e) => e === value)) errors.push(where + ": " + JSON.stringify(value) + " not in " + JSON.stringify(sch.enum));
  if (sch.const !== undefined && sch.const !== value) errors.push(where + ": not " + JSON.stringify(sch.const));
  if (typeof value === "number") {
    if (sch.minimum !== undefined && value < sch.minimum) errors.push(where + ": " + value + " < minimum " + sch.minimum);
    if (sch.maximum !== undefined && value > sch.maximum) errors.push(where + ": " + value + " > maximum " + sch.maximum);
    if (sch.exclusiveMinimum !== undefined && value <= sch.exclusiveMinimum) errors.push(where + ": " + value + " <= " + sch.exclusiveMinimum);
  }
  if (typeof value === "string" && sch.minLength !== undefined && value.length < sch.minLength) errors.push(where + ": shorter than " + sch.minLength);
  if (Array.isArray(value)) {
    if (sch.minItems !== undefined && value.length < sch.minItems) errors.push(where + ": fewer than " + sch.minItems + " items");
    if (sch.uniqueItems && new Set(value.map((x) => JSON.stringify(x))).size !== value.length) errors.push(where + ": items not unique");
    if (sch.items) value.forEach((v, i) => errors.push(...validate(sch.items, v, where + "/" + i)));
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const props = sch.properties || {};
    for (const r of sch.required || []) if (!(r in value)) errors.push(where + ": missing required " + r);
    for (const [k, v] of Object.entries(value)) {
      if (props[k]) errors.push(...validate(props[k], v, where + "/" + k));
      else if (sch.additionalProperties === false) errors.push(where + ": unexpected property " + k);
      else if (sch.additionalProperties && typeof sch.additionalProperties === "object") errors.push(...validate(sch.additionalProperties, v, where + "/" + k));
    }
  }
  return errors;
}

function assertResultMatchesSchema(method, value) {
  const m = methodsByName.get(method);
  const errors = validate(m.result.schema, value, "");
  assert.deepEqual(errors, [], method + " result does not match the schema: " + JSON.stringify(value).slice(0, 400));
}

function assertParamsMatchSchema(method, params) {
  const m = methodsByName.get(method);
  const errors = [];
  for (const p of m.params) {
    if (p.name in params) errors.push(...validate(p.schema, params[p.name], "/" + p.name));
    else if (p.required) errors.push("missing " + p.name);
  }
  for (const k of Object.keys(params)) if (!m.params.some((p) => p.name === k)) errors.push("unknown param " + k);
  assert.deepEqual(errors, [], method + " test params do not match the schema");
}

// ------------------------------------------------------------------ dispatcher stand-in

// The dispatcher's helpers, stood in with V8's JSON (the generated one has its own ES3 codec).
function standInDispatcherSource() {
  const table = {};
  for (const m of hostMethods) table[m.name] = { fn: m["x-host-function"], params: m.params.map((p) => p.name) };
  const lines = [
    // The realm has no JSON: parse with ES3's eval, serialise with node's JSON (set by createHost).
    "var JSON = __aerpc_standin_json;",
    "var __aerpc_json = {",
    "  parse: function (text) { return eval('(' + text + ')'); },",
    "  stringify: function (value) { return JSON.stringify(value); },",
    "  quote: function (text) { return JSON.stringify(String(text)); }",
    "};",
    "var __aerpc_error_messages = " + JSON.stringify(Object.fromEntries(Object.values(schema.components.errors).map((e) => [String(e.code), e.message]))) + ";",
    "function __aerpc_error(code, message, data) {",
    "  var e = new Error(message === undefined || message === null ? __aerpc_error_messages[String(code)] : String(message));",
    "  e.name = 'AerpcError'; e.aerpcCode = code; e.aerpcData = data === undefined ? null : data; return e;",
    "}",
    "var AerpcErrors = {};",
  ];
  for (const [name, e] of Object.entries(schema.components.errors)) {
    lines.push("AerpcErrors[" + JSON.stringify(name) + "] = function (message, data) { return __aerpc_error(" + e.code + ", message, data); };");
  }
  lines.push(
    "var __aerpc_methods = " + JSON.stringify(table) + ";",
    "function __aerpc_dispatch(text) {",
    "  var request = __aerpc_json.parse(text), entry = __aerpc_methods[request.method], params = {}, i, name, result;",
    "  if (!entry) { return JSON.stringify({ok: false, error: {code: -32601, message: 'no method ' + request.method, data: null}}); }",
    "  for (i = 0; i < entry.params.length; i += 1) { name = entry.params[i]; if (request.params && request.params.hasOwnProperty(name)) { params[name] = request.params[name]; } }",
    "  try { result = this[entry.fn](params); } catch (e) {",
    "    if (e && e.name === 'AerpcError') { return JSON.stringify({ok: false, error: {code: e.aerpcCode, message: e.message, data: e.aerpcData}}); }",
    "    return JSON.stringify({ok: false, error: {code: -32010, message: String(e && e.message), data: {name: e && e.name, message: String(e && e.message)}}});",
    "  }",
    "  return JSON.stringify({ok: true, result: result === undefined ? null : result});",
    "}",
  );
  return lines.join("\n");
}

// Which dispatchers to run the host tests with: the generated one (when it exists) and the
// stand-in. AERPC_HOST_DISPATCHER=generated|standin picks one.
function dispatchers() {
  const want = process.env.AERPC_HOST_DISPATCHER;
  const out = [];
  if (fs.existsSync(GENERATED_DISPATCHER) && want !== "standin") out.push("generated");
  if (want !== "generated") out.push("standin");
  return out;
}

// ------------------------------------------------------------------ engines

let tmpRoot = null;
function tempDir(label) {
  if (tmpRoot === null) {
    tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "aerpc-host-tests-"));
    process.on("exit", () => {
      try {
        fs.rmSync(tmpRoot, { recursive: true, force: true });
      } catch (_e) {
        // best effort
      }
    });
  }
  return fs.mkdtempSync(path.join(tmpRoot, (label || "t") + "-"));
}

/**
 * A simulated After Effects with the dispatcher and the host library loaded.
 * options: project ("empty" | "demo" | path), dispatcher ("generated" | "standin"),
 * simulator options (env, version, ...).
 */
function createHost(options) {
  const o = Object.assign({ project: "empty", dispatcher: dispatchers()[0] }, options || {});
  const workDir = o.workDir || tempDir(o.project === "demo" ? "demo" : "empty");
  const engine = simulator.createExtendScriptEngine(Object.assign({}, o, { workDir }));
  // "generated": the extension's one ExtendScript file as `make cep` assembled it (the ES3
  // library, the host library in its own scope, the generated tables); "standin": the host
  // files as globals under a V8-JSON dispatcher.
  if (o.dispatcher === "generated") {
    engine.loadFiles([extensionScript()]);
  } else {
    engine.globals.__aerpc_standin_json = { stringify: (v) => JSON.stringify(v) };
    engine.run(standInDispatcherSource(), "stand-in-dispatcher.jsx");
    engine.loadFiles(hostFiles());
  }
  const sim = engine.sim;
  let seq = 0;
  const host = {
    engine,
    sim,
    app: engine.app,
    workDir,
    last: null,
    /** The dispatcher's envelope for one call; asserts the undo balance of the call. */
    call(method, params, opts) {
      const p = params || {};
      if (!(opts && opts.unchecked)) assertParamsMatchSchema(method, p);
      const request = JSON.stringify({ jsonrpc: "2.0", id: "test:" + ++seq, method, params: p });
      const snap = sim.snapshot();
      const text = engine.run("__aerpc_dispatch(" + JSON.stringify(request) + ")");
      const diff = sim.since(snap);
      host.last = diff;
      assert.equal(typeof text, "string", "the dispatcher returns a string");
      const envelope = JSON.parse(text);
      assert.equal(diff.undoDepth, 0, method + ": an undo group was left open");
      assert.equal(diff.undoBegun, diff.undoEnded, method + ": beginUndoGroup/endUndoGroup unbalanced");
      assert.equal(diff.undoMismatches, 0, method + ": endUndoGroup without a beginUndoGroup");
      const allowedOutside = new Set((opts && opts.allowOutsideUndo) || []);
      const outside = diff.outsideUndo.filter((w) => !allowedOutside.has(w));
      assert.deepEqual(outside, [], method + ": project changed outside an undo group");
      assert.deepEqual(diff.dialogs, [], method + ": a modal dialog would have opened");
      return envelope;
    },
    /** The result of a call that must succeed; checked against the schema. */
    ok(method, params, opts) {
      const env = host.call(method, params, opts);
      assert.equal(env.ok, true, method + " failed: " + JSON.stringify(env.error));
      assertResultMatchesSchema(method, env.result);
      return env.result;
    },
    /** The error of a call that must fail with the declared error `name`. */
    fails(method, params, name, opts) {
      const env = host.call(method, params, opts);
      assert.equal(env.ok, false, method + " should have failed with " + name + ", got " + JSON.stringify(env.result));
      assert.equal(env.error.code, errorCodes[name], method + ": expected " + name + " (" + errorCodes[name] + "), got " + JSON.stringify(env.error));
      assert.ok(methodsByName.get(method).errors.some((e) => e.$ref === "#/components/errors/" + name), method + " does not declare " + name);
      assert.equal(typeof env.error.message, "string");
      assert.ok(env.error.message.length > 0);
      return env.error;
    },
    run(code) {
      return engine.run(code);
    },
    item(id) {
      return sim.itemById(id);
    },
    itemByName(name) {
      for (const it of sim.app.project._itemMap.values()) if (it._name === name) return it;
      return null;
    },
  };
  return host;
}

module.exports = {
  REPO,
  HOST_DIR,
  GENERATED_DISPATCHER,
  schema,
  hostMethods,
  methodsByName,
  errorCodes,
  hostFiles,
  validate,
  assertResultMatchesSchema,
  createHost,
  dispatchers,
  tempDir,
  simulator,
  standInDispatcherSource,
};
