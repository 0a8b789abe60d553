"use strict";
// Every .jsx in the repository (the ES3 library, the generated tables and the host library) is
// ES3 that ExtendScript can run: see es3-check.js for what is refused. The checker itself is
// tested on samples of each refused construct.

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const test = require("node:test");

const { checkEs3 } = require("./es3-check");

const ROOT = path.resolve(__dirname, "..", "..");
const SKIP = new Set(["node_modules", ".git", ".venv", "dist", "build", ".mypy_cache", ".ruff_cache"]);

function jsxFiles(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...jsxFiles(full));
    else if (entry.isFile() && entry.name.endsWith(".jsx")) found.push(full);
  }
  return found.sort();
}

const files = jsxFiles(ROOT);

test("the ES3 library and the generated tables are among the checked files", () => {
  for (const parts of [["generated", "cep", "aerpc-host.jsx"], ["runtime", "extendscript", "aerpc-dispatch.jsx"],
    ["runtime", "extendscript", "aerpc-json.jsx"]]) {
    assert.ok(files.includes(path.join(ROOT, ...parts)), files.join("\n"));
  }
});

for (const file of files) {
  test("ES3: " + path.relative(ROOT, file), () => {
    const problems = checkEs3(fs.readFileSync(file, "utf8"), path.relative(ROOT, file));
    assert.deepEqual(problems, [], "\n" + problems.join("\n"));
  });
}

const REFUSED = {
  "JSON used": "var s = JSON.stringify({});",
  "JSON as a name": "var x = JSON;",
  "let": "let a = 1;",
  "const": "const a = 1;",
  "getter": "var o = {get a() { return 1; }};",
  "setter": "var o = {set a(v) {}};",
  "arrow": "var f = function () { return [1].length; }; var g = (x) => x;",
  "template literal": "var s = `a`;",
  "forEach": "var a = [1]; a.forEach(function (x) {});",
  "map on anything": "items.map(function (x) { return x; });",
  "filter": "x.filter(function () { return true; });",
  "reduce": "x.reduce(function (a, b) { return a + b; }, 0);",
  "indexOf on an array literal": "var i = [1, 2].indexOf(2);",
  "indexOf on an array variable": "var names = []; var i = names.indexOf('a');",
  "indexOf on a split": "var i = s.split(',').indexOf('a');",
  "indexOf on a variable assigned later": "var parts; parts = new Array(); parts.indexOf(1);",
  "Object.keys": "var k = Object.keys(o);",
  "Object.create": "var o = Object.create(null);",
  "Array.isArray": "var b = Array.isArray(x);",
  "Date.now": "var t = Date.now();",
  "trim": "var s = ' a '.trim();",
  "bind": "var f = g.bind(this);",
  "trailing comma in an object": "var o = {a: 1,};",
  "trailing comma in an array": "var a = [1, 2,];",
  "hole in an array": "var a = [1,, 2];",
  "reserved word as a property": "o.default = 1;",
  "function declaration in a block": "if (x) { function f() {} }",
  "non-ASCII text": "var s = \"caf\u00e9\";",
  "U+2028 in a comment": "// a\u2028b\nvar x = 1;",
  "preprocessor include": "#include \"lib.jsx\"\nvar x = 1;",
};

for (const [name, source] of Object.entries(REFUSED)) {
  test("the ES3 check refuses: " + name, () => {
    assert.notDeepEqual(checkEs3(source, "sample.jsx"), [], source);
  });
}

const ACCEPTED = {
  "indexOf on a string": "var s = 'abc'; var i = s.indexOf('b'); var j = name.lastIndexOf('.');",
  "for-in with hasOwnProperty": "for (var k in o) { if (Object.prototype.hasOwnProperty.call(o, k)) { n += 1; } }",
  "function declarations at the top and in functions": "function f() { function g() {} return g; }",
  "a JSON mention in a string": "var s = \"JSON\";",
  "escapes of non-ASCII": "var s = \"caf\\u00e9 \\u2028\";",
  "toJSON guarded": "if (typeof v.toJSON === 'function') { v = v.toJSON(); }",
};

for (const [name, source] of Object.entries(ACCEPTED)) {
  test("the ES3 check accepts: " + name, () => {
    assert.deepEqual(checkEs3(source, "sample.jsx"), []);
  });
}

test("the extension's one ExtendScript file (as `make cep` assembles it) is ES3, defines three " +
  "globals, and its host library scope declares no name twice", () => {
  const { hostScriptPaths } = require("../../runtime/cep/node/csinterface");
  const acorn = require("acorn");
  const [file] = hostScriptPaths();
  const source = fs.readFileSync(file, "utf8");
  assert.deepEqual(checkEs3(source, "aerpc.jsx"), []);
  const ast = acorn.parse(source, { ecmaVersion: 3, allowReserved: "never" });
  const declared = (statements) => statements.flatMap((node) => (node.type === "FunctionDeclaration" ? [node.id.name]
    : node.type === "VariableDeclaration" ? node.declarations.map((d) => d.id.name) : []));
  assert.deepEqual(declared(ast.body).sort(), ["__aerpc", "__aerpc_dispatch", "__aerpc_env"]);
  const scopes = ast.body.filter((node) => node.type === "ExpressionStatement" &&
    node.expression.type === "CallExpression" && node.expression.callee.type === "FunctionExpression");
  assert.equal(scopes.length, 1, "one host library scope");
  const names = declared(scopes[0].expression.callee.body.body);
  const duplicates = names.filter((name, i) => names.indexOf(name) !== i);
  assert.deepEqual(duplicates, []);
  assert.ok(names.includes("getItems") && names.includes("AerpcErrors"), names.join(", "));
});
