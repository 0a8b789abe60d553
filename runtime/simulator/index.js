"use strict";
// A simulated Adobe After Effects for running ExtendScript in node.
//
//   const sim = require("runtime/simulator");
//   const globals = sim.createHostGlobals({ project: "demo", workDir }); // a vm context
//   vm.runInContext(source, globals);
//
// or, with the CEP evalScript contract (a string back, "EvalScript error." on
// an uncaught exception):
//
//   const engine = sim.createExtendScriptEngine({ project: "demo" });
//   engine.loadFiles(["runtime/cep/host/aerpc-host-lib.jsx"]);
//   engine.evalScript("getAppVersion({})");
//
// No dependencies beyond node's standard library. See README.md for what of the
// After Effects object model is modelled and what is left out.

const fs = require("fs");
const os = require("os");
const path = require("path");
const vm = require("vm");

const { makeFileSystemClasses } = require("./lib/files");
const { makeXmpClasses, parsePacket, defaultPacket } = require("./lib/xmp");
const dom = require("./lib/dom");
const { Application, createSimState } = require("./lib/app");
const persist = require("./lib/persist");
const demo = require("./lib/demo");
const { createStrictContext, intrinsicsOf } = require("./lib/realm");
const { createMembrane } = require("./lib/wrappers");
const { createCsxs } = require("./lib/csxs");

const DEFAULT_VERSION = "25.2x4";
// The DOM classes whose instances a script only ever sees through a fresh wrapper.
const DOM_ROOTS = [
  Application,
  dom.classes.Project,
  dom.classes.Item,
  dom.classes.Collection,
  dom.classes.PropertyBase,
  dom.classes.FootageSource,
  dom.classes.RenderQueue,
  dom.classes.RenderQueueItem,
  dom.classes.OutputModule,
];

function createHostGlobals(options) {
  const opts = Object.assign(
    {
      project: "empty", // "empty" | "demo" | absolute path of a simulated .aep
      workDir: null,
      env: process.env,
      version: DEFAULT_VERSION,
      buildName: "aerpc-simulated",
      buildNumber: 4,
      os: "Windows/64 10.0 (simulated)",
      sequenceFrameRate: 30,
      xmpPreloaded: false,
      plugPlug: true, // false: "lib:PlugPlugExternalObject" fails to load (lib/csxs.js)
      csxsDuringScript: false, // true: CSXSEvents reach the panel while the script still runs
      home: null,
      confirm: true,
      prompt: null,
    },
    options || {},
  );
  if (!opts.workDir) opts.workDir = fs.mkdtempSync(path.join(os.tmpdir(), "aerpc-sim-"));
  fs.mkdirSync(opts.workDir, { recursive: true });
  opts.defaultOutputDir = opts.defaultOutputDir || path.join(opts.workDir, "renders");

  const sim = createSimState();
  sim.taskErrors = [];
  sim.menuCommands = Object.assign({}, opts.menuCommands || {});
  sim.commands = []; // ids run by app.executeCommand, in order
  // The script realm: ExtendScript's library only (lib/realm.js); scripts see the DOM through
  // fresh wrappers (lib/wrappers.js).
  const globals = createStrictContext({});
  const realm = intrinsicsOf(globals);
  const membrane = createMembrane(DOM_ROOTS, realm);
  let cwd = opts.cwd || opts.workDir;

  const makeError = (msg) => new realm.Error(msg);

  const fsClasses = makeFileSystemClasses({
    home: opts.home || os.homedir(),
    cwd: () => cwd,
    setCwd: (p) => {
      cwd = p;
    },
    tmp: os.tmpdir(),
    count: (n) => sim.count(n),
    dialog: (k) => sim.dialog(k),
    scriptArray: (list) => membrane.toScript(list),
  });
  const { File, Folder } = fsClasses;
  const xmp = makeXmpClasses({ makeError });
  const creatorTool = "Adobe After Effects " + opts.version + " (simulated)";

  const env = {
    sim,
    runTask: (task) => {
      if (!vm.isContext(globals)) return;
      try {
        vm.runInContext(task.code, globals, { filename: "scheduledTask" });
      } catch (e) {
        sim.taskErrors.push({ id: task.id, message: String(e && e.message) });
      }
    },
    options: opts,
    File,
    Folder,
    makeError,
    persist,
    defaultXmp: () => defaultPacket(creatorTool, new Date().toISOString()),
    validateXmp: (text) => {
      parsePacket(text, (m) => makeError("After Effects error: Unable to set \"xmpPacket\": " + m));
    },
  };

  const app = new Application(dom.INTERNAL, env);

  // ------------------------------------------------------------ $ (the ExtendScript helper object)
  let lastHires = process.hrtime.bigint();
  const helper = {
    get build() {
      return "4.5.5.1";
    },
    get buildDate() {
      return new Date("2023-01-01T00:00:00Z");
    },
    get engineName() {
      return "main";
    },
    get version() {
      return "4.5.5";
    },
    get os() {
      return opts.os;
    },
    get global() {
      return globals;
    },
    get fileName() {
      return currentFile();
    },
    get line() {
      return currentLine();
    },
    get hiresTimer() {
      const now = process.hrtime.bigint();
      const d = Number((now - lastHires) / 1000n);
      lastHires = now;
      return d;
    },
    get includePath() {
      return cwd;
    },
    get stack() {
      return "";
    },
    get screens() {
      return [{ left: 0, top: 0, right: 1920, bottom: 1080, primary: true }];
    },
    decimalPoint: ".",
    error: null,
    flags: 0,
    level: 0,
    locale: "en_US",
    localize: false,
    memCache: 0,
    strict: false,
    about: () => "ExtendScript 4.5.5 (aerpc simulated)",
    bp: () => {},
    colorPicker: (c) => c,
    gc: () => {},
    getenv: (name) => {
      const v = opts.env[String(name)];
      return v === undefined ? null : String(v);
    },
    setenv: (name, value) => {
      if (opts.env === process.env) opts.env = Object.assign({}, process.env);
      opts.env[String(name)] = String(value);
    },
    sleep: (ms) => {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.max(0, Number(ms) || 0));
    },
    write: (...a) => {
      sim.output.push(a.map(String).join(""));
    },
    writeln: (...a) => {
      sim.output.push(a.map(String).join("") + "\n");
    },
    toString: () => "[object $]",
    evalFile: (file, _timeout) => {
      const p = file instanceof fsClasses.FsEntry ? file.fsName : fsClasses.resolvePath(file);
      if (!fs.existsSync(p) || !fs.statSync(p).isFile()) throw makeError("File or folder does not exist");
      sim.count("$.evalFile");
      return runFile(p);
    },
  };

  // The script frames of the current stack (files run in the context, not the simulator's).
  function stackFrames() {
    const holder = {};
    Error.captureStackTrace(holder);
    const out = [];
    for (const line of String(holder.stack).split("\n")) {
      const m = /\(?([^()\s]+):(\d+):(\d+)\)?$/.exec(line.trim());
      if (!m || m[1].startsWith("node:") || m[1].startsWith(__dirname + path.sep) || m[1] === __filename) continue;
      out.push({ file: m[1], line: Number(m[2]) });
    }
    return out;
  }
  function currentFile() {
    const f = stackFrames()[0];
    return f ? f.file : "";
  }
  function currentLine() {
    const f = stackFrames()[0];
    return f ? f.line : 0;
  }
  function runFile(p) {
    return vm.runInContext(fs.readFileSync(p, "utf8"), globals, { filename: p });
  }

  // ------------------------------------------------------------ ExternalObject (loads XMPScript)
  const csxs = createCsxs(opts);
  function ExternalObject(lib) {
    if (!(this instanceof ExternalObject)) return new ExternalObject(lib);
    const name = String(lib);
    if (name === "lib:AdobeXMPScript") {
      globals.XMPMeta = xmp.XMPMeta;
      globals.XMPConst = xmp.XMPConst;
      sim.count("ExternalObject:AdobeXMPScript");
    } else if (name === "lib:PlugPlugExternalObject") {
      if (!csxs.load(globals)) throw makeError("Can not load library " + name);
      sim.count("ExternalObject:PlugPlugExternalObject");
    } else {
      throw makeError("Can not load library " + name);
    }
    this.log = false;
    this.searchFolders = "";
    this.version = 1;
  }
  ExternalObject.prototype.search = () => false;
  ExternalObject.prototype.terminate = () => undefined;
  ExternalObject.AdobeXMPScript = undefined;

  Object.assign(globals, {
    app: membrane.wrap(app),
    $: helper,
    File,
    Folder,
    ExternalObject,
    alert: (message, title, errorIcon) => {
      sim.alerts.push({ message: String(message), title: title === undefined ? null : String(title), errorIcon: !!errorIcon });
      if (opts.onAlert) opts.onAlert(String(message));
    },
    confirm: (message) => {
      sim.dialogs.push("confirm: " + String(message));
      return !!opts.confirm;
    },
    prompt: (message, preset) => {
      sim.dialogs.push("prompt: " + String(message));
      return opts.prompt === null ? (preset === undefined ? null : preset) : opts.prompt;
    },
    write: (t) => sim.output.push(String(t)),
    writeLn: (t) => sim.output.push(String(t) + "\n"),
    clearOutput: () => {
      sim.output.length = 0;
    },
    isValid: (obj) => !!obj && !membrane.unwrap(obj)._removed,
    generateRandomNumber: () => Math.random(),
    timeToCurrentFormat: (t, fps) => String(Math.round(t * fps)),
    currentFormatToTime: (s, fps) => Number(s) / fps,
    getEnumAsString: (v) => String(v),
    ImportOptions: dom.classes.ImportOptions,
  });
  for (const [k, v] of Object.entries(dom.enums)) globals[k] = v;
  for (const name of [
    "Item",
    "AVItem",
    "CompItem",
    "FolderItem",
    "FootageItem",
    "PlaceholderItem",
    "FootageSource",
    "FileSource",
    "SolidSource",
    "PlaceholderSource",
    "Layer",
    "AVLayer",
    "TextLayer",
    "ShapeLayer",
    "CameraLayer",
    "LightLayer",
    "PropertyBase",
    "PropertyGroup",
    "Property",
    "Project",
    "RenderQueue",
    "RenderQueueItem",
    "OutputModule",
    "ItemCollection",
    "LayerCollection",
    "OMCollection",
    "RQItemCollection",
    "Collection",
  ]) {
    globals[name] = dom.classes[name];
  }
  if (opts.xmpPreloaded) {
    globals.XMPMeta = xmp.XMPMeta;
    globals.XMPConst = xmp.XMPConst;
  }

  // ------------------------------------------------------------ the starting project
  if (opts.project === "demo") {
    demo.build(app, globals, opts.workDir, opts.demo || {});
  } else if (opts.project && opts.project !== "empty") {
    app.open(new File(opts.project));
  }
  sim.reset = () => {
    for (const k of Object.keys(sim.calls)) delete sim.calls[k];
    for (const k of Object.keys(sim.counters)) sim.counters[k] = 0;
    sim.mutationLog.length = 0;
    sim.outsideUndoLog.length = 0;
    sim.alerts.length = 0;
    sim.dialogs.length = 0;
    sim.output.length = 0;
    sim.renderLog.length = 0;
    sim.undo.begun = 0;
    sim.undo.ended = 0;
    sim.undo.mismatches = 0;
    sim.undo.maxDepth = sim.undo.depth;
    sim.undo.names.length = 0;
  };
  sim.reset();

  Object.defineProperty(globals, "__sim", {
    value: Object.assign(sim, {
      app,
      workDir: opts.workDir,
      options: opts,
      runFile,
      xmp,
      // Internal access for tests and tools: the item with this id, or null.
      itemById: (id) => app._project._itemMap.get(id) || null,
      // CSXSEvents: dispatched (a list) and the panel's addEventListener (lib/csxs.js).
      csxs,
      // Save the current project to a simulated .aep file (a tool-side shortcut).
      saveProjectTo: (fsPath) => persist.write(app._project, fsPath),
    }),
    enumerable: false,
    writable: false,
  });
  return globals;
}

// A context plus the CEP evalScript contract on top of it.
function createExtendScriptEngine(options) {
  const globals = createHostGlobals(options);
  const context = createStrictContext(globals);
  const sim = globals.__sim;
  return {
    context,
    globals,
    sim,
    app: sim.app, // the node object model itself (tests reach its internals); scripts see wrappers
    // Load .jsx files into the context, in order.
    loadFiles(files) {
      for (const f of files) sim.runFile(path.resolve(f));
    },
    // Run code and return the raw value (exceptions propagate): for tests.
    run(code, filename) {
      return vm.runInContext(code, context, { filename: filename || "evalScript" });
    },
    // CEP's CSInterface.evalScript: always a string; "EvalScript error." when the
    // script throws; "undefined" for an undefined result.
    evalScript(code) {
      try {
        const v = vm.runInContext(code, context, { filename: "evalScript" });
        return v === undefined ? "undefined" : String(v);
      } catch (_e) {
        return "EvalScript error.";
      }
    },
  };
}

module.exports = {
  createHostGlobals,
  createExtendScriptEngine,
  DEFAULT_VERSION,
  enums: dom.enums,
  persistFormat: persist.FORMAT,
};
