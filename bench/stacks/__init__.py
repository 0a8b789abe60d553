"""One module per stack: the pipeline side (the caller, CPU 0) and the panel side (the peer, CPU 1).

Every pipeline side ends in a :class:`~bench.stacks.base.Caller`: ``small()`` and ``big()``
coroutines and ``small_blocking()`` for a plain thread. Every peer answers ``get_items`` with
:data:`bench.common.SMALL_REPLY` or, when all three flags are true, 10,000 ProjectItems.
"""
