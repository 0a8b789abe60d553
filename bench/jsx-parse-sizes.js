#!/usr/bin/env node
"use strict";
// Where the ES3 codec's two ways of parsing cross over, by text size: the exact hand-written
// parser against the proof by native RegExp passes followed by the engine's own parser (eval),
// and json2.js for scale, in the ES3 realm (runtime/simulator/lib/realm.js). Run it twice:
//
//   taskset -c 1 node --jitless bench/jsx-parse-sizes.js   # ExtendScript's proxy (interpreter)
//   taskset -c 1 node bench/jsx-parse-sizes.js             # the node stand-in's V8 with its JIT
//
// The texts are JSON-RPC requests whose params hold 0 to 1,024 project-like items (the shape of
// bench/jsx-jitless.js), each text used once: every request a panel sends carries its own id,
// and an engine that caches what eval compiled (V8 does) would otherwise read a repeated text
// for free. Prints, per size, CPU microseconds per parse of each way and exact/fast (above 1: eval is
// faster), the median over --rounds rounds (default 5) in alternation. The codec's
// parse switches from the exact parser to eval at __aerpc.json.EVAL_FROM characters.

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const ROOT = path.resolve(__dirname, "..");
const { createStrictContext } = require(path.join(ROOT, "runtime", "simulator", "lib", "realm.js"));

const ES3 = ["aerpc-dispatch.jsx", "aerpc-json.jsx"].map((name) => path.join(ROOT, "runtime", "extendscript", name));
const JSON2 = require.resolve("JSON2/json2.js", { paths: [ROOT] });

function realm(files) {
  const context = createStrictContext({ $: { getenv: () => null } });
  vm.runInContext("var window = this;", context);
  for (const file of files) vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  return context;
}

function item(i) {
  const shot = "sh" + String(i).padStart(5, "0");
  return {
    id: 1000 + i,
    name: i % 10 === 0 ? "folder \"" + shot + "\" caf\u00e9" : shot + "_plate\u2028v002 \"main\" \u00e9t\u00e9",
    type: i % 10 === 0 ? "folder" : i % 5 === 0 ? "comp" : "footage",
    path: i % 5 === 0 ? null : "C:\\projects\\show\\" + shot + "\\publish\\plate\\v002\\" + shot + "_plate.1001.exr",
    containing_comps: i % 10 === 0 ? [] : [1000 + Math.floor(i / 5) * 5],
    parent_folder_id: i % 10 === 0 ? null : 1000 + Math.floor(i / 10) * 10,
    duration: (i % 7) * 1.5 + 0.04,
  };
}

// A request per call, each with its own id: `calls` distinct texts of about the same size.
function texts(items, calls, salt) {
  const params = items === 0 ? { comps: true, folders: false, footages: false } : { items: [] };
  for (let i = 0; i < items; i += 1) params.items.push(item(i));
  const body = JSON.stringify(params);
  const out = [];
  for (let i = 0; i < calls; i += 1) {
    out.push("{\"jsonrpc\":\"2.0\",\"id\":\"py:" + salt + ":" + i + "\",\"method\":\"get_items\",\"params\":" + body + "}");
  }
  return out;
}

function median(values) {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function cpuPerCall(fn, list) {
  const t0 = process.cpuUsage();
  for (let i = 0; i < list.length; i += 1) fn(list[i]);
  const used = process.cpuUsage(t0);
  return (used.user + used.system) / list.length;
}

function main() {
  const argv = process.argv.slice(2);
  const at = argv.indexOf("--rounds");
  const rounds = at >= 0 ? Number(argv[at + 1]) : 5;
  const context = realm(ES3);
  const codec = vm.runInContext("__aerpc.json", context);
  const json2 = vm.runInContext("JSON", realm([JSON2]));
  const exact = (t) => codec.parseExactly(t);
  const fast = (t) => codec.parseFast(t);
  const ref = (t) => json2.parse(t);
  const check = texts(3, 1, "check")[0];
  for (const fn of [exact, fast, ref]) {
    if (JSON.stringify(fn(check)) !== check) throw new Error("a parser disagrees with V8");
  }
  const jitless = process.execArgv.includes("--jitless");
  process.stdout.write("node " + process.version + (jitless ? " --jitless" : " (JIT)") + ", " + rounds +
    " rounds, EVAL_FROM " + codec.EVAL_FROM + "\n");
  process.stdout.write("items".padStart(6) + "chars".padStart(9) + "exact us".padStart(12) + "fast us".padStart(12) +
    "json2 us".padStart(12) + "exact/fast".padStart(12) + "json2/parse".padStart(13) + "\n");
  for (const items of [0, 1, 2, 4, 8, 16, 32, 64, 256, 1024]) {
    const size = texts(items, 1, "size")[0].length;
    const calls = Math.max(4, Math.min(4000, Math.floor(400000 / size)));
    const a = [];
    const b = [];
    const c = [];
    const d = [];
    const ratio = [];
    for (let r = -1; r < rounds; r += 1) {
      const salt = r + 2;
      const x = cpuPerCall(exact, texts(items, calls, "e" + salt));
      const y = cpuPerCall(fast, texts(items, calls, "f" + salt));
      const z = cpuPerCall(ref, texts(items, calls, "j" + salt));
      const p = cpuPerCall((t) => codec.parse(t), texts(items, calls, "p" + salt));
      if (r < 0) continue; // warm-up
      a.push(x);
      b.push(y);
      c.push(z);
      d.push(z / p);
      ratio.push(x / y);
    }
    const fmt = (us) => (us < 1000 ? us.toFixed(2) : us.toFixed(0)).padStart(12);
    process.stdout.write(String(items).padStart(6) + String(size).padStart(9) + fmt(median(a)) + fmt(median(b)) +
      fmt(median(c)) + median(ratio).toFixed(2).padStart(12) + median(d).toFixed(2).padStart(13) + "\n");
  }
}

main();
