"use strict";
// The simulated scripting DOM (index.js): The render queue, its items and their output modules; rendering writes the files.

const fs = require("fs");
const path = require("path");
const { INTERNAL, aeError, checkArgs, err, guard, indexable, requireBool, requireInt, requireNumber } = require("./helpers");
const { LogType, OM_TEMPLATES, PostRenderAction, RQItemStatus, RS_TEMPLATES } = require("./enums");
const { OMCollection, RQItemCollection } = require("./collections");
const { installStatusCallbacks, notifyStatus } = require("../render-status");

class OutputModule {
  constructor(token, rqItem, file) {
    guard(token, "OutputModule");
    this._rq = rqItem;
    this._env = rqItem._env;
    this._template = "High Quality";
    this._file = file;
    this._postRenderAction = PostRenderAction.NONE;
    this._includeSourceXMP = false;
    this._removed = false;
  }
  get name() {
    return this._template;
  }
  get templates() {
    return Object.keys(OM_TEMPLATES);
  }
  get file() {
    return this._file;
  }
  set file(f) {
    this._rq._checkEditable('set "file"');
    const F = this._env.File;
    if (!(f instanceof F)) throw err(this, 'Unable to set "file". Value is not a File.');
    this._file = new F(f.fsName);
    this._rq._updateStatus();
    this._rq._project._touch("OutputModule.file");
  }
  get postRenderAction() {
    return this._postRenderAction;
  }
  set postRenderAction(v) {
    this._postRenderAction = v;
  }
  get includeSourceXMP() {
    return this._includeSourceXMP;
  }
  set includeSourceXMP(v) {
    this._includeSourceXMP = requireBool(this, "includeSourceXMP", v);
  }
  _ext() {
    return OM_TEMPLATES[this._template];
  }
  applyTemplate(name) {
    checkArgs(this, "applyTemplate", arguments, 1);
    if (!(name in OM_TEMPLATES)) throw aeError(this, 'No output module template named "' + name + '".');
    this._rq._checkEditable("apply a template");
    this._template = name;
    if (this._file) {
      const p = this._file.fsName;
      const dir = path.dirname(p);
      let base = path.basename(p).replace(/_?\[#+\]\.[^.]+$/, "").replace(/\.[^.]+$/, "");
      this._file = new this._env.File(path.join(dir, base + this._ext()));
    }
    this._rq._project._touch("OutputModule.applyTemplate");
  }
  saveAsTemplate(name) {
    OM_TEMPLATES[name] = this._ext();
  }
  remove() {
    this._rq._checkEditable("remove an output module");
    if (this._rq._oms.length === 1) throw aeError(this, "Can not remove the last output module of a render queue item.");
    this._rq._oms.splice(this._rq._oms.indexOf(this), 1);
    this._removed = true;
    this._rq._project._touch("OutputModule.remove");
  }
  _settings() {
    const f = this._file;
    return {
      "Output File Info": {
        "Base Path": f ? path.dirname(f.fsName) : "",
        "File Name": f ? path.basename(f.fsName) : "",
        "Full Flat Path": f ? f.fsName : "",
        "File Template": f ? path.basename(f.fsName) : "",
        "Subfolder Path": "",
      },
      Format: /png/.test(this._ext()) ? "PNG Sequence" : /exr/.test(this._ext()) ? "OpenEXR" : /tif/.test(this._ext()) ? "TIFF Sequence" : /mp4/.test(this._ext()) ? "H.264" : "QuickTime",
      "Output Audio": this._rq._comp.hasAudio ? "On" : "Off",
      "Post-Render Action": "None",
      Channels: "RGB",
      Depth: "Millions of Colors",
      Resize: false,
      Crop: false,
    };
  }
  getSettings(_format) {
    return this._settings();
  }
  getSetting(key) {
    const s = this._settings();
    return key in s ? s[key] : undefined;
  }
  setSettings(obj) {
    checkArgs(this, "setSettings", arguments, 1);
    this._rq._checkEditable("set output module settings");
    const info = obj && obj["Output File Info"];
    if (info) {
      const cur = this._settings()["Output File Info"];
      if (info["Full Flat Path"]) {
        this._file = new this._env.File(String(info["Full Flat Path"]));
      } else {
        const base = info["Base Path"] !== undefined ? String(info["Base Path"]) : cur["Base Path"];
        let name = info["File Name"] !== undefined ? String(info["File Name"]) : info["File Template"] !== undefined ? String(info["File Template"]) : cur["File Name"];
        if (!path.extname(name)) name += this._ext();
        this._file = new this._env.File(path.join(base, name));
      }
      this._rq._updateStatus();
    }
    this._rq._project._touch("OutputModule.setSettings");
  }
  setSetting(key, value) {
    const o = {};
    o[key] = value;
    this.setSettings(o);
  }
}

// The output path of a duplicated render-queue item: After Effects gives the copy a new file
// name so the two items don't write the same files (the Scripting Guide doesn't document the
// rule; modelled as "_1" before the extension, or before a "_[####]" frame pattern).
function duplicateOutputPath(p) {
  const dir = path.dirname(p);
  const base = path.basename(p);
  const m = /^(.*?)(_?\[#+\])?(\.[^.]*)?$/.exec(base);
  return path.join(dir, m[1] + "_1" + (m[2] || "") + (m[3] || ""));
}

class RenderQueueItem {
  static {
    installStatusCallbacks(this);
  }
  constructor(token, rqueue, comp) {
    guard(token, "RenderQueueItem");
    this._rqueue = rqueue;
    this._project = rqueue._project;
    this._env = rqueue._env;
    this._comp = comp;
    this._render = true;
    this._status = RQItemStatus.QUEUED;
    this._startTime = null;
    this._elapsed = null;
    this._timeSpanStart = comp._workAreaStart;
    this._timeSpanDuration = comp._workAreaDuration;
    this._skipFrames = 0;
    this._logType = LogType.ERRORS_ONLY;
    this._template = "Best Settings";
    this._notify = false;
    this._removed = false;
    this._oms = [new OutputModule(INTERNAL, this, rqueue._defaultOutputFile(comp, OM_TEMPLATES["High Quality"]))];
    this._omColl = indexable(new OMCollection(INTERNAL, this));
    this._updateStatus();
  }
  _checkEditable(what) {
    if (this._status === RQItemStatus.DONE) throw aeError(this, "Can not " + what + " of a render queue item that has already been rendered (status DONE). Duplicate it first.");
    if (this._status === RQItemStatus.RENDERING || this._rqueue._rendering) throw aeError(this, "Can not " + what + " while rendering.");
  }
  _updateStatus() {
    if (this._status === RQItemStatus.DONE || this._status === RQItemStatus.RENDERING) return;
    if (this._oms.some((om) => !om._file)) this._status = RQItemStatus.NEEDS_OUTPUT;
    else this._status = this._render ? RQItemStatus.QUEUED : RQItemStatus.UNQUEUED;
  }
  get comp() {
    return this._comp;
  }
  get status() {
    return this._status;
  }
  get render() {
    return this._render;
  }
  set render(v) {
    requireBool(this, "render", v);
    if (this._status === RQItemStatus.DONE || this._status === RQItemStatus.RENDERING) {
      throw aeError(this, 'Unable to set "render". The render queue item has status ' + (this._status === RQItemStatus.DONE ? "DONE" : "RENDERING") + ".");
    }
    this._render = v;
    this._updateStatus();
    this._project._touch("RenderQueueItem.render");
  }
  get numOutputModules() {
    return this._oms.length;
  }
  get outputModules() {
    return this._omColl;
  }
  outputModule(i) {
    checkArgs(this, "outputModule", arguments, 1);
    if (typeof i !== "number" || i < 1 || i > this._oms.length) throw aeError(this, "Output module index " + i + " out of range 1 to " + this._oms.length + ".");
    return this._oms[i - 1];
  }
  get startTime() {
    return this._startTime;
  }
  get elapsedSeconds() {
    return this._elapsed;
  }
  get templates() {
    return RS_TEMPLATES.slice();
  }
  get timeSpanStart() {
    return this._timeSpanStart;
  }
  set timeSpanStart(v) {
    this._checkEditable('set "timeSpanStart"');
    this._timeSpanStart = requireNumber(this, "timeSpanStart", v, 0, this._comp._duration);
    this._project._touch("RenderQueueItem.timeSpanStart");
  }
  get timeSpanDuration() {
    return this._timeSpanDuration;
  }
  set timeSpanDuration(v) {
    this._checkEditable('set "timeSpanDuration"');
    this._timeSpanDuration = requireNumber(this, "timeSpanDuration", v, 0, this._comp._duration);
    this._project._touch("RenderQueueItem.timeSpanDuration");
  }
  get skipFrames() {
    return this._skipFrames;
  }
  set skipFrames(v) {
    this._skipFrames = requireInt(this, "skipFrames", v, 0, 99);
  }
  get logType() {
    return this._logType;
  }
  set logType(v) {
    this._logType = v;
  }
  get queueItemNotify() {
    return this._notify;
  }
  set queueItemNotify(v) {
    this._notify = requireBool(this, "queueItemNotify", v);
  }
  get onStatus() {
    return null;
  }
  applyTemplate(name) {
    if (!RS_TEMPLATES.includes(name)) throw aeError(this, 'No render settings template named "' + name + '".');
    this._template = name;
  }
  saveAsTemplate(name) {
    RS_TEMPLATES.push(String(name));
  }
  getSettings(_format) {
    return {
      "Time Span Start": String(this._timeSpanStart),
      "Time Span Duration": String(this._timeSpanDuration),
      "Frame Rate": String(this._comp._frameRate),
      Quality: "Best",
      Resolution: "Full",
      "Skip Existing Files": false,
      Template: this._template,
    };
  }
  getSetting(key) {
    return this.getSettings()[key];
  }
  setSettings(obj) {
    this._checkEditable("change render settings");
    if (obj && obj["Time Span Start"] !== undefined) this._timeSpanStart = Number(obj["Time Span Start"]);
    if (obj && obj["Time Span Duration"] !== undefined) this._timeSpanDuration = Number(obj["Time Span Duration"]);
    this._project._touch("RenderQueueItem.setSettings");
  }
  setSetting(key, value) {
    const o = {};
    o[key] = value;
    this.setSettings(o);
  }
  remove() {
    if (this._status === RQItemStatus.RENDERING || this._rqueue._rendering) throw aeError(this, "Can not remove a render queue item while rendering.");
    this._rqueue._items.splice(this._rqueue._items.indexOf(this), 1);
    this._removed = true;
    this._project._touch("RenderQueueItem.remove");
  }
  duplicate() {
    this._rqueue._checkIdle();
    const d = new RenderQueueItem(INTERNAL, this._rqueue, this._comp);
    d._timeSpanStart = this._timeSpanStart;
    d._timeSpanDuration = this._timeSpanDuration;
    d._template = this._template;
    d._oms = this._oms.map((om) => {
      const c = new OutputModule(INTERNAL, d, om._file ? new this._env.File(duplicateOutputPath(om._file.fsName)) : null);
      c._template = om._template;
      return c;
    });
    d._status = RQItemStatus.QUEUED;
    d._render = true;
    d._updateStatus();
    this._rqueue._items.push(d);
    this._project._touch("RenderQueueItem.duplicate");
    return d;
  }
}

class RenderQueue {
  constructor(token, project) {
    guard(token, "RenderQueue");
    this._project = project;
    this._env = project._env;
    this._items = [];
    this._rendering = false;
    this._notify = false;
    this._itemsColl = indexable(new RQItemCollection(INTERNAL, this));
  }
  _checkIdle() {
    if (this._rendering) throw aeError(this, "Can not change the render queue while rendering.");
  }
  _defaultOutputFile(comp, ext) {
    const f = this._project._file;
    const dir = f ? path.dirname(f.fsName) : this._env.options.defaultOutputDir;
    return new this._env.File(path.join(dir, comp._name.replace(/[\\/:*?"<>|]/g, "_") + ext));
  }
  get rendering() {
    return this._rendering;
  }
  get numItems() {
    return this._items.length;
  }
  get items() {
    return this._itemsColl;
  }
  get canQueueInAME() {
    return false;
  }
  get queueNotify() {
    return this._notify;
  }
  set queueNotify(v) {
    this._notify = requireBool(this, "queueNotify", v);
  }
  item(i) {
    checkArgs(this, "item", arguments, 1);
    if (typeof i !== "number" || i < 1 || i > this._items.length) throw aeError(this, "Render queue item index " + i + " out of range 1 to " + this._items.length + ".");
    return this._items[i - 1];
  }
  showWindow(_doShow) {}
  pauseRendering(_pause) {}
  stopRendering() {}
  queueInAME(_now) {
    throw aeError(this, "Adobe Media Encoder is not installed.");
  }
  render() {
    this._checkIdle();
    const sim = this._env.sim;
    const queued = this._items.filter((it) => it._render && it._status === RQItemStatus.QUEUED);
    if (queued.length === 0) {
      if (this._items.some((it) => it._status === RQItemStatus.NEEDS_OUTPUT)) {
        throw aeError(this, "Can not render: a render queue item needs an output file.");
      }
      throw aeError(this, "Can not render: there are no queued items in the Render Queue.");
    }
    this._rendering = true;
    try {
      for (const it of queued) {
        it._status = RQItemStatus.RENDERING;
        notifyStatus(it);
        it._startTime = new Date();
        const t0 = Date.now();
        const comp = it._comp;
        const fps = comp._frameRate;
        const first = Math.round(comp.displayStartFrame + it._timeSpanStart * fps);
        const count = Math.max(1, Math.round(it._timeSpanDuration * fps));
        let failed = false;
        for (const om of it._oms) {
          const target = om._file.fsName;
          const dir = path.dirname(target);
          if (!fs.existsSync(dir)) {
            failed = true;
            sim.renderLog.push({ comp: comp._name, error: "Output folder does not exist: " + dir });
            continue;
          }
          const m = /\[(#+)\]/.exec(path.basename(target));
          const files = [];
          if (m) {
            for (let f = 0; f < count; f += 1 + it._skipFrames) {
              const n = String(first + f).padStart(m[1].length, "0");
              files.push(path.join(dir, path.basename(target).replace(m[0], n)));
            }
          } else {
            files.push(target);
          }
          for (const out of files) {
            fs.writeFileSync(out, "AERPC-SIM RENDER\ncomp=" + comp._name + "\nsize=" + comp._width + "x" + comp._height + "\nfps=" + fps + "\nframes=" + count + "\n");
          }
          sim.counters.filesRendered += files.length;
          sim.renderLog.push({ comp: comp._name, files });
        }
        it._elapsed = Math.round((Date.now() - t0) / 1000);
        it._status = failed ? RQItemStatus.ERR_STOPPED : RQItemStatus.DONE;
        notifyStatus(it);
      }
    } finally {
      this._rendering = false;
    }
    sim.counters.renders += 1;
    this._project._touch("RenderQueue.render");
  }
}

module.exports = { OutputModule, RenderQueueItem, RenderQueue };
