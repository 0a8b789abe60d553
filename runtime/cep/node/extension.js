"use strict";
// The built extension (`make cep`, runtime/cep/build.py) as the node stand-ins load it: what
// they run is what After Effects loads. extensionDir() checks that the default build is not
// older than any file it is made from, so no test runs stale code.

const fs = require("fs");
const path = require("path");

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
const EXTENSION = path.join(REPO_ROOT, "dist", "aerpc.cep");
// What `make cep` builds the extension from, and the file it writes last-but-never-copies.
const SOURCES = [
  ["runtime", "panel"], ["runtime", "extendscript"], ["runtime", "cep", "host"], ["generated", "cep"],
  ["runtime", "cep"], ["runtime", "cep", "CSXS"],
].map((parts) => path.join(REPO_ROOT, ...parts));
const SOURCE_FILE = /\.(js|jsx|html|xml)$/;
const STAMP = path.join("jsx", "aerpc.jsx");

function newestSource() {
  let newest = null;
  for (const dir of SOURCES) {
    let names = [];
    try {
      names = fs.readdirSync(dir).filter((n) => SOURCE_FILE.test(n));
    } catch (error) {
      if (error.code !== "ENOENT") throw error;
    }
    for (const name of names) {
      const file = path.join(dir, name);
      const mtime = fs.statSync(file).mtimeMs;
      if (newest === null || mtime > newest.mtime) newest = { file, mtime };
    }
  }
  return newest;
}

/**
 * The extension folder to load: `dir` as given, or the default build, which must exist and be
 * newer than every file it is built from (else an error saying to run `make cep`).
 */
function extensionDir(dir) {
  if (dir !== undefined && dir !== null && path.resolve(dir) !== EXTENSION) return path.resolve(dir);
  const stamp = path.join(EXTENSION, STAMP);
  if (!fs.existsSync(stamp)) {
    throw new Error(path.relative(REPO_ROOT, EXTENSION) + " is not built: run `make cep`");
  }
  // In a source tree (pyproject.toml at its root) the build must be newer than its sources; an
  // installed wheel ships the build and no pyproject.toml, and pip does not keep file times.
  const newest = fs.existsSync(path.join(REPO_ROOT, "pyproject.toml")) ? newestSource() : null;
  if (newest !== null && newest.mtime > fs.statSync(stamp).mtimeMs) {
    throw new Error(path.relative(REPO_ROOT, EXTENSION) + " is older than " +
      path.relative(REPO_ROOT, newest.file) + ": rebuild it with `make cep`");
  }
  return EXTENSION;
}

/** The panel API of a built extension, loaded as CommonJS: its library bound to its contract. */
function loadPanelApi(dir) {
  const root = extensionDir(dir);
  const library = require(path.join(root, "js", "aerpc", "panel.js"));
  return library.load(require(path.join(root, "js", "aerpc-panel.js")));
}

/** The panel library's events layer (events.js) of a built extension. */
function loadPanelEvents(dir) {
  return require(path.join(extensionDir(dir), "js", "aerpc", "events.js"));
}

module.exports = { EXTENSION, REPO_ROOT, extensionDir, loadPanelApi, loadPanelEvents };
