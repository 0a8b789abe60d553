"""Import a plate, put it into a shot's comp, imprint a container and read it back (async client).

A loader plugin does this when an artist loads a published plate.
"""

from __future__ import annotations

from aerpc.aftereffects import AsyncAfterEffects, MetadataEntry
from aerpc.runtime import HostChannel


async def load_plate(host: HostChannel, *, plate_path: str, comp_name: str) -> MetadataEntry:
    """Import ``plate_path``, add it as a layer of the comp named ``comp_name``, imprint it."""
    ae = AsyncAfterEffects(host)
    comps = [c for c in await ae.get_items(comps=True) if c["name"] == comp_name]
    if not comps:
        raise LookupError(f"no composition named {comp_name!r}")
    comp = comps[0]
    imported = await ae.import_file(
        path=plate_path, name="plateMain_v002", import_options={"sequence": False}
    )
    layer = await ae.add_item_as_layer(comp_id=comp["id"], item_id=imported["id"])
    await ae.set_label_color(item_id=imported["id"], label=9)
    entry: MetadataEntry = {
        "id": "ayon.load.container",
        "instance_id": f"container-{imported['id']}",
        "members": [imported["id"]],
        "data": {
            "name": "plateMain",
            "namespace": comp_name,
            "loader": "FileLoader",
            "representation": "exr",
            "layer_index": layer["index"],
            "note": 'quotes " and \\ backslashes and \u2028 survive',
        },
    }
    await ae.imprint(entry=entry)
    stored = [e for e in await ae.get_metadata() if e.get("instance_id") == entry["instance_id"]]
    if stored != [entry]:
        raise RuntimeError(f"imprinted {entry!r} but read back {stored!r}")
    return stored[0]
