// Correct use of the generated panel typings: must compile with `tsc --noEmit --strict`.
import {
    AerpcPanel,
    type AerpcPanelOptions,
    ConnectionLost,
    HOST_METHODS,
    type HostMethods,
    type ImportOptions,
    ItemNotFound,
    MessageTooLarge,
    NotConnected,
    PIPELINE_METHODS,
    type ProjectItem,
    RemoteError,
    RpcTimeout,
    SCHEMA,
    type StatusEvent,
    type Tool,
    errorFromWire,
    EvalScriptBridge,
    type HostBridge,
    RUNTIME_ABI,
    jsStringLiteral,
} from "../../../generated/cep/aerpc-panel";

declare const FakeWebSocket: new (url: string) => unknown;

const csInterface = {
    evalScript(script: string, callback?: (result: string) => void): void {
        if (callback) {
            callback(script.length > 0 ? "{\"ok\":true,\"result\":null}" : "EvalScript error.");
        }
    },
};

const options: AerpcPanelOptions = {
    url: "ws://127.0.0.1:8097/ws",
    token: "token",
    WebSocket: FakeWebSocket,
    csInterface,
    extensionVersion: "1.0.0",
    instance: "page-1",
    app: { name: "AEFT", version: "25.2" },
    log: (level, message) => {
        const line: string = level + ": " + message;
        return void line;
    },
    reconnect: { initialDelayMs: 100, maxDelayMs: 5000, factor: 2, jitter: 0.5, random: () => 0.5 },
    helloTimeoutMs: 5000,
    evalScriptTimeoutMs: (method, defaultMs) => (method === "render" ? defaultMs * 2 : defaultMs),
    rememberIds: 512,
    panelMethods: { get_extension_version: () => "1.0.0" },
};

const panel: AerpcPanel = new AerpcPanel(options).start();
const off: () => void = panel.on("status", (event: StatusEvent) => {
    const shown: string = event.status + " " + event.detail;
    const retry: number | undefined = event.retryInMs;
    return void [shown, retry];
});
off();
panel.on("connected", (hello) => {
    const session: string = hello.session;
    const hash: string = hello.schema.hash;
    return void [session, hash];
});
panel.on("call", (event) => void (event.durationMs + (event.code ?? 0)));
panel.on("busy", (event) => void event.waitedMs);

async function flows(): Promise<void> {
    const opened: null = await panel.pipeline.open_tool({ tool: "loader" });
    await panel.pipeline.launched();
    await panel.pipeline.launched({});
    await panel.pipeline.set_context({ project: "p", folder: "/f", task: "t" }, { timeoutMs: 1000 });
    await panel.pipeline.apply_settings({ what: "all" });
    await panel.call("workfile_template", { action: "build" });
    const tools: Tool[] = ["loader", "publisher"];
    for (const tool of tools) {
        await panel.pipeline.open_tool({ tool });
    }
    try {
        await panel.pipeline.version_up_workfile();
    } catch (error) {
        if (error instanceof ItemNotFound) {
            const code: 1001 = error.code;
            const data: unknown = error.data;
            return void [code, data];
        } else if (error instanceof MessageTooLarge) {
            const code: -32004 = error.code;
            return void code;
        } else if (error instanceof RemoteError) {
            const code: number = error.code;
            const wire = error.toWire();
            return void [code, wire.message];
        } else if (error instanceof RpcTimeout) {
            const applied: boolean = error.maybeApplied;
            const ms: number = error.timeoutMs;
            return void [applied, ms];
        } else if (error instanceof ConnectionLost || error instanceof NotConnected) {
            const method: string | null = error.method;
            return void method;
        }
    }
    const hello = await panel.ready(1000);
    return void [opened, hello.limits?.max_message_size];
}
void flows();

const items: HostMethods["get_items"]["result"] = [];
const first: ProjectItem | undefined = items[0];
if (first !== undefined) {
    const name: string = first.name;
    const path: string | null = first.path;
    void [name, path];
}
const params: HostMethods["get_items"]["params"] = { comps: true, footages: false };
const importOptions: ImportOptions = { import_as: "comp", sequence: false };
const version: HostMethods["get_extension_version"]["result"] = "1.0.0";
const hash: string = SCHEMA.hash;
const timeout: number = HOST_METHODS.get_items.timeoutMs + PIPELINE_METHODS.open_tool.timeoutMs;
const inPanel: boolean = HOST_METHODS.get_extension_version.runsInPanel;
const error: RemoteError = errorFromWire({ code: 1001, message: "gone" });
const literal: string = jsStringLiteral("a\u2028b");
const status: "idle" | "connecting" | "connected" | "closed" | "failed" | "stopped" = panel.status;
const depth: number = panel.queueDepth;
panel.stop();
void [params, importOptions, version, hash, timeout, inPanel, error, literal, status, depth];

// A host bridge of another kind (a UXP panel, a test's fake host): no csInterface needed.
const directBridge: HostBridge = {
    callHost(request, done) {
        done(request.method === "get_app_version" ? { ok: true, value: "25.2" } : { ok: false, error: { code: -32601, message: request.method } });
    },
    readEnvironment(done) {
        done({ ok: true, json: "{\"AERPC_URL\":\"ws://127.0.0.1:8097/ws\"}" });
    },
    hostInfo: () => ({ name: "AEFT", version: "27.0" }),
    extensionVersion: () => null,
};
const uxpPanel = new AerpcPanel({ WebSocket: FakeWebSocket, bridge: directBridge });
const cepBridge: HostBridge = new EvalScriptBridge(csInterface);
const abi: number = RUNTIME_ABI;
void [uxpPanel, cepBridge, abi];
