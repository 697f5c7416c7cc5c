"""Benchmark dispatcher (`python3 run.py bench [ARGS…]` runs this file).

Local .xlsx benchmark (`benchmarks/local_sync.py`):

    python3 run.py bench [--size demo|large|both] [--repeat N]

Google path, nastavnik against a naive gspread script (`benchmarks/google_compare.py`):

    python benchmarks/run.py --size typical          # Google comparison only
    python benchmarks/run.py --size large            # local large, then the Google comparison
    python benchmarks/run.py google [--size typical|large] [--sample N]

Memory of the long-running `schedule` process over many nightly syncs (`google_memory.py`):

    python benchmarks/run.py memory [--syncs 50]
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
    args = list(argv)
    if args[:1] == ["google"]:
        return _google(args[1:])
    if args[:1] == ["memory"]:
        from benchmarks import google_memory

        return google_memory.main(args[1:])
    size = _size(args)
    if size == "typical":
        return _google(args)
    if size == "large":
        local = _without(args, "--sample")
        return local_sync.main(local) or _google(["--size", "large", *_only(args, "--sample")])
    return local_sync.main(argv)


def _google(args: Sequence[str]) -> int:
    from benchmarks import google_compare

    return google_compare.main(args)


def _size(args: Sequence[str]) -> str:
    for index, arg in enumerate(args):
        if arg == "--size" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--size="):
            return arg.split("=", 1)[1]
    return ""


def _only(args: Sequence[str], option: str) -> list[str]:
    """`option VALUE` from args (empty when absent)."""
    if option in args and args.index(option) + 1 < len(args):
        return [option, args[args.index(option) + 1]]
    return []


def _without(args: Sequence[str], option: str) -> list[str]:
    """args without `option VALUE`."""
    found = _only(args, option)
    if not found:
        return list(args)
    at = list(args).index(option)
    return [*args[:at], *args[at + 2 :]]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
