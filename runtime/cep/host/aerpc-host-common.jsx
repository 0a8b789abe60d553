// aerpc host library: helpers shared by the host functions (ExtendScript, ES3).
//
// The host library is plain ExtendScript loaded after the generated dispatcher
// (generated/cep/aerpc-host.jsx), which calls each host function with one params object and
// serialises its return value. These files hold only function declarations, so they can be
// concatenated in any order. Private helpers are prefixed `_aerpc_`; the public functions are
// named by the schema's x-host-function. Errors are the schema's, made by the dispatcher's
// AerpcErrors helpers; the JSON codec is the dispatcher's __aerpc_json.
//
// Conventions: `var` at the top of each function, no nested redeclaration of a name, no
// ES5 library calls (no Array.prototype.indexOf/forEach, Object.keys, String.prototype.trim,
// JSON), ids compared by value (never DOM objects by identity), and every undo group opened
// through _aerpc_undoGroup, which closes it also when the body throws.

/**
 * Runs `body` inside one After Effects undo group; the group is closed even when body throws.
 * @template T
 * @param {string} name
 * @param {function(): T} body
 * @returns {T}
 */
function _aerpc_undoGroup(name, body) {
    app.beginUndoGroup(name);
    try {
        return body();
    } finally {
        app.endUndoGroup();
    }
}

/**
 * The message of a caught exception, whatever was thrown.
 * @param {*} e
 * @returns {string}
 */
function _aerpc_message(e) {
    if (e !== null && typeof e === "object" && e.message !== undefined) {
        return String(e.message);
    }
    return String(e);
}

/**
 * True for an error made by the dispatcher's AerpcErrors helpers (a declared error).
 * @param {*} e
 * @returns {boolean}
 */
function _aerpc_isDeclared(e) {
    return e !== null && typeof e === "object" && e.name === "AerpcError";
}

/**
 * `{<key>: value}`, for error data naming the parameter at fault.
 * @param {string} key
 * @param {*} value
 * @returns {Object<string, *>}
 */
function _aerpc_data(key, value) {
    /** @type {Object<string, *>} */
    var data = {};
    data[key] = value;
    return data;
}

/**
 * Object.prototype.hasOwnProperty, safe for data that has a key named "hasOwnProperty".
 * @param {Object} object
 * @param {string} key
 * @returns {boolean}
 */
function _aerpc_hasOwn(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key);
}

/**
 * True when the param is given (not absent, not null).
 * @param {*} value
 * @returns {boolean}
 */
function _aerpc_given(value) {
    return value !== undefined && value !== null;
}

/**
 * The project item with this id, or null. itemByID is wrapped because After Effects versions
 * differ in whether an unknown id returns null or throws.
 * @param {number} id
 * @returns {_ItemClasses | null}
 */
function _aerpc_findItem(id) {
    var item = null;
    try {
        item = app.project.itemByID(id);
    } catch (e) {
        item = null;
    }
    return item === undefined ? null : item;
}

/**
 * The project item with this id; ItemNotFound when there is none.
 * @param {number} id
 * @param {string} param the parameter name, for the error data
 * @returns {_ItemClasses}
 */
function _aerpc_item(id, param) {
    var item = _aerpc_findItem(id);
    if (item === null) {
        throw AerpcErrors.ItemNotFound("no project item with id " + id + " (" + param + ")",
            _aerpc_data(param, id));
    }
    return item;
}

/**
 * The composition with this id; ItemNotFound or NotAComposition.
 * @param {number} id
 * @param {string} param
 * @returns {CompItem}
 */
function _aerpc_comp(id, param) {
    var item = _aerpc_item(id, param);
    if (!(item instanceof CompItem)) {
        throw AerpcErrors.NotAComposition("item " + id + " (" + item.name + ") is a " +
            _aerpc_itemType(item) + ", not a composition", _aerpc_data(param, id));
    }
    return item;
}

/**
 * The folder with this id; ItemNotFound or InvalidItemType.
 * @param {number} id
 * @param {string} param
 * @returns {FolderItem}
 */
function _aerpc_folder(id, param) {
    var item = _aerpc_item(id, param);
    if (!(item instanceof FolderItem)) {
        throw AerpcErrors.InvalidItemType("item " + id + " (" + item.name + ") is a " +
            _aerpc_itemType(item) + ", not a folder", _aerpc_data(param, id));
    }
    return item;
}

/**
 * The schema's ItemType of a project item.
 * @param {_ItemClasses} item
 * @returns {AerpcHost.ItemType}
 */
function _aerpc_itemType(item) {
    if (item instanceof CompItem) {
        return "comp";
    }
    if (item instanceof FolderItem) {
        return "folder";
    }
    return "footage";
}

/**
 * Id of the item's parent folder; null for the project's root folder.
 * @param {_ItemClasses} item
 * @returns {number | null}
 */
function _aerpc_parentFolderId(item) {
    var parent = item.parentFolder;
    if (parent === null || parent === undefined || parent.id === app.project.rootFolder.id) {
        return null;
    }
    return parent.id;
}

/**
 * The ProjectItem record of an item.
 * @param {_ItemClasses} item
 * @returns {AerpcHost.ProjectItem}
 */
function _aerpc_projectItem(item) {
    /** @type {number[]} */
    var comps = [];
    /** @type {string | null} */
    var path = null;
    /** @type {CompItem[]} */
    var used = [];
    var i;
    if (item instanceof CompItem) {
        used = item.usedIn;
    } else if (item instanceof FootageItem) {
        used = item.usedIn;
        if (item.file !== null && item.file !== undefined) {
            path = item.file.fsName;
        }
    }
    for (i = 0; i < used.length; i += 1) {
        comps.push(used[i].id);
    }
    return {
        id: item.id,
        name: item.name,
        type: _aerpc_itemType(item),
        path: path,
        containing_comps: comps,
        parent_folder_id: _aerpc_parentFolderId(item)
    };
}

/**
 * Keeps the items whose kind is requested.
 * @param {_ItemClasses} item
 * @param {{comps?: boolean, folders?: boolean, footages?: boolean}} flags
 * @returns {boolean}
 */
function _aerpc_wanted(item, flags) {
    if (item instanceof CompItem) {
        return flags.comps === true;
    }
    if (item instanceof FolderItem) {
        return flags.folders === true;
    }
    return flags.footages === true;
}

/**
 * A File for `path` that exists; FileNotFound otherwise.
 * @param {string} path
 * @param {string} param
 * @returns {File}
 */
function _aerpc_existingFile(path, param) {
    var file = new File(path);
    if (!file.exists) {
        throw AerpcErrors.FileNotFound("no such file: " + file.fsName + " (" + param + ")",
            _aerpc_data(param, path));
    }
    return file;
}

/**
 * The decoded file name of a File (File.name is URI-encoded: "a%20b.mov").
 * @param {File} file
 * @returns {string}
 */
function _aerpc_fileName(file) {
    return File.decode(file.name);
}

/**
 * The decoded file name without its last extension ("bg_v002.png" -> "bg_v002").
 * @param {File} file
 * @returns {string}
 */
function _aerpc_baseName(file) {
    var name = _aerpc_fileName(file);
    var dot = name.lastIndexOf(".");
    return dot > 0 ? name.substring(0, dot) : name;
}

/**
 * A folder that exists (created with its parents when missing), or null when it can't be.
 * @param {string} path
 * @returns {Folder | null}
 */
function _aerpc_ensureFolder(path) {
    var folder = new Folder(path);
    if (!folder.exists && !folder.create()) {
        return null;
    }
    return folder.exists ? folder : null;
}

/**
 * The comp's first frame number (displayStartTime in frames; AE 16 has no displayStartFrame).
 * @param {CompItem} comp
 * @returns {number}
 */
function _aerpc_startFrame(comp) {
    return Math.round(comp.displayStartTime * comp.frameRate);
}

/**
 * True when composition `comp` shows the comp with id `targetId`, directly or nested.
 * @param {CompItem} comp
 * @param {number} targetId
 * @returns {boolean}
 */
function _aerpc_compContains(comp, targetId) {
    /** @type {Object<string, boolean>} */
    var seen = {};
    /** @type {CompItem[]} */
    var pending = [comp];
    var current;
    var layer;
    var source;
    var i;
    while (pending.length > 0) {
        current = pending.pop();
        if (current === undefined) {
            break;
        }
        for (i = 1; i <= current.numLayers; i += 1) {
            layer = current.layer(i);
            source = layer instanceof AVLayer ? layer.source : null;
            if (source instanceof CompItem && !seen[String(source.id)]) {
                if (source.id === targetId) {
                    return true;
                }
                seen[String(source.id)] = true;
                pending.push(source);
            }
        }
    }
    return false;
}

/**
 * Removes the items (newest first) that a failed call created, so nothing is half-applied.
 * @param {_ItemClasses[]} created
 */
function _aerpc_removeCreated(created) {
    var i;
    for (i = created.length - 1; i >= 0; i -= 1) {
        try {
            if (isValid(created[i])) {
                created[i].remove();
            }
        } catch (ignored) {
            // best effort: the original error is what the caller needs to see
        }
    }
}
