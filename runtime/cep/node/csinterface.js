"use strict";
// A stand-in for CEP's CSInterface in node: evalScript(source, callback) runs the source in a
// `vm` context that holds the (simulated) After Effects globals, preloaded, as CEP does, with
// the file the extension's manifest names as ScriptPath: by default the extension `make cep`
// built (dist/aerpc.cep/jsx/aerpc.jsx), the one ExtendScript file After Effects loads.
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
//
// crossingMs (option, or AERPC_CROSSING_MS in the environment) models the cost of one
// evalScript crossing from the panel into ExtendScript and back: each evalScript runs that many
// milliseconds after it is made, instead of on the next turn of the loop. It is a model (a
// fixed latency per crossing, for benches of how many crossings a workload makes), not a
// measurement of After Effects.

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const { extensionDir, EXTENSION, REPO_ROOT } = require("./extension");
const { readManifest } = require("./manifest");

const SIMULATOR = path.join(REPO_ROOT, "runtime", "simulator");

/** The ExtendScript file CEP loads at start for an extension: its manifest's ScriptPath. */
function extensionScript(dir) {
  const root = extensionDir(dir);
  const script = readManifest(root).scriptPath;
  if (script === null) throw new Error(root + "/CSXS/manifest.xml names no ScriptPath");
  return script;
}

/** The ExtendScript files CEP would load for the extension, in load order. */
function hostScriptPaths(options) {
  return [extensionScript((options || {}).extension)];
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

// The panel's host calls are always `__aerpc_dispatch("<JSON string literal>")`.
const DISPATCH_OPEN = '__aerpc_dispatch("';
const DISPATCH_CLOSE = '")';

/**
 * The string argument of a `__aerpc_dispatch("<literal>")` source, or null for other sources.
 * What lies between the parentheses is one string literal exactly when it reads as one JSON
 * string (a quote inside that is not escaped would end it, and JSON.parse refuses the rest).
 */
function dispatchArgument(source) {
  if (!source.startsWith(DISPATCH_OPEN) || !source.endsWith(DISPATCH_CLOSE)) return null;
  try {
    return JSON.parse(source.slice(DISPATCH_OPEN.length - 1, -1));
  } catch (_error) {
    return null; // not one literal, or one JSON does not read (an ES-only escape): run it as it is
  }
}

// The JSON-RPC method and id inside a `__aerpc_dispatch("<literal>")` source, for reports.
function describeSource(source) {
  const argument = dispatchArgument(source);
  if (argument === null) return { method: null, id: null, source: source.length < 80 ? source : null };
  try {
    const request = JSON.parse(argument);
    return { method: request.method, id: request.id === undefined ? null : request.id };
  } catch (_error) {
    return { method: null, id: null };
  }
}

/** The modelled crossing latency in ms from an option or environment value: 0 when unset. */
function crossingMs(value) {
  if (value === undefined || value === null || value === "") return 0;
  const ms = Number(value);
  if (!(ms >= 0) || !isFinite(ms)) throw new Error("the crossing latency must be a number of milliseconds >= 0, not " + JSON.stringify(String(value)));
  return ms;
}

class NodeCSInterface {
  /**
   * options: project ("demo" | "empty" | a simulated .aep path), env (for $.getenv; default
   * process.env), fake (true: never use the simulator), extension (the extension folder whose
   * ScriptPath to load; default the `make cep` build), scripts (the .jsx files to load instead),
   * extraScripts (loaded after those), appName, appVersion, extensionPath, workDir,
   * crossingMs (the modelled latency of each evalScript crossing; default AERPC_CROSSING_MS
   * from the environment, else 0: none).
   */
  constructor(options) {
    const o = options || {};
    const created = o.globals ? { globals: o.globals, simulated: false } : createHostGlobals(o);
    this.globals = created.globals;
    this.simulated = created.simulated;
    this.context = require(path.join(SIMULATOR, "lib", "realm.js")).createStrictContext(this.globals);
    this.scripts = (o.scripts || hostScriptPaths(o)).concat(o.extraScripts || []);
    for (const file of this.scripts) {
      this.loadFile(file);
    }
    this.appName = o.appName || "AEFT";
    this.appVersion = o.appVersion || this._appVersion();
    this.extensionPath = o.extensionPath || o.extension || EXTENSION;
    this.evalCount = 0;
    this.outstanding = 0;
    this.maxOutstanding = 0;
    this._held = null;
    this._listeners = new Set();
    this.crossingMs = crossingMs(o.crossingMs === undefined ? process.env.AERPC_CROSSING_MS : o.crossingMs);
  }

  /**
   * CSInterface.addEventListener(type, listener): events an ExtendScript CSXSEvent dispatches
   * (the simulator's model, runtime/simulator/lib/csxs.js); none with the fake globals.
   */
  addEventListener(type, listener) {
    const csxs = this.globals.__sim ? this.globals.__sim.csxs : null;
    if (csxs) csxs.addEventListener(type, listener);
  }

  removeEventListener(type, listener) {
    const csxs = this.globals.__sim ? this.globals.__sim.csxs : null;
    if (csxs) csxs.removeEventListener(type, listener);
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
    const call = { source: String(source), callback: callback || null, info: null };
    if (this._held !== null) {
      this._held.push(call);
      this._report("held", call);
      return;
    }
    this._schedule(call);
  }

  // The call runs on the next turn of the loop, or crossingMs later when a crossing is modelled
  // (timers of one delay fire in the order they were set, so calls keep their order).
  _schedule(call) {
    if (this.crossingMs > 0) setTimeout(() => this._execute(call), this.crossingMs);
    else setImmediate(() => this._execute(call));
  }

  _execute(call) {
    this._report("start", call);
    let result;
    try {
      const value = this._evaluate(call.source);
      result = value === undefined ? "undefined" : String(value);
    } catch (_error) {
      result = "EvalScript error.";
    }
    this.outstanding -= 1;
    this._report("done", call);
    if (call.callback !== null) call.callback(result);
  }

  // A dispatcher call runs as the engine runs it once compiled: __aerpc_dispatch called with
  // the literal's string (node's vm would compile each such source anew, as each carries its
  // own request id; that compile is the stand-in's cost, not the panel's). Any other source,
  // or a dispatcher that is missing, runs through vm.
  _evaluate(source) {
    const argument = dispatchArgument(source);
    const dispatch = argument === null ? undefined : this.context.__aerpc_dispatch;
    if (typeof dispatch === "function") return dispatch(argument);
    return vm.runInContext(source, this.context, { filename: "evalScript" });
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
      this._schedule(call);
    }
    return held.length;
  }

  /** listener({phase: "held"|"start"|"done", method, id}); returns an unsubscribe function. */
  onEval(listener) {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  _report(phase, call) {
    if (this._listeners.size === 0) return;
    if (call.info === null) call.info = describeSource(call.source);
    for (const listener of Array.from(this._listeners)) {
      listener(Object.assign({ phase: phase }, call.info));
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
  extensionScript,
  EXTENSION,
  loadSimulator,
  describeSource,
  REPO_ROOT,
};
