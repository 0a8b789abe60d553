// aerpc self-test driver (ExtendScript, ES3). `make ae-selftest` puts it after the panel's
// ExtendScript (the dispatcher and the host library, exactly what the manifest's ScriptPath
// loads) and replaces __aerpc_selftest_plan on the last line by the plan (the schema's host
// methods and error codes, the extension version, a small PNG for the imports).
//
// It calls every host method through __aerpc_dispatch, as the panel does: the read-only ones
// on the open project, then every writing one on a scratch project it saves under a temporary
// folder and closes, and reopens the project that was open. It writes a report (method,
// OK/FAILED/SKIPPED, the error, the After Effects version) to a text file, to the console
// ($.writeln) and sums it up in an alert. The "(render events)" line says whether in-app render
// progress was reported while render() ran (docs/events.md: experimental). $.global.__aerpc_selftest_options may set
// reportPath, scratchDir and alert (false: no alert); the result is left in
// $.global.__aerpc_selftest_report.
(function (plan) {
    var options = $.global.__aerpc_selftest_options || {};
    var results = [];
    var exercised = {};
    var seq = 0;
    var phase = "open project";
    var STAMP = String(new Date().getTime());

    function quote(text) {
        var out = "\"";
        var i;
        var c;
        var code;
        for (i = 0; i < text.length; i += 1) {
            c = text.charAt(i);
            code = text.charCodeAt(i);
            if (c === "\"" || c === "\\") {
                out += "\\" + c;
            } else if (code < 32 || code > 126) {
                out += "\\u" + ("000" + code.toString(16)).slice(-4);
            } else {
                out += c;
            }
        }
        return out + "\"";
    }

    function toJson(value) {
        var parts = [];
        var key;
        var i;
        if (value === null || value === undefined) {
            return "null";
        }
        if (typeof value === "string") {
            return quote(value);
        }
        if (typeof value === "number" || typeof value === "boolean") {
            return String(value);
        }
        if (value instanceof Array) {
            for (i = 0; i < value.length; i += 1) {
                parts.push(toJson(value[i]));
            }
            return "[" + parts.join(",") + "]";
        }
        for (key in value) {
            if (value.hasOwnProperty(key)) {
                parts.push(quote(key) + ":" + toJson(value[key]));
            }
        }
        return "{" + parts.join(",") + "}";
    }

    function errorName(code) {
        var name;
        for (name in plan.errors) {
            if (plan.errors.hasOwnProperty(name) && plan.errors[name] === code) {
                return name;
            }
        }
        return "error " + code;
    }

    function record(method, status, detail) {
        results.push({method: method, status: status, phase: phase,
            detail: detail === undefined ? "" : String(detail)});
    }

    function skip(method, reason) {
        exercised[method] = true;
        record(method, "SKIPPED", reason);
    }

    // One call through the dispatcher. `accepted` lists declared errors that are a correct
    // answer here (for example NoDocumentOpen for an untitled project). Returns the result, or
    // undefined when the call failed.
    function call(method, params, accepted) {
        var text;
        var envelope;
        var name;
        var i;
        exercised[method] = true;
        seq += 1;
        try {
            text = __aerpc_dispatch(toJson({jsonrpc: "2.0", id: "selftest:" + seq, method: method, params: params || {}}));
            envelope = eval("(" + text + ")");
        } catch (e) {
            record(method, "FAILED", "the dispatcher threw or answered no JSON: " + String(e && e.message ? e.message : e));
            return undefined;
        }
        if (envelope.ok === true) {
            record(method, "OK", "");
            return envelope.result;
        }
        name = errorName(envelope.error.code);
        for (i = 0; accepted !== undefined && i < accepted.length; i += 1) {
            if (accepted[i] === name) {
                record(method, "OK", "declared error " + name + ": " + envelope.error.message);
                return undefined;
            }
        }
        record(method, "FAILED", name + ": " + envelope.error.message);
        return undefined;
    }

    function firstOfType(items, type) {
        var i;
        for (i = 0; items !== undefined && items !== null && i < items.length; i += 1) {
            if (items[i].type === type) {
                return items[i];
            }
        }
        return null;
    }

    function readAll(label) {
        var items;
        var comp;
        var state;
        var unsaved = ["NoDocumentOpen"];
        call("get_app_version", {});
        state = call("get_project_state", {});
        call("get_active_document_full_name", {}, unsaved);
        call("get_active_document_name", {}, unsaved);
        call("get_metadata", {});
        items = call("get_items", {comps: true, folders: true, footages: true});
        call("get_selected_items", {comps: true, folders: true, footages: true});
        comp = firstOfType(items, "comp");
        if (comp === null) {
            record("(" + label + ")", "SKIPPED", "no composition: the comp methods run on the scratch project");
            return state;
        }
        call("get_comp_properties", {comp_id: comp.id});
        call("get_layers", {comp_id: comp.id});
        call("get_audio_url", {comp_id: comp.id});
        call("get_render_info", {comp_id: comp.id}, ["RenderQueueItemNotFound", "MultipleRenderQueueItems"]);
        return state;
    }

    function writeFile(path, content, binary) {
        var f = new File(path);
        f.encoding = binary ? "BINARY" : "UTF-8";
        if (!f.open("w")) {
            throw new Error("cannot write " + path);
        }
        f.write(content);
        f.close();
        return f.fsName;
    }

    function hexBytes(hex) {
        var out = "";
        var i;
        for (i = 0; i < hex.length; i += 2) {
            out += String.fromCharCode(parseInt(hex.substr(i, 2), 16));
        }
        return out;
    }

    // render, noting the host events it made (docs/events.md): whether
    // RenderQueueItem.onStatusChanged reported a status while RenderQueue.render() blocked (a
    // render_progress other than the "queued" one made before the render starts), and whether
    // PlugPlugExternalObject dispatched them. Whether the panel receives them during the render
    // is for the panel to see; this answers the part only After Effects itself can.
    function renderWatched(comp, output) {
        var events = typeof __aerpc === "object" && __aerpc.events ? __aerpc.events : null;
        var emit = events === null ? null : events.emit;
        var seen = [];
        var during = [];
        var finished = false;
        var dispatched = true;
        if (events !== null) {
            events.emit = function (name, payload) {
                var sent = emit(name, payload);
                seen.push(name + (payload && payload.status ? ":" + payload.status : ""));
                dispatched = dispatched && sent === true;
                if (name === "render_finished") {
                    finished = true;
                } else if (name === "render_progress" && !finished && payload && payload.status !== "queued") {
                    during.push(payload.status);
                }
                return sent;
            };
        }
        try {
            call("render", {comp_id: comp, output_dir: output});
        } finally {
            if (events !== null) {
                events.emit = emit;
            }
        }
        if (events === null) {
            record("(render events)", "FAILED", "the events library is not loaded; no render events can be sent");
            return;
        }
        record("(render events)", during.length > 0 && finished ? "OK" : "FAILED",
            (during.length > 0 ? "onStatusChanged reported " + during.join(", ") + " during render()" :
                "no status reported during render(): in-app progress is start and finish only") +
            "; dispatched through PlugPlugExternalObject: " + (seen.length > 0 && dispatched ? "yes" : "no") +
            " (" + seen.join(" ") + ")");
    }

    function scratch(dir) {
        var png = hexBytes(plan.png);
        var a = writeFile(dir + "/plate_a.png", png, true);
        var b = writeFile(dir + "/plate_b.png", png, true);
        var jsx = writeFile(dir + "/selftest_script.jsx", "var selftestValue = 6 * 7;\nselftestValue;\n", false);
        var comp;
        var folder;
        var footage;
        var placeholder;
        var background;
        var output = dir + "/render";
        phase = "scratch project";
        app.newProject();
        call("save_as", {path: dir + "/aerpc_selftest.aep"});
        comp = call("add_item", {name: "selftest_comp", item_type: "comp"});
        folder = call("add_item", {name: "selftest_folder", item_type: "folder"});
        footage = call("import_file", {path: a, name: "selftest_plate", parent_folder_id: folder});
        if (comp === undefined || footage === undefined) {
            record("(scratch project)", "FAILED", "could not create the scratch comp and footage; later methods were not run");
            return;
        }
        footage = footage.id;
        call("set_comp_properties", {comp_id: comp, width: 320, height: 180, frame_rate: 24, frames_duration: 2, frame_start: 1001});
        call("rename_item", {item_id: footage, name: "selftest_plate_renamed"});
        call("set_label_color", {item_id: footage, label: 5});
        call("select_items", {item_ids: [comp, footage]});
        call("replace_item", {item_id: footage, path: b, name: "selftest_plate_b"});
        call("add_item_as_layer", {comp_id: comp, item_id: footage});
        placeholder = call("add_placeholder", {name: "selftest_placeholder", width: 320, height: 180, frame_rate: 24, duration: 1});
        if (placeholder !== undefined) {
            call("add_item_as_layer", {comp_id: comp, item_id: placeholder});
            call("add_item_instead_placeholder", {placeholder_item_id: placeholder, item_id: footage});
        }
        background = call("import_background", {name: "selftest_bg", paths: [a, b]});
        if (background !== undefined) {
            call("reload_background", {comp_id: background.comp_id, name: "selftest_bg", paths: [b]});
        }
        call("imprint", {entry: {id: "ayon.create.instance", instance_id: "aerpc-selftest-" + STAMP, members: [comp],
            data: {creator: "aerpc self-test"}}});
        call("remove_instance", {instance_id: "aerpc-selftest-" + STAMP});
        call("imprint", {entry: {id: "ayon.container", members: [comp], data: {name: "aerpc self-test"}}});
        call("remove_metadata", {item_id: comp});
        call("run_jsx_file", {path: jsx});
        call("add_comp_to_render_queue", {comp_id: comp, output_dir: output});
        renderWatched(comp, output);
        call("remove_comp_from_render_queue", {comp_id: comp});
        call("delete_item", {item_id: folder});
        call("save", {});
        readAll(phase);
        call("open", {path: dir + "/aerpc_selftest.aep"});
        call("print_msg", {msg: "aerpc self-test: print_msg works (click OK)"});
    }

    function run() {
        var original;
        var dir = options.scratchDir ? String(options.scratchDir) :
            Folder.temp.fsName + "/aerpc-selftest-" + STAMP;
        var i;
        readAll(phase);
        original = app.project.file === null ? null : new File(app.project.file.fsName);
        skip("close", "closes the project and quits After Effects");
        for (i = 0; i < plan.panelMethods.length; i += 1) {
            skip(plan.panelMethods[i], "runs in the panel, not in ExtendScript");
        }
        if (!new Folder(dir).exists && !new Folder(dir).create()) {
            record("(scratch project)", "FAILED", "cannot create " + dir);
        } else if (!app.project.close(CloseOptions.PROMPT_TO_SAVE_CHANGES)) {
            record("(scratch project)", "SKIPPED", "the open project was not closed, so nothing was written");
        } else {
            try {
                scratch(dir);
            } catch (e) {
                record("(scratch project)", "FAILED", "stopped: " + String(e && e.message ? e.message : e) +
                    (e && e.line ? " (line " + e.line + ")" : ""));
            } finally {
                app.project.close(CloseOptions.DO_NOT_SAVE_CHANGES);
                if (original !== null && original.exists) {
                    app.open(original);
                }
            }
        }
        for (i = 0; i < plan.hostMethods.length; i += 1) {
            if (!exercised[plan.hostMethods[i]]) {
                record(plan.hostMethods[i], "FAILED", "not exercised by the self-test (a method new in the schema?)");
            }
        }
    }

    function pad(text, width) {
        var out = text;
        while (out.length < width) {
            out += " ";
        }
        return out;
    }

    function report() {
        var counts = {OK: 0, FAILED: 0, SKIPPED: 0};
        var lines = [];
        var path = options.reportPath ? String(options.reportPath) :
            Folder.temp.fsName + "/aerpc-selftest-report.txt";
        var i;
        var r;
        var summary;
        for (i = 0; i < results.length; i += 1) {
            r = results[i];
            counts[r.status] += 1;
            lines.push(pad(r.status, 8) + pad(r.method, 31) + " " + pad(r.phase, 16) + r.detail);
        }
        summary = counts.OK + " ok, " + counts.FAILED + " failed, " + counts.SKIPPED + " skipped";
        lines.unshift("aerpc " + plan.version + " self-test in After Effects " + app.version +
            " (" + $.os + "), " + new Date().toString(), summary, "");
        try {
            path = writeFile(path, lines.join("\n") + "\n", false);
        } catch (e) {
            // Scripts may write files only with the preference "Allow Scripts to Write Files and
            // Access Network"; the console still has the report.
            path = "(not written: " + String(e && e.message ? e.message : e) + ")";
        }
        $.writeln(lines.join("\n"));
        $.global.__aerpc_selftest_report = {results: results, failed: counts.FAILED, summary: summary,
            path: path, text: lines.join("\n")};
        if (options.alert !== false) {
            alert("aerpc self-test: " + summary + "\nReport: " + path);
        }
        return summary;
    }

    run();
    return report();
}(__aerpc_selftest_plan));
