from aerpc.aftereffects import AfterEffects
from aerpc.runtime import HostChannel


async def f(host: HostChannel) -> None:
    await AfterEffects(host).get_items(comps=True)  # E: Incompatible types in "await" (actual type "list[ProjectItem]", expected type "Awaitable[Any]")
