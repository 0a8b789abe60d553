"""Command-line tools that reach After Effects through a running pipeline's server:
``aerpc call`` and ``aerpc hosts`` (:mod:`.call`), ``aerpc shell`` (:mod:`.shell`); ``aerpc
mcp`` is :mod:`aerpc.mcp.cli`. They are rows of ``aerpc.cli.COMMANDS``.

Each connects as a ``tool`` (``--url``/``--token`` or ``AERPC_URL``/``AERPC_TOKEN``) and calls
through the server's relay (``aerpc serve`` relays).
"""
