#!/usr/bin/env node
"use strict";
// The CEP panel of the built extension (`make cep`: dist/aerpc.cep), run in node against a
// simulated After Effects: what `make demo` and the Python tests start in place of After
// Effects. The panel library and contract are the extension's js/ files, loaded as CommonJS;
// the ExtendScript engine loads the extension's ScriptPath (runtime/cep/node/csinterface.js).
//
//   node runtime/cep/node/run-panel.js [--url ws://127.0.0.1:PORT/ws] [--token TOKEN]
//        [--sim-project demo|empty|PATH] [--work-dir DIR] [--instance ID] [--extension-version V]
//        [--eval-timeout-ms N] [--reconnect-initial-ms N] [--reconnect-max-ms N]
//        [--hello-timeout-ms N] [--extra-jsx FILE]... [--x-timeout-ms METHOD=N]... [--fake-host] [--no-plugplug] [--csxs-during-script]
//        [--no-launched] [--control] [--debug] [--extension DIR] [--crossing-ms N]
//
// --crossing-ms N (or AERPC_CROSSING_MS=N) models a fixed latency of N ms per evalScript
// crossing (a model for benches, not a measurement of After Effects; csinterface.js).
// Like runtime/cep/index.html, it calls the pipeline's `launched` after each hello (unless
// --no-launched).
// Without --url/--token the panel reads AERPC_URL/AERPC_TOKEN (or WEBSOCKET_URL) through
// ExtendScript's $.getenv, from this process's environment, as it does in After Effects.
// Status lines go to stderr (never payloads or the token). SIGTERM or SIGINT stops it.
// It exits 2 when the pipeline refuses it for good (wrong token, other schema).
// --x-timeout-ms METHOD=N makes the panel take N as METHOD's x-timeout-ms (tests of deadlines
// without waiting for the schema's, which are seconds long).
//
// --control reads JSON commands from stdin, one per line, and answers on stdout, one JSON
// object per line (for tests); it exits when stdin closes:
//   {"op":"call","tag":1,"method":"open_tool","params":{...},"timeoutMs":5000}
//       -> {"tag":1,"ok":true,"result":...} | {"tag":1,"ok":false,"error":{name,code,message,data}}
//   {"op":"drop"}     close the websocket abruptly (no close frame), as a network loss would
//   {"op":"hold"} / {"op":"release"}   hold evalScript calls / run the held ones
//   {"op":"status"}   -> {status, session, queueDepth, evalCount, outstanding, maxOutstanding}
//   {"op":"run","source":"..."}  run ExtendScript in the host engine (test setup), raw value
//   {"op":"reload"}   the page reloads: -> {instance} of the new page (same ExtendScript engine)
//   {"op":"stop"}
// and reports events: {"event":"status",...}, {"event":"eval","phase":"held"|"start"|"done",
// "method","id"}, {"event":"busy",...}, {"event":"call","direction","method","id","ok","code"},
// and {"event":"request","method","id"[,"cancels"]} for each request from the server as it
// arrives, before the panel handles it ("cancels": the id an rpc.cancel names).

const path = require("path");
const readline = require("readline");

const { NodeCSInterface } = require("./csinterface");
const { extensionDir, loadPanelApi, loadPanelEvents } = require("./extension");
const { readManifest } = require("./manifest");

const USAGE = "usage: run-panel.js [--url URL] [--token TOKEN] [--sim-project demo|empty|PATH] [--work-dir DIR] " +
  "[--instance ID] [--extension-version V] [--eval-timeout-ms N] [--reconnect-initial-ms N] " +
  "[--reconnect-max-ms N] [--hello-timeout-ms N] [--extra-jsx FILE]... [--x-timeout-ms METHOD=N]... " +
  "[--no-plugplug] [--csxs-during-script] " +
  "[--fake-host] [--no-launched] [--control] [--debug] [--extension DIR] [--crossing-ms N]";

function parseArgs(argv) {
  const options = {
    url: null, token: null, simProject: "demo", workDir: null, instance: null, extensionVersion: null,
    evalTimeoutMs: null, reconnectInitialMs: null, reconnectMaxMs: null, helloTimeoutMs: null,
    extraJsx: [], xTimeouts: [], fakeHost: false, launched: true, control: false, debug: false,
    extension: undefined, crossingMs: undefined,
  };
  const valued = {
    "--url": "url", "--token": "token", "--sim-project": "simProject", "--instance": "instance",
    "--extension-version": "extensionVersion", "--extension": "extension", "--work-dir": "workDir",
  };
  const numeric = {
    "--eval-timeout-ms": "evalTimeoutMs", "--reconnect-initial-ms": "reconnectInitialMs",
    "--reconnect-max-ms": "reconnectMaxMs", "--hello-timeout-ms": "helloTimeoutMs",
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(arg + " needs a value");
      i += 1;
      return argv[i];
    };
    if (arg === "-h" || arg === "--help") {
      process.stdout.write(USAGE + "\n");
      process.exit(0);
    } else if (valued[arg]) {
      options[valued[arg]] = next();
    } else if (numeric[arg]) {
      const value = Number(next());
      if (!(value > 0) || !isFinite(value)) throw new Error(arg + " needs a positive number");
      options[numeric[arg]] = value;
    } else if (arg === "--crossing-ms") {
      const value = Number(next());
      if (!(value >= 0) || !isFinite(value)) throw new Error(arg + " needs a number >= 0");
      options.crossingMs = value;
    } else if (arg === "--extra-jsx") {
      options.extraJsx.push(path.resolve(next()));
    } else if (arg === "--x-timeout-ms") {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(next());
      const value = match ? Number(match[2]) : NaN;
      if (!(value > 0) || !isFinite(value)) throw new Error(arg + " needs METHOD=N, N a positive number");
      options.xTimeouts.push([match[1], value]);
    } else if (arg === "--fake-host") {
      options.fakeHost = true;
    } else if (arg === "--no-plugplug") {
      options.plugPlug = false; // the simulator's PlugPlugExternalObject fails to load
    } else if (arg === "--csxs-during-script") {
      options.csxsDuringScript = true; // CSXSEvents arrive while ExtendScript still runs
    } else if (arg === "--no-launched") {
      options.launched = false;
    } else if (arg === "--control") {
      options.control = true;
    } else if (arg === "--debug") {
      options.debug = true;
    } else {
      throw new Error("unknown argument " + arg);
    }
  }
  return options;
}

function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write("run-panel: " + error.message + "\n" + USAGE + "\n");
    process.exit(64);
  }
  const WS = require("ws");
  let Aerpc;
  let extension;
  try {
    extension = extensionDir(options.extension);
    Aerpc = loadPanelApi(extension);
  } catch (error) {
    process.stderr.write("run-panel: " + error.message + "\n");
    process.exit(1);
  }
  for (const [method, ms] of options.xTimeouts) {
    if (!Object.prototype.hasOwnProperty.call(Aerpc.HOST_METHODS, method)) {
      process.stderr.write("run-panel: --x-timeout-ms: " + method + " is not a host method\n");
      process.exit(64);
    }
    Aerpc.HOST_METHODS[method].timeoutMs = ms;
  }
  const say = (line) => process.stderr.write("aerpc-panel: " + line + "\n");
  const emit = (object) => {
    if (options.control) process.stdout.write(JSON.stringify(object) + "\n");
  };

  let cs;
  try {
    cs = new NodeCSInterface({
      project: options.simProject,
      workDir: options.workDir ? path.resolve(options.workDir) : undefined,
      fake: options.fakeHost,
      simulator: { plugPlug: options.plugPlug !== false, csxsDuringScript: Boolean(options.csxsDuringScript) },
      extension: extension,
      extraScripts: options.extraJsx,
      crossingMs: options.crossingMs,
    });
  } catch (error) {
    say("could not load the ExtendScript host: " + (error.stack || error.message));
    process.exit(1);
  }
  say("ExtendScript host: " + (cs.simulated ? "simulated After Effects (" + options.simProject + ")" :
    "fake globals (runtime/simulator not found or --fake-host)") + ", " + cs.scripts.length + " file(s)");

  // Keep the current socket, so `drop` can cut it the way a network loss would. With
  // --control, each request that arrives is reported before the panel handles it.
  let currentSocket = null;
  class TrackedWebSocket extends WS {
    constructor(url) {
      super(url);
      currentSocket = this;
      if (options.control) this.on("message", reportRequests);
    }
  }

  const levels = options.debug ? ["debug", "info", "warn", "error"] : ["warn", "error"];
  // One page of the panel. `reload` replaces it with a new one (a new instance) on the same
  // ExtendScript engine; only the current page's events are reported.
  const openPage = (instance) => {
    const page = new Aerpc.AerpcPanel({
      url: options.url || undefined,
      token: options.token === null ? undefined : options.token,
      WebSocket: TrackedWebSocket,
      csInterface: cs,
      extensionVersion: options.extensionVersion || readManifest(extension).version,
      instance: instance || undefined,
      log: (level, message) => {
        if (page === panel && levels.includes(level)) say(level + ": " + message);
      },
      debugPayloads: options.debug,
      reconnect: {
        initialDelayMs: options.reconnectInitialMs || undefined,
        maxDelayMs: options.reconnectMaxMs || undefined,
      },
      helloTimeoutMs: options.helloTimeoutMs || undefined,
      evalScriptTimeoutMs: options.evalTimeoutMs || undefined,
    });
    // Host events to the pipeline, as the page does (index.html; docs/events.md).
    // The simulator's PlugPlugExternalObject is there unless --no-plugplug (or --fake-host): said,
    // not probed, so that the page makes no evalScript besides its calls.
    page.hostEvents = loadPanelEvents(extension).attach(page, {
      csInterface: cs,
      names: Object.keys(Aerpc.EVENTS || {}),
      extendScriptEvents: cs.simulated && options.plugPlug !== false,
    });
    const current = (report) => (event) => {
      if (page === panel) report(event);
    };
    page.on("status", current((event) => {
      let line = event.status + (event.detail ? ": " + event.detail : "");
      if (event.reason && event.code !== undefined && event.code !== null) {
        line += " (code " + event.code + ")";
      }
      say(line);
      emit(Object.assign({ event: "status" }, event));
      if (event.status === "failed") exit(2);
    }));
    if (options.launched) {
      // What the panel page does once connected (index.html): announce it to the pipeline.
      page.on("connected", current(() => {
        page.pipeline.launched({}).catch((error) => say("launched failed: " + error.name + ": " + error.message));
      }));
    }
    if (options.control) {
      page.on("busy", current((event) => emit(Object.assign({ event: "busy" }, event))));
      page.on("call", current((event) => emit(Object.assign({ event: "call" }, event))));
    }
    return page;
  };
  let panel = null;
  panel = openPage(options.instance);

  // A page reload: the old page's JavaScript is gone at once (its socket cut without a close
  // frame, its queue with it, nothing of it reported any more); a new page with a new instance
  // starts on the same ExtendScript engine, so After Effects and its project stay, and an
  // evalScript the old page had handed to ExtendScript still runs (as in After Effects).
  const reload = () => {
    const old = panel;
    const socket = currentSocket;
    panel = openPage(null);
    if (socket !== null) socket.terminate();
    old.stop();
    panel.start();
    return panel.instance;
  };

  let exiting = false;
  const exit = (code) => {
    if (exiting) return;
    exiting = true;
    panel.stop();
    // Let the close frame go out, but never wait for long.
    setTimeout(() => process.exit(code), 200).unref();
    if (currentSocket === null || currentSocket.readyState === WS.CLOSED) process.exit(code);
    else currentSocket.once("close", () => process.exit(code));
  };

  if (options.control) cs.onEval((event) => emit(Object.assign({ event: "eval" }, event)));

  process.on("SIGTERM", () => exit(0));
  process.on("SIGINT", () => exit(0));

  if (options.control) {
    const lines = readline.createInterface({ input: process.stdin });
    lines.on("line", (line) => {
      if (line.trim() === "") return;
      let command;
      try {
        command = JSON.parse(line);
      } catch (error) {
        emit({ tag: null, ok: false, error: { name: "SyntaxError", message: error.message } });
        return;
      }
      handle(command);
    });
    lines.on("close", () => exit(0));
  }

  // {"event":"request","method","id"} for each request (or notification) in a message from the
  // server, batches included; emitted before the panel's own listener sees the message.
  function reportRequests(data) {
    let message;
    try {
      message = JSON.parse(String(data));
    } catch (error) {
      return; // the panel answers what does not parse
    }
    for (const item of Array.isArray(message) ? message : [message]) {
      if (item !== null && typeof item === "object" && typeof item.method === "string") {
        const id = item.id === undefined ? null : item.id;
        const cancels = item.method === "rpc.cancel" && item.params ? item.params.id : undefined;
        emit(Object.assign({ event: "request", method: item.method, id: id },
          cancels === undefined ? {} : { cancels: cancels }));
      }
    }
  }

  function reply(tag, result) {
    const plain = result === undefined || typeof result === "function" ? null : result;
    emit({ tag: tag, ok: true, result: plain });
  }

  function replyError(tag, error) {
    emit({
      tag: tag,
      ok: false,
      error: {
        name: error && error.name ? error.name : "Error",
        code: error && error.code !== undefined ? error.code : null,
        message: error && error.message ? error.message : String(error),
        data: error && error.data !== undefined ? error.data : null,
      },
    });
  }

  function handle(command) {
    const tag = command.tag === undefined ? null : command.tag;
    try {
      switch (command.op) {
        case "call":
          panel.call(command.method, command.params,
            command.timeoutMs ? { timeoutMs: command.timeoutMs } : undefined)
            .then((result) => reply(tag, result), (error) => replyError(tag, error));
          return;
        case "drop":
          if (currentSocket !== null) currentSocket.terminate();
          reply(tag, null);
          return;
        case "hold":
          cs.hold();
          reply(tag, null);
          return;
        case "release":
          reply(tag, cs.release());
          return;
        case "status":
          reply(tag, {
            status: panel.status,
            session: panel.session ? panel.session.session : null,
            queueDepth: panel.queueDepth,
            evalCount: cs.evalCount,
            outstanding: cs.outstanding,
            maxOutstanding: cs.maxOutstanding,
            instance: panel.instance,
          });
          return;
        case "run":
          reply(tag, cs.run(String(command.source)));
          return;
        case "reload":
          reply(tag, { instance: reload() });
          return;
        case "stop":
          reply(tag, null);
          exit(0);
          return;
        default:
          replyError(tag, new Error("unknown op " + command.op));
      }
    } catch (error) {
      replyError(tag, error);
    }
  }

  panel.start();
}

main();
