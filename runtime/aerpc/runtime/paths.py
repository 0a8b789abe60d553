"""Which file paths a call may carry: the rules for the params a schema marks as paths.

A param of ``"format": "path"`` (or an array of them) names a file After Effects opens,
writes or renders to. A tool or a model can be told to send any string there, so a server
refuses, in calls that come from tools (the relay, ``aerpc mcp``), three kinds of path unless
its :class:`PathPolicy` allows them:

- ``relative``: not absolute (``shot.aep``, ``C:shot.aep``); After Effects would resolve it
  against a folder the caller does not know;
- ``parent``: a ``..`` step, with either separator (``/shots/../../etc``);
- ``unc``: a network path (``\\\\host\\share\\…``, ``//host/share/…``, ``\\\\?\\…``): on
  Windows, opening one sends the user's credentials to that host over SMB.

Sans-I/O: strings in, errors out; nothing here touches a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Final

from .codec import clip
from .errors import InvalidParams
from .validation import ErrorList, json_pointer, where

__all__ = ["ALLOW_ALL_PATHS", "PATH_KINDS", "STRICT_PATHS", "PathPolicy"]

PATH_KINDS: Final = ("relative", "parent", "unc")
"""The kinds of path a :class:`PathPolicy` may allow, as named in ``--allow-paths``."""

_SEPARATORS = re.compile(r"[\\/]")
_DRIVE_ABSOLUTE = re.compile(r"^[A-Za-z]:[\\/]")


@dataclass(frozen=True, slots=True)
class PathPolicy:
    """The kinds of path param a server accepts from tools; each False one is refused."""

    relative: bool = False
    parent: bool = False
    unc: bool = False

    @classmethod
    def allowing(cls, kinds: Iterable[str]) -> PathPolicy:
        """The policy that allows ``kinds`` (names of :data:`PATH_KINDS`, or ``all``);
        ValueError naming the choices for any other name."""
        names = {kind.strip() for kind in kinds if kind.strip()}
        if "all" in names:
            names = set(PATH_KINDS) | (names - {"all"})
        unknown = names - set(PATH_KINDS)
        if unknown:
            raise ValueError(
                f"no such kind of path: {', '.join(sorted(unknown))} "
                f"(choose from {', '.join(PATH_KINDS)}, or all)"
            )
        return cls(**{kind: True for kind in names})

    def rule_broken(self, path: str) -> str | None:
        """Why ``path`` is refused (one sentence naming the rule and the way out), or None."""
        if not self.unc and _is_unc(path):
            return (
                "a network (UNC) path is refused: opening it sends the user's credentials to "
                "that host (allow_paths: 'unc')"
            )
        if not self.relative and not _is_absolute(path):
            return "a relative path is refused: give an absolute one (allow_paths: 'relative')"
        if not self.parent and _steps_up(path):
            return "a path with a '..' step is refused: give it without (allow_paths: 'parent')"
        return None

    def errors(self, path_params: AbstractSet[str], params: Mapping[str, object]) -> ErrorList:
        """One error (``{"path": JSON pointer, "message"}``) per refused path in ``params``
        (``path_params``: the names of those that are paths)."""
        found: ErrorList = []
        for name in sorted(path_params & params.keys()):
            value = params[name]
            items = enumerate(value) if isinstance(value, list | tuple) else [(None, value)]
            for index, path in items:
                if not isinstance(path, str):
                    continue  # the schema's check names it
                problem = self.rule_broken(path)
                if problem is not None:
                    at = [name] if index is None else [name, index]
                    found.append(
                        {"path": json_pointer(at), "message": f"{clip(path)!r}: {problem}"}
                    )
        return found

    def refusal(
        self, method: str, path_params: AbstractSet[str], params: Mapping[str, object]
    ) -> InvalidParams | None:
        """The ``-32602`` error for a call of ``method`` whose params hold a refused path
        (``data.errors`` lists each, by JSON pointer), or None when every path passes."""
        if not path_params or self.allows_all:
            return None
        errors = self.errors(path_params, params)
        if not errors:
            return None
        return InvalidParams(
            f"{method}: a path param breaks the path rules {where(errors)}",
            {"errors": errors},
        )

    @property
    def allows_all(self) -> bool:
        return self.relative and self.parent and self.unc


STRICT_PATHS: Final = PathPolicy()
"""The default: no relative path, no ``..`` step, no UNC path."""

ALLOW_ALL_PATHS: Final = PathPolicy(relative=True, parent=True, unc=True)
"""No path refused."""


def _is_unc(path: str) -> bool:
    """``\\\\host\\share``, ``//host/share``, and the ``\\\\?\\`` / ``\\\\.\\`` forms: two
    separators (of either kind) first."""
    return len(path) >= 2 and path[0] in "\\/" and path[1] in "\\/"


def _is_absolute(path: str) -> bool:
    """``/x`` (POSIX, or rooted on the current drive on Windows) or ``C:\\x``/``C:/x``."""
    return path[:1] in ("/", "\\") or bool(_DRIVE_ABSOLUTE.match(path))


def _steps_up(path: str) -> bool:
    """Whether a part of ``path``, split at either separator, goes up: ``..``, and the
    forms Windows reads as ``..`` (trailing dots and spaces are dropped there)."""
    return any(part.count(".") >= 2 and not part.strip(". ") for part in _SEPARATORS.split(path))
