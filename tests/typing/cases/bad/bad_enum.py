from aerpc.aftereffects import AfterEffects
from aerpc.runtime import HostChannel


def f(host: HostChannel) -> None:
    AfterEffects(host).add_item(name="x", item_type="solid")  # E: Argument "item_type" to "add_item" of "AfterEffects" has incompatible type "Literal['solid']"; expected "Literal['comp', 'folder']"
