"use strict";
// The floor of the node panel path: a bare host in node that says hello to the aerpc server as
// the panel would, then answers every request with one canned result text, using the same
// `ws` package, JSON.parse per request and one frame per reply; no queue, no evalScript, no
// ExtendScript. bench/node_floor.py runs it beside the real panel.
//
//   node bench/stacks/node-echo-host.js URL TOKEN RESULT_JSON

const path = require("path");

const ROOT = path.join(__dirname, "..", "..");
const WebSocket = require(path.join(ROOT, "node_modules", "ws"));
const core = require(path.join(ROOT, "runtime", "panel", "core.js"));
const contract = require(path.join(ROOT, "generated", "cep", "aerpc-panel.js"));

const [url, token, result] = process.argv.slice(2);
const ws = new WebSocket(url, { perMessageDeflate: false });
ws.on("open", () => {
  ws.send(core.helloRequest("cep:hello", {
    token: token, instance: "node-echo-host", app: { name: "node", version: process.version },
    extensionVersion: "0.0.0", schema: contract.schema,
  }));
});
ws.on("message", (data) => {
  const message = JSON.parse(data.toString());
  if (typeof message.method !== "string" || !("id" in message)) return; // replies, notifications
  ws.send('{"jsonrpc":"2.0","id":' + JSON.stringify(message.id) + ',"result":' + result + "}");
});
ws.on("close", () => process.exit(0));
