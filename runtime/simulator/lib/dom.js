"use strict";
// The simulated After Effects scripting DOM: Application, Project, items,
// layers, properties and the render queue.
//
// It follows the After Effects Scripting Guide: collections are 1-based and
// indexable (`items[i]`, `layers[i]`), `app.project.items` lists every item
// sorted by name (so indexes move when items are added or renamed), ids are
// unique integers, read-only attributes throw when assigned, removed objects
// become invalid (any use throws), and values are range-checked the way After
// Effects checks them. Every DOM method call and setter is counted in
// `sim.calls`, and every change to the project is counted as a mutation, with
// a separate count of mutations made while no undo group was open.

const fs = require("fs");
const path = require("path");
const media = require("./media");
const { installStatusCallbacks, notifyStatus } = require("./render-status");

const INTERNAL = Symbol("aerpc.sim.internal");

// ---------------------------------------------------------------- enums

const CloseOptions = Object.freeze({ DO_NOT_SAVE_CHANGES: 1212, PROMPT_TO_SAVE_CHANGES: 1213, SAVE_CHANGES: 1214 });
const ImportAsType = Object.freeze({ COMP_CROPPED_LAYERS: 3812, FOOTAGE: 3813, COMP: 3814, PROJECT: 3815 });
const RQItemStatus = Object.freeze({
  WILL_CONTINUE: 3012,
  NEEDS_OUTPUT: 3013,
  UNQUEUED: 3014,
  QUEUED: 3015,
  RENDERING: 3016,
  USER_STOPPED: 3017,
  ERR_STOPPED: 3018,
  DONE: 3019,
});
const PostRenderAction = Object.freeze({ NONE: 3612, IMPORT: 3613, IMPORT_AND_REPLACE_USAGE: 3614, SET_PROXY: 3615 });
const GetSettingsFormat = Object.freeze({ STRING: 5212, STRING_SETTABLE: 5213, NUMBER: 5214, NUMBER_SETTABLE: 5215, SPEC: 5216 });
const LogType = Object.freeze({ ERRORS_ONLY: 3212, ERRORS_AND_SETTINGS: 3213, ERRORS_AND_PER_FRAME_INFO: 3214 });
const PropertyType = Object.freeze({ PROPERTY: 6812, INDEXED_GROUP: 6813, NAMED_GROUP: 6814 });
const PropertyValueType = Object.freeze({ NO_VALUE: 6412, ThreeD_SPATIAL: 6413, ThreeD: 6414, TwoD_SPATIAL: 6415, TwoD: 6416, OneD: 6417, COLOR: 6418 });
const BlendingMode = Object.freeze({ NORMAL: 5212, ADD: 5220, MULTIPLY: 5216, SCREEN: 5219 });
const TrackMatteType = Object.freeze({ NO_TRACK_MATTE: 5012, ALPHA: 5013, ALPHA_INVERTED: 5014, LUMA: 5015, LUMA_INVERTED: 5016 });
const LayerQuality = Object.freeze({ WIREFRAME: 4612, DRAFT: 4613, BEST: 4614 });
const FramesCountType = Object.freeze({ FC_START_0: 2612, FC_START_1: 2613, FC_TIMECODE_CONVERSION: 2614 });
const LightType = Object.freeze({ PARALLEL: 4412, SPOT: 4413, POINT: 4414, AMBIENT: 4415 });

// Output module templates and the file extension each writes.
const OM_TEMPLATES = {
  "High Quality": ".mov",
  "High Quality with Alpha": ".mov",
  Lossless: ".mov",
  "Lossless with Alpha": ".mov",
  "H.264 - Match Render Settings - 15 Mbps": ".mp4",
  "PNG Sequence": "_[#####].png",
  "TIFF Sequence with Alpha": "_[#####].tif",
  "OpenEXR Sequence": "_[#####].exr",
  "AIFF 48kHz": ".aif",
  "WAV 48kHz": ".wav",
};
const RS_TEMPLATES = ["Best Settings", "Current Settings", "Draft Settings", "Multi-Machine Settings", "DV Settings"];

// ---------------------------------------------------------------- helpers

function err(owner, msg) {
  const env = owner && owner._env;
  if (env && env.makeError) return env.makeError(msg);
  return new Error(msg);
}

function aeError(owner, msg) {
  return err(owner, "After Effects error: " + msg);
}

function requireNumber(owner, attr, v, min, max) {
  if (typeof v !== "number" || isNaN(v)) {
    throw err(owner, 'Unable to set "' + attr + '". Value is not a number.');
  }
  if ((min !== undefined && v < min) || (max !== undefined && v > max)) {
    throw aeError(owner, 'Value ' + v + ' out of range ' + min + " to " + max + ' for "' + attr + '".');
  }
  return v;
}

function requireInt(owner, attr, v, min, max) {
  requireNumber(owner, attr, v, min, max);
  if (Math.floor(v) !== v) throw aeError(owner, 'Unable to set "' + attr + '". Value ' + v + " is not an integer.");
  return v;
}

function requireString(owner, attr, v) {
  if (typeof v !== "string") throw err(owner, 'Unable to set "' + attr + '". Value is not a string.');
  return v;
}

function requireBool(owner, attr, v) {
  if (typeof v !== "boolean") throw err(owner, 'Unable to set "' + attr + '". Value is not a boolean.');
  return v;
}

function checkArgs(owner, method, args, n) {
  if (args.length < n) {
    throw err(owner, "Function " + method + " requires " + n + " argument" + (n === 1 ? "" : "s") + ", got " + args.length + ".");
  }
}

function isArrayLike(v) {
  return Array.isArray(v);
}

function frameOf(t, fps) {
  return Math.round(t * fps * 1e6) / 1e6;
}

function nameCompare(a, b) {
  const x = a._name.toLowerCase();
  const y = b._name.toLowerCase();
  if (x < y) return -1;
  if (x > y) return 1;
  return a._id - b._id;
}

// Wrap every public member of a class so that (1) using an object after it was
// removed throws "Object is invalid", (2) read-only attributes throw on assignment,
// and (3) method calls and setters are counted in sim.calls.
function instrument(cls, label) {
  const proto = cls.prototype;
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key === "constructor" || key.startsWith("_")) continue;
    const d = Object.getOwnPropertyDescriptor(proto, key);
    if (typeof d.value === "function") {
      const fn = d.value;
      const name = label + "." + key;
      Object.defineProperty(proto, key, {
        configurable: true,
        writable: true,
        value: function (...args) {
          if (this._removed) throw err(this, "Object is invalid");
          if (this._env) this._env.sim.count(name);
          return fn.apply(this, args);
        },
      });
    } else if (d.get) {
      const getter = d.get;
      const setter = d.set;
      const name = label + "." + key + "=";
      Object.defineProperty(proto, key, {
        configurable: true,
        get() {
          if (this._removed) throw err(this, "Object is invalid");
          return getter.call(this);
        },
        set(v) {
          if (this._removed) throw err(this, "Object is invalid");
          if (!setter) throw err(this, 'Unable to set "' + key + '". It is a read-only attribute.');
          if (this._env) this._env.sim.count(name);
          setter.call(this, v);
        },
      });
    }
  }
}

function guard(token, what) {
  if (token !== INTERNAL) throw new TypeError(what + " does not have a constructor");
}

// An indexable 1-based collection: target[i] calls target._at(i).
function indexable(target) {
  return new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key === "string" && /^[0-9]+$/.test(key)) return t._at(Number(key));
      return Reflect.get(t, key, receiver);
    },
    has(t, key) {
      if (typeof key === "string" && /^[0-9]+$/.test(key)) {
        const n = Number(key);
        return n >= 1 && n <= t.length;
      }
      return Reflect.has(t, key);
    },
    set(t, key, v, receiver) {
      if (typeof key === "string" && /^[0-9]+$/.test(key)) throw err(t, "Collection is read-only");
      return Reflect.set(t, key, v, receiver);
    },
  });
}

// ---------------------------------------------------------------- collections

class Collection {
  constructor(token) {
    guard(token, "Collection");
  }
}

class ItemCollection extends Collection {
  constructor(token, project, folder, all) {
    super(token);
    this._project = project;
    this._env = project._env;
    this._folder = folder;
    this._all = all;
  }
  _list() {
    return this._all ? this._project._sortedItems() : this._folder._sortedChildren();
  }
  get length() {
    return this._list().length;
  }
  _at(i) {
    const list = this._list();
    if (i < 1 || i > list.length) return undefined;
    return list[i - 1];
  }
  addComp(name, width, height, pixelAspect, duration, frameRate) {
    checkArgs(this, "addComp", arguments, 6);
    return this._project._addComp(this._folder, name, width, height, pixelAspect, duration, frameRate);
  }
  addFolder(name) {
    checkArgs(this, "addFolder", arguments, 1);
    const f = new FolderItem(INTERNAL, this._project, requireString(this, "name", name));
    this._project._register(f, this._folder);
    return f;
  }
}

class LayerCollection extends Collection {
  constructor(token, comp) {
    super(token);
    this._comp = comp;
    this._env = comp._env;
  }
  get length() {
    return this._comp._layers.length;
  }
  _at(i) {
    return this._comp._layers[i - 1];
  }
  add(item, duration) {
    checkArgs(this, "add", arguments, 1);
    if (!(item instanceof AVItem)) throw aeError(this, "Unable to call \"add\" because of parameter 1. Value is not an AVItem.");
    if (item._removed) throw err(this, "Object is invalid");
    if (item instanceof CompItem && (item === this._comp || item._containsComp(this._comp))) {
      throw aeError(this, "Can't add a composition to itself (circular reference).");
    }
    const layer = new AVLayer(INTERNAL, this._comp, item);
    if (duration !== undefined && (item instanceof FootageItem && item._info().isStill)) {
      layer._outPoint = layer._inPoint + requireNumber(this, "duration", duration, 0, 10800);
    }
    return this._comp._insertLayer(layer);
  }
  addNull(duration) {
    const solid = this._comp._project._solidFootage("Null " + (this._comp._countLayers((l) => l._null) + 1), [1, 1, 1], 100, 100);
    const layer = new AVLayer(INTERNAL, this._comp, solid);
    layer._null = true;
    if (duration !== undefined) layer._outPoint = requireNumber(this, "duration", duration, 0, 10800);
    return this._comp._insertLayer(layer);
  }
  addSolid(color, name, width, height, pixelAspect, duration) {
    checkArgs(this, "addSolid", arguments, 5);
    if (!isArrayLike(color) || color.length !== 3) throw err(this, 'Unable to call "addSolid" because of parameter 1. Value is not an array of 3 numbers.');
    requireInt(this, "width", width, 4, 30000);
    requireInt(this, "height", height, 4, 30000);
    requireNumber(this, "pixelAspect", pixelAspect, 0.01, 100);
    const solid = this._comp._project._solidFootage(requireString(this, "name", name), color, width, height, pixelAspect);
    const layer = new AVLayer(INTERNAL, this._comp, solid);
    if (duration !== undefined) layer._outPoint = requireNumber(this, "duration", duration, 0, 10800);
    return this._comp._insertLayer(layer);
  }
  addText(sourceText) {
    const layer = new TextLayer(INTERNAL, this._comp, sourceText === undefined ? "" : String(sourceText));
    return this._comp._insertLayer(layer);
  }
  addBoxText(size, sourceText) {
    checkArgs(this, "addBoxText", arguments, 1);
    return this.addText(sourceText);
  }
  addShape() {
    return this._comp._insertLayer(new ShapeLayer(INTERNAL, this._comp));
  }
  addCamera(name, centerPoint) {
    checkArgs(this, "addCamera", arguments, 2);
    const layer = new CameraLayer(INTERNAL, this._comp, requireString(this, "name", name));
    layer._transform._prop("ADBE Position")._value = [centerPoint[0], centerPoint[1], -2666.7];
    return this._comp._insertLayer(layer);
  }
  addLight(name, centerPoint) {
    checkArgs(this, "addLight", arguments, 2);
    const layer = new LightLayer(INTERNAL, this._comp, requireString(this, "name", name));
    layer._transform._prop("ADBE Position")._value = [centerPoint[0], centerPoint[1], -444.4];
    return this._comp._insertLayer(layer);
  }
  byName(name) {
    for (const l of this._comp._layers) if (l._name() === name) return l;
    return null;
  }
  precompose(layerIndices, name, moveAllAttributes) {
    checkArgs(this, "precompose", arguments, 2);
    const comp = this._comp;
    const picked = [];
    for (const i of layerIndices) {
      const l = comp._layers[i - 1];
      if (!l) throw aeError(this, "Layer index " + i + " out of range.");
      picked.push(l);
    }
    const project = comp._project;
    const inner = project._addComp(comp._parent, name, comp._width, comp._height, comp._pixelAspect, comp._duration, comp._frameRate);
    const topIndex = Math.min(...picked.map((l) => l._index()));
    for (const l of picked) {
      comp._layers.splice(comp._layers.indexOf(l), 1);
      l._comp = inner;
      if (l._parentLayer && !picked.includes(l._parentLayer)) l._parentLayer = null;
      inner._layers.push(l);
    }
    for (const l of comp._layers) if (picked.includes(l._parentLayer)) l._parentLayer = null;
    const layer = new AVLayer(INTERNAL, comp, inner);
    comp._layers.splice(topIndex - 1, 0, layer);
    project._touch("LayerCollection.precompose");
    void moveAllAttributes;
    return inner;
  }
}

class OMCollection extends Collection {
  constructor(token, rqItem) {
    super(token);
    this._rq = rqItem;
    this._env = rqItem._env;
  }
  get length() {
    return this._rq._oms.length;
  }
  _at(i) {
    return this._rq._oms[i - 1];
  }
  add() {
    this._rq._checkEditable("add an output module");
    const om = new OutputModule(INTERNAL, this._rq, this._rq._oms[0] ? this._rq._oms[0]._file : null);
    this._rq._oms.push(om);
    this._rq._project._touch("OMCollection.add");
    return om;
  }
}

class RQItemCollection extends Collection {
  constructor(token, rq) {
    super(token);
    this._rqueue = rq;
    this._env = rq._env;
  }
  get length() {
    return this._rqueue._items.length;
  }
  _at(i) {
    return this._rqueue._items[i - 1];
  }
  add(comp) {
    checkArgs(this, "add", arguments, 1);
    if (!(comp instanceof CompItem)) throw aeError(this, 'Unable to call "add" because of parameter 1. Value is not a CompItem.');
    if (comp._removed) throw err(this, "Object is invalid");
    this._rqueue._checkIdle();
    const item = new RenderQueueItem(INTERNAL, this._rqueue, comp);
    this._rqueue._items.push(item);
    comp._project._touch("RQItemCollection.add");
    return item;
  }
}

// ---------------------------------------------------------------- properties

class PropertyBase {
  constructor(token, owner, matchName, name) {
    guard(token, "PropertyBase");
    this._owner = owner;
    this._env = owner._env;
    this._matchName = matchName;
    this._displayName = name;
    this._enabled = true;
    this._selected = false;
  }
  _layer() {
    let o = this._owner;
    while (o && !(o instanceof Layer)) o = o._owner;
    return o;
  }
  get matchName() {
    return this._matchName;
  }
  get name() {
    return this._displayName;
  }
  set name(v) {
    throw err(this, 'Unable to set "name". The property name can not be changed.');
  }
  get parentProperty() {
    return this._owner;
  }
  get propertyDepth() {
    let d = 0;
    let o = this._owner;
    while (o && !(o instanceof Layer)) {
      d += 1;
      o = o._owner;
    }
    return d + 1;
  }
  get propertyIndex() {
    const siblings = this._owner._children || [];
    return siblings.indexOf(this) + 1;
  }
  get enabled() {
    return this._enabled;
  }
  set enabled(v) {
    this._enabled = requireBool(this, "enabled", v);
  }
  get selected() {
    return this._selected;
  }
  set selected(v) {
    this._selected = requireBool(this, "selected", v);
  }
  get active() {
    return this._enabled;
  }
  get isModified() {
    return false;
  }
  get canSetEnabled() {
    return false;
  }
  get elided() {
    return false;
  }
  get isEffect() {
    return false;
  }
  get isMask() {
    return false;
  }
  propertyGroup(countUp) {
    let o = this._owner;
    for (let i = 1; i < (countUp || 1); i++) o = o._owner;
    return o;
  }
  property(key) {
    if (!this._children) return null;
    if (typeof key === "number") return this._children[key - 1] || null;
    for (const c of this._children) if (c._matchName === key || c._displayName === key) return c;
    for (const c of this._children) for (const f of c._followers || []) if (f._matchName === key || f._displayName === key) return f;
    return null;
  }
}

class PropertyGroup extends PropertyBase {
  constructor(token, owner, matchName, name) {
    super(token, owner, matchName, name);
    this._children = [];
  }
  _prop(matchName) {
    for (const c of this._children) if (c._matchName === matchName) return c;
    return null;
  }
  get numProperties() {
    return this._children.length;
  }
  get propertyType() {
    return PropertyType.NAMED_GROUP;
  }
  canAddProperty(_name) {
    return false;
  }
  addProperty(name) {
    throw aeError(this, 'Can not add a property with name "' + name + '" to this PropertyGroup.');
  }
}

class Property extends PropertyBase {
  constructor(token, owner, matchName, name, valueType, value, dims) {
    super(token, owner, matchName, name);
    this._valueType = valueType;
    this._value = value;
    this._dims = dims; // 1, 2 or 3 (2 means 2 or 3 accepted, as Position does)
    this._keys = []; // {time, value}
    this._expression = "";
    this._expressionEnabled = false;
  }
  _check(v, what) {
    if (this._dims === 1) {
      if (typeof v !== "number" || isNaN(v)) throw err(this, 'Unable to call "' + what + '" because of parameter 1. Value is not a number.');
      return v;
    }
    if (!isArrayLike(v) || v.length < 2 || v.length > 3) {
      throw err(this, 'Unable to call "' + what + '" because of parameter 1. Array of 2 or 3 numbers expected, got ' + JSON.stringify(v) + ".");
    }
    const out = [];
    for (let i = 0; i < v.length; i++) {
      if (typeof v[i] !== "number" || isNaN(v[i])) throw err(this, 'Unable to call "' + what + '" because of parameter 1. Array of numbers expected.');
      out.push(v[i]);
    }
    if (this._dims === 3 && out.length === 2) out.push(0);
    if (this._dims === 2 && out.length === 2) out.push(this._value[2] || 0);
    return out;
  }
  _copy(v) {
    return isArrayLike(v) ? v.slice() : v;
  }
  _touch(what) {
    const layer = this._layer();
    if (layer) layer._comp._project._touch(what);
  }
  get propertyType() {
    return PropertyType.PROPERTY;
  }
  get propertyValueType() {
    return this._valueType;
  }
  get value() {
    if (this._separated) return this._followers.map((f) => f.value);
    if (this._keys.length) return this.valueAtTime(0, true);
    return this._copy(this._value);
  }
  // Separated dimensions (Position as X/Y/Z Position): the leader holds `_followers`, each
  // follower its `_leader` and `_dimension`.
  get isSeparationLeader() {
    return !!this._followers;
  }
  get isSeparationFollower() {
    return !!this._leader;
  }
  get separationDimension() {
    if (!this._leader) throw aeError(this, "This property is not a separation follower.");
    return this._dimension;
  }
  get separationLeader() {
    if (!this._leader) throw aeError(this, "This property is not a separation follower.");
    return this._leader;
  }
  get dimensionsSeparated() {
    return !!this._separated;
  }
  set dimensionsSeparated(v) {
    if (!this._followers) throw aeError(this, "This property can not be separated.");
    const on = requireBool(this, "dimensionsSeparated", v);
    if (on === !!this._separated) return;
    if (on) {
      // Each follower takes its dimension of the leader's value and keyframes.
      for (const f of this._followers) {
        f._value = this._value[f._dimension] || 0;
        f._keys = this._keys.map((k) => ({ time: k.time, value: k.value[f._dimension] || 0 }));
      }
      this._keys = [];
    } else {
      // The leader gets a keyframe wherever a follower has one, valued from every follower.
      const times = [...new Set(this._followers.flatMap((f) => f._keys.map((k) => k.time)))].sort((a, b) => a - b);
      this._value = this._followers.map((f) => f._value);
      this._keys = times.map((t) => ({ time: t, value: this._followers.map((f) => f.valueAtTime(t, true)) }));
    }
    this._separated = on;
    this._touch("Property.dimensionsSeparated");
  }
  getSeparationFollower(dim) {
    checkArgs(this, "getSeparationFollower", arguments, 1);
    if (!this._followers) throw aeError(this, "This property is not multidimensional.");
    if (typeof dim !== "number" || dim < 0 || dim >= this._followers.length) throw aeError(this, "This property has no dimension " + dim + ".");
    return this._followers[dim];
  }
  _checkJoined(what) {
    if (this._separated) throw aeError(this, 'Can not "' + what + '" on a property whose dimensions are separated: set its X/Y/Z followers.');
    if (this._leader && !this._leader._separated) throw aeError(this, 'Can not "' + what + '" on a separated dimension while its dimensions are not separated.');
  }
  get valueText() {
    return String(this.value);
  }
  get numKeys() {
    return this._keys.length;
  }
  get isTimeVarying() {
    return this._keys.length > 0 || (this._expressionEnabled && this._expression !== "");
  }
  get canVaryOverTime() {
    return true;
  }
  get canSetExpression() {
    return true;
  }
  get isSpatial() {
    return this._dims > 1 && /Position|Anchor/.test(this._matchName);
  }
  get hasMin() {
    return false;
  }
  get hasMax() {
    return false;
  }
  get unitsText() {
    return "";
  }
  get selectedKeys() {
    return [];
  }
  get expression() {
    return this._expression;
  }
  set expression(v) {
    this._expression = requireString(this, "expression", v);
    this._expressionEnabled = v !== "";
    this._touch("Property.expression");
  }
  get expressionEnabled() {
    return this._expressionEnabled;
  }
  set expressionEnabled(v) {
    this._expressionEnabled = requireBool(this, "expressionEnabled", v);
  }
  get expressionError() {
    return "";
  }
  setValue(v) {
    checkArgs(this, "setValue", arguments, 1);
    this._checkJoined("setValue");
    if (this._keys.length) throw aeError(this, 'Can not "setValue" on a property that has keyframes. Use setValueAtTime or setValueAtKey.');
    this._value = this._check(v, "setValue");
    this._touch("Property.setValue");
  }
  setValueAtTime(t, v) {
    checkArgs(this, "setValueAtTime", arguments, 2);
    this._checkJoined("setValueAtTime");
    requireNumber(this, "time", t);
    const val = this._check(v, "setValueAtTime");
    const existing = this._keys.find((k) => Math.abs(k.time - t) < 1e-9);
    if (existing) existing.value = val;
    else {
      this._keys.push({ time: t, value: val });
      this._keys.sort((a, b) => a.time - b.time);
    }
    this._touch("Property.setValueAtTime");
  }
  setValuesAtTimes(times, values) {
    for (let i = 0; i < times.length; i++) this.setValueAtTime(times[i], values[i]);
  }
  setValueAtKey(i, v) {
    checkArgs(this, "setValueAtKey", arguments, 2);
    this._checkJoined("setValueAtKey");
    const k = this._key(i);
    k.value = this._check(v, "setValueAtKey");
    this._touch("Property.setValueAtKey");
  }
  _key(i) {
    if (typeof i !== "number" || i < 1 || i > this._keys.length) throw aeError(this, "Key index " + i + " out of range 1 to " + this._keys.length + ".");
    return this._keys[i - 1];
  }
  keyValue(i) {
    return this._copy(this._key(i).value);
  }
  keyTime(i) {
    return this._key(i).time;
  }
  addKey(t) {
    this.setValueAtTime(t, this.valueAtTime(t, true));
    return this.nearestKeyIndex(t);
  }
  removeKey(i) {
    this._key(i);
    this._keys.splice(i - 1, 1);
    this._touch("Property.removeKey");
  }
  nearestKeyIndex(t) {
    if (!this._keys.length) throw aeError(this, "Property has no keyframes.");
    let best = 0;
    for (let i = 1; i < this._keys.length; i++) if (Math.abs(this._keys[i].time - t) < Math.abs(this._keys[best].time - t)) best = i;
    return best + 1;
  }
  valueAtTime(t, _preExpression) {
    const ks = this._keys;
    if (!ks.length) return this._copy(this._value);
    if (t <= ks[0].time) return this._copy(ks[0].value);
    if (t >= ks[ks.length - 1].time) return this._copy(ks[ks.length - 1].value);
    for (let i = 0; i < ks.length - 1; i++) {
      const a = ks[i];
      const b = ks[i + 1];
      if (t >= a.time && t <= b.time) {
        const f = (t - a.time) / (b.time - a.time);
        if (isArrayLike(a.value)) return a.value.map((x, j) => x + (b.value[j] - x) * f);
        return a.value + (b.value - a.value) * f;
      }
    }
    return this._copy(this._value);
  }
}

function makeTransform(layer, comp) {
  const g = new PropertyGroup(INTERNAL, layer, "ADBE Transform Group", "Transform");
  const add = (m, n, vt, v, d) => g._children.push(new Property(INTERNAL, g, m, n, vt, v, d));
  add("ADBE Anchor Point", "Anchor Point", PropertyValueType.ThreeD_SPATIAL, [0, 0, 0], 2);
  add("ADBE Position", "Position", PropertyValueType.ThreeD_SPATIAL, [comp._width / 2, comp._height / 2, 0], 2);
  const position = g._children[g._children.length - 1];
  position._followers = ["X", "Y", "Z"].map((axis, i) => {
    const f = new Property(INTERNAL, g, "ADBE Position_" + i, axis + " Position", PropertyValueType.OneD, position._value[i], 1);
    f._leader = position;
    f._dimension = i;
    return f;
  });
  add("ADBE Scale", "Scale", PropertyValueType.ThreeD, [100, 100, 100], 2);
  add("ADBE Rotate Z", "Rotation", PropertyValueType.OneD, 0, 1);
  add("ADBE Opacity", "Opacity", PropertyValueType.OneD, 100, 1);
  return g;
}

// ---------------------------------------------------------------- items

class Item {
  constructor(token, project, name) {
    guard(token, "Item");
    this._project = project;
    this._env = project._env;
    this._id = project._newId();
    this._name = String(name);
    this._comment = "";
    this._label = 0;
    this._selected = false;
    this._parent = null;
    this._removed = false;
    this._guides = [];
  }
  get id() {
    return this._id;
  }
  get typeName() {
    return "Item";
  }
  get name() {
    return this._name;
  }
  set name(v) {
    requireString(this, "name", v);
    if (v.length > 255) throw aeError(this, 'Unable to set "name". The name is longer than 255 characters.');
    this._name = v;
    this._project._structChanged();
    this._project._touch("Item.name");
  }
  get comment() {
    return this._comment;
  }
  set comment(v) {
    this._comment = requireString(this, "comment", v);
    this._project._touch("Item.comment");
  }
  get label() {
    return this._label;
  }
  set label(v) {
    this._label = requireInt(this, "label", v, 0, 16);
    this._project._touch("Item.label");
  }
  get selected() {
    return this._selected;
  }
  set selected(v) {
    const b = !!v;
    if (b !== this._selected) {
      this._selected = b;
      this._project._selectionSerial += 1;
      this._selectedAt = this._project._selectionSerial;
    }
  }
  get parentFolder() {
    return this._parent;
  }
  set parentFolder(folder) {
    if (!(folder instanceof FolderItem)) throw err(this, 'Unable to set "parentFolder". Value is not a FolderItem.');
    if (folder._removed || folder._project !== this._project) throw err(this, "Object is invalid");
    if (folder === this || (this instanceof FolderItem && this._isAncestorOf(folder))) {
      throw aeError(this, "Can not move a folder into itself or one of its subfolders.");
    }
    this._parent._children.splice(this._parent._children.indexOf(this), 1);
    this._parent = folder;
    folder._children.push(this);
    this._project._structChanged();
    this._project._touch("Item.parentFolder");
  }
  remove() {
    this._project._removeItem(this);
  }
  addGuide(orientationType, position) {
    this._guides.push({ orientationType, position });
    this._project._touch("Item.addGuide");
    return this._guides.length - 1;
  }
  removeGuide(i) {
    this._guides.splice(i, 1);
    this._project._touch("Item.removeGuide");
  }
  setGuide(position, i) {
    if (this._guides[i]) this._guides[i].position = position;
    this._project._touch("Item.setGuide");
  }
}

class FolderItem extends Item {
  constructor(token, project, name) {
    super(token, project, name);
    this._children = [];
    this._label = 2;
    this._itemsColl = indexable(new ItemCollection(INTERNAL, project, this, false));
  }
  _sortedChildren() {
    return this._children.slice().sort(nameCompare);
  }
  _isAncestorOf(item) {
    let p = item._parent;
    while (p) {
      if (p === this) return true;
      p = p._parent;
    }
    return false;
  }
  get typeName() {
    return "Folder";
  }
  get items() {
    return this._itemsColl;
  }
  get numItems() {
    return this._children.length;
  }
  item(i) {
    checkArgs(this, "item", arguments, 1);
    const list = this._sortedChildren();
    if (typeof i !== "number" || i < 1 || i > list.length) throw aeError(this, "Item index " + i + " out of range 1 to " + list.length + ".");
    return list[i - 1];
  }
}

class AVItem extends Item {
  get usedIn() {
    const out = [];
    for (const c of this._project._sortedItems()) {
      if (c instanceof CompItem && c._layers.some((l) => l._source === this)) out.push(c);
    }
    return out;
  }
  get hasVideo() {
    return true;
  }
  get hasAudio() {
    return false;
  }
  get footageMissing() {
    return false;
  }
  get isMediaReplacementCompatible() {
    return true;
  }
  get useProxy() {
    return !!this._useProxy;
  }
  set useProxy(v) {
    this._useProxy = requireBool(this, "useProxy", v);
    this._project._touch("AVItem.useProxy");
  }
  get proxySource() {
    return this._proxySource || null;
  }
  get time() {
    return this._time || 0;
  }
  set time(v) {
    this._time = requireNumber(this, "time", v);
  }
  get frameDuration() {
    return this.frameRate > 0 ? 1 / this.frameRate : 0;
  }
  setProxyToNone() {
    this._proxySource = null;
    this._useProxy = false;
    this._project._touch("AVItem.setProxyToNone");
  }
}

class CompItem extends AVItem {
  constructor(token, project, name, width, height, pixelAspect, duration, frameRate) {
    super(token, project, name);
    this._label = 15;
    this._width = width;
    this._height = height;
    this._pixelAspect = pixelAspect;
    this._duration = duration;
    this._frameRate = frameRate;
    this._displayStartTime = 0;
    this._workAreaStart = 0;
    this._workAreaDuration = duration;
    this._layers = [];
    this._bgColor = [0, 0, 0];
    this._flags = { hideShyLayers: false, motionBlur: false, frameBlending: false, draft3d: false, dropFrame: false, preserveNestedFrameRate: false, preserveNestedResolution: false };
    this._shutterAngle = 180;
    this._shutterPhase = -90;
    this._renderer = "ADBE Advanced 3d";
    this._resolutionFactor = [1, 1];
    this._layerColl = indexable(new LayerCollection(INTERNAL, this));
  }
  _insertLayer(layer) {
    this._layers.unshift(layer);
    this._project._touch("LayerCollection.add");
    return layer;
  }
  _countLayers(pred) {
    return this._layers.filter(pred).length;
  }
  _containsComp(target) {
    const seen = new Set();
    const walk = (c) => {
      for (const l of c._layers) {
        const s = l._source;
        if (s instanceof CompItem && !seen.has(s)) {
          if (s === target) return true;
          seen.add(s);
          if (walk(s)) return true;
        }
      }
      return false;
    };
    return walk(this);
  }
  get typeName() {
    return "Composition";
  }
  get width() {
    return this._width;
  }
  set width(v) {
    this._width = requireInt(this, "width", v, 4, 30000);
    this._project._touch("CompItem.width");
  }
  get height() {
    return this._height;
  }
  set height(v) {
    this._height = requireInt(this, "height", v, 4, 30000);
    this._project._touch("CompItem.height");
  }
  get pixelAspect() {
    return this._pixelAspect;
  }
  set pixelAspect(v) {
    this._pixelAspect = requireNumber(this, "pixelAspect", v, 0.01, 100);
    this._project._touch("CompItem.pixelAspect");
  }
  get frameRate() {
    return this._frameRate;
  }
  set frameRate(v) {
    this._frameRate = requireNumber(this, "frameRate", v, 1, 999);
    this._project._touch("CompItem.frameRate");
  }
  get frameDuration() {
    return 1 / this._frameRate;
  }
  set frameDuration(v) {
    requireNumber(this, "frameDuration", v, 1 / 999, 1);
    this._frameRate = 1 / v;
    this._project._touch("CompItem.frameDuration");
  }
  get duration() {
    return this._duration;
  }
  set duration(v) {
    this._duration = requireNumber(this, "duration", v, 1 / this._frameRate, 10800);
    if (this._workAreaStart > v) this._workAreaStart = 0;
    if (this._workAreaStart + this._workAreaDuration > v) this._workAreaDuration = v - this._workAreaStart;
    this._project._touch("CompItem.duration");
  }
  get hasVideo() {
    return true;
  }
  get hasAudio() {
    return this._layers.some((l) => l instanceof AVLayer && l.hasAudio);
  }
  get displayStartTime() {
    return this._displayStartTime;
  }
  set displayStartTime(v) {
    this._displayStartTime = requireNumber(this, "displayStartTime", v, -10800, 86339);
    this._project._touch("CompItem.displayStartTime");
  }
  get displayStartFrame() {
    return Math.round(frameOf(this._displayStartTime, this._frameRate));
  }
  set displayStartFrame(v) {
    requireInt(this, "displayStartFrame", v, -10800 * this._frameRate, 86339 * this._frameRate);
    this._displayStartTime = v / this._frameRate;
    this._project._touch("CompItem.displayStartFrame");
  }
  get workAreaStart() {
    return this._workAreaStart;
  }
  set workAreaStart(v) {
    requireNumber(this, "workAreaStart", v, 0, this._duration - this.frameDuration);
    this._workAreaStart = v;
    if (v + this._workAreaDuration > this._duration) this._workAreaDuration = this._duration - v;
    this._project._touch("CompItem.workAreaStart");
  }
  get workAreaDuration() {
    return this._workAreaDuration;
  }
  set workAreaDuration(v) {
    requireNumber(this, "workAreaDuration", v, this.frameDuration, this._duration - this._workAreaStart);
    this._workAreaDuration = v;
    this._project._touch("CompItem.workAreaDuration");
  }
  get numLayers() {
    return this._layers.length;
  }
  get layers() {
    return this._layerColl;
  }
  get selectedLayers() {
    return this._layers.filter((l) => l._selected);
  }
  get selectedProperties() {
    return [];
  }
  get activeCamera() {
    return this._layers.find((l) => l instanceof CameraLayer && l._enabled) || null;
  }
  get bgColor() {
    return this._bgColor.slice();
  }
  set bgColor(v) {
    if (!isArrayLike(v) || v.length !== 3) throw err(this, 'Unable to set "bgColor". Array of 3 numbers expected.');
    this._bgColor = v.slice();
    this._project._touch("CompItem.bgColor");
  }
  get renderers() {
    return ["ADBE Advanced 3d", "ADBE Calder", "ADBE Ernst"];
  }
  get renderer() {
    return this._renderer;
  }
  set renderer(v) {
    this._renderer = requireString(this, "renderer", v);
  }
  get resolutionFactor() {
    return this._resolutionFactor.slice();
  }
  set resolutionFactor(v) {
    this._resolutionFactor = [v[0], v[1]];
  }
  get shutterAngle() {
    return this._shutterAngle;
  }
  set shutterAngle(v) {
    this._shutterAngle = requireNumber(this, "shutterAngle", v, 0, 720);
  }
  get shutterPhase() {
    return this._shutterPhase;
  }
  set shutterPhase(v) {
    this._shutterPhase = requireNumber(this, "shutterPhase", v, -360, 360);
  }
  get hideShyLayers() {
    return this._flags.hideShyLayers;
  }
  set hideShyLayers(v) {
    this._flags.hideShyLayers = requireBool(this, "hideShyLayers", v);
  }
  get motionBlur() {
    return this._flags.motionBlur;
  }
  set motionBlur(v) {
    this._flags.motionBlur = requireBool(this, "motionBlur", v);
  }
  get frameBlending() {
    return this._flags.frameBlending;
  }
  set frameBlending(v) {
    this._flags.frameBlending = requireBool(this, "frameBlending", v);
  }
  get dropFrame() {
    return this._flags.dropFrame;
  }
  set dropFrame(v) {
    this._flags.dropFrame = requireBool(this, "dropFrame", v);
  }
  get preserveNestedFrameRate() {
    return this._flags.preserveNestedFrameRate;
  }
  set preserveNestedFrameRate(v) {
    this._flags.preserveNestedFrameRate = requireBool(this, "preserveNestedFrameRate", v);
  }
  get preserveNestedResolution() {
    return this._flags.preserveNestedResolution;
  }
  set preserveNestedResolution(v) {
    this._flags.preserveNestedResolution = requireBool(this, "preserveNestedResolution", v);
  }
  get motionGraphicsTemplateName() {
    return this._mgtName || "";
  }
  set motionGraphicsTemplateName(v) {
    this._mgtName = requireString(this, "motionGraphicsTemplateName", v);
  }
  get motionGraphicsTemplateControllerCount() {
    return 0;
  }
  layer(a, b) {
    checkArgs(this, "layer", arguments, 1);
    if (a instanceof Layer) {
      const i = this._layers.indexOf(a) + (b || 0);
      if (i < 0 || i >= this._layers.length) throw aeError(this, "Layer index out of range.");
      return this._layers[i];
    }
    if (typeof a === "string") {
      const found = this._layers.find((l) => l._name() === a);
      return found || null;
    }
    if (typeof a !== "number" || a < 1 || a > this._layers.length) {
      throw aeError(this, "Layer index " + a + " out of range 1 to " + this._layers.length + ".");
    }
    return this._layers[a - 1];
  }
  duplicate() {
    const c = this._project._addComp(this._parent, this._name + " 2", this._width, this._height, this._pixelAspect, this._duration, this._frameRate);
    c._displayStartTime = this._displayStartTime;
    c._workAreaStart = this._workAreaStart;
    c._workAreaDuration = this._workAreaDuration;
    for (let i = this._layers.length - 1; i >= 0; i--) c._layers.unshift(this._layers[i]._clone(c));
    return c;
  }
  openInViewer() {
    this._project._activeItem = this;
    return null;
  }
  saveFrameToPng(time, file) {
    checkArgs(this, "saveFrameToPng", arguments, 2);
    fs.writeFileSync(file.fsName, "AERPC-SIM PNG " + this._name + " @" + time + "\n");
  }
}

class FootageSource {
  constructor(token, item, kind, data) {
    guard(token, "FootageSource");
    this._item = item;
    this._env = item._env;
    this._kind = kind; // "file" | "solid" | "placeholder"
    Object.assign(this, { _conform: 0, _loop: 1, _alphaMode: 5413, _premul: [0, 0, 0], _invertAlpha: false, _fieldSep: 5612 }, data);
  }
  get file() {
    return this._kind === "file" ? this._fileObj : null;
  }
  get isStill() {
    return this._info.isStill;
  }
  get hasAlpha() {
    return this._info.hasAlpha;
  }
  set hasAlpha(v) {
    this._info.hasAlpha = requireBool(this, "hasAlpha", v);
  }
  get nativeFrameRate() {
    return this._info.frameRate;
  }
  get conformFrameRate() {
    return this._conform;
  }
  set conformFrameRate(v) {
    requireNumber(this, "conformFrameRate", v, 0, 999);
    if (this._info.isStill) throw aeError(this, 'Unable to set "conformFrameRate" on a still image.');
    this._conform = v;
    this._item._project._touch("FootageSource.conformFrameRate");
  }
  get displayFrameRate() {
    return this._conform > 0 ? this._conform : this._info.frameRate;
  }
  get loop() {
    return this._loop;
  }
  set loop(v) {
    this._loop = requireInt(this, "loop", v, 1, 9999);
  }
  get alphaMode() {
    return this._alphaMode;
  }
  set alphaMode(v) {
    this._alphaMode = v;
  }
  get premulColor() {
    return this._premul.slice();
  }
  set premulColor(v) {
    this._premul = v.slice();
  }
  get invertAlpha() {
    return this._invertAlpha;
  }
  set invertAlpha(v) {
    this._invertAlpha = requireBool(this, "invertAlpha", v);
  }
  get fieldSeparationType() {
    return this._fieldSep;
  }
  set fieldSeparationType(v) {
    this._fieldSep = v;
  }
  get highQualityFieldSeparation() {
    return false;
  }
  get removePulldown() {
    return 5812;
  }
  get missingFootagePath() {
    return this._kind === "file" && !this._fileObj.exists ? this._fileObj.fsName : "";
  }
  guessAlphaMode() {}
  guessPulldown() {}
  reload() {
    if (this._kind !== "file") throw aeError(this, "Only file footage can be reloaded.");
    const info = media.probe(this._fileObj.fsName, { sequence: !!this._info.sequence });
    if (info) this._info = info;
  }
}
class FileSource extends FootageSource {}
class SolidSource extends FootageSource {
  get color() {
    return this._color.slice();
  }
  set color(v) {
    if (!isArrayLike(v) || v.length !== 3) throw err(this, 'Unable to set "color". Array of 3 numbers expected.');
    this._color = v.slice();
  }
}
class PlaceholderSource extends FootageSource {}

class FootageItem extends AVItem {
  constructor(token, project, name, source) {
    super(token, project, name);
    this._setSource(source);
  }
  _setSource(source) {
    this._source = source;
    source._item = this;
    const info = source._info;
    this._label = !info.hasVideo ? 6 : info.isStill ? 3 : 4;
    if (source._kind === "solid") this._label = 1;
  }
  _info() {
    return this._source._info;
  }
  get typeName() {
    return "Footage";
  }
  get file() {
    return this._source.file;
  }
  get mainSource() {
    return this._source;
  }
  get width() {
    return this._info().width;
  }
  set width(v) {
    if (this._source._kind === "file") throw err(this, 'Unable to set "width". It is a read-only attribute for file footage.');
    this._info().width = requireInt(this, "width", v, 4, 30000);
    this._project._touch("FootageItem.width");
  }
  get height() {
    return this._info().height;
  }
  set height(v) {
    if (this._source._kind === "file") throw err(this, 'Unable to set "height". It is a read-only attribute for file footage.');
    this._info().height = requireInt(this, "height", v, 4, 30000);
    this._project._touch("FootageItem.height");
  }
  get pixelAspect() {
    return this._info().pixelAspect;
  }
  set pixelAspect(v) {
    this._info().pixelAspect = requireNumber(this, "pixelAspect", v, 0.01, 100);
    this._project._touch("FootageItem.pixelAspect");
  }
  get frameRate() {
    return this._source.displayFrameRate;
  }
  set frameRate(v) {
    this._source.conformFrameRate = v;
  }
  get duration() {
    const i = this._info();
    if (i.isStill) return 0;
    if (this._source._conform > 0 && i.frameRate > 0) return (i.duration * i.frameRate) / this._source._conform;
    return i.duration;
  }
  set duration(v) {
    if (this._source._kind === "file") throw err(this, 'Unable to set "duration". It is a read-only attribute for file footage.');
    this._info().duration = requireNumber(this, "duration", v, 0, 10800);
  }
  get hasVideo() {
    return this._info().hasVideo;
  }
  get hasAudio() {
    return this._info().hasAudio;
  }
  get footageMissing() {
    return this._source._kind === "placeholder" || (this._source._kind === "file" && !this._source._fileObj.exists);
  }
  openInViewer() {
    return null;
  }
  _replaceWith(source, what) {
    const keepConform = this._source._conform;
    this._setSource(source);
    if (source._kind === "file" && !source._info.isStill) source._conform = keepConform;
    this._project._touch(what);
  }
  replace(file) {
    checkArgs(this, "replace", arguments, 1);
    const src = this._project._fileSource(this, file, false, "replace");
    this._name = src._defaultName;
    this._project._structChanged();
    this._replaceWith(src, "FootageItem.replace");
  }
  replaceWithSequence(file, forceAlphabetical) {
    checkArgs(this, "replaceWithSequence", arguments, 2);
    const src = this._project._fileSource(this, file, true, "replaceWithSequence");
    this._name = src._defaultName;
    this._project._structChanged();
    void forceAlphabetical;
    this._replaceWith(src, "FootageItem.replaceWithSequence");
  }
  replaceWithPlaceholder(name, width, height, frameRate, duration) {
    checkArgs(this, "replaceWithPlaceholder", arguments, 5);
    const src = this._project._placeholderSource(this, name, width, height, frameRate, duration);
    this._name = String(name);
    this._project._structChanged();
    this._replaceWith(src, "FootageItem.replaceWithPlaceholder");
  }
  replaceWithSolid(color, name, width, height, pixelAspect) {
    checkArgs(this, "replaceWithSolid", arguments, 5);
    const src = new SolidSource(INTERNAL, this, "solid", {
      _color: color.slice(),
      _info: { width, height, pixelAspect, frameRate: 0, duration: 0, hasVideo: true, hasAudio: false, isStill: true, hasAlpha: false },
    });
    this._name = String(name);
    this._project._structChanged();
    this._replaceWith(src, "FootageItem.replaceWithSolid");
  }
}
class PlaceholderItem extends FootageItem {}

// ---------------------------------------------------------------- layers

class Layer extends PropertyGroup {
  constructor(token, comp, kind) {
    super(token, comp, "ADBE " + kind + " Layer", "");
    this._comp = comp;
    this._env = comp._env;
    this._kind = kind;
    this._id = comp._project._newId();
    this._nameSet = null;
    this._parentLayer = null;
    this._startTime = 0;
    this._stretch = 100;
    this._inPoint = 0;
    this._outPoint = comp._duration;
    this._enabled = true;
    this._solo = false;
    this._shy = false;
    this._locked = false;
    this._comment = "";
    this._label = 1;
    this._null = false;
    this._removed = false;
    this._transform = makeTransform(this, comp);
    this._children = [
      new PropertyGroup(INTERNAL, this, "ADBE Marker", "Marker"),
      new PropertyGroup(INTERNAL, this, "ADBE Effect Parade", "Effects"),
      this._transform,
    ];
  }
  _name() {
    return this._nameSet !== null ? this._nameSet : this._defaultName();
  }
  _defaultName() {
    return this._kind + " " + this._index();
  }
  _index() {
    return this._comp._layers.indexOf(this) + 1;
  }
  _touch(what) {
    this._comp._project._touch(what);
  }
  _checkUnlocked(what) {
    if (this._locked) throw aeError(this, 'Can not "' + what + '" a locked layer.');
  }
  _clone(comp) {
    const l = Object.create(Object.getPrototypeOf(this));
    Object.assign(l, this);
    l._comp = comp;
    l._owner = comp;
    l._id = comp._project._newId();
    l._transform = makeTransform(l, comp);
    this._transform._children.forEach((p, i) => {
      l._transform._children[i]._value = p._copy(p._value);
      l._transform._children[i]._keys = p._keys.map((k) => ({ time: k.time, value: p._copy(k.value) }));
    });
    l._children = [new PropertyGroup(INTERNAL, l, "ADBE Marker", "Marker"), new PropertyGroup(INTERNAL, l, "ADBE Effect Parade", "Effects"), l._transform];
    l._parentLayer = null;
    return l;
  }
  get id() {
    return this._id;
  }
  get index() {
    return this._index();
  }
  get name() {
    return this._name();
  }
  set name(v) {
    this._nameSet = requireString(this, "name", v);
    this._touch("Layer.name");
  }
  get isNameSet() {
    return this._nameSet !== null;
  }
  get containingComp() {
    return this._comp;
  }
  get parent() {
    return this._parentLayer;
  }
  set parent(v) {
    if (v === null || v === undefined) {
      this._parentLayer = null;
    } else {
      if (!(v instanceof Layer)) throw err(this, 'Unable to set "parent". Value is not a Layer.');
      if (v._comp !== this._comp) throw aeError(this, "The parent layer must be in the same composition.");
      let p = v;
      while (p) {
        if (p === this) throw aeError(this, "Can not set a layer to be its own parent (circular parenting).");
        p = p._parentLayer;
      }
      this._parentLayer = v;
    }
    this._touch("Layer.parent");
  }
  get startTime() {
    return this._startTime;
  }
  set startTime(v) {
    requireNumber(this, "startTime", v, -10800, 10800);
    const d = v - this._startTime;
    this._startTime = v;
    this._inPoint += d;
    this._outPoint += d;
    this._touch("Layer.startTime");
  }
  get stretch() {
    return this._stretch;
  }
  set stretch(v) {
    this._stretch = requireNumber(this, "stretch", v, -9900, 9900);
    this._touch("Layer.stretch");
  }
  get inPoint() {
    return this._inPoint;
  }
  set inPoint(v) {
    requireNumber(this, "inPoint", v, -10800, 10800);
    if (v >= this._outPoint) throw aeError(this, 'Unable to set "inPoint". The in point must be before the out point.');
    this._inPoint = v;
    this._touch("Layer.inPoint");
  }
  get outPoint() {
    return this._outPoint;
  }
  set outPoint(v) {
    requireNumber(this, "outPoint", v, -10800, 10800);
    if (v <= this._inPoint) throw aeError(this, 'Unable to set "outPoint". The out point must be after the in point.');
    this._outPoint = v;
    this._touch("Layer.outPoint");
  }
  get enabled() {
    return this._enabled;
  }
  set enabled(v) {
    this._enabled = requireBool(this, "enabled", v);
    this._touch("Layer.enabled");
  }
  get solo() {
    return this._solo;
  }
  set solo(v) {
    this._solo = requireBool(this, "solo", v);
  }
  get shy() {
    return this._shy;
  }
  set shy(v) {
    this._shy = requireBool(this, "shy", v);
  }
  get locked() {
    return this._locked;
  }
  set locked(v) {
    this._locked = requireBool(this, "locked", v);
    this._touch("Layer.locked");
  }
  get comment() {
    return this._comment;
  }
  set comment(v) {
    this._comment = requireString(this, "comment", v);
  }
  get label() {
    return this._label;
  }
  set label(v) {
    this._label = requireInt(this, "label", v, 0, 16);
    this._touch("Layer.label");
  }
  get hasVideo() {
    return true;
  }
  get active() {
    return this._enabled;
  }
  get nullLayer() {
    return this._null;
  }
  get time() {
    return 0;
  }
  get selectedProperties() {
    return [];
  }
  get transform() {
    return this._transform;
  }
  get anchorPoint() {
    return this._transform._prop("ADBE Anchor Point");
  }
  get position() {
    return this._transform._prop("ADBE Position");
  }
  get scale() {
    return this._transform._prop("ADBE Scale");
  }
  get rotation() {
    return this._transform._prop("ADBE Rotate Z");
  }
  get opacity() {
    return this._transform._prop("ADBE Opacity");
  }
  get marker() {
    return this._children[0];
  }
  activeAtTime(t) {
    return this._enabled && t >= this._inPoint && t < this._outPoint;
  }
  remove() {
    this._checkUnlocked("remove");
    this._comp._project._removeLayer(this);
  }
  _move(to) {
    this._checkUnlocked("move");
    const ls = this._comp._layers;
    ls.splice(ls.indexOf(this), 1);
    ls.splice(to, 0, this);
    this._touch("Layer.move");
  }
  moveToBeginning() {
    this._move(0);
  }
  moveToEnd() {
    this._move(this._comp._layers.length - 1);
  }
  moveAfter(layer) {
    if (!(layer instanceof Layer) || layer._comp !== this._comp) throw aeError(this, 'Unable to call "moveAfter": the layer must be in the same composition.');
    if (layer === this) return;
    const ls = this._comp._layers;
    ls.splice(ls.indexOf(this), 1);
    ls.splice(ls.indexOf(layer) + 1, 0, this);
    this._touch("Layer.moveAfter");
  }
  moveBefore(layer) {
    if (!(layer instanceof Layer) || layer._comp !== this._comp) throw aeError(this, 'Unable to call "moveBefore": the layer must be in the same composition.');
    if (layer === this) return;
    const ls = this._comp._layers;
    ls.splice(ls.indexOf(this), 1);
    ls.splice(ls.indexOf(layer), 0, this);
    this._touch("Layer.moveBefore");
  }
  duplicate() {
    const l = this._clone(this._comp);
    l._parentLayer = this._parentLayer;
    const ls = this._comp._layers;
    ls.splice(ls.indexOf(this), 0, l);
    this._touch("Layer.duplicate");
    return l;
  }
  copyToComp(comp) {
    if (!(comp instanceof CompItem)) throw err(this, 'Unable to call "copyToComp" because of parameter 1. Value is not a CompItem.');
    comp._layers.unshift(this._clone(comp));
    this._touch("Layer.copyToComp");
  }
  setParentWithJump(newParent) {
    this.parent = newParent === undefined ? null : newParent;
  }
  applyPreset(_file) {
    this._touch("Layer.applyPreset");
  }
}

class AVLayer extends Layer {
  constructor(token, comp, source) {
    super(token, comp, "AV");
    this._source = source;
    this._audioEnabled = true;
    this._adjustment = false;
    this._threeD = false;
    this._guide = false;
    this._motionBlur = false;
    this._effectsActive = true;
    this._collapse = false;
    this._blendingMode = BlendingMode.NORMAL;
    this._quality = LayerQuality.BEST;
    this._trackMatte = TrackMatteType.NO_TRACK_MATTE;
    this._label = source ? (source._label === 15 ? 15 : source._label) : 1;
    if (source instanceof FootageItem && !source._info().isStill && source._info().duration > 0) {
      this._outPoint = Math.min(comp._duration, source.duration);
    } else if (source instanceof CompItem) {
      this._outPoint = Math.min(comp._duration, source._duration);
    }
    const p = this._transform._prop("ADBE Anchor Point");
    if (source) p._value = [source.width / 2, source.height / 2, 0];
  }
  _defaultName() {
    return this._source ? this._source._name : super._defaultName();
  }
  get source() {
    return this._source;
  }
  get isNameFromSource() {
    return this._nameSet === null && !!this._source;
  }
  get width() {
    return this._source ? this._source.width : this._comp._width;
  }
  get height() {
    return this._source ? this._source.height : this._comp._height;
  }
  get hasVideo() {
    return this._source ? this._source.hasVideo : true;
  }
  get hasAudio() {
    return this._source ? this._source.hasAudio : false;
  }
  get audioEnabled() {
    return this._audioEnabled;
  }
  set audioEnabled(v) {
    this._audioEnabled = requireBool(this, "audioEnabled", v);
    this._touch("AVLayer.audioEnabled");
  }
  get audioActive() {
    return this.hasAudio && this._audioEnabled && this._enabled;
  }
  audioActiveAtTime(t) {
    return this.audioActive && this.activeAtTime(t);
  }
  get adjustmentLayer() {
    return this._adjustment;
  }
  set adjustmentLayer(v) {
    this._adjustment = requireBool(this, "adjustmentLayer", v);
    this._touch("AVLayer.adjustmentLayer");
  }
  get threeDLayer() {
    return this._threeD;
  }
  set threeDLayer(v) {
    this._threeD = requireBool(this, "threeDLayer", v);
    this._touch("AVLayer.threeDLayer");
  }
  get guideLayer() {
    return this._guide;
  }
  set guideLayer(v) {
    this._guide = requireBool(this, "guideLayer", v);
  }
  get motionBlur() {
    return this._motionBlur;
  }
  set motionBlur(v) {
    this._motionBlur = requireBool(this, "motionBlur", v);
  }
  get effectsActive() {
    return this._effectsActive;
  }
  set effectsActive(v) {
    this._effectsActive = requireBool(this, "effectsActive", v);
  }
  get collapseTransformation() {
    return this._collapse;
  }
  set collapseTransformation(v) {
    this._collapse = requireBool(this, "collapseTransformation", v);
  }
  get canSetCollapseTransformation() {
    return this._source instanceof CompItem;
  }
  get blendingMode() {
    return this._blendingMode;
  }
  set blendingMode(v) {
    this._blendingMode = v;
  }
  get quality() {
    return this._quality;
  }
  set quality(v) {
    this._quality = v;
  }
  get trackMatteType() {
    return this._trackMatte;
  }
  set trackMatteType(v) {
    this._trackMatte = v;
  }
  get isTrackMatte() {
    return false;
  }
  get hasTrackMatte() {
    return this._trackMatte !== TrackMatteType.NO_TRACK_MATTE;
  }
  get trackMatteLayer() {
    return null;
  }
  get frameBlending() {
    return false;
  }
  get timeRemapEnabled() {
    return false;
  }
  get canSetTimeRemapEnabled() {
    return true;
  }
  replaceSource(newSource, _fixExpressions) {
    checkArgs(this, "replaceSource", arguments, 2);
    if (!(newSource instanceof AVItem)) throw err(this, 'Unable to call "replaceSource" because of parameter 1. Value is not an AVItem.');
    if (newSource instanceof CompItem && (newSource === this._comp || newSource._containsComp(this._comp))) {
      throw aeError(this, "Can't replace the source with a composition that contains this layer (circular reference).");
    }
    this._source = newSource;
    this._touch("AVLayer.replaceSource");
  }
  sourceRectAtTime(_t, _ext) {
    return { top: 0, left: 0, width: this.width, height: this.height };
  }
  sourcePointToComp(p) {
    return [p[0], p[1]];
  }
  compPointToSource(p) {
    return [p[0], p[1]];
  }
}

class TextLayer extends AVLayer {
  constructor(token, comp, text) {
    super(token, comp, null);
    this._kind = "Text";
    this._text = text;
  }
  _defaultName() {
    return this._text !== "" ? this._text : "Text " + this._index();
  }
  get hasAudio() {
    return false;
  }
}
class ShapeLayer extends AVLayer {
  constructor(token, comp) {
    super(token, comp, null);
    this._kind = "Shape";
  }
  _defaultName() {
    return "Shape Layer " + this._index();
  }
}
class CameraLayer extends Layer {
  constructor(token, comp, name) {
    super(token, comp, "Camera");
    this._nameSet = name;
  }
  get hasVideo() {
    return false;
  }
}
class LightLayer extends Layer {
  constructor(token, comp, name) {
    super(token, comp, "Light");
    this._nameSet = name;
    this._lightType = LightType.POINT;
  }
  get hasVideo() {
    return false;
  }
  get lightType() {
    return this._lightType;
  }
  set lightType(v) {
    this._lightType = v;
  }
  get lightSource() {
    return null;
  }
}

// ---------------------------------------------------------------- render queue

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

// ---------------------------------------------------------------- project

class Project {
  constructor(token, app) {
    guard(token, "Project");
    this._app = app;
    this._env = app._env;
    this._nextId = 1;
    this._itemMap = new Map();
    this._root = null;
    this._root = new FolderItem(INTERNAL, this, "Root");
    this._root._parent = null;
    this._file = null;
    this._dirty = false;
    this._revision = 1;
    this._bitsPerChannel = 8;
    this._displayStartFrame = 1;
    this._xmp = this._env.defaultXmp();
    this._activeItem = null;
    this._selectionSerial = 0;
    this._sortCache = null;
    this._renderQueue = new RenderQueue(INTERNAL, this);
    this._itemsColl = indexable(new ItemCollection(INTERNAL, this, this._root, true));
    this._removed = false;
    this._settings = { linearBlending: false, workingSpace: "", workingGamma: 2.4, expressionEngine: "javascript-1.0", gpuAccelType: 1816, transparencyGridThumbnails: false, linearizeWorkingSpace: false, compensateForSceneReferredProfiles: true, timeDisplayType: 2012, framesCountType: FramesCountType.FC_START_1, feetFramesFilmType: 2412, framesUseFeetFrames: false, footageTimecodeDisplayStartType: 2212, toolType: 0 };
  }
  _newId() {
    return this._nextId++;
  }
  _touch(what) {
    this._dirty = true;
    this._revision += 1;
    this._env.sim.mutation(what);
  }
  _structChanged() {
    this._sortCache = null;
  }
  _sortedItems() {
    if (!this._sortCache) this._sortCache = [...this._itemMap.values()].sort(nameCompare);
    return this._sortCache;
  }
  _register(item, folder) {
    const f = folder || this._root;
    item._parent = f;
    f._children.push(item);
    this._itemMap.set(item._id, item);
    this._structChanged();
    this._touch("ItemCollection.add");
    return item;
  }
  _addComp(folder, name, width, height, pixelAspect, duration, frameRate) {
    requireString(this, "name", name);
    requireInt(this, "width", width, 4, 30000);
    requireInt(this, "height", height, 4, 30000);
    requireNumber(this, "pixelAspect", pixelAspect, 0.01, 100);
    requireNumber(this, "frameRate", frameRate, 1, 999);
    requireNumber(this, "duration", duration, 1 / frameRate, 10800);
    return this._register(new CompItem(INTERNAL, this, name, width, height, pixelAspect, duration, frameRate), folder);
  }
  _solidsFolder() {
    for (const c of this._root._children) if (c instanceof FolderItem && c._name === "Solids") return c;
    return this._register(new FolderItem(INTERNAL, this, "Solids"), this._root);
  }
  _solidFootage(name, color, width, height, pixelAspect) {
    const it = new FootageItem(
      INTERNAL,
      this,
      name,
      new SolidSource(INTERNAL, { _env: this._env }, "solid", {
        _color: color.slice ? color.slice() : [1, 1, 1],
        _info: { width, height, pixelAspect: pixelAspect || 1, frameRate: 0, duration: 0, hasVideo: true, hasAudio: false, isStill: true, hasAlpha: false },
      }),
    );
    return this._register(it, this._solidsFolder());
  }
  _fileSource(owner, file, sequence, what, conformOptions) {
    const F = this._env.File;
    if (!(file instanceof F)) throw err(owner, 'Unable to call "' + what + '" because of parameter 1. Value is not a File.');
    if (!file.exists) throw aeError(owner, 'Unable to call "' + what + '": file "' + file.fsName + '" does not exist.');
    const info = media.probe(file.fsName, Object.assign({ sequence, sequenceFrameRate: this._env.options.sequenceFrameRate }, conformOptions));
    if (!info) throw aeError(owner, 'Can not import "' + file.displayName + '": unsupported file type or extension.');
    const src = new FileSource(INTERNAL, { _env: this._env }, "file", { _fileObj: new F(file.fsName), _info: info });
    src._defaultName = info.sequence ? info.sequence.name : file.displayName;
    return src;
  }
  _placeholderSource(owner, name, width, height, frameRate, duration) {
    requireString(owner, "name", name);
    requireInt(owner, "width", width, 4, 30000);
    requireInt(owner, "height", height, 4, 30000);
    requireNumber(owner, "frameRate", frameRate, 1, 99);
    requireNumber(owner, "duration", duration, 0, 10800);
    return new PlaceholderSource(INTERNAL, { _env: this._env }, "placeholder", {
      _info: { width, height, pixelAspect: 1, frameRate, duration, hasVideo: true, hasAudio: false, isStill: false, hasAlpha: false },
    });
  }
  _removeItem(item) {
    if (item === this._root) throw aeError(this, "Can not remove the root folder.");
    if (this._renderQueue._rendering) throw aeError(this, "Can not remove items while rendering.");
    const doomed = [];
    const collect = (it) => {
      doomed.push(it);
      if (it instanceof FolderItem) for (const c of it._children) collect(c);
    };
    collect(item);
    const doomedSet = new Set(doomed);
    for (const c of this._itemMap.values()) {
      if (c instanceof CompItem && !doomedSet.has(c)) {
        for (const l of c._layers.slice()) if (doomedSet.has(l._source)) this._removeLayer(l, true);
      }
    }
    for (const rq of this._renderQueue._items.slice()) if (doomedSet.has(rq._comp)) {
      this._renderQueue._items.splice(this._renderQueue._items.indexOf(rq), 1);
      rq._removed = true;
    }
    item._parent._children.splice(item._parent._children.indexOf(item), 1);
    for (const it of doomed) {
      this._itemMap.delete(it._id);
      it._removed = true;
      if (it instanceof CompItem) for (const l of it._layers) l._removed = true;
      if (this._activeItem === it) this._activeItem = null;
    }
    this._structChanged();
    this._touch("Item.remove");
  }
  _removeLayer(layer, quiet) {
    const comp = layer._comp;
    comp._layers.splice(comp._layers.indexOf(layer), 1);
    for (const l of comp._layers) if (l._parentLayer === layer) l._parentLayer = null;
    layer._removed = true;
    if (!quiet) this._touch("Layer.remove");
  }
  get file() {
    return this._file ? new this._env.File(this._file.fsName) : null;
  }
  get rootFolder() {
    return this._root;
  }
  get items() {
    return this._itemsColl;
  }
  get numItems() {
    return this._itemMap.size;
  }
  get activeItem() {
    if (this._activeItem && !this._activeItem._removed) return this._activeItem;
    const sel = this.selection;
    return sel.length === 1 ? sel[0] : null;
  }
  // Where File › Import puts new items: the folder selected in the Project panel (the first
  // selected folder in panel order), else the root folder.
  _importFolder() {
    const folder = this._sortedItems().find((i) => i._selected && i instanceof FolderItem);
    return folder || this._root;
  }
  get selection() {
    // "All items selected in the Project panel, in the sort order shown in the Project panel."
    return this._sortedItems().filter((i) => i._selected);
  }
  get renderQueue() {
    return this._renderQueue;
  }
  get dirty() {
    return this._dirty;
  }
  get revision() {
    return this._revision;
  }
  get bitsPerChannel() {
    return this._bitsPerChannel;
  }
  set bitsPerChannel(v) {
    if (v !== 8 && v !== 16 && v !== 32) throw aeError(this, 'Unable to set "bitsPerChannel". Value must be 8, 16 or 32.');
    this._bitsPerChannel = v;
    this._touch("Project.bitsPerChannel");
  }
  get displayStartFrame() {
    return this._displayStartFrame;
  }
  set displayStartFrame(v) {
    if (v !== 0 && v !== 1) throw aeError(this, 'Unable to set "displayStartFrame". Value must be 0 or 1.');
    this._displayStartFrame = v;
    this._touch("Project.displayStartFrame");
  }
  get xmpPacket() {
    return this._xmp;
  }
  set xmpPacket(v) {
    requireString(this, "xmpPacket", v);
    this._env.validateXmp(v);
    this._xmp = v;
    this._touch("Project.xmpPacket");
  }
  get usedFonts() {
    return [];
  }
  item(i) {
    checkArgs(this, "item", arguments, 1);
    const list = this._sortedItems();
    if (typeof i !== "number" || i < 1 || i > list.length) throw aeError(this, "Item index " + i + " out of range 1 to " + list.length + ".");
    return list[i - 1];
  }
  itemByID(id) {
    checkArgs(this, "itemByID", arguments, 1);
    if (typeof id !== "number" || Math.floor(id) !== id || id < 0) throw err(this, 'Unable to call "itemByID" because of parameter 1. Value is not an unsigned integer.');
    return this._itemMap.get(id) || null;
  }
  layerByID(id) {
    if (typeof id !== "number" || Math.floor(id) !== id || id < 0) throw err(this, 'Unable to call "layerByID" because of parameter 1. Value is not an unsigned integer.');
    for (const c of this._itemMap.values()) if (c instanceof CompItem) for (const l of c._layers) if (l._id === id) return l;
    return null;
  }
  importFile(io) {
    checkArgs(this, "importFile", arguments, 1);
    if (!(io instanceof ImportOptions)) throw err(this, 'Unable to call "importFile" because of parameter 1. Value is not an ImportOptions object.');
    if (!io._file) throw aeError(this, "ImportOptions has no file.");
    return this._app._import(io);
  }
  importFileWithDialog() {
    this._env.sim.dialog("Project.importFileWithDialog");
    return null;
  }
  importPlaceholder(name, width, height, frameRate, duration) {
    checkArgs(this, "importPlaceholder", arguments, 5);
    const it = new PlaceholderItem(INTERNAL, this, requireString(this, "name", name), this._placeholderSource(this, name, width, height, frameRate, duration));
    return this._register(it, this._root);
  }
  save(file) {
    const F = this._env.File;
    if (file === undefined) {
      if (!this._file) {
        this._env.sim.dialog("Project.save (Save As dialog for an unsaved project)");
        throw err(this, "simulated After Effects: Project.save() on a project that was never saved opens a modal Save As dialog; pass a File.");
      }
      file = this._file;
    } else if (!(file instanceof F)) {
      throw err(this, 'Unable to call "save" because of parameter 1. Value is not a File.');
    }
    if (!file.parent || !file.parent.exists) throw aeError(this, 'Can not save the project to "' + file.fsName + '": the folder does not exist.');
    this._env.persist.write(this, file.fsName);
    this._file = new F(file.fsName);
    this._dirty = false;
    this._env.sim.counters.saves += 1;
    this._env.sim.count("Project.save:write");
  }
  saveWithDialog() {
    this._env.sim.dialog("Project.saveWithDialog");
    return false;
  }
  close(closeOptions) {
    checkArgs(this, "close", arguments, 1);
    if (closeOptions === CloseOptions.SAVE_CHANGES && this._dirty) {
      if (!this._file) {
        this._env.sim.dialog("Project.close (Save As dialog)");
        return false;
      }
      this.save();
    } else if (closeOptions === CloseOptions.PROMPT_TO_SAVE_CHANGES && this._dirty) {
      this._env.sim.dialog("Project.close (save changes prompt)");
    } else if (closeOptions !== CloseOptions.DO_NOT_SAVE_CHANGES && closeOptions !== CloseOptions.SAVE_CHANGES && closeOptions !== CloseOptions.PROMPT_TO_SAVE_CHANGES) {
      throw err(this, 'Unable to call "close" because of parameter 1. Value is not a CloseOptions value.');
    }
    this._app._replaceProject(null);
    return true;
  }
  consolidateFootage() {
    return 0;
  }
  removeUnusedFootage() {
    let n = 0;
    for (const it of [...this._itemMap.values()]) {
      if (it instanceof FootageItem && !it._removed && it.usedIn.length === 0) {
        this._removeItem(it);
        n += 1;
      }
    }
    return n;
  }
  reduceProject(keep) {
    const keepSet = new Set(keep);
    let n = 0;
    for (const it of [...this._itemMap.values()]) {
      if (!it._removed && !keepSet.has(it) && !(it instanceof FolderItem)) {
        this._removeItem(it);
        n += 1;
      }
    }
    return n;
  }
  showWindow(_doShow) {}
  autoFixExpressions(_a, _b) {}
  setDefaultImportFolder(_folder) {
    return true;
  }
  listColorProfiles() {
    return ["sRGB IEC61966-2.1", "Rec.709 Gamma 2.4", "ACEScg"];
  }
}

// Project settings that are plain read/write values.
for (const key of ["linearBlending", "workingSpace", "workingGamma", "expressionEngine", "gpuAccelType", "transparencyGridThumbnails", "linearizeWorkingSpace", "compensateForSceneReferredProfiles", "timeDisplayType", "framesCountType", "feetFramesFilmType", "framesUseFeetFrames", "footageTimecodeDisplayStartType", "toolType"]) {
  Object.defineProperty(Project.prototype, key, {
    configurable: true,
    get() {
      return this._settings[key];
    },
    set(v) {
      this._settings[key] = v;
    },
  });
}

// ---------------------------------------------------------------- ImportOptions

class ImportOptions {
  constructor(file) {
    this._file = null;
    this._importAs = ImportAsType.FOOTAGE;
    this._sequence = false;
    this._forceAlphabetical = false;
    this._rangeStart = 0;
    this._rangeEnd = 0;
    if (file !== undefined) this.file = file;
  }
  get file() {
    return this._file;
  }
  set file(f) {
    if (!f || typeof f.fsName !== "string" || typeof f.exists !== "boolean") throw new Error('Unable to set "file". Value is not a File.');
    if (!f.exists) throw new Error('After Effects error: ImportOptions: file "' + f.fsName + '" does not exist.');
    this._file = f;
  }
  get importAs() {
    return this._importAs;
  }
  set importAs(v) {
    if (!this.canImportAs(v)) throw new Error('After Effects error: Unable to set "importAs". This file can not be imported as the requested type.');
    this._importAs = v;
  }
  get sequence() {
    return this._sequence;
  }
  set sequence(v) {
    if (typeof v !== "boolean") throw new Error('Unable to set "sequence". Value is not a boolean.');
    this._sequence = v;
  }
  get forceAlphabetical() {
    return this._forceAlphabetical;
  }
  set forceAlphabetical(v) {
    if (typeof v !== "boolean") throw new Error('Unable to set "forceAlphabetical". Value is not a boolean.');
    this._forceAlphabetical = v;
  }
  get rangeStart() {
    return this._rangeStart;
  }
  set rangeStart(v) {
    this._rangeStart = v;
  }
  get rangeEnd() {
    return this._rangeEnd;
  }
  set rangeEnd(v) {
    this._rangeEnd = v;
  }
  canImportAs(type) {
    if (!this._file) return false;
    const kind = media.kindOf(this._file.fsName);
    const ext = media.extOf(this._file.fsName);
    if (type === ImportAsType.FOOTAGE) return kind === "still" || kind === "video" || kind === "audio";
    if (type === ImportAsType.COMP || type === ImportAsType.COMP_CROPPED_LAYERS) return media.LAYERED.has(ext) || kind === "project";
    if (type === ImportAsType.PROJECT) return kind === "project";
    return false;
  }
  isFileNameNumbered(file) {
    const m = /(\d+)/.exec(String(file && file.name !== undefined ? file.name : file));
    return { isNumbered: !!m, num: m ? parseInt(m[1], 10) : 0 };
  }
}

for (const cls of [ItemCollection, LayerCollection, OMCollection, RQItemCollection, PropertyBase, PropertyGroup, Property, Item, FolderItem, AVItem, CompItem, FootageSource, SolidSource, FootageItem, Layer, AVLayer, TextLayer, LightLayer, OutputModule, RenderQueueItem, RenderQueue, Project]) {
  instrument(cls, cls.name);
}

module.exports = {
  INTERNAL,
  enums: { CloseOptions, ImportAsType, RQItemStatus, PostRenderAction, GetSettingsFormat, LogType, PropertyType, PropertyValueType, BlendingMode, TrackMatteType, LayerQuality, FramesCountType, LightType },
  classes: {
    Collection,
    ItemCollection,
    LayerCollection,
    OMCollection,
    RQItemCollection,
    PropertyBase,
    PropertyGroup,
    Property,
    Item,
    FolderItem,
    AVItem,
    CompItem,
    FootageItem,
    PlaceholderItem,
    FootageSource,
    FileSource,
    SolidSource,
    PlaceholderSource,
    Layer,
    AVLayer,
    TextLayer,
    ShapeLayer,
    CameraLayer,
    LightLayer,
    OutputModule,
    RenderQueueItem,
    RenderQueue,
    Project,
    ImportOptions,
  },
  OM_TEMPLATES,
  aeError,
  err,
  instrument,
};
