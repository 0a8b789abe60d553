from aerpc.aftereffects import AfterEffects
from aerpc.runtime import HostChannel


def f(host: HostChannel) -> str:
    return AfterEffects(host).get_items(comps=True)[0]["nme"]  # E: TypedDict "ProjectItem" has no key "nme"
