"""Checks on the scholarly apparatus, read from the MyST sources (fast: no build needed).

* every paragraph of the memorandum has exactly one commentary, standing after it;
* every ``{cite}`` key is in ``references.bib`` and every ``.bib`` entry is cited, every
  glossary term is used through ``{term}`` outside the glossary, and every link to the
  persons register and to a paragraph resolves: the book's content checks
  (:mod:`analysis.checks`, also run by ``make check``) on this repository.

The Sphinx extension makes the same commentary check during the build (a warning, so an
error under ``-W``); the register's own checks are in ``tests/test_persons.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from analysis.checks import Book, content, run_checks
from analysis.sphinxext.memorandum import paragraph_range

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
MEMORANDUM = CHAPTERS / "memorandum.md"

DIRECTIVE = re.compile(r"^:::\{(memo-paragraphs|memo-comment)\}\s+(\S+)\s*$", re.MULTILINE)


@pytest.fixture(scope="module")
def directives(real_memo):
    text = MEMORANDUM.read_text(encoding="utf-8")
    count = len(real_memo.blocks)
    return [
        (kind, list(paragraph_range(arg, count)), m.start())
        for m in DIRECTIVE.finditer(text)
        for kind, arg in [m.groups()]
    ]


def test_every_paragraph_has_exactly_one_commentary(directives, real_memo):
    counts = Counter(
        n for kind, numbers, _ in directives if kind == "memo-comment" for n in numbers
    )
    everyone = range(1, len(real_memo.blocks) + 1)
    assert [n for n in everyone if counts[n] == 0] == [], "paragraphs without commentary"
    assert [n for n in everyone if counts[n] > 1] == [], "paragraphs with two commentaries"


def test_each_commentary_follows_the_paragraphs_it_comments(directives):
    shown: set[int] = set()
    for kind, numbers, _ in directives:
        if kind == "memo-paragraphs":
            shown.update(numbers)
        else:
            assert set(numbers) <= shown, f"commentary on {numbers} stands before its text"


def test_commentaries_are_not_empty_and_stay_short():
    text = MEMORANDUM.read_text(encoding="utf-8")
    bodies = re.findall(r"^:::\{memo-comment\}[^\n]*\n(.*?)^:::$", text, re.MULTILINE | re.DOTALL)
    assert bodies
    for body in bodies:
        words = len(body.split())
        assert 15 <= words <= 160, body[:60]


@pytest.fixture(scope="module")
def book() -> Book:
    return Book(ROOT)


@pytest.mark.parametrize(
    "check",
    [
        content.check_citations,
        content.check_bibliography,
        content.check_glossary,
        content.check_references,
    ],
    ids=lambda check: check.__name__,
)
def test_the_apparatus_passes_the_content_check(check):
    assert [str(p) for p in run_checks(ROOT, [check])] == []


def test_the_bibliography_has_enough_entries(book):
    assert len(book.bib_entries) >= 12


REQUIRED_TERMS = [
    "détente",
    "SALT",
    "Moscow Summit of 1972",
    "Agreement on the Prevention of Nuclear War",
    "grain embargo",
    "Carter Doctrine",
    "portion marking",
    "Executive Order 12065",
    "NSC",
    "buffer state",
]


def test_glossary_has_the_required_terms(book):
    assert {t.lower() for t in REQUIRED_TERMS} <= book.glossary_terms
