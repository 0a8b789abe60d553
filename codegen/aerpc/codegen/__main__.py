"""``python -m aerpc.codegen``: the same as the ``aerpc`` console script."""

from aerpc.cli import main

raise SystemExit(main())
