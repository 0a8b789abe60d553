"use strict";
// What the simulated After Effects "sees" in a media file.
//
// Real footage would be decoded; here the facts come from the file name's
// extension, or from a small JSON header the demo factory writes into its
// placeholder media files: a first line `{"aerpc_media": {...}}` with any of
// width, height, fps, frames, audio, video, still.

const fs = require("fs");
const path = require("path");

const STILL = new Set(["png", "jpg", "jpeg", "tif", "tiff", "exr", "dpx", "tga", "bmp", "gif", "cin", "hdr", "sgi", "psd", "ai", "eps", "pdf"]);
const VIDEO = new Set(["mov", "mp4", "m4v", "avi", "mxf", "mkv", "webm", "mpg", "mpeg"]);
const AUDIO = new Set(["wav", "mp3", "aif", "aiff", "m4a", "aac", "flac", "ogg"]);
const LAYERED = new Set(["psd", "ai", "eps", "pdf"]);
const PROJECT = new Set(["aep", "aepx"]);

function extOf(p) {
  const e = path.extname(p).toLowerCase();
  return e.startsWith(".") ? e.slice(1) : e;
}

function readHeader(absPath) {
  try {
    const fd = fs.openSync(absPath, "r");
    try {
      const buf = Buffer.alloc(512);
      const n = fs.readSync(fd, buf, 0, 512, 0);
      const first = buf.slice(0, n).toString("utf8").split("\n")[0];
      if (!first.startsWith('{"aerpc_media"')) return null;
      return JSON.parse(first).aerpc_media || null;
    } finally {
      fs.closeSync(fd);
    }
  } catch (_e) {
    return null;
  }
}

function kindOf(absPath) {
  const e = extOf(absPath);
  if (STILL.has(e)) return "still";
  if (VIDEO.has(e)) return "video";
  if (AUDIO.has(e)) return "audio";
  if (PROJECT.has(e)) return "project";
  return null;
}

// A numbered file ("plate.1001.exr", "roto_0003.png") and its siblings.
function findSequence(absPath) {
  const dir = path.dirname(absPath);
  const base = path.basename(absPath);
  const m = /^(.*?)(\d+)(\.[^.]+)$/.exec(base);
  if (!m) return null;
  const [, prefix, digits, ext] = m;
  const re = new RegExp("^" + prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(\\d{" + digits.length + "})" + ext.replace(/\./g, "\\.") + "$");
  let names;
  try {
    names = fs.readdirSync(dir);
  } catch (_e) {
    return null;
  }
  const frames = names
    .map((n) => re.exec(n))
    .filter(Boolean)
    .map((x) => parseInt(x[1], 10))
    .sort((a, b) => a - b);
  if (frames.length === 0) return null;
  const pad = (n) => String(n).padStart(digits.length, "0");
  return {
    first: frames[0],
    last: frames[frames.length - 1],
    count: frames.length,
    name: prefix + "[" + pad(frames[0]) + "-" + pad(frames[frames.length - 1]) + "]" + ext,
  };
}

// Returns {kind, width, height, frameRate, duration, hasVideo, hasAudio, isStill, hasAlpha, layered, sequence}
function probe(absPath, opts) {
  const options = opts || {};
  const kind = kindOf(absPath);
  if (kind === null || kind === "project") return null;
  const h = readHeader(absPath) || {};
  const info = {
    kind,
    width: 1920,
    height: 1080,
    pixelAspect: 1,
    frameRate: 24,
    duration: 5,
    hasVideo: true,
    hasAudio: false,
    isStill: false,
    hasAlpha: false,
    layered: LAYERED.has(extOf(absPath)),
    sequence: null,
  };
  if (kind === "still") {
    info.isStill = true;
    info.duration = 0;
    info.frameRate = 0;
    info.hasAlpha = ["png", "tif", "tiff", "exr", "tga", "psd"].includes(extOf(absPath));
  } else if (kind === "audio") {
    info.hasVideo = false;
    info.hasAudio = true;
    info.width = 0;
    info.height = 0;
    info.duration = 10;
    info.frameRate = 0;
  } else {
    info.hasAudio = ["mov", "mp4", "m4v", "avi", "mxf", "mkv", "webm"].includes(extOf(absPath));
  }
  if (typeof h.width === "number") info.width = h.width;
  if (typeof h.height === "number") info.height = h.height;
  if (typeof h.pixel_aspect === "number") info.pixelAspect = h.pixel_aspect;
  if (typeof h.fps === "number" && !info.isStill) info.frameRate = h.fps;
  if (typeof h.frames === "number" && !info.isStill && info.frameRate > 0) info.duration = h.frames / info.frameRate;
  if (typeof h.seconds === "number" && !info.isStill) info.duration = h.seconds;
  if (typeof h.audio === "boolean") info.hasAudio = h.audio;
  if (typeof h.alpha === "boolean") info.hasAlpha = h.alpha;
  if (options.sequence && kind === "still") {
    const seq = findSequence(absPath);
    if (seq && seq.count > 1) {
      info.sequence = seq;
      info.isStill = false;
      info.frameRate = options.sequenceFrameRate || 30;
      info.duration = seq.count / info.frameRate;
    }
  }
  return info;
}

module.exports = { probe, kindOf, extOf, findSequence, LAYERED };
