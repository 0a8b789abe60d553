"""aerpc: typed JSON-RPC between a Python pipeline and an Adobe host application.

``aerpc.__version__`` is the installed package's version; the panel reports its own in the
hello (``aerpc hosts`` shows both). The package's parts live in three source folders (runtime,
codegen, generated) and in any folder ``aerpc generate --out`` wrote: each ``aerpc/`` folder on
``sys.path`` is part of this package, as for a namespace package, including folders put on
``sys.path`` later.
"""

from __future__ import annotations

from collections.abc import Iterator
from pkgutil import extend_path


class _LivePath(list[str]):
    """``__path__``, recomputed from ``sys.path`` whenever it is read (the way a namespace
    package's is): the folder of this file, then every ``aerpc/`` folder on ``sys.path`` now."""

    def __iter__(self) -> Iterator[str]:
        self[:] = extend_path([_HERE], __name__)
        return super().__iter__()


_HERE = __path__[0]
__path__ = _LivePath(extend_path([_HERE], __name__))


def __getattr__(name: str) -> str:
    if name == "__version__":
        from aerpc.tooling.options import version

        return version()
    raise AttributeError(f"module 'aerpc' has no attribute {name!r}")
