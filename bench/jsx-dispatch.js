#!/usr/bin/env node
"use strict";
// The ExtendScript half of the "JS panel in node" stack alone: the extension's ExtendScript as
// `make cep` built it (the ES3 dispatcher and codec of runtime/extendscript/, the host library,
// the generated tables) and bench/stacks/bench-host.jsx in the simulated engine
// (runtime/cep/node/csinterface.js), without the panel or the websocket. Per call, for the
// bench's small and 10k-item get_items:
//
//   * "evalScript": the source the panel sends, `__aerpc_dispatch("<literal>")`, run as the
//     simulator runs it (vm.runInContext: a compile per call, as every source is new);
//   * "dispatch": __aerpc_dispatch(text) called directly (the ES3 codec and the dispatcher);
//   * "stringify" / "parse": the ES3 codec alone on the reply.
//
//   taskset -c 1 node bench/jsx-dispatch.js [--rounds N]
//   taskset -c 1 node --cpu-prof --cpu-prof-dir=/tmp/prof bench/jsx-dispatch.js   (a profile)
//
// Prints the median over --rounds rounds (default 7) of the time per call. Figures from the
// node's V8, not from ExtendScript (an interpreter, many times slower): compare versions of the
// dispatcher with it, on the same machine.

const path = require("path");
const vm = require("vm");

const ROOT = path.resolve(__dirname, "..");
const { NodeCSInterface } = require(path.join(ROOT, "runtime", "cep", "node", "csinterface.js"));
const { loadPanelApi } = require(path.join(ROOT, "runtime", "cep", "node", "extension.js"));

const Aerpc = loadPanelApi();

function median(values) {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeIt(fn, calls, rounds) {
  for (let i = 0; i < Math.max(1, Math.floor(calls / 4)); i += 1) fn(i);
  const perCall = [];
  for (let r = 0; r < rounds; r += 1) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < calls; i += 1) fn(i);
    perCall.push(Number(process.hrtime.bigint() - t0) / 1e3 / calls);
  }
  return median(perCall);
}

function main() {
  const argv = process.argv.slice(2);
  const at = argv.indexOf("--rounds");
  const rounds = at >= 0 ? Number(argv[at + 1]) : 7;
  const cs = new NodeCSInterface({
    project: "empty",
    env: {},
    extraScripts: [path.join(__dirname, "stacks", "bench-host.jsx")],
  });
  const dispatch = vm.runInContext("__aerpc_dispatch", cs.context);
  const codec = vm.runInContext("__aerpc.json", cs.context);
  const cases = [
    ["small", { comps: true, folders: false, footages: false }, 20000],
    ["10k items", { comps: true, folders: true, footages: true }, 20],
  ];
  const rows = [];
  for (const [label, params, calls] of cases) {
    const request = (i) =>
      JSON.stringify({ jsonrpc: "2.0", id: "py:" + i, method: "get_items", params: params });
    const sources = [];
    const texts = [];
    for (let i = 0; i < calls; i += 1) {
      texts.push(request(i));
      sources.push("__aerpc_dispatch(" + Aerpc.jsStringLiteral(texts[i]) + ")");
    }
    const envelope = dispatch(texts[0]);
    const outcome = Aerpc.parseEnvelope(envelope);
    if (!outcome.ok) throw new Error("dispatch failed: " + envelope.slice(0, 300));
    const result = vm.runInContext("__aerpc.host.getItems(" + JSON.stringify(params) + ")", cs.context);
    const resultText = codec.stringify(result);
    if (resultText !== JSON.stringify(outcome.result)) throw new Error("the codec disagrees with V8");
    let n = 0;
    rows.push([label, "evalScript", timeIt((i) => { n += cs.run(sources[i % calls]).length; }, calls, rounds)]);
    rows.push([label, "dispatch", timeIt((i) => { n += dispatch(texts[i % calls]).length; }, calls, rounds)]);
    rows.push([label, "stringify", timeIt(() => { n += codec.stringify(result).length; }, calls, rounds)]);
    rows.push([label, "parse", timeIt(() => { n += codec.parse(resultText).length; }, calls, rounds)]);
    rows.push([label, "reply bytes", resultText.length]);
    if (n < 0) throw new Error("unreachable");
  }
  for (const [label, what, us] of rows) {
    const figure = what === "reply bytes" ? String(us) : us.toFixed(us < 100 ? 2 : 0) + " µs/call";
    process.stdout.write(label.padEnd(10) + " " + what.padEnd(12) + " " + figure + "\n");
  }
}

main();
