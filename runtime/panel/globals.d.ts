// What the panel library may find besides the browser's globals: a CommonJS loader (node,
// or CEP's node integration) in its loader wrappers, and CEP's own file API.
declare var module: { exports: unknown } | undefined;
declare var require: ((id: string) => any) | undefined;
interface Window {
    cep?: { fs?: { readFile(path: string): { err: number; data: string } } };
}

// In a page the library's scripts share one global, AerpcPanelLib: each file adds its layer.
interface AerpcPanelLibs {
    core?: typeof import("./core.js");
    queue?: typeof import("./queue.js");
    bridgeEvalScript?: typeof import("./bridge-evalscript.js");
    panel?: typeof import("./panel.js");
    events?: typeof import("./events.js");
    load?: (typeof import("./panel.js"))["load"];
}
/** Where a loader wrapper puts its layer: the page's global object (self), else `this`. */
interface AerpcPanelRoot {
    AerpcPanelLib?: AerpcPanelLibs;
}
interface Window extends AerpcPanelRoot {}
