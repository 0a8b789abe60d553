"""Set a shot's comp to the task's frame range and resolution, then queue it for render
(blocking client). The "set frames / set resolution" panel buttons end up here.
"""

from __future__ import annotations

from dataclasses import dataclass

from aerpc.aftereffects import AfterEffects, CompProperties
from aerpc.runtime import HostChannel


@dataclass(frozen=True)
class ShotSettings:
    frame_start: int
    frame_end: int
    fps: float
    width: int
    height: int


def apply_shot_settings(
    host: HostChannel, *, comp_id: int, shot: ShotSettings, output_dir: str
) -> CompProperties:
    """Apply ``shot`` to the comp, queue it with ``output_dir`` and return the new properties."""
    ae = AfterEffects(host)
    ae.set_comp_properties(
        comp_id=comp_id,
        frame_start=shot.frame_start,
        frames_duration=shot.frame_end - shot.frame_start + 1,
        frame_rate=shot.fps,
        width=shot.width,
        height=shot.height,
    )
    ae.add_comp_to_render_queue(comp_id=comp_id, output_dir=output_dir)
    props = ae.get_comp_properties(comp_id=comp_id)
    if props["frame_start"] != shot.frame_start or props["width"] != shot.width:
        raise RuntimeError(f"comp {comp_id} did not take the shot settings: {props!r}")
    return props
