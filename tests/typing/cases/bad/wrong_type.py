from aerpc.aftereffects import AfterEffects
from aerpc.runtime import HostChannel


def f(host: HostChannel) -> None:
    AfterEffects(host).get_items(comps="yes")  # E: Argument "comps" to "get_items" of "AfterEffects" has incompatible type "str"; expected "bool"
