"use strict";
// The simulated scripting DOM (index.js): The 1-based collections: project items, a composition's layers, the render queue and
// its output modules.

const { INTERNAL, aeError, checkArgs, err, guard, isArrayLike, requireInt, requireNumber, requireString } = require("./helpers");
// Later sections require this one: their classes are looked up when first used.
const items = () => require("./items");
const layers = () => require("./layers");
const renderQueue = () => require("./render-queue");

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
    const f = new (items().FolderItem)(INTERNAL, this._project, requireString(this, "name", name));
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
    if (!(item instanceof items().AVItem)) throw aeError(this, "Unable to call \"add\" because of parameter 1. Value is not an AVItem.");
    if (item._removed) throw err(this, "Object is invalid");
    if (item instanceof items().CompItem && (item === this._comp || item._containsComp(this._comp))) {
      throw aeError(this, "Can't add a composition to itself (circular reference).");
    }
    const layer = new (layers().AVLayer)(INTERNAL, this._comp, item);
    if (duration !== undefined && (item instanceof items().FootageItem && item._info().isStill)) {
      layer._outPoint = layer._inPoint + requireNumber(this, "duration", duration, 0, 10800);
    }
    return this._comp._insertLayer(layer);
  }
  addNull(duration) {
    const solid = this._comp._project._solidFootage("Null " + (this._comp._countLayers((l) => l._null) + 1), [1, 1, 1], 100, 100);
    const layer = new (layers().AVLayer)(INTERNAL, this._comp, solid);
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
    const layer = new (layers().AVLayer)(INTERNAL, this._comp, solid);
    if (duration !== undefined) layer._outPoint = requireNumber(this, "duration", duration, 0, 10800);
    return this._comp._insertLayer(layer);
  }
  addText(sourceText) {
    const layer = new (layers().TextLayer)(INTERNAL, this._comp, sourceText === undefined ? "" : String(sourceText));
    return this._comp._insertLayer(layer);
  }
  addBoxText(size, sourceText) {
    checkArgs(this, "addBoxText", arguments, 1);
    return this.addText(sourceText);
  }
  addShape() {
    return this._comp._insertLayer(new (layers().ShapeLayer)(INTERNAL, this._comp));
  }
  addCamera(name, centerPoint) {
    checkArgs(this, "addCamera", arguments, 2);
    const layer = new (layers().CameraLayer)(INTERNAL, this._comp, requireString(this, "name", name));
    layer._transform._prop("ADBE Position")._value = [centerPoint[0], centerPoint[1], -2666.7];
    return this._comp._insertLayer(layer);
  }
  addLight(name, centerPoint) {
    checkArgs(this, "addLight", arguments, 2);
    const layer = new (layers().LightLayer)(INTERNAL, this._comp, requireString(this, "name", name));
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
    const layer = new (layers().AVLayer)(INTERNAL, comp, inner);
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
    const om = new (renderQueue().OutputModule)(INTERNAL, this._rq, this._rq._oms[0] ? this._rq._oms[0]._file : null);
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
    if (!(comp instanceof items().CompItem)) throw aeError(this, 'Unable to call "add" because of parameter 1. Value is not a CompItem.');
    if (comp._removed) throw err(this, "Object is invalid");
    this._rqueue._checkIdle();
    const item = new (renderQueue().RenderQueueItem)(INTERNAL, this._rqueue, comp);
    this._rqueue._items.push(item);
    comp._project._touch("RQItemCollection.add");
    return item;
  }
}

module.exports = { Collection, ItemCollection, LayerCollection, OMCollection, RQItemCollection };
