// The host events' emit side as host code sees it (runtime/extendscript/aerpc-events.jsx), and
// the RenderQueueItem callback types-for-adobe does not declare yet.

/** __aerpc.events, bound in the host library's scope; undefined when the library is absent. */
declare var __aerpc_events: {
  readonly TYPE: string;
  emit(name: string, payload: object): boolean;
  available(): boolean;
} | undefined;

interface RenderQueueItem {
  /** Called when the item's status changes (Scripting Guide: RenderQueueItem.onStatusChanged). */
  onStatusChanged: (() => void) | null;
}
