"use strict";
// Saving and opening simulated projects.
//
// A simulated .aep file is a JSON document (format "aerpc-simulated-aep") that
// holds everything the simulator models: items with their ids, folders, comps
// with layers and transform keyframes, footage sources, the render queue, the
// XMP packet and project settings. Opening it restores the same ids, as After
// Effects does for a saved project.

const fs = require("fs");
const { INTERNAL, classes, enums } = require("./dom");

const FORMAT = "aerpc-simulated-aep";

function dumpProps(layer) {
  return layer._transform._children.map((p) => ({
    m: p._matchName,
    v: p._value,
    k: p._keys.length ? p._keys.map((k) => [k.time, k.value]) : undefined,
    e: p._expression || undefined,
  }));
}

function serialize(project) {
  const items = [];
  const walk = (folder) => {
    for (const it of folder._children) {
      const rec = { id: it._id, name: it._name, parent: folder === project._root ? null : folder._id, label: it._label, comment: it._comment || undefined, selected: it._selected || undefined };
      if (it instanceof classes.FolderItem) {
        rec.type = "folder";
        items.push(rec);
        walk(it);
        continue;
      }
      if (it instanceof classes.CompItem) {
        rec.type = "comp";
        Object.assign(rec, {
          width: it._width,
          height: it._height,
          pixelAspect: it._pixelAspect,
          duration: it._duration,
          frameRate: it._frameRate,
          displayStartTime: it._displayStartTime,
          workAreaStart: it._workAreaStart,
          workAreaDuration: it._workAreaDuration,
          bgColor: it._bgColor,
          flags: it._flags,
        });
        rec.layers = it._layers.map((l) => ({
          id: l._id,
          cls: l.constructor.name,
          source: l._source ? l._source._id : null,
          name: l._nameSet,
          text: l._text,
          parent: l._parentLayer ? l._parentLayer._id : null,
          startTime: l._startTime,
          inPoint: l._inPoint,
          outPoint: l._outPoint,
          stretch: l._stretch,
          enabled: l._enabled,
          locked: l._locked || undefined,
          shy: l._shy || undefined,
          solo: l._solo || undefined,
          label: l._label,
          null: l._null || undefined,
          adjustment: l._adjustment || undefined,
          threeD: l._threeD || undefined,
          audioEnabled: l._audioEnabled,
          transform: dumpProps(l),
        }));
      } else {
        const src = it._source;
        rec.type = it instanceof classes.PlaceholderItem ? "placeholder" : "footage";
        rec.source = {
          kind: src._kind,
          path: src._kind === "file" ? src._fileObj.fsName : undefined,
          color: src._color,
          conform: src._conform,
          info: src._info,
        };
      }
      items.push(rec);
    }
  };
  walk(project._root);
  return {
    format: FORMAT,
    version: 1,
    app: project._env.options.version,
    rootId: project._root._id,
    nextId: project._nextId,
    bitsPerChannel: project._bitsPerChannel,
    displayStartFrame: project._displayStartFrame,
    settings: project._settings,
    xmp: project._xmp,
    items,
    renderQueue: project._renderQueue._items.map((rq) => ({
      comp: rq._comp._id,
      render: rq._render,
      status: rq._status,
      timeSpanStart: rq._timeSpanStart,
      timeSpanDuration: rq._timeSpanDuration,
      template: rq._template,
      outputModules: rq._oms.map((om) => ({ template: om._template, file: om._file ? om._file.fsName : null })),
    })),
  };
}

function write(project, fsPath) {
  fs.writeFileSync(fsPath, JSON.stringify(serialize(project), null, 1));
}

function read(app, fsPath, makeError) {
  let data;
  try {
    data = JSON.parse(fs.readFileSync(fsPath, "utf8"));
  } catch (_e) {
    data = null;
  }
  if (!data || data.format !== FORMAT) {
    throw makeError('After Effects error: "' + fsPath + '" is not a project file this (simulated) After Effects can open, or it is damaged.');
  }
  return data;
}

// Build a Project from `data`. With `into` (a FolderItem of an existing project)
// the items are imported there with fresh ids (File > Import of a project).
function materialize(app, data, into) {
  const env = app._env;
  const project = into ? into._project : new classes.Project(INTERNAL, app);
  const File = env.File;
  const byOldId = new Map();
  if (!into) {
    project._root._id = data.rootId;
    project._nextId = data.nextId;
    project._bitsPerChannel = data.bitsPerChannel;
    project._displayStartFrame = data.displayStartFrame;
    Object.assign(project._settings, data.settings || {});
    project._xmp = data.xmp;
  }
  const place = (item, rec) => {
    if (!into) {
      item._id = rec.id;
    }
    byOldId.set(rec.id, item);
    const parent = rec.parent === null ? into || project._root : byOldId.get(rec.parent);
    item._parent = parent;
    parent._children.push(item);
    project._itemMap.set(item._id, item);
    item._label = rec.label;
    item._comment = rec.comment || "";
    item._selected = !into && !!rec.selected;
  };
  for (const rec of data.items) {
    let item;
    if (rec.type === "folder") item = new classes.FolderItem(INTERNAL, project, rec.name);
    else if (rec.type === "comp") {
      item = new classes.CompItem(INTERNAL, project, rec.name, rec.width, rec.height, rec.pixelAspect, rec.duration, rec.frameRate);
      Object.assign(item, {
        _displayStartTime: rec.displayStartTime,
        _workAreaStart: rec.workAreaStart,
        _workAreaDuration: rec.workAreaDuration,
        _bgColor: rec.bgColor,
        _flags: Object.assign({}, rec.flags),
      });
    } else {
      const s = rec.source;
      const fake = { _env: env };
      let src;
      if (s.kind === "file") src = new classes.FileSource(INTERNAL, fake, "file", { _fileObj: new File(s.path), _info: s.info, _conform: s.conform || 0 });
      else if (s.kind === "solid") src = new classes.SolidSource(INTERNAL, fake, "solid", { _color: s.color, _info: s.info });
      else src = new classes.PlaceholderSource(INTERNAL, fake, "placeholder", { _info: s.info });
      const Cls = rec.type === "placeholder" ? classes.PlaceholderItem : classes.FootageItem;
      item = new Cls(INTERNAL, project, rec.name, src);
    }
    place(item, rec);
  }
  // layers, after every item exists
  const layerById = new Map();
  const pendingParents = [];
  for (const rec of data.items) {
    if (rec.type !== "comp") continue;
    const comp = byOldId.get(rec.id);
    for (const lr of rec.layers) {
      const source = lr.source === null ? null : byOldId.get(lr.source);
      let layer;
      switch (lr.cls) {
        case "TextLayer":
          layer = new classes.TextLayer(INTERNAL, comp, lr.text || "");
          break;
        case "ShapeLayer":
          layer = new classes.ShapeLayer(INTERNAL, comp);
          break;
        case "CameraLayer":
          layer = new classes.CameraLayer(INTERNAL, comp, lr.name || "Camera");
          break;
        case "LightLayer":
          layer = new classes.LightLayer(INTERNAL, comp, lr.name || "Light");
          break;
        default:
          layer = new classes.AVLayer(INTERNAL, comp, source);
      }
      if (!into) layer._id = lr.id;
      Object.assign(layer, {
        _nameSet: lr.name,
        _startTime: lr.startTime,
        _inPoint: lr.inPoint,
        _outPoint: lr.outPoint,
        _stretch: lr.stretch,
        _enabled: lr.enabled,
        _locked: !!lr.locked,
        _shy: !!lr.shy,
        _solo: !!lr.solo,
        _label: lr.label,
        _null: !!lr.null,
        _adjustment: !!lr.adjustment,
        _threeD: !!lr.threeD,
        _audioEnabled: lr.audioEnabled !== false,
      });
      for (const p of lr.transform || []) {
        const prop = layer._transform._prop(p.m);
        if (!prop) continue;
        prop._value = p.v;
        prop._keys = (p.k || []).map((k) => ({ time: k[0], value: k[1] }));
        prop._expression = p.e || "";
        prop._expressionEnabled = !!p.e;
      }
      comp._layers.push(layer);
      layerById.set(lr.id, layer);
      if (lr.parent !== null) pendingParents.push([layer, lr.parent]);
    }
  }
  for (const [layer, pid] of pendingParents) layer._parentLayer = layerById.get(pid) || null;
  if (!into) {
    for (const r of data.renderQueue || []) {
      const comp = byOldId.get(r.comp);
      if (!comp) continue;
      const rq = new classes.RenderQueueItem(INTERNAL, project._renderQueue, comp);
      rq._render = r.render;
      rq._status = r.status;
      rq._timeSpanStart = r.timeSpanStart;
      rq._timeSpanDuration = r.timeSpanDuration;
      rq._template = r.template;
      rq._oms = r.outputModules.map((o) => {
        const om = new classes.OutputModule(INTERNAL, rq, o.file ? new File(o.file) : null);
        om._template = o.template;
        return om;
      });
      project._renderQueue._items.push(rq);
    }
  }
  project._structChanged();
  return project;
}

module.exports = { FORMAT, serialize, write, read, materialize, enums };
