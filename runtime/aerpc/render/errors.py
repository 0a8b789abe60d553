"""The errors of a headless render: each one line, each carrying aerender's last lines."""

from __future__ import annotations

from collections.abc import Sequence

from aerpc.runtime.errors import LocalError

__all__ = [
    "AerenderNotFound",
    "ProjectNotFound",
    "RenderError",
    "RenderFailed",
    "RenderInterrupted",
]


class RenderError(LocalError):
    """A headless render did not finish. ``log_tail``: aerender's last lines of output."""

    def __init__(self, message: str, log_tail: Sequence[str] = ()):
        self.log_tail = list(log_tail)
        super().__init__(message)


class AerenderNotFound(RenderError):
    """No aerender executable where it was looked for; the message says where to point."""


class ProjectNotFound(RenderError):
    """The project file given does not exist."""


class RenderFailed(RenderError):
    """aerender ended with a failure: a non-zero exit, a signal, or an error line.

    ``exit_code`` is its exit status (negative: the signal that ended it, on POSIX).
    """

    def __init__(self, message: str, log_tail: Sequence[str] = (), *, exit_code: int):
        self.exit_code = exit_code
        super().__init__(message, log_tail)


class RenderInterrupted(RenderError):
    """The render was interrupted (Ctrl-C or a cancelled task); aerender has been ended."""
