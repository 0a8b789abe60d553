"use strict";
// Trials of the node panel with less and less of its path, to bound what each part costs the
// bench (bench/README.md, "The panel's critical path, phase by phase"). A preload for
// runtime/cep/node/run-panel.js (or bench/panel-path.js); it changes nothing unless
// AERPC_PANEL_TRIAL is set, and then only the small get_items calls (not the 10k-item ones,
// which the bench checks):
//
//   bridge    the request goes straight to the host bridge (callHost) and the reply is sent
//             from its callback: no reply memory, queue, deadlines or events
//   dispatch  as bridge, but __aerpc_dispatch(text) is called in the same turn: no evalScript
//             literal, no turn of the loop, no literal read back
//   canned    as bridge, but the first answer's result is sent again: no ExtendScript side
//
// A trial drops the panel's guarantees: it measures, it is not a mode to run.
//
//   NODE_OPTIONS="--require $PWD/bench/panel-trials.js" AERPC_PANEL_TRIAL=bridge \
//     .venv/bin/python bench/run.py --stacks raw,aerpc_node --modes seq --no-memory \
//     --no-micro --no-jitless --no-crossing --runs 3

const path = require("path");

const TRIALS = ["bridge", "dispatch", "canned"];
const trial = process.env.AERPC_PANEL_TRIAL || "";
const main = path.basename(process.argv[1] || "");

if (trial !== "" && (main === "run-panel.js" || main === "panel-path.js")) {
  if (!TRIALS.includes(trial)) {
    throw new Error("AERPC_PANEL_TRIAL must be one of " + TRIALS.join(", ") + ", not " + JSON.stringify(trial));
  }
  const ROOT = path.join(__dirname, "..");
  const { EXTENSION, extensionDir } = require(path.join(ROOT, "runtime", "cep", "node", "extension.js"));
  const lib = path.join(extensionDir(EXTENSION), "js", "aerpc");
  const core = require(path.join(lib, "core.js"));
  const panel = require(path.join(lib, "panel.js")).PanelShell.prototype;
  const ENVELOPE_OK = '{"ok":true,"result":';
  const original = panel._onMessage;
  let canned = null;
  let answered = 0;
  process.on("exit", () => {
    process.stderr.write("panel-trials: the " + trial + " trial answered " + answered + " small get_items calls\n");
  });

  /** The result text of a dispatcher envelope (a small get_items never fails here). */
  const resultOf = (envelope) => {
    if (!envelope.startsWith(ENVELOPE_OK)) throw new Error("panel-trials: the dispatcher failed: " + envelope);
    return envelope.slice(ENVELOPE_OK.length, -1);
  };

  panel._onMessage = function (conn, data) {
    let message = null;
    try {
      message = typeof data === "string" ? JSON.parse(data) : null;
    } catch (_error) {
      message = null;
    }
    const small = message !== null && typeof message === "object" && message.method === "get_items" &&
      "id" in message && message.params && !message.params.footages;
    if (!small || conn !== this._conn) return original.call(this, conn, data);
    answered += 1;
    const reply = (resultText) => this._sendOn(conn, core.resultResponse(message.id, resultText));
    const request = { id: message.id, method: message.method, params: message.params, text: data };
    if (trial === "bridge") {
      this._bridge.callHost(request, (outcome) => {
        reply(outcome.ok ? (outcome.json !== undefined ? outcome.json : core.toJson(outcome.value)) : "null");
      });
    } else if (trial === "dispatch") {
      reply(resultOf(this._bridge._cs.context.__aerpc_dispatch(data)));
    } else {
      if (canned === null) canned = resultOf(this._bridge._cs.context.__aerpc_dispatch(data));
      reply(canned);
    }
  };
}
