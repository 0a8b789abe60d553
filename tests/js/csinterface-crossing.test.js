"use strict";
// The node stand-in's modelled evalScript crossing (runtime/cep/node/csinterface.js,
// crossingMs / AERPC_CROSSING_MS): off by default, each call held back when on, calls kept in
// order, a bad value refused with a message naming it.

const assert = require("node:assert/strict");
const test = require("node:test");

const { NodeCSInterface } = require("../../runtime/cep/node/csinterface");

function engine(options) {
  return new NodeCSInterface(Object.assign({ fake: true, scripts: [], env: {} }, options));
}

function evalScript(cs, source) {
  return new Promise((resolve) => cs.evalScript(source, resolve));
}

test("without a crossing model evalScript answers on the next turn of the loop", async () => {
  const previous = process.env.AERPC_CROSSING_MS;
  delete process.env.AERPC_CROSSING_MS;
  try {
    const cs = engine();
    assert.equal(cs.crossingMs, 0);
    let result = null;
    cs.evalScript("1 + 1", (value) => { result = value; });
    await new Promise(setImmediate);
    assert.equal(result, "2");
  } finally {
    if (previous !== undefined) process.env.AERPC_CROSSING_MS = previous;
  }
});

test("with a crossing model a call is not answered on the next turn, but later, in order", async () => {
  const cs = engine({ crossingMs: 500 });
  const answers = [];
  const done = ["1", "2", "3"].map((n) => evalScript(cs, n).then((value) => answers.push(value)));
  await new Promise(setImmediate);
  assert.deepEqual(answers, []);
  assert.equal(cs.outstanding, 3);
  await Promise.all(done);
  assert.deepEqual(answers, ["1", "2", "3"]);
});

test("the crossing latency comes from AERPC_CROSSING_MS, and a bad value is refused", () => {
  const previous = process.env.AERPC_CROSSING_MS;
  try {
    process.env.AERPC_CROSSING_MS = "7";
    assert.equal(engine().crossingMs, 7);
    assert.equal(engine({ crossingMs: 0 }).crossingMs, 0);
    process.env.AERPC_CROSSING_MS = "soon";
    assert.throws(() => engine(), /crossing latency must be a number of milliseconds >= 0, not "soon"/);
    assert.throws(() => engine({ crossingMs: -1 }), /not "-1"/);
  } finally {
    if (previous === undefined) delete process.env.AERPC_CROSSING_MS;
    else process.env.AERPC_CROSSING_MS = previous;
  }
});
