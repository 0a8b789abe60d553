#!/usr/bin/env node
"use strict";
// The ExtendScript side under an interpreter: aerpc's ES3 codec and dispatcher
// (runtime/extendscript/) against Douglas Crockford's json2.js (the npm package JSON2, the
// library the reference AYON extension loads into ExtendScript), both in the same kind of realm:
// a vm context cut back to ES3's library (runtime/simulator/lib/realm.js, no JSON global).
// Meant to run under `node --jitless` (V8's Ignition interpreter only, no optimising
// compiler), a proxy for ExtendScript's interpreter; see bench/README.md for its limits.
//
//   taskset -c 1 node --jitless bench/jsx-jitless.js [--rounds N] [--output FILE.json]
//
// (`make bench` runs it so and puts its figures in the results, under "jitless".)
//
// Rows, each timed for aerpc and json2 in alternation within every round (ratio per round,
// then the median over rounds):
//   * stringify / parse of a small JSON-RPC request and of a 10,000-item project-like value
//     (ids, names with quotes, e-acute and U+2028, Windows paths with backslashes);
//   * dispatch: one small call end to end in the realm, request text in, envelope text out.
//     aerpc: __aerpc_dispatch(text); json2: the reference's pattern, JSON.parse(text), the host
//     function, JSON.stringify of {ok, result} (no checks: the floor of what a dispatcher does).

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const ROOT = path.resolve(__dirname, "..");
const { createStrictContext } = require(path.join(ROOT, "runtime", "simulator", "lib", "realm.js"));

const ES3 = ["aerpc-dispatch.jsx", "aerpc-json.jsx"].map((name) => path.join(ROOT, "runtime", "extendscript", name));
const JSON2 = require.resolve("JSON2/json2.js", { paths: [ROOT] });

// The host function both dispatchers call: the one-item answer of the bench's small get_items.
const HOST = "function getItems(params) { return [{id: 42, name: \"sh010_comp\", type: \"comp\"," +
  " path: null, containing_comps: [], parent_folder_id: null}]; }";

function realm(files, extra) {
  const context = createStrictContext({ $: { getenv: () => null } });
  // The npm port of json2.js puts JSON on `exports` or `window.JSON`: here, the realm's global.
  vm.runInContext("var window = this;", context);
  for (const file of files) vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  vm.runInContext(extra, context, { filename: "bench-jitless.jsx" });
  return context;
}

function aerpcSide() {
  const context = realm(ES3, HOST + "\n__aerpc.install({runtimeAbi: __aerpc.RUNTIME_ABI, schema: {hash: \"bench\"}," +
    " methods: {get_items: {fn: \"getItems\", params: [\"comps\", \"folders\", \"footages\"]}}, errors: {}}," +
    " {}); __aerpc.provide({getItems: getItems});");
  const codec = vm.runInContext("__aerpc.json", context);
  return { parse: codec.parse, stringify: codec.stringify, dispatch: vm.runInContext("__aerpc_dispatch", context) };
}

function json2Side() {
  const context = realm([JSON2], HOST + "\nfunction __json2_dispatch(text) {" +
    " var request = JSON.parse(text);" +
    " return JSON.stringify({ok: true, result: getItems(request.params)}); }");
  const codec = vm.runInContext("JSON", context);
  return { parse: (t) => codec.parse(t), stringify: (v) => codec.stringify(v), dispatch: vm.runInContext("__json2_dispatch", context) };
}

/** 10,000 items shaped like a project's: what a pipeline asks After Effects for. */
function projectItems(count) {
  const items = [];
  for (let i = 0; i < count; i += 1) {
    const shot = "sh" + String(i).padStart(5, "0");
    items.push({
      id: 1000 + i,
      name: i % 10 === 0 ? "folder \"" + shot + "\" caf\u00e9" : shot + "_plate\u2028v002 \"main\" \u00e9t\u00e9",
      type: i % 10 === 0 ? "folder" : i % 5 === 0 ? "comp" : "footage",
      path: i % 5 === 0 ? null : "C:\\projects\\show\\" + shot + "\\publish\\plate\\v002\\" + shot + "_plate.1001.exr",
      containing_comps: i % 10 === 0 ? [] : [1000 + Math.floor(i / 5) * 5, 1000 + Math.floor(i / 10) * 10 + 5],
      parent_folder_id: i % 10 === 0 ? null : 1000 + Math.floor(i / 10) * 10,
      duration: (i % 7) * 1.5 + 0.04,
    });
  }
  return items;
}

const SMALL = { jsonrpc: "2.0", id: "py:1", method: "get_items", params: { comps: true, folders: false, footages: false } };

function median(values) {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * CPU µs per call of fn over `calls` calls: the process's CPU time (user + system), not the
 * wall clock, so other processes on a shared machine shift it less (GC threads count too).
 */
function timeOnce(fn, inputs) {
  const t0 = process.cpuUsage();
  for (let i = 0; i < inputs.length; i += 1) fn(inputs[i]);
  const used = process.cpuUsage(t0);
  return (used.user + used.system) / inputs.length;
}

// The inputs of one timed pass: `calls` times the same value, or for a request text `calls`
// texts each with an id of its own, never used before in the process (a panel's requests each
// carry their own id, and V8 keeps what eval compiled per source text: a repeated text would
// be read for free by both sides, whose parsers use eval).
let serial = 0;
function inputs(value, calls) {
  const out = [];
  for (let i = 0; i < calls; i += 1) {
    if (typeof value !== "string") {
      out.push(value);
    } else {
      serial += 1;
      out.push(value.replace("\"py:1\"", "\"py:" + serial + "\""));
    }
  }
  return out;
}

function main() {
  const argv = process.argv.slice(2);
  const at = argv.indexOf("--rounds");
  const rounds = at >= 0 ? Number(argv[at + 1]) : 7;
  const ours = aerpcSide();
  const ref = json2Side();
  const big = projectItems(10000);
  const smallText = JSON.stringify(SMALL);
  const bigText = JSON.stringify(big);
  // Both sides must give the same values (else the comparison means nothing).
  for (const [label, value, text] of [["small", SMALL, smallText], ["10k", big, bigText]]) {
    for (const [name, side] of [["aerpc", ours], ["json2", ref]]) {
      if (JSON.stringify(side.parse(text)) !== text) throw new Error(name + " parse disagrees with V8 (" + label + ")");
      if (JSON.stringify(JSON.parse(side.stringify(value))) !== text) throw new Error(name + " stringify disagrees (" + label + ")");
    }
  }
  const envelope = ours.dispatch(smallText);
  if (JSON.stringify(JSON.parse(envelope)) !== ref.dispatch(smallText)) throw new Error("the dispatchers disagree: " + envelope);
  // The 10k-item value is parsed as a request's params, so that each call's text too has an id
  // of its own.
  const bigRequest = "{\"jsonrpc\":\"2.0\",\"id\":\"py:1\",\"method\":\"get_items\",\"params\":" + bigText + "}";
  const cases = [
    ["stringify", "small request", (v) => ours.stringify(v), (v) => ref.stringify(v), 8000, SMALL],
    ["parse", "small request", (t) => ours.parse(t), (t) => ref.parse(t), 8000, smallText],
    ["dispatch", "small call", (t) => ours.dispatch(t), (t) => ref.dispatch(t), 4000, smallText],
    ["stringify", "10k items", (v) => ours.stringify(v), (v) => ref.stringify(v), 2, big],
    ["parse", "10k items", (t) => ours.parse(t), (t) => ref.parse(t), 2, bigRequest],
  ];
  const rows = [];
  for (const [op, payload, mine, theirs, calls, value] of cases) {
    timeOnce(mine, inputs(value, calls));
    timeOnce(theirs, inputs(value, calls));
    const a = [];
    const b = [];
    const ratio = [];
    for (let r = 0; r < rounds; r += 1) {
      // Alternate which side goes first, so neither always runs after the other's garbage.
      const first = r % 2 === 0;
      const x = first ? timeOnce(mine, inputs(value, calls)) : 0;
      const y = timeOnce(theirs, inputs(value, calls));
      const x2 = first ? x : timeOnce(mine, inputs(value, calls));
      a.push(x2);
      b.push(y);
      ratio.push(y / x2);
    }
    rows.push({ op, payload, aerpc_us: median(a), json2_us: median(b), speedup: median(ratio),
      speedup_min: Math.min(...ratio), speedup_max: Math.max(...ratio), aerpc_runs_us: a, json2_runs_us: b });
  }
  const jitless = process.execArgv.includes("--jitless");
  const info = { node: process.version, jitless, rounds, json2: "JSON2 " + require(path.join(path.dirname(JSON2), "package.json")).version + " (json2.js 2011-10-19)", big_bytes: bigText.length, rows };
  const out = argv.indexOf("--output");
  if (out >= 0) {
    fs.writeFileSync(argv[out + 1], JSON.stringify(info) + "\n");
    return;
  }
  process.stdout.write("node " + process.version + (jitless ? " --jitless" : " (JIT on: run with node --jitless)") + ", " + rounds + " rounds\n");
  for (const row of rows) {
    const fmt = (us) => (us < 100 ? us.toFixed(2) + " \u00b5s" : (us / 1000).toFixed(1) + " ms");
    process.stdout.write((row.op + " " + row.payload).padEnd(26) + " aerpc " + fmt(row.aerpc_us).padStart(10) +
      "  json2 " + fmt(row.json2_us).padStart(10) + "  json2/aerpc " + row.speedup.toFixed(2) +
      " (" + row.speedup_min.toFixed(2) + "\u2013" + row.speedup_max.toFixed(2) + ")\n");
  }
}

main();
