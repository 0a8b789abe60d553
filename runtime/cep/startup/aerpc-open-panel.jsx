// aerpc: opens the aerpc panel when After Effects starts, so the pipeline's host connects
// without anyone choosing Window > Extensions > aerpc.
//
// Install: copy this file into After Effects' Scripts/Startup folder (docs/cep.md, "Starting
// without a click"). After Effects runs the scripts there once it is initialised, before CEP
// has registered its extension menus and before the workspace re-opens panels, so the work
// is done by a scheduled task that polls once a second:
//   1. a panel the workspace re-opened has loaded its ExtendScript (the manifest's ScriptPath)
//      into the global environment that scripts share, so __aerpc_dispatch is defined: then
//      nothing is to be done (running the menu command again could close that panel);
//   2. otherwise, once the "aerpc" menu command exists and the grace period for a restored
//      panel is over, the menu command opens the panel, once;
//   3. after the time limit, the script gives up silently.
// It does nothing unless After Effects was started by the pipeline (AERPC_URL is set) and
// AERPC_AUTO_OPEN is not "0". ExtendScript (ES3); every name it leaves behind is in
// $.global.__aerpc_startup.
(function () {
    var url = $.getenv("AERPC_URL");
    var state;
    if (url === null || url === "" || $.getenv("AERPC_AUTO_OPEN") === "0") {
        return;
    }
    state = {
        menu: "aerpc",
        graceTicks: 5,
        maxTicks: 120,
        ticks: 0,
        opened: false,
        done: "",
        tick: function () {
            var id;
            state.ticks += 1;
            if (typeof $.global.__aerpc_dispatch === "function") {
                state.done = "panel already loaded";
                return;
            }
            id = app.findMenuCommandId(state.menu);
            if (id > 0 && state.ticks > state.graceTicks) {
                state.opened = true;
                state.done = "opened the panel";
                app.executeCommand(id);
                return;
            }
            if (state.ticks >= state.maxTicks) {
                state.done = "gave up: no menu command named " + state.menu;
                return;
            }
            app.scheduleTask("$.global.__aerpc_startup.tick()", 1000, false);
        }
    };
    $.global.__aerpc_startup = state;
    app.scheduleTask("$.global.__aerpc_startup.tick()", 1000, false);
}());
