"use strict";
// The ExtendScript stand-in's realm: a vm context whose built-in library is cut back to what
// ExtendScript (ECMAScript 3 plus Adobe's additions) offers, so a host script that calls an
// ES5+ function fails here as it would in After Effects, even when the call goes through a
// variable or comes from a library the script loads (which a lint cannot see).
//
// Syntax cannot be removed from V8 (let/const, arrow functions, getters in literals still
// parse); the host library's lint and type check hold that line.

const vm = require("vm");

// What is deleted, by owner. Everything here is ES5 or later; ExtendScript has none of it.
const REMOVED = {
  global: [
    "JSON",
    "Promise",
    "Map",
    "Set",
    "WeakMap",
    "WeakSet",
    "WeakRef",
    "FinalizationRegistry",
    "Symbol",
    "Proxy",
    "Reflect",
    "BigInt",
    "ArrayBuffer",
    "SharedArrayBuffer",
    "DataView",
    "Atomics",
    "Int8Array",
    "Uint8Array",
    "Uint8ClampedArray",
    "Int16Array",
    "Uint16Array",
    "Int32Array",
    "Uint32Array",
    "Float32Array",
    "Float64Array",
    "BigInt64Array",
    "BigUint64Array",
    "Intl",
    "WebAssembly",
    "AggregateError",
    "globalThis",
  ],
  Object: [
    "keys",
    "create",
    "defineProperty",
    "defineProperties",
    "getPrototypeOf",
    "setPrototypeOf",
    "freeze",
    "isFrozen",
    "seal",
    "isSealed",
    "preventExtensions",
    "isExtensible",
    "getOwnPropertyNames",
    "getOwnPropertyDescriptor",
    "getOwnPropertyDescriptors",
    "getOwnPropertySymbols",
    "assign",
    "entries",
    "values",
    "fromEntries",
    "is",
    "hasOwn",
    "groupBy",
  ],
  "Object.prototype": ["__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__"],
  Array: ["isArray", "from", "of"],
  "Array.prototype": [
    "indexOf",
    "lastIndexOf",
    "forEach",
    "map",
    "filter",
    "reduce",
    "reduceRight",
    "some",
    "every",
    "find",
    "findIndex",
    "findLast",
    "findLastIndex",
    "fill",
    "copyWithin",
    "includes",
    "flat",
    "flatMap",
    "keys",
    "values",
    "entries",
    "at",
    "toReversed",
    "toSorted",
    "toSpliced",
    "with",
  ],
  String: ["fromCodePoint", "raw"],
  "String.prototype": [
    "trim",
    "trimStart",
    "trimEnd",
    "trimLeft",
    "trimRight",
    "includes",
    "startsWith",
    "endsWith",
    "repeat",
    "padStart",
    "padEnd",
    "codePointAt",
    "normalize",
    "at",
    "replaceAll",
    "matchAll",
    "isWellFormed",
    "toWellFormed",
  ],
  Number: ["isInteger", "isFinite", "isNaN", "isSafeInteger", "parseFloat", "parseInt", "EPSILON", "MAX_SAFE_INTEGER", "MIN_SAFE_INTEGER"],
  Math: ["trunc", "sign", "cbrt", "log2", "log10", "log1p", "expm1", "hypot", "clz32", "fround", "imul", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh"],
  Date: ["now"],
  "Date.prototype": ["toISOString", "toJSON"],
  "Function.prototype": ["bind"],
  // Error.stackTraceLimit stays: without it V8 records no `stack`, where the dispatcher finds
  // the line and file that ExtendScript puts on its errors as `line`/`fileName`.
  Error: ["captureStackTrace"],
};

// The ES3 constructors a realm's objects come from, read before any script can replace them,
// and a maker of realm functions that call node code (so a DOM method has the realm's
// Function.prototype: no `bind`).
const INTRINSICS =
  "({ Array: [].constructor, Object: ({}).constructor, Date: Date, Error: Error," +
  " functionCalling: function (call) { return function () { return call(this, arguments); }; } })";

function stripSource() {
  const lines = [];
  for (const [owner, names] of Object.entries(REMOVED)) {
    const target = owner === "global" ? "this" : owner;
    for (const name of names) lines.push("delete " + target + "[" + JSON.stringify(name) + "];");
  }
  return lines.join("\n");
}
const STRIP = stripSource();

const realms = new WeakMap();

/**
 * Contextify `globals` (if it is not yet a context) and remove the ES5+ library from it.
 * Returns the context (the same object). Idempotent.
 */
function createStrictContext(globals) {
  const context = vm.isContext(globals) ? globals : vm.createContext(globals);
  if (!realms.has(context)) {
    const intrinsics = vm.runInContext(INTRINSICS, context, { filename: "aerpc-realm" });
    vm.runInContext(STRIP, context, { filename: "aerpc-realm" });
    realms.set(context, intrinsics);
  }
  return context;
}

/** The realm's own Array/Object/Date/Error constructors, or null for a context not made here. */
function intrinsicsOf(context) {
  return realms.get(context) || null;
}

/** True when `context` is a strict ExtendScript realm. */
function isStrict(context) {
  return realms.has(context);
}

module.exports = { createStrictContext, intrinsicsOf, isStrict, REMOVED };
