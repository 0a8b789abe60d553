from aerpc.aftereffects import AfterEffects
from aerpc.runtime import HostChannel


def f(host: HostChannel) -> str:
    return AfterEffects(host).get_metadata()[0].get("instance_id").upper()  # E: Item "None" of "str | None" has no attribute "upper"
