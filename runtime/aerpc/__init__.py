"""aerpc: typed JSON-RPC between a Python pipeline and an Adobe host application.

``aerpc.__version__`` is the installed package's version; the panel reports its own in the
hello (``aerpc hosts`` shows both). The package's parts live in three source folders (runtime,
codegen, generated), joined here into one package.
"""

from __future__ import annotations

from pkgutil import extend_path

__path__ = extend_path(__path__, __name__)


def __getattr__(name: str) -> str:
    if name == "__version__":
        from aerpc.tooling.options import version

        return version()
    raise AttributeError(f"module 'aerpc' has no attribute {name!r}")
