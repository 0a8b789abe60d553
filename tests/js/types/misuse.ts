// Misuse of the generated panel typings: every line after a @ts-expect-error must be an error
// (tsc fails on an unused directive). types.test.js also compiles this file with the
// directives removed and checks that tsc reports errors on exactly those lines.
import {
    AerpcPanel,
    type HostMethods,
    type ItemType,
    ItemNotFound,
    type ProjectItem,
} from "../../../generated/cep/aerpc-panel";

declare const panel: AerpcPanel;

export async function misuse(): Promise<void> {
    // @ts-expect-error: no such pipeline method
    await panel.pipeline.no_such_method({});
    // @ts-expect-error: not one of the Tool values
    await panel.pipeline.open_tool({ tool: "hammer" });
    // @ts-expect-error: a required param is missing
    await panel.pipeline.set_context({ project: "p", folder: "/f" });
    // @ts-expect-error: a param the method does not declare
    await panel.pipeline.open_tool({ tool: "loader", extra: 1 });
    // @ts-expect-error: a param of the wrong type
    await panel.pipeline.set_context({ project: 1, folder: "/f", task: "t" });
    // @ts-expect-error: params are required when the method has required params
    await panel.pipeline.open_tool();
    // @ts-expect-error: params for a method that takes none
    await panel.pipeline.launched({ x: 1 });
    // @ts-expect-error: the result of open_tool is null, not a string
    const text: string = await panel.pipeline.open_tool({ tool: "loader" });
    // @ts-expect-error: timeoutMs is a number
    await panel.pipeline.open_tool({ tool: "loader" }, { timeoutMs: "1s" });
    // @ts-expect-error: a host method is not called through panel.call
    await panel.call("get_items", {});
    // @ts-expect-error: no such event
    panel.on("nope", () => undefined);
    // @ts-expect-error: status events have no payload
    panel.on("status", (event) => event.payload);
    // @ts-expect-error: an item's id is a number
    const item: ProjectItem = { id: "1", name: "n", type: "comp", path: null, containing_comps: [], parent_folder_id: null };
    // @ts-expect-error: a required field is missing
    const partial: ProjectItem = { id: 1, name: "n", type: "comp", path: null, containing_comps: [] };
    // @ts-expect-error: not an ItemType
    const kind: ItemType = "layer";
    // @ts-expect-error: ItemNotFound's code is 1001
    const code: 1002 = new ItemNotFound().code;
    // @ts-expect-error: no such option
    const other = new AerpcPanel({ urll: "ws://x" });
    // @ts-expect-error: get_items' comps is a boolean
    const params: HostMethods["get_items"]["params"] = { comps: "yes" };
    // @ts-expect-error: reconnect.jitter is a number
    const again = new AerpcPanel({ reconnect: { jitter: "lots" } });
    // @ts-expect-error: status is read-only
    panel.status = "connected";
    void [text, item, partial, kind, code, other, params, again];
}
