"""The built book shows the memorandum as the model reads it: every block, marking, page
break and note, in the HTML and in the PDF. Reads the outputs of `make test`'s build."""

from __future__ import annotations

import copy
import re

import pytest
from bs4 import BeautifulSoup
from conftest_build import html_path, normalize_text, pdf_text

from analysis import edition

pytestmark = pytest.mark.build
MEMO = edition.memorandum()
BLOCKS = [pytest.param(block, id=f"p{block.n}") for block in MEMO.blocks]
APPARATUS = ".frus-parnum, .frus-marking, sup.frus-noteref, .frus-page, .frus-commentref"


@pytest.fixture(scope="module")
def page() -> BeautifulSoup:
    return BeautifulSoup(
        html_path("chapters/memorandum").read_text(encoding="utf-8"), "html.parser"
    )


@pytest.mark.parametrize("block", BLOCKS)
def test_html_block_reads_exactly_as_the_model(page, block):
    element = page.find(id=f"p{block.n}")
    assert element is not None, f"no anchor #p{block.n}"
    element = copy.copy(element)  # the page is shared by the module's tests
    for apparatus in element.select(APPARATUS):
        apparatus.decompose()
    assert re.sub(r"\s+", " ", element.get_text()).strip() == block.text


@pytest.mark.parametrize("block", BLOCKS)
def test_html_block_carries_its_marking_page_breaks_and_notes(page, block):
    element = page.find(id=f"p{block.n}")
    badges = [
        b.find(attrs={"aria-hidden": "true"}).get_text() for b in element.select(".frus-marking")
    ]
    assert badges == ([f"({block.marking})"] if block.marking else [])
    assert [p["data-page"] for p in element.select(".frus-page")] == [
        b.page for b in block.page_breaks
    ]
    assert [a.get_text() for a in element.select("sup.frus-noteref a")] == [
        str(r.n) for r in block.footnote_refs
    ]
    assert element.select_one("a.frus-parnum")["href"] == f"#p{block.n}"


def test_html_notes_link_every_cited_document(page):
    notes = page.select(".frus-notes li")
    assert [li["id"] for li in notes] == [f"frus-note-{note.n}" for note in MEMO.notes]
    links = [a["href"] for li in notes for a in li.select("a[href^='https://history.state.gov']")]
    assert links == [link for note in MEMO.notes for link in note.links]


def _pdf_comparable(text: str) -> str:
    """Both sides folded alike: typography, the edition's marks, and digits glued to words
    (note numbers in the PDF, but also the "80" of "’80s" on both sides)."""
    # Dashes get spaces first, so that a line ending on "Daoud—" is not taken for a hyphenation.
    text = normalize_text(re.sub(r"[—–]", " - ", text), dehyphenate=True)
    text = re.sub(r"¶\d+|\[Page \d+\]", " ", text).replace("|", "")
    text = re.sub(r"(?<=[^\W\d])\d+|(?<=[.,:;\"'])\d+", "", text)
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def pdf() -> str:
    return _pdf_comparable(pdf_text())


PAGE_TURN = 250  # words a page turn may insert: running heads, page number, footnotes


@pytest.mark.parametrize("block", BLOCKS)
def test_pdf_has_every_word_of_the_block_in_order(pdf, block):
    """The block's words appear in the PDF in order, each close after the one before: only a
    page turn (running heads, page number, footnotes) may come between two of them."""
    words = pdf.split()
    expected = _pdf_comparable(block.text).split()
    opening = " ".join(expected[:12])
    assert opening in pdf, f"¶{block.n} opening {opening!r} missing from the PDF"
    position = len(pdf[: pdf.index(opening)].split())
    for word in expected:
        window = words[position : position + PAGE_TURN]
        assert word in window, (
            f"¶{block.n}: {word!r} missing after {' '.join(words[position - 8 : position])!r}"
        )
        position += window.index(word) + 1


def test_pdf_shows_the_markings_and_the_restored_head(pdf):
    for marking in {b.marking for b in MEMO.blocks if b.marking}:
        assert f"({marking})" in pdf
    assert _pdf_comparable(edition.field("dateline")) in pdf
    for heading in edition.field("list_headings").values():
        assert heading in pdf
