// aerpc host library: compositions and layers (ExtendScript, ES3).

/**
 * get_comp_properties
 * @param {AerpcHost.Params.getCompProperties} params
 * @returns {AerpcHost.Result.getCompProperties}
 */
function getCompProperties(params) {
    var comp = _aerpc_comp(params.comp_id, "comp_id");
    return {
        id: comp.id,
        name: comp.name,
        frame_start: _aerpc_startFrame(comp),
        frames_duration: Math.round(comp.duration * comp.frameRate),
        frame_rate: comp.frameRate,
        width: comp.width,
        height: comp.height,
        pixel_aspect: comp.pixelAspect
    };
}

/**
 * `value` moved by (dx, dy); a 3D value keeps its z.
 * @param {number[]} value
 * @param {number} dx
 * @param {number} dy
 * @returns {[number, number] | [number, number, number]}
 */
function _aerpc_offset(value, dx, dy) {
    if (value.length > 2) {
        return [value[0] + dx, value[1] + dy, value[2]];
    }
    return [value[0] + dx, value[1] + dy];
}

/**
 * Adds `delta` to a one-dimensional property (static value or every keyframe).
 * @param {Property<OneDType>} prop
 * @param {number} delta
 */
function _aerpc_shiftOneD(prop, delta) {
    var k;
    if (prop.numKeys > 0) {
        for (k = 1; k <= prop.numKeys; k += 1) {
            prop.setValueAtKey(k, prop.keyValue(k) + delta);
        }
    } else {
        prop.setValue(prop.value + delta);
    }
}

/**
 * Moves every top-level layer (layers with a parent move with it) by (dx, dy): each keyframe of
 * Position, or its static value, so the content stays centred after a size change.
 * @param {CompItem} comp
 * @param {number} dx
 * @param {number} dy
 */
function _aerpc_shiftLayers(comp, dx, dy) {
    var layer;
    var position;
    var locked;
    var i;
    var k;
    for (i = 1; i <= comp.numLayers; i += 1) {
        layer = comp.layer(i);
        if (layer.parent !== null) {
            continue;
        }
        locked = layer.locked;
        if (locked) {
            layer.locked = false;
        }
        try {
            position = layer.position;
            if (position.dimensionsSeparated) {
                _aerpc_shiftOneD(position.getSeparationFollower(0), dx);
                _aerpc_shiftOneD(position.getSeparationFollower(1), dy);
            } else if (position.numKeys > 0) {
                for (k = 1; k <= position.numKeys; k += 1) {
                    position.setValueAtKey(k, _aerpc_offset(position.keyValue(k), dx, dy));
                }
            } else {
                position.setValue(_aerpc_offset(position.value, dx, dy));
            }
        } finally {
            if (locked) {
                layer.locked = true;
            }
        }
    }
}

/**
 * set_comp_properties: each given value is applied on its own (0 is a value). Frame numbers
 * that are not given keep their value: with only a new frame rate, the first frame and the
 * length in frames stay the same.
 * @param {AerpcHost.Params.setCompProperties} params
 * @returns {AerpcHost.Result.setCompProperties}
 */
function setCompProperties(params) {
    var comp = _aerpc_comp(params.comp_id, "comp_id");
    _aerpc_undoGroup("aerpc: set comp properties of " + comp.name, function () {
        var oldRate = comp.frameRate;
        var oldStart = _aerpc_startFrame(comp);
        var oldFrames = Math.round(comp.duration * oldRate);
        var rate = oldRate;
        var start = oldStart;
        var frames = oldFrames;
        var dx = 0;
        var dy = 0;
        if (_aerpc_given(params.frame_rate) && params.frame_rate !== oldRate) {
            rate = Number(params.frame_rate);
            comp.frameRate = rate;
        }
        if (_aerpc_given(params.frames_duration)) {
            frames = Number(params.frames_duration);
        }
        if (_aerpc_given(params.frame_start)) {
            start = Number(params.frame_start);
        }
        if (frames !== oldFrames || rate !== oldRate) {
            comp.duration = frames / rate;
        }
        if (start !== oldStart || rate !== oldRate) {
            comp.displayStartTime = start / rate;
        }
        if (_aerpc_given(params.width) && params.width !== comp.width) {
            dx = (Number(params.width) - comp.width) / 2;
            comp.width = Number(params.width);
        }
        if (_aerpc_given(params.height) && params.height !== comp.height) {
            dy = (Number(params.height) - comp.height) / 2;
            comp.height = Number(params.height);
        }
        if (dx !== 0 || dy !== 0) {
            _aerpc_shiftLayers(comp, dx, dy);
        }
    });
    return null;
}

/**
 * The schema's Layer record of a layer.
 * @param {Layer} layer
 * @returns {AerpcHost.Layer}
 */
function _aerpc_layerRecord(layer) {
    /** @type {AerpcHost.LayerType} */
    var type = "other";
    /** @type {number | null} */
    var sourceId = null;
    var parent = layer.parent;
    if (layer instanceof CameraLayer) {
        type = "camera";
    } else if (layer instanceof LightLayer) {
        type = "light";
    } else if (layer instanceof TextLayer) {
        type = "text";
    } else if (layer instanceof ShapeLayer) {
        type = "shape";
    } else if (layer instanceof AVLayer) {
        if (layer.nullLayer) {
            type = "null";
        } else if (layer.adjustmentLayer) {
            type = "adjustment";
        } else {
            type = "av";
        }
        if (layer.source !== null && layer.source !== undefined) {
            sourceId = layer.source.id;
        }
    }
    return {
        index: layer.index,
        name: layer.name,
        type: type,
        enabled: layer.enabled,
        in_point: layer.inPoint,
        out_point: layer.outPoint,
        source_id: sourceId,
        parent_index: parent === null || parent === undefined ? null : parent.index
    };
}

/**
 * get_layers
 * @param {AerpcHost.Params.getLayers} params
 * @returns {AerpcHost.Result.getLayers}
 */
function getLayers(params) {
    var comp = _aerpc_comp(params.comp_id, "comp_id");
    /** @type {AerpcHost.Layer[]} */
    var out = [];
    var i;
    for (i = 1; i <= comp.numLayers; i += 1) {
        out.push(_aerpc_layerRecord(comp.layer(i)));
    }
    return out;
}

/**
 * An item that can be a layer of `comp`: footage, or a composition that does not contain
 * `comp`; InvalidItemType otherwise.
 * @param {_ItemClasses} item
 * @param {CompItem} comp
 * @param {string} param
 * @returns {CompItem | FootageItem}
 */
function _aerpc_layerSource(item, comp, param) {
    if (item instanceof FootageItem) {
        return item;
    }
    if (!(item instanceof CompItem)) {
        throw AerpcErrors.InvalidItemType("item " + item.id + " (" + item.name + ") is a folder and " +
            "can not be a layer", _aerpc_data(param, item.id));
    }
    if (item.id === comp.id || _aerpc_compContains(item, comp.id)) {
        throw AerpcErrors.InvalidItemType("composition " + item.name + " can not be a layer of " +
            comp.name + ": that would make a circular reference", _aerpc_data(param, item.id));
    }
    return item;
}

/**
 * add_item_as_layer
 * @param {AerpcHost.Params.addItemAsLayer} params
 * @returns {AerpcHost.Result.addItemAsLayer}
 */
function addItemAsLayer(params) {
    var comp = _aerpc_comp(params.comp_id, "comp_id");
    var source = _aerpc_layerSource(_aerpc_item(params.item_id, "item_id"), comp, "item_id");
    var layer = _aerpc_undoGroup("aerpc: add " + source.name + " to " + comp.name, function () {
        return comp.layers.add(source);
    });
    return _aerpc_layerRecord(layer);
}

/**
 * Copies a property's keyframes, or its static value, onto another layer's property; `map`,
 * when given, converts each value on the way.
 * @param {Property} from
 * @param {Property} to
 * @param {(function(*): *)=} map
 */
function _aerpc_copyProperty(from, to, map) {
    var k;
    if (from.numKeys > 0) {
        for (k = 1; k <= from.numKeys; k += 1) {
            to.setValueAtTime(from.keyTime(k), map === undefined ? from.keyValue(k) : map(from.keyValue(k)));
        }
    } else {
        to.setValue(map === undefined ? from.value : map(from.value));
    }
}

/**
 * A function taking an anchor point of a layer of `from` to the same relative point of a layer
 * of `to` (scaled by the ratio of their sizes), so both sit at the layer's position alike.
 * @param {AVItem} from
 * @param {AVItem} to
 * @returns {function(*): *}
 */
function _aerpc_anchorMap(from, to) {
    var sx = from.width > 0 ? to.width / from.width : 1;
    var sy = from.height > 0 ? to.height / from.height : 1;
    return function (value) {
        /** @type {number[]} */
        var out = [value[0] * sx, value[1] * sy];
        if (value.length > 2) {
            out.push(value[2]);
        }
        return out;
    };
}

/**
 * Copies a transform property named by match name when both layers have it.
 * @param {AVLayer} from
 * @param {AVLayer} to
 * @param {string} matchName
 */
function _aerpc_copyTransform(from, to, matchName) {
    var source = from.transform.property(matchName);
    var target = to.transform.property(matchName);
    if (source !== null && source !== undefined && target !== null && target !== undefined) {
        _aerpc_copyProperty(/** @type {Property} */ (source), /** @type {Property} */ (target));
    }
}

/**
 * Gives `fresh` the timing of `slot`: start time, stretch, then in and out point (in the order
 * that keeps in before out). In and out point stay as After Effects allows when the new source
 * is shorter than the placeholder's span.
 * @param {AVLayer} slot
 * @param {AVLayer} fresh
 */
function _aerpc_copyTiming(slot, fresh) {
    fresh.startTime = slot.startTime;
    fresh.stretch = slot.stretch;
    try {
        if (slot.inPoint >= fresh.outPoint) {
            fresh.outPoint = slot.outPoint;
            fresh.inPoint = slot.inPoint;
        } else {
            fresh.inPoint = slot.inPoint;
            fresh.outPoint = slot.outPoint;
        }
    } catch (ignored) {
        // the new source ends before the placeholder's out point: it keeps its own end
    }
}

/**
 * Puts `fresh` where placeholder layer `slot` is: 3D switch, parent, timing, and the transform
 * with the anchor point taken to the same relative point of the new source.
 * @param {AVLayer} slot
 * @param {AVLayer} fresh
 */
function _aerpc_takePlace(slot, fresh) {
    fresh.moveAfter(slot);
    fresh.threeDLayer = slot.threeDLayer;
    fresh.parent = slot.parent;
    _aerpc_copyTiming(slot, fresh);
    _aerpc_copyProperty(slot.anchorPoint, fresh.anchorPoint,
        _aerpc_anchorMap(/** @type {AVItem} */ (slot.source), /** @type {AVItem} */ (fresh.source)));
    _aerpc_copyProperty(slot.position, fresh.position);
    _aerpc_copyProperty(slot.scale, fresh.scale);
    _aerpc_copyProperty(slot.rotation, fresh.rotation);
    _aerpc_copyProperty(slot.opacity, fresh.opacity);
    if (slot.threeDLayer) {
        _aerpc_copyTransform(slot, fresh, "ADBE Orientation");
        _aerpc_copyTransform(slot, fresh, "ADBE Rotate X");
        _aerpc_copyTransform(slot, fresh, "ADBE Rotate Y");
    }
}

/**
 * add_item_instead_placeholder: below every layer that shows the placeholder, a new layer of
 * the loaded item in the placeholder layer's place (see _aerpc_takePlace).
 * @param {AerpcHost.Params.addItemInsteadPlaceholder} params
 * @returns {AerpcHost.Result.addItemInsteadPlaceholder}
 */
function addItemInsteadPlaceholder(params) {
    var placeholder = _aerpc_item(params.placeholder_item_id, "placeholder_item_id");
    var item = _aerpc_item(params.item_id, "item_id");
    var placeholderId = placeholder.id;
    /** @type {CompItem[]} */
    var comps = [];
    /** @type {AVLayer[][]} */
    var slots = [];
    /** @type {AVLayer[]} */
    var found;
    var project = app.project;
    var candidate;
    var layer;
    var c;
    var l;
    if (!(placeholder instanceof FootageItem)) {
        throw AerpcErrors.InvalidItemType("item " + placeholderId + " (" + placeholder.name + ") is a " +
            _aerpc_itemType(placeholder) + ", not a placeholder footage item", {placeholder_item_id: placeholderId});
    }
    // Find every slot first, and refuse before changing anything.
    for (c = 1; c <= project.numItems; c += 1) {
        candidate = project.item(c);
        if (!(candidate instanceof CompItem)) {
            continue;
        }
        found = [];
        for (l = 1; l <= candidate.numLayers; l += 1) {
            layer = candidate.layer(l);
            if (layer instanceof AVLayer && layer.source !== null && layer.source !== undefined &&
                    layer.source.id === placeholderId) {
                found.push(layer);
            }
        }
        if (found.length > 0) {
            _aerpc_layerSource(item, candidate, "item_id");
            comps.push(candidate);
            slots.push(found);
        }
    }
    if (comps.length === 0) {
        if (!(item instanceof FootageItem) && !(item instanceof CompItem)) {
            throw AerpcErrors.InvalidItemType("item " + item.id + " (" + item.name + ") is a folder and " +
                "can not be a layer", {item_id: item.id});
        }
        return 0;
    }
    return _aerpc_undoGroup("aerpc: load " + item.name + " into placeholder " + placeholder.name, function () {
        var added = 0;
        var source;
        var slot;
        var fresh;
        var ci;
        var si;
        for (ci = 0; ci < comps.length; ci += 1) {
            source = _aerpc_layerSource(item, comps[ci], "item_id");
            for (si = 0; si < slots[ci].length; si += 1) {
                slot = slots[ci][si];
                fresh = comps[ci].layers.add(source);
                _aerpc_takePlace(slot, fresh);
                added += 1;
            }
        }
        return added;
    });
}

/**
 * get_audio_url: the source file of the first layer (from the top) with audio and a file.
 * @param {AerpcHost.Params.getAudioUrl} params
 * @returns {AerpcHost.Result.getAudioUrl}
 */
function getAudioUrl(params) {
    var comp = _aerpc_comp(params.comp_id, "comp_id");
    var layer;
    var source;
    var i;
    for (i = 1; i <= comp.numLayers; i += 1) {
        layer = comp.layer(i);
        if (layer instanceof AVLayer && layer.hasAudio) {
            source = layer.source;
            if (source instanceof FootageItem && source.file !== null && source.file !== undefined) {
                return source.file.fsName;
            }
        }
    }
    return null;
}

/**
 * The files of `paths`, each existing and importable as footage; checked before any change.
 * @param {string[]} paths
 * @returns {File[]}
 */
function _aerpc_footageFiles(paths) {
    /** @type {File[]} */
    var files = [];
    var file;
    var i;
    for (i = 0; i < paths.length; i += 1) {
        file = _aerpc_existingFile(paths[i], "paths");
        _aerpc_importOptions(file, ImportAsType.FOOTAGE, "footage");
        files.push(file);
    }
    return files;
}

/**
 * import_background
 * @param {AerpcHost.Params.importBackground} params
 * @returns {AerpcHost.Result.importBackground}
 */
function importBackground(params) {
    /** @type {CompItem | null} */
    var target = _aerpc_given(params.comp_id) ? _aerpc_comp(Number(params.comp_id), "comp_id") : null;
    var files = _aerpc_footageFiles(params.paths);
    return _aerpc_undoGroup("aerpc: import background " + params.name, function () {
        /** @type {_ItemClasses[]} */
        var created = [];
        /** @type {FootageItem[]} */
        var imported = [];
        /** @type {number[]} */
        var members = [];
        var folder;
        var comp;
        var i;
        try {
            for (i = 0; i < files.length; i += 1) {
                imported.push(_aerpc_importFootage(files[i], _aerpc_baseName(files[i])));
                created.push(imported[i]);
            }
            if (target === null) {
                folder = app.project.items.addFolder(params.name);
                created.push(folder);
                comp = folder.items.addComp(params.name, imported[0].width, imported[0].height,
                    imported[0].pixelAspect, 1, 25);
                created.push(comp);
            } else {
                comp = target;
                folder = target.parentFolder;
            }
            members.push(folder.id);
            members.push(comp.id);
            for (i = 0; i < imported.length; i += 1) {
                imported[i].parentFolder = folder;
                comp.layers.add(imported[i]);
                members.push(imported[i].id);
            }
        } catch (e) {
            _aerpc_removeCreated(created);
            if (_aerpc_isDeclared(e)) {
                throw e;
            }
            throw AerpcErrors.ImportFailed("importing the background failed: " + _aerpc_message(e),
                {reason: _aerpc_message(e)});
        }
        return {id: folder.id, name: comp.name, comp_id: comp.id, members: members};
    });
}

/**
 * True when `folder` is the background folder of `comp` alone: not the root folder, and holding
 * no other composition and no subfolder (reload_background deletes footage in it).
 * @param {FolderItem | null} folder
 * @param {CompItem} comp
 * @returns {boolean}
 */
function _aerpc_isOwnFolder(folder, comp) {
    var child;
    var i;
    if (folder === null || folder === undefined || folder.id === app.project.rootFolder.id) {
        return false;
    }
    for (i = 1; i <= folder.numItems; i += 1) {
        child = folder.item(i);
        if (child instanceof FolderItem || (child instanceof CompItem && child.id !== comp.id)) {
            return false;
        }
    }
    return true;
}

/**
 * The name the reference gave a background's footage: the file's URI-encoded name (File.name,
 * "a%20b.png") without its last extension, "a%20b".
 * @param {File} file
 * @returns {string}
 */
function _aerpc_encodedBaseName(file) {
    var name = String(file.name);
    var dot = name.lastIndexOf(".");
    return dot > 0 ? name.substring(0, dot) : name;
}

/**
 * reload_background: footage is matched by the decoded base name of its file, or by the
 * URI-encoded one the reference named it with, so reference-era backgrounds are updated in place.
 * @param {AerpcHost.Params.reloadBackground} params
 * @returns {AerpcHost.Result.reloadBackground}
 */
function reloadBackground(params) {
    var comp = _aerpc_comp(params.comp_id, "comp_id");
    var folder = comp.parentFolder;
    /** @type {File[]} */
    var files;
    if (!_aerpc_isOwnFolder(folder, comp)) {
        throw AerpcErrors.InvalidItemType("composition " + comp.name + " is not in a background folder " +
            "of its own (a folder other than the root that holds no other composition or folder)",
            {comp_id: comp.id});
    }
    files = _aerpc_footageFiles(params.paths);
    return _aerpc_undoGroup("aerpc: reload background " + params.name, function () {
        /** @type {Object<string, FootageItem>} */
        var existing = {};
        /** @type {Object<string, boolean>} */
        var keep = {};
        /** @type {number[]} */
        var members = [folder.id, comp.id];
        /** @type {FootageItem[]} */
        var obsolete = [];
        var child;
        var base;
        var encoded;
        var item;
        var i;
        comp.name = params.name;
        folder.name = params.name;
        for (i = 1; i <= folder.numItems; i += 1) {
            child = folder.item(i);
            if (child instanceof FootageItem) {
                existing["n:" + child.name] = child;
            }
        }
        for (i = 0; i < files.length; i += 1) {
            base = _aerpc_baseName(files[i]);
            encoded = _aerpc_encodedBaseName(files[i]);
            keep["n:" + base] = true;
            keep["n:" + encoded] = true;
            if (!_aerpc_hasOwn(existing, "n:" + base) && _aerpc_hasOwn(existing, "n:" + encoded)) {
                existing["n:" + base] = existing["n:" + encoded];
            }
            if (_aerpc_hasOwn(existing, "n:" + base)) {
                item = existing["n:" + base];
                _aerpc_replaceFootage(item, files[i]);
                item.name = base;
            } else {
                item = _aerpc_importFootage(files[i], base);
                item.parentFolder = folder;
                comp.layers.add(item);
            }
            members.push(item.id);
        }
        for (i = 1; i <= folder.numItems; i += 1) {
            child = folder.item(i);
            if (child instanceof FootageItem && keep["n:" + child.name] !== true) {
                obsolete.push(child);
            }
        }
        for (i = 0; i < obsolete.length; i += 1) {
            obsolete[i].remove();
        }
        return {id: folder.id, name: comp.name, comp_id: comp.id, members: members};
    });
}
