"use strict";
// A small model of the XMPScript library (ExternalObject "lib:AdobeXMPScript").
//
// Enough for what scripts do with a project's metadata: parse the packet that
// app.project.xmpPacket holds, read, set and delete simple properties, and
// serialise the packet back. Arrays, structs and qualifiers are not modelled
// (countArrayItems/appendArrayItem work on a flat ordered list).

const NAMESPACES = {
  xmp: "http://ns.adobe.com/xap/1.0/",
  dc: "http://purl.org/dc/elements/1.1/",
  xmpMM: "http://ns.adobe.com/xap/1.0/mm/",
  stEvt: "http://ns.adobe.com/xap/1.0/sType/ResourceEvent#",
  photoshop: "http://ns.adobe.com/photoshop/1.0/",
  xmpDM: "http://ns.adobe.com/xmp/1.0/DynamicMedia/",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  x: "adobe:ns:meta/",
};

function escapeXml(s) {
  return String(s)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, (c) => "&#x" + c.charCodeAt(0).toString(16) + ";");
}

function unescapeXml(s) {
  return String(s).replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_m, e) => {
    if (e === "amp") return "&";
    if (e === "lt") return "<";
    if (e === "gt") return ">";
    if (e === "quot") return '"';
    if (e === "apos") return "'";
    if (e[1] === "x") return String.fromCodePoint(parseInt(e.slice(2), 16));
    return String.fromCodePoint(parseInt(e.slice(1), 10));
  });
}

function xmpError(makeError, msg) {
  return makeError("XMP Exception: " + msg);
}

// Parse a packet into { props: [{ns, prefix, name, value, array?}] , prefixes }.
function parsePacket(text, makeError) {
  const props = [];
  const prefixes = Object.assign({}, NAMESPACES);
  if (text === undefined || text === null || String(text).trim() === "") return { props, prefixes };
  const src = String(text);
  if (!/<rdf:RDF[\s>]/.test(src)) throw xmpError(makeError, "XML parsing failure: no rdf:RDF element");
  const descRe = /<rdf:Description\b([^>]*?)(\/>|>([\s\S]*?)<\/rdf:Description>)/g;
  let m;
  while ((m = descRe.exec(src)) !== null) {
    const attrs = m[1];
    const nsRe = /xmlns:([A-Za-z_][\w.-]*)="([^"]*)"/g;
    let n;
    while ((n = nsRe.exec(attrs)) !== null) prefixes[n[1]] = n[2];
    const attrPropRe = /\s([A-Za-z_][\w.-]*):([A-Za-z_][\w.-]*)="([^"]*)"/g;
    while ((n = attrPropRe.exec(attrs)) !== null) {
      if (n[1] === "xmlns" || n[1] === "rdf") continue;
      props.push({ prefix: n[1], name: n[2], value: unescapeXml(n[3]) });
    }
    const body = m[3] || "";
    const elRe = /<([A-Za-z_][\w.-]*):([A-Za-z_][\w.-]*)(\s[^>]*)?(?:\/>|>([\s\S]*?)<\/\1:\2>)/g;
    while ((n = elRe.exec(body)) !== null) {
      const inner = n[4] || "";
      const liRe = /<rdf:li[^>]*>([\s\S]*?)<\/rdf:li>/g;
      if (/<rdf:(Seq|Bag|Alt)\b/.test(inner)) {
        const items = [];
        let li;
        while ((li = liRe.exec(inner)) !== null) items.push(unescapeXml(li[1]));
        props.push({ prefix: n[1], name: n[2], value: "", array: items });
      } else {
        props.push({ prefix: n[1], name: n[2], value: unescapeXml(inner) });
      }
    }
  }
  for (const p of props) {
    if (!(p.prefix in prefixes)) throw xmpError(makeError, "XML parsing failure: undeclared prefix " + p.prefix);
    p.ns = prefixes[p.prefix];
  }
  return { props, prefixes };
}

function makeXmpClasses(env) {
  // env: { makeError(msg), creatorTool }
  const makeError = env.makeError;

  function prefixFor(ns, prefixes) {
    for (const k of Object.keys(prefixes)) if (prefixes[k] === ns) return k;
    return null;
  }

  function splitName(ns, name, prefixes) {
    const s = String(name);
    const i = s.indexOf(":");
    if (i < 0) return s;
    const pfx = s.slice(0, i);
    if (prefixes[pfx] !== ns) throw xmpError(makeError, "Bad schema: prefix " + pfx + " does not match " + ns);
    return s.slice(i + 1);
  }

  class XMPMeta {
    constructor(packet) {
      if (Array.isArray(packet)) packet = Buffer.from(packet).toString("utf8");
      const parsed = parsePacket(packet, makeError);
      this._prefixes = parsed.prefixes;
      this._props = parsed.props;
    }
    _find(ns, name) {
      const local = splitName(ns, name, this._prefixes);
      for (const p of this._props) if (p.ns === ns && p.name === local) return p;
      return null;
    }
    doesPropertyExist(ns, name) {
      return this._find(ns, name) !== null;
    }
    getProperty(ns, name) {
      const p = this._find(ns, name);
      if (p === null) return undefined;
      return {
        namespace: ns,
        path: p.prefix + ":" + p.name,
        value: p.value,
        options: 0,
        locale: "",
        toString() {
          return p.value;
        },
      };
    }
    setProperty(ns, name, value) {
      if (value === undefined || value === null) throw xmpError(makeError, "Empty property value");
      if (!prefixFor(ns, this._prefixes)) throw xmpError(makeError, "Unregistered schema namespace URI " + ns);
      const local = splitName(ns, name, this._prefixes);
      const existing = this._find(ns, name);
      const v = String(value);
      if (existing) {
        existing.value = v;
        delete existing.array;
      } else {
        this._props.push({ ns, prefix: prefixFor(ns, this._prefixes), name: local, value: v });
      }
      return true;
    }
    deleteProperty(ns, name) {
      const p = this._find(ns, name);
      if (p) this._props.splice(this._props.indexOf(p), 1);
      return true;
    }
    countArrayItems(ns, name) {
      const p = this._find(ns, name);
      return p && p.array ? p.array.length : 0;
    }
    getArrayItem(ns, name, index) {
      const p = this._find(ns, name);
      if (!p || !p.array || index < 1 || index > p.array.length) return undefined;
      return { namespace: ns, path: p.prefix + ":" + p.name + "[" + index + "]", value: p.array[index - 1], options: 0, locale: "" };
    }
    appendArrayItem(ns, name, _arrayOptions, value) {
      let p = this._find(ns, name);
      if (!p) {
        p = { ns, prefix: prefixFor(ns, this._prefixes), name: splitName(ns, name, this._prefixes), value: "", array: [] };
        this._props.push(p);
      }
      if (!p.array) p.array = [];
      p.array.push(String(value));
      return true;
    }
    getNamespaceURI(prefix) {
      return this._prefixes[prefix];
    }
    dumpObject() {
      return this._props.map((p) => p.prefix + ":" + p.name + " = " + JSON.stringify(p.array || p.value)).join("\n");
    }
    serialize() {
      return serializePacket(this._props, this._prefixes);
    }
    static getNamespaceURI(prefix) {
      return NAMESPACES[prefix];
    }
    static getNamespacePrefix(uri) {
      for (const k of Object.keys(NAMESPACES)) if (NAMESPACES[k] === uri) return k + ":";
      return undefined;
    }
  }

  const XMPConst = {
    NS_XMP: NAMESPACES.xmp,
    NS_DC: NAMESPACES.dc,
    NS_XMP_MM: NAMESPACES.xmpMM,
    NS_DM: NAMESPACES.xmpDM,
    NS_PHOTOSHOP: NAMESPACES.photoshop,
    NS_RDF: NAMESPACES.rdf,
    ARRAY_IS_ORDERED: 1024,
    ARRAY_IS_UNORDERED: 512,
    PROP_IS_ARRAY: 512,
  };

  return { XMPMeta, XMPConst };
}

function serializePacket(props, prefixes) {
  const used = new Set(props.map((p) => p.prefix));
  const decl = [...used]
    .sort()
    .map((p) => '\n    xmlns:' + p + '="' + escapeXml(prefixes[p] || NAMESPACES[p]) + '"')
    .join("");
  const body = props
    .map((p) => {
      if (p.array) {
        const lis = p.array.map((v) => "\n      <rdf:li>" + escapeXml(v) + "</rdf:li>").join("");
        return "\n   <" + p.prefix + ":" + p.name + ">\n    <rdf:Seq>" + lis + "\n    </rdf:Seq>\n   </" + p.prefix + ":" + p.name + ">";
      }
      return "\n   <" + p.prefix + ":" + p.name + ">" + escapeXml(p.value) + "</" + p.prefix + ":" + p.name + ">";
    })
    .join("");
  return (
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>\n' +
    '<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core (aerpc simulated After Effects)">\n' +
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n' +
    '  <rdf:Description rdf:about=""' + decl + ">" + body + "\n  </rdf:Description>\n" +
    " </rdf:RDF>\n</x:xmpmeta>\n" +
    '<?xpacket end="w"?>'
  );
}

function defaultPacket(creatorTool, createDate) {
  return serializePacket(
    [
      { ns: NAMESPACES.xmp, prefix: "xmp", name: "CreatorTool", value: creatorTool },
      { ns: NAMESPACES.xmp, prefix: "xmp", name: "CreateDate", value: createDate },
      { ns: NAMESPACES.dc, prefix: "dc", name: "format", value: "application/vnd.adobe.aftereffects.project" },
    ],
    NAMESPACES,
  );
}

module.exports = { makeXmpClasses, parsePacket, serializePacket, defaultPacket, NAMESPACES };
