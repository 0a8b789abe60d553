#!/usr/bin/env node
"use strict";
// Another host application's extension (`aerpc cep build --schema`) run in node: the panel
// library bound to the extension's contract (its js/ files), and the extension's ExtendScript
// (the ES3 library, the host library, the generated tables: its manifest's ScriptPath) in an
// ES3 realm whose host globals are the minimal fake of fake-globals.js ($.getenv, an empty
// app). What `aerpc fake-host` runs; nothing here knows a host application.
//
//   node run-fake-host.js --extension DIR [--url URL --token TOKEN] [--app ID]
//        [--app-version V] [--instance ID] [--call METHOD=JSON]...
//
// --app and --app-version are what the host says it is in its hello (default: the manifest's
// first Host and the lowest version of its range). --call calls the pipeline's METHOD with the
// JSON params once connected, and says how it answered. Without --url/--token the panel reads
// AERPC_URL/AERPC_TOKEN through $.getenv, as in the host. Status lines go to stderr. SIGTERM or
// SIGINT stops it; it exits 2 when the pipeline refuses it for good, 64 on a bad argument.

const fs = require("fs");
const path = require("path");

const { NodeCSInterface } = require("./csinterface");
const { loadPanelApi } = require("./extension");
const { readManifest } = require("./manifest");

const USAGE = "usage: run-fake-host.js --extension DIR [--url URL] [--token TOKEN] [--app ID] " +
  "[--app-version V] [--instance ID] [--call METHOD=JSON]...";

function parseArgs(argv) {
  const options = { extension: null, url: null, token: null, app: null, appVersion: null, instance: null, calls: [] };
  const valued = {
    "--extension": "extension", "--url": "url", "--token": "token", "--app": "app",
    "--app-version": "appVersion", "--instance": "instance",
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (i + 1 >= argv.length && arg !== "-h" && arg !== "--help") throw new Error(arg + " needs a value");
    if (arg === "-h" || arg === "--help") {
      process.stdout.write(USAGE + "\n");
      process.exit(0);
    } else if (valued[arg]) {
      i += 1;
      options[valued[arg]] = argv[i];
    } else if (arg === "--call") {
      i += 1;
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(argv[i]);
      if (match === null) throw new Error("--call needs METHOD=JSON");
      options.calls.push([match[1], JSON.parse(match[2] || "{}")]);
    } else {
      throw new Error("unknown argument " + arg);
    }
  }
  if (options.extension === null) throw new Error("--extension DIR is required");
  return options;
}

/** The manifest's first <Host Name Version>: its id and the lowest version of its range. */
function firstHost(extension) {
  const text = fs.readFileSync(path.join(extension, "CSXS", "manifest.xml"), "utf8");
  const match = /<Host\s+Name="([^"]+)"\s+Version="\[?([0-9.]+)/.exec(text);
  return match === null ? { app: null, version: null } : { app: match[1], version: match[2] };
}

function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write("fake host: " + error.message + "\n" + USAGE + "\n");
    process.exit(64);
  }
  const say = (line) => process.stderr.write("fake host: " + line + "\n");
  const WS = require("ws");
  const extension = path.resolve(options.extension);
  let Aerpc;
  let cs;
  try {
    Aerpc = loadPanelApi(extension);
    const host = firstHost(extension);
    cs = new NodeCSInterface({
      fake: true, extension: extension, env: process.env,
      appName: options.app || host.app || undefined, appVersion: options.appVersion || host.version || undefined,
    });
  } catch (error) {
    say("could not load " + extension + ": " + (error.stack || error.message));
    process.exit(1);
  }
  for (const [method] of options.calls) {
    if (!Aerpc.PIPELINE_METHODS || !Object.prototype.hasOwnProperty.call(Aerpc.PIPELINE_METHODS, method)) {
      say("--call: " + method + " is not a pipeline method of this schema");
      process.exit(64);
    }
  }
  const panel = new Aerpc.AerpcPanel({
    url: options.url || undefined,
    token: options.token === null ? undefined : options.token,
    WebSocket: WS,
    csInterface: cs,
    extensionVersion: readManifest(extension).version,
    instance: options.instance || undefined,
    log: (level, message) => {
      if (level === "warn" || level === "error") say(level + ": " + message);
    },
  });
  let stopping = false;
  const exit = (code) => {
    if (stopping) return;
    stopping = true;
    panel.stop();
    setTimeout(() => process.exit(code), 200).unref();
  };
  panel.on("status", (event) => {
    say(event.status + (event.detail ? ": " + event.detail : ""));
    if (event.status === "failed") exit(2);
  });
  let called = false;
  panel.on("connected", () => {
    if (called) return;
    called = true;
    for (const [method, params] of options.calls) {
      panel.pipeline[method](params).then(
        (result) => say(method + " answered " + JSON.stringify(result === undefined ? null : result)),
        (error) => say(method + " failed: " + error.name + ": " + error.message));
    }
  });
  process.on("SIGTERM", () => exit(0));
  process.on("SIGINT", () => exit(0));
  panel.start();
}

main();
