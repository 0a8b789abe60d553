// The CEP runtime, stood in for a panel page in headless Chromium (tests/cep/test_cep_browser.py
// puts this script first in the built extension's index.html, as CEP injects its own objects
// before the page's scripts run). window.AERPC_CEP_STANDIN (cep-config.js, written by the test
// from the extension's manifest) gives:
//   flags        the manifest's CEFCommandLine parameters: they decide the page's node globals
//   extendScript the text of the manifest's ScriptPath, loaded into the ExtendScript stand-in
//   fixture      ES3 source run after it (test host functions)
//   env          what $.getenv answers (AERPC_URL, AERPC_TOKEN)
//   app          the ExtendScript `app` object's fields
// The ExtendScript stand-in is a separate realm (an about:blank iframe): its globals are not
// the page's, as After Effects' scripting engine is not the panel's.
(function (window) {
    "use strict";
    var config = window.AERPC_CEP_STANDIN;
    var flags = config.flags;
    var node = flags.indexOf("--enable-nodejs") >= 0;
    var mixed = node && flags.indexOf("--mixed-context") >= 0;

    var frame = document.createElement("iframe");
    frame.style.display = "none";
    document.documentElement.appendChild(frame);
    var engine = frame.contentWindow;
    engine.$ = {
        getenv: function (name) {
            return Object.prototype.hasOwnProperty.call(config.env, name) ? config.env[name] : null;
        }
    };
    engine.$.global = engine;
    engine.app = config.app;
    engine.eval(config.extendScript);
    engine.eval(config.fixture);

    // CEP's evalScript: asynchronous, a string back, "EvalScript error." on an exception.
    window.__adobe_cep__ = {
        evalScript: function (source, callback) {
            setTimeout(function () {
                var result;
                try {
                    var value = engine.eval(source);
                    result = value === undefined ? "undefined" : String(value);
                } catch (e) {
                    result = "EvalScript error.";
                }
                if (callback) {
                    callback(result);
                }
            }, 0);
        },
        getHostEnvironment: function () {
            return JSON.stringify({appName: "AEFT", appVersion: config.app.version, appLocale: "en_US"});
        }
    };

    // Node's objects as CEP hands them to the page (no node here: stand-ins that say so).
    if (node) {
        var nodeRequire = function (name) {
            throw new Error("cep stand-in: node's require(" + name + ") is not available in this browser");
        };
        var pageModule = {exports: {}};
        window.module = pageModule;
        window.exports = pageModule.exports;
        window.require = nodeRequire;
        window.process = {versions: {node: "stand-in"}, env: {}};
        if (!mixed) {
            window.cep_node = {require: nodeRequire, process: window.process, global: window};
        }
    }
}(window));
