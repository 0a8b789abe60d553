from aerpc.aftereffects import AfterEffects
from aerpc.runtime import HostChannel


def f(host: HostChannel) -> str:
    return AfterEffects(host).get_items(footages=True)[0]["path"].upper()  # E: Item "None" of "str | None" has no attribute "upper"
