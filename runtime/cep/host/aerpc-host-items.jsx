// aerpc host library: project items (ExtendScript, ES3).

/**
 * get_items: the items of the requested kinds, in Project-panel order.
 * @param {AerpcHost.Params.getItems} params
 * @returns {AerpcHost.Result.getItems}
 */
function getItems(params) {
    /** @type {AerpcHost.ProjectItem[]} */
    var out = [];
    var project = app.project;
    var count = project.numItems;
    var item;
    var i;
    if (params.comps !== true && params.folders !== true && params.footages !== true) {
        return out;
    }
    for (i = 1; i <= count; i += 1) {
        item = project.item(i);
        if (_aerpc_wanted(item, params)) {
            out.push(_aerpc_projectItem(item));
        }
    }
    return out;
}

/**
 * get_selected_items: the selected items of the requested kinds, in selection order.
 * @param {AerpcHost.Params.getSelectedItems} params
 * @returns {AerpcHost.Result.getSelectedItems}
 */
function getSelectedItems(params) {
    /** @type {AerpcHost.ProjectItem[]} */
    var out = [];
    var selection = app.project.selection;
    var i;
    for (i = 0; i < selection.length; i += 1) {
        if (_aerpc_wanted(selection[i], params)) {
            out.push(_aerpc_projectItem(selection[i]));
        }
    }
    return out;
}

/**
 * select_items: selects exactly these items. Unknown ids fail before anything changes.
 * @param {AerpcHost.Params.selectItems} params
 * @returns {AerpcHost.Result.selectItems}
 */
function selectItems(params) {
    /** @type {Object<string, boolean>} */
    var wanted = {};
    var ids = params.item_ids;
    var project = app.project;
    var count;
    var item;
    var want;
    var i;
    for (i = 0; i < ids.length; i += 1) {
        _aerpc_item(ids[i], "item_ids");
        wanted[String(ids[i])] = true;
    }
    count = project.numItems;
    for (i = 1; i <= count; i += 1) {
        item = project.item(i);
        want = wanted[String(item.id)] === true;
        if (item.selected !== want) {
            item.selected = want;
        }
    }
    return null;
}

/**
 * add_item: a new composition (placeholder settings) or folder in the root folder.
 * @param {AerpcHost.Params.addItem} params
 * @returns {AerpcHost.Result.addItem}
 */
function addItem(params) {
    var kind = params.item_type;
    var name = params.name;
    return _aerpc_undoGroup("aerpc: add " + kind + " " + name, function () {
        if (kind === "comp") {
            return app.project.items.addComp(name, 1920, 1080, 1, 10, 25).id;
        }
        if (kind === "folder") {
            return app.project.items.addFolder(name).id;
        }
        throw new Error("add_item: unknown item_type " + kind);
    });
}

/**
 * The ImportAsType value for the schema's name.
 * @param {AerpcHost.ImportAsType} name
 * @returns {ImportAsType}
 */
function _aerpc_importAsType(name) {
    if (name === "comp") {
        return ImportAsType.COMP;
    }
    if (name === "comp_cropped_layers") {
        return ImportAsType.COMP_CROPPED_LAYERS;
    }
    if (name === "project") {
        return ImportAsType.PROJECT;
    }
    return ImportAsType.FOOTAGE;
}

/**
 * ImportOptions for a file that After Effects can import as `type`; ImportFailed otherwise.
 * @param {File} file
 * @param {ImportAsType} type
 * @param {string} typeName
 * @returns {ImportOptions}
 */
function _aerpc_importOptions(file, type, typeName) {
    var options;
    try {
        options = new ImportOptions(file);
    } catch (e) {
        throw AerpcErrors.ImportFailed("After Effects can not import " + file.fsName + ": " +
            _aerpc_message(e), {path: file.fsName, reason: _aerpc_message(e)});
    }
    if (!options.canImportAs(type)) {
        throw AerpcErrors.ImportFailed(file.fsName + " can not be imported as " + typeName,
            {path: file.fsName, import_as: typeName});
    }
    options.importAs = type;
    return options;
}

/**
 * Project.importFile; ImportFailed with After Effects' reason when it throws.
 * @param {ImportOptions} options
 * @returns {_ItemClasses}
 */
function _aerpc_runImport(options) {
    try {
        return app.project.importFile(options);
    } catch (e) {
        throw AerpcErrors.ImportFailed("After Effects could not import " + options.file.fsName + ": " +
            _aerpc_message(e), {path: options.file.fsName, reason: _aerpc_message(e)});
    }
}

/**
 * Imports a file as footage named `name`, labelled green (9); for backgrounds.
 * @param {File} file
 * @param {string} name
 * @returns {FootageItem}
 */
function _aerpc_importFootage(file, name) {
    var item = _aerpc_runImport(_aerpc_importOptions(file, ImportAsType.FOOTAGE, "footage"));
    if (!(item instanceof FootageItem)) {
        _aerpc_removeCreated([item]);
        throw AerpcErrors.ImportFailed(file.fsName + " was not imported as footage", {path: file.fsName});
    }
    item.name = name;
    item.label = 9;
    return item;
}

/**
 * import_file
 * @param {AerpcHost.Params.importFile} params
 * @returns {AerpcHost.Result.importFile}
 */
function importFile(params) {
    var file = _aerpc_existingFile(params.path, "path");
    /** @type {AerpcHost.ImportOptions} */
    var settings = params.import_options !== undefined && params.import_options !== null ?
        params.import_options : {};
    /** @type {AerpcHost.ImportAsType} */
    var asName = settings.import_as !== undefined ? settings.import_as : "footage";
    /** @type {FolderItem | null} */
    var folder = null;
    /** @type {ImportOptions} */
    var options;
    if (_aerpc_given(params.parent_folder_id)) {
        folder = _aerpc_folder(Number(params.parent_folder_id), "parent_folder_id");
    }
    options = _aerpc_importOptions(file, _aerpc_importAsType(asName), asName);
    if (settings.sequence !== undefined) {
        options.sequence = settings.sequence === true;
    }
    return _aerpc_undoGroup("aerpc: import " + params.name, function () {
        var item = _aerpc_runImport(options);
        try {
            if (_aerpc_given(settings.fps) && item instanceof FootageItem &&
                    !item.mainSource.isStill) {
                item.mainSource.conformFrameRate = Number(settings.fps);
            }
            item.name = params.name;
            item.label = 9;
            // File > Import puts the item into the folder selected in the Project panel;
            // without parent_folder_id it belongs in the root folder.
            item.parentFolder = folder !== null ? folder : app.project.rootFolder;
        } catch (e) {
            _aerpc_removeCreated([item]);
            throw AerpcErrors.ImportFailed("imported " + file.fsName + " but could not set it up: " +
                _aerpc_message(e), {path: file.fsName, reason: _aerpc_message(e)});
        }
        return {id: item.id, name: item.name};
    });
}

/**
 * True for footage whose source is an image sequence (replace it with replaceWithSequence).
 * @param {FootageItem} item
 * @returns {boolean}
 */
function _aerpc_isSequence(item) {
    var source = item.mainSource;
    if (!(source instanceof FileSource) || source.isStill || !item.hasVideo || source.file === null) {
        return false;
    }
    return /\.(ai|bmp|bw|cin|cr2|crw|dcr|dng|dib|dpx|eps|erf|exr|gif|hdr|ico|icb|iff|jpe|jpeg|jpg|mos|mrw|nef|orf|pbm|pef|pct|pcx|pdf|pic|pict|png|ps|psd|pxr|raf|raw|rgb|rgbe|rla|rle|rpf|sgi|srf|tdi|tga|tif|tiff|vda|vst|x3f|xyze)$/i
        .test(source.file.fsName);
}

/**
 * Points footage at a new file (a sequence stays a sequence); ImportFailed on failure.
 * @param {FootageItem} item
 * @param {File} file
 */
function _aerpc_replaceFootage(item, file) {
    try {
        if (_aerpc_isSequence(item)) {
            item.replaceWithSequence(file, false);
        } else {
            item.replace(file);
        }
    } catch (e) {
        throw AerpcErrors.ImportFailed("After Effects could not replace the source of " + item.name +
            " with " + file.fsName + ": " + _aerpc_message(e), {path: file.fsName, reason: _aerpc_message(e)});
    }
}

/**
 * The footage item with this id; ItemNotFound or InvalidItemType.
 * @param {number} id
 * @param {string} param
 * @returns {FootageItem}
 */
function _aerpc_footage(id, param) {
    var item = _aerpc_item(id, param);
    if (!(item instanceof FootageItem)) {
        throw AerpcErrors.InvalidItemType("item " + id + " (" + item.name + ") is a " +
            _aerpc_itemType(item) + ", not footage", _aerpc_data(param, id));
    }
    return item;
}

/**
 * replace_item
 * @param {AerpcHost.Params.replaceItem} params
 * @returns {AerpcHost.Result.replaceItem}
 */
function replaceItem(params) {
    var item = _aerpc_footage(params.item_id, "item_id");
    var file = _aerpc_existingFile(params.path, "path");
    _aerpc_undoGroup("aerpc: replace " + item.name, function () {
        _aerpc_replaceFootage(item, file);
        item.name = params.name;
    });
    return null;
}

/**
 * rename_item
 * @param {AerpcHost.Params.renameItem} params
 * @returns {AerpcHost.Result.renameItem}
 */
function renameItem(params) {
    var item = _aerpc_item(params.item_id, "item_id");
    _aerpc_undoGroup("aerpc: rename " + item.name, function () {
        item.name = params.name;
    });
    return null;
}

/**
 * delete_item
 * @param {AerpcHost.Params.deleteItem} params
 * @returns {AerpcHost.Result.deleteItem}
 */
function deleteItem(params) {
    var item = _aerpc_item(params.item_id, "item_id");
    _aerpc_undoGroup("aerpc: delete " + item.name, function () {
        item.remove();
    });
    return null;
}

/**
 * set_label_color
 * @param {AerpcHost.Params.setLabelColor} params
 * @returns {AerpcHost.Result.setLabelColor}
 */
function setLabelColor(params) {
    var item = _aerpc_item(params.item_id, "item_id");
    _aerpc_undoGroup("aerpc: label " + item.name, function () {
        item.label = params.label;
    });
    return null;
}

/**
 * add_placeholder: a PlaceholderItem for the workfile-template builder.
 * @param {AerpcHost.Params.addPlaceholder} params
 * @returns {AerpcHost.Result.addPlaceholder}
 */
function addPlaceholder(params) {
    return _aerpc_undoGroup("aerpc: add placeholder " + params.name, function () {
        try {
            return app.project.importPlaceholder(params.name, params.width, params.height,
                params.frame_rate, params.duration).id;
        } catch (e) {
            throw AerpcErrors.ImportFailed("After Effects could not create placeholder " + params.name +
                ": " + _aerpc_message(e), {name: params.name, reason: _aerpc_message(e)});
        }
    });
}
