"use strict";
// The node panel path without a socket: the built extension's panel (`make cep`) gets each
// request as its websocket's message event and answers through its send(), with everything
// between as in `make bench`: the panel library, its host-call queue, the node CSInterface
// stand-in (setImmediate per evalScript) and the ES3 dispatcher with bench/stacks/bench-host.jsx.
// The next request goes when the reply is sent (one in flight). What this leaves out, `ws`, the
// socket and the pipeline, is what bench.node_floor's bare node host measures.
//
// --big N: N calls answered with the 10k-item reply before each round (what a `make bench`
// round runs between two sequential slices), to see what they leave behind.
//
//   taskset -c 1 node bench/panel-path.js [--calls 20000] [--rounds 7] [--big 0]

const path = require("path");

const ROOT = path.join(__dirname, "..");
const { loadPanelApi, loadPanelEvents, EXTENSION } = require(path.join(ROOT, "runtime", "cep", "node", "extension.js"));
const { NodeCSInterface } = require(path.join(ROOT, "runtime", "cep", "node", "csinterface.js"));

const WARMUP = 10000; // V8 settles after about 3,000 calls (bench/README.md, "Warm-up")

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
}

const HELLO_RESULT = {
  session: "bench", server: { name: "bench", version: "0" },
  schema: { name: "aftereffects", version: "bench", hash: "sha256:bench" },
  limits: { max_message_size: 64 * 1024 * 1024 },
};

// The page's WebSocket: opens on the next turn, answers rpc.hello, hands each reply on.
let socket = null;
let onReply = null;
let big = false; // the next request asks for the 10k-item reply
class LoopbackSocket {
  constructor() {
    this.readyState = 0;
    socket = this;
    setImmediate(() => {
      this.readyState = 1;
      this.onopen();
    });
  }

  send(text) {
    if (onReply !== null && text.indexOf('"result"') >= 0) {
      const done = onReply;
      onReply = null;
      done(text);
      return;
    }
    const message = JSON.parse(text);
    if (message.method === "rpc.hello") {
      const reply = JSON.stringify({ jsonrpc: "2.0", id: message.id, result: HELLO_RESULT });
      setImmediate(() => this.onmessage({ data: reply }));
    } // anything else (the page's own launched call) goes unanswered
  }

  close() {}
}

function main() {
  const calls = option("--calls", 20000);
  const rounds = option("--rounds", 7);
  const bigCalls = option("--big", 0);
  const Aerpc = loadPanelApi();
  const cs = new NodeCSInterface({
    project: "empty",
    extension: EXTENSION,
    extraScripts: [path.join(__dirname, "stacks", "bench-host.jsx")],
  });
  const page = new Aerpc.AerpcPanel({
    url: "ws://bench", token: "bench", WebSocket: LoopbackSocket, csInterface: cs,
    extensionVersion: "0.0.0", log: () => {},
  });
  page.hostEvents = loadPanelEvents().attach(page, {
    csInterface: cs, names: Object.keys(Aerpc.EVENTS || {}), extendScriptEvents: true,
  });
  let n = 0;
  // As the aerpc server sends it to an idle host (aerpc.idle), a new id each time.
  const call = () => new Promise((resolve) => {
    n += 1;
    onReply = resolve;
    socket.onmessage({ data: '{"jsonrpc":"2.0","id":"py:' + n + '","method":"get_items",' +
      '"params":{"comps":true,"folders":' + big + ',"footages":' + big + '},' +
      '"aerpc":{"timeout_ms":30000,"idle":true}}' });
  });
  page.on("connected", async () => {
    const first = await call();
    if (first.indexOf('"result":[') < 0) throw new Error("unexpected reply: " + first);
    for (let i = 0; i < WARMUP; i += 1) await call();
    const figures = [];
    for (let r = 0; r < rounds; r += 1) {
      big = true;
      for (let i = 0; i < bigCalls; i += 1) await call();
      big = false;
      const cpu0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < calls; i += 1) await call();
      const wall = Number(process.hrtime.bigint() - t0) / 1e3 / calls;
      const cpu = process.cpuUsage(cpu0);
      figures.push({ wall: wall, cpu: (cpu.user + cpu.system) / calls });
    }
    const median = (key) => figures.map((f) => f[key]).sort((a, b) => a - b)[Math.floor(rounds / 2)];
    console.log("the node panel path without a socket, per call; median of " + rounds + " rounds of " + calls +
      (bigCalls > 0 ? ", each after " + bigCalls + " calls with the 10k-item reply" : ""));
    console.log("| µs/call (wall) | µs/call (CPU) |\n|---:|---:|\n| " + median("wall").toFixed(1) + " | " +
      median("cpu").toFixed(1) + " |");
    process.exit(0);
  });
  page.start();
}

main();
