"use strict";
// The panel library for node (CommonJS): load(contract) and the layers. In a page the same
// files are plain <script>s (core.js, queue.js, bridge-evalscript.js, panel.js, events.js, in that order)
// and the generated aerpc-panel.js defines `Aerpc`; docs/cep.md describes the layers.

const core = require("./core.js");
const queue = require("./queue.js");
const bridgeEvalScript = require("./bridge-evalscript.js");
const panel = require("./panel.js");
const events = require("./events.js");

/** The library's files in the order a page loads them. */
const SCRIPTS = ["core.js", "queue.js", "bridge-evalscript.js", "panel.js", "events.js"];

module.exports = { load: panel.load, RUNTIME_ABI: core.RUNTIME_ABI, SCRIPTS, core, queue, bridgeEvalScript, panel, events };
