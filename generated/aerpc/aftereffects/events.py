# Generated from schema/aftereffects.openrpc.json (After Effects 1.0.0)
# by `aerpc generate`. Do not edit: edit the schema and run `aerpc generate`.
# Schema hash: sha256:93e1b93458db8a8845fe44544194efe9482c6cedaffdecfcb5577a27d78a21ce
"""Typed subscriptions to the events After Effects sends (the schema's ``x-events``).

Reach them through a client's ``events``; each method subscribes to one event and gives a
:class:`~aerpc.runtime.events.Subscription`, read in one of three ways::

    async for p in ae.events.render_progress():        # async code; ends when the host goes
        print(p["status"], p["frames_done"])

    with ae.events.render_progress(print):             # a callback, on the runtime's thread
        ae.render(comp_id=42, output_dir="/renders")

    for p in ae.events.render_finished():               # blocking, from any thread
        break

Events are best-effort: in order per host and never twice, but one may be lost with a dropped
socket (docs/events.md). A payload that breaks the schema is logged and dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, cast

from aerpc.runtime.events import DEFAULT_QUEUE, EventSource, Subscription

from .types import HostBusyChange, ProjectChanged, RenderFinished, RenderProgress

__all__ = ["EVENT_NAMES", "Events"]

EVENT_NAMES: Final = (
    "render_progress",
    "render_finished",
    "project_changed",
    "host_busy",
)
"""Every event the schema declares."""


class Events:
    """One method per event After Effects sends; each returns a new subscription."""

    __slots__ = ("_source",)

    def __init__(self, source: EventSource) -> None:
        self._source = source

    def __repr__(self) -> str:
        return f"<Events {self._source!r}>"

    def render_progress(
        self,
        callback: Callable[[RenderProgress], object] | None = None,
        *,
        maxsize: int = DEFAULT_QUEUE,
    ) -> Subscription[RenderProgress]:
        """A render's status or frame count changed.

        In-app renders report each status change of the render-queue item through
        `RenderQueueItem.onStatusChanged`; whether these reach the pipeline while
        `RenderQueue.render()` blocks ExtendScript is not documented by Adobe, so in-app
        progress is experimental. The `render` call's start and finish are always reported.

        Experimental: see docs/events.md for what is known to arrive.

        Args:
            callback: called with each payload on the thread that delivers events (keep it
                short); without it, iterate the subscription (``async for`` or ``for``).
            maxsize: events kept for a slow reader; beyond, the oldest is dropped.
        """
        return cast(
            "Subscription[RenderProgress]",
            self._source.subscribe("render_progress", maxsize=maxsize, callback=callback),
        )

    def render_finished(
        self,
        callback: Callable[[RenderFinished], object] | None = None,
        *,
        maxsize: int = DEFAULT_QUEUE,
    ) -> Subscription[RenderFinished]:
        """A render ended; nothing follows for its `render_id`.

        Sent once per render run, after its last `render_progress`, whether it rendered or
        failed.

        Args:
            callback: called with each payload on the thread that delivers events (keep it
                short); without it, iterate the subscription (``async for`` or ``for``).
            maxsize: events kept for a slow reader; beyond, the oldest is dropped.
        """
        return cast(
            "Subscription[RenderFinished]",
            self._source.subscribe("render_finished", maxsize=maxsize, callback=callback),
        )

    def project_changed(
        self,
        callback: Callable[[ProjectChanged], object] | None = None,
        *,
        maxsize: int = DEFAULT_QUEUE,
    ) -> Subscription[ProjectChanged]:
        """The panel's own call opened, saved or closed the project.

        After Effects documents no project-opened event for panels; the panel reports only the
        changes its own host calls made.

        Args:
            callback: called with each payload on the thread that delivers events (keep it
                short); without it, iterate the subscription (``async for`` or ``for``).
            maxsize: events kept for a slow reader; beyond, the oldest is dropped.
        """
        return cast(
            "Subscription[ProjectChanged]",
            self._source.subscribe("project_changed", maxsize=maxsize, callback=callback),
        )

    def host_busy(
        self,
        callback: Callable[[HostBusyChange], object] | None = None,
        *,
        maxsize: int = DEFAULT_QUEUE,
    ) -> Subscription[HostBusyChange]:
        """A host call started or ended in ExtendScript.

        After Effects runs one host call at a time; the server reports each start and end, from
        the panel's reports of what runs, with the caller.

        Args:
            callback: called with each payload on the thread that delivers events (keep it
                short); without it, iterate the subscription (``async for`` or ``for``).
            maxsize: events kept for a slow reader; beyond, the oldest is dropped.
        """
        return cast(
            "Subscription[HostBusyChange]",
            self._source.subscribe("host_busy", maxsize=maxsize, callback=callback),
        )
