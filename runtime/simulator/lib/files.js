"use strict";
// ExtendScript's File and Folder classes, backed by the real file system.
//
// Modelled on the ExtendScript core (JavaScript Tools Guide): a File is a
// reference to a path that may or may not exist; `fsName` is the platform path,
// `absoluteURI`/`fullName`/`name`/`path` are URI-encoded (a space is `%20`),
// `displayName` is the decoded name. Both constructors may be called with or
// without `new`. Reading and writing go through open()/read()/write()/close().

const fs = require("fs");
const path = require("path");
const os = require("os");

function encodeSegment(seg) {
  // ExtendScript encodes like encodeURIComponent but keeps a few safe characters.
  return encodeURIComponent(seg).replace(/%40/g, "@").replace(/%2B/g, "+").replace(/%2C/g, ",");
}

function encodePath(p) {
  return p.split("/").map(encodeSegment).join("/");
}

function decodeMaybe(p) {
  if (!/%[0-9A-Fa-f]{2}/.test(p)) return p;
  try {
    return decodeURIComponent(p);
  } catch (_e) {
    return p;
  }
}

function makeFileSystemClasses(env) {
  // env: { home, cwd(), count(name) }
  const home = env.home || os.homedir();

  function resolvePath(p) {
    if (p === undefined || p === null || p === "") return env.cwd();
    let s = decodeMaybe(String(p));
    if (s.startsWith("file://")) s = s.slice("file://".length);
    if (s === "~" || s.startsWith("~/")) s = path.join(home, s.slice(1));
    if (!path.isAbsolute(s)) s = path.join(env.cwd(), s);
    s = path.normalize(s);
    if (s.length > 1 && s.endsWith(path.sep)) s = s.slice(0, -1);
    return s;
  }

  function uriOf(abs) {
    return encodePath(abs.split(path.sep).join("/"));
  }

  function homeUri(abs) {
    const u = uriOf(abs);
    const h = uriOf(home);
    if (u === h) return "~";
    if (u.startsWith(h + "/")) return "~" + u.slice(h.length);
    return u;
  }

  class FsEntry {
    _init(p) {
      this._path = resolvePath(p);
      this.error = "";
    }
    // ExtendScript's reflection interface: `reflect.name` is the class name ("File", "Folder").
    get reflect() {
      return { name: this.constructor.name };
    }
    get fsName() {
      return this._path;
    }
    get absoluteURI() {
      return uriOf(this._path);
    }
    get fullName() {
      return homeUri(this._path);
    }
    get name() {
      return encodeSegment(path.basename(this._path));
    }
    get displayName() {
      return path.basename(this._path);
    }
    get path() {
      return homeUri(path.dirname(this._path));
    }
    get relativeURI() {
      return encodePath(path.relative(env.cwd(), this._path).split(path.sep).join("/"));
    }
    get parent() {
      const dir = path.dirname(this._path);
      if (dir === this._path) return null;
      return new Folder(dir);
    }
    get hidden() {
      return path.basename(this._path).startsWith(".");
    }
    get created() {
      try {
        return fs.statSync(this._path).birthtime;
      } catch (_e) {
        return null;
      }
    }
    get modified() {
      try {
        return fs.statSync(this._path).mtime;
      } catch (_e) {
        return null;
      }
    }
    get alias() {
      try {
        return fs.lstatSync(this._path).isSymbolicLink();
      } catch (_e) {
        return false;
      }
    }
    toString() {
      return this.absoluteURI;
    }
    toSource() {
      return "(new " + this.constructor.name + '("' + this.absoluteURI + '"))';
    }
    getRelativeURI(basePath) {
      const base = basePath ? resolvePath(basePath) : env.cwd();
      return encodePath(path.relative(base, this._path).split(path.sep).join("/"));
    }
    changePath(p) {
      this._path = resolvePath(p);
      return true;
    }
    rename(newName) {
      const target = path.join(path.dirname(this._path), decodeMaybe(String(newName)));
      try {
        fs.renameSync(this._path, target);
        this._path = target;
        return true;
      } catch (e) {
        this.error = String(e.message);
        return false;
      }
    }
  }

  function File(p) {
    if (!(this instanceof File)) {
      return new File(p);
    }
    this._init(p);
    this._fd = null;
    this._mode = null;
    this._buf = "";
    this._pos = 0;
    this.encoding = "UTF-8";
    this.lineFeed = "Unix";
  }
  Object.setPrototypeOf(File.prototype, FsEntry.prototype);
  Object.defineProperties(File.prototype, {
    exists: {
      get() {
        try {
          return fs.statSync(this._path).isFile();
        } catch (_e) {
          return false;
        }
      },
    },
    length: {
      get() {
        try {
          return fs.statSync(this._path).size;
        } catch (_e) {
          return 0;
        }
      },
    },
    eof: {
      get() {
        return this._mode === null || this._pos >= this._buf.length;
      },
    },
    type: { get: () => "????" },
    creator: { get: () => "????" },
    readonly: { value: false, writable: true },
  });
  File.prototype.open = function open(mode) {
    const m = String(mode || "r").toLowerCase();
    try {
      if (m === "r") {
        this._buf = fs.readFileSync(this._path, "utf8");
      } else if (m === "w") {
        fs.writeFileSync(this._path, "");
        this._buf = "";
      } else if (m === "a" || m === "e") {
        this._buf = fs.existsSync(this._path) ? fs.readFileSync(this._path, "utf8") : "";
        if (!fs.existsSync(this._path)) fs.writeFileSync(this._path, "");
      } else {
        this.error = "Invalid open mode " + mode;
        return false;
      }
    } catch (e) {
      this.error = String(e.message);
      return false;
    }
    this._mode = m;
    this._pos = m === "a" ? this._buf.length : 0;
    return true;
  };
  File.prototype.close = function close() {
    const wasOpen = this._mode !== null;
    this._mode = null;
    this._buf = "";
    this._pos = 0;
    return wasOpen;
  };
  File.prototype.read = function read(chars) {
    if (this._mode === null) return "";
    const n = chars === undefined ? this._buf.length - this._pos : Number(chars);
    const out = this._buf.substr(this._pos, n);
    this._pos += out.length;
    return out;
  };
  File.prototype.readln = function readln() {
    if (this._mode === null) return "";
    const rest = this._buf.slice(this._pos);
    const m = /\r?\n/.exec(rest);
    if (!m) {
      this._pos = this._buf.length;
      return rest;
    }
    this._pos += m.index + m[0].length;
    return rest.slice(0, m.index);
  };
  File.prototype.readch = function readch() {
    return this.read(1);
  };
  File.prototype.write = function write() {
    if (this._mode === null || this._mode === "r") return false;
    const text = Array.prototype.map.call(arguments, String).join("");
    try {
      fs.appendFileSync(this._path, text);
    } catch (e) {
      this.error = String(e.message);
      return false;
    }
    this._buf += text;
    this._pos = this._buf.length;
    return true;
  };
  File.prototype.writeln = function writeln() {
    return this.write.apply(this, Array.prototype.slice.call(arguments).concat(["\n"]));
  };
  File.prototype.seek = function seek(pos, whence) {
    const base = whence === 1 ? this._pos : whence === 2 ? this._buf.length : 0;
    this._pos = Math.max(0, Math.min(this._buf.length, base + Number(pos)));
    return true;
  };
  File.prototype.tell = function tell() {
    return this._pos;
  };
  File.prototype.remove = function remove() {
    try {
      fs.unlinkSync(this._path);
      return true;
    } catch (e) {
      this.error = String(e.message);
      return false;
    }
  };
  File.prototype.copy = function copy(target) {
    const dest = target instanceof FsEntry ? target.fsName : resolvePath(target);
    try {
      fs.copyFileSync(this._path, dest);
      return true;
    } catch (e) {
      this.error = String(e.message);
      return false;
    }
  };
  File.prototype.resolve = function resolve() {
    return null;
  };
  File.prototype.execute = function execute() {
    env.count("File.execute");
    return false;
  };
  File.prototype.openDlg = function openDlg() {
    env.dialog("File.openDlg");
    return null;
  };
  File.prototype.saveDlg = function saveDlg() {
    env.dialog("File.saveDlg");
    return null;
  };
  File.fs = "Unix";
  File.encode = function encode(name) {
    return encodeSegment(String(name));
  };
  File.decode = function decode(uri) {
    return decodeMaybe(String(uri));
  };
  File.isEncodingAvailable = function isEncodingAvailable(name) {
    return /^(utf-?8|ascii|binary|iso-8859-1)$/i.test(String(name));
  };
  File.openDialog = function openDialog() {
    env.dialog("File.openDialog");
    return null;
  };
  File.saveDialog = function saveDialog() {
    env.dialog("File.saveDialog");
    return null;
  };

  function Folder(p) {
    if (!(this instanceof Folder)) {
      // Called as a function, Folder(path) returns a File for an existing file.
      const abs = resolvePath(p);
      try {
        if (fs.statSync(abs).isFile()) return new File(abs);
      } catch (_e) {
        // not there: a Folder reference
      }
      return new Folder(p);
    }
    this._init(p);
  }
  Object.setPrototypeOf(Folder.prototype, FsEntry.prototype);
  Object.defineProperty(Folder.prototype, "exists", {
    get() {
      try {
        return fs.statSync(this._path).isDirectory();
      } catch (_e) {
        return false;
      }
    },
  });
  Folder.prototype.create = function create() {
    try {
      fs.mkdirSync(this._path, { recursive: true });
      return true;
    } catch (e) {
      this.error = String(e.message);
      return false;
    }
  };
  Folder.prototype.remove = function remove() {
    try {
      fs.rmdirSync(this._path); // like ExtendScript: only empty folders
      return true;
    } catch (e) {
      this.error = String(e.message);
      return false;
    }
  };
  Folder.prototype.getFiles = function getFiles(mask) {
    let names;
    try {
      names = fs.readdirSync(this._path).sort();
    } catch (_e) {
      return null;
    }
    let test = () => true;
    if (typeof mask === "function") test = (entry) => !!mask(entry);
    else if (typeof mask === "string" && mask !== "" && mask !== "*") {
      const re = new RegExp(
        "^" + mask.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$",
        "i",
      );
      test = (entry) => re.test(entry.displayName);
    }
    const out = [];
    for (const n of names) {
      const abs = path.join(this._path, n);
      let entry;
      try {
        entry = fs.statSync(abs).isDirectory() ? new Folder(abs) : new File(abs);
      } catch (_e) {
        continue;
      }
      if (test(entry)) out.push(entry);
    }
    return env.scriptArray ? env.scriptArray(out) : out;
  };
  Folder.prototype.selectDlg = function selectDlg() {
    env.dialog("Folder.selectDlg");
    return null;
  };
  Folder.fs = "Unix";
  Folder.encode = File.encode;
  Folder.decode = File.decode;
  Folder.selectDialog = function selectDialog() {
    env.dialog("Folder.selectDialog");
    return null;
  };
  Object.defineProperties(Folder, {
    current: {
      get: () => new Folder(env.cwd()),
      set: (f) => env.setCwd(f instanceof FsEntry ? f.fsName : resolvePath(f)),
    },
    temp: { get: () => new Folder(env.tmp || os.tmpdir()) },
    desktop: { get: () => new Folder(path.join(home, "Desktop")) },
    myDocuments: { get: () => new Folder(path.join(home, "Documents")) },
    userData: { get: () => new Folder(path.join(home, ".config")) },
    appData: { get: () => new Folder(path.join(home, ".local", "share")) },
    startup: { get: () => new Folder(env.cwd()) },
    system: { get: () => new Folder("/") },
    trash: { get: () => null },
    commonFiles: { get: () => new Folder("/usr/share") },
  });

  return { File, Folder, FsEntry, resolvePath };
}

module.exports = { makeFileSystemClasses, encodePath, encodeSegment, decodeMaybe };
