// aerpc host library: the render queue (ExtendScript, ES3).

/**
 * The render-queue items of a composition, in queue order.
 * @param {number} compId
 * @returns {RenderQueueItem[]}
 */
function _aerpc_queueItemsOf(compId) {
    /** @type {RenderQueueItem[]} */
    var out = [];
    var queue = app.project.renderQueue;
    var entry;
    var i;
    for (i = 1; i <= queue.numItems; i += 1) {
        entry = queue.item(i);
        if (entry.comp !== null && entry.comp.id === compId) {
            out.push(entry);
        }
    }
    return out;
}

/**
 * The one render-queue item of a composition; RenderQueueItemNotFound or
 * MultipleRenderQueueItems otherwise.
 * @param {CompItem} comp
 * @returns {RenderQueueItem}
 */
function _aerpc_queueItemOf(comp) {
    var entries = _aerpc_queueItemsOf(comp.id);
    if (entries.length === 0) {
        throw AerpcErrors.RenderQueueItemNotFound("composition " + comp.name + " has no render-queue item",
            {comp_id: comp.id});
    }
    if (entries.length > 1) {
        throw AerpcErrors.MultipleRenderQueueItems("composition " + comp.name + " has " + entries.length +
            " render-queue items", {comp_id: comp.id, count: entries.length});
    }
    return entries[0];
}

/**
 * One RenderOutput per output module of a render-queue item.
 * @param {RenderQueueItem} entry
 * @returns {AerpcHost.RenderOutput[]}
 */
function _aerpc_outputs(entry) {
    /** @type {AerpcHost.RenderOutput[]} */
    var out = [];
    var module;
    var i;
    for (i = 1; i <= entry.numOutputModules; i += 1) {
        module = entry.outputModule(i);
        out.push({
            file_name: module.file === null || module.file === undefined ? "" : module.file.fsName,
            width: entry.comp.width,
            height: entry.comp.height
        });
    }
    return out;
}

/**
 * The decoded file name an output module writes, without the pipeline's publish marker
 * (U+2117 and the spaces after it, which published comp names start with).
 * @param {OutputModule} module
 * @param {CompItem} comp
 * @returns {string}
 */
function _aerpc_outputFileName(module, comp) {
    var name = module.file === null || module.file === undefined ? comp.name : _aerpc_fileName(module.file);
    return name.replace(/\u2117\s*/g, "");
}

/**
 * get_render_info: a pure read of the comp's render-queue item.
 * @param {AerpcHost.Params.getRenderInfo} params
 * @returns {AerpcHost.Result.getRenderInfo}
 */
function getRenderInfo(params) {
    return _aerpc_outputs(_aerpc_queueItemOf(_aerpc_comp(params.comp_id, "comp_id")));
}

/**
 * add_comp_to_render_queue: true once the comp is queued, whether it already was or is now (the
 * reference's contract; failures throw).
 * @param {AerpcHost.Params.addCompToRenderQueue} params
 * @returns {AerpcHost.Result.addCompToRenderQueue}
 */
function addCompToRenderQueue(params) {
    var comp = _aerpc_comp(params.comp_id, "comp_id");
    var projectFile;
    var dirPath;
    /** @type {Folder | null} */
    var created;
    /** @type {Folder} */
    var folder;
    if (_aerpc_queueItemsOf(comp.id).length > 0) {
        return true;
    }
    if (_aerpc_given(params.output_dir)) {
        dirPath = String(params.output_dir);
    } else {
        projectFile = app.project.file;
        if (projectFile === null) {
            throw AerpcErrors.NoDocumentOpen("cannot queue composition " + comp.name + ": the project is " +
                "untitled, so there is no <project folder>/output; pass output_dir", {comp_id: comp.id});
        }
        dirPath = projectFile.parent.fsName + "/output";
    }
    created = _aerpc_ensureFolder(dirPath);
    if (created === null) {
        throw new Error("could not create the output folder " + dirPath);
    }
    folder = created;
    return _aerpc_undoGroup("aerpc: queue " + comp.name, function () {
        var entry = app.project.renderQueue.items.add(comp);
        var module;
        var i;
        for (i = 1; i <= entry.numOutputModules; i += 1) {
            module = entry.outputModule(i);
            module.file = new File(folder.fsName + "/" + _aerpc_outputFileName(module, comp));
        }
        return true;
    });
}

/**
 * remove_comp_from_render_queue: removes every render-queue item of the comp.
 * @param {AerpcHost.Params.removeCompFromRenderQueue} params
 * @returns {AerpcHost.Result.removeCompFromRenderQueue}
 */
function removeCompFromRenderQueue(params) {
    var comp = _aerpc_comp(params.comp_id, "comp_id");
    var entries = _aerpc_queueItemsOf(comp.id);
    if (entries.length === 0) {
        return false;
    }
    _aerpc_undoGroup("aerpc: unqueue " + comp.name, function () {
        var i;
        for (i = entries.length - 1; i >= 0; i -= 1) {
            entries[i].remove();
        }
    });
    return true;
}

/**
 * The render output folder, created when missing; RenderFailed when it can't be.
 * @param {string} path
 * @returns {Folder}
 */
function _aerpc_outputFolder(path) {
    var folder = _aerpc_ensureFolder(path);
    if (folder === null) {
        throw AerpcErrors.RenderFailed("could not create the output folder " + path, {output_dir: path});
    }
    return folder;
}

/**
 * The schema's name of a render-queue status (`RQItemStatus.RENDERING` is "rendering"), or
 * null for a value this library does not know.
 * @param {number} status
 * @returns {AerpcHost.RenderStatus | null}
 */
function _aerpc_statusName(status) {
    // RQItemStatus names, in the order the schema's RenderStatus lists them.
    var names = ["WILL_CONTINUE", "NEEDS_OUTPUT", "UNQUEUED", "QUEUED", "RENDERING", "USER_STOPPED",
        "ERR_STOPPED", "DONE"];
    var i;
    for (i = 0; i < names.length; i += 1) {
        if (/** @type {Record<string, unknown>} */ (/** @type {unknown} */ (RQItemStatus))[names[i]] === status) {
            return /** @type {AerpcHost.RenderStatus} */ (names[i].toLowerCase());
        }
    }
    return null;
}

/**
 * Emits one host event when the events library is loaded and PlugPlugExternalObject is
 * available (runtime/extendscript/aerpc-events.jsx); never throws.
 * @param {string} name
 * @param {object} payload
 * @returns {boolean}
 */
function _aerpc_emit(name, payload) {
    if (typeof __aerpc_events !== "object" || __aerpc_events === null) {
        return false;
    }
    return __aerpc_events.emit(name, payload);
}

/**
 * The events of one in-app render: render_progress on each status change of the item
 * (RenderQueueItem.onStatusChanged; experimental, docs/events.md) and one render_finished,
 * after which the item's callback reports nothing more.
 * @param {RenderQueueItem} entry
 * @param {CompItem} comp
 */
function _aerpc_renderReporter(entry, comp) {
    var started = new Date().getTime();
    // a random part keeps two renders of the comp in the same millisecond apart
    var renderId = "ae-" + comp.id + "-" + started + "-" + Math.floor(Math.random() * 1e9);
    var total = Math.max(1, Math.round(entry.timeSpanDuration * comp.frameRate));
    var ended = false;
    /** @returns {string[]} */
    var outputs = function () {
        /** @type {string[]} */
        var out = [];
        var i;
        for (i = 1; i <= entry.numOutputModules; i += 1) {
            out.push(entry.outputModule(i).file === null ? "" : entry.outputModule(i).file.fsName);
        }
        return out;
    };
    /** @returns {number | null} */
    var itemIndex = function () {
        var queue = app.project.renderQueue;
        var i;
        for (i = 1; i <= queue.numItems; i += 1) {
            if (queue.item(i).comp.id === comp.id) {
                return i;
            }
        }
        return null;
    };
    var elapsed = function () {
        return (new Date().getTime() - started) / 1000;
    };
    return {
        progress: function () {
            var status = _aerpc_statusName(entry.status);
            if (status === null || ended) {
                return;
            }
            /** @type {AerpcHost.RenderProgress} */
            var payload = {render_id: renderId, source: "in_app", comp_id: comp.id, comp_name: comp.name,
                item_index: itemIndex(), status: status, frames_done: status === "done" ? total : null,
                frames_total: total, elapsed_s: elapsed(), outputs: outputs()};
            _aerpc_emit("render_progress", payload);
        },
        /** @param {string} failure */
        finished: function (failure) {
            var status = _aerpc_statusName(entry.status);
            var ok = failure === "" && status === "done";
            /** @type {AerpcHost.RenderFinished} */
            var payload = {render_id: renderId, source: "in_app", comp_id: comp.id, comp_name: comp.name,
                item_index: itemIndex(), status: status === null ? "err_stopped" : status, ok: ok,
                error: ok ? null : (failure === "" ? "render-queue status " + entry.status : failure),
                elapsed_s: elapsed(), outputs: outputs()};
            ended = true;
            _aerpc_emit("render_finished", payload);
        }
    };
}

/**
 * render: renders the comp's render-queue item into output_dir and reports what it wrote.
 * Other queued items are switched off for the render and switched back on afterwards.
 * @param {AerpcHost.Params.render} params
 * @returns {AerpcHost.Result.render}
 */
function render(params) {
    var comp = _aerpc_comp(params.comp_id, "comp_id");
    var entry = _aerpc_queueItemOf(comp);
    var folder = _aerpc_outputFolder(params.output_dir);
    var queue = app.project.renderQueue;
    /** @type {RenderQueueItem[]} */
    var paused = [];
    var failure = "";
    /** @type {{progress: () => void, finished: (failure: string) => void} | null} */
    var reporter = null;
    try {
        entry = _aerpc_undoGroup("aerpc: prepare render of " + comp.name, function () {
            var target = entry;
            var module;
            var other;
            /** @type {Array<File | null>} */
            var files = [];
            /** @type {File | null} */
            var saved;
            var i;
            if (target.status === RQItemStatus.DONE) {
                // A rendered item can't be queued again: render a fresh duplicate instead. After
                // Effects gives a duplicate's outputs new file names: put the original's back.
                for (i = 1; i <= target.numOutputModules; i += 1) {
                    module = target.outputModule(i);
                    files.push(module.file === null ? null : new File(module.file.fsName));
                }
                other = target.duplicate();
                target.remove();
                target = other;
                for (i = 1; i <= target.numOutputModules && i <= files.length; i += 1) {
                    saved = files[i - 1];
                    if (saved !== null) {
                        target.outputModule(i).file = saved;
                    }
                }
            }
            module = target.outputModule(1);
            module.file = new File(folder.fsName + "/" + _aerpc_outputFileName(module, comp));
            if (!target.render) {
                target.render = true;
            }
            for (i = 1; i <= queue.numItems; i += 1) {
                other = queue.item(i);
                if (other.comp.id !== comp.id && other.render && other.status !== RQItemStatus.DONE &&
                        other.status !== RQItemStatus.RENDERING) {
                    other.render = false;
                    paused.push(other);
                }
            }
            return target;
        });
        reporter = _aerpc_renderReporter(entry, comp);
        // The documented status callback; the older `onstatus` is documented as doing nothing.
        entry.onStatusChanged = reporter.progress;
        reporter.progress();
        app.beginSuppressDialogs();
        try {
            queue.render();
        } catch (e) {
            failure = _aerpc_message(e);
        } finally {
            app.endSuppressDialogs(false);
        }
    } finally {
        if (reporter !== null) {
            reporter.finished(failure);
        }
        if (paused.length > 0) {
            _aerpc_undoGroup("aerpc: restore render queue", function () {
                var i;
                for (i = 0; i < paused.length; i += 1) {
                    if (isValid(paused[i]) && paused[i].status !== RQItemStatus.DONE) {
                        paused[i].render = true;
                    }
                }
            });
        }
    }
    if (failure !== "" || entry.status !== RQItemStatus.DONE) {
        throw AerpcErrors.RenderFailed("rendering " + comp.name + " failed" +
            (failure === "" ? " (render-queue status " + entry.status + ")" : ": " + failure),
            {comp_id: comp.id, status: entry.status, reason: failure});
    }
    return _aerpc_outputs(entry);
}
