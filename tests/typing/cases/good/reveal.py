"""reveal_type of a call: mypy prints it as a note; the test reads it."""

from aerpc.aftereffects import AfterEffects
from aerpc.runtime import HostChannel


def reveal(host: HostChannel) -> None:
    ae = AfterEffects(host)
    reveal_type(ae.get_items(comps=True))
