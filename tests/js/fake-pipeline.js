"use strict";
// A scripted stand-in for the pipeline's websocket server (the `ws` package on 127.0.0.1, port
// 0), for protocol tests of the generated panel: it answers rpc.hello as told, records every
// message, and lets a test send requests and await the panel's replies by id.

const { once } = require("node:events");
const { WebSocketServer } = require("ws");

const { nextEvent } = require("./helpers");

class FakePipeline {
  /**
   * options.hello(message, peer) -> {result} | {error, close} | null (no reply); default:
   * accept. options.onConnection(peer): e.g. close at once. options.limits: hello limits.
   */
  static async start(options) {
    const pipeline = new FakePipeline(options);
    await once(pipeline.wss, "listening");
    return pipeline;
  }

  constructor(options) {
    this.options = options || {};
    this.wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    this.peers = [];
    this.listeners = new Set();
    this.sessions = 0;
    this.wss.on("connection", (ws, request) => this._onConnection(ws, request));
  }

  get url() {
    return "ws://127.0.0.1:" + this.wss.address().port + "/ws";
  }

  /** The newest connection that completed its hello. */
  get peer() {
    for (let i = this.peers.length - 1; i >= 0; i -= 1) {
      if (this.peers[i].helloed && !this.peers[i].closed) return this.peers[i];
    }
    return null;
  }

  _onConnection(ws, request) {
    const peer = { ws: ws, hello: null, helloed: false, inbox: [], closed: false, closeCode: null, headers: request.headers };
    this.peers.push(peer);
    ws.on("message", (data, isBinary) => {
      const text = data.toString("utf8");
      let message;
      try {
        message = JSON.parse(text);
      } catch (error) {
        this._emit({ type: "garbage", peer: peer, text: text, binary: isBinary });
        return;
      }
      if (peer.hello === null && message && message.method === "rpc.hello") {
        peer.hello = message;
        const decide = this.options.hello || (() => ({ result: this.helloResult() }));
        const answer = decide(message, peer);
        if (answer === null) {
          this._emit({ type: "hello", peer: peer, message: message, answered: false });
          return;
        }
        const reply = { jsonrpc: "2.0", id: message.id };
        if (answer.error) reply.error = answer.error;
        else reply.result = answer.result;
        ws.send(JSON.stringify(reply));
        if (answer.close) ws.close(answer.close, "refused");
        else peer.helloed = true;
        this._emit({ type: "hello", peer: peer, message: message, answered: true });
        return;
      }
      peer.inbox.push(message);
      this._emit({ type: "message", peer: peer, message: message, text: text });
    });
    ws.on("close", (code) => {
      peer.closed = true;
      peer.closeCode = code;
      this._emit({ type: "close", peer: peer, code: code });
    });
    this._emit({ type: "connection", peer: peer });
    if (this.options.onConnection) this.options.onConnection(peer);
  }

  helloResult() {
    this.sessions += 1;
    return {
      session: "s" + this.sessions,
      server: { name: "fake", version: "0" },
      schema: { name: "aftereffects", version: "x", hash: "sha256:fake" },
      limits: this.options.limits || { max_message_size: 64 * 1024 * 1024 },
    };
  }

  _emit(event) {
    for (const listener of Array.from(this.listeners)) listener(event);
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The next event matching predicate, within timeoutMs. */
  next(predicate, timeoutMs, what) {
    return nextEvent((l) => this.subscribe(l), predicate, timeoutMs || 5000, what);
  }

  /** The next message from the panel matching predicate. */
  nextMessage(predicate, timeoutMs, what) {
    return this.next((e) => e.type === "message" && predicate(e.message, e), timeoutMs, what)
      .then((e) => e.message);
  }

  /** Send a request to peer and resolve with the panel's reply to that id. */
  request(peer, id, method, params, timeoutMs) {
    const reply = this.nextMessage((m) => m.id === id && !("method" in m), timeoutMs, "the reply to " + id);
    const message = { jsonrpc: "2.0", id: id, method: method };
    if (params !== undefined) message.params = params;
    peer.ws.send(JSON.stringify(message));
    return reply;
  }

  send(peer, message) {
    peer.ws.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  async close() {
    for (const peer of this.peers) {
      if (!peer.closed) peer.ws.terminate();
    }
    await new Promise((resolve) => this.wss.close(() => resolve()));
  }
}

module.exports = { FakePipeline };
