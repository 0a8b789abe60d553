"use strict";
// The Application object (`app`) and the simulator's bookkeeping (`sim`).

const { INTERNAL, classes, enums, aeError, err, instrument } = require("./dom");
const persist = require("./persist");
const media = require("./media");

function createSimState() {
  const sim = {
    undo: { depth: 0, maxDepth: 0, begun: 0, ended: 0, mismatches: 0, names: [] },
    alerts: [],
    dialogs: [],
    output: [],
    calls: Object.create(null),
    renderLog: [],
    tasks: [],
    quitRequested: false,
    // Runs every scheduled one-shot task that has not run yet (tests; no waiting on timers).
    runScheduledTasks() {
      for (const t of sim.tasks) if (!t.repeat && !t.cancelled && t.runs === 0) t.fire();
    },
    counters: { mutations: 0, mutationsOutsideUndo: 0, saves: 0, renders: 0, filesRendered: 0, opens: 0, imports: 0, quits: 0, suppressDialogs: 0 },
    mutationLog: [],
    outsideUndoLog: [],
    count(name) {
      sim.calls[name] = (sim.calls[name] || 0) + 1;
    },
    mutation(what) {
      sim.counters.mutations += 1;
      if (sim.undo.depth === 0) {
        sim.counters.mutationsOutsideUndo += 1;
        if (sim.outsideUndoLog.length < 10000) sim.outsideUndoLog.push(what);
      }
      if (sim.mutationLog.length < 10000) sim.mutationLog.push(what);
    },
    dialog(kind) {
      sim.dialogs.push(kind);
    },
    // A snapshot of the counters, to diff around one host call.
    snapshot() {
      return {
        calls: Object.assign({}, sim.calls),
        counters: Object.assign({}, sim.counters),
        undo: Object.assign({}, sim.undo, { names: sim.undo.names.slice() }),
        alerts: sim.alerts.length,
        dialogs: sim.dialogs.length,
        mutationLog: sim.mutationLog.length,
        outsideUndoLog: sim.outsideUndoLog.length,
      };
    },
    // What changed since `snap` (only non-zero differences).
    since(snap) {
      const calls = {};
      for (const k of Object.keys(sim.calls)) {
        const d = sim.calls[k] - (snap.calls[k] || 0);
        if (d) calls[k] = d;
      }
      const counters = {};
      for (const k of Object.keys(sim.counters)) {
        const d = sim.counters[k] - (snap.counters[k] || 0);
        if (d) counters[k] = d;
      }
      return {
        calls,
        counters,
        undoBegun: sim.undo.begun - snap.undo.begun,
        undoEnded: sim.undo.ended - snap.undo.ended,
        undoDepth: sim.undo.depth,
        undoMismatches: sim.undo.mismatches - snap.undo.mismatches,
        alerts: sim.alerts.slice(snap.alerts),
        dialogs: sim.dialogs.slice(snap.dialogs),
        mutations: sim.mutationLog.slice(snap.mutationLog),
        outsideUndo: sim.outsideUndoLog.slice(snap.outsideUndoLog),
      };
    },
  };
  return sim;
}

class Preferences {
  constructor() {
    this._store = Object.create(null);
  }
  _k(section, key) {
    return section + "\u0000" + key;
  }
  havePref(section, key) {
    return this._k(section, key) in this._store;
  }
  getPrefAsString(section, key) {
    return String(this._store[this._k(section, key)] || "");
  }
  getPrefAsBool(section, key) {
    return !!this._store[this._k(section, key)];
  }
  getPrefAsLong(section, key) {
    return parseInt(this._store[this._k(section, key)] || 0, 10);
  }
  getPrefAsFloat(section, key) {
    return Number(this._store[this._k(section, key)] || 0);
  }
  savePrefAsString(section, key, v) {
    this._store[this._k(section, key)] = String(v);
  }
  savePrefAsBool(section, key, v) {
    this._store[this._k(section, key)] = !!v;
  }
  savePrefAsLong(section, key, v) {
    this._store[this._k(section, key)] = v;
  }
  savePrefAsFloat(section, key, v) {
    this._store[this._k(section, key)] = v;
  }
  deletePref(section, key) {
    delete this._store[this._k(section, key)];
  }
  reload() {}
  saveToDisk() {}
}

class Application {
  constructor(token, env) {
    if (token !== INTERNAL) throw new TypeError("Application does not have a constructor");
    this._env = env;
    this._project = new classes.Project(INTERNAL, this);
    this._preferences = new Preferences();
    this._suppress = 0;
    this._quit = false;
    this._tasks = [];
    this.exitCode = 0;
    this.exitAfterLaunchAndEval = false;
    this.saveProjectOnCrash = true;
    this.disableRendering = false;
    this.onError = null;
  }
  get project() {
    return this._project;
  }
  get version() {
    return this._env.options.version;
  }
  get buildName() {
    return this._env.options.buildName;
  }
  get buildNumber() {
    return this._env.options.buildNumber;
  }
  get isWatchFolder() {
    return false;
  }
  get isRenderEngine() {
    return false;
  }
  get isoLanguage() {
    return "en_US";
  }
  get language() {
    return 1612;
  }
  get memoryInUse() {
    return 512 * 1024 * 1024;
  }
  get preferences() {
    return this._preferences;
  }
  get settings() {
    return this._preferences;
  }
  get activeViewer() {
    return null;
  }
  get effects() {
    return [];
  }
  get availableGPUAccelTypes() {
    return [1816];
  }
  _replaceProject(project) {
    this._project._removed = true;
    this._project = project || new classes.Project(INTERNAL, this);
  }
  newProject() {
    if (this._project._dirty) this._env.sim.dialog("app.newProject (save changes prompt)");
    this._replaceProject(null);
    return this._project;
  }
  open(file) {
    const sim = this._env.sim;
    if (file === undefined) {
      sim.dialog("app.open (Open dialog)");
      return null;
    }
    if (!(file instanceof this._env.File)) throw err(this, 'Unable to call "open" because of parameter 1. Value is not a File.');
    if (!file.exists) throw aeError(this, 'Unable to open "' + file.fsName + '": the file does not exist.');
    const data = persist.read(this, file.fsName, this._env.makeError);
    if (this._project._dirty) sim.dialog("app.open (save changes to the current project prompt; answered Don't Save)");
    const project = persist.materialize(this, data, null);
    project._file = new this._env.File(file.fsName);
    project._dirty = false;
    this._replaceProject(project);
    sim.counters.opens += 1;
    return project;
  }
  quit() {
    this._env.sim.counters.quits += 1;
    this._env.sim.quitRequested = true;
    this._quit = true;
    if (this._env.options.onQuit) this._env.options.onQuit();
  }
  beginUndoGroup(name) {
    const u = this._env.sim.undo;
    u.depth += 1;
    u.begun += 1;
    u.maxDepth = Math.max(u.maxDepth, u.depth);
    u.names.push(String(name));
  }
  endUndoGroup() {
    const u = this._env.sim.undo;
    if (u.depth === 0) {
      u.mismatches += 1;
      return;
    }
    u.depth -= 1;
    u.ended += 1;
  }
  beginSuppressDialogs() {
    this._suppress += 1;
    this._env.sim.counters.suppressDialogs += 1;
  }
  endSuppressDialogs(_alert) {
    if (this._suppress > 0) this._suppress -= 1;
  }
  purge(_target) {}
  activate() {}
  // Runs `code` in the script engine after `delay` ms (or every `delay` ms), on node's timers;
  // the timers never keep the process alive. sim.runScheduledTasks() runs due ones at once.
  scheduleTask(code, delay, repeat) {
    const sim = this._env.sim;
    const id = sim.tasks.length + 1;
    const task = { id, code: String(code), delay: Number(delay) || 0, repeat: !!repeat, runs: 0, cancelled: false, timer: null };
    sim.tasks.push(task);
    const fire = () => {
      if (task.cancelled || (!task.repeat && task.runs > 0)) return;
      task.runs += 1;
      if (!task.repeat) clearTimeout(task.timer);
      this._env.runTask(task);
    };
    task.fire = fire;
    task.timer = task.repeat ? setInterval(fire, Math.max(1, task.delay)) : setTimeout(fire, task.delay);
    if (task.timer && typeof task.timer.unref === "function") task.timer.unref();
    return id;
  }
  cancelTask(id) {
    const task = this._env.sim.tasks[id - 1];
    if (task) {
      task.cancelled = true;
      clearTimeout(task.timer);
      clearInterval(task.timer);
    }
  }
  setMemoryUsageLimits() {}
  setMultiFrameRenderingConfig() {}
  setSavePreferencesOnQuit() {}
  // Menu commands: `options.menuCommands` ({ "menu text": id }, also sim.menuCommands, which a
  // test may fill later, as CEP registers Window › Extensions entries after start-up) and
  // `options.onCommand(id)`, called by executeCommand. An unknown text gives 0.
  findMenuCommandId(text) {
    const id = this._env.sim.menuCommands[String(text)];
    return id === undefined ? 0 : id;
  }
  executeCommand(id) {
    const sim = this._env.sim;
    sim.count("Application.executeCommand:" + id);
    sim.commands.push(Number(id));
    if (this._env.options.onCommand) this._env.options.onCommand(Number(id));
  }
  watchFolder() {}
  pauseWatchFolder() {}
  endWatchFolder() {}
  parseSwatchFile() {
    return {};
  }

  // Project.importFile, which needs the application (a project import builds items).
  _import(io) {
    const project = this._project;
    const file = io._file;
    const sim = this._env.sim;
    if (!file.exists) throw aeError(project, 'Can not import "' + file.fsName + '": the file does not exist.');
    const kind = media.kindOf(file.fsName);
    const into = project._importFolder();
    sim.counters.imports += 1;
    if (kind === "project" || io._importAs === enums.ImportAsType.PROJECT) {
      if (kind !== "project") throw aeError(project, 'Can not import "' + file.displayName + '" as a project.');
      const data = persist.read(this, file.fsName, this._env.makeError);
      const folder = project._register(new classes.FolderItem(INTERNAL, project, file.displayName), into);
      persist.materialize(this, data, folder);
      project._touch("Project.importFile");
      return folder;
    }
    if ((io._importAs === enums.ImportAsType.COMP || io._importAs === enums.ImportAsType.COMP_CROPPED_LAYERS) && media.LAYERED.has(media.extOf(file.fsName))) {
      const info = media.probe(file.fsName, {});
      const base = file.displayName.replace(/\.[^.]+$/, "");
      const folder = project._register(new classes.FolderItem(INTERNAL, project, base + " Layers"), into);
      const comp = project._addComp(into, base, Math.max(4, info.width), Math.max(4, info.height), info.pixelAspect, 10, 30);
      for (const lname of ["Background", "Layer 1"]) {
        const src = project._fileSource(project, file, false, "importFile");
        const fi = project._register(new classes.FootageItem(INTERNAL, project, lname + "/" + file.displayName, src), folder);
        comp.layers.add(fi);
      }
      return comp;
    }
    const src = project._fileSource(project, file, io._sequence, "importFile");
    const item = new classes.FootageItem(INTERNAL, project, src._defaultName, src);
    project._register(item, into);
    return item;
  }
}

instrument(Application, "Application");

module.exports = { Application, createSimState, Preferences };
