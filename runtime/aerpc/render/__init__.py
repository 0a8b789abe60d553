"""Headless renders with Adobe's ``aerender``, their progress as :class:`RenderProgress`.

See docs/render.md. ``aerpc render`` (:mod:`aerpc.cli.render`) is the command line.
"""

from __future__ import annotations

from .aerender import ENV_VAR, RenderJob, find_aerender, render, render_async
from .errors import (
    AerenderNotFound,
    ProjectNotFound,
    RenderError,
    RenderFailed,
    RenderInterrupted,
)
from .progress import AerenderParser, RenderProgress, RenderStatus, percent

__all__ = [
    "ENV_VAR",
    "AerenderNotFound",
    "AerenderParser",
    "ProjectNotFound",
    "RenderError",
    "RenderFailed",
    "RenderInterrupted",
    "RenderJob",
    "RenderProgress",
    "RenderStatus",
    "find_aerender",
    "percent",
    "render",
    "render_async",
]
