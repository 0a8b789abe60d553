from aerpc.aftereffects import AfterEffects
from aerpc.runtime import HostChannel


def f(host: HostChannel) -> None:
    AfterEffects(host).get_items(comp=True)  # E: Unexpected keyword argument "comp"
