"""``python -m analysis.checks [--root DIR]``: run every content check, exit 1 on problems."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import CHECKS, run_checks

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.checks", description=__doc__)
    parser.add_argument(
        "--root", default=ROOT, type=Path, help="the book's root (default: this repository)"
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="CHECK",
        choices=[c.__name__.removeprefix("check_") for c in CHECKS],
        help="run only this check (repeatable): "
        + ", ".join(c.__name__.removeprefix("check_") for c in CHECKS),
    )
    args = parser.parse_args(argv)
    checks = [c for c in CHECKS if not args.only or c.__name__.removeprefix("check_") in args.only]
    problems = run_checks(args.root, checks)
    for problem in problems:
        print(problem)
    files = len({p.path for p in problems})
    if problems:
        print(f"check: {len(problems)} problem(s) in {files} file(s)", file=sys.stderr)
        return 1
    print(
        f"check: content checks passed ({', '.join(c.__name__.removeprefix('check_') for c in checks)})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
