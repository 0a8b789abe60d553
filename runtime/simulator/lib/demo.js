"use strict";
// The demo project: a realistic shot-based After Effects project.
//
// It is built through the same scripting DOM that scripts use, from small
// placeholder media files written under `<workDir>/media` (their first line is
// a JSON header the simulator reads as the media's size, rate and length):
//
//   01_edit/      edit_v003 (comp of every shot comp, with the temp mix), edit_temp_mix.wav
//   02_shots/     sh010 … sh120, each: <shot>_comp, <shot>_fg_precomp, <shot>_slate,
//                 plates/ (plate v001 + v002, reference with audio), elements/ (bg, fx,
//                 roto sequence, …), renders/
//   03_assets/    logos/, textures/ (grain, dirt stills)
//   04_templates/ lower_third, end_card
//   Solids/       created by After Effects for nulls and adjustment layers
//
// The render queue holds sh010_comp (queued, PNG sequence), sh020_comp (done) and
// edit_v003 (unqueued). sh010_comp is selected. The project is saved as
// <workDir>/project/aerpc_demo_v001.aep.

const fs = require("fs");
const path = require("path");

const SHOTS = ["sh010", "sh020", "sh030", "sh040", "sh050", "sh060", "sh070", "sh080", "sh090", "sh100", "sh110", "sh120"];

function writeMedia(file, header, force) {
  if (!force && fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ aerpc_media: header }) + "\nplaceholder media written by the aerpc After Effects simulator\n");
}

function build(app, g, workDir, options) {
  const opts = Object.assign({ shots: SHOTS, fps: 24, width: 1920, height: 1080, firstFrame: 1001 }, options);
  const mediaDir = path.join(workDir, "media");
  const projectDir = path.join(workDir, "project");
  const renderDir = path.join(workDir, "renders");
  fs.mkdirSync(projectDir, { recursive: true });
  fs.mkdirSync(renderDir, { recursive: true });

  const { File, ImportOptions, ImportAsType } = g;
  const project = app.project;
  const importFile = (p, folder, sequence) => {
    const io = new ImportOptions(new File(p));
    if (sequence) io.sequence = true;
    const it = project.importFile(io);
    if (folder) it.parentFolder = folder;
    return it;
  };

  app.beginUndoGroup("Build demo project");
  try {
    const edit = project.items.addFolder("01_edit");
    const shots = project.items.addFolder("02_shots");
    const assets = project.items.addFolder("03_assets");
    const templates = project.items.addFolder("04_templates");

    // assets
    const logos = assets.items.addFolder("logos");
    const textures = assets.items.addFolder("textures");
    for (const n of ["logo_aerpc.png", "logo_client.png", "logo_client_white.png"]) {
      const p = path.join(mediaDir, "assets", "logos", n);
      writeMedia(p, { width: 1024, height: 512, alpha: true });
      importFile(p, logos);
    }
    const grainPath = path.join(mediaDir, "assets", "textures", "grain_35mm.mov");
    writeMedia(grainPath, { width: 2048, height: 1152, fps: 24, frames: 240, audio: false });
    const grain = importFile(grainPath, textures);
    for (let i = 1; i <= 12; i++) {
      const p = path.join(mediaDir, "assets", "textures", "dirt_" + String(i).padStart(2, "0") + ".png");
      writeMedia(p, { width: 2048, height: 1152, alpha: true });
      importFile(p, textures);
    }

    // templates
    const lower = templates.items.addComp("lower_third", opts.width, opts.height, 1, 5, opts.fps);
    lower.layers.addText("Name Surname");
    lower.layers.addText("Title");
    lower.layers.addShape();
    const endCard = templates.items.addComp("end_card", opts.width, opts.height, 1, 4, opts.fps);
    endCard.layers.add(project.itemByID(logos.item(1).id));
    endCard.layers.addSolid([0.05, 0.05, 0.08], "end_card_bg", opts.width, opts.height, 1);

    // shots
    const shotComps = [];
    opts.shots.forEach((shot, si) => {
      const frames = 48 + ((si * 17) % 5) * 12;
      const duration = frames / opts.fps;
      const sf = shots.items.addFolder(shot);
      const plates = sf.items.addFolder("plates");
      const elements = sf.items.addFolder("elements");
      sf.items.addFolder("renders");

      const plateDir = path.join(mediaDir, "plates", shot);
      const p1 = path.join(plateDir, shot + "_plate_v001.mov");
      const p2 = path.join(plateDir, shot + "_plate_v002.mov");
      const ref = path.join(plateDir, shot + "_ref.mov");
      writeMedia(p1, { width: opts.width, height: opts.height, fps: opts.fps, frames: frames + 16, audio: false });
      writeMedia(p2, { width: opts.width, height: opts.height, fps: opts.fps, frames: frames + 16, audio: false });
      writeMedia(ref, { width: 1280, height: 720, fps: opts.fps, frames, audio: true });
      importFile(p1, plates);
      const plate = importFile(p2, plates);
      const refItem = importFile(ref, plates);

      const elDir = path.join(mediaDir, "elements", shot);
      const bgPath = path.join(elDir, shot + "_bg_v002.png");
      const fxPath = path.join(elDir, shot + "_fx_smoke.mov");
      const skyPath = path.join(elDir, shot + "_sky.exr");
      writeMedia(bgPath, { width: opts.width, height: opts.height });
      writeMedia(fxPath, { width: opts.width, height: opts.height, fps: opts.fps, frames: 72, alpha: true });
      writeMedia(skyPath, { width: 4096, height: 2048 });
      for (let f = 1; f <= 4; f++) writeMedia(path.join(elDir, "roto", shot + "_roto." + String(f).padStart(4, "0") + ".png"), { width: opts.width, height: opts.height, alpha: true });
      const bg = importFile(bgPath, elements);
      const fx = importFile(fxPath, elements);
      const sky = importFile(skyPath, elements);
      const roto = importFile(path.join(elDir, "roto", shot + "_roto.0001.png"), elements, true);

      const fg = sf.items.addComp(shot + "_fg_precomp", opts.width, opts.height, 1, duration, opts.fps);
      fg.displayStartFrame = opts.firstFrame;
      fg.layers.add(fx);
      const fgText = fg.layers.addText(shot);
      fgText.enabled = false;

      const slate = sf.items.addComp(shot + "_slate", opts.width, opts.height, 1, 2, opts.fps);
      slate.layers.addSolid([0.1, 0.1, 0.1], shot + "_slate_bg", opts.width, opts.height, 1);
      slate.layers.addText(shot + "  v001  " + frames + " frames");

      const comp = sf.items.addComp(shot + "_comp", opts.width, opts.height, 1, duration, opts.fps);
      comp.displayStartFrame = opts.firstFrame;
      const refLayer = comp.layers.add(refItem);
      refLayer.enabled = false; // reference: audio only
      comp.layers.add(sky);
      comp.layers.add(bg);
      const plateLayer = comp.layers.add(plate);
      comp.layers.add(roto);
      comp.layers.add(fg);
      const grainLayer = comp.layers.add(grain);
      grainLayer.opacity.setValue(35);
      const grade = comp.layers.addSolid([1, 1, 1], shot + "_grade", opts.width, opts.height, 1);
      grade.adjustmentLayer = true;
      const ctrl = comp.layers.addNull();
      ctrl.name = "CTRL";
      plateLayer.parent = ctrl;
      ctrl.position.setValueAtTime(0, [opts.width / 2, opts.height / 2]);
      ctrl.position.setValueAtTime(duration / 2, [opts.width / 2 + 12, opts.height / 2 - 6]);
      comp.label = 9;
      shotComps.push(comp);
    });

    // edit
    const mixPath = path.join(mediaDir, "audio", "edit_temp_mix.wav");
    writeMedia(mixPath, { seconds: 60, audio: true });
    const mix = importFile(mixPath, edit);
    const total = shotComps.reduce((s, c) => s + c.duration, 0);
    const editComp = edit.items.addComp("edit_v003", opts.width, opts.height, 1, total, opts.fps);
    editComp.displayStartFrame = 86400;
    editComp.layers.add(mix);
    let t = 0;
    for (const c of shotComps) {
      const l = editComp.layers.add(c);
      l.startTime = t;
      t += c.duration;
    }

    // render queue
    const rq = project.renderQueue;
    const r1 = rq.items.add(shotComps[0]);
    r1.outputModule(1).applyTemplate("PNG Sequence");
    r1.outputModule(1).file = new File(path.join(renderDir, "sh010", "sh010_comp_[#####].png"));
    if (shotComps.length > 1) {
      const r2 = rq.items.add(shotComps[1]);
      r2.outputModule(1).file = new File(path.join(renderDir, "sh020", "sh020_comp.mov"));
      r2._status = g.RQItemStatus.DONE; // rendered in an earlier session
      r2._startTime = new Date("2025-01-01T12:00:00Z");
      r2._elapsed = 41;
    }
    const r3 = rq.items.add(editComp);
    r3.render = false;

    shotComps[0].selected = true;
  } finally {
    app.endUndoGroup();
  }

  project.save(new File(path.join(projectDir, "aerpc_demo_v001.aep")));
  return project;
}

module.exports = { build, SHOTS };
