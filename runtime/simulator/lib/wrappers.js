"use strict";
// What a script sees of the simulated object model: After Effects hands a script a new wrapper
// object on every access (`app.project.item(1) !== app.project.item(1)`; identity is `.id`).
// This membrane does the same for the simulator's node objects:
//
// - every DOM object read from an attribute, returned by a method or found in a returned array
//   is a new Proxy of the node object (so `===` between two reads is false, as in AE);
// - `for…in` lists the object's public attributes, never the simulator's `_private` fields,
//   and reading a `_private` name gives undefined;
// - a property a script adds to a wrapper lives on that wrapper only (the next access returns
//   a wrapper without it), so code that caches data on a DOM object fails here as it would;
// - arrays, plain objects and dates handed to the script are made in the script's realm (so an
//   ES5 method is missing on them, as on everything else in the strict realm); arrays handed
//   to the DOM are copied to node arrays with every wrapper unwrapped.
//
// The DOM's own code never sees a wrapper: `this` and every argument are unwrapped on the way in.

const TARGET = new WeakMap(); // wrapper -> node object

function isPrivate(key) {
  return typeof key === "string" && key.charAt(0) === "_";
}

// The public attributes of a DOM object: accessors of its class chain, public own fields.
const attributeCache = new WeakMap(); // prototype -> names
function attributesOf(obj) {
  const proto = Object.getPrototypeOf(obj);
  let names = attributeCache.get(proto);
  if (!names) {
    names = [];
    for (let p = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
      for (const key of Object.getOwnPropertyNames(p)) {
        const d = Object.getOwnPropertyDescriptor(p, key);
        if (d.get && !isPrivate(key) && !names.includes(key)) names.push(key);
      }
    }
    attributeCache.set(proto, names);
  }
  const own = Object.keys(obj).filter((k) => !isPrivate(k) && typeof obj[k] !== "function" && !names.includes(k));
  return names.concat(own);
}

/**
 * A membrane over the DOM classes `roots` (a value is wrapped when it is an instance of one of
 * them) into the script realm `realm` (lib/realm.js intrinsicsOf: its Array, Object, Date and
 * functionCalling).
 */
function createMembrane(roots, realm) {
  const isDom = (v) => v !== null && typeof v === "object" && roots.some((c) => v instanceof c);
  const methodCache = new WeakMap(); // node function -> script-facing function

  function toScript(v) {
    if (v === null || v === undefined) return v;
    const t = typeof v;
    if (t === "function") return methodFor(v);
    if (t !== "object") return v;
    if (TARGET.has(v)) return v;
    if (isDom(v)) return wrap(v);
    if (Array.isArray(v) && !(v instanceof realm.Array)) {
      const out = new realm.Array();
      for (let i = 0; i < v.length; i += 1) out[i] = toScript(v[i]);
      return out;
    }
    if (v instanceof Date) return new realm.Date(v.getTime());
    if (Object.getPrototypeOf(v) === Object.prototype) {
      const out = new realm.Object();
      for (const k of Object.keys(v)) out[k] = toScript(v[k]);
      return out;
    }
    return v;
  }

  function toDom(v) {
    if (v === null || typeof v !== "object") return v;
    if (TARGET.has(v)) return TARGET.get(v);
    if (Array.isArray(v)) return Array.from(v, toDom);
    return v;
  }

  // The script-facing DOM method: a realm function (no ES5 `bind` on it) that unwraps `this`
  // and the arguments and wraps the result.
  function methodFor(fn) {
    let m = methodCache.get(fn);
    if (!m) {
      m = realm.functionCalling((self, args) => toScript(fn.apply(toDom(self), Array.from(args, toDom))));
      methodCache.set(fn, m);
    }
    return m;
  }

  function wrap(obj) {
    const expando = Object.create(null); // this wrapper's own script-added properties
    const handler = {
      get(t, key) {
        if (typeof key === "symbol") return Reflect.get(t, key, t);
        if (key in expando) return expando[key];
        // ExtendScript's reflection interface: `obj.reflect.name` is the object's class name
        // ("CompItem"). Only `name` is modelled; the host's run_jsx_file describes objects by it.
        if (key === "reflect") return toScript({ name: t.constructor.name });
        if (isPrivate(key)) return undefined;
        return toScript(Reflect.get(t, key, t));
      },
      set(t, key, value) {
        if (typeof key === "string" && !isPrivate(key) && !(key in t)) {
          expando[key] = value;
          return true;
        }
        if (isPrivate(key)) {
          expando[key] = value;
          return true;
        }
        t[key] = toDom(value); // the DOM's setter (and its checks) runs on the node object
        return true;
      },
      has(t, key) {
        if (key in expando) return true;
        if (isPrivate(key)) return false;
        return Reflect.has(t, key);
      },
      deleteProperty(_t, key) {
        delete expando[key];
        return true;
      },
      ownKeys(t) {
        const keys = attributesOf(t).concat(Object.keys(expando));
        for (const k of Reflect.ownKeys(t)) {
          const d = Reflect.getOwnPropertyDescriptor(t, k);
          if (d && !d.configurable && !keys.includes(k)) keys.push(k);
        }
        return keys;
      },
      getOwnPropertyDescriptor(t, key) {
        if (key in expando) return { value: expando[key], writable: true, enumerable: true, configurable: true };
        const d = Reflect.getOwnPropertyDescriptor(t, key);
        if (d && !d.configurable) return d;
        if (typeof key === "string" && attributesOf(t).includes(key)) {
          // Enumerable, as After Effects' attributes are; the value is read through `get`.
          return { value: undefined, writable: true, enumerable: true, configurable: true };
        }
        return undefined;
      },
      defineProperty(_t, key, d) {
        expando[key] = d.value;
        return true;
      },
    };
    const proxy = new Proxy(obj, handler);
    TARGET.set(proxy, obj);
    return proxy;
  }

  return { toScript, toDom, wrap, unwrap: (v) => (TARGET.has(v) ? TARGET.get(v) : v) };
}

module.exports = { createMembrane };
