// Generated from schema/aftereffects.openrpc.json by `aerpc generate`; do not edit.
// Schema: aftereffects 1.0.0, sha256:93e1b93458db8a8845fe44544194efe9482c6cedaffdecfcb5577a27d78a21ce
// A copy of the panel library's own typings (runtime/panel/aerpc-panel-lib.d.ts in aerpc),
// which aerpc-panel.d.ts beside it imports.
//
// Typings of the panel library itself (runtime/panel/), the same for every schema: the error
// classes, the host bridge, the panel's options, events and class. Hand-written beside the
// library and checked against its JavaScript by tsc (aerpc-panel-lib-check.js, in
// tests/js/panel-lint.test.js). `aerpc generate` copies this file next to each schema's
// aerpc-panel.d.ts, which imports it and binds the schema-dependent parts (the pipeline's
// methods, the host method names, the panel-run methods) to the schema's own types.

// ---------------------------------------------------------------- errors

/** A JSON-RPC error member. */
export interface WireError {
    code: number;
    message: string;
    data?: unknown;
}

/** The base of every error the panel raises. */
export declare class AerpcError extends Error {}

/** A JSON-RPC error: code, message and data. */
export declare class RemoteError extends AerpcError {
    constructor(message?: string, data?: unknown, code?: number);
    readonly code: number;
    readonly data: unknown;
    static readonly code: number | null;
    static readonly defaultMessage: string;
    toWire(): WireError;
}

/** An error that happened on the panel's side; never sent on the wire. */
export declare class LocalError extends AerpcError {}

/** A pipeline call got no reply within its deadline. */
export declare class RpcTimeout extends LocalError {
    constructor(method: string, timeoutMs: number, maybeApplied?: boolean);
    readonly method: string;
    readonly timeoutMs: number;
    readonly maybeApplied: boolean;
}

/** Not connected to the pipeline within the call's deadline, or the panel was stopped. */
export declare class NotConnected extends LocalError {
    constructor(message: string, method?: string);
    readonly method: string | null;
}

/** The connection dropped while a call that is not idempotent was in flight. */
export declare class ConnectionLost extends LocalError {
    constructor(message: string, method?: string, maybeApplied?: boolean);
    readonly method: string | null;
    readonly maybeApplied: boolean;
}

// ---------------------------------------------------------------- the host bridge

/** What the panel needs of CEP's CSInterface. */
export interface CSInterfaceLike {
    evalScript(script: string, callback?: (result: string) => void): void;
    getHostEnvironment?(): unknown;
    getSystemPath?(pathType: string): string;
}

/** What a host method answered: its result as JSON text or as a value, or a JSON-RPC error. */
export type HostOutcome =
    | { ok: true; json: string }
    | { ok: true; value: unknown }
    | { ok: false; error: WireError };

/**
 * One host method to run. `text` is the request's JSON text as the pipeline sent it when it
 * says nothing but jsonrpc, id, method and params (and aerpc.timeout_ms), else null: a bridge
 * may hand it on instead of serialising method and params again.
 */
export interface HostRequest {
    id: string | number | null;
    method: string;
    params: object;
    text: string | null;
}

/**
 * How the panel runs host methods (docs/cep.md, "The host bridge"). The panel calls `done`
 * handlers exactly as often as it was called back; a bridge calls each `done` once.
 * `callHostBatch`, when a bridge has it, runs several requests in one crossing into the host
 * (in order, each with its own outcome, one failing never affecting the next); without it the
 * panel makes one crossing per request. The CEP bridge (EvalScriptBridge) goes through evalScript and the ES3 dispatcher.
 */
export interface HostBridge {
    callHost(request: HostRequest, done: (outcome: HostOutcome) => void): void;
    callHostBatch?(requests: HostRequest[], done: (outcomes: HostOutcome[]) => void): void;
    readEnvironment(done: (outcome: HostOutcome) => void): void;
    hostInfo(): { name: string; version: string } | null;
    extensionVersion(): string | null;
}

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface Logger {
    debug?(message: string): void;
    info?(message: string): void;
    warn?(message: string): void;
    error?(message: string): void;
}

/** The host bridge over CEP's CSInterface: evalScript and the ES3 dispatcher. */
export declare class EvalScriptBridge implements HostBridge {
    constructor(csInterface: CSInterfaceLike, log?: Logger);
    callHost(request: HostRequest, done: (outcome: HostOutcome) => void): void;
    callHostBatch(requests: HostRequest[], done: (outcomes: HostOutcome[]) => void): void;
    readEnvironment(done: (outcome: HostOutcome) => void): void;
    hostInfo(): { name: string; version: string };
    extensionVersion(): string | null;
}

// ---------------------------------------------------------------- the panel

export interface ReconnectOptions {
    /** First delay after a drop; default 250 ms. */
    initialDelayMs?: number;
    /** The delay never grows past this; default 10000 ms. */
    maxDelayMs?: number;
    /** Growth per failed attempt; default 2. */
    factor?: number;
    /** Fraction of the delay taken off at random (0..1); default 0.5. */
    jitter?: number;
    /** The source of randomness for the jitter; default Math.random. */
    random?: () => number;
}

/**
 * The options of AerpcPanel. HostMethodName: the schema's host method names; PanelMethods:
 * implementations of its panel-run methods (the generated typings bind both).
 */
export interface AerpcPanelOptions<
    HostMethodName extends string = string,
    PanelMethods extends object = Record<string, (params: object) => unknown>,
> {
    /** ws://127.0.0.1:<port>/ws; default: AERPC_URL (or WEBSOCKET_URL) read through ExtendScript. */
    url?: string;
    /** default: AERPC_TOKEN read through ExtendScript. */
    token?: string;
    /** The WebSocket class; default: the page's global WebSocket. */
    WebSocket?: new (url: string) => unknown;
    /** CEP's CSInterface (or a stand-in): the panel then runs host methods through evalScript. */
    csInterface?: CSInterfaceLike;
    /** How host methods run, instead of csInterface (a UXP panel, a test's fake host). */
    bridge?: HostBridge;
    /** Answer of get_extension_version and hello's extension_version; default: CSXS/manifest.xml. */
    extensionVersion?: string;
    /** Identity of this page load; default: random. */
    instance?: string;
    /** default: from csInterface.getHostEnvironment(). */
    app?: { name: string; version: string };
    /** Where log lines go; default: warnings and errors to the console, never payloads. */
    log?: Logger | ((level: LogLevel, message: string) => void);
    /** Log every message in full at debug level (off by default). */
    debugPayloads?: boolean;
    reconnect?: ReconnectOptions;
    /** Give up on a hello reply after this long and reconnect; default 10000 ms. */
    helloTimeoutMs?: number;
    /** Deadline for reading the environment through ExtendScript; default 10000 ms. */
    environmentTimeoutMs?: number;
    /**
     * evalScript deadline (answered with -32011). Default: the caller's time budget left when
     * the request carries "aerpc": {"timeout_ms"} (docs/wire-extensions.md), else the method's
     * x-timeout-ms. A number replaces both; a function gets that default as defaultMs.
     */
    evalScriptTimeoutMs?: number | ((method: HostMethodName, defaultMs: number) => number);
    /** How many request ids' outcomes are remembered (at least 256). */
    rememberIds?: number;
    /** Upper bound of the remembered results' size, in UTF-16 bytes; default 64 MiB. */
    rememberBytes?: number;
    panelMethods?: PanelMethods;
}

/** Per-call options of a pipeline call. */
export interface CallOptions {
    /**
     * Deadline in milliseconds; overrides the method's x-timeout-ms. The time left of it is
     * sent with the request as "aerpc": {"timeout_ms"} (docs/wire-extensions.md).
     */
    timeoutMs?: number;
}

export type PanelStatus = "idle" | "connecting" | "connected" | "closed" | "failed" | "stopped";

export interface StatusEvent {
    status: PanelStatus;
    /** A short line for people: url, attempt, session, reason, retry delay. */
    detail: string;
    url: string | null;
    attempt?: number;
    /** Set on "closed": when the next attempt starts. */
    retryInMs?: number;
    /** The websocket close code, or the JSON-RPC code of a refused hello. */
    code?: number | null;
    reason?: string;
    session?: string;
    phase?: "environment";
}

export interface HelloResult {
    session: string;
    server: { name: string; version: string };
    schema: { name: string; version: string; hash: string };
    limits?: { max_message_size: number };
}

export interface CallEvent {
    direction: "in" | "out";
    method: string;
    id: string | number | null;
    ok: boolean;
    code: number | null;
    durationMs: number;
}

export interface BusyEvent {
    label: string;
    waitedMs: number;
    queued: number;
}

export interface PanelEvents {
    status: StatusEvent;
    connected: HelloResult;
    call: CallEvent;
    busy: BusyEvent;
}

/** A pipeline method as the panel calls it. */
export type PipelineCall = (params: never, options?: CallOptions) => Promise<unknown>;

/**
 * The panel: the pipeline's host peer. Pipeline: the schema's pipeline methods as typed calls;
 * Options: its options (the generated typings bind both).
 */
export declare class AerpcPanel<
    Pipeline extends { [K in keyof Pipeline]: PipelineCall } = Record<string, PipelineCall>,
    Options = AerpcPanelOptions,
> {
    constructor(options?: Options);
    /** Typed calls to the pipeline's methods. */
    readonly pipeline: Readonly<Pipeline>;
    readonly instance: string;
    readonly status: PanelStatus;
    readonly session: HelloResult | null;
    /** evalScript calls waiting behind the one running. */
    readonly queueDepth: number;
    start(): this;
    stop(): void;
    ready(timeoutMs?: number): Promise<HelloResult>;
    on<K extends keyof PanelEvents>(event: K, listener: (event: PanelEvents[K]) => void): () => void;
    off<K extends keyof PanelEvents>(event: K, listener: (event: PanelEvents[K]) => void): void;
    call<K extends keyof Pipeline & string>(method: K, ...args: Parameters<Pipeline[K]>): ReturnType<Pipeline[K]>;
}

/** The panel library's contract version; the generated tables must carry the same. */
export declare const RUNTIME_ABI: number;

export declare function errorClassFor(code: number): typeof RemoteError;
export declare function errorFromWire(error: unknown): RemoteError;
/** text as an ES3 string literal in pure ASCII. */
export declare function jsStringLiteral(text: string): string;
export declare function utf8Length(text: string): number;
export declare function parseEnvelope(
    raw: unknown,
): { ok: true; result: unknown } | { ok: false; error: { code: number; message: string; data: unknown } };
