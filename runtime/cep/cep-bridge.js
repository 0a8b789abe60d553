// The part of Adobe's CSInterface the aerpc panel uses, written against the CEP runtime's own
// `window.__adobe_cep__` object, so the extension ships no third-party library.
(function (root) {
    "use strict";
    var cep = root.__adobe_cep__;

    function CepBridge() {
        if (!cep) {
            throw new Error("not running inside a CEP panel (window.__adobe_cep__ is missing)");
        }
    }

    // Runs ExtendScript source in the host app; `callback` receives the result as a string.
    CepBridge.prototype.evalScript = function (script, callback) {
        cep.evalScript(script, callback || function () {});
    };

    // CSInterface.addEventListener: `listener` receives each CSXSEvent of `type`, such as the
    // ones ExtendScript dispatches through PlugPlugExternalObject (docs/cep.md, "Events").
    CepBridge.prototype.addEventListener = function (type, listener) {
        if (typeof cep.addEventListener === "function") {
            cep.addEventListener(type, listener);
        }
    };

    CepBridge.prototype.removeEventListener = function (type, listener) {
        if (typeof cep.removeEventListener === "function") {
            cep.removeEventListener(type, listener);
        }
    };

    // {appName, appVersion, ...} of the host application.
    CepBridge.prototype.getHostEnvironment = function () {
        var env = JSON.parse(cep.getHostEnvironment());
        return {appName: env.appName, appVersion: env.appVersion, appLocale: env.appLocale};
    };

    root.CepBridge = CepBridge;
}(window));
