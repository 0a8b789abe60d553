"use strict";
// The simulated scripting DOM (index.js): Project items: folders, compositions, footage and placeholders, and footage sources.

const fs = require("fs");
const media = require("../media");
const { INTERNAL, aeError, checkArgs, err, frameOf, guard, indexable, isArrayLike, nameCompare, requireBool, requireInt, requireNumber, requireString } = require("./helpers");
const { ItemCollection, LayerCollection } = require("./collections");
// Later sections require this one: their classes are looked up when first used.
const layers = () => require("./layers");

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
    return this._layers.some((l) => l instanceof layers().AVLayer && l.hasAudio);
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
    return this._layers.find((l) => l instanceof layers().CameraLayer && l._enabled) || null;
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
    if (a instanceof layers().Layer) {
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

module.exports = { Item, FolderItem, AVItem, CompItem, FootageSource, FileSource, SolidSource, PlaceholderSource, FootageItem, PlaceholderItem };
