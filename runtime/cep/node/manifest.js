"use strict";
// What CEP reads from an extension's CSXS/manifest.xml, for the node stand-ins: the version,
// the page (MainPath), the ExtendScript file loaded at start (ScriptPath) and the Chromium
// flags (CEFCommandLine), which decide the page's globals (docs/cep.md).

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

function element(text, tag) {
  const match = new RegExp("<" + tag + ">\\s*([^<]*?)\\s*</" + tag + ">").exec(text);
  return match ? match[1] : null;
}

/**
 * The parts of extensionDir/CSXS/manifest.xml CEP acts on: {version, mainPath, scriptPath
 * (absolute paths, scriptPath null when there is none), flags (the CEFCommandLine parameters)}.
 */
function readManifest(extensionDir) {
  const file = path.join(extensionDir, "CSXS", "manifest.xml");
  const text = fs.readFileSync(file, "utf8");
  const mainPath = element(text, "MainPath");
  if (mainPath === null) throw new Error(file + ": no <MainPath>");
  const scriptPath = element(text, "ScriptPath");
  const commandLine = /<CEFCommandLine>([\s\S]*?)<\/CEFCommandLine>/.exec(text);
  const flags = [];
  if (commandLine !== null) {
    const parameter = /<Parameter>\s*([^<]*?)\s*<\/Parameter>/g;
    let match;
    while ((match = parameter.exec(commandLine[1])) !== null) flags.push(match[1]);
  }
  return {
    version: extensionVersion(file),
    mainPath: path.resolve(extensionDir, mainPath),
    scriptPath: scriptPath === null ? null : path.resolve(extensionDir, scriptPath),
    flags: flags,
  };
}

module.exports = { extensionVersion, readManifest, MANIFEST };
