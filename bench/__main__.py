"""``make bench`` (all) or ``make bench BENCH=draw``: run the benchmarks and print their ratios.

A benchmark is a module ``bench/<name>.py`` with ``run() -> Result``; it measures its own
floor in the same run, because this machine is shared and noisy.
"""

import importlib
import os
import pkgutil
import sys
from pathlib import Path

import django


def main(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eduenforce.settings")
    django.setup()
    here = Path(__file__).parent
    names = argv or sorted(m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_"))
    failed = False
    for name in names:
        result = importlib.import_module(f"bench.{name}").run()
        print(result.line(), flush=True)
        failed |= not result.passed
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
