"""Checks on the scholarly apparatus, read from the MyST sources (fast: no build needed).

* every paragraph of the memorandum has exactly one commentary, standing after it;
* every ``{cite}`` key is in ``references.bib`` and every ``.bib`` entry is cited;
* every glossary term is used through ``{term}`` outside the glossary;
* every link to the persons register and to a paragraph resolves.

The Sphinx extension makes the same commentary check during the build (a warning, so an
error under ``-W``); the register's own checks are in ``tests/test_persons.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from analysis import persons
from analysis.sphinxext.memorandum import paragraph_range

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = ROOT / "chapters"
MEMORANDUM = CHAPTERS / "memorandum.md"
GLOSSARY = CHAPTERS / "glossary.md"
BIB = ROOT / "references.bib"

DIRECTIVE = re.compile(r"^:::\{(memo-paragraphs|memo-comment)\}\s+(\S+)\s*$", re.MULTILINE)
CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
TERM = re.compile(r"\{term\}`([^`]+)`")
REF = re.compile(r"\{ref\}`(?:[^`<]*<)?([^`>]+)>?`")
BIB_KEY = re.compile(r"^@\w+\{([^,\s]+),", re.MULTILINE)


def chapter_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(CHAPTERS.glob("*.md"))}


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


def bib_keys() -> list[str]:
    return BIB_KEY.findall(BIB.read_text(encoding="utf-8"))


def cited_keys() -> Counter:
    keys = Counter()
    for text in chapter_texts().values():
        for group in CITE.findall(text):
            keys.update(k.strip() for k in group.split(","))
    # The persons register is generated from its data file: its sources are cited there.
    keys.update(p.source for p in persons.load_register() if not p.source.startswith("http"))
    return keys


def test_bib_keys_are_unique_and_enough():
    keys = bib_keys()
    assert len(keys) == len(set(keys)), "duplicate keys in references.bib"
    assert len(keys) >= 12


def test_every_cited_key_is_in_the_bibliography():
    assert sorted(set(cited_keys()) - set(bib_keys())) == []


def test_every_bibliography_entry_is_cited():
    assert sorted(set(bib_keys()) - set(cited_keys())) == []


def glossary_terms() -> list[str]:
    text = GLOSSARY.read_text(encoding="utf-8")
    block = re.search(r"```\{glossary\}\n(.*?)\n```", text, re.DOTALL).group(1)
    return [line.strip() for line in block.splitlines() if line.strip() and not line[0].isspace()]


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


def test_glossary_has_the_required_terms():
    assert set(REQUIRED_TERMS) <= set(glossary_terms())


def term_uses(include_glossary: bool = False) -> Counter:
    uses = Counter()
    for name, text in chapter_texts().items():
        if name == GLOSSARY.name and not include_glossary:
            continue
        for role in TERM.findall(text):
            target = role.rsplit("<", 1)[-1].rstrip(">") if "<" in role else role
            uses[" ".join(target.split()).lower()] += 1
    return uses


def test_every_glossary_term_is_used_outside_the_glossary():
    uses = term_uses()
    assert [t for t in glossary_terms() if uses[t.lower()] == 0] == []


def test_every_term_role_names_a_glossary_term():
    known = {t.lower() for t in glossary_terms()}
    assert sorted(set(term_uses(include_glossary=True)) - known) == []


def test_every_ref_to_a_person_or_paragraph_resolves(real_memo):
    anchors = {p.anchor for p in persons.load_register()}
    count = len(real_memo.blocks)
    for name, text in chapter_texts().items():
        for label in REF.findall(text):
            if label.startswith("person-"):
                assert label in anchors, (name, label)
            elif re.fullmatch(r"memo-[pc]\d+", label):
                assert 1 <= int(label[6:]) <= count, (name, label)
