"use strict";
// The simulated scripting DOM (index.js): What every DOM class builds on: the construction token, After Effects' errors, argument
// checks, 1-based indexing, and the call counting (instrument).

const INTERNAL = Symbol("aerpc.sim.internal");

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

module.exports = { INTERNAL, err, aeError, requireNumber, requireInt, requireString, requireBool, checkArgs, isArrayLike, frameOf, nameCompare, instrument, guard, indexable };
