"""``python -m aerpc.cli``: the same as the ``aerpc`` console script."""

from . import main

raise SystemExit(main())
