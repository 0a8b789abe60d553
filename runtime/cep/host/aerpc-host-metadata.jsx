// aerpc host library: pipeline metadata in the project's XMP packet (ExtendScript, ES3).
//
// Storage is the reference's, so existing workfiles stay readable: one JSON list of flat
// records in the `xmp:Label` property of app.project.xmpPacket. A record is well formed when
// it is an object with a non-empty string `id`; `members` (ids, possibly stored as strings)
// is optional. Malformed records are kept in storage untouched and never returned.

/**
 * The project's XMP metadata (loads the XMPScript library on first use).
 * @returns {XMPMetaInstance}
 */
function _aerpc_projectXmp() {
    var Meta;
    if (ExternalObject.AdobeXMPScript === undefined) {
        ExternalObject.AdobeXMPScript = new ExternalObject("lib:AdobeXMPScript");
    }
    Meta = XMPMeta;
    if (Meta === undefined) {
        throw new Error("the XMPScript library (lib:AdobeXMPScript) is not available");
    }
    return new Meta(app.project.xmpPacket);
}

/**
 * The URI of the `xmp` namespace.
 * @returns {string}
 */
function _aerpc_xmpNamespace() {
    var Meta = XMPMeta;
    if (Meta === undefined) {
        throw new Error("the XMPScript library (lib:AdobeXMPScript) is not available");
    }
    return Meta.getNamespaceURI("xmp");
}

// Python's json.dumps writes non-finite floats as the bare words NaN, Infinity and -Infinity,
// which JSON lacks. A stored list holding them is read with each such word outside a string
// replaced by a marker string, which becomes the number again after parsing; when the list is
// written back the numbers become the same words, so storage keeps what Python wrote.

/**
 * The prefix of a marker string: a NUL no stored text holds, then "aerpc:".
 * @returns {string}
 */
function _aerpc_nonFiniteMark() {
    return "\u0000aerpc:";
}

/**
 * The stored text with every bare NaN / Infinity / -Infinity turned into a marker string. A
 * scan, not a RegExp: ExtendScript's RegExp engine can overflow its stack on a long string.
 * @param {string} text
 * @returns {string}
 */
function _aerpc_markNonFinite(text) {
    /** @type {string[]} */
    var out = [];
    var n = text.length;
    var last = 0;
    var i = 0;
    var c;
    var word;
    while (i < n) {
        c = text.charAt(i);
        word = "";
        if (c === "\"") {
            i += 1;
            while (i < n && text.charAt(i) !== "\"") {
                i += text.charAt(i) === "\\" ? 2 : 1;
            }
        } else if (c === "N" && text.substring(i, i + 3) === "NaN") {
            word = "NaN";
        } else if (c === "I" && text.substring(i, i + 8) === "Infinity") {
            word = "Infinity";
        } else if (c === "-" && text.substring(i, i + 9) === "-Infinity") {
            word = "-Infinity";
        }
        if (word === "") {
            i += 1;
        } else {
            out.push(text.substring(last, i));
            out.push("\"\\u0000aerpc:" + word + "\"");
            i += word.length;
            last = i;
        }
    }
    out.push(text.substring(last));
    return out.join("");
}

/**
 * The value with every marker string (see _aerpc_markNonFinite) replaced by its number.
 * @param {*} value
 * @returns {*}
 */
function _aerpc_unmarkNonFinite(value) {
    var mark = _aerpc_nonFiniteMark();
    var key;
    if (typeof value === "string") {
        if (value.substring(0, mark.length) === mark) {
            return Number(value.substring(mark.length));
        }
        return value;
    }
    if (value !== null && typeof value === "object") {
        for (key in value) {
            if (_aerpc_hasOwn(value, key)) {
                value[key] = _aerpc_unmarkNonFinite(value[key]);
            }
        }
    }
    return value;
}

/**
 * A copy of the value with every non-finite number replaced by its marker string; `found.any`
 * is set when there was one.
 * @param {*} value
 * @param {{any: boolean}} found
 * @returns {*}
 */
function _aerpc_markNumbers(value, found) {
    /** @type {*} */
    var copy;
    var key;
    var i;
    if (typeof value === "number") {
        if (value !== value || value - value !== 0) {
            found.any = true;
            return _aerpc_nonFiniteMark() + (value !== value ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
        return value;
    }
    if (value instanceof Array) {
        copy = [];
        for (i = 0; i < value.length; i += 1) {
            copy.push(_aerpc_markNumbers(value[i], found));
        }
        return copy;
    }
    if (value !== null && typeof value === "object") {
        copy = {};
        for (key in value) {
            if (_aerpc_hasOwn(value, key)) {
                copy[key] = _aerpc_markNumbers(value[key], found);
            }
        }
        return copy;
    }
    return value;
}

/**
 * The stored list, as raw records; MetadataCorrupt when the stored text is not a JSON list
 * (Python's NaN, Infinity and -Infinity allowed, see _aerpc_markNonFinite).
 * @returns {{list: Array<*>, text: string}}
 */
function _aerpc_readStored() {
    var meta = _aerpc_projectXmp();
    var ns = _aerpc_xmpNamespace();
    var text;
    /** @type {*} */
    var list;
    if (!meta.doesPropertyExist(ns, "xmp:Label")) {
        return {list: [], text: ""};
    }
    text = String(meta.getProperty(ns, "xmp:Label").value);
    if (text === "") {
        return {list: [], text: ""};
    }
    try {
        list = __aerpc_json.parse(text);
    } catch (e) {
        try {
            list = _aerpc_unmarkNonFinite(__aerpc_json.parse(_aerpc_markNonFinite(text)));
        } catch (ignored) {
            throw AerpcErrors.MetadataCorrupt("the pipeline metadata in the project's XMP (xmp:Label) is " +
                "not valid JSON: " + _aerpc_message(e), {reason: _aerpc_message(e), stored: text.substring(0, 200)});
        }
    }
    if (!(list instanceof Array)) {
        throw AerpcErrors.MetadataCorrupt("the pipeline metadata in the project's XMP (xmp:Label) is not " +
            "a JSON list", {stored: text.substring(0, 200)});
    }
    return {list: list, text: text};
}

/**
 * Stores the list (only when its text changed), in one undo group. Non-finite numbers are
 * written as Python writes them (NaN, Infinity, -Infinity).
 * @param {Array<*>} list
 * @param {string} previous the stored text it replaces
 */
function _aerpc_writeStored(list, previous) {
    var found = {any: false};
    var marked = _aerpc_markNumbers(list, found);
    var text = __aerpc_json.stringify(marked);
    if (text !== undefined && found.any) {
        text = text.replace(/"\\u0000aerpc:(NaN|-?Infinity)"/g, "$1");
    }
    if (text === undefined || text === previous) {
        return;
    }
    _aerpc_undoGroup("aerpc: pipeline metadata", function () {
        var meta = _aerpc_projectXmp();
        meta.setProperty(_aerpc_xmpNamespace(), "xmp:Label", String(text));
        app.project.xmpPacket = meta.serialize();
    });
}

/**
 * A stored member id as an integer, or null when it is not one.
 * @param {*} value
 * @returns {number | null}
 */
function _aerpc_memberId(value) {
    var n;
    if (typeof value === "number") {
        n = value;
    } else if (typeof value === "string" && /^\s*[0-9]+\s*$/.test(value)) {
        n = Number(value);
    } else {
        return null;
    }
    return n >= 1 && Math.floor(n) === n ? n : null;
}

/**
 * The MetadataEntry of a stored record, or null when the record is malformed.
 * @param {*} record
 * @returns {AerpcHost.MetadataEntry | null}
 */
function _aerpc_toEntry(record) {
    /** @type {number[]} */
    var members = [];
    /** @type {Object<string, *>} */
    var data = {};
    /** @type {AerpcHost.MetadataEntry} */
    var entry;
    var id;
    var key;
    var i;
    if (!_aerpc_isRecord(record)) {
        return null;
    }
    if (typeof record.id !== "string" || record.id === "") {
        return null;
    }
    if (record.members !== undefined && record.members !== null) {
        if (!(record.members instanceof Array)) {
            return null;
        }
        for (i = 0; i < record.members.length; i += 1) {
            id = _aerpc_memberId(record.members[i]);
            if (id === null) {
                return null;
            }
            members.push(id);
        }
    }
    for (key in record) {
        if (_aerpc_hasOwn(record, key) && key !== "id" && key !== "instance_id" && key !== "members") {
            data[key] = record[key];
        }
    }
    entry = {id: record.id, members: members, data: data};
    if (record.instance_id !== undefined && record.instance_id !== null && record.instance_id !== "") {
        entry.instance_id = String(record.instance_id);
    }
    return entry;
}

/**
 * The stored record updated by `entry`: the stored keys in their order, then id and instance_id
 * from the entry, the entry's data keys merged over the stored ones, and the entry's members.
 * As the reference wrote them: a record gains no `members` key when it names no item (the
 * publish context), and a legacy instance_id stored as a number stays one.
 * `stored` is null for a new record.
 * @param {Object<string, *> | null} stored
 * @param {AerpcHost.MetadataEntry} entry
 * @returns {Object<string, *>}
 */
function _aerpc_mergeRecord(stored, entry) {
    /** @type {Object<string, *>} */
    var record = {};
    var key;
    if (stored !== null) {
        for (key in stored) {
            if (_aerpc_hasOwn(stored, key)) {
                record[key] = stored[key];
            }
        }
    }
    record.id = entry.id;
    if (entry.instance_id !== undefined && _aerpc_idText(record.instance_id) !== entry.instance_id) {
        record.instance_id = entry.instance_id;
    }
    for (key in entry.data) {
        if (_aerpc_hasOwn(entry.data, key) && key !== "id" && key !== "instance_id" && key !== "members") {
            record[key] = entry.data[key];
        }
    }
    if (entry.members.length > 0 || _aerpc_hasOwn(record, "members")) {
        record.members = entry.members;
    }
    return record;
}

/**
 * A stored id as text ("17" for the number 17), or null when it is neither a string nor a
 * finite number.
 * @param {*} value
 * @returns {string | null}
 */
function _aerpc_idText(value) {
    if (typeof value === "string") {
        return value;
    }
    if (typeof value === "number" && value - value === 0) {
        return String(value);
    }
    return null;
}

/**
 * True for a stored record that is a plain object (an array or a scalar is not a record).
 * @param {*} record
 * @returns {boolean}
 */
function _aerpc_isRecord(record) {
    return record !== null && typeof record === "object" && !(record instanceof Array);
}

/**
 * True when the stored entry is the one `entry` replaces (the imprint key rules).
 * @param {AerpcHost.MetadataEntry} stored
 * @param {AerpcHost.MetadataEntry} entry
 * @returns {boolean}
 */
function _aerpc_sameRecord(stored, entry) {
    if (entry.instance_id !== undefined) {
        return stored.instance_id === entry.instance_id;
    }
    if (stored.instance_id !== undefined) {
        return false;
    }
    if (entry.members.length > 0) {
        return stored.members.length > 0 && stored.members[0] === entry.members[0];
    }
    return stored.members.length === 0 && stored.id === entry.id;
}

/**
 * get_metadata: the well-formed stored records.
 * @param {AerpcHost.Params.getMetadata} params
 * @returns {AerpcHost.Result.getMetadata}
 */
function getMetadata(params) {
    var list = _aerpc_readStored().list;
    /** @type {AerpcHost.MetadataEntry[]} */
    var out = [];
    var entry;
    var i;
    for (i = 0; i < list.length; i += 1) {
        entry = _aerpc_toEntry(list[i]);
        if (entry !== null) {
            out.push(entry);
        }
    }
    return out;
}

/**
 * imprint: merges one record into storage (or appends it); drops records whose main item no longer exists.
 * @param {AerpcHost.Params.imprint} params
 * @returns {AerpcHost.Result.imprint}
 */
function imprint(params) {
    var entry = params.entry;
    var stored;
    /** @type {Array<*>} */
    var list = [];
    var replaced = false;
    var current;
    var i;
    for (i = 0; i < entry.members.length; i += 1) {
        _aerpc_item(entry.members[i], "entry.members");
    }
    stored = _aerpc_readStored();
    for (i = 0; i < stored.list.length; i += 1) {
        current = _aerpc_toEntry(stored.list[i]);
        if (current === null) {
            list.push(stored.list[i]);
        } else if (!replaced && _aerpc_sameRecord(current, entry)) {
            list.push(_aerpc_mergeRecord(stored.list[i], entry));
            replaced = true;
        } else if (current.members.length === 0 || _aerpc_findItem(current.members[0]) !== null) {
            list.push(stored.list[i]);
        }
    }
    if (!replaced) {
        list.push(_aerpc_mergeRecord(null, entry));
    }
    _aerpc_writeStored(list, stored.text);
    return null;
}

/**
 * remove_instance: forgets every record of the instance: its instance_id, or for a legacy
 * record without one its uuid, compared as text (a legacy uuid may be a JSON number).
 * @param {AerpcHost.Params.removeInstance} params
 * @returns {AerpcHost.Result.removeInstance}
 */
function removeInstance(params) {
    var stored = _aerpc_readStored();
    /** @type {Array<*>} */
    var list = [];
    var record;
    var key;
    var i;
    for (i = 0; i < stored.list.length; i += 1) {
        record = stored.list[i];
        if (_aerpc_isRecord(record)) {
            key = _aerpc_given(record.instance_id) && record.instance_id !== "" ? record.instance_id : record.uuid;
            if (_aerpc_idText(key) === params.instance_id) {
                continue;
            }
        }
        list.push(record);
    }
    if (list.length !== stored.list.length) {
        _aerpc_writeStored(list, stored.text);
    }
    return null;
}

/**
 * remove_metadata: forgets the records keyed on a project item (members[0], no instance_id).
 * @param {AerpcHost.Params.removeMetadata} params
 * @returns {AerpcHost.Result.removeMetadata}
 */
function removeMetadata(params) {
    var stored = _aerpc_readStored();
    /** @type {Array<*>} */
    var list = [];
    var record;
    var i;
    for (i = 0; i < stored.list.length; i += 1) {
        record = stored.list[i];
        if (_aerpc_isRecord(record) && !(_aerpc_given(record.instance_id) && record.instance_id !== "") &&
                record.members instanceof Array && record.members.length > 0 &&
                _aerpc_memberId(record.members[0]) === params.item_id) {
            continue;
        }
        list.push(record);
    }
    if (list.length !== stored.list.length) {
        _aerpc_writeStored(list, stored.text);
    }
    return stored.list.length - list.length;
}
