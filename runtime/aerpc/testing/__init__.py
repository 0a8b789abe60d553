"""Helpers for testing pipeline code without After Effects.

* :class:`FakePanel` (:mod:`.fake_panel`): a Python stand-in for the panel, serving host methods
  from a Python object.
* :mod:`.simulator`: the real generated panel in node over a simulated After Effects
  (:class:`~.simulator.SimulatedPanel`), and ``aerpc serve`` in a process of its own
  (:class:`~.simulator.ServeProcess`).

Importing this package loads neither (aiohttp, subprocesses): import the module you use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .fake_panel import FakePanel

__all__ = ["FakePanel"]


def __getattr__(name: str) -> Any:
    if name == "FakePanel":
        from .fake_panel import FakePanel

        return FakePanel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
