"use strict";
// A stand-in for CEP's CSInterface in node: evalScript(source, callback) runs the source in a
// `vm` context that holds the (simulated) After Effects globals, preloaded with the generated
// dispatcher generated/cep/aerpc-host.jsx and then every runtime/cep/host/*.jsx sorted by name,
// the same order `make cep` concatenates them into the extension's one ExtendScript file.
//
//   const { NodeCSInterface } = require("runtime/cep/node/csinterface");
//   const cs = new NodeCSInterface({ project: "demo" });
//   cs.evalScript('__aerpc_dispatch("...")', (result) => ...);
//
// Like CEP, the callback is always asynchronous (setImmediate) and always gets a string:
// "EvalScript error." when the script throws, "undefined" for an undefined value.
//
// For tests it also counts calls (evalCount, outstanding, maxOutstanding), can hold evalScript
// calls until release() (to make a call slow at a chosen moment), and reports each call to
// onEval listeners with the JSON-RPC method and id it carries (never the params).

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
const GENERATED_HOST = path.join(REPO_ROOT, "generated", "cep", "aerpc-host.jsx");
const HOST_DIR = path.join(REPO_ROOT, "runtime", "cep", "host");
const SIMULATOR = path.join(REPO_ROOT, "runtime", "simulator");

/** The ExtendScript files of the extension, in load order. */
function hostScriptPaths(options) {
  const o = options || {};
  const generated = o.generatedHost || GENERATED_HOST;
  const hostDir = o.hostDir || HOST_DIR;
  let names = [];
  try {
    names = fs.readdirSync(hostDir).filter((n) => n.endsWith(".jsx"));
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
  names.sort();
  return [generated].concat(names.map((n) => path.join(hostDir, n)));
}

/** The simulator's createHostGlobals, or null when it is not in this checkout. */
function loadSimulator() {
  try {
    const sim = require(SIMULATOR);
    return typeof sim.createHostGlobals === "function" ? sim : null;
  } catch (error) {
    if (error.code === "MODULE_NOT_FOUND" && String(error.message).includes(SIMULATOR)) return null;
    throw error;
  }
}

/**
 * The globals of an After Effects ExtendScript engine: the simulator's when present (project
 * "demo" or "empty", env for $.getenv), else a minimal fake with $.getenv and an empty app.
 */
function createHostGlobals(options) {
  const o = Object.assign({ project: "empty", env: process.env }, options || {});
  if (!o.fake) {
    const sim = loadSimulator();
    if (sim !== null) {
      const simOptions = Object.assign({}, o.simulator || {}, { project: o.project, env: o.env });
      if (o.workDir) simOptions.workDir = o.workDir;
      return { globals: sim.createHostGlobals(simOptions), simulated: true };
    }
  }
  return { globals: require("./fake-globals").createFakeGlobals(o), simulated: false };
}

// The JSON-RPC method and id inside a `__aerpc_dispatch("<literal>")` source, for reports.
function describeSource(source) {
  const match = /^__aerpc_dispatch\(("(?:[^"\\]|\\.)*")\)$/.exec(source);
  if (match === null) return { method: null, id: null, source: source.length < 80 ? source : null };
  try {
    const request = JSON.parse(JSON.parse(match[1]));
    return { method: request.method, id: request.id === undefined ? null : request.id };
  } catch (_error) {
    return { method: null, id: null };
  }
}

class NodeCSInterface {
  /**
   * options: project ("demo" | "empty" | a simulated .aep path), env (for $.getenv; default
   * process.env), fake (true: never use the simulator), scripts (the .jsx files to load;
   * default hostScriptPaths()), extraScripts (loaded after those), appName, appVersion,
   * extensionPath, workDir.
   */
  constructor(options) {
    const o = options || {};
    const created = o.globals ? { globals: o.globals, simulated: false } : createHostGlobals(o);
    this.globals = created.globals;
    this.simulated = created.simulated;
    this.context = require(path.join(SIMULATOR, "lib", "realm.js")).createStrictContext(this.globals);
    this.scripts = (o.scripts || hostScriptPaths()).concat(o.extraScripts || []);
    for (const file of this.scripts) {
      this.loadFile(file);
    }
    this.appName = o.appName || "AEFT";
    this.appVersion = o.appVersion || this._appVersion();
    this.extensionPath = o.extensionPath || path.join(REPO_ROOT, "runtime", "cep");
    this.evalCount = 0;
    this.outstanding = 0;
    this.maxOutstanding = 0;
    this._held = null;
    this._listeners = new Set();
  }

  /** Load one more ExtendScript file into the engine (as the extension's ScriptPath would). */
  loadFile(file) {
    const source = fs.readFileSync(file, "utf8");
    vm.runInContext(source, this.context, { filename: file });
  }

  /** Run ExtendScript source now and return the raw value (exceptions propagate). */
  run(source) {
    return vm.runInContext(source, this.context, { filename: "evalScript" });
  }

  evalScript(source, callback) {
    this.evalCount += 1;
    this.outstanding += 1;
    this.maxOutstanding = Math.max(this.maxOutstanding, this.outstanding);
    const call = { source: String(source), callback: callback || null, info: describeSource(String(source)) };
    if (this._held !== null) {
      this._held.push(call);
      this._report("held", call.info);
      return;
    }
    setImmediate(() => this._execute(call));
  }

  _execute(call) {
    this._report("start", call.info);
    let result;
    try {
      const value = vm.runInContext(call.source, this.context, { filename: "evalScript" });
      result = value === undefined ? "undefined" : String(value);
    } catch (_error) {
      result = "EvalScript error.";
    }
    this.outstanding -= 1;
    this._report("done", call.info);
    if (call.callback !== null) call.callback(result);
  }

  /** Hold every evalScript call from now on until release(). */
  hold() {
    if (this._held === null) this._held = [];
  }

  /** Run the held calls, in order, each asynchronously, and stop holding. */
  release() {
    const held = this._held || [];
    this._held = null;
    for (const call of held) {
      setImmediate(() => this._execute(call));
    }
    return held.length;
  }

  /** listener({phase: "held"|"start"|"done", method, id}); returns an unsubscribe function. */
  onEval(listener) {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  _report(phase, info) {
    for (const listener of Array.from(this._listeners)) {
      listener(Object.assign({ phase: phase }, info));
    }
  }

  getHostEnvironment() {
    return { appName: this.appName, appVersion: this.appVersion, appLocale: "en_US" };
  }

  getSystemPath(_pathType) {
    return this.extensionPath;
  }

  _appVersion() {
    try {
      const version = vm.runInContext("typeof app !== 'undefined' && app.version", this.context);
      return version ? String(version) : "0.0";
    } catch (_error) {
      return "0.0";
    }
  }
}

module.exports = {
  NodeCSInterface,
  createHostGlobals,
  hostScriptPaths,
  loadSimulator,
  describeSource,
  REPO_ROOT,
};
