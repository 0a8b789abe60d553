"use strict";
// The simulated scripting DOM (index.js): ImportOptions: what importFile is told to import, and how.

const media = require("../media");
const { ImportAsType } = require("./enums");

class ImportOptions {
  constructor(file) {
    this._file = null;
    this._importAs = ImportAsType.FOOTAGE;
    this._sequence = false;
    this._forceAlphabetical = false;
    this._rangeStart = 0;
    this._rangeEnd = 0;
    if (file !== undefined) this.file = file;
  }
  get file() {
    return this._file;
  }
  set file(f) {
    if (!f || typeof f.fsName !== "string" || typeof f.exists !== "boolean") throw new Error('Unable to set "file". Value is not a File.');
    if (!f.exists) throw new Error('After Effects error: ImportOptions: file "' + f.fsName + '" does not exist.');
    this._file = f;
  }
  get importAs() {
    return this._importAs;
  }
  set importAs(v) {
    if (!this.canImportAs(v)) throw new Error('After Effects error: Unable to set "importAs". This file can not be imported as the requested type.');
    this._importAs = v;
  }
  get sequence() {
    return this._sequence;
  }
  set sequence(v) {
    if (typeof v !== "boolean") throw new Error('Unable to set "sequence". Value is not a boolean.');
    this._sequence = v;
  }
  get forceAlphabetical() {
    return this._forceAlphabetical;
  }
  set forceAlphabetical(v) {
    if (typeof v !== "boolean") throw new Error('Unable to set "forceAlphabetical". Value is not a boolean.');
    this._forceAlphabetical = v;
  }
  get rangeStart() {
    return this._rangeStart;
  }
  set rangeStart(v) {
    this._rangeStart = v;
  }
  get rangeEnd() {
    return this._rangeEnd;
  }
  set rangeEnd(v) {
    this._rangeEnd = v;
  }
  canImportAs(type) {
    if (!this._file) return false;
    const kind = media.kindOf(this._file.fsName);
    const ext = media.extOf(this._file.fsName);
    if (type === ImportAsType.FOOTAGE) return kind === "still" || kind === "video" || kind === "audio";
    if (type === ImportAsType.COMP || type === ImportAsType.COMP_CROPPED_LAYERS) return media.LAYERED.has(ext) || kind === "project";
    if (type === ImportAsType.PROJECT) return kind === "project";
    return false;
  }
  isFileNameNumbered(file) {
    const m = /(\d+)/.exec(String(file && file.name !== undefined ? file.name : file));
    return { isNumbered: !!m, num: m ? parseInt(m[1], 10) : 0 };
  }
}

module.exports = { ImportOptions };
