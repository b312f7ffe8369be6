"""Helpers for tests that read the built book (they never build it: `make test` does).

Import them in a test module with ``from conftest_build import built_html_text, pdf_text``
(pytest puts ``tests/`` on ``sys.path``), or use the fixtures of the same purpose that
``tests/conftest.py`` defines in its "build outputs" section.

- ``built_html_text(page)``: the reading text of one HTML page's article, e.g.
  ``built_html_text("chapters/memorandum")``.
- ``pdf_text()``: the text of the whole PDF, from ``pdftotext``.
- ``normalize_text(s)``: fold the typographic differences between the source, the HTML
  and the PDF (curly quotes, dashes, ligatures, non-breaking spaces, whitespace), so a
  paragraph of the source can be looked for with ``normalize_text(p) in normalize_text(t)``.
  For the PDF, also ``dehyphenate=True`` (LaTeX breaks words across lines with a hyphen).
"""

from __future__ import annotations

import functools
import re
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "_build"
HTML_DIR = BUILD / "html"
LATEX_DIR = BUILD / "latex"
PDF_PATH = BUILD / "pdf" / "book.pdf"
LOG_DIR = BUILD / "logs"

BUILD_HINT = "build the book first: `make test` builds it (or `make full` / `make html pdf`)"


def require_built(path: Path) -> Path:
    """Return ``path``, failing the test (not skipping it) if the build did not produce it."""
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} does not exist: {BUILD_HINT}", pytrace=False)
    return path


def html_pages() -> list[Path]:
    """Every HTML page of the book (not the files under _static/)."""
    require_built(HTML_DIR)
    return sorted(
        p for p in HTML_DIR.rglob("*.html") if "_static" not in p.relative_to(HTML_DIR).parts
    )


def html_path(page: str) -> Path:
    """``"chapters/memorandum"`` (or ``"chapters/memorandum.html"``) -> its built file."""
    name = page if page.endswith(".html") else page + ".html"
    return require_built(HTML_DIR / name)


# Elements whose text is not reading text.
_SKIP_TAGS = {"script", "style", "template", "noscript", "svg", "button"}
_SKIP_CLASSES = {"headerlink", "toggle-details__summary", "copybtn", "visually-hidden"}
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "pre",
    "table",
    "td",
    "th",
    "tr",
    "ul",
}
_VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}


class _ArticleText(HTMLParser):
    """Collect the text inside ``<article role="main">`` (the whole ``<body>`` with ``whole_page``)."""

    def __init__(self, whole_page: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.whole_page = whole_page
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, inside article, skipping)
        self.parts: list[str] = []

    def _state(self) -> tuple[bool, bool]:
        return (self.stack[-1][1], self.stack[-1][2]) if self.stack else (self.whole_page, False)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        inside, skipping = self._state()
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        if tag == "article" and ("bd-article" in classes or a.get("role") == "main"):
            inside = True
        skipping = skipping or tag in _SKIP_TAGS or bool(classes & _SKIP_CLASSES)
        if tag in _BLOCK_TAGS and inside and not skipping:
            self.parts.append("\n")
        if tag not in _VOID_TAGS:
            self.stack.append((tag, inside, skipping))

    def handle_endtag(self, tag: str) -> None:
        # Pop to the matching start tag (tolerates unclosed <p>, <li> and the like).
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                inside, skipping = self.stack[i][1], self.stack[i][2]
                del self.stack[i:]
                if tag in _BLOCK_TAGS and inside and not skipping:
                    self.parts.append("\n")
                return

    def handle_data(self, data: str) -> None:
        inside, skipping = self._state()
        if inside and not skipping:
            self.parts.append(data)


@functools.cache
def built_html_text(page: str, whole_page: bool = False) -> str:
    """Reading text of a built page: the article only (no navigation, scripts, ¶ links).

    Blocks are separated by newlines and runs of spaces collapsed, but the text is not
    otherwise normalised: use ``normalize_text`` for comparisons.
    """
    parser = _ArticleText(whole_page)
    parser.feed(html_path(page).read_text(encoding="utf-8"))
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\s*\n\s*", "\n", text).strip()


@functools.cache
def pdf_text(layout: bool = False) -> str:
    """Text of the built PDF (``pdftotext``, UTF-8; pages separated by form feeds)."""
    pdf = require_built(PDF_PATH)
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200b": "",
        "\u00ad": "",
        "\u00b6": "",
    }
)


def normalize_text(text: str, dehyphenate: bool = False) -> str:
    """Fold typography so that source, HTML and PDF text compare equal.

    NFKC (ligatures such as "ﬁ" -> "fi"), straight quotes, every dash -> "-", no soft
    hyphens or zero-width spaces, all whitespace runs -> one space. With ``dehyphenate``,
    a hyphen at the end of a line joins the two halves ("memo-\\nrandum" -> "memorandum"):
    use it for PDF text, knowing that it also joins a real hyphen that fell at a line end.
    """
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    if dehyphenate:
        text = re.sub(r"(\w)-\n\s*(\w)", r"\1\2", text)
    return re.sub(r"\s+", " ", text).strip()
