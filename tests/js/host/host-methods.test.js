"use strict";
// Every host method of the schema, run for real: the ExtendScript host library inside the
// simulated After Effects, called through the dispatcher (the generated one and a stand-in).
// Every call checks: the undo balance is zero (also on error paths), no project change
// happened outside an undo group, no modal dialog would have opened; every success result
// is validated against the schema, every failure is the declared error.

const { describe, test, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");

const { createHost, dispatchers, hostMethods, methodsByName, tempDir } = require("./helpers");

function writeMedia(file, header) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ aerpc_media: header || {} }) + "\n");
  return file;
}

for (const dispatcher of dispatchers()) {
  describe("host methods, " + dispatcher + " dispatcher", () => {
    const covered = new Set();
    const coveredErrors = new Set();
    const track = (host) => {
      const ok = host.ok;
      const fails = host.fails;
      host.ok = (m, p, o) => {
        const r = ok(m, p, o);
        covered.add(m);
        return r;
      };
      host.fails = (m, p, name, o) => {
        const e = fails(m, p, name, o);
        coveredErrors.add(m + ":" + name);
        return e;
      };
      return host;
    };
    const demo = (o) => track(createHost(Object.assign({ project: "demo", dispatcher }, o)));
    const empty = (o) => track(createHost(Object.assign({ project: "empty", dispatcher }, o)));
    const id = (host, name) => {
      const it = host.itemByName(name);
      assert.ok(it, "no item named " + name);
      return it._id;
    };

    after(() => {
      const missing = hostMethods.map((m) => m.name).filter((m) => !covered.has(m));
      assert.deepEqual(missing, [], "host methods without a successful test");
      const missingErrors = [];
      for (const m of hostMethods) {
        for (const e of m.errors || []) {
          const name = e.$ref.split("/").pop();
          if (!coveredErrors.has(m.name + ":" + name)) missingErrors.push(m.name + ":" + name);
        }
      }
      assert.deepEqual(missingErrors, [], "declared errors without a test");
    });

    // ------------------------------------------------------------ application and project

    test("get_app_version returns app.version", () => {
      assert.equal(empty({ version: "24.6.1x3" }).ok("get_app_version"), "24.6.1x3");
    });

    test("get_project_state: saved demo, dirty after a change, untitled projects", () => {
      const host = demo();
      const s = host.ok("get_project_state");
      assert.equal(s.is_open, true);
      assert.equal(s.is_saved, true);
      assert.equal(s.name, "aerpc_demo_v001.aep");
      assert.equal(s.full_name, path.join(host.workDir, "project", "aerpc_demo_v001.aep"));
      assert.equal(s.num_items, host.app.project.numItems);
      assert.equal(s.active_comp_id, id(host, "sh010_comp"));
      host.ok("rename_item", { item_id: id(host, "sh020_comp"), name: "sh020_comp_renamed" });
      assert.equal(host.ok("get_project_state").is_saved, false);

      const blank = empty();
      assert.deepEqual(blank.ok("get_project_state"), {
        is_open: false,
        is_saved: true,
        full_name: null,
        name: null,
        num_items: 0,
        bits_per_channel: 8,
        active_comp_id: null,
      });
      blank.ok("add_item", { name: "c", item_type: "comp" });
      assert.equal(blank.ok("get_project_state").is_saved, false, "untitled with items is never saved");
    });

    test("get_active_document_full_name / _name, and NoDocumentOpen", () => {
      const host = demo();
      assert.equal(host.ok("get_active_document_full_name"), path.join(host.workDir, "project", "aerpc_demo_v001.aep"));
      assert.equal(host.ok("get_active_document_name"), "aerpc_demo_v001.aep");
      const spaced = path.join(host.workDir, "project", "sh010 comp v002.aep");
      host.ok("save_as", { path: spaced });
      assert.equal(host.ok("get_active_document_name"), "sh010 comp v002.aep", "File.name is URI-encoded; the name is decoded");
      assert.equal(host.ok("get_active_document_full_name"), spaced);
      const blank = empty();
      blank.fails("get_active_document_full_name", {}, "NoDocumentOpen");
      blank.fails("get_active_document_name", {}, "NoDocumentOpen");
    });

    test("save writes the project file in place; NoDocumentOpen; SaveFailed", () => {
      const host = demo();
      const file = path.join(host.workDir, "project", "aerpc_demo_v001.aep");
      host.ok("rename_item", { item_id: id(host, "sh030_comp"), name: "sh030_comp_v2" });
      assert.equal(host.ok("save"), null);
      assert.equal(host.app.project.dirty, false);
      assert.ok(fs.readFileSync(file, "utf8").includes("sh030_comp_v2"));
      empty().fails("save", {}, "NoDocumentOpen");
      fs.rmSync(path.join(host.workDir, "project"), { recursive: true });
      host.fails("save", {}, "SaveFailed");
    });

    test("save_as re-points the project; as_copy keeps the file and the unsaved state", () => {
      const host = demo();
      const original = path.join(host.workDir, "project", "aerpc_demo_v001.aep");
      const before = fs.readFileSync(original, "utf8");
      host.ok("rename_item", { item_id: id(host, "sh040_comp"), name: "sh040_comp_unsaved" });
      const copy = path.join(host.workDir, "project", "copy_v001.aep");
      assert.equal(host.ok("save_as", { path: copy, as_copy: true }), null);
      assert.ok(fs.readFileSync(copy, "utf8").includes("sh040_comp_unsaved"), "the copy has the current state");
      assert.equal(fs.readFileSync(original, "utf8"), before, "the current file on disk is untouched");
      const state = host.ok("get_project_state");
      assert.equal(state.full_name, original, "the project still refers to its file");
      assert.equal(state.is_saved, false, "the unsaved changes are still unsaved");
      assert.ok(host.itemByName("sh040_comp_unsaved"));

      // a clean project stays clean
      host.ok("save");
      host.ok("save_as", { path: path.join(host.workDir, "project", "copy_v002.aep"), as_copy: true });
      assert.equal(host.ok("get_project_state").is_saved, true);

      // plain save as
      const next = path.join(host.workDir, "project", "aerpc_demo_v002.aep");
      host.ok("save_as", { path: next });
      assert.equal(host.ok("get_active_document_full_name"), next);
      host.ok("save_as", { path: path.join(host.workDir, "project", "aerpc_demo_v003.aep"), as_copy: false });
      assert.equal(host.ok("get_active_document_name"), "aerpc_demo_v003.aep");

      host.fails("save_as", { path: path.join(host.workDir, "no", "such", "dir", "x.aep") }, "SaveFailed");
      empty().fails("save_as", { path: path.join(host.workDir, "untitled_copy.aep"), as_copy: true }, "SaveFailed");
    });

    test("open: UnsavedChanges unless discard_unsaved; no save prompt; FileNotFound; OpenFailed", () => {
      const host = demo();
      const file = path.join(host.workDir, "project", "aerpc_demo_v001.aep");
      const other = empty();
      other.ok("add_item", { name: "scratch", item_type: "folder" }); // unsaved changes
      const refused = other.fails("open", { path: file }, "UnsavedChanges");
      assert.equal(refused.data.path, file);
      assert.ok(other.itemByName("scratch"), "the refused open changed nothing");
      assert.equal(other.ok("open", { path: file, discard_unsaved: true }), null, "no save prompt");
      const state = other.ok("get_project_state");
      assert.equal(state.full_name, file);
      assert.equal(state.num_items, host.app.project.numItems);
      assert.equal(state.is_saved, true);
      assert.equal(other.itemByName("scratch"), null);
      assert.deepEqual(
        other.ok("get_comp_properties", { comp_id: id(host, "sh010_comp") }),
        host.ok("get_comp_properties", { comp_id: id(host, "sh010_comp") }),
        "ids survive a save and open",
      );
      other.fails("open", { path: path.join(host.workDir, "missing.aep") }, "FileNotFound");
      const text = writeMedia(path.join(host.workDir, "notes.txt"));
      other.fails("open", { path: text }, "OpenFailed");
      const damaged = path.join(host.workDir, "damaged.aep");
      fs.writeFileSync(damaged, "not a project");
      other.fails("open", { path: damaged }, "OpenFailed");
    });

    test("close: closes without saving and schedules the quit after the reply", () => {
      const host = demo();
      host.ok("rename_item", { item_id: id(host, "sh010_comp"), name: "renamed" });
      assert.equal(host.ok("close"), null);
      assert.equal(host.sim.quitRequested, false, "the quit waits until the reply is sent");
      assert.equal(host.app.project.numItems, 0);
      assert.equal(host.app.project.file, null);
      assert.ok(host.sim.tasks.some((t) => /app\.quit\(\)/.test(t.code)));
      host.sim.runScheduledTasks();
      assert.equal(host.sim.quitRequested, true);
      assert.ok(!fs.readFileSync(path.join(host.workDir, "project", "aerpc_demo_v001.aep"), "utf8").includes('"renamed"'), "nothing saved");
    });

    test("print_msg shows an alert", () => {
      const host = empty();
      assert.equal(host.ok("print_msg", { msg: "Render finished: 'sh010' \"v003\"" }), null);
      assert.deepEqual(host.last.alerts.map((a) => a.message), ["Render finished: 'sh010' \"v003\""]);
    });

    test("run_jsx_file: the completion value as JSON; ScriptFailed; FileNotFound", () => {
      const host = demo();
      const dir = tempDir("jsx");
      const ok = path.join(dir, "ok.jsx");
      fs.writeFileSync(ok, "var out = {comps: 0, names: []};\nfor (var i = 1; i <= app.project.numItems; i++) {\n  if (app.project.item(i) instanceof CompItem) { out.comps++; }\n}\nout.names.push(app.project.file.name);\nout;\n");
      const r = host.ok("run_jsx_file", { path: ok });
      assert.equal(r.comps, [...host.app.project._itemMap.values()].filter((i) => i.typeName === "Composition").length);
      assert.deepEqual(r.names, ["aerpc_demo_v001.aep"]);
      const none = path.join(dir, "none.jsx");
      fs.writeFileSync(none, "var x = 1;\n");
      assert.equal(host.ok("run_jsx_file", { path: none }), null, "a var statement has no completion value");
      const fn = path.join(dir, "fn.jsx");
      fs.writeFileSync(fn, "(function () { return 1; });\n");
      assert.equal(host.ok("run_jsx_file", { path: fn }), null);
      const bad = path.join(dir, "bad.jsx");
      fs.writeFileSync(bad, "var a = 1;\nnoSuchFunction();\n");
      const e = host.fails("run_jsx_file", { path: bad }, "ScriptFailed");
      assert.match(e.message, /noSuchFunction/);
      assert.equal(e.data.path, bad);
      const dom = path.join(dir, "dom.jsx");
      fs.writeFileSync(dom, "[app.project, app.project.item(1), {file: app.project.file, n: 1}];\n");
      const first = host.app.project.item(1);
      assert.deepEqual(host.ok("run_jsx_file", { path: dom }), [
        "[Project]",
        "[" + first.constructor.name + " " + first.id + " " + first.name + "]",
        { file: "[File aerpc_demo_v001.aep]", n: 1 },
      ], "After Effects objects become a short description, never walked");
      const cyclic = path.join(dir, "cyclic.jsx");
      fs.writeFileSync(cyclic, "var a = {}; a.self = a; a;\n");
      assert.match(host.fails("run_jsx_file", { path: cyclic }, "ScriptFailed").message, /nested deeper than 64/);
      const big = path.join(dir, "big.jsx");
      fs.writeFileSync(big, "var out = []; for (var i = 0; i < 100001; i++) { out.push(i); } out;\n");
      assert.match(host.fails("run_jsx_file", { path: big }, "ScriptFailed").message, /more than 100000 values/);
      host.fails("run_jsx_file", { path: path.join(dir, "missing.jsx") }, "FileNotFound");
    });

    test("get_project_state reports the active comp only when it is a comp", () => {
      const host = demo();
      host.ok("select_items", { item_ids: [id(host, "02_shots")] });
      assert.equal(host.ok("get_project_state").active_comp_id, null);
    });

    // ------------------------------------------------------------ items

    test("get_items: kinds by flags, Project-panel order, paths, usage, parent folders", () => {
      const host = demo();
      assert.deepEqual(host.ok("get_items"), [], "all flags default to false");
      assert.deepEqual(host.ok("get_items", { comps: false, folders: false, footages: false }), []);
      const all = host.ok("get_items", { comps: true, folders: true, footages: true });
      assert.equal(all.length, host.app.project.numItems);
      assert.deepEqual(
        all.map((i) => i.id),
        [...host.app.project._itemMap.values()]
          .sort((a, b) => (a._name.toLowerCase() < b._name.toLowerCase() ? -1 : a._name.toLowerCase() > b._name.toLowerCase() ? 1 : a._id - b._id))
          .map((i) => i._id),
        "Project-panel (name) order",
      );
      const comps = host.ok("get_items", { comps: true });
      assert.ok(comps.length >= 36 && comps.every((i) => i.type === "comp" && i.path === null));
      const folders = host.ok("get_items", { folders: true });
      assert.ok(folders.every((i) => i.type === "folder" && i.containing_comps.length === 0));
      const footage = host.ok("get_items", { footages: true });
      assert.ok(footage.every((i) => i.type === "footage"));
      const plate = footage.find((i) => i.name === "sh010_plate_v002.mov");
      assert.equal(plate.path, path.join(host.workDir, "media", "plates", "sh010", "sh010_plate_v002.mov"));
      assert.ok(fs.existsSync(plate.path));
      assert.deepEqual(plate.containing_comps, [id(host, "sh010_comp")]);
      assert.equal(plate.parent_folder_id, host.item(id(host, "sh010_comp"))._parent._children.find((c) => c._name === "plates")._id);
      const solid = footage.find((i) => i.name === "sh010_grade");
      assert.equal(solid.path, null, "solids have no file");
      const roto = footage.find((i) => i.name.startsWith("sh010_roto."));
      assert.equal(roto.name, "sh010_roto.[0001-0004].png");
      assert.equal(roto.path, path.join(host.workDir, "media", "elements", "sh010", "roto", "sh010_roto.0001.png"), "a sequence reports its first file");
      const top = folders.find((i) => i.name === "02_shots");
      assert.equal(top.parent_folder_id, null, "root folder is null");
      const precomp = comps.find((i) => i.name === "sh010_fg_precomp");
      assert.deepEqual(precomp.containing_comps, [id(host, "sh010_comp")]);
      assert.equal(host.last.mutations.length, 0, "a read changes nothing");
    });

    test("select_items / get_selected_items: exact selection, panel order, unknown ids", () => {
      const host = demo();
      const a = id(host, "sh030_comp");
      const b = id(host, "sh020_plate_v001.mov");
      const f = id(host, "03_assets");
      assert.equal(host.ok("select_items", { item_ids: [b, a, f] }), null);
      // Project.selection lists the selected items in the Project panel's (name) order
      assert.deepEqual(host.ok("get_selected_items", { comps: true, footages: true, folders: true }).map((i) => i.id), [f, b, a]);
      assert.deepEqual(host.ok("get_selected_items", { comps: true }).map((i) => i.id), [a]);
      assert.deepEqual(host.ok("get_selected_items"), []);
      assert.equal(host.item(id(host, "sh010_comp"))._selected, false, "the previous selection is cleared");
      host.fails("select_items", { item_ids: [a, 999999] }, "ItemNotFound");
      assert.deepEqual(host.ok("get_selected_items", { comps: true, footages: true, folders: true }).map((i) => i.id), [f, b, a], "nothing changed");
      host.ok("select_items", { item_ids: [] });
      assert.deepEqual(host.ok("get_selected_items", { comps: true, footages: true, folders: true }), []);
    });

    test("add_item: a comp with placeholder settings, or a folder, in the root folder", () => {
      const host = empty();
      const c = host.ok("add_item", { name: "publish_comp", item_type: "comp" });
      const comp = host.item(c);
      assert.equal(comp.typeName, "Composition");
      assert.deepEqual([comp.width, comp.height, comp.pixelAspect, comp.duration, comp.frameRate], [1920, 1080, 1, 10, 25]);
      assert.equal(comp._parent, host.app.project.rootFolder);
      assert.equal(host.last.undoBegun, 1);
      const f = host.ok("add_item", { name: "publish", item_type: "folder" });
      assert.equal(host.item(f).typeName, "Folder");
      assert.notEqual(c, f);
    });

    test("import_file: options absent, folder, sequence, fps, comp and project imports", () => {
      const host = demo();
      const media = path.join(host.workDir, "incoming");
      const still = writeMedia(path.join(media, "bg_v001.png"), { width: 3840, height: 2160 });
      const r = host.ok("import_file", { path: still, name: "bg_loaded" });
      const item = host.item(r.id);
      assert.deepEqual(r, { id: item._id, name: "bg_loaded" });
      assert.equal(item.label, 9);
      assert.equal(item.width, 3840);
      assert.equal(item._parent, host.app.project.rootFolder);
      assert.equal(host.last.undoBegun, 1);

      const folder = id(host, "elements");
      const r2 = host.ok("import_file", { path: still, name: "bg_in_folder", parent_folder_id: folder, import_options: {} });
      assert.equal(host.item(r2.id)._parent._id, folder);

      for (let i = 1; i <= 6; i++) writeMedia(path.join(media, "seq", "fx." + String(1000 + i) + ".exr"));
      const seq = host.ok("import_file", { path: path.join(media, "seq", "fx.1001.exr"), name: "fx_seq", import_options: { sequence: true, fps: 25 } });
      const s = host.item(seq.id);
      assert.equal(s.mainSource.isStill, false);
      assert.equal(s.frameRate, 25, "conformed");
      assert.ok(Math.abs(s.duration - 6 / 25) < 1e-9);
      const single = host.ok("import_file", { path: path.join(media, "seq", "fx.1001.exr"), name: "fx_single", import_options: { sequence: false } });
      assert.equal(host.item(single.id).mainSource.isStill, true);

      const movie = writeMedia(path.join(media, "ref.mov"), { fps: 30, frames: 60 });
      const m = host.ok("import_file", { path: movie, name: "ref", import_options: { import_as: "footage", fps: 24 } });
      assert.equal(host.item(m.id).frameRate, 24);

      const psd = writeMedia(path.join(media, "layout.psd"), { width: 2048, height: 858 });
      const c = host.ok("import_file", { path: psd, name: "layout_comp", import_options: { import_as: "comp" } });
      assert.equal(host.item(c.id).typeName, "Composition");
      assert.equal(host.item(c.id).width, 2048);

      const proj = host.ok("import_file", {
        path: path.join(host.workDir, "project", "aerpc_demo_v001.aep"),
        name: "imported_demo",
        import_options: { import_as: "project" },
      });
      assert.equal(host.item(proj.id).typeName, "Folder");
      assert.ok(host.item(proj.id).numItems > 0);
    });

    test("import_file errors leave nothing behind", () => {
      const host = demo();
      const n = host.app.project.numItems;
      const media = path.join(host.workDir, "incoming");
      host.fails("import_file", { path: path.join(media, "missing.png"), name: "x" }, "FileNotFound");
      const txt = writeMedia(path.join(media, "readme.txt"));
      host.fails("import_file", { path: txt, name: "x" }, "ImportFailed");
      const png = writeMedia(path.join(media, "flat.png"));
      host.fails("import_file", { path: png, name: "x", import_options: { import_as: "comp" } }, "ImportFailed");
      host.fails("import_file", { path: png, name: "x", parent_folder_id: 999999 }, "ItemNotFound");
      host.fails("import_file", { path: png, name: "x", parent_folder_id: id(host, "sh010_comp") }, "InvalidItemType");
      assert.equal(host.app.project.numItems, n);
    });

    test("replace_item: new file and name; sequences stay sequences; errors", () => {
      const host = demo();
      const plate = id(host, "sh010_plate_v001.mov");
      const v3 = writeMedia(path.join(host.workDir, "media", "plates", "sh010", "sh010_plate_v003.mov"), { fps: 24, frames: 80 });
      assert.equal(host.ok("replace_item", { item_id: plate, path: v3, name: "sh010_plate_v003" }), null);
      assert.equal(host.item(plate).file.fsName, v3);
      assert.equal(host.item(plate).name, "sh010_plate_v003");
      assert.equal(host.last.undoBegun, 1);

      const roto = host.itemByName("sh010_roto.[0001-0004].png");
      const dir = path.join(host.workDir, "media", "elements", "sh010", "roto_v2");
      for (let f = 1; f <= 8; f++) writeMedia(path.join(dir, "sh010_roto_v2." + String(f).padStart(4, "0") + ".png"));
      host.ok("replace_item", { item_id: roto._id, path: path.join(dir, "sh010_roto_v2.0001.png"), name: "sh010_roto_v2" });
      assert.equal(roto.mainSource.isStill, false, "replaced with a sequence");
      assert.equal(host.last.calls["FootageItem.replaceWithSequence"], 1);

      host.fails("replace_item", { item_id: 999999, path: v3, name: "x" }, "ItemNotFound");
      host.fails("replace_item", { item_id: id(host, "sh010_comp"), path: v3, name: "x" }, "InvalidItemType");
      host.fails("replace_item", { item_id: plate, path: v3 + ".missing", name: "x" }, "FileNotFound");
      const txt = writeMedia(path.join(host.workDir, "incoming", "notes.txt"));
      host.fails("replace_item", { item_id: plate, path: txt, name: "x" }, "ImportFailed");
      assert.equal(host.item(plate).name, "sh010_plate_v003", "unchanged after a failure");
    });

    test("rename_item, set_label_color, delete_item", () => {
      const host = demo();
      const comp = id(host, "sh050_comp");
      host.ok("rename_item", { item_id: comp, name: "\u2117 sh050_comp" });
      assert.equal(host.item(comp).name, "\u2117 sh050_comp");
      host.fails("rename_item", { item_id: 999999, name: "x" }, "ItemNotFound");
      host.ok("set_label_color", { item_id: comp, label: 0 });
      assert.equal(host.item(comp).label, 0);
      host.ok("set_label_color", { item_id: comp, label: 16 });
      assert.equal(host.item(comp).label, 16);
      host.fails("set_label_color", { item_id: 999999, label: 1 }, "ItemNotFound");

      const folder = host.itemByName("sh060");
      const inside = [];
      const walk = (f) => f._children.forEach((c) => (inside.push(c._id), c._children && walk(c)));
      walk(folder);
      const n = host.app.project.numItems;
      host.ok("delete_item", { item_id: folder._id });
      assert.equal(host.app.project.numItems, n - 1 - inside.length, "a folder goes with its contents");
      assert.ok(inside.every((i) => host.item(i) === null));
      host.fails("delete_item", { item_id: folder._id }, "ItemNotFound");
    });

    test("add_placeholder: a PlaceholderItem; ImportFailed when After Effects refuses", () => {
      const host = empty();
      const pid = host.ok("add_placeholder", { name: "plate_placeholder", width: 1920, height: 1080, frame_rate: 24, duration: 5 });
      const ph = host.item(pid);
      assert.equal(ph.constructor.name, "PlaceholderItem");
      assert.equal(ph.footageMissing, true);
      assert.equal(host.last.undoBegun, 1);
      host.fails("add_placeholder", { name: "bad", width: 2, height: 1080, frame_rate: 24, duration: 5 }, "ImportFailed", { unchecked: true });
    });

    // ------------------------------------------------------------ compositions and layers

    test("get_comp_properties", () => {
      const host = demo();
      const comp = host.item(id(host, "sh010_comp"));
      assert.deepEqual(host.ok("get_comp_properties", { comp_id: comp._id }), {
        id: comp._id,
        name: "sh010_comp",
        frame_start: 1001,
        frames_duration: Math.round(comp.duration * 24),
        frame_rate: 24,
        width: 1920,
        height: 1080,
        pixel_aspect: 1,
      });
      host.fails("get_comp_properties", { comp_id: 999999 }, "ItemNotFound");
      host.fails("get_comp_properties", { comp_id: id(host, "02_shots") }, "NotAComposition");
    });

    test("set_comp_properties: a start frame of 0 is honoured, each value on its own", () => {
      const host = demo();
      const cid = id(host, "sh020_comp");
      const before = host.ok("get_comp_properties", { comp_id: cid });
      host.ok("set_comp_properties", { comp_id: cid, frame_start: 0 });
      assert.deepEqual(host.ok("get_comp_properties", { comp_id: cid }), Object.assign({}, before, { frame_start: 0 }));
      host.ok("set_comp_properties", { comp_id: cid, frame_rate: 25 });
      assert.deepEqual(host.ok("get_comp_properties", { comp_id: cid }), Object.assign({}, before, { frame_start: 0, frame_rate: 25 }), "frame numbers kept");
      host.ok("set_comp_properties", { comp_id: cid, frame_start: 1001, frames_duration: 120, frame_rate: 23.976 });
      const after1 = host.ok("get_comp_properties", { comp_id: cid });
      assert.equal(after1.frame_start, 1001);
      assert.equal(after1.frames_duration, 120);
      assert.equal(after1.frame_rate, 23.976);
      assert.ok(Math.abs(host.item(cid).duration - 120 / 23.976) < 1e-9);
      const n = host.sim.mutationLog.length;
      host.ok("set_comp_properties", { comp_id: cid });
      assert.equal(host.sim.mutationLog.length, n, "nothing given, nothing changed");
      host.fails("set_comp_properties", { comp_id: 999999, frame_start: 0 }, "ItemNotFound");
      host.fails("set_comp_properties", { comp_id: id(host, "sh020_plate_v001.mov"), width: 100 }, "NotAComposition");
    });

    test("set_comp_properties: a size change keeps top-level layers centred (keys and static)", () => {
      const host = demo();
      const cid = id(host, "sh010_comp");
      const comp = host.item(cid);
      const ctrl = comp._layers.find((l) => l._nameSet === "CTRL");
      const plate = comp._layers.find((l) => l._source && l._source._name === "sh010_plate_v002.mov");
      const bg = comp._layers.find((l) => l._source && l._source._name === "sh010_bg_v002.png");
      const keysBefore = ctrl.position._keys.map((k) => k.value.slice());
      const bgBefore = bg.position.value;
      const plateBefore = plate.position.value;
      bg.locked = true;
      host.ok("set_comp_properties", { comp_id: cid, width: 2048, height: 1152 });
      assert.deepEqual([comp.width, comp.height], [2048, 1152]);
      assert.deepEqual(ctrl.position._keys.map((k) => k.value), keysBefore.map((v) => [v[0] + 64, v[1] + 36, v[2]]));
      assert.deepEqual(bg.position.value, [bgBefore[0] + 64, bgBefore[1] + 36, bgBefore[2]]);
      assert.equal(bg.locked, true, "a locked layer is moved and locked again");
      assert.deepEqual(plate.position.value, plateBefore, "a parented layer moves with its parent");
      host.ok("set_comp_properties", { comp_id: cid, width: 2048 });
      assert.deepEqual(bg.position.value, [bgBefore[0] + 64, bgBefore[1] + 36, bgBefore[2]], "same size, no move");
    });

    test("get_layers: index order, types, sources, parents", () => {
      const host = demo();
      const cid = id(host, "sh010_comp");
      const layers = host.ok("get_layers", { comp_id: cid });
      assert.equal(layers.length, host.item(cid).numLayers);
      assert.deepEqual(layers.map((l) => l.index), layers.map((_l, i) => i + 1));
      const byName = Object.fromEntries(layers.map((l) => [l.name, l]));
      assert.equal(byName.CTRL.type, "null");
      assert.equal(byName.sh010_grade.type, "adjustment");
      assert.equal(byName["sh010_plate_v002.mov"].type, "av");
      assert.equal(byName["sh010_plate_v002.mov"].parent_index, byName.CTRL.index);
      assert.equal(byName["sh010_plate_v002.mov"].source_id, id(host, "sh010_plate_v002.mov"));
      assert.equal(byName["sh010_ref.mov"].enabled, false);
      assert.equal(byName.sh010_fg_precomp.source_id, id(host, "sh010_fg_precomp"));
      host.run("var c = app.project.items.addComp('kinds', 640, 360, 1, 2, 24); c.layers.addCamera('cam', [320, 180]); c.layers.addLight('key', [320, 180]); c.layers.addText('title'); c.layers.addShape();");
      const kinds = host.ok("get_layers", { comp_id: id(host, "kinds") });
      assert.deepEqual(kinds.map((l) => [l.type, l.source_id]), [["shape", null], ["text", null], ["light", null], ["camera", null]]);
      host.fails("get_layers", { comp_id: 999999 }, "ItemNotFound");
      host.fails("get_layers", { comp_id: id(host, "03_assets") }, "NotAComposition");
    });

    test("add_item_as_layer: footage and precomps on top; folders and cycles refused", () => {
      const host = demo();
      const cid = id(host, "sh030_comp");
      const n = host.item(cid).numLayers;
      const layer = host.ok("add_item_as_layer", { comp_id: cid, item_id: id(host, "logo_aerpc.png") });
      assert.equal(layer.index, 1);
      assert.equal(layer.type, "av");
      assert.equal(layer.source_id, id(host, "logo_aerpc.png"));
      assert.equal(host.item(cid).numLayers, n + 1);
      const pre = host.ok("add_item_as_layer", { comp_id: cid, item_id: id(host, "lower_third") });
      assert.equal(pre.source_id, id(host, "lower_third"));
      host.fails("add_item_as_layer", { comp_id: cid, item_id: id(host, "03_assets") }, "InvalidItemType");
      host.fails("add_item_as_layer", { comp_id: cid, item_id: cid }, "InvalidItemType");
      host.fails("add_item_as_layer", { comp_id: cid, item_id: id(host, "edit_v003") }, "InvalidItemType");
      host.fails("add_item_as_layer", { comp_id: cid, item_id: 999999 }, "ItemNotFound");
      host.fails("add_item_as_layer", { comp_id: 999999, item_id: cid }, "ItemNotFound");
      host.fails("add_item_as_layer", { comp_id: id(host, "logo_aerpc.png"), item_id: cid }, "NotAComposition");
      assert.equal(host.item(cid).numLayers, n + 2);
    });

    test("add_item_instead_placeholder: every slot in every comp, transform copied", () => {
      const host = demo();
      const ph = host.ok("add_placeholder", { name: "ph_plate", width: 1920, height: 1080, frame_rate: 24, duration: 2 });
      const a = id(host, "sh070_comp");
      const b = id(host, "sh080_comp");
      host.ok("add_item_as_layer", { comp_id: a, item_id: ph });
      host.ok("add_item_as_layer", { comp_id: b, item_id: ph });
      host.ok("add_item_as_layer", { comp_id: b, item_id: ph });
      const slotA = host.item(a)._layers[0];
      slotA.position.setValueAtTime(0, [100, 200]);
      slotA.position.setValueAtTime(1, [300, 400]);
      slotA.scale.setValue([50, 50, 100]);
      slotA.parent = host.item(a)._layers.find((l) => l._nameSet === "CTRL");
      const loaded = id(host, "sh070_plate_v001.mov");
      assert.equal(host.ok("add_item_instead_placeholder", { placeholder_item_id: ph, item_id: loaded }), 3);
      const la = host.item(a)._layers;
      const slotIndex = la.indexOf(slotA);
      const fresh = la[slotIndex + 1];
      assert.equal(fresh._source._id, loaded, "right below the placeholder layer");
      assert.deepEqual(fresh.position._keys.map((k) => [k.time, k.value.slice(0, 2)]), [[0, [100, 200]], [1, [300, 400]]]);
      assert.deepEqual(fresh.scale.value, [50, 50, 100]);
      assert.equal(fresh.parent, slotA.parent);
      assert.equal(host.item(b)._layers.filter((l) => l._source && l._source._id === loaded).length, 2);
      assert.ok(host.item(ph), "the placeholder item is kept");
      assert.equal(host.last.undoBegun, 1);

      const unused = host.ok("add_placeholder", { name: "ph_unused", width: 100, height: 100, frame_rate: 24, duration: 1 });
      assert.equal(host.ok("add_item_instead_placeholder", { placeholder_item_id: unused, item_id: loaded }), 0);
      host.fails("add_item_instead_placeholder", { placeholder_item_id: 999999, item_id: loaded }, "ItemNotFound");
      host.fails("add_item_instead_placeholder", { placeholder_item_id: ph, item_id: 999999 }, "ItemNotFound");
      host.fails("add_item_instead_placeholder", { placeholder_item_id: a, item_id: loaded }, "InvalidItemType");
      host.fails("add_item_instead_placeholder", { placeholder_item_id: ph, item_id: id(host, "03_assets") }, "InvalidItemType");
      host.fails("add_item_instead_placeholder", { placeholder_item_id: ph, item_id: a }, "InvalidItemType");
      assert.equal(host.item(b)._layers.filter((l) => l._source && l._source._id === loaded).length, 2, "a refused call changes nothing");
    });

    test("get_audio_url: the first audio layer's file, or null", () => {
      const host = demo();
      assert.equal(host.ok("get_audio_url", { comp_id: id(host, "sh010_comp") }), path.join(host.workDir, "media", "plates", "sh010", "sh010_ref.mov"));
      assert.equal(host.ok("get_audio_url", { comp_id: id(host, "edit_v003") }), path.join(host.workDir, "media", "audio", "edit_temp_mix.wav"));
      assert.equal(host.ok("get_audio_url", { comp_id: id(host, "lower_third") }), null);
      host.fails("get_audio_url", { comp_id: 999999 }, "ItemNotFound");
      host.fails("get_audio_url", { comp_id: id(host, "edit_temp_mix.wav") }, "NotAComposition");
    });

    test("import_background: a new folder and comp, or an existing comp", () => {
      const host = demo();
      const dir = path.join(host.workDir, "media", "bg", "v001");
      const files = ["bg_sky.png", "bg_city.png", "bg_fg.png"].map((n, i) => writeMedia(path.join(dir, n), { width: 2048 + i, height: 1152 }));
      const r = host.ok("import_background", { name: "bg_main", paths: files });
      const folder = host.item(r.id);
      const comp = host.item(r.comp_id);
      assert.equal(folder.typeName, "Folder");
      assert.equal(folder.name, "bg_main");
      assert.equal(r.name, "bg_main");
      assert.equal(comp._parent, folder);
      assert.deepEqual([comp.width, comp.height, comp.duration, comp.frameRate], [2048, 1152, 1, 25]);
      assert.equal(r.members[0], r.id);
      assert.equal(r.members[1], r.comp_id);
      assert.deepEqual(r.members.slice(2).map((m) => host.item(m).name), ["bg_sky", "bg_city", "bg_fg"]);
      assert.ok(r.members.slice(2).every((m) => host.item(m)._parent === folder && host.item(m).label === 9));
      assert.deepEqual(comp._layers.map((l) => l._source.name), ["bg_fg", "bg_city", "bg_sky"], "top layer last in paths");
      assert.equal(host.last.undoBegun, 1);

      const target = id(host, "sh090_comp");
      const r2 = host.ok("import_background", { comp_id: target, name: "unused", paths: [files[0]] });
      assert.equal(r2.comp_id, target);
      assert.equal(r2.id, host.item(target)._parent._id);
      assert.equal(r2.name, "sh090_comp");
      assert.equal(host.item(target)._layers[0]._source._id, r2.members[2]);
    });

    test("import_background errors leave nothing behind", () => {
      const host = demo();
      const dir = path.join(host.workDir, "media", "bg", "bad");
      const ok = writeMedia(path.join(dir, "ok.png"));
      const txt = writeMedia(path.join(dir, "notes.txt"));
      const n = host.app.project.numItems;
      host.fails("import_background", { name: "bg", paths: [ok, path.join(dir, "missing.png")] }, "FileNotFound");
      host.fails("import_background", { name: "bg", paths: [ok, txt] }, "ImportFailed");
      host.fails("import_background", { comp_id: 999999, name: "bg", paths: [ok] }, "ItemNotFound");
      host.fails("import_background", { comp_id: id(host, "02_shots"), name: "bg", paths: [ok] }, "NotAComposition");
      const audio = writeMedia(path.join(dir, "tone.wav"), { audio: true });
      host.fails("import_background", { name: "bg", paths: [audio] }, "ImportFailed"); // a 0x0 first item can't size a comp
      assert.equal(host.app.project.numItems, n);
    });

    test("reload_background: replace by base name, import new, delete obsolete; idempotent", () => {
      const host = demo();
      const v1 = path.join(host.workDir, "media", "bg", "v001");
      const v2 = path.join(host.workDir, "media", "bg", "v002");
      const first = ["sky.png", "city.png", "old.png"].map((n) => writeMedia(path.join(v1, n)));
      const second = ["sky.png", "city.png", "fog.png"].map((n) => writeMedia(path.join(v2, n)));
      const r = host.ok("import_background", { name: "bg_v001", paths: first });
      const [sky, city, old] = r.members.slice(2);
      const r2 = host.ok("reload_background", { comp_id: r.comp_id, name: "bg_v002", paths: second });
      assert.equal(r2.id, r.id);
      assert.equal(r2.comp_id, r.comp_id);
      assert.equal(r2.name, "bg_v002");
      assert.equal(host.item(r.id).name, "bg_v002");
      assert.deepEqual(r2.members.slice(0, 4), [r.id, r.comp_id, sky, city], "same items, new files");
      assert.equal(host.item(sky).file.fsName, second[0]);
      assert.equal(host.item(old), null, "obsolete footage deleted");
      const fog = r2.members[4];
      assert.equal(host.item(fog).name, "fog");
      assert.equal(host.item(r.comp_id)._layers.length, 3);
      const r3 = host.ok("reload_background", { comp_id: r.comp_id, name: "bg_v002", paths: second });
      assert.deepEqual(r3, r2, "idempotent");
      void city;

      host.fails("reload_background", { comp_id: id(host, "lower_third"), name: "x", paths: second }, "InvalidItemType");
      host.run("app.project.items.addComp('root_comp', 100, 100, 1, 1, 24)");
      host.fails("reload_background", { comp_id: id(host, "root_comp"), name: "x", paths: second }, "InvalidItemType");
      host.fails("reload_background", { comp_id: 999999, name: "x", paths: second }, "ItemNotFound");
      host.fails("reload_background", { comp_id: r.id, name: "x", paths: second }, "NotAComposition");
      host.fails("reload_background", { comp_id: r.comp_id, name: "x", paths: [path.join(v2, "missing.png")] }, "FileNotFound");
      const txt = writeMedia(path.join(v2, "notes.txt"));
      host.fails("reload_background", { comp_id: r.comp_id, name: "x", paths: [second[0], txt] }, "ImportFailed");
      assert.equal(host.item(r.id).name, "bg_v002", "refused before any change");
    });

    // ------------------------------------------------------------ render queue

    test("get_render_info: a pure read; DONE items are not duplicated", () => {
      const host = demo();
      const out = host.ok("get_render_info", { comp_id: id(host, "sh010_comp") });
      assert.deepEqual(out, [{ file_name: path.join(host.workDir, "renders", "sh010", "sh010_comp_[#####].png"), width: 1920, height: 1080 }]);
      const done = host.ok("get_render_info", { comp_id: id(host, "sh020_comp") });
      assert.equal(done[0].file_name, path.join(host.workDir, "renders", "sh020", "sh020_comp.mov"));
      assert.deepEqual(host.last.mutations, [], "no change");
      assert.deepEqual(Object.keys(host.last.calls).filter((k) => k.endsWith("=") || /duplicate|remove|add/.test(k)), [], "no setter or queue edit called");
      host.fails("get_render_info", { comp_id: id(host, "sh030_comp") }, "RenderQueueItemNotFound");
      host.run("app.project.renderQueue.items.add(app.project.itemByID(" + id(host, "sh010_comp") + "))");
      host.fails("get_render_info", { comp_id: id(host, "sh010_comp") }, "MultipleRenderQueueItems");
      host.fails("get_render_info", { comp_id: 999999 }, "ItemNotFound");
      host.fails("get_render_info", { comp_id: id(host, "02_shots") }, "NotAComposition");
    });

    test("add_comp_to_render_queue: once (true again after), into output_dir or <project folder>/output", () => {
      const host = demo();
      const cid = id(host, "sh030_comp");
      const out = path.join(host.workDir, "publish", "sh030", "render");
      assert.equal(host.ok("add_comp_to_render_queue", { comp_id: cid, output_dir: out }), true);
      assert.ok(fs.existsSync(out), "created");
      const info = host.ok("get_render_info", { comp_id: cid });
      assert.equal(path.dirname(info[0].file_name), out);
      assert.equal(path.basename(info[0].file_name), "sh030_comp.mov");
      assert.equal(host.ok("add_comp_to_render_queue", { comp_id: cid, output_dir: out }), true, "already queued: still true");
      assert.equal(host.app.project.renderQueue.numItems, 4);
      host.ok("add_comp_to_render_queue", { comp_id: id(host, "sh040_comp") });
      assert.equal(path.dirname(host.ok("get_render_info", { comp_id: id(host, "sh040_comp") })[0].file_name), path.join(host.workDir, "project", "output"));
      host.fails("add_comp_to_render_queue", { comp_id: 999999 }, "ItemNotFound");
      host.fails("add_comp_to_render_queue", { comp_id: id(host, "02_shots") }, "NotAComposition");
      const blank = empty();
      const c = blank.ok("add_item", { name: "c", item_type: "comp" });
      blank.fails("add_comp_to_render_queue", { comp_id: c }, "NoDocumentOpen");
      assert.equal(blank.ok("add_comp_to_render_queue", { comp_id: c, output_dir: path.join(blank.workDir, "out") }), true);
    });

    test("remove_comp_from_render_queue: every item of that comp, and only that comp", () => {
      const host = demo();
      const cid = id(host, "sh010_comp");
      host.run("app.project.renderQueue.items.add(app.project.itemByID(" + cid + "))");
      assert.equal(host.ok("remove_comp_from_render_queue", { comp_id: cid }), true);
      assert.equal(host.app.project.renderQueue.numItems, 2);
      assert.ok(host.app.project.renderQueue._items.every((rq) => rq.comp._id !== cid));
      assert.equal(host.ok("remove_comp_from_render_queue", { comp_id: cid }), false);
      host.fails("remove_comp_from_render_queue", { comp_id: 999999 }, "ItemNotFound");
      host.fails("remove_comp_from_render_queue", { comp_id: id(host, "02_shots") }, "NotAComposition");
    });

    test("render: writes the files, leaves other queued items as they were", () => {
      const host = demo();
      const cid = id(host, "sh010_comp");
      host.ok("add_comp_to_render_queue", { comp_id: id(host, "sh030_comp"), output_dir: path.join(host.workDir, "other") });
      const out = path.join(host.workDir, "publish", "sh010");
      const result = host.ok("render", { comp_id: cid, output_dir: out }, { allowOutsideUndo: ["RenderQueue.render"] });
      assert.deepEqual(result, [{ file_name: path.join(out, "sh010_comp_[#####].png"), width: 1920, height: 1080 }]);
      const frames = Math.round(host.item(cid).duration * 24);
      const written = fs.readdirSync(out).sort();
      assert.equal(written.length, frames);
      assert.equal(written[0], "sh010_comp_01001.png");
      assert.equal(host.last.counters.renders, 1);
      assert.equal(host.last.counters.suppressDialogs, 1);
      const other = host.app.project.renderQueue._items.find((rq) => rq.comp._name === "sh030_comp");
      assert.equal(other.render, true, "switched back on");
      assert.equal(fs.existsSync(path.join(host.workDir, "other")) && fs.readdirSync(path.join(host.workDir, "other")).length, 0, "not rendered");

      // DONE now: rendered again through a fresh duplicate
      const again = host.ok("render", { comp_id: cid, output_dir: path.join(host.workDir, "publish", "sh010_v2") }, { allowOutsideUndo: ["RenderQueue.render"] });
      assert.equal(path.dirname(again[0].file_name), path.join(host.workDir, "publish", "sh010_v2"));
      assert.equal(host.last.calls["RenderQueueItem.duplicate"], 1);
      assert.equal(host.app.project.renderQueue._items.filter((rq) => rq.comp._id === cid).length, 1);
    });

    test("render: the publish marker is dropped from the file name", () => {
      const host = demo();
      const cid = id(host, "sh040_comp");
      host.ok("rename_item", { item_id: cid, name: "\u2117 sh040_comp" });
      host.ok("add_comp_to_render_queue", { comp_id: cid, output_dir: path.join(host.workDir, "queued") });
      const out = path.join(host.workDir, "publish", "sh040");
      const result = host.ok("render", { comp_id: cid, output_dir: out }, { allowOutsideUndo: ["RenderQueue.render"] });
      assert.equal(result[0].file_name, path.join(out, "sh040_comp.mov"));
      assert.ok(fs.existsSync(path.join(out, "sh040_comp.mov")));
    });

    test("render errors", () => {
      const host = demo();
      const cid = id(host, "sh010_comp");
      host.fails("render", { comp_id: id(host, "sh030_comp"), output_dir: host.workDir }, "RenderQueueItemNotFound");
      host.fails("render", { comp_id: 999999, output_dir: host.workDir }, "ItemNotFound");
      host.fails("render", { comp_id: id(host, "02_shots"), output_dir: host.workDir }, "NotAComposition");
      const blocker = writeMedia(path.join(host.workDir, "a_file"));
      host.fails("render", { comp_id: cid, output_dir: path.join(blocker, "sub") }, "RenderFailed");
      host.run("app.project.renderQueue.items.add(app.project.itemByID(" + cid + "))");
      host.fails("render", { comp_id: cid, output_dir: host.workDir }, "MultipleRenderQueueItems");
      assert.equal(host.sim.counters.renders, 0);
    });

    test("render: a failed render is RenderFailed and the queue is restored", () => {
      const host = demo();
      const cid = id(host, "sh030_comp");
      host.ok("add_comp_to_render_queue", { comp_id: cid, output_dir: path.join(host.workDir, "q") });
      // a second output module pointing into a folder that does not exist: AE stops with an error
      host.run("var rq = app.project.renderQueue.item(4); var om = rq.outputModules.add(); om.file = new File('" + path.join(host.workDir, "gone", "x.mov") + "');");
      const e = host.fails("render", { comp_id: cid, output_dir: path.join(host.workDir, "out") }, "RenderFailed", { allowOutsideUndo: ["RenderQueue.render"] });
      assert.equal(e.data.comp_id, cid);
      const sh010 = host.app.project.renderQueue._items.find((rq) => rq.comp._name === "sh010_comp");
      assert.equal(sh010.render, true, "other items switched back on after the failure");
    });

    // ------------------------------------------------------------ metadata

    const setLabel = (host, text) => {
      host.run(
        "if (ExternalObject.AdobeXMPScript === undefined) { ExternalObject.AdobeXMPScript = new ExternalObject('lib:AdobeXMPScript'); }" +
          "var m = new XMPMeta(app.project.xmpPacket); m.setProperty(XMPConst.NS_XMP, 'Label', " + JSON.stringify(text) + "); app.project.xmpPacket = m.serialize();",
      );
    };
    const storedLabel = (host) =>
      host.run("var m = new XMPMeta(app.project.xmpPacket); m.doesPropertyExist(XMPConst.NS_XMP, 'Label') ? m.getProperty(XMPConst.NS_XMP, 'Label').value : null");

    test("imprint / get_metadata: upsert by instance_id, members[0], or id", () => {
      const host = demo();
      const comp = id(host, "sh010_comp");
      const plate = id(host, "sh010_plate_v002.mov");
      assert.deepEqual(host.ok("get_metadata"), []);
      const inst = { id: "ayon.create.instance", instance_id: "i-1", members: [comp], data: { productName: "renderMain", active: true } };
      host.ok("imprint", { entry: inst });
      assert.equal(host.last.undoBegun, 1);
      const cont = { id: "ayon.load.container", members: [plate], data: { name: "plate", loader: "FileLoader", representation: "r-1" } };
      host.ok("imprint", { entry: cont });
      const ctx = { id: "publish_context", members: [], data: { comment: "first" } };
      host.ok("imprint", { entry: ctx });
      host.ok("imprint", { entry: Object.assign({}, ctx, { data: { comment: "second" } }) });
      host.ok("imprint", { entry: Object.assign({}, inst, { data: { productName: "renderMain", active: false } }) });
      host.ok("imprint", { entry: Object.assign({}, cont, { data: { name: "plate", loader: "FileLoader", representation: "r-2" } }) });
      const got = host.ok("get_metadata");
      assert.deepEqual(got, [
        { id: "ayon.create.instance", instance_id: "i-1", members: [comp], data: { productName: "renderMain", active: false } },
        { id: "ayon.load.container", members: [plate], data: { name: "plate", loader: "FileLoader", representation: "r-2" } },
        { id: "publish_context", members: [], data: { comment: "second" } },
      ]);
      assert.equal(got.length, 3, "replaced, not appended");
      const n = host.sim.mutationLog.length;
      host.ok("imprint", { entry: Object.assign({}, ctx, { data: { comment: "second" } }) });
      assert.equal(host.sim.mutationLog.length, n, "idempotent: the same entry writes nothing");
      host.fails("imprint", { entry: { id: "ayon.load.container", members: [plate, 999999], data: {} } }, "ItemNotFound");
      assert.equal(host.ok("get_metadata").length, 3);
    });

    test("imprint stores the reference's flat records in xmp:Label; tricky text survives", () => {
      const host = demo();
      const comp = id(host, "sh010_comp");
      const tricky = "quote \" backslash \\ C:\\shots\\sh010 newline \n tab \t apostrophe ' </xmp:Label> & <b> \u2028 \u00e9\u4e2d \ud83c\udfac";
      host.ok("imprint", { entry: { id: "ayon.create.instance", instance_id: "i-2", members: [comp], data: { comment: tricky, nested: { list: [1, "two", null] } } } });
      const raw = JSON.parse(storedLabel(host));
      assert.deepEqual(raw, [{ id: "ayon.create.instance", instance_id: "i-2", comment: tricky, nested: { list: [1, "two", null] }, members: [comp] }]);
      assert.equal(host.ok("get_metadata")[0].data.comment, tricky);
      const file = path.join(host.workDir, "project", "meta.aep");
      host.ok("save_as", { path: file });
      const reopened = empty();
      reopened.ok("open", { path: file });
      assert.equal(reopened.ok("get_metadata")[0].data.comment, tricky, "survives save and open");
    });

    test("imprint: data keys that are Object.prototype names round-trip", () => {
      const host = demo();
      const data = { hasOwnProperty: 1, toString: "x", constructor: [1], valueOf: null, "": "empty", 0: "zero", isPrototypeOf: { a: 1 } };
      host.ok("imprint", { entry: { id: "hostile.test", instance_id: "h-1", members: [], data } });
      assert.deepEqual(host.ok("get_metadata"), [{ id: "hostile.test", instance_id: "h-1", members: [], data }]);
      host.ok("remove_instance", { instance_id: "h-1" });
      assert.deepEqual(host.ok("get_metadata"), []);
    });

    test("get_metadata reads reference workfiles: string members, malformed records kept", () => {
      const host = demo();
      const comp = id(host, "sh010_comp");
      const legacy = [
        { schema: "ayon:container-3.0", id: "ayon.load.container", name: "plate", namespace: "sh010_plate", loader: "FileLoader", representation: "r", members: [String(comp)] },
        { id: "publish_context", variant: "Main" },
        { no_id: true, members: [comp] },
        "garbage",
        { id: "ayon.create.instance", instance_id: "legacy-1", members: ["not-a-number"] },
      ];
      setLabel(host, JSON.stringify(legacy, null, 4));
      const got = host.ok("get_metadata");
      assert.deepEqual(got, [
        { id: "ayon.load.container", members: [comp], data: { schema: "ayon:container-3.0", name: "plate", namespace: "sh010_plate", loader: "FileLoader", representation: "r" } },
        { id: "publish_context", members: [], data: { variant: "Main" } },
      ]);
      host.ok("imprint", { entry: { id: "publish_context", members: [], data: { variant: "Other" } } });
      const raw = JSON.parse(storedLabel(host));
      assert.equal(raw.length, 5, "malformed records stay in storage");
      assert.deepEqual(raw[2], { no_id: true, members: [comp] });
      assert.equal(raw[3], "garbage");
    });

    test("remove_metadata: the records keyed on an item, not instances; a count", () => {
      const host = demo();
      const a = id(host, "sh010_comp");
      const plate = id(host, "sh010_plate_v002.mov");
      setLabel(host, JSON.stringify([
        { id: "ayon.load.container", name: "plate", members: [String(plate)] },
        { id: "ayon.create.instance", instance_id: "i-1", members: [plate] },
        { id: "ayon.load.container", name: "comp", members: [a] },
        "garbage",
      ]));
      assert.equal(host.ok("remove_metadata", { item_id: plate }), 1);
      assert.deepEqual(JSON.parse(storedLabel(host)), [
        { id: "ayon.create.instance", instance_id: "i-1", members: [plate] },
        { id: "ayon.load.container", name: "comp", members: [a] },
        "garbage",
      ]);
      const n = host.sim.mutationLog.length;
      assert.equal(host.ok("remove_metadata", { item_id: plate }), 0);
      assert.equal(host.sim.mutationLog.length, n, "nothing to remove writes nothing");
      setLabel(host, "{not json");
      host.fails("remove_metadata", { item_id: a }, "MetadataCorrupt");
    });

    test("imprint drops records whose main item is gone", () => {
      const host = demo();
      const a = id(host, "sh010_comp");
      const b = id(host, "sh020_comp");
      host.ok("imprint", { entry: { id: "ayon.create.instance", instance_id: "a", members: [a], data: {} } });
      host.ok("imprint", { entry: { id: "ayon.create.instance", instance_id: "b", members: [b], data: {} } });
      host.ok("delete_item", { item_id: b });
      host.ok("imprint", { entry: { id: "publish_context", members: [], data: {} } });
      assert.deepEqual(host.ok("get_metadata").map((e) => e.instance_id || e.id), ["a", "publish_context"]);
    });

    test("remove_instance: by instance_id or legacy uuid; unknown ids are a no-op", () => {
      const host = demo();
      const a = id(host, "sh010_comp");
      setLabel(host, JSON.stringify([
        { id: "pyblish.avalon.instance", uuid: "old-1", members: [a] },
        { id: "ayon.create.instance", instance_id: "new-1", members: [a] },
        { id: "ayon.create.instance", instance_id: "new-2", members: [a] },
        { broken: true },
      ]));
      host.ok("remove_instance", { instance_id: "new-1" });
      host.ok("remove_instance", { instance_id: "old-1" });
      assert.deepEqual(host.ok("get_metadata").map((e) => e.instance_id), ["new-2"]);
      assert.equal(JSON.parse(storedLabel(host)).length, 2, "the malformed record is kept");
      const n = host.sim.mutationLog.length;
      host.ok("remove_instance", { instance_id: "nope" });
      assert.equal(host.sim.mutationLog.length, n, "nothing written");
    });

    test("MetadataCorrupt when the stored value is not a JSON list; nothing is overwritten", () => {
      for (const text of ["{not json", '{"a": 1}']) {
        const host = demo();
        setLabel(host, text);
        host.fails("get_metadata", {}, "MetadataCorrupt");
        host.fails("imprint", { entry: { id: "publish_context", members: [], data: {} } }, "MetadataCorrupt");
        host.fails("remove_instance", { instance_id: "x" }, "MetadataCorrupt");
        assert.equal(storedLabel(host), text);
      }
    });

    test("every host function is reachable through the dispatcher table", () => {
      const host = empty();
      for (const m of hostMethods) {
        // The assembled script keeps host functions out of the globals, in __aerpc.host.
        const where = dispatcher === "generated" ? "__aerpc.host." : "";
        assert.equal(host.run("typeof " + where + m["x-host-function"]), "function", m["x-host-function"]);
      }
      assert.ok(methodsByName.size > hostMethods.length);
    });
  });
}
