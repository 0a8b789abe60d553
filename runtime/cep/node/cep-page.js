"use strict";
// A CEP page loader in node: loads a built extension the way CEP does, so a test sees what the
// panel sees in After Effects (docs/cep.md, "Page globals").
//
//   const page = loadCepPage({ extension: "dist/aerpc.cep", env: { AERPC_URL, AERPC_TOKEN } });
//   page.errors      // uncaught errors, as a browser console shows them
//   page.window      // the page's global object (page.window.Aerpc, ...)
//   page.cs          // the ExtendScript stand-in (NodeCSInterface)
//   page.close()
//
// What it does, from the extension's CSXS/manifest.xml:
//   * ScriptPath is loaded into the ExtendScript stand-in when the page starts;
//   * CEFCommandLine decides the page's globals: with --enable-nodejs and --mixed-context the
//     page gets node's module, exports, require, process and Buffer; with --enable-nodejs alone
//     the main document gets them too, plus cep_node; with neither, a plain browser page;
//   * MainPath's <script> tags run in document order in one realm (window === self === this),
//     src relative to the page, inline ones as written; an error ends only its own script.
// CEP's own objects are stood in for: window.__adobe_cep__ (evalScript, getHostEnvironment,
// add/removeEventListener), window.cep.fs.readFile, and a small DOM (elements by id and by attribute, textContent,
// className, getAttribute, addEventListener, click()). WebSocket is the `ws` package's.

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const { NodeCSInterface } = require("./csinterface");
const { extensionDir } = require("./extension");
const { readManifest } = require("./manifest");

const SCRIPT_TAG = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const ELEMENT_TAG = /<([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>/g;
const ATTRIBUTE = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*"([^"]*)")?/g;

/** The page globals CEFCommandLine asks for: "mixed", "node" or "none". */
function nodeMode(flags) {
  if (!flags.includes("--enable-nodejs")) return "none";
  return flags.includes("--mixed-context") ? "mixed" : "node";
}

function parseAttributes(text) {
  const attributes = {};
  let match;
  ATTRIBUTE.lastIndex = 0;
  while ((match = ATTRIBUTE.exec(text)) !== null) {
    if (match[1]) attributes[match[1]] = match[2] === undefined ? "" : match[2];
  }
  return attributes;
}

class Element {
  constructor(tag, attributes) {
    this.tagName = tag.toUpperCase();
    this._attributes = attributes;
    this._listeners = {};
    this.textContent = "";
    this.className = attributes.class || "";
    this.id = attributes.id || "";
  }

  getAttribute(name) {
    return Object.prototype.hasOwnProperty.call(this._attributes, name) ? this._attributes[name] : null;
  }

  setAttribute(name, value) {
    this._attributes[name] = String(value);
  }

  addEventListener(type, listener) {
    (this._listeners[type] = this._listeners[type] || []).push(listener);
  }

  /** What a user's click does: every "click" listener, in order. */
  click() {
    for (const listener of this._listeners.click || []) listener.call(this, { type: "click", target: this });
  }
}

/** The few DOM calls a panel page makes, over the elements of the page's HTML. */
function createDocument(html) {
  const elements = [];
  let root = null;
  let match;
  ELEMENT_TAG.lastIndex = 0;
  while ((match = ELEMENT_TAG.exec(html)) !== null) {
    const element = new Element(match[1], parseAttributes(match[2]));
    if (element.tagName === "HTML") root = element;
    elements.push(element);
  }
  const byAttribute = /^\[([-a-zA-Z0-9_:]+)\]$/;
  return {
    documentElement: root || new Element("html", {}),
    getElementById: (id) => elements.find((e) => e.id === id) || null,
    querySelectorAll: (selector) => {
      const wanted = byAttribute.exec(selector);
      if (wanted === null) throw new Error("cep-page: only [attribute] selectors are stood in, not " + selector);
      return elements.filter((e) => e.getAttribute(wanted[1]) !== null);
    },
    addEventListener: () => {},
    elements: elements,
  };
}

/** The page's scripts in document order: {src (absolute) | null, code, name}. */
function pageScripts(html, pageFile) {
  const scripts = [];
  let match;
  let inline = 0;
  SCRIPT_TAG.lastIndex = 0;
  while ((match = SCRIPT_TAG.exec(html)) !== null) {
    const attributes = parseAttributes(match[1]);
    if (attributes.src !== undefined) {
      const file = path.resolve(path.dirname(pageFile), attributes.src);
      scripts.push({ name: file, code: fs.readFileSync(file, "utf8") });
    } else {
      inline += 1;
      scripts.push({ name: pageFile + "#inline-" + inline, code: match[2] });
    }
  }
  return scripts;
}

/**
 * Load the extension's page. options: extension (default: the `make cep` build), env (for the
 * ExtendScript stand-in's $.getenv), project (the simulated After Effects project), fake
 * (fake host globals instead of the simulator), WebSocket (default: the `ws` package), log
 * (receives console lines), flags (CEFCommandLine to use instead of the manifest's).
 */
function loadCepPage(options) {
  const o = options || {};
  const dir = extensionDir(o.extension);
  const manifest = readManifest(dir);
  const flags = o.flags || manifest.flags;
  const mode = nodeMode(flags);
  const cs = new NodeCSInterface({
    extension: dir,
    scripts: manifest.scriptPath === null ? [] : [manifest.scriptPath],
    env: o.env || {},
    project: o.project || "empty",
    fake: Boolean(o.fake),
  });
  const html = fs.readFileSync(manifest.mainPath, "utf8");
  const errors = [];
  const lines = [];
  const say = (level) => (...parts) => {
    const line = parts.map(String).join(" ");
    lines.push(level + ": " + line);
    if (o.log) o.log(level, line);
  };
  const sockets = new Set();
  const BaseSocket = o.WebSocket || require("ws");
  class PageWebSocket extends BaseSocket {
    constructor(url) {
      super(url);
      sockets.add(this);
      this.addEventListener("close", () => sockets.delete(this));
    }
  }
  const globals = {
    console: { log: say("log"), info: say("info"), warn: say("warn"), error: say("error"), debug: say("debug") },
    setTimeout, clearTimeout, setInterval, clearInterval,
    performance, crypto: globalThis.crypto, TextEncoder, TextDecoder, URL,
    WebSocket: PageWebSocket,
    navigator: { userAgent: "aerpc cep-page (node " + process.versions.node + ")" },
    document: createDocument(html),
    __adobe_cep__: {
      evalScript: (source, callback) => cs.evalScript(source, callback),
      getHostEnvironment: () => JSON.stringify(cs.getHostEnvironment()),
      addEventListener: (type, listener) => cs.addEventListener(type, listener),
      removeEventListener: (type, listener) => cs.removeEventListener(type, listener),
    },
    cep: {
      fs: {
        readFile: (file) => {
          try {
            return { err: 0, data: fs.readFileSync(file, "utf8") };
          } catch (_error) {
            return { err: 1, data: "" };
          }
        },
      },
    },
  };
  if (mode !== "none") {
    // Node's own objects, as CEP's node integration hands them to the page.
    const pageModule = { exports: {}, id: manifest.mainPath, filename: manifest.mainPath, loaded: false };
    Object.assign(globals, {
      module: pageModule, exports: pageModule.exports, require: require, process: process, Buffer: Buffer,
    });
    if (mode === "node") {
      globals.cep_node = { require: require, process: process, Buffer: Buffer, global: globalThis };
    }
  }
  const context = vm.createContext(globals);
  const window = vm.runInContext("this", context);
  window.window = window;
  window.self = window;
  for (const script of pageScripts(html, manifest.mainPath)) {
    try {
      vm.runInContext(script.code, context, { filename: script.name });
    } catch (error) {
      const text = "Uncaught " + (error && error.name ? error.name + ": " + error.message : String(error));
      errors.push({ script: script.name, message: text, error: error });
      say("error")(text + " (" + path.basename(script.name) + ")");
    }
  }
  return {
    window: window,
    cs: cs,
    errors: errors,
    console: lines,
    mode: mode,
    manifest: manifest,
    /** Stop the page: what closing the panel does to its sockets. */
    close() {
      if (window.aerpcPanel && typeof window.aerpcPanel.stop === "function") window.aerpcPanel.stop();
      for (const socket of sockets) socket.terminate();
    },
  };
}

module.exports = { loadCepPage, nodeMode, pageScripts, createDocument };
