"""What every tool command shares (``aerpc call``/``hosts``/``shell`` in :mod:`aerpc.console`,
``aerpc mcp`` in :mod:`aerpc.mcp`): the connection options (:mod:`.options`), the generated
package spoken for (:mod:`.package`), parameter values from the command line (:mod:`.values`),
and how results, errors and durations are printed (:mod:`.output`)."""
