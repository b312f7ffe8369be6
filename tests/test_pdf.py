"""The printed book (_build/pdf/book.pdf) as a press would check it: a title page with the
authors and a date, contents, page numbers, every chart embedded as an image, a
bibliography, a sane length, and no line running into the margin (LaTeX's overfull boxes,
within a small budget).

These tests read what `make full` built; they never build. Look at the pages themselves with
``pdftoppm -r 60 -png _build/pdf/book.pdf /tmp/page``.
"""

from __future__ import annotations

import re
import subprocess

import pytest
import yaml
from conftest_build import HTML_DIR, LATEX_DIR, PDF_PATH, ROOT, normalize_text, require_built

pytestmark = pytest.mark.build

PAGE_RANGE = (30, 200)  # a book, not a pamphlet, and nothing duplicated wholesale
OVERFULL_BUDGET = 3  # overfull \hbox warnings in book.log (each is text in the margin)
OVERFULL_TOLERANCE_PT = 1.0  # below this an overfull box is invisible in print


@pytest.fixture(scope="module")
def pages() -> list[str]:
    """Text of each page (pdftotext -layout), in order."""
    pdf = require_built(PDF_PATH)
    out = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


@pytest.fixture(scope="module")
def config() -> dict:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def test_page_count(pages: list[str]) -> None:
    low, high = PAGE_RANGE
    assert low <= len(pages) <= high, f"{len(pages)} pages, expected {low}–{high}"


def test_title_page(pages: list[str], config: dict) -> None:
    first = normalize_text(pages[0])
    for word in re.findall(r"\w{4,}", config["title"]):
        assert word in first, f"title page lacks {word!r} of the title:\n{pages[0]}"
    assert normalize_text(config["author"]) in first, f"title page lacks the authors:\n{pages[0]}"
    assert re.search(r"\b(19|20)\d\d\b", first), f"title page has no date:\n{pages[0]}"


def test_contents(pages: list[str]) -> None:
    front = [normalize_text(p) for p in pages[:6]]
    contents = [i for i, p in enumerate(front) if p.lower().startswith("contents")]
    assert contents, "no contents page among the first pages"
    listing = " ".join(front[contents[0] :])
    for chapter in ("The memorandum", "Bibliography"):
        assert chapter.lower() in listing.lower(), f"contents do not list {chapter!r}"


def _page_number_of(text: str) -> set[int]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    edge = lines[:2] + lines[-2:]
    return {int(n) for line in edge for n in re.findall(r"(?<![\w.])(\d{1,3})(?![\w.])", line)}


def test_page_numbers(pages: list[str]) -> None:
    """From the first page numbered 1 on, (nearly) every page prints its own number."""
    numbers = [_page_number_of(p) for p in pages]
    start = next((i for i, n in enumerate(numbers) if 1 in n and i > 0), None)
    assert start is not None, "no page is numbered 1"
    body = [(i - start + 1, numbers[i]) for i in range(start, len(pages)) if pages[i].strip()]
    missing = [n for n, found in body if n not in found]
    # Part and chapter openings may be unnumbered.
    assert len(missing) <= len(body) // 8, f"pages without their number: {missing}"


def _html_chart_count() -> int:
    require_built(HTML_DIR)
    ids: set[str] = set()
    for page in HTML_DIR.rglob("*.html"):
        ids |= set(re.findall(r'id="(altair-viz-[0-9a-f]+)"', page.read_text(encoding="utf-8")))
    return len(ids)


def test_charts_are_embedded_as_images() -> None:
    out = subprocess.run(
        ["pdfimages", "-list", str(require_built(PDF_PATH))],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    images = [r for r in rows if r[2] == "image"]
    charts = _html_chart_count()
    assert charts > 0, "the HTML has no chart to compare with"
    assert len(images) >= charts, f"{len(images)} images in the PDF for {charts} charts"
    for r in images:
        width, height, x_ppi = int(r[3]), int(r[4]), int(r[12])
        assert width >= 300 and height >= 100, f"image on page {r[0]} is {width}x{height} px"
        # Printed at 150 ppi or more: sharp, and not shrunk to a stamp or blown up.
        assert x_ppi >= 150, f"image on page {r[0]} prints at {x_ppi} ppi"


def test_bibliography(pages: list[str]) -> None:
    text = normalize_text("\n".join(pages[-12:]))
    assert "Bibliography" in text or "BIBLIOGRAPHY" in text
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    authors = re.findall(r"author\s*=\s*[{\"]\s*\{?([A-Z][\w-]+)", bib)
    assert authors, "references.bib lists no author"
    found = [a for a in set(authors) if a in text]
    assert len(found) >= min(3, len(set(authors))), f"bibliography shows only {found}"


def test_no_text_runs_into_the_margin() -> None:
    log = require_built(LATEX_DIR / "book.log").read_text(encoding="utf-8", errors="replace")
    boxes = re.findall(r"^Overfull \\hbox \(([\d.]+)pt too wide\) (.*)$", log, re.M)
    visible = [(float(pt), where) for pt, where in boxes if float(pt) >= OVERFULL_TOLERANCE_PT]
    assert len(visible) <= OVERFULL_BUDGET, (
        f"{len(visible)} overfull boxes (budget {OVERFULL_BUDGET}) in _build/latex/book.log:\n"
        + "\n".join(f"{pt:.1f}pt {where}" for pt, where in visible)
        + "\nfind the text at those lines of _build/latex/book.tex"
    )


def test_pages_share_one_size() -> None:
    out = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "9999", str(require_built(PDF_PATH))],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    sizes = set(re.findall(r"Page\s+\d+ size:\s+(.*)", out))
    assert len(sizes) == 1, f"pages of different sizes: {sizes}"
