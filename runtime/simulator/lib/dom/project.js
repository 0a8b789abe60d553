"use strict";
// The simulated scripting DOM (index.js): The project: its items, saving and opening, importing, and undo groups.

const media = require("../media");
const { INTERNAL, aeError, checkArgs, err, guard, indexable, nameCompare, requireInt, requireNumber, requireString } = require("./helpers");
const { CompItem, FileSource, FolderItem, FootageItem, PlaceholderItem, PlaceholderSource, SolidSource } = require("./items");
const { RenderQueue } = require("./render-queue");
const { ItemCollection } = require("./collections");
const { CloseOptions, FramesCountType } = require("./enums");
// Later sections require this one: their classes are looked up when first used.
const importOptions = () => require("./import-options");

class Project {
  constructor(token, app) {
    guard(token, "Project");
    this._app = app;
    this._env = app._env;
    this._nextId = 1;
    this._itemMap = new Map();
    this._root = null;
    this._root = new FolderItem(INTERNAL, this, "Root");
    this._root._parent = null;
    this._file = null;
    this._dirty = false;
    this._revision = 1;
    this._bitsPerChannel = 8;
    this._displayStartFrame = 1;
    this._xmp = this._env.defaultXmp();
    this._activeItem = null;
    this._selectionSerial = 0;
    this._sortCache = null;
    this._renderQueue = new RenderQueue(INTERNAL, this);
    this._itemsColl = indexable(new ItemCollection(INTERNAL, this, this._root, true));
    this._removed = false;
    this._settings = { linearBlending: false, workingSpace: "", workingGamma: 2.4, expressionEngine: "javascript-1.0", gpuAccelType: 1816, transparencyGridThumbnails: false, linearizeWorkingSpace: false, compensateForSceneReferredProfiles: true, timeDisplayType: 2012, framesCountType: FramesCountType.FC_START_1, feetFramesFilmType: 2412, framesUseFeetFrames: false, footageTimecodeDisplayStartType: 2212, toolType: 0 };
  }
  _newId() {
    return this._nextId++;
  }
  _touch(what) {
    this._dirty = true;
    this._revision += 1;
    this._env.sim.mutation(what);
  }
  _structChanged() {
    this._sortCache = null;
  }
  _sortedItems() {
    if (!this._sortCache) this._sortCache = [...this._itemMap.values()].sort(nameCompare);
    return this._sortCache;
  }
  _register(item, folder) {
    const f = folder || this._root;
    item._parent = f;
    f._children.push(item);
    this._itemMap.set(item._id, item);
    this._structChanged();
    this._touch("ItemCollection.add");
    return item;
  }
  _addComp(folder, name, width, height, pixelAspect, duration, frameRate) {
    requireString(this, "name", name);
    requireInt(this, "width", width, 4, 30000);
    requireInt(this, "height", height, 4, 30000);
    requireNumber(this, "pixelAspect", pixelAspect, 0.01, 100);
    requireNumber(this, "frameRate", frameRate, 1, 999);
    requireNumber(this, "duration", duration, 1 / frameRate, 10800);
    return this._register(new CompItem(INTERNAL, this, name, width, height, pixelAspect, duration, frameRate), folder);
  }
  _solidsFolder() {
    for (const c of this._root._children) if (c instanceof FolderItem && c._name === "Solids") return c;
    return this._register(new FolderItem(INTERNAL, this, "Solids"), this._root);
  }
  _solidFootage(name, color, width, height, pixelAspect) {
    const it = new FootageItem(
      INTERNAL,
      this,
      name,
      new SolidSource(INTERNAL, { _env: this._env }, "solid", {
        _color: color.slice ? color.slice() : [1, 1, 1],
        _info: { width, height, pixelAspect: pixelAspect || 1, frameRate: 0, duration: 0, hasVideo: true, hasAudio: false, isStill: true, hasAlpha: false },
      }),
    );
    return this._register(it, this._solidsFolder());
  }
  _fileSource(owner, file, sequence, what, conformOptions) {
    const F = this._env.File;
    if (!(file instanceof F)) throw err(owner, 'Unable to call "' + what + '" because of parameter 1. Value is not a File.');
    if (!file.exists) throw aeError(owner, 'Unable to call "' + what + '": file "' + file.fsName + '" does not exist.');
    const info = media.probe(file.fsName, Object.assign({ sequence, sequenceFrameRate: this._env.options.sequenceFrameRate }, conformOptions));
    if (!info) throw aeError(owner, 'Can not import "' + file.displayName + '": unsupported file type or extension.');
    const src = new FileSource(INTERNAL, { _env: this._env }, "file", { _fileObj: new F(file.fsName), _info: info });
    src._defaultName = info.sequence ? info.sequence.name : file.displayName;
    return src;
  }
  _placeholderSource(owner, name, width, height, frameRate, duration) {
    requireString(owner, "name", name);
    requireInt(owner, "width", width, 4, 30000);
    requireInt(owner, "height", height, 4, 30000);
    requireNumber(owner, "frameRate", frameRate, 1, 99);
    requireNumber(owner, "duration", duration, 0, 10800);
    return new PlaceholderSource(INTERNAL, { _env: this._env }, "placeholder", {
      _info: { width, height, pixelAspect: 1, frameRate, duration, hasVideo: true, hasAudio: false, isStill: false, hasAlpha: false },
    });
  }
  _removeItem(item) {
    if (item === this._root) throw aeError(this, "Can not remove the root folder.");
    if (this._renderQueue._rendering) throw aeError(this, "Can not remove items while rendering.");
    const doomed = [];
    const collect = (it) => {
      doomed.push(it);
      if (it instanceof FolderItem) for (const c of it._children) collect(c);
    };
    collect(item);
    const doomedSet = new Set(doomed);
    for (const c of this._itemMap.values()) {
      if (c instanceof CompItem && !doomedSet.has(c)) {
        for (const l of c._layers.slice()) if (doomedSet.has(l._source)) this._removeLayer(l, true);
      }
    }
    for (const rq of this._renderQueue._items.slice()) if (doomedSet.has(rq._comp)) {
      this._renderQueue._items.splice(this._renderQueue._items.indexOf(rq), 1);
      rq._removed = true;
    }
    item._parent._children.splice(item._parent._children.indexOf(item), 1);
    for (const it of doomed) {
      this._itemMap.delete(it._id);
      it._removed = true;
      if (it instanceof CompItem) for (const l of it._layers) l._removed = true;
      if (this._activeItem === it) this._activeItem = null;
    }
    this._structChanged();
    this._touch("Item.remove");
  }
  _removeLayer(layer, quiet) {
    const comp = layer._comp;
    comp._layers.splice(comp._layers.indexOf(layer), 1);
    for (const l of comp._layers) if (l._parentLayer === layer) l._parentLayer = null;
    layer._removed = true;
    if (!quiet) this._touch("Layer.remove");
  }
  get file() {
    return this._file ? new this._env.File(this._file.fsName) : null;
  }
  get rootFolder() {
    return this._root;
  }
  get items() {
    return this._itemsColl;
  }
  get numItems() {
    return this._itemMap.size;
  }
  get activeItem() {
    if (this._activeItem && !this._activeItem._removed) return this._activeItem;
    const sel = this.selection;
    return sel.length === 1 ? sel[0] : null;
  }
  // Where File › Import puts new items: the folder selected in the Project panel (the first
  // selected folder in panel order), else the root folder.
  _importFolder() {
    const folder = this._sortedItems().find((i) => i._selected && i instanceof FolderItem);
    return folder || this._root;
  }
  get selection() {
    // "All items selected in the Project panel, in the sort order shown in the Project panel."
    return this._sortedItems().filter((i) => i._selected);
  }
  get renderQueue() {
    return this._renderQueue;
  }
  get dirty() {
    return this._dirty;
  }
  get revision() {
    return this._revision;
  }
  get bitsPerChannel() {
    return this._bitsPerChannel;
  }
  set bitsPerChannel(v) {
    if (v !== 8 && v !== 16 && v !== 32) throw aeError(this, 'Unable to set "bitsPerChannel". Value must be 8, 16 or 32.');
    this._bitsPerChannel = v;
    this._touch("Project.bitsPerChannel");
  }
  get displayStartFrame() {
    return this._displayStartFrame;
  }
  set displayStartFrame(v) {
    if (v !== 0 && v !== 1) throw aeError(this, 'Unable to set "displayStartFrame". Value must be 0 or 1.');
    this._displayStartFrame = v;
    this._touch("Project.displayStartFrame");
  }
  get xmpPacket() {
    return this._xmp;
  }
  set xmpPacket(v) {
    requireString(this, "xmpPacket", v);
    this._env.validateXmp(v);
    this._xmp = v;
    this._touch("Project.xmpPacket");
  }
  get usedFonts() {
    return [];
  }
  item(i) {
    checkArgs(this, "item", arguments, 1);
    const list = this._sortedItems();
    if (typeof i !== "number" || i < 1 || i > list.length) throw aeError(this, "Item index " + i + " out of range 1 to " + list.length + ".");
    return list[i - 1];
  }
  itemByID(id) {
    checkArgs(this, "itemByID", arguments, 1);
    if (typeof id !== "number" || Math.floor(id) !== id || id < 0) throw err(this, 'Unable to call "itemByID" because of parameter 1. Value is not an unsigned integer.');
    return this._itemMap.get(id) || null;
  }
  layerByID(id) {
    if (typeof id !== "number" || Math.floor(id) !== id || id < 0) throw err(this, 'Unable to call "layerByID" because of parameter 1. Value is not an unsigned integer.');
    for (const c of this._itemMap.values()) if (c instanceof CompItem) for (const l of c._layers) if (l._id === id) return l;
    return null;
  }
  importFile(io) {
    checkArgs(this, "importFile", arguments, 1);
    if (!(io instanceof importOptions().ImportOptions)) throw err(this, 'Unable to call "importFile" because of parameter 1. Value is not an ImportOptions object.');
    if (!io._file) throw aeError(this, "ImportOptions has no file.");
    return this._app._import(io);
  }
  importFileWithDialog() {
    this._env.sim.dialog("Project.importFileWithDialog");
    return null;
  }
  importPlaceholder(name, width, height, frameRate, duration) {
    checkArgs(this, "importPlaceholder", arguments, 5);
    const it = new PlaceholderItem(INTERNAL, this, requireString(this, "name", name), this._placeholderSource(this, name, width, height, frameRate, duration));
    return this._register(it, this._root);
  }
  save(file) {
    const F = this._env.File;
    if (file === undefined) {
      if (!this._file) {
        this._env.sim.dialog("Project.save (Save As dialog for an unsaved project)");
        throw err(this, "simulated After Effects: Project.save() on a project that was never saved opens a modal Save As dialog; pass a File.");
      }
      file = this._file;
    } else if (!(file instanceof F)) {
      throw err(this, 'Unable to call "save" because of parameter 1. Value is not a File.');
    }
    if (!file.parent || !file.parent.exists) throw aeError(this, 'Can not save the project to "' + file.fsName + '": the folder does not exist.');
    this._env.persist.write(this, file.fsName);
    this._file = new F(file.fsName);
    this._dirty = false;
    this._env.sim.counters.saves += 1;
    this._env.sim.count("Project.save:write");
  }
  saveWithDialog() {
    this._env.sim.dialog("Project.saveWithDialog");
    return false;
  }
  close(closeOptions) {
    checkArgs(this, "close", arguments, 1);
    if (closeOptions === CloseOptions.SAVE_CHANGES && this._dirty) {
      if (!this._file) {
        this._env.sim.dialog("Project.close (Save As dialog)");
        return false;
      }
      this.save();
    } else if (closeOptions === CloseOptions.PROMPT_TO_SAVE_CHANGES && this._dirty) {
      this._env.sim.dialog("Project.close (save changes prompt)");
    } else if (closeOptions !== CloseOptions.DO_NOT_SAVE_CHANGES && closeOptions !== CloseOptions.SAVE_CHANGES && closeOptions !== CloseOptions.PROMPT_TO_SAVE_CHANGES) {
      throw err(this, 'Unable to call "close" because of parameter 1. Value is not a CloseOptions value.');
    }
    this._app._replaceProject(null);
    return true;
  }
  consolidateFootage() {
    return 0;
  }
  removeUnusedFootage() {
    let n = 0;
    for (const it of [...this._itemMap.values()]) {
      if (it instanceof FootageItem && !it._removed && it.usedIn.length === 0) {
        this._removeItem(it);
        n += 1;
      }
    }
    return n;
  }
  reduceProject(keep) {
    const keepSet = new Set(keep);
    let n = 0;
    for (const it of [...this._itemMap.values()]) {
      if (!it._removed && !keepSet.has(it) && !(it instanceof FolderItem)) {
        this._removeItem(it);
        n += 1;
      }
    }
    return n;
  }
  showWindow(_doShow) {}
  autoFixExpressions(_a, _b) {}
  setDefaultImportFolder(_folder) {
    return true;
  }
  listColorProfiles() {
    return ["sRGB IEC61966-2.1", "Rec.709 Gamma 2.4", "ACEScg"];
  }
}

// Project settings that are plain read/write values.
for (const key of ["linearBlending", "workingSpace", "workingGamma", "expressionEngine", "gpuAccelType", "transparencyGridThumbnails", "linearizeWorkingSpace", "compensateForSceneReferredProfiles", "timeDisplayType", "framesCountType", "feetFramesFilmType", "framesUseFeetFrames", "footageTimecodeDisplayStartType", "toolType"]) {
  Object.defineProperty(Project.prototype, key, {
    configurable: true,
    get() {
      return this._settings[key];
    },
    set(v) {
      this._settings[key] = v;
    },
  });
}

module.exports = { Project };
