"""Collect every composition with its frame range, size and render outputs (blocking client).

A publish collector does this before it decides what to render.
"""

from __future__ import annotations

from dataclasses import dataclass

from aerpc.aftereffects import AfterEffects, RenderQueueItemNotFound
from aerpc.runtime import HostChannel


@dataclass(frozen=True)
class CompSettings:
    comp_id: int
    name: str
    frame_start: int
    frames: int
    fps: float
    resolution: str
    outputs: tuple[str, ...]


def collect(host: HostChannel, *, limit: int = 5) -> list[CompSettings]:
    """The settings of the first ``limit`` compositions of the open project."""
    ae = AfterEffects(host)
    found = []
    for comp in ae.get_items(comps=True)[:limit]:
        props = ae.get_comp_properties(comp_id=comp["id"])
        try:
            outputs = tuple(o["file_name"] for o in ae.get_render_info(comp_id=comp["id"]))
        except RenderQueueItemNotFound:
            outputs = ()
        found.append(
            CompSettings(
                comp_id=comp["id"],
                name=comp["name"],
                frame_start=props["frame_start"],
                frames=props["frames_duration"],
                fps=props["frame_rate"],
                resolution=f"{props['width']}x{props['height']}",
                outputs=outputs,
            )
        )
    return found
