"""Fast content checks for the book (``make check``; ``python -m analysis.checks``).

Each check is a function ``check_*(book) -> list[Problem]`` in :mod:`.content`; a
:class:`Problem` prints as ``path:line: message (fix: …)``. They read the chapters' MyST
text with :mod:`.myst` and never build the book.
"""

from __future__ import annotations

from pathlib import Path

from .content import CHECKS
from .core import Book, Problem

__all__ = ["CHECKS", "Book", "Problem", "run_checks"]


def run_checks(root: Path | str, checks=None) -> list[Problem]:
    """Every problem that the checks find in the book under ``root``, sorted by file and line."""
    book = Book(root)
    problems: list[Problem] = []
    for check in checks or CHECKS:
        problems += check(book)
    problems += book.errors
    return sorted(set(problems))
