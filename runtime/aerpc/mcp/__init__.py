"""aerpc as a Model Context Protocol server: a schema's host methods as MCP tools.

The tool table is generated (``aerpc.aftereffects.mcp_tools.TOOLS``); :mod:`.server` serves it
over any host channel with the ``mcp`` SDK (``pip install 'aerpc[mcp]'``), and ``aerpc mcp``
runs it over stdio. This package imports the SDK only in :mod:`.server`.
"""

from .tools import ToolSpec, select_tools

__all__ = ["ToolSpec", "select_tools"]
