"""Moved: the fake panel is :class:`aerpc.testing.FakePanel` (``HostPeer`` was its name). This
path goes away in the next release."""

from __future__ import annotations

import warnings

from aerpc.testing.fake_panel import FakePanel

__all__ = ["FakePanel", "HostPeer"]

HostPeer = FakePanel

warnings.warn(
    "aerpc.runtime.testing.HostPeer moved to aerpc.testing.FakePanel",
    DeprecationWarning,
    stacklevel=2,
)
