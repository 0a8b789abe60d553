from aerpc.aftereffects import AsyncAfterEffects, ProjectItem
from aerpc.runtime import HostChannel


async def f(host: HostChannel) -> None:
    items: list[ProjectItem] = AsyncAfterEffects(host).get_items(comps=True)  # E: Incompatible types in assignment (expression has type "Coroutine[Any, Any, list[ProjectItem]]", variable has type "list[ProjectItem]")
