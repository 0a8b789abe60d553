"use strict";
// CEP's push channel from ExtendScript to the panel, as the simulator models it: loading
// `new ExternalObject("lib:PlugPlugExternalObject")` defines `CSXSEvent`; an event's `type`,
// `data` (a string) and `dispatch()` reach every listener the panel registered for that type
// with CSInterface.addEventListener (CEP Cookbook, "Communication between ... ExtendScript";
// README.md, "Events from ExtendScript").
//
// Modelled choices, each a documented fact or a stated assumption:
// - CSXSEvent does not exist before the library is loaded (the Cookbook loads it first).
// - `plugPlug: false` makes the load fail ("Can not load library"), the way a host without the
//   library would; scripts must then fall back (the panel observes its own calls).
// - Delivery is asynchronous: an event dispatched while a script runs reaches listeners only
//   after the script returns. Adobe does not document whether events dispatched during a
//   blocking RenderQueue.render() arrive before it returns, so the simulator takes the
//   pessimistic answer by default; `csxsDuringScript: true` delivers at once instead.

const EVENT_FIELDS = ["type", "scope", "appId", "extensionId", "data"];

function createCsxs(options) {
  const opts = Object.assign({ plugPlug: true, csxsDuringScript: false }, options || {});
  const listeners = new Map(); // type -> Set of listener(event)
  const dispatched = []; // every event, for tests: {type, data}

  function deliver(event) {
    const set = listeners.get(event.type);
    if (!set) return;
    for (const listener of Array.from(set)) {
      try {
        listener(Object.assign({}, event));
      } catch (_error) {
        // A panel listener's failure is the panel's; ExtendScript never sees it.
      }
    }
  }

  class CSXSEvent {
    constructor() {
      this.type = "";
      this.scope = "APPLICATION";
      this.appId = "";
      this.extensionId = "";
      this.data = "";
    }
    dispatch() {
      const event = {};
      for (const key of EVENT_FIELDS) event[key] = key === "data" ? String(this[key]) : this[key];
      dispatched.push({ type: event.type, data: event.data });
      if (opts.csxsDuringScript) deliver(event);
      else setImmediate(() => deliver(event));
    }
  }

  return {
    dispatched,
    /** Called by the simulator's ExternalObject for "lib:PlugPlugExternalObject". */
    load(globals) {
      if (!opts.plugPlug) return false;
      globals.CSXSEvent = CSXSEvent;
      return true;
    },
    /** The panel side: CSInterface.addEventListener(type, listener). */
    addEventListener(type, listener) {
      const key = String(type);
      if (!listeners.has(key)) listeners.set(key, new Set());
      listeners.get(key).add(listener);
    },
    removeEventListener(type, listener) {
      const set = listeners.get(String(type));
      if (set) set.delete(listener);
    },
  };
}

module.exports = { createCsxs };
