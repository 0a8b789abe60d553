"use strict";
// The simulated scripting DOM (index.js): Properties and property groups (a layer's Transform, effects), with keyframes.

const { INTERNAL, aeError, checkArgs, err, guard, isArrayLike, requireBool, requireNumber, requireString } = require("./helpers");
const { PropertyType, PropertyValueType } = require("./enums");
// Later sections require this one: their classes are looked up when first used.
const layers = () => require("./layers");

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
    while (o && !(o instanceof layers().Layer)) o = o._owner;
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
    while (o && !(o instanceof layers().Layer)) {
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

module.exports = { PropertyBase, PropertyGroup, Property, makeTransform };
