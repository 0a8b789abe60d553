"""Moved: the simulated After Effects is :mod:`aerpc.testing.simulator`. This path goes away in
the next release."""

from __future__ import annotations

import warnings

from aerpc.testing.simulator import *  # noqa: F403
from aerpc.testing.simulator import __all__ as __all__

warnings.warn(
    "aerpc.runtime.simulator moved to aerpc.testing.simulator", DeprecationWarning, stacklevel=2
)
