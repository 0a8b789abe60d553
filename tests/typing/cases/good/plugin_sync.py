"""A plugin as a studio writes it: blocking calls, reading typed results."""

from aerpc.aftereffects import AfterEffects, CompProperties, ItemNotFound, ProjectItem
from aerpc.runtime import HostChannel


def collect_comps(host: HostChannel) -> list[tuple[int, str, float]]:
    ae = AfterEffects(host)
    rows: list[tuple[int, str, float]] = []
    comps: list[ProjectItem] = ae.get_items(comps=True)
    for comp in comps:
        props: CompProperties = ae.get_comp_properties(comp_id=comp["id"])
        rows.append((comp["id"], comp["name"], props["frame_rate"]))
        path = comp["path"]
        if path is not None:
            print(path.upper())
    for layer in ae.get_layers(comp_id=comps[0]["id"]):
        print(layer["index"], layer["name"], layer["type"])
    try:
        ae.rename_item(item_id=99999, name="sh010_comp")
    except ItemNotFound as exc:
        print(exc.code, exc.message)
    ae.set_comp_properties(comp_id=comps[0]["id"], frame_start=0, frame_rate=25.0)
    ae.with_timeout(3600).render(comp_id=comps[0]["id"], output_dir="/renders/sh010")
    for entry in ae.get_metadata():
        instance = entry.get("instance_id")
        if instance is not None:
            print(instance.upper())
    return rows
