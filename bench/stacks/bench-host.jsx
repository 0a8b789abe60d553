// Loaded by the bench after the extension's ExtendScript (run-panel.js --extra-jsx): replaces
// getItems with canned answers, the same as every Python peer gives, so the "panel in node"
// stack measures the generated panel, the ES3 dispatcher and the transport, not the simulator.
// Keep in step with bench/common.py (SMALL_REPLY, project_items).
var __bench_big = null;

function __bench_items(count) {
    var items = [];
    var i, id, shot;
    for (i = 0; i < count; i += 1) {
        id = 1000 + i;
        if (i % 10 === 0) {
            items.push({id: id, name: "folder_" + __bench_pad(i), type: "folder", path: null,
                containing_comps: [], parent_folder_id: null});
        } else if (i % 5 === 0) {
            items.push({id: id, name: "sh" + __bench_pad(i) + "_comp_v003", type: "comp", path: null,
                containing_comps: i % 3 === 0 ? [1000 + Math.floor(i / 10) * 10 + 5] : [],
                parent_folder_id: 1000 + Math.floor(i / 10) * 10});
        } else {
            shot = "sh" + __bench_pad(i);
            items.push({id: id, name: shot + "_plateMain_v002", type: "footage",
                path: "/projects/show/" + shot + "/publish/plate/v002/" + shot + "_plate.1001.exr",
                containing_comps: [1000 + Math.floor(i / 5) * 5, 1000 + Math.floor(i / 10) * 10 + 5],
                parent_folder_id: 1000 + Math.floor(i / 10) * 10});
        }
    }
    return items;
}

function __bench_pad(n) {
    var s = String(n);
    while (s.length < 5) {
        s = "0" + s;
    }
    return s;
}

function getItems(params) {
    if (params.footages) {
        if (__bench_big === null) {
            __bench_big = __bench_items(10000);
        }
        return __bench_big;
    }
    return [{id: 42, name: "sh010_comp", type: "comp", path: null, containing_comps: [],
        parent_folder_id: null}];
}

// The extension's host functions live in aerpc's namespace, not in the globals: register this
// one there, in place of the host library's.
__aerpc.provide({getItems: getItems});
