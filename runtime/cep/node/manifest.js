"use strict";
// The extension's version as CEP would report it: ExtensionBundleVersion of
// runtime/cep/CSXS/manifest.xml (the panel reads the same attribute inside After Effects).

const fs = require("fs");
const path = require("path");

const MANIFEST = path.resolve(__dirname, "..", "CSXS", "manifest.xml");

function extensionVersion(manifest) {
  try {
    const text = fs.readFileSync(manifest || MANIFEST, "utf8");
    const match = /ExtensionBundleVersion\s*=\s*"([^"]+)"/.exec(text);
    return match ? match[1] : "0.0.0";
  } catch (error) {
    if (error.code === "ENOENT") return "0.0.0";
    throw error;
  }
}

module.exports = { extensionVersion, MANIFEST };
