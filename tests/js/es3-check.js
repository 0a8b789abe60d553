"use strict";
// The ES3 check for ExtendScript sources: what acorn at ecmaVersion 3 accepts, minus what
// ExtendScript lacks or mishandles. checkEs3(source, fileName) returns a list of problems,
// each "file:line:column: message"; an empty list means the file passes.
//
// Refused, beyond ES3 syntax (acorn already refuses let/const, getters/setters, arrows,
// template literals, trailing commas in object literals, reserved words as property names):
//   - the identifier JSON anywhere (ExtendScript has no JSON; use __aerpc_json)
//   - array methods ExtendScript lacks: .forEach .map .filter .reduce .reduceRight .some .every
//     .find .findIndex .includes, and .indexOf/.lastIndexOf on a receiver that is an array
//     (an array literal, new Array, .split(), .concat/.slice of one, or a name assigned one)
//   - ES5+ library functions: Object.keys/create/defineProperty/..., Array.isArray, Date.now,
//     String.prototype.trim, Function.prototype.bind, Date.prototype.toISOString
//   - a trailing comma or a hole in an array literal ([1, 2,] and [1,,2] differ across engines)
//   - a function declaration inside a block (undefined behaviour in ES3)
//   - any character outside ASCII (ExtendScript tooling may read the file in another encoding)

const acorn = require("acorn");

const ARRAY_ONLY = new Set([
  "forEach", "map", "filter", "reduce", "reduceRight", "some", "every", "find", "findIndex",
  "includes", "fill", "flat", "flatMap", "keys", "values", "entries",
]);
const ARRAY_OR_STRING = new Set(["indexOf", "lastIndexOf"]);
const ES5_STATICS = {
  Object: new Set([
    "keys", "create", "defineProperty", "defineProperties", "getPrototypeOf",
    "getOwnPropertyNames", "getOwnPropertyDescriptor", "freeze", "seal", "isFrozen", "isSealed",
    "preventExtensions", "isExtensible", "assign", "entries", "values",
  ]),
  Array: new Set(["isArray", "from", "of"]),
  Date: new Set(["now"]),
};
const ES5_METHODS = new Set(["trim", "trimLeft", "trimRight", "bind", "toISOString"]);

function walk(node, parent, visit) {
  if (node === null || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const child of node) walk(child, parent, visit);
    return;
  }
  if (typeof node.type !== "string") return;
  visit(node, parent);
  for (const key of Object.keys(node)) {
    if (key === "loc" || key === "start" || key === "end") continue;
    const value = node[key];
    if (value !== null && typeof value === "object") walk(value, node, visit);
  }
}

function propertyName(member) {
  if (member.type !== "MemberExpression") return null;
  if (!member.computed && member.property.type === "Identifier") return member.property.name;
  if (member.computed && member.property.type === "Literal" && typeof member.property.value === "string") {
    return member.property.value;
  }
  return null;
}

function isArrayProducer(node, arrayNames) {
  if (!node) return false;
  if (node.type === "ArrayExpression") return true;
  if ((node.type === "NewExpression" || node.type === "CallExpression") &&
      node.callee.type === "Identifier" && node.callee.name === "Array") return true;
  if (node.type === "CallExpression" && node.callee.type === "MemberExpression") {
    const name = propertyName(node.callee);
    if (name === "split") return true;
    if ((name === "concat" || name === "slice" || name === "splice" || name === "sort" || name === "reverse") &&
        isArrayProducer(node.callee.object, arrayNames)) return true;
  }
  if (node.type === "Identifier" && arrayNames.has(node.name)) return true;
  return false;
}

function checkEs3(source, fileName) {
  const problems = [];
  const where = (loc) => fileName + ":" + loc.line + ":" + (loc.column + 1);
  const report = (loc, message) => problems.push(where(loc) + ": " + message);

  const lines = source.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const match = /[^\x00-\x7f]/.exec(lines[i]);
    if (match !== null) {
      report({ line: i + 1, column: match.index },
        "a character outside ASCII (U+" + match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0") +
        "); write it as a \\u escape");
    }
  }

  const tokens = [];
  let ast;
  try {
    ast = acorn.parse(source, {
      ecmaVersion: 3,
      allowReserved: "never",
      locations: true,
      sourceType: "script",
      onToken: tokens,
    });
  } catch (error) {
    const loc = error.loc || { line: 0, column: 0 };
    report(loc, "not ES3: " + error.message.replace(/ \(\d+:\d+\)$/, ""));
    return problems;
  }

  // Trailing commas and holes in array literals.
  for (let i = 0; i + 1 < tokens.length; i += 1) {
    const a = tokens[i];
    const b = tokens[i + 1];
    if (a.type.label === "," && (b.type.label === "]" || b.type.label === "}")) {
      report(a.loc.start, "a trailing comma before '" + b.type.label + "'");
    } else if ((a.type.label === "[" || a.type.label === ",") && b.type.label === "," ) {
      report(b.loc.start, "a hole in an array literal");
    }
  }

  // Names that are assigned an array somewhere in the file.
  const arrayNames = new Set();
  let grew = true;
  while (grew) {
    grew = false;
    walk(ast, null, (node) => {
      let name = null;
      let value = null;
      if (node.type === "VariableDeclarator" && node.id.type === "Identifier") {
        name = node.id.name;
        value = node.init;
      } else if (node.type === "AssignmentExpression" && node.operator === "=" && node.left.type === "Identifier") {
        name = node.left.name;
        value = node.right;
      }
      if (name !== null && !arrayNames.has(name) && isArrayProducer(value, arrayNames)) {
        arrayNames.add(name);
        grew = true;
      }
    });
  }

  walk(ast, null, (node, parent) => {
    if (node.type === "Identifier" && node.name === "JSON") {
      report(node.loc.start, "JSON is not defined in ExtendScript; use __aerpc_json.parse/stringify");
    }
    if (node.type === "Property" && (node.kind === "get" || node.kind === "set")) {
      report(node.loc.start, "getters and setters are not ES3");
    }
    if (node.type === "VariableDeclaration" && node.kind !== "var") {
      report(node.loc.start, node.kind + " is not ES3; use var");
    }
    if (node.type === "FunctionDeclaration" && parent !== null && parent.type !== "Program" &&
        !(parent.type === "BlockStatement" && parent.isFunctionBody)) {
      report(node.loc.start, "a function declaration inside a block; use a function expression");
    }
    if (node.type === "FunctionDeclaration" || node.type === "FunctionExpression") {
      node.body.isFunctionBody = true;
    }
    if (node.type === "CallExpression" && node.callee.type === "MemberExpression") {
      const name = propertyName(node.callee);
      const object = node.callee.object;
      if (name !== null && ARRAY_ONLY.has(name)) {
        report(node.loc.start, "." + name + "() does not exist in ExtendScript (ES3 arrays)");
      }
      if (name !== null && ARRAY_OR_STRING.has(name) && isArrayProducer(object, arrayNames)) {
        report(node.loc.start, "." + name + "() on an array does not exist in ExtendScript (ES3)");
      }
      if (name !== null && ES5_METHODS.has(name)) {
        report(node.loc.start, "." + name + "() is ES5 or later; ExtendScript lacks it");
      }
      if (name !== null && object.type === "Identifier" && ES5_STATICS[object.name] &&
          ES5_STATICS[object.name].has(name)) {
        report(node.loc.start, object.name + "." + name + " is ES5 or later; ExtendScript lacks it");
      }
    }
  });
  return problems;
}

module.exports = { checkEs3 };
