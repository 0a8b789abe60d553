// The emit side of aerpc's host events in ExtendScript (ES3): a host function reports what
// happens while it runs (render status) as a CSXSEvent, which the panel receives with
// CSInterface.addEventListener and forwards to the pipeline (docs/events.md). `make cep` puts
// it after aerpc-json.jsx; host functions see it as __aerpc_events.
//
//     __aerpc.events.emit(name, payload)  true when dispatched, false when events are unavailable
//     __aerpc.events.available()          whether PlugPlugExternalObject loaded (tried once)
//     __aerpc.events.TYPE                 the CSXSEvent type the panel listens to
//
// The documented path (CEP Cookbook, "Communication between ... ExtendScript"): load
// `new ExternalObject("lib:PlugPlugExternalObject")`, then `new CSXSEvent()` with `type` and
// `data` (a string: JSON text here) and `dispatch()`. Emitting never throws: events are
// best-effort and a host function must not fail because one could not be sent.

__aerpc.events = (function () {
    var TYPE = "aerpc.event";
    var loaded = null;
    var library = null;

    function available() {
        if (loaded === null) {
            try {
                if (typeof CSXSEvent === "undefined") {
                    library = new ExternalObject("lib:PlugPlugExternalObject");
                }
                loaded = typeof CSXSEvent !== "undefined";
            } catch (e) {
                loaded = false;
            }
        }
        return loaded;
    }

    function emit(name, payload) {
        var event;
        if (!available()) {
            return false;
        }
        try {
            event = new CSXSEvent();
            event.type = TYPE;
            event.data = __aerpc.json.stringify({event: String(name), payload: payload});
            event.dispatch();
            return true;
        } catch (e) {
            return false;
        }
    }

    return {TYPE: TYPE, emit: emit, available: available, library: function () { return library; }};
}());
