// For tsc only (runtime/panel/tsconfig.json; no page or module loads it): the hand-written
// typings in aerpc-panel-lib.d.ts checked against the library's JavaScript. Each declaration
// below fails the check when the typings promise what the code does not do: a member missing,
// a parameter the code does not accept, a result of another type.

/** @typedef {typeof import("./aerpc-panel-lib")} Lib */

/**
 * @param {ReturnType<typeof import("./panel.js").load>} api  the API of a loaded contract
 * @param {typeof import("./bridge-evalscript.js")} bridgeLib
 * @returns {unknown[]}
 */
function checkLibraryTypings(api, bridgeLib) {
    /** @type {new (options?: import("./aerpc-panel-lib").AerpcPanelOptions) => import("./aerpc-panel-lib").AerpcPanel} */
    const panel = api.AerpcPanel;
    /** @type {Lib["EvalScriptBridge"]} */
    const bridge = bridgeLib.EvalScriptBridge;
    /** @type {new (message?: string, data?: unknown, code?: number) => import("./aerpc-panel-lib").RemoteError} */
    const remote = api.RemoteError;
    /** @type {new (method: string, timeoutMs: number, maybeApplied?: boolean) => import("./aerpc-panel-lib").RpcTimeout} */
    const timeout = api.RpcTimeout;
    /** @type {new (message: string, method?: string) => import("./aerpc-panel-lib").NotConnected} */
    const notConnected = api.NotConnected;
    /** @type {new (message: string, method?: string, maybeApplied?: boolean) => import("./aerpc-panel-lib").ConnectionLost} */
    const lost = api.ConnectionLost;
    /** @type {Lib["RUNTIME_ABI"]} */
    const abi = api.RUNTIME_ABI;
    // errorClassFor's classes carry code and defaultMessage as statics too (core.js's
    // declareError sets them, which tsc cannot follow; tests/js/panel-core.test.js checks them).
    /** @type {(code: number) => new (message?: string, data?: unknown) => import("./aerpc-panel-lib").RemoteError} */
    const classFor = api.errorClassFor;
    /** @type {[Lib["errorFromWire"], Lib["jsStringLiteral"], Lib["utf8Length"], Lib["parseEnvelope"]]} */
    const functions = [api.errorFromWire, api.jsStringLiteral, api.utf8Length, api.parseEnvelope];
    return [panel, bridge, remote, timeout, notConnected, lost, abi, classFor, functions];
}

if (typeof module === "object" && module !== null && typeof module.exports === "object") {
    module.exports = checkLibraryTypings;
}
