"""Benchmark dispatcher (`python3 run.py bench [ARGS…]` runs this file).

For now every argument goes to the local .xlsx benchmark (`benchmarks/local_sync.py`):

    python3 run.py bench [--size demo|large|both] [--repeat N]
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

if __package__ in {None, ""}:  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import local_sync


def main(argv: Sequence[str]) -> int:
    """Run the benchmark the arguments ask for; the exit code of that benchmark."""
    return local_sync.main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
