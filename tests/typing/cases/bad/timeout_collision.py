from aerpc.aftereffects import AfterEffects
from aerpc.runtime import HostChannel


def f(host: HostChannel) -> None:
    AfterEffects(host).render(comp_id=1, output_dir="/r", timeout=5)  # E: Unexpected keyword argument "timeout" for "render" of "AfterEffects"
