"""The same work through the coroutine client."""

import asyncio

from aerpc.aftereffects import AsyncAfterEffects, NotAComposition
from aerpc.runtime import HostChannel, RpcTimeout


async def import_and_layer(host: HostChannel, path: str) -> int:
    ae = AsyncAfterEffects(host)
    imported = await ae.import_file(path=path, name="sh010_plate")
    comps = await ae.get_items(comps=True)
    try:
        layer = await ae.with_timeout(30).add_item_as_layer(
            comp_id=comps[0]["id"], item_id=imported["id"]
        )
    except (NotAComposition, RpcTimeout):
        return -1
    names = await asyncio.gather(ae.get_active_document_name(), ae.get_app_version())
    print(names)
    return layer["index"]
