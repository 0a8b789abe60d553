"use strict";
// The ExtendScript stand-in is as strict as After Effects where host code could depend on the
// difference: ES3's library only, a new wrapper object on every DOM access, honest for…in,
// imports into the selected Project-panel folder, separated position dimensions, renamed
// outputs of a duplicated render-queue item. Each host-library fix that these need is tested
// through the dispatcher here too.

const { describe, test } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");

const { simulator, tempDir, createHost } = require("./helpers");

const engine = (o) => simulator.createExtendScriptEngine(Object.assign({ project: "empty", workDir: tempDir("fidelity") }, o));
const RENDER = { allowOutsideUndo: ["RenderQueue.render"] };

function writeMedia(file, header) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ aerpc_media: header || {} }) + "\n");
  return file;
}

describe("the strict ExtendScript realm", () => {
  test("ES5+ library functions are missing, ES3 is there", () => {
    const e = engine();
    const missing = [
      "JSON",
      "Promise",
      "Map",
      "Set",
      "WeakMap",
      "Symbol",
      "Proxy",
      "Reflect",
      "[].indexOf",
      "[].lastIndexOf",
      "[].forEach",
      "[].map",
      "[].filter",
      "[].reduce",
      "[].reduceRight",
      "[].some",
      "[].every",
      "Object.keys",
      "Object.create",
      "Object.defineProperty",
      "Object.defineProperties",
      "Object.getPrototypeOf",
      "Object.freeze",
      "''.trim",
      "Date.now",
      "new Date().toISOString",
      "Array.isArray",
      "Function.prototype.bind",
    ];
    for (const expr of missing) assert.equal(e.run("typeof " + expr), "undefined", expr);
    const present = ["[].push", "[].slice", "[].splice", "[].join", "[].sort", "[].concat", "''.replace", "''.split", "''.substr", "Math.round", "new Date().getTime", "Function.prototype.apply", "encodeURI", "escape", "eval", "Object.prototype.hasOwnProperty"];
    for (const expr of present) assert.equal(e.run("typeof " + expr), "function", expr);
    assert.throws(() => e.run("var f = 'indexOf'; [1, 2][f](2)"), /not a function/, "a call through a variable fails too");
  });

  test("arrays, objects and dates the DOM hands over come from the script's realm", () => {
    const e = engine({ project: "demo" });
    assert.equal(e.run("app.project.selection instanceof Array"), true);
    assert.equal(e.run("typeof app.project.selection.indexOf"), "undefined");
    assert.equal(e.run("typeof app.project.activeItem.usedIn.map"), "undefined");
    assert.equal(e.run("var l = app.project.activeItem.layer(1); l.position.value instanceof Array && typeof l.position.value.map"), "undefined");
    assert.equal(e.run("typeof app.project.renderQueue.item(1).getSettings()"), "object");
    assert.equal(e.run("typeof app.project.renderQueue.item(1).getSettings().hasOwnProperty"), "function");
    assert.equal(e.run("typeof Folder(" + JSON.stringify(e.sim.workDir) + ").getFiles().forEach"), "undefined");
    assert.equal(e.run("typeof app.project.item.bind + typeof app.project.item.apply"), "undefinedfunction", "DOM methods are ES3 functions");
    assert.equal(e.run("Folder(" + JSON.stringify(e.sim.workDir) + ").getFiles() instanceof Array"), true);
  });

  test("the node panel's engine is the same realm", () => {
    const { NodeCSInterface } = require("../../../runtime/cep/node/csinterface");
    const cs = new NodeCSInterface({ project: "empty", scripts: [], workDir: tempDir("cs") });
    assert.equal(cs.run("typeof JSON + ' ' + typeof [].forEach"), "undefined undefined");
  });
});

describe("DOM objects", () => {
  test("every access returns a new wrapper; identity is the id", () => {
    const e = engine({ project: "demo" });
    const fresh = {
      item: "app.project.item(1)",
      activeItem: "app.project.activeItem",
      rootFolder: "app.project.rootFolder",
      project: "app.project",
      layer: "app.project.activeItem.layer(1)",
      layerSource: "app.project.activeItem.layer(6).source",
      property: "app.project.activeItem.layer(1).position",
      rqItem: "app.project.renderQueue.item(1)",
      outputModule: "app.project.renderQueue.item(1).outputModule(1)",
      collection: "app.project.items",
    };
    for (const [what, expr] of Object.entries(fresh)) assert.equal(e.run(expr + " === " + expr), false, what);
    assert.equal(e.run("app.project.item(1).id === app.project.item(1).id"), true);
    assert.equal(e.run("app.project.activeItem.layer(1).id === app.project.activeItem.layer(1).id"), true);
    assert.equal(e.run("app === app"), true, "a global stays itself");
    assert.equal(e.run("app.project.item(1) instanceof Item && app.project.activeItem instanceof CompItem"), true);
    assert.equal(e.run("var s = app.project.selection; s[0] === app.project.activeItem"), false);
  });

  test("a property a script puts on a wrapper is gone on the next access", () => {
    const e = engine({ project: "demo" });
    assert.equal(e.run("var it = app.project.item(1); it.cache = 42; it.cache"), 42, "the same wrapper keeps it");
    assert.equal(e.run("app.project.item(1).cache"), undefined, "a new wrapper has none");
    assert.equal(e.run("it.name = 'renamed'; app.project.itemByID(it.id).name"), "renamed", "attributes are the item's own");
  });

  test("for…in lists the attributes, never the simulator's private fields", () => {
    const e = engine({ project: "demo" });
    const keys = e.run("var out = [], k; for (k in app.project.activeItem) out.push(k); out.join(',')").split(",");
    for (const k of ["id", "name", "width", "numLayers", "parentFolder", "frameRate"]) assert.ok(keys.includes(k), k + " listed");
    assert.deepEqual(keys.filter((k) => k.startsWith("_")), [], "no private field");
    assert.deepEqual(keys.filter((k) => e.run("typeof app.project.activeItem[" + JSON.stringify(k) + "]") === "function"), [], "no methods");
    assert.equal(e.run("app.project.activeItem._id"), undefined);
    assert.equal(e.run("'_id' in app.project.activeItem"), false);
    const layerKeys = e.run("var out = [], k; for (k in app.project.activeItem.layer(1)) out.push(k); out.join(',')").split(",");
    assert.ok(layerKeys.includes("index") && layerKeys.includes("parent"));
    assert.deepEqual(layerKeys.filter((k) => k.startsWith("_")), []);
  });
});

describe("File › Import and the selected Project-panel folder", () => {
  test("the simulator imports into the selected folder, else the root", () => {
    const e = engine();
    const file = writeMedia(path.join(e.sim.workDir, "media", "a.png"), { width: 10, height: 10 });
    e.run("var f = app.project.items.addFolder('picked'); f.selected = true;");
    assert.equal(e.run("app.project.importFile(new ImportOptions(new File(" + JSON.stringify(file) + "))).parentFolder.id === f.id"), true);
    e.run("f.selected = false;");
    assert.equal(e.run("app.project.importFile(new ImportOptions(new File(" + JSON.stringify(file) + "))).parentFolder.id === app.project.rootFolder.id"), true);
    e.run("var g = app.project.items.addFolder('footage'); g.selected = true;");
    assert.equal(e.run("app.project.importFile(new ImportOptions(new File(" + JSON.stringify(file) + "))).parentFolder.id === g.id"), true);
  });

  test("import_file without parent_folder_id puts the item in the root although a folder is selected", () => {
    const host = createHost({ project: "empty" });
    const file = writeMedia(path.join(host.workDir, "media", "plate.png"), { width: 10, height: 10 });
    host.run("app.beginUndoGroup('setup'); var f = app.project.items.addFolder('selected'); f.selected = true; app.endUndoGroup();");
    const { id } = host.ok("import_file", { path: file, name: "plate" });
    assert.equal(host.item(id)._parent, host.app.project._root, "the schema: absent means the root folder");
    const folderId = host.run("f.id");
    const inFolder = host.ok("import_file", { path: file, name: "plate2", parent_folder_id: folderId });
    assert.equal(host.item(inFolder.id)._parent._id, folderId);
  });
});

describe("separated position dimensions", () => {
  test("Position separates into X/Y/Z followers and joins back", () => {
    const e = engine();
    e.run("var c = app.project.items.addComp('c', 100, 80, 1, 2, 24); var l = c.layers.addNull(); var p = l.position;");
    assert.equal(e.run("p.isSeparationLeader && !p.dimensionsSeparated"), true);
    assert.throws(() => e.run("p.getSeparationFollower(0).setValue(1)"), /not separated/);
    e.run("p.dimensionsSeparated = true;");
    assert.equal(e.run("p.getSeparationFollower(0).value + ',' + p.getSeparationFollower(1).value"), "50,40");
    assert.equal(e.run("l.property('ADBE Transform Group').property('ADBE Position_1').separationDimension"), 1);
    assert.equal(e.run("p.getSeparationFollower(1).separationLeader.isSeparationLeader"), true);
    assert.throws(() => e.run("p.setValue([1, 1])"), /separated/);
    e.run("p.getSeparationFollower(0).setValue(7); p.getSeparationFollower(1).setValueAtTime(1, 9); p.getSeparationFollower(1).setValueAtTime(0, 3);");
    assert.deepEqual([...e.run("p.value")], [7, 3, 0]);
    e.run("p.dimensionsSeparated = false;");
    assert.equal(e.run("p.numKeys"), 2);
    assert.deepEqual([...e.run("p.keyValue(2)")], [7, 9, 0]);
    assert.throws(() => e.run("l.opacity.dimensionsSeparated = true"), /can not be separated/);
  });

  test("set_comp_properties moves a layer whose position dimensions are separated", () => {
    const host = createHost({ project: "empty" });
    const cid = host.run(
      "app.beginUndoGroup('setup'); var c = app.project.items.addComp('c', 100, 80, 1, 2, 24); var l = c.layers.addNull();" +
        " l.position.dimensionsSeparated = true; l.position.getSeparationFollower(0).setValueAtTime(0, 10);" +
        " l.position.getSeparationFollower(0).setValueAtTime(1, 20); l.position.getSeparationFollower(1).setValue(30); app.endUndoGroup(); c.id",
    );
    host.ok("set_comp_properties", { comp_id: cid, width: 140, height: 100 });
    assert.equal(host.last.calls["Property.setValueAtKey"], 2, "each X keyframe moved");
    assert.equal(host.run("l.position.getSeparationFollower(0).keyValue(1) + ',' + l.position.getSeparationFollower(0).keyValue(2)"), "30,40");
    assert.equal(host.run("l.position.getSeparationFollower(1).value"), 40);
  });
});

describe("duplicated render-queue items", () => {
  test("duplicate() gives the copy new output file names", () => {
    const e = engine({ project: "demo" });
    e.run("var q = app.project.renderQueue, a = q.item(1), d = a.duplicate();");
    const a = e.run("a.outputModule(1).file.fsName");
    const d = e.run("d.outputModule(1).file.fsName");
    assert.equal(path.dirname(d), path.dirname(a));
    assert.equal(path.basename(d), path.basename(a).replace("_[", "_1_["));
    assert.equal(e.run("d.status === RQItemStatus.QUEUED"), true);
  });

  test("render of a DONE item renders a duplicate under the original names and reports what it wrote", () => {
    const host = createHost({ project: "demo" });
    const extra = path.join(host.workDir, "extra", "sh010_proxy.mov");
    const first = path.join(host.workDir, "first", "sh010_comp_[#####].png");
    fs.mkdirSync(path.dirname(extra), { recursive: true });
    fs.mkdirSync(path.dirname(first), { recursive: true });
    const cid = host.run(
      "var q = app.project.renderQueue, e, i; for (i = 1; i <= q.numItems; i += 1) if (q.item(i).comp.name === 'sh010_comp') e = q.item(i);" +
        " app.beginUndoGroup('setup'); e.outputModule(1).file = new File(" + JSON.stringify(first) + "); e.outputModules.add().file = new File(" + JSON.stringify(extra) + "); app.endUndoGroup(); q.render(); e.comp.id",
    );
    assert.equal(host.run("e.status === RQItemStatus.DONE"), true);
    const out = path.join(host.workDir, "publish", "sh010");
    const logged = host.sim.renderLog.length;
    const result = host.ok("render", { comp_id: cid, output_dir: out }, RENDER);
    assert.equal(host.last.calls["RenderQueueItem.duplicate"], 1);
    assert.deepEqual(
      result.map((r) => r.file_name),
      [path.join(out, "sh010_comp_[#####].png"), extra],
      "the duplicate's renamed outputs were put back",
    );
    const written = host.sim.renderLog.slice(logged).flatMap((r) => r.files);
    const pattern = (p) => new RegExp("^" + p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\\\[#+\\\]/, "\\d+") + "$");
    for (const f of written) assert.equal(result.filter((r) => pattern(r.file_name).test(f)).length, 1, f + " is reported");
    for (const r of result) assert.ok(written.some((f) => pattern(r.file_name).test(f)), r.file_name + " was written");
    for (const f of written) assert.ok(fs.existsSync(f), f);
  });
});
