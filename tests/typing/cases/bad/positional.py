from aerpc.aftereffects import AfterEffects
from aerpc.runtime import HostChannel


def f(host: HostChannel) -> None:
    AfterEffects(host).get_layers(42)  # E: Too many positional arguments for "get_layers" of "AfterEffects"
