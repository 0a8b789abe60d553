"""The entry point of ``make bench``: ``.venv/bin/python bench/run.py [--quick] [...]``.

See bench/README.md for the method, and ``bench/run.py --help`` for the options.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.main import main

    raise SystemExit(main())
