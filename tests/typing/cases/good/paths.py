from pathlib import Path

from aerpc.aftereffects import AfterEffects
from aerpc.runtime import HostChannel


def save(host: HostChannel, work: Path) -> None:
    ae = AfterEffects(host).with_connect_timeout(5)
    ae.save_as(path=work / "sh010_v004.aep")
    ae.open(path="/projects/sh010_v004.aep")
    ae.import_background(name="bg", paths=[work / "a.exr", "/plates/b.exr"])
