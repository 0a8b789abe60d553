"use strict";
// The simulated scripting DOM (index.js): Layers of a composition: AV, text, shape, camera and light layers.

const { PropertyGroup, makeTransform } = require("./properties");
const { INTERNAL, aeError, checkArgs, err, requireBool, requireInt, requireNumber, requireString } = require("./helpers");
const { AVItem, CompItem, FootageItem } = require("./items");
const { BlendingMode, LayerQuality, LightType, TrackMatteType } = require("./enums");

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

module.exports = { Layer, AVLayer, TextLayer, ShapeLayer, CameraLayer, LightLayer };
