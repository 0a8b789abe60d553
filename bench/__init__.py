"""Benchmarks of aerpc against raw aiohttp and wsrpc-aiohttp (``make bench``)."""
