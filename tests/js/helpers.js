"use strict";
// Shared helpers of the node tests: a seeded random source, random JSON values with hostile
// strings, a realm-independent comparison, the generated host dispatcher in a fresh vm context,
// and bounded waits.

const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const ROOT = path.resolve(__dirname, "..", "..");
const HOST_JSX = path.join(ROOT, "generated", "cep", "aerpc-host.jsx");
const PANEL_JS = path.join(ROOT, "generated", "cep", "aerpc-panel.js");
// The ES3 library (the dispatcher, then the codec) and the schema's generated tables: what the
// extension's ExtendScript holds apart from the host library.
const ES3_SCRIPTS = [
  path.join(ROOT, "runtime", "extendscript", "aerpc-dispatch.jsx"),
  path.join(ROOT, "runtime", "extendscript", "aerpc-json.jsx"),
  HOST_JSX,
];

/** The panel API (what a page sees as `Aerpc`): the panel library bound to a contract. */
function loadAerpc(contractPath) {
  return require(path.join(ROOT, "runtime", "panel")).load(require(contractPath || PANEL_JS));
}

/** mulberry32: a small seeded PRNG, so a failing case can be replayed from its seed. */
function prng(seed) {
  let a = seed >>> 0;
  return function random() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = Number(process.env.AERPC_FUZZ_SEED || 20240611);

// Pieces that have broken string handling somewhere: quotes, backslashes, comment and script
// terminators, ES3 line terminators, NUL and controls, escapes as text, surrogates alone and
// paired, emoji, combining marks, the BOM, noncharacters.
const HOSTILE = [
  "\"", "'", "\\", "\\\\", "\\\"", "*/", "/*", "//", "</script>", "<!--", "-->", "${x}", "`",
  "\u2028", "\u2029", "\u0000", "\u0001", "\u001f", "\u007f", "\u0085", "\b", "\f", "\n", "\r",
  "\t", "\r\n", "\\u0041", "\\n", "\ud800", "\udbff", "\udc00", "\udfff", "\ud83d\ude00",
  "\ud83d", "\ude00x", "\u00e9", "e\u0301", "\ufeff", "\ufffe", "\uffff", "\u4e2d\u6587",
  "');alert(1);//", "\");$.evalFile(\"x\");//", "]]>", "%s", "\u202e", "null", "true", "0",
  "__proto__", "constructor", "toString", "hasOwnProperty",
];

function randomString(random, maxLength) {
  const length = Math.floor(random() * (maxLength + 1));
  const parts = [];
  for (let i = 0; i < length; i += 1) {
    const r = random();
    if (r < 0.3) {
      parts.push(HOSTILE[Math.floor(random() * HOSTILE.length)]);
    } else if (r < 0.55) {
      parts.push(String.fromCharCode(32 + Math.floor(random() * 95)));
    } else if (r < 0.8) {
      parts.push(String.fromCharCode(Math.floor(random() * 0x10000))); // any code unit
    } else {
      parts.push(String.fromCodePoint(0x10000 + Math.floor(random() * 0xfffff)));
    }
  }
  return parts.join("");
}

function randomNumber(random) {
  const r = random();
  if (r < 0.15) return Math.floor(random() * 2000) - 1000;
  if (r < 0.25) return (random() < 0.5 ? -1 : 1) * Math.floor(random() * Number.MAX_SAFE_INTEGER);
  if (r < 0.3) return random() < 0.5 ? 0 : -0;
  if (r < 0.4) return (random() - 0.5) * Math.pow(10, Math.floor(random() * 40) - 20);
  if (r < 0.5) return (random() < 0.5 ? -1 : 1) * random() * Math.pow(10, Math.floor(random() * 600) - 300);
  if (r < 0.55) return [5e-324, 1.7976931348623157e308, 1e21, 1e-7, 123456789012345680000, 0.1 + 0.2][Math.floor(random() * 6)];
  return random() * 100;
}

/**
 * A random JSON value. keys: whether object keys may be hostile strings (never "__proto__",
 * which the ES3 codec refuses on purpose).
 */
function randomJson(random, depth) {
  const r = random();
  if (depth <= 0 || r < 0.35) {
    const s = random();
    if (s < 0.45) return randomString(random, 12);
    if (s < 0.8) return randomNumber(random);
    if (s < 0.9) return random() < 0.5;
    return null;
  }
  if (r < 0.65) {
    const n = Math.floor(random() * 6);
    const array = [];
    for (let i = 0; i < n; i += 1) array.push(randomJson(random, depth - 1));
    return array;
  }
  const n = Math.floor(random() * 6);
  const object = {};
  for (let i = 0; i < n; i += 1) {
    let key = random() < 0.5 ? randomString(random, 6) : "k" + Math.floor(random() * 10);
    if (key === "__proto__") key = "proto";
    object[key] = randomJson(random, depth - 1);
  }
  return object;
}

/** Deep equality that works across vm realms and tells -0 from 0; key order included. */
function sameJson(a, b, where) {
  const at = where || "$";
  if (typeof a !== typeof b) return at + ": " + typeof a + " vs " + typeof b;
  if (typeof a === "number") return Object.is(a, b) ? null : at + ": " + a + " vs " + b;
  if (a === null || b === null || typeof a !== "object") return a === b ? null : at + ": " + JSON.stringify(a) + " vs " + JSON.stringify(b);
  if (Array.isArray(a) !== Array.isArray(b)) return at + ": array vs object";
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return at + ": " + ka.length + " keys vs " + kb.length;
  for (let i = 0; i < ka.length; i += 1) {
    if (ka[i] !== kb[i]) return at + ": key " + JSON.stringify(ka[i]) + " vs " + JSON.stringify(kb[i]);
    const inner = sameJson(a[ka[i]], b[kb[i]], at + "[" + JSON.stringify(ka[i]) + "]");
    if (inner !== null) return inner;
  }
  return null;
}

/** A fresh vm context holding the ES3 library and tables (and a fake $), plus extra sources. */
function hostContext(extraSources, env) {
  const context = vm.createContext({
    $: {
      getenv: (name) => {
        const value = (env || {})[name];
        return value === undefined ? null : value;
      },
    },
  });
  for (const file of ES3_SCRIPTS) vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  for (const source of extraSources || []) vm.runInContext(source, context, { filename: "fixture.jsx" });
  return context;
}

/** Resolve when predicate() holds, polling on the event loop; reject after timeoutMs. */
function waitFor(predicate, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      let value;
      try {
        value = predicate();
      } catch (error) {
        reject(error);
        return;
      }
      if (value) {
        resolve(value);
      } else if (Date.now() > deadline) {
        reject(new Error("timed out after " + timeoutMs + " ms waiting for " + (what || "a condition")));
      } else {
        setTimeout(check, 2);
      }
    };
    check();
  });
}

/** The first event of emitter-like `subscribe(listener) -> unsubscribe` matching predicate. */
function nextEvent(subscribe, predicate, timeoutMs, what) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error("timed out after " + timeoutMs + " ms waiting for " + (what || "an event")));
    }, timeoutMs);
    const off = subscribe((event) => {
      if (predicate(event)) {
        clearTimeout(timer);
        off();
        resolve(event);
      }
    });
  });
}

module.exports = {
  ROOT, HOST_JSX, PANEL_JS, ES3_SCRIPTS, SEED, HOSTILE, loadAerpc,
  prng, randomString, randomJson, sameJson, hostContext, waitFor, nextEvent,
};
