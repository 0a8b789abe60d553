"use strict";
// The ES3 JSON codec of runtime/extendscript/aerpc-json.jsx against V8's JSON, on random values with
// hostile strings, on mutated (mostly invalid) texts, and on the edge cases by name; then the
// trampoline: a request encoded by the panel's jsStringLiteral, evaluated as source, reaches
// the host function unchanged and comes back unchanged.

const assert = require("node:assert/strict");
const test = require("node:test");
const vm = require("node:vm");

const fs = require("node:fs");
const path = require("node:path");

const { ROOT, ES3_SCRIPTS, SEED, HOSTILE, loadAerpc, prng, randomJson, randomString, sameJson } = require("./helpers");
const { createStrictContext } = require(path.join(ROOT, "runtime", "simulator", "lib", "realm.js"));

const Aerpc = loadAerpc();
const N = Number(process.env.AERPC_FUZZ_N || 3000);

// The codec in the ExtendScript stand-in's realm: ES3's library only (no JSON, no ES5 methods).
// __touched counts calls of __touch, which a text run as code (not read as data) would call.
const context = createStrictContext({ $: { getenv: () => null } });
for (const file of ES3_SCRIPTS) vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
vm.runInContext("var __echo_calls = 0; function __testEcho(params) { __echo_calls += 1; return params; }" +
  " var __touched = 0; function __touch() { __touched += 1; return 1; }", context, { filename: "fixture.jsx" });
const codec = vm.runInContext("__aerpc.json", context);
const touched = () => vm.runInContext("__touched", context);

// parse takes the fast path (proof, then the engine's parser) only for texts of EVAL_FROM
// characters and more; parseBoth reads text with parse and with the fast path forced
// (parseFast), asserts they agree (the same value, or the same error), and gives parse's outcome.
function parseBoth(text) {
  const outcomes = [codec.parse, codec.parseFast].map((fn) => {
    try {
      return { value: fn(text), error: null };
    } catch (error) {
      return { value: undefined, error: error };
    }
  });
  const [parsed, fast] = outcomes;
  if (parsed.error !== null || fast.error !== null) {
    assert.equal(fast.error === null ? null : fast.error.message, parsed.error === null ? null : parsed.error.message,
      "parse and parseFast disagree on " + JSON.stringify(text));
    throw parsed.error;
  }
  assert.equal(sameJson(fast.value, parsed.value), null, "parse and parseFast disagree on " + JSON.stringify(text));
  return parsed.value;
}

function asciiOnly(text) {
  return /^[\x20-\x7e]*$/.test(text);
}

// What f returns, or the error it throws.
function attempt(f) {
  try {
    return { value: f(), error: null };
  } catch (error) {
    return { value: undefined, error };
  }
}

test("stringify agrees with V8 and emits printable ASCII only (seed " + SEED + ")", () => {
  const random = prng(SEED);
  for (let i = 0; i < N; i += 1) {
    const value = randomJson(random, 4);
    const ours = codec.stringify(value);
    assert.ok(asciiOnly(ours), "not ASCII: " + JSON.stringify(ours));
    const diff = sameJson(JSON.parse(ours), JSON.parse(JSON.stringify(value)));
    assert.equal(diff, null, "case " + i + ": " + diff);
  }
});

test("parse agrees with V8 on V8's output, compact and indented (seed " + SEED + ")", () => {
  const random = prng(SEED + 1);
  for (let i = 0; i < N; i += 1) {
    const value = randomJson(random, 4);
    for (const text of [JSON.stringify(value), JSON.stringify(value, null, i % 2 ? "\t" : 2)]) {
      const diff = sameJson(parseBoth(text), JSON.parse(text));
      assert.equal(diff, null, "case " + i + ": " + diff + " in " + JSON.stringify(text));
    }
  }
});

test("parse(stringify(v)) is v, including -0 and lone surrogates (seed " + SEED + ")", () => {
  const random = prng(SEED + 2);
  for (let i = 0; i < N; i += 1) {
    const value = randomJson(random, 4);
    const back = parseBoth(codec.stringify(value));
    const expected = JSON.parse(JSON.stringify(value));
    assert.equal(sameJson(back, expected), null, "case " + i);
  }
});

test("parse accepts and refuses exactly what V8 does on mutated texts (seed " + SEED + ")", () => {
  const random = prng(SEED + 3);
  const alphabet = "{}[]\",:\\/ \t\n\r0123456789.eE+-tfnrlsuabx\u2028\u0000\ud800";
  let refused = 0;
  for (let i = 0; i < N; i += 1) {
    let text = JSON.stringify(randomJson(random, 3));
    const edits = 1 + Math.floor(random() * 3);
    for (let e = 0; e < edits; e += 1) {
      const at = Math.floor(random() * (text.length + 1));
      const c = alphabet[Math.floor(random() * alphabet.length)];
      const op = random();
      if (op < 0.33) text = text.slice(0, at) + c + text.slice(at);
      else if (op < 0.66) text = text.slice(0, at) + text.slice(at + 1);
      else text = text.slice(0, at) + c + text.slice(at + 1);
    }
    const { value: expected, error: v8Error } = attempt(() => JSON.parse(text));
    const { value: actual, error: ourError } = attempt(() => parseBoth(text));
    if (v8Error !== null) {
      refused += 1;
      assert.ok(ourError !== null, "accepted what V8 refuses: " + JSON.stringify(text));
      assert.equal(ourError.name, "SyntaxError");
    } else if (ourError !== null) {
      // The one refusal of our own: the key __proto__ cannot be an own property in ES3.
      assert.match(ourError.message, /__proto__|nested too deeply/, JSON.stringify(text) + ": " + ourError.message);
    } else {
      assert.equal(sameJson(actual, expected), null, JSON.stringify(text));
    }
  }
  assert.ok(refused > N / 4, "the mutations should produce many invalid texts, got " + refused);
});

test("edge cases by name", () => {
  const cases = [
    ["-0", -0], ["0", 0], ["-0.0e0", -0], ["1E400", Infinity], ["-1e400", -Infinity], ["1e-400", 0],
    ["12345678901234567890", 12345678901234567890], ["9007199254740993", 9007199254740992],
    ["1.5e+3", 1500], ["1E-2", 0.01], ["2.2250738585072014e-308", 2.2250738585072014e-308],
    ["\"\\ud83d\\ude00\"", "\ud83d\ude00"], ["\"\\ud800\"", "\ud800"], ["\"\\udc00\\ud800\"", "\udc00\ud800"],
    ["\"\\u2028\\u2029\"", "\u2028\u2029"], ["\"\u2028\"", "\u2028"], ["\"\\/\\b\\f\\n\\r\\t\\\"\\\\\"", "/\b\f\n\r\t\"\\"],
    ["\"\\u0000\"", "\u0000"], ["\"\\uABCD\\uabcd\"", "\uabcd\uabcd"], [" \t\r\n[ ] ", []], ["{}", {}],
    ["{\"a\":1,\"a\":2}", { a: 2 }], ["{\"constructor\":1,\"hasOwnProperty\":2}", { constructor: 1, hasOwnProperty: 2 }],
    ["{\"2\":1,\"1\":2,\"b\":3,\"a\":4}", JSON.parse("{\"2\":1,\"1\":2,\"b\":3,\"a\":4}")],
  ];
  for (const [text, expected] of cases) {
    assert.equal(sameJson(parseBoth(text), expected), null, text);
  }
  const invalid = ["", " ", "01", "-", "1.", ".1", "1e", "+1", "0x10", "NaN", "Infinity", "'a'", "\"\\x41\"",
    "\"\\u12\"", "\"\\u12G4\"", "\"a\nb\"", "\"\u0000\"", "[1,]", "{\"a\":1,}", "{a:1}", "[1 2]", "\"abc",
    "tru", "nul", "[", "{", "{\"a\"}", "1 2", "\"\\\"", "[1]]", "\u00a0 1", "\ufeff1"];
  for (const text of invalid) {
    assert.throws(() => JSON.parse(text), SyntaxError, "V8 should refuse " + JSON.stringify(text));
    assert.throws(() => parseBoth(text), (e) => e.name === "SyntaxError", JSON.stringify(text));
  }
  assert.throws(() => parseBoth("{\"__proto__\":{}}"), (e) => /__proto__/.test(e.message) && e.unsupported === true);
});

test("nesting: 999 levels parse, deeper is refused with a clear error", () => {
  const deep = "[".repeat(999) + "]".repeat(999);
  assert.equal(sameJson(parseBoth(deep), JSON.parse(deep)), null);
  const deeper = "[".repeat(1001) + "]".repeat(1001);
  assert.throws(() => parseBoth(deeper), /nested too deeply/);
  const objects = "{\"a\":".repeat(500) + "1" + "}".repeat(500);
  assert.equal(sameJson(parseBoth(objects), JSON.parse(objects)), null);
});

test("stringify: the serialiser's own cases", () => {
  assert.equal(codec.stringify(-0), "0");
  assert.equal(codec.stringify(NaN), "null");
  assert.equal(codec.stringify(Infinity), "null");
  assert.equal(codec.stringify(undefined), undefined);
  assert.equal(codec.stringify(function () {}), undefined);
  assert.equal(codec.stringify([undefined, function () {}, NaN]), "[null,null,null]");
  assert.equal(codec.stringify({ a: undefined, b: function () {}, c: 1 }), "{\"c\":1}");
  // ASCII strings: V8's escapes; strings with characters above U+007E: \uXXXX in upper case.
  assert.equal(codec.stringify("\u0000\u001f\u007e\"\\/\n"), "\"\\u0000\\u001f~\\\"\\\\/\\n\"");
  assert.equal(codec.stringify("\u2028\u2029\u0000\u001f\u007f\"\\/ %u20%41"), "\"\\u2028\\u2029\\u0000\\u001F\\u007F\\\"\\\\/ %u20%41\"");
  assert.equal(codec.stringify("\ud83d\ude00\ud800 caf\u00e9"), "\"\\uD83D\\uDE00\\uD800 caf\\u00E9\"");
  assert.equal(codec.stringify(new String("s")), "\"s\"");
  assert.equal(codec.stringify(new Number(2)), "2");
  assert.equal(codec.stringify(new Boolean(false)), "false");
  assert.equal(codec.stringify(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6))), "\"2024-01-02T03:04:05.006Z\"");
  // ExtendScript's Date has no toJSON: the codec formats it itself.
  const bare = vm.runInContext("var d = new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 999)); d.toJSON = undefined; d", context);
  assert.equal(codec.stringify(bare), "\"1999-12-31T23:59:59.999Z\"");
  assert.equal(codec.stringify({ toJSON: () => ({ x: 1 }) }), "{\"x\":1}");
  for (const n of [0.1 + 0.2, 1e21, 1e-7, 5e-324, 1.7976931348623157e308, -123.456, 2 ** 53 + 2]) {
    assert.ok(Object.is(JSON.parse(codec.stringify(n)), n), String(n));
  }
  // A shared (not cyclic) object is fine; a cycle is refused.
  const shared = { s: 1 };
  assert.equal(codec.stringify([shared, shared]), "[{\"s\":1},{\"s\":1}]");
  const cyclic = { a: [] };
  cyclic.a.push(cyclic);
  assert.throws(() => codec.stringify(cyclic), (e) => e.name === "TypeError" && /cyclic/.test(e.message));
  const selfArray = [];
  selfArray.push(selfArray);
  assert.throws(() => codec.stringify(selfArray), /cyclic/);
});

test("hostile pieces one by one: stringify is V8-equivalent and round-trips", () => {
  for (const piece of HOSTILE) {
    for (const value of [piece, { [piece === "__proto__" ? "p" : piece]: piece }, [piece, piece + piece]]) {
      const ours = codec.stringify(value);
      assert.ok(asciiOnly(ours));
      assert.equal(sameJson(JSON.parse(ours), value), null, JSON.stringify(piece));
      assert.equal(sameJson(parseBoth(ours), value), null, JSON.stringify(piece));
      assert.equal(sameJson(parseBoth(JSON.stringify(value)), value), null, JSON.stringify(piece));
    }
  }
});

test("large values: stringify joins its pieces in chunks and still agrees with V8 (seed " + SEED + ")", () => {
  // Wide arrays and objects (thousands of pieces, so the serialiser's chunk joins happen at
  // every depth), values without JSON text (undefined, functions) at random places, near the
  // chunk boundaries too, and strings with and without escapes.
  const random = prng(SEED + 5);
  const skip = () => (random() < 0.5 ? undefined : function () {});
  const leaf = () => {
    const r = random();
    if (r < 0.1) return skip();
    if (r < 0.4) return Math.floor(random() * 1e6) - 1000;
    if (r < 0.5) return random() * 1e3;
    if (r < 0.8) return "item_" + Math.floor(random() * 1e5);
    return randomString(random, 12);
  };
  for (let round = 0; round < 6; round += 1) {
    const width = 500 + Math.floor(random() * 4000);
    const array = [];
    const object = {};
    for (let i = 0; i < width; i += 1) {
      const item = {};
      const keys = 1 + Math.floor(random() * 6);
      for (let k = 0; k < keys; k += 1) item[random() < 0.1 ? randomString(random, 6) : "k" + k] = leaf();
      if (random() < 0.3) item.list = [leaf(), leaf(), [leaf()]];
      array.push(random() < 0.05 ? skip() : item);
      object[random() < 0.2 ? randomString(random, 8) : "key" + i] = random() < 0.1 ? skip() : item;
    }
    for (const value of [array, object, { a: array, o: object, tail: skip() }, [object, skip(), array]]) {
      const ours = codec.stringify(value);
      assert.ok(asciiOnly(ours), "not ASCII");
      const v8 = JSON.stringify(value);
      assert.equal(sameJson(JSON.parse(ours), JSON.parse(v8)), null, "round " + round);
      assert.equal(sameJson(parseBoth(ours), JSON.parse(v8)), null, "round " + round);
      if (asciiOnly(v8)) assert.equal(ours, v8, "round " + round);
    }
  }
});

test("the trampoline: the panel's string literal, evaluated as ExtendScript source, round-trips (seed " + SEED + ")", () => {
  const random = prng(SEED + 4);
  vm.runInContext("__aerpc.methods.__test_echo = {fn: '__testEcho', params: ['value', 'text']}; __aerpc.provide({__testEcho: __testEcho});", context);
  const before = vm.runInContext("__echo_calls", context);
  const count = Math.min(N, 2000);
  for (let i = 0; i < count; i += 1) {
    const params = { value: randomJson(random, 3), text: randomString(random, 40) };
    const request = JSON.stringify({ jsonrpc: "2.0", id: "py:" + i, method: "__test_echo", params: params });
    const literal = Aerpc.jsStringLiteral(request);
    assert.ok(asciiOnly(literal), "the literal is not ASCII");
    const envelope = vm.runInContext("__aerpc_dispatch(" + literal + ")", context);
    assert.ok(asciiOnly(envelope), "the envelope is not ASCII");
    const outcome = Aerpc.parseEnvelope(envelope);
    assert.equal(outcome.ok, true, envelope);
    assert.equal(sameJson(outcome.result, JSON.parse(JSON.stringify(params))), null, "case " + i);
  }
  assert.equal(vm.runInContext("__echo_calls", context) - before, count, "each request ran exactly once");
  // A would-be injection is data, not code.
  const evil = "\");__echo_calls=-1000;(\"";
  const literal = Aerpc.jsStringLiteral(JSON.stringify({ method: "__test_echo", params: { text: evil } }));
  const outcome = Aerpc.parseEnvelope(vm.runInContext("__aerpc_dispatch(" + literal + ")", context));
  assert.equal(outcome.result.text, evil);
  assert.ok(vm.runInContext("__echo_calls", context) > 0);
});

test("the fast path (proven JSON, then the engine's parser) agrees with the exact parser (seed " + SEED + ")", () => {
  // Values full of hostile strings: U+2028/U+2029 and format characters (line terminators and
  // removed characters in ES3 source), surrogates, quotes, backslashes, escapes as text.
  const random = prng(SEED + 6);
  let fast = 0;
  for (let i = 0; i < N; i += 1) {
    const value = randomJson(random, 4);
    const texts = [JSON.stringify(value), codec.stringify(value), JSON.stringify(value, null, 1)];
    for (const text of texts) {
      // Left to the exact parser on purpose: a text that may hold the key __proto__.
      const maybeProto = /__proto__|\\u00(?:5[fF]|6[fF]|7[0-4])/.test(text);
      assert.equal(codec.provenJson(text), !maybeProto, "valid JSON: " + JSON.stringify(text));
      if (!maybeProto) fast += 1;
      const expected = JSON.parse(text);
      assert.equal(sameJson(parseBoth(text), expected), null, JSON.stringify(text));
            assert.equal(sameJson(codec.parseExactly(text), expected), null, JSON.stringify(text));
    }
  }
  for (const piece of HOSTILE.concat(["\u00ad", "\u200b", "\u200e", "\u202e", "\u2060", "\ufeff", "\u0600", "\u061c", "\u180e", "\ufff9"])) {
    const value = { k: piece, list: [piece, "a" + piece + "b"], [piece === "__proto__" ? "p" : piece]: 1 };
    const text = JSON.stringify(value);
    assert.equal(sameJson(parseBoth(text), value), null, JSON.stringify(piece));
    // Long enough for parse itself to take the fast path.
    const long = JSON.stringify([value, "x".repeat(codec.EVAL_FROM), value]);
    assert.ok(long.length >= codec.EVAL_FROM);
    assert.equal(sameJson(codec.parse(long), JSON.parse(long)), null, JSON.stringify(piece));
  }
  assert.equal(touched(), 0);
  assert.ok(fast >= N, "the fast path read " + fast + " texts");
});

test("no text runs code: JavaScript that is not JSON is refused as V8's JSON.parse refuses it (seed " + SEED + ")", () => {
  // Mutations of valid texts with pieces of JavaScript: calls, assignments, operators,
  // comments, identifiers, single quotes, regular expressions, raw line separators. Every text
  // is either refused (a SyntaxError with a position) or read exactly as V8 reads it, and
  // __touch is never called.
  const random = prng(SEED + 7);
  const pieces = ["__touch()", "(__touch())", "__touched=1", "+", "-", "*", "/", "(", ")", "'a'", "/**/", "//",
    "<!--", "-->", "\u2028", "\u2029", "\n", "0x1", "1_0", "void 0", "undefined", "NaN", "Infinity", "a", "=",
    "[,]", "{}", ",", ":", "\"", "\\", "\\u0041", "__proto__", "\"__proto__\"", "\"\\u005f_proto__\"", "\u0001", "\u0002"];
  let refused = 0;
  for (let i = 0; i < N; i += 1) {
    let text = JSON.stringify(randomJson(random, 3));
    const edits = 1 + Math.floor(random() * 2);
    for (let e = 0; e < edits; e += 1) {
      const at = Math.floor(random() * (text.length + 1));
      text = text.slice(0, at) + pieces[Math.floor(random() * pieces.length)] + text.slice(at + (random() < 0.5 ? 0 : 1));
    }
    const { value: expected, error: v8Error } = attempt(() => JSON.parse(text));
    const { value: actual, error: ourError } = attempt(() => parseBoth(text));
    if (v8Error !== null) {
      refused += 1;
      assert.equal(codec.provenJson(text), false, "proved what V8 refuses: " + JSON.stringify(text));
      assert.ok(ourError !== null && ourError.name === "SyntaxError", "accepted " + JSON.stringify(text));
      assert.equal(typeof ourError.position, "number", JSON.stringify(text));
    } else if (ourError !== null) {
      assert.match(ourError.message, /__proto__/, JSON.stringify(text) + ": " + ourError.message);
    } else {
      assert.equal(sameJson(actual, expected), null, JSON.stringify(text));
    }
    assert.equal(touched(), 0, "code ran: " + JSON.stringify(text));
  }
  assert.ok(refused > N / 2, "most mutations should be invalid, got " + refused);
  // By name: what a permissive check (json2's) lets through, and keys that set a prototype.
  for (const text of ["[1,]", "01", "[01]", "{\"a\":1,}", "[\"\\x41\"]", "[.5]", "[1.]", "[\"a\"\"b\"]", "[1 2]",
    "[\"\u2028\"]]", "\ufeff[]", "[\u00a0]", "[] []", "{1:2}", "{\"a\" 1}", "[\u0001]", "[\u0002,\u0002]",
    "{\"__proto__\":{\"x\":1}}", "{\"\\u005f_proto__\":{}}", "{\"__pr\\u006fto__\":{}}", "[__touch()]", "[(1)]", "-[1]",
    // Whitespace inside a scalar (the proof removes only whitespace next to punctuation).
    "- 1", "[- 1]", "1 2", "tr ue", "[nu ll]", "[1 .5]", "[1e 5]", "[1 e5]", "[\"a\" 1]", "[1 \"a\"]", "{\"a\":- 1}"]) {
    assert.throws(() => parseBoth(text), (e) => e.name === "SyntaxError" && typeof e.position === "number", JSON.stringify(text));
  }
  assert.equal(touched(), 0);
  // Whitespace next to punctuation and around the value is proven (and read as V8 reads it).
  for (const text of [" 1 ", "\n[1]\n", "[ 1 , 2 ]", "{ \"a\" : 1 }", "\t\"s\"\r\n", " -1.5e+3 ", "[ ]", "{ }",
    "[\ttrue,\nnull ,false]", "{\"a\":[ {\"b\" :\"c\" } ] }"]) {
    assert.equal(codec.provenJson(text), true, JSON.stringify(text));
    assert.equal(sameJson(parseBoth(text), JSON.parse(text)), null, JSON.stringify(text));
  }
  // Deep nesting goes to the exact parser, which still reads it.
  const deep = "[".repeat(200) + "\"\u2028\"" + "]".repeat(200);
  assert.equal(codec.provenJson(deep), false);
  assert.equal(sameJson(parseBoth(deep), JSON.parse(deep)), null);
});
