#!/usr/bin/env node
"use strict";
// Writes runtime/cep/host/types/aerpc-host-env.d.ts from the schema: the TypeScript view of
// what the host library gets from the generated dispatcher (the params object of each host
// function, its result, the error helpers, the JSON codec), so that `tsc --checkJs` checks the
// host functions' parameter names and result shapes against the schema.
//
//   node tests/js/host/schema-dts.js           write the file
//   node tests/js/host/schema-dts.js --check   exit 1 when the file is out of date
//
// The host functions are annotated with `@param {AerpcHost.Params.<fn>} params` and
// `@returns {AerpcHost.Result.<fn>}` (fn = the method's x-host-function).

const fs = require("fs");
const path = require("path");

const REPO = path.resolve(__dirname, "..", "..", "..");
const SCHEMA = path.join(REPO, "schema", "aftereffects.openrpc.json");
const OUT = path.join(REPO, "runtime", "cep", "host", "types", "aerpc-host-env.d.ts");

function refName(ref) {
  const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
  if (!m) throw new Error("unsupported $ref " + ref);
  return m[1];
}

function tsType(schema, indent) {
  const pad = "  ".repeat(indent);
  if (schema === true || schema === undefined || Object.keys(schema).length === 0) return "any";
  if (schema.$ref) return refName(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) {
    if (schema.enum.every((v) => typeof v === "string")) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
    return "number";
  }
  if (schema.oneOf || schema.anyOf) return (schema.oneOf || schema.anyOf).map((s) => tsType(s, indent)).join(" | ");
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length === 0) return "any";
  return types
    .map((t) => {
      switch (t) {
        case "null":
          return "null";
        case "string":
          return "string";
        case "integer":
        case "number":
          return "number";
        case "boolean":
          return "boolean";
        case "array":
          return "Array<" + tsType(schema.items, indent) + ">";
        case "object": {
          const props = schema.properties || {};
          const req = new Set(schema.required || []);
          const lines = Object.keys(props).map((k) => pad + "  " + k + (req.has(k) ? "" : "?") + ": " + tsType(props[k], indent + 1) + ";");
          if (schema.additionalProperties && schema.additionalProperties !== true && Object.keys(props).length === 0) {
            return "{ [key: string]: " + tsType(schema.additionalProperties, indent + 1) + " }";
          }
          if (schema.additionalProperties === true || (schema.additionalProperties === undefined && lines.length === 0)) lines.push(pad + "  [key: string]: any;");
          return "{\n" + lines.join("\n") + "\n" + pad + "}";
        }
        default:
          throw new Error("unsupported type " + t);
      }
    })
    .join(" | ");
}

function render(schemaText) {
  const schema = JSON.parse(schemaText);
  const crypto = require("crypto");
  const hash = crypto.createHash("sha256").update(schemaText).digest("hex");
  const out = [];
  out.push("// Written by tests/js/host/schema-dts.js from schema/aftereffects.openrpc.json; do not edit.");
  out.push("// schema sha256:" + hash);
  out.push("//");
  out.push("// What the generated dispatcher (generated/cep/aerpc-host.jsx) gives the host library:");
  out.push("// the params object and result of every host function, the error helpers and the JSON codec.");
  out.push("");
  out.push("declare namespace AerpcHost {");
  const comps = (schema.components && schema.components.schemas) || {};
  for (const name of Object.keys(comps)) {
    const s = comps[name];
    if (s.description) out.push("  /** " + s.description.replace(/\*\//g, "* /").split("\n")[0] + " */");
    out.push("  type " + name + " = " + tsType(s, 1) + ";");
  }
  out.push("");
  out.push("  namespace Params {");
  const hostMethods = schema.methods.filter((m) => m["x-served-by"] === "host" && m["x-host-function"]);
  for (const m of hostMethods) {
    const fn = m["x-host-function"];
    out.push("    /** params of `" + m.name + "` */");
    out.push("    interface " + fn + " {");
    for (const p of m.params || []) {
      out.push("      " + p.name + (p.required ? "" : "?") + ": " + tsType(p.schema, 3) + ";");
    }
    out.push("    }");
  }
  out.push("  }");
  out.push("");
  out.push("  namespace Result {");
  for (const m of hostMethods) {
    out.push("    /** result of `" + m.name + "` */");
    out.push("    type " + m["x-host-function"] + " = " + tsType(m.result.schema, 2) + ";");
  }
  out.push("  }");
  out.push("}");
  out.push("");
  out.push("/** Makes the throwable error of a declared application error (code >= 1000). */");
  out.push("declare function __aerpc_error(code: number, message?: string, data?: any): Error;");
  out.push("");
  out.push("/** One maker per declared error: `throw AerpcErrors.ItemNotFound(message?, data?)`. */");
  out.push("declare var AerpcErrors: {");
  const errors = (schema.components && schema.components.errors) || {};
  for (const name of Object.keys(errors)) {
    out.push("  /** " + errors[name].code + ": " + errors[name].message + " */");
    out.push("  " + name + "(message?: string, data?: any): Error;");
  }
  out.push("};");
  out.push("");
  out.push("/** The dispatcher's ES3 JSON codec (ExtendScript has no JSON global). */");
  out.push("declare var __aerpc_json: {");
  out.push("  parse(text: string): any;");
  out.push("  stringify(value: any): string | undefined;");
  out.push("  quote(text: string): string;");
  out.push("};");
  out.push("");
  return out.join("\n");
}

function main() {
  const text = render(fs.readFileSync(SCHEMA, "utf8"));
  if (process.argv.includes("--check")) {
    const cur = fs.existsSync(OUT) ? fs.readFileSync(OUT, "utf8") : "";
    if (cur !== text) {
      process.stderr.write(path.relative(REPO, OUT) + " is out of date with the schema: run node tests/js/host/schema-dts.js\n");
      process.exit(1);
    }
    return;
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(OUT, text);
  process.stdout.write("wrote " + path.relative(REPO, OUT) + "\n");
}

if (require.main === module) main();

module.exports = { render, SCHEMA, OUT };
