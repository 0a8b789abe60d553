"""Command-line tools that reach After Effects through a running pipeline's server:
``aerpc call`` and ``aerpc hosts`` (:mod:`.call`), ``aerpc shell`` (:mod:`.shell`); ``aerpc
mcp`` is :mod:`aerpc.cli.mcp`. They are rows of ``aerpc.cli.COMMANDS``; what they share with it
is :mod:`aerpc.tooling`.

Each connects as a ``tool`` (``--url``/``--token`` or ``AERPC_URL``/``AERPC_TOKEN``) and calls
through the server's relay (``aerpc serve`` relays).
"""
