"use strict";
// RenderQueueItem's status callbacks (README.md, "Events from ExtendScript"):
// - `onStatusChanged`: a function After Effects calls when the item's status changes; the
//   simulator calls it on each change RenderQueue.render() makes (RENDERING, then DONE or
//   ERR_STOPPED), synchronously, inside render(), as a callback of a blocking call must run.
// - `onstatus`: the older name, kept by the Scripting Guide for years and documented since 2025
//   as doing nothing: it is stored and never called.
// A callback that throws does not stop the render; its failures are counted in
// `__sim.counters.statusCallbackErrors`.

function installStatusCallbacks(RenderQueueItem) {
  for (const name of ["onStatusChanged", "onstatus"]) {
    const key = "_" + name;
    Object.defineProperty(RenderQueueItem.prototype, name, {
      configurable: true,
      get() {
        return this[key] === undefined ? null : this[key];
      },
      set(value) {
        this[key] = typeof value === "function" ? value : null;
      },
    });
  }
}

/** After the simulator changed `item`'s status: call its onStatusChanged, if any. */
function notifyStatus(item) {
  const callback = item._onStatusChanged;
  if (typeof callback !== "function") return;
  const sim = item._env.sim;
  sim.count("RenderQueueItem.onStatusChanged");
  try {
    callback();
  } catch (_error) {
    sim.counters.statusCallbackErrors = (sim.counters.statusCallbackErrors || 0) + 1;
  }
}

module.exports = { installStatusCallbacks, notifyStatus };
