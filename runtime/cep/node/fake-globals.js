"use strict";
// The smallest After Effects ExtendScript globals the dispatcher can load into: $ with getenv,
// an app with an empty project, File and Folder with a path. Used when runtime/simulator is not
// in the checkout (or with NodeCSInterface({fake: true})); host functions that touch more of
// the object model fail with -32010, which is what an incomplete host would do.

function createFakeGlobals(options) {
  const o = options || {};
  const env = o.env || process.env;
  const output = [];

  function FsEntry(p) {
    this.fsName = String(p);
    this.fullName = String(p);
    this.name = String(p).split(/[\\/]/).pop();
  }
  function File(p) {
    if (!(this instanceof File)) return new File(p);
    FsEntry.call(this, p);
  }
  function Folder(p) {
    if (!(this instanceof Folder)) return new Folder(p);
    FsEntry.call(this, p);
  }

  const globals = {
    $: {
      getenv: (name) => {
        const value = env[String(name)];
        return value === undefined ? null : String(value);
      },
      writeln: (...parts) => {
        output.push(parts.map(String).join(""));
      },
      write: (...parts) => {
        output.push(parts.map(String).join(""));
      },
      version: "4.5.5 (fake)",
      output: output,
    },
    app: {
      version: o.appVersion || "24.0x0",
      project: { file: null, numItems: 0, items: { length: 0 } },
      beginUndoGroup: () => {},
      endUndoGroup: () => {},
    },
    File: File,
    Folder: Folder,
    alert: (message) => {
      output.push("alert: " + String(message));
    },
  };
  globals.$.global = globals;
  return globals;
}

module.exports = { createFakeGlobals };
