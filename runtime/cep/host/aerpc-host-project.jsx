// aerpc host library: the project file, the application and scripts (ExtendScript, ES3).

/**
 * Whether the project has unsaved changes: Project.dirty (After Effects 17.5 and later), or
 * null when this After Effects does not report it.
 * @returns {boolean | null}
 */
function _aerpc_isDirty() {
    // Read through an untyped view: the attribute is missing from the typings of the oldest
    // After Effects the extension supports (16.0), where it reads as undefined.
    /** @type {{dirty?: *}} */
    var project = /** @type {*} */ (app.project);
    var dirty = project.dirty;
    return typeof dirty === "boolean" ? dirty : null;
}

/**
 * Saves the project to `file` (the project then refers to it); SaveFailed on failure.
 * @param {File} file
 */
function _aerpc_saveTo(file) {
    try {
        app.project.save(file);
    } catch (e) {
        throw AerpcErrors.SaveFailed("After Effects could not save " + file.fsName + ": " +
            _aerpc_message(e), {path: file.fsName, reason: _aerpc_message(e)});
    }
}

/**
 * Marks the project as having unsaved changes again, with a change that leaves nothing behind
 * (a folder added and removed in one undo group): the scripting DOM has no dirty setter.
 */
function _aerpc_markDirty() {
    _aerpc_undoGroup("aerpc: keep unsaved changes", function () {
        var marker = app.project.items.addFolder("aerpc unsaved changes marker");
        marker.remove();
    });
}

/**
 * @param {File} a
 * @param {File} b
 * @returns {boolean}
 */
function _aerpc_sameFile(a, b) {
    return a.fsName === b.fsName;
}

/**
 * True when the open project may have unsaved changes: Project.dirty, or where After Effects
 * does not report it, anything but an untitled empty project.
 * @returns {boolean}
 */
function _aerpc_mayHaveUnsavedChanges() {
    var dirty = _aerpc_isDirty();
    if (dirty !== null) {
        return dirty;
    }
    return app.project.file !== null || app.project.numItems > 0;
}

/**
 * open: opens the project at `path`; UnsavedChanges when the current one has unsaved changes,
 * unless discard_unsaved says to drop them.
 * @param {AerpcHost.Params.open} params
 * @returns {AerpcHost.Result.open}
 */
function open(params) {
    var file = _aerpc_existingFile(params.path, "path");
    var current = app.project.file;
    /** @type {Project | null} */
    var opened = null;
    var reason = "";
    if (!/\.(aep|aepx|aet)$/i.test(file.fsName)) {
        throw AerpcErrors.OpenFailed("not an After Effects project file: " + file.fsName,
            {path: file.fsName});
    }
    if (params.discard_unsaved !== true && _aerpc_mayHaveUnsavedChanges()) {
        throw AerpcErrors.UnsavedChanges("not opening " + file.fsName + ": the current project " +
            (current === null ? "(untitled)" : current.fsName) + " has unsaved changes; save it first, " +
            "or pass discard_unsaved true to drop them",
            {path: file.fsName, current: current === null ? null : current.fsName});
    }
    app.beginSuppressDialogs();
    try {
        // Closing first, without saving, keeps app.open from asking about unsaved changes.
        app.project.close(CloseOptions.DO_NOT_SAVE_CHANGES);
        try {
            opened = app.open(file);
        } catch (e) {
            reason = _aerpc_message(e);
            opened = null;
        }
    } finally {
        app.endSuppressDialogs(false);
    }
    if (opened === null || opened === undefined) {
        throw AerpcErrors.OpenFailed("After Effects could not open " + file.fsName +
            (reason === "" ? "" : ": " + reason) + " (the previous project was closed without saving)",
            {path: file.fsName, reason: reason});
    }
    return null;
}

/**
 * save: saves the project in place.
 * @param {AerpcHost.Params.save} params
 * @returns {AerpcHost.Result.save}
 */
function save(params) {
    var file = app.project.file;
    if (file === null) {
        throw AerpcErrors.NoDocumentOpen("the project is untitled (never saved); use save_as", null);
    }
    _aerpc_saveTo(file);
    return null;
}

/**
 * save_as: writes the project to `path`. With as_copy the open project keeps its file and its
 * unsaved-changes state (Save a Copy). After Effects' DOM only has Project.save(file), which
 * also re-points the project, so a copy is made as: back up the current file's bytes, save to
 * `path` (the copy), save to the current file again (re-point), restore the backed-up bytes
 * (the current file on disk is as before), and mark the project dirty again if it was.
 * @param {AerpcHost.Params.saveAs} params
 * @returns {AerpcHost.Result.saveAs}
 */
function saveAs(params) {
    var target = new File(params.path);
    var current = app.project.file;
    var folder = target.parent;
    var wasDirty;
    var backup;
    var hadOriginal;
    var repointed = false;
    if (folder === null || !folder.exists) {
        throw AerpcErrors.SaveFailed("the folder of " + target.fsName + " does not exist",
            {path: target.fsName});
    }
    if (params.as_copy !== true) {
        _aerpc_saveTo(target);
        return null;
    }
    if (current === null) {
        throw AerpcErrors.SaveFailed("cannot save a copy to " + target.fsName + ": as_copy needs a " +
            "project that has a file; this one is untitled, and saving it anywhere makes that its " +
            "file (use as_copy false)",
            {path: target.fsName});
    }
    if (_aerpc_sameFile(current, target)) {
        _aerpc_saveTo(current);
        return null;
    }
    wasDirty = _aerpc_isDirty() !== false;
    hadOriginal = current.exists;
    backup = new File(Folder.temp.fsName + "/aerpc-save-copy-" + new Date().getTime() + "-" +
        Math.floor(Math.random() * 1000000) + ".aep");
    if (hadOriginal && !current.copy(backup.fsName)) {
        throw AerpcErrors.SaveFailed("could not back up " + current.fsName + " before writing the copy",
            {path: target.fsName});
    }
    try {
        _aerpc_saveTo(target);
        try {
            app.project.save(current);
            repointed = true;
        } catch (e) {
            throw AerpcErrors.SaveFailed("the copy " + target.fsName + " was written, but the " +
                "project could not be re-pointed at " + current.fsName + " and now refers to the copy: " +
                _aerpc_message(e), {path: target.fsName, reason: _aerpc_message(e)});
        }
    } finally {
        if (repointed) {
            if (hadOriginal) {
                backup.copy(current.fsName);
            } else {
                current.remove();
            }
        }
        if (hadOriginal) {
            backup.remove();
        }
    }
    if (wasDirty) {
        _aerpc_markDirty();
    }
    return null;
}

/**
 * get_active_document_full_name
 * @param {AerpcHost.Params.getActiveDocumentFullName} params
 * @returns {AerpcHost.Result.getActiveDocumentFullName}
 */
function getActiveDocumentFullName(params) {
    var file = app.project.file;
    if (file === null) {
        throw AerpcErrors.NoDocumentOpen("the project is untitled (never saved)", null);
    }
    return file.fsName;
}

/**
 * get_active_document_name
 * @param {AerpcHost.Params.getActiveDocumentName} params
 * @returns {AerpcHost.Result.getActiveDocumentName}
 */
function getActiveDocumentName(params) {
    var file = app.project.file;
    if (file === null) {
        throw AerpcErrors.NoDocumentOpen("the project is untitled (never saved)", null);
    }
    return _aerpc_fileName(file);
}

/**
 * get_project_state
 * @param {AerpcHost.Params.getProjectState} params
 * @returns {AerpcHost.Result.getProjectState}
 */
function getProjectState(params) {
    var project = app.project;
    var file = project.file;
    var dirty = _aerpc_isDirty();
    var active = project.activeItem;
    var isOpen = file !== null;
    return {
        is_open: isOpen,
        is_saved: dirty === false && (isOpen || project.numItems === 0),
        full_name: file === null ? null : file.fsName,
        name: file === null ? null : _aerpc_fileName(file),
        num_items: project.numItems,
        bits_per_channel: /** @type {8 | 16 | 32} */ (project.bitsPerChannel),
        active_comp_id: active instanceof CompItem ? active.id : null
    };
}

/**
 * get_app_version
 * @param {AerpcHost.Params.getAppVersion} params
 * @returns {AerpcHost.Result.getAppVersion}
 */
function getAppVersion(params) {
    return String(app.version);
}

/**
 * close: closes the project without saving, then quits After Effects. The quit is scheduled,
 * so this call returns (and the panel sends the reply) before After Effects goes away.
 * @param {AerpcHost.Params.close} params
 * @returns {AerpcHost.Result.close}
 */
function close(params) {
    app.project.close(CloseOptions.DO_NOT_SAVE_CHANGES);
    app.scheduleTask("app.quit();", 500, false);
    return null;
}

/**
 * print_msg: a modal alert; returns when the artist dismisses it.
 * @param {AerpcHost.Params.printMsg} params
 * @returns {AerpcHost.Result.printMsg}
 */
function printMsg(params) {
    alert(params.msg);
    return null;
}

/**
 * The line number an ExtendScript error reports, or null.
 * @param {*} e
 * @returns {number | null}
 */
function _aerpc_errorLine(e) {
    return e !== null && typeof e === "object" && typeof e.line === "number" ? e.line : null;
}

/**
 * An object's class name, as ExtendScript's reflection interface reports it
 * (`value.reflect.name`: "CompItem", "File", "Object"); the class in `kind`
 * ("[object Array]") when the object has no reflection (or reading it throws).
 * @param {*} value
 * @param {string} kind Object.prototype.toString of the value
 * @returns {string}
 */
function _aerpc_className(value, kind) {
    var reflection;
    try {
        reflection = value.reflect;
        if (reflection !== null && typeof reflection === "object" && typeof reflection.name === "string" &&
                reflection.name !== "") {
            return reflection.name;
        }
    } catch (ignored) {
        // an object that is no longer valid: fall back to its built-in class
    }
    return kind.substring(8, kind.length - 1);
}

/**
 * The short description of an After Effects (host) object: "[CompItem 12 sh010_comp]". Its id
 * and name are read when it has them; a read that throws (an invalid object) is skipped.
 * @param {*} value
 * @param {string} type its class name
 * @returns {string}
 */
function _aerpc_describeObject(value, type) {
    var text = "[" + type;
    var id = null;
    var name = null;
    try {
        id = typeof value.id === "number" ? value.id : null;
        name = typeof value.name === "string" ? value.name : null;
    } catch (ignored) {
        // an object that is no longer valid: its class is all there is to say
    }
    if (id !== null) {
        text += " " + id;
    }
    if (name !== null) {
        text += " " + name;
    }
    return text + "]";
}

/**
 * A JSON-ready copy of a script's value: arrays and plain objects copied, host objects (an
 * item, a layer, a File) replaced by their short description, never walked, so After Effects'
 * fresh wrapper per access can not make it endless. ScriptFailed past `limits.depth` levels or
 * `limits.values` values in all.
 * @param {*} value
 * @param {number} depth
 * @param {{depth: number, values: number, count: number, path: string}} limits
 * @returns {*}
 */
function _aerpc_scriptValue(value, depth, limits) {
    var type = typeof value;
    var kind;
    var className;
    /** @type {*} */
    var copy;
    var key;
    var i;
    limits.count += 1;
    if (limits.count > limits.values) {
        throw AerpcErrors.ScriptFailed(limits.path + " ran, but its value has more than " + limits.values +
            " values; return less", {path: limits.path, message: "value too large", line: null});
    }
    if (value === null || type === "string" || type === "number" || type === "boolean") {
        return value;
    }
    if (type !== "object") {
        return undefined;
    }
    if (depth >= limits.depth) {
        throw AerpcErrors.ScriptFailed(limits.path + " ran, but its value is nested deeper than " +
            limits.depth + " levels (a cycle?)", {path: limits.path, message: "value nested too deeply", line: null});
    }
    kind = Object.prototype.toString.call(value);
    if (kind === "[object Array]") {
        copy = [];
        for (i = 0; i < value.length; i += 1) {
            copy.push(_aerpc_scriptValue(value[i], depth + 1, limits));
        }
        return copy;
    }
    if (kind === "[object String]" || kind === "[object Number]" || kind === "[object Boolean]" ||
            kind === "[object Date]") {
        return value;
    }
    className = _aerpc_className(value, kind);
    if (className !== "Object") {
        return _aerpc_describeObject(value, className);
    }
    copy = {};
    for (key in value) {
        if (_aerpc_hasOwn(value, key)) {
            copy[key] = _aerpc_scriptValue(value[key], depth + 1, limits);
        }
    }
    return copy;
}

/**
 * run_jsx_file: evaluates a script file and returns its completion value as JSON.
 * @param {AerpcHost.Params.runJsxFile} params
 * @returns {AerpcHost.Result.runJsxFile}
 */
function runJsxFile(params) {
    var file = _aerpc_existingFile(params.path, "path");
    /** @type {*} */
    var value;
    try {
        value = $.evalFile(file);
    } catch (e) {
        throw AerpcErrors.ScriptFailed(file.fsName + ": " + _aerpc_message(e), {
            path: file.fsName,
            message: _aerpc_message(e),
            line: _aerpc_errorLine(e)
        });
    }
    if (value === undefined || value === null) {
        return null;
    }
    value = _aerpc_scriptValue(value, 0, {depth: 64, values: 100000, count: 0, path: file.fsName});
    return value === undefined ? null : value;
}
