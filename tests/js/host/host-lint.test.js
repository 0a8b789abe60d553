"use strict";
// Static checks of the ExtendScript host library beyond what tsc checks:
//  - each file parses as ECMAScript 3 (no trailing commas in objects, no getters, no let/const),
//    and has no trailing comma in array literals or reserved words as property names;
//  - no ES5+ library calls and no JSON global;
//  - top level holds only function declarations (the files are concatenated in any order);
//    public functions are exactly the schema's x-host-function names, each defined once;
//    everything else is prefixed `_aerpc_`, and nothing clashes with the dispatcher's globals;
//  - no variable is declared twice in a function, and no inner function, var or catch clause
//    shadows a name of an enclosing scope (the reference's clobbered loop counter);
//  - undo groups are opened and closed only by _aerpc_undoGroup (begin, then try/finally end).
// Each check is also run on a fixture with known faults, so a check that finds nothing is
// known to be able to find something.

const { test } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const acorn = require("acorn");

const { hostFiles, hostMethods, tempDir } = require("./helpers");

const RESERVED = new Set(
  ("break case catch continue default delete do else finally for function if in instanceof new return switch this throw try typeof var void while with " +
    "abstract boolean byte char class const debugger double enum export extends final float goto implements import int interface long native package " +
    "private protected public short static super synchronized throws transient volatile").split(" "),
);
const ES5_METHODS = new Set(["forEach", "map", "filter", "reduce", "reduceRight", "some", "every", "trim", "bind", "toISOString"]);
const ES5_STATICS = { Object: ["keys", "create", "defineProperty", "defineProperties", "getPrototypeOf", "freeze", "seal"], Array: ["isArray"], Date: ["now"] };
const FORBIDDEN_GLOBALS = new Set(["JSON", "Symbol", "Promise", "Map", "Set", "WeakMap", "Reflect", "Proxy"]);
const DISPATCHER_GLOBALS = new Set(["AerpcErrors", "__aerpc_json", "__aerpc_error", "__aerpc_dispatch", "__aerpc_methods", "__aerpc_env"]);
const HOST_FUNCTIONS = new Set(hostMethods.map((m) => m["x-host-function"]));

function children(node) {
  const out = [];
  for (const key of Object.keys(node)) {
    if (key === "loc") continue;
    const v = node[key];
    if (Array.isArray(v)) v.forEach((c) => c && typeof c.type === "string" && out.push(c));
    else if (v && typeof v.type === "string") out.push(v);
  }
  return out;
}

function walk(node, visit) {
  visit(node);
  for (const c of children(node)) walk(c, visit);
}

function load(file) {
  const src = fs.readFileSync(file, "utf8");
  try {
    return { file, src, ast: acorn.parse(src, { ecmaVersion: 3, locations: true }) };
  } catch (e) {
    return { file, src, ast: null, error: e.message };
  }
}

const at = (f, node) => path.basename(f.file) + ":" + node.loc.start.line;

function lintSyntax(files) {
  const problems = [];
  for (const f of files) {
    if (!f.ast) {
      problems.push(path.basename(f.file) + ": not ES3: " + f.error);
      continue;
    }
    walk(f.ast, (node) => {
      if (node.type === "ArrayExpression" && /,\s*\]$/.test(f.src.slice(node.start, node.end))) problems.push(at(f, node) + ": trailing comma in an array literal");
      if (node.type === "MemberExpression" && !node.computed) {
        const name = node.property.name;
        if (RESERVED.has(name)) problems.push(at(f, node) + ": reserved word as a property name: ." + name);
        if (ES5_METHODS.has(name)) problems.push(at(f, node) + ": ." + name + " is not in ExtendScript (ES3)");
        if (node.object.type === "Identifier" && (ES5_STATICS[node.object.name] || []).includes(name)) problems.push(at(f, node) + ": " + node.object.name + "." + name + " is not in ExtendScript (ES3)");
        const isObjectPrototype = node.object.type === "MemberExpression" && node.object.object.name === "Object" && node.object.property.name === "prototype";
        if (name === "hasOwnProperty" && !isObjectPrototype) problems.push(at(f, node) + ": x.hasOwnProperty(k) breaks on data with a key named hasOwnProperty; use _aerpc_hasOwn");
      }
      if (node.type === "Property" && node.key.type === "Identifier" && RESERVED.has(node.key.name)) problems.push(at(f, node) + ": reserved word as a key: " + node.key.name);
      if (node.type === "Identifier" && FORBIDDEN_GLOBALS.has(node.name)) problems.push(at(f, node) + ": " + node.name + " does not exist in ExtendScript");
    });
  }
  return problems;
}

function lintTopLevel(files, requireAll) {
  const seen = new Map();
  const problems = [];
  for (const f of files) {
    if (!f.ast) continue;
    for (const node of f.ast.body) {
      if (node.type !== "FunctionDeclaration") {
        problems.push(at(f, node) + ": top-level " + node.type + " (only function declarations are safe to concatenate)");
        continue;
      }
      const name = node.id.name;
      if (seen.has(name)) problems.push(at(f, node) + ": " + name + " is also defined at " + seen.get(name));
      seen.set(name, at(f, node));
      if (DISPATCHER_GLOBALS.has(name) || name.startsWith("__aerpc")) problems.push(at(f, node) + ": " + name + " clashes with the dispatcher");
      else if (!HOST_FUNCTIONS.has(name) && !name.startsWith("_aerpc_")) problems.push(at(f, node) + ": " + name + " is neither a host function nor prefixed _aerpc_");
      if (HOST_FUNCTIONS.has(name) && node.params.length !== 1) problems.push(at(f, node) + ": host function " + name + " takes exactly one params object");
    }
  }
  if (requireAll) for (const name of HOST_FUNCTIONS) if (!seen.has(name)) problems.push("host function " + name + " is not implemented");
  return problems;
}

function lintScopes(files) {
  const problems = [];
  const globals = new Map();
  for (const f of files) if (f.ast) for (const node of f.ast.body) if (node.type === "FunctionDeclaration") globals.set(node.id.name, 0);
  const check = (f, fn, outer) => {
    const scope = new Map();
    const add = (name, node, kind) => {
      if (scope.has(name)) problems.push(at(f, node) + ": " + kind + " " + name + " is declared again in the same function (first at line " + scope.get(name) + ")");
      else scope.set(name, node.loc.start.line);
      if (outer.has(name)) problems.push(at(f, node) + ": " + kind + " " + name + " shadows an enclosing scope's " + name);
    };
    fn.params.forEach((p) => add(p.name, p, "parameter"));
    const inner = [];
    const catches = [];
    const visit = (node) => {
      if (node.type === "FunctionDeclaration") {
        add(node.id.name, node, "function");
        inner.push(node);
        return;
      }
      if (node.type === "FunctionExpression") {
        inner.push(node);
        return;
      }
      if (node.type === "VariableDeclarator") add(node.id.name, node, "var");
      if (node.type === "CatchClause") catches.push(node);
      children(node).forEach(visit);
    };
    fn.body.body.forEach(visit);
    for (const c of catches) {
      if (scope.has(c.param.name) || outer.has(c.param.name)) problems.push(at(f, c) + ": catch (" + c.param.name + ") shadows a variable");
    }
    const next = new Map([...outer, ...scope]);
    for (const g of inner) check(f, g, next);
  };
  for (const f of files) {
    if (!f.ast) continue;
    for (const node of f.ast.body) {
      if (node.type !== "FunctionDeclaration") continue;
      const outer = new Map(globals);
      outer.delete(node.id.name);
      check(f, node, outer);
    }
  }
  return problems;
}

function lintUndo(files) {
  const problems = [];
  let helper = null;
  for (const f of files) {
    if (!f.ast) continue;
    for (const fn of f.ast.body) {
      if (fn.type !== "FunctionDeclaration") continue;
      if (fn.id.name === "_aerpc_undoGroup") helper = fn;
      walk(fn, (node) => {
        if (node.type === "CallExpression" && node.callee.type === "MemberExpression" && /^(begin|end)UndoGroup$/.test(node.callee.property.name || "")) {
          if (fn.id.name !== "_aerpc_undoGroup") problems.push(at(f, node) + ": " + node.callee.property.name + " outside _aerpc_undoGroup (in " + fn.id.name + ")");
        }
      });
    }
  }
  if (!helper) return problems.concat(["_aerpc_undoGroup is missing"]);
  const body = helper.body.body;
  const call = (stmt) => stmt && stmt.type === "ExpressionStatement" && stmt.expression.type === "CallExpression" && stmt.expression.callee.property && stmt.expression.callee.property.name;
  if (body.length !== 2 || call(body[0]) !== "beginUndoGroup" || body[1].type !== "TryStatement" || !body[1].finalizer || call(body[1].finalizer.body[0]) !== "endUndoGroup") {
    problems.push("_aerpc_undoGroup must be exactly: app.beginUndoGroup(name); try { ... } finally { app.endUndoGroup(); }");
  }
  return problems;
}

const library = () => hostFiles().map(load);

test("host files parse as ES3 and avoid ES5+ syntax and library", () => {
  assert.deepEqual(lintSyntax(library()), []);
});

test("top level: only function declarations; public names are the schema's host functions", () => {
  assert.deepEqual(lintTopLevel(library(), true), []);
});

test("no variable declared twice in a function, no shadowing", () => {
  assert.deepEqual(lintScopes(library()), []);
});

test("undo groups: only _aerpc_undoGroup opens and closes them, with try/finally", () => {
  assert.deepEqual(lintUndo(library()), []);
});

test("the checks find the faults of a bad fixture", () => {
  const dir = tempDir("lint");
  const bad = path.join(dir, "bad.jsx");
  fs.writeFileSync(
    bad,
    [
      "var counter = 0;",
      "function helper(params) {",
      "    var i;",
      "    var list = [1, 2,];",
      "    list.forEach(function (x) { return x; });",
      "    var o = Object.keys(params);",
      "    var t = JSON.stringify(o);",
      "    var d = params.default;",
      "    var h = params.hasOwnProperty('x');",
      "    for (i = 0; i < 2; i += 1) {",
      "        var i = 1;",
      "    }",
      "    app.beginUndoGroup('x');",
      "    app.endUndoGroup();",
      "    return function (list) { try { return list; } catch (t) { return t; } };",
      "}",
      "function getItems(a, b) { return [a, b]; }",
      "function _aerpc_undoGroup(name, body) { app.beginUndoGroup(name); var r = body(); app.endUndoGroup(); return r; }",
      "",
    ].join("\n"),
  );
  const broken = path.join(dir, "broken.jsx");
  fs.writeFileSync(broken, "var o = {a: 1,};\nlet x = 1;\n");
  const files = [load(bad), load(broken)];
  const all = [].concat(lintSyntax(files), lintTopLevel(files, true), lintScopes(files), lintUndo(files)).join("\n");
  for (const expected of [
    /broken\.jsx: not ES3/,
    /bad\.jsx:4: trailing comma in an array literal/,
    /bad\.jsx:5: \.forEach is not in ExtendScript/,
    /bad\.jsx:6: Object\.keys is not in ExtendScript/,
    /bad\.jsx:7: JSON does not exist in ExtendScript/,
    /bad\.jsx:8: reserved word as a property name: \.default/,
    /bad\.jsx:9: x\.hasOwnProperty\(k\) breaks/,
    /bad\.jsx:1: top-level VariableDeclaration/,
    /helper is neither a host function nor prefixed _aerpc_/,
    /host function getItems takes exactly one params object/,
    /host function open is not implemented/,
    /bad\.jsx:11: var i is declared again in the same function/,
    /bad\.jsx:15: parameter list shadows an enclosing scope's list/,
    /bad\.jsx:15: catch \(t\) shadows a variable/,
    /bad\.jsx:13: beginUndoGroup outside _aerpc_undoGroup \(in helper\)/,
    /_aerpc_undoGroup must be exactly/,
  ]) {
    assert.match(all, expected);
  }
});
