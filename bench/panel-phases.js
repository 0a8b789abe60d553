"use strict";
// Where a request's time goes inside the node panel, on its critical path from the frame read
// to the reply's send, phase by phase. A preload, not a change to the panel: it wraps methods of
// the built extension's library (`make cep`), of the node CSInterface stand-in and of the `ws`
// package with clock reads, so that the same code runs, plus the reads: about 4 µs per request
// in all (bench/panel-path.js: 15.2 µs per call without this preload, 19.8 µs with it).
//
//   node -r ./bench/panel-phases.js runtime/cep/node/run-panel.js ...   (or bench/panel-path.js,
//   or bench/stacks/node-echo-host.js: its one phase is the whole path)
//
// AERPC_PHASES_OUT=<file>: every 500 requests (and at a normal exit) the file is rewritten with one JSON
// object, {"requests": n, "ns": {phase: total nanoseconds}}: totals since the start, so that a
// reader takes the difference of two snapshots (bench.node_floor --phases does, per slice). A
// request counts only when every checkpoint of its path was passed in order, one request at a
// time: sequential calls.

const fs = require("fs");
const path = require("path");

const ROOT = path.join(__dirname, "..");
const OUT = process.env.AERPC_PHASES_OUT || "";
const EVERY = 500;
// The bare host (bench/stacks/node-echo-host.js) has one phase, its whole path; any other main
// script runs the built panel.
const PANEL = path.basename(process.argv[1] || "") !== "node-echo-host.js";

// The phases, in path order: [name, from checkpoint, to checkpoint]. The ExtendScript side is
// timed around the stand-in's _evaluate; the callback is the rest of that turn (_execute).
const PHASES = [
  ["ws message event to the panel's handler", "message", "handler"],
  ["request parsed and classified", "handler", "receive"],
  ["reply memory and queue entry", "receive", "push"],
  ["queue to the host bridge", "push", "callHost"],
  ["evalScript source (the request's literal)", "callHost", "evalScript"],
  ["rest of the message handler", "evalScript", "handlerDone"],
  ["turn of the loop to the stand-in", "handlerDone", "execute"],
  ["ExtendScript side (stand-in: dispatcher and host function)", null, null],
  ["evalScript callback (outcome, reply text)", null, null],
  ["to the reply's send", "executeDone", "send"],
];
const TOTAL = "message to send";
const EXTENDSCRIPT = PHASES[7][0];
const CALLBACK = PHASES[8][0];

const now = process.hrtime.bigint;
let marks = Object.create(null);
let evaluateNs = 0n;
let requests = 0;
const totals = Object.create(null);
for (const [name] of PHASES) totals[name] = 0n;
totals[TOTAL] = 0n;

function mark(name) {
  marks[name] = now();
}

/** Wrap obj[method] so that `before` marks on entry and `after` (optional) on return. */
function wrap(obj, method, before, after) {
  const inner = obj[method];
  if (typeof inner !== "function") throw new Error("panel-phases: no " + method + " to time");
  obj[method] = function (...args) {
    if (before) mark(before);
    try {
      return inner.apply(this, args);
    } finally {
      if (after) mark(after);
    }
  };
}

// True when every checkpoint of a host request's path was passed, in order.
function complete() {
  if (marks.execute === undefined || marks.executeDone === undefined) return false;
  for (const [, from, to] of PHASES) {
    if (from === null || (from === "message" && marks.message === undefined)) continue;
    if (marks[from] === undefined || marks[to] === undefined || marks[to] < marks[from]) return false;
  }
  return true;
}

function record() {
  const start = marks.message !== undefined ? marks.message : marks.handler;
  if (start === undefined || marks.send === undefined) return;
  if (PANEL) {
    if (!complete()) return; // not a host request's path: the hello's reply, a notification
    for (const [name, from, to] of PHASES) {
      if (from !== null && marks[from] !== undefined) totals[name] += marks[to] - marks[from];
    }
    totals[EXTENDSCRIPT] += evaluateNs;
    totals[CALLBACK] += marks.executeDone - marks.execute - evaluateNs;
  }
  totals[TOTAL] += marks.send - start; // the bare host has no inner checkpoints: its whole path
  requests += 1;
  if (OUT && requests % EVERY === 0) write();
}

function write() {
  const ns = {};
  for (const name of Object.keys(totals)) ns[name] = Number(totals[name]);
  fs.writeFileSync(OUT + ".tmp", JSON.stringify({ requests: requests, ns: ns }));
  fs.renameSync(OUT + ".tmp", OUT); // a reader never sees half a snapshot
}

// The socket: `ws` emits "message" when a frame is read; the reply goes out through send().
const WebSocket = require(path.join(ROOT, "node_modules", "ws"));
const emit = WebSocket.prototype.emit;
WebSocket.prototype.emit = function (event, ...args) {
  if (event === "message") {
    marks = Object.create(null);
    evaluateNs = 0n;
    mark("message");
  }
  return emit.call(this, event, ...args);
};

if (!PANEL) {
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (...args) {
    mark("send");
    record();
    return send.apply(this, args);
  };
} else {
  const { EXTENSION, extensionDir } = require(path.join(ROOT, "runtime", "cep", "node", "extension.js"));
  const lib = path.join(extensionDir(EXTENSION), "js", "aerpc");
  const panel = require(path.join(lib, "panel.js")).PanelShell.prototype;
  const original = panel._onMessage;
  panel._onMessage = function (...args) {
    if (marks.message === undefined || marks.handler !== undefined) {
      marks = Object.create(null); // no ws (bench/panel-path.js): the path starts here
      evaluateNs = 0n;
    }
    mark("handler");
    try {
      return original.apply(this, args);
    } finally {
      mark("handlerDone");
    }
  };
  wrap(require(path.join(lib, "host-requests.js")).HostRequests.prototype, "receive", "receive");
  wrap(require(path.join(lib, "queue.js")).HostCallQueue.prototype, "push", "push");
  wrap(require(path.join(lib, "bridge-evalscript.js")).EvalScriptBridge.prototype, "callHost", "callHost");
  const stand = require(path.join(ROOT, "runtime", "cep", "node", "csinterface.js")).NodeCSInterface.prototype;
  wrap(stand, "evalScript", "evalScript");
  wrap(stand, "_execute", "execute", "executeDone");
  const evaluate = stand._evaluate;
  stand._evaluate = function (...args) {
    const t = now();
    try {
      return evaluate.apply(this, args);
    } finally {
      evaluateNs += now() - t;
    }
  };
  const sendOn = panel._sendOn;
  panel._sendOn = function (...args) {
    mark("send");
    record();
    marks = Object.create(null);
    return sendOn.apply(this, args);
  };
}

if (OUT) process.on("exit", write);

module.exports = { PHASES: PHASES.map((p) => p[0]), TOTAL: TOTAL, totals: totals, count: () => requests };
