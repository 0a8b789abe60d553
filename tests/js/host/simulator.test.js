"use strict";
// The simulated After Effects (runtime/simulator) behaves like the scripting DOM it models.

const { test } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");

const { simulator, tempDir } = require("./helpers");

const engine = (o) => simulator.createExtendScriptEngine(Object.assign({ project: "empty", workDir: tempDir("sim") }, o));
const throwsIn = (e, code, pattern) => assert.throws(() => e.run(code), (err) => pattern.test(String(err && err.message)), code);

test("the demo project: a few hundred items in nested folders, comps with layers, real files", () => {
  const e = engine({ project: "demo" });
  const p = e.app.project;
  assert.ok(p.numItems >= 200 && p.numItems < 1000, "numItems " + p.numItems);
  const items = [...p._itemMap.values()];
  const depth = (it) => (it._parent === p.rootFolder ? 1 : 1 + depth(it._parent));
  assert.ok(Math.max(...items.map(depth)) >= 4, "nested folders");
  const comps = items.filter((i) => i.typeName === "Composition");
  assert.ok(comps.length >= 30);
  assert.ok(comps.filter((c) => c.numLayers >= 5).length >= 12, "shot comps have layers");
  const footage = items.filter((i) => i.typeName === "Footage" && i.file);
  assert.ok(footage.length >= 100);
  assert.ok(footage.every((f) => fs.existsSync(f.file.fsName)), "footage files exist on disk");
  assert.equal(p.renderQueue.numItems, 3);
  assert.deepEqual(p.renderQueue._items.map((rq) => rq.status), [e.globals.RQItemStatus.QUEUED, e.globals.RQItemStatus.DONE, e.globals.RQItemStatus.UNQUEUED]);
  assert.ok(fs.existsSync(p.file.fsName));
  assert.equal(p.dirty, false);
  assert.equal(p.selection.length, 1);
  assert.equal(e.sim.undo.depth, 0);
  assert.deepEqual(Object.keys(e.sim.calls), [], "counters start at zero");
});

test("collections are 1-based, indexable, sorted by name; indexes move, ids do not", () => {
  const e = engine();
  e.run("var f = app.project.items.addFolder('b_folder'); app.project.items.addComp('c_comp', 100, 100, 1, 1, 24); f.items.addComp('a_comp', 100, 100, 1, 1, 24);");
  assert.equal(e.run("app.project.numItems"), 3);
  assert.equal(e.run("app.project.items.length"), 3);
  assert.equal(e.run("app.project.items[0]"), undefined);
  assert.equal(e.run("app.project.item(1).name + ',' + app.project.items[2].name + ',' + app.project.item(3).name"), "a_comp,b_folder,c_comp");
  throwsIn(e, "app.project.item(0)", /out of range/);
  throwsIn(e, "app.project.item(4)", /out of range/);
  const id = e.run("app.project.item(1).id");
  e.run("app.project.item(1).name = 'z_comp'");
  assert.equal(e.run("app.project.item(3).name"), "z_comp");
  assert.equal(e.run("app.project.item(3).id"), id);
  assert.equal(e.run("app.project.itemByID(" + id + ").name"), "z_comp");
  assert.equal(e.run("app.project.itemByID(987654)"), null);
  assert.equal(e.run("app.project.item(1).items.length + ':' + app.project.item(1).numItems"), "1:1", "folder collection");
  e.run("var c = app.project.item(2); c.layers.addNull(); c.layers.addText('t'); c.layers.addSolid([1,0,0], 's', 10, 10, 1);");
  assert.equal(e.run("var c = app.project.item(2); c.layers[1].name + ',' + c.layer(2).name + ',' + c.layers[3].name + ',' + c.layers.length"), "s,t,Null 1,3", "new layers go on top");
  assert.equal(e.run("app.project.item(2).layer(1).index"), 1);
});

test("read-only attributes, ranges and types are enforced; removed objects are invalid", () => {
  const e = engine();
  e.run("var c = app.project.items.addComp('c', 100, 100, 1, 2, 24); var fo = app.project.items.addFolder('f');");
  throwsIn(e, "c.id = 3", /read-only/);
  throwsIn(e, "app.project.numItems = 3", /read-only/);
  throwsIn(e, "c.numLayers = 3", /read-only/);
  throwsIn(e, "c.width = 2", /out of range/);
  throwsIn(e, "c.frameRate = 0", /out of range/);
  throwsIn(e, "c.label = 17", /out of range/);
  throwsIn(e, "c.name = 5", /not a string/);
  throwsIn(e, "app.project.items.addComp('x', 100, 100, 1, 2)", /requires 6 arguments/);
  throwsIn(e, "c.parentFolder = c", /not a FolderItem/);
  throwsIn(e, "fo.parentFolder = fo", /into itself/);
  throwsIn(e, "new CompItem()", /constructor/);
  e.run("var l = c.layers.addNull(); var m = c.layers.addNull(); l.parent = m;");
  throwsIn(e, "m.parent = l", /circular/);
  throwsIn(e, "c.layers.add(c)", /circular/);
  e.run("c.remove()");
  assert.equal(e.run("isValid(c)"), false);
  throwsIn(e, "c.name", /Object is invalid/);
  throwsIn(e, "l.name", /Object is invalid/);
});

test("removing footage removes its layers; removing a comp removes its render-queue items", () => {
  const e = engine();
  const file = path.join(e.sim.workDir, "plate.mov");
  fs.writeFileSync(file, JSON.stringify({ aerpc_media: { fps: 24, frames: 48, audio: true } }) + "\n");
  e.run("var f = app.project.importFile(new ImportOptions(new File(" + JSON.stringify(file) + "))); var c = app.project.items.addComp('c', 1920, 1080, 1, 2, 24); c.layers.add(f); c.layers.add(f); app.project.renderQueue.items.add(c);");
  assert.equal(e.run("f.name + ' ' + f.duration + ' ' + f.frameRate + ' ' + f.hasAudio + ' ' + f.usedIn.length + ' ' + c.numLayers"), "plate.mov 2 24 true 1 2");
  assert.equal(e.run("c.hasAudio"), true);
  e.run("f.remove()");
  assert.equal(e.run("c.numLayers"), 0);
  e.run("c.remove()");
  assert.equal(e.run("app.project.renderQueue.numItems"), 0);
});

test("undo groups are counted; an unmatched end is a mismatch; changes outside are logged", () => {
  const e = engine();
  e.run("app.beginUndoGroup('a'); app.beginUndoGroup('b'); app.project.items.addFolder('x'); app.endUndoGroup();");
  assert.equal(e.sim.undo.depth, 1);
  assert.equal(e.sim.undo.maxDepth, 2);
  e.run("app.endUndoGroup(); app.endUndoGroup();");
  assert.equal(e.sim.undo.depth, 0);
  assert.equal(e.sim.undo.mismatches, 1);
  assert.equal(e.sim.counters.mutationsOutsideUndo, 0);
  e.run("app.project.items.addFolder('y')");
  assert.deepEqual(e.sim.outsideUndoLog, ["ItemCollection.add"]);
});

test("File and Folder: URI-encoded names, fsName, exists, read/write, callable without new", () => {
  const e = engine();
  const dir = path.join(e.sim.workDir, "a dir");
  assert.equal(e.run("var d = new Folder(" + JSON.stringify(dir) + "); d.exists"), false);
  assert.equal(e.run("d.create() && d.exists"), true);
  const p = path.join(dir, "my file é.txt");
  assert.equal(e.run("var f = File(" + JSON.stringify(p) + "); f instanceof File"), true);
  assert.equal(e.run("f.fsName"), p);
  assert.equal(e.run("f.name"), "my%20file%20%C3%A9.txt");
  assert.equal(e.run("File.decode(f.name)"), "my file é.txt");
  assert.equal(e.run("f.displayName"), "my file é.txt");
  assert.equal(e.run("f.parent.fsName"), dir);
  assert.equal(e.run("f.exists"), false);
  assert.equal(e.run("f.open('w') && f.write('hello\\nworld') && f.close()"), true);
  assert.equal(fs.readFileSync(p, "utf8"), "hello\nworld");
  assert.equal(e.run("f.open('r'); var s = f.readln() + '|' + f.read(); f.close(); s"), "hello|world");
  assert.equal(e.run("Folder(" + JSON.stringify(p) + ") instanceof File"), true, "Folder() of a file path is a File");
  assert.equal(e.run("new File(" + JSON.stringify(dir + "/%C3%A9.txt") + ").fsName"), path.join(dir, "é.txt"), "encoded input is decoded");
  assert.equal(e.run("d.getFiles('*.txt').length"), 1);
  assert.equal(e.run("f.copy(" + JSON.stringify(p + ".bak") + ") && new File(" + JSON.stringify(p + ".bak") + ").exists"), true);
  assert.equal(e.run("f.remove() && !f.exists"), true);
});

test("import: media facts from the header or the extension; sequences; unsupported files", () => {
  const e = engine();
  const dir = path.join(e.sim.workDir, "seq");
  fs.mkdirSync(dir);
  for (let i = 1; i <= 5; i++) fs.writeFileSync(path.join(dir, "roto_" + String(i).padStart(4, "0") + ".png"), "x");
  e.run("var io = new ImportOptions(new File(" + JSON.stringify(path.join(dir, "roto_0001.png")) + ")); io.sequence = true; var s = app.project.importFile(io);");
  assert.equal(e.run("s.name"), "roto_[0001-0005].png");
  assert.equal(e.run("s.mainSource.isStill"), false);
  assert.equal(e.run("s.duration * s.frameRate"), 5);
  assert.equal(e.run("var one = app.project.importFile(new ImportOptions(new File(" + JSON.stringify(path.join(dir, "roto_0002.png")) + "))); one.mainSource.isStill + ' ' + one.duration"), "true 0");
  const txt = path.join(dir, "notes.txt");
  fs.writeFileSync(txt, "x");
  throwsIn(e, "app.project.importFile(new ImportOptions(new File(" + JSON.stringify(txt) + ")))", /unsupported/);
  throwsIn(e, "new ImportOptions(new File(" + JSON.stringify(path.join(dir, "missing.png")) + "))", /does not exist/);
  assert.equal(e.run("new ImportOptions(new File(" + JSON.stringify(txt) + ")).canImportAs(ImportAsType.FOOTAGE)"), false);
  const ph = e.run("app.project.importPlaceholder('ph', 100, 100, 24, 1)");
  assert.equal(ph.footageMissing, true);
  assert.equal(ph.file, null);
});

test("render queue: rendering writes files, DONE items are locked, duplicates are queued", () => {
  const e = engine();
  const out = path.join(e.sim.workDir, "out");
  fs.mkdirSync(out);
  e.run("var c = app.project.items.addComp('shot', 640, 360, 1, 1, 24); c.displayStartTime = 1001 / 24; var rq = app.project.renderQueue.items.add(c); var om = rq.outputModule(1); om.applyTemplate('PNG Sequence'); om.file = new File(" + JSON.stringify(path.join(out, "shot_[####].png")) + ");");
  assert.equal(e.run("rq.status === RQItemStatus.QUEUED"), true);
  e.run("app.project.renderQueue.render()");
  assert.equal(fs.readdirSync(out).length, 24);
  assert.ok(fs.existsSync(path.join(out, "shot_1001.png")));
  assert.equal(e.run("rq.status === RQItemStatus.DONE"), true);
  throwsIn(e, "rq.render = true", /DONE/);
  throwsIn(e, "rq.outputModule(1).file = new File('/tmp/x.png')", /already been rendered/);
  throwsIn(e, "app.project.renderQueue.render()", /no queued items/);
  assert.equal(e.run("var d = rq.duplicate(); d.status === RQItemStatus.QUEUED && d.outputModule(1).file.fsName === om.file.fsName.replace('_[', '_1_[')"), true, "the copy writes other files");
  e.run("d.render = false;");
  assert.equal(e.run("d.status === RQItemStatus.UNQUEUED"), true);
  assert.equal(e.sim.counters.filesRendered, 24);
});

test("XMP: the library loads through ExternalObject; packets round-trip; bad packets are refused", () => {
  const e = engine();
  assert.equal(e.run("typeof XMPMeta"), "undefined");
  throwsIn(e, "new XMPMeta(app.project.xmpPacket)", /XMPMeta is not defined/);
  e.run("ExternalObject.AdobeXMPScript = new ExternalObject('lib:AdobeXMPScript')");
  const text = "[{\"a\":\"<x> & \\\"q\\\" \\\\ é\"}]\n line2";
  e.run("var m = new XMPMeta(app.project.xmpPacket); m.setProperty(XMPMeta.getNamespaceURI('xmp'), 'xmp:Label', " + JSON.stringify(text) + "); app.project.xmpPacket = m.serialize();");
  assert.equal(e.run("new XMPMeta(app.project.xmpPacket).getProperty(XMPConst.NS_XMP, 'Label').value"), text);
  assert.match(e.app.project.xmpPacket, /<xmp:Label>.*&lt;x&gt; &amp;/);
  assert.match(e.app.project.xmpPacket, /<xmp:CreatorTool>/);
  throwsIn(e, "app.project.xmpPacket = 'not xmp'", /xmpPacket/);
});

test("save and open round-trip the project, ids included", () => {
  const a = engine({ project: "demo" });
  const file = path.join(a.sim.workDir, "roundtrip.aep");
  a.run("app.project.item(5).name = 'renamed'; app.project.save(new File(" + JSON.stringify(file) + "))");
  assert.equal(a.app.project.dirty, false);
  assert.equal(a.app.project.file.fsName, file);
  const b = engine({ project: file });
  const dump = (e) => [...e.app.project._itemMap.values()].map((i) => [i._id, i._name, i.typeName, i._parent._id, i.numLayers || 0]).sort((x, y) => x[0] - y[0]);
  assert.deepEqual(dump(b), dump(a));
  assert.deepEqual(b.app.project.renderQueue._items.map((r) => r.status), a.app.project.renderQueue._items.map((r) => r.status));
  const comp = (e) => e.app.project._sortedItems().find((i) => i._name === "sh010_comp");
  assert.deepEqual(comp(b)._layers.map((l) => [l._id, l.name, l.parent && l.parent._id]), comp(a)._layers.map((l) => [l._id, l.name, l.parent && l.parent._id]));
  assert.equal(b.app.project.xmpPacket, a.app.project.xmpPacket);
  const txt = path.join(a.sim.workDir, "x.txt");
  fs.writeFileSync(txt, "x");
  throwsIn(b, "app.open(new File(" + JSON.stringify(txt) + "))", /not a project file/);
});

test("dialogs and alerts are recorded, never block", () => {
  const e = engine();
  e.run("alert('hello', 'title')");
  assert.deepEqual(e.sim.alerts, [{ message: "hello", title: "title", errorIcon: false }]);
  throwsIn(e, "app.project.save()", /Save As dialog/);
  assert.equal(e.sim.dialogs.length, 1);
  e.run("app.project.items.addFolder('x')");
  const file = path.join(e.sim.workDir, "p.aep");
  e.sim.saveProjectTo(file);
  e.run("app.open(new File(" + JSON.stringify(file) + "))");
  assert.match(e.sim.dialogs[1], /save changes/);
});

test("$: getenv, evalFile, fileName and line; the CEP evalScript contract", () => {
  const e = engine({ env: { AERPC_URL: "ws://127.0.0.1:1/ws" } });
  assert.equal(e.run("$.getenv('AERPC_URL')"), "ws://127.0.0.1:1/ws");
  assert.equal(e.run("$.getenv('NOPE')"), null);
  const script = path.join(e.sim.workDir, "s.jsx");
  fs.writeFileSync(script, "var x = 40;\nvar where = $.fileName + ':' + $.line;\nx + 2;\n");
  assert.equal(e.run("$.evalFile(new File(" + JSON.stringify(script) + "))"), 42);
  assert.equal(e.run("where"), script + ":2");
  throwsIn(e, "$.evalFile(new File('/no/such.jsx'))", /does not exist/);
  assert.equal(e.evalScript("1 + 1"), "2");
  assert.equal(e.evalScript("undefined"), "undefined");
  assert.equal(e.evalScript("throw new Error('x')"), "EvalScript error.");
  assert.equal(e.evalScript("app.version"), simulator.DEFAULT_VERSION);
  assert.equal(engine({ version: "23.0x59" }).evalScript("app.version"), "23.0x59");
});

test("scheduleTask runs code later in the engine; cancelTask stops it", async () => {
  const e = engine();
  e.run("var ran = 0; app.scheduleTask('ran += 1;', 5, false); var t = app.scheduleTask('ran += 100;', 5, false); app.cancelTask(t);");
  assert.equal(e.run("ran"), 0);
  // Not a sleep: node runs timers of the same delay in the order they were made, so this one
  // fires right after the two scheduled above (the one that ran and the one cancelled).
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(e.run("ran"), 1);
});

test("properties: keyframes interpolate; setValue on a keyframed property throws", () => {
  const e = engine();
  e.run("var c = app.project.items.addComp('c', 100, 100, 1, 2, 24); var l = c.layers.addNull(); l.position.setValueAtTime(0, [0, 0]); l.position.setValueAtTime(1, [10, 20]);");
  assert.deepEqual([...e.run("l.position.valueAtTime(0.5, false)")], [5, 10, 0]);
  assert.equal(e.run("l.position.numKeys"), 2);
  throwsIn(e, "l.position.setValue([1, 1])", /keyframes/);
  throwsIn(e, "l.opacity.setValue([1, 1])", /not a number/);
  throwsIn(e, "l.position.setValueAtKey(1, '1,2')", /Array of 2 or 3 numbers/);
  assert.equal(e.run("l.property('ADBE Transform Group').property('ADBE Position').numKeys"), 2);
  assert.equal(e.run("l.transform.opacity === undefined"), true, "only modelled shortcuts exist");
});
