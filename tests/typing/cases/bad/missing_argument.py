from aerpc.aftereffects import AfterEffects
from aerpc.runtime import HostChannel


def f(host: HostChannel) -> None:
    AfterEffects(host).get_layers()  # E: Missing named argument "comp_id" for "get_layers" of "AfterEffects"
