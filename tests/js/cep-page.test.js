"use strict";
// Issue 12 section 1: the BUILT extension (`make cep`: dist/aerpc.cep), loaded the way CEP loads
// it (runtime/cep/node/cep-page.js): the manifest's CEFCommandLine decides the page's globals,
// its ScriptPath is loaded into the ExtendScript stand-in, index.html's scripts run in order and
// read AERPC_URL / AERPC_TOKEN through ExtendScript. The page must connect and say hello under
// every flag set; the UMD wrapper the panel had before (export to module.exports when `module`
// exists) must fail under mixed context exactly as it did in After Effects.

const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const test = require("node:test");

const { FakePipeline } = require("./fake-pipeline");
const { loadCepPage } = require("../../runtime/cep/node/cep-page");
const { extensionDir } = require("../../runtime/cep/node/extension");

const TOKEN = "page-token";
const FLAGS = {
  none: [],
  node: ["--enable-nodejs"],
  mixed: ["--enable-nodejs", "--mixed-context"],
};

// A copy of the built extension whose manifest passes `flags` as CEFCommandLine.
function extensionWith(t, flags, edit) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aerpc-cep-page-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync(extensionDir(), dir, { recursive: true });
  const manifest = path.join(dir, "CSXS", "manifest.xml");
  const parameters = flags.map((f) => "<Parameter>" + f + "</Parameter>").join("");
  const text = fs.readFileSync(manifest, "utf8").replace("</Resources>",
    "  <CEFCommandLine>" + parameters + "</CEFCommandLine>\n        </Resources>");
  fs.writeFileSync(manifest, text);
  if (edit) edit(dir);
  return dir;
}

// The panel script as it was before the fix: a UMD wrapper that exports to module.exports
// whenever `module` exists, and defines the page global only otherwise.
function oldUmdWrapper(dir) {
  const file = path.join(dir, "js", "aerpc-panel.js");
  const text = fs.readFileSync(file, "utf8");
  const opening = text.indexOf("(function (root, contract) {");
  const closing = text.lastIndexOf("}(typeof self");
  assert.ok(opening > 0 && closing > opening, "the generated wrapper's shape changed");
  const umd = [
    "(function (root, contract) {",
    "    \"use strict\";",
    "    var api = root.AerpcPanelLib.load(contract);",
    "    if (typeof module === \"object\" && module !== null && typeof module.exports === \"object\") {",
    "        module.exports = api;",
    "    } else {",
    "        root.Aerpc = api;",
    "    }",
    "",
  ].join("\n");
  fs.writeFileSync(file, text.slice(0, opening) + umd + text.slice(closing));
}

async function openPage(t, extension) {
  const pipeline = await FakePipeline.start();
  t.after(() => pipeline.close());
  const hello = pipeline.next((e) => e.type === "hello", 10000, "the page's rpc.hello");
  const page = loadCepPage({ extension: extension, env: { AERPC_URL: pipeline.url, AERPC_TOKEN: TOKEN } });
  t.after(() => page.close());
  return { pipeline, page, hello };
}

for (const [mode, flags] of Object.entries(FLAGS)) {
  test("the built extension with CEFCommandLine [" + flags.join(" ") + "] connects and says hello", async (t) => {
    const { page, hello } = await openPage(t, extensionWith(t, flags));
    assert.equal(page.mode, mode);
    assert.deepEqual(page.errors.map((e) => e.message), []);
    assert.equal(typeof page.window.Aerpc.AerpcPanel, "function");
    assert.equal(typeof page.window.module, mode === "none" ? "undefined" : "object");
    assert.equal(typeof page.window.cep_node, mode === "node" ? "object" : "undefined");
    const message = (await hello).message;
    assert.equal(message.params.token, TOKEN, "read through ExtendScript's $.getenv");
    assert.equal(message.params.extension_version, page.manifest.version);
    assert.equal(message.params.schema.hash, page.window.Aerpc.SCHEMA.hash);
    await page.window.aerpcPanel.ready(10000);
    assert.match(page.window.document.getElementById("status").textContent, /^connected/);
  });
}

test("the shipped manifest passes no node flags", async (t) => {
  const { page, hello } = await openPage(t, undefined);
  assert.equal(page.mode, "none");
  assert.deepEqual(page.manifest.flags, []);
  assert.deepEqual(page.errors, []);
  await hello;
});

test("the old UMD wrapper under --enable-nodejs --mixed-context: Aerpc is not defined, no hello", (t) => {
  const extension = extensionWith(t, FLAGS.mixed, oldUmdWrapper);
  const page = loadCepPage({ extension: extension, env: { AERPC_URL: "ws://127.0.0.1:9/ws", AERPC_TOKEN: TOKEN } });
  t.after(() => page.close());
  assert.deepEqual(page.errors.map((e) => e.message), ["Uncaught ReferenceError: Aerpc is not defined"]);
  assert.equal(page.window.Aerpc, undefined);
  assert.equal(typeof page.window.module.exports.AerpcPanel, "function", "it went into module.exports");
  assert.equal(page.window.aerpcPanel, undefined, "no panel was made, so nothing connects");
  assert.equal(page.cs.evalCount, 0);
});

test("the same old wrapper on a plain page (no node flags) still worked, which is how it went unseen", async (t) => {
  const { page, hello } = await openPage(t, extensionWith(t, FLAGS.none, oldUmdWrapper));
  assert.deepEqual(page.errors, []);
  await hello;
});

test("the page's buttons call the pipeline", async (t) => {
  const { pipeline, page, hello } = await openPage(t, undefined);
  await hello;
  await page.window.aerpcPanel.ready(10000);
  const call = pipeline.next((e) => e.type === "message" && e.message.method === "open_tool", 10000, "open_tool");
  const button = page.window.document.querySelectorAll("[data-tool]").find((b) => b.getAttribute("data-tool") === "loader");
  button.click();
  assert.deepEqual((await call).message.params, { tool: "loader" });
});
