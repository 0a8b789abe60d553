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

/**
 * The stored list, as raw records; MetadataCorrupt when the stored text is not a JSON list.
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
        throw AerpcErrors.MetadataCorrupt("the pipeline metadata in the project's XMP (xmp:Label) is not " +
            "valid JSON: " + _aerpc_message(e), {reason: _aerpc_message(e), stored: text.substring(0, 200)});
    }
    if (!(list instanceof Array)) {
        throw AerpcErrors.MetadataCorrupt("the pipeline metadata in the project's XMP (xmp:Label) is not " +
            "a JSON list", {stored: text.substring(0, 200)});
    }
    return {list: list, text: text};
}

/**
 * Stores the list (only when its text changed), in one undo group.
 * @param {Array<*>} list
 * @param {string} previous the stored text it replaces
 */
function _aerpc_writeStored(list, previous) {
    var text = __aerpc_json.stringify(list);
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
    if (record === null || typeof record !== "object" || record instanceof Array) {
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
 * The flat stored record of an entry: id, instance_id, the data keys, members.
 * @param {AerpcHost.MetadataEntry} entry
 * @returns {Object<string, *>}
 */
function _aerpc_toRecord(entry) {
    /** @type {Object<string, *>} */
    var record = {};
    var key;
    record.id = entry.id;
    if (entry.instance_id !== undefined) {
        record.instance_id = entry.instance_id;
    }
    for (key in entry.data) {
        if (_aerpc_hasOwn(entry.data, key) && key !== "id" && key !== "instance_id" && key !== "members") {
            record[key] = entry.data[key];
        }
    }
    record.members = entry.members;
    return record;
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
 * imprint: upserts one record; drops records whose main item no longer exists.
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
            list.push(_aerpc_toRecord(entry));
            replaced = true;
        } else if (current.members.length === 0 || _aerpc_findItem(current.members[0]) !== null) {
            list.push(stored.list[i]);
        }
    }
    if (!replaced) {
        list.push(_aerpc_toRecord(entry));
    }
    _aerpc_writeStored(list, stored.text);
    return null;
}

/**
 * remove_instance: forgets every record of the instance (instance_id, or a legacy uuid).
 * @param {AerpcHost.Params.removeInstance} params
 * @returns {AerpcHost.Result.removeInstance}
 */
function removeInstance(params) {
    var stored = _aerpc_readStored();
    /** @type {Array<*>} */
    var list = [];
    var current;
    var i;
    for (i = 0; i < stored.list.length; i += 1) {
        current = _aerpc_toEntry(stored.list[i]);
        if (current !== null && (current.instance_id === params.instance_id ||
                current.data.uuid === params.instance_id)) {
            continue;
        }
        list.push(stored.list[i]);
    }
    if (list.length !== stored.list.length) {
        _aerpc_writeStored(list, stored.text);
    }
    return null;
}
