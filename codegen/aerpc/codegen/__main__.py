"""``python -m aerpc.codegen``: the same as the ``aerpc`` console script."""

from .cli import main

raise SystemExit(main())
