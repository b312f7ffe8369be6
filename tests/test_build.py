"""The built book: clean build logs, no read-time requests to other hosts, a readable PDF.

These tests read what `make test` (through `make full`) built: _build/html, _build/pdf/book.pdf
and the logs in _build/logs. They never build anything themselves.
"""

from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest_build import (
    HTML_DIR,
    LATEX_DIR,
    LOG_DIR,
    PDF_PATH,
    ROOT,
    html_pages,
    normalize_text,
    pdf_text,
    require_built,
)

pytestmark = pytest.mark.build

# ---------------------------------------------------------------------------------------------
# Build logs (written by scripts/build.sh, one per builder, colours stripped)

# Lines that contain WARNING/ERROR but are not Sphinx problems. Keep this list short and exact.
ALLOWED_LOG_LINES = [
    # ipykernel 7 says this on every kernel start; the kernel only listens on 127.0.0.1.
    re.compile(r"^\[IPKernelApp\] WARNING \| Kernel is running over TCP without encryption\."),
]
PROBLEM = re.compile(r"WARNING|ERROR|CRITICAL|Traceback \(most recent call last\)")
# Jupyter Book's closing message, which it prints only when Sphinx (and, for the PDF, latexmk)
# succeeded; Sphinx's own "build succeeded." comes earlier (LaTeX output follows it).
FINISHED = {
    "html": "Finished generating HTML for book.",
    "pdf": "A PDF of your book can be found at:",
}


def _log(name: str) -> str:
    return require_built(LOG_DIR / f"{name}.log").read_text(encoding="utf-8", errors="replace")


@pytest.mark.parametrize("name", ["html", "pdf"])
def test_build_log_has_no_warnings(name: str) -> None:
    problems = [
        line
        for line in _log(name).splitlines()
        if PROBLEM.search(line) and not any(p.search(line) for p in ALLOWED_LOG_LINES)
    ]
    assert not problems, f"_build/logs/{name}.log:\n" + "\n".join(problems)


@pytest.mark.parametrize("name", ["html", "pdf"])
def test_build_log_ends_in_success(name: str) -> None:
    log = _log(name)
    tail = "\n".join(log.strip().splitlines()[-25:])
    assert "build succeeded." in log, f"Sphinx did not report success in _build/logs/{name}.log"
    assert FINISHED[name] in tail, (
        f"{FINISHED[name]!r} is not among the last lines of _build/logs/{name}.log"
    )
    assert "returns a non-zero exit code" not in log
    assert (LOG_DIR / f"{name}.ok").exists(), f"scripts/build.sh did not record success for {name}"


def test_build_was_full() -> None:
    """The gate's logs come from a full Sphinx pass: incremental -W misses old warnings."""
    for name in ("html", "pdf"):
        command = _log(name).split("\n", 1)[0]
        assert "jupyter-book build" in command and " --all" in command, (
            f"_build/logs/{name}.log is not from a full (--all) build: run `make test`\n{command}"
        )


# ---------------------------------------------------------------------------------------------
# HTML: nothing fetched from another host while a page is read

EXTERNAL = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
# <link rel=...> values that make the browser fetch the target when the page loads.
FETCHING_RELS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "prefetch",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "manifest",
    "preconnect",
    "dns-prefetch",
}
CSS_URL = re.compile(
    r"""url\(\s*(["']?)(.*?)\1\s*\)|@import\s+(["'])(.*?)\3""", re.IGNORECASE | re.DOTALL
)
VEGA_BUNDLE = "_static/vega-offline.js"
ALTAIR_CDN = "https://cdn.jsdelivr.net/npm/vega"


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fetched: list[tuple[str, str]] = []  # (tag, url) loaded with the page
        self.script_srcs: list[str] = []
        self.inline_scripts: list[str] = []
        self.styles: list[str] = []  # <style> blocks and style="" attributes
        self._in: str | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if a.get("style"):
            self.styles.append(a["style"])
        if tag == "script":
            if a.get("src"):
                self.script_srcs.append(a["src"])
                self.fetched.append((tag, a["src"]))
            else:
                self._in, self._buf = "script", []
        elif tag == "style":
            self._in, self._buf = "style", []
        elif tag == "link":
            rels = set(a.get("rel", "").lower().split())
            if rels & FETCHING_RELS and a.get("href"):
                self.fetched.append((f"link rel={a['rel']}", a["href"]))
        elif tag in {"img", "iframe", "source", "video", "audio", "embed", "track", "input"}:
            for attr in ("src", "poster"):
                if a.get(attr):
                    self.fetched.append((tag, a[attr]))
            for part in a.get("srcset", "").split(","):
                if part.strip():
                    self.fetched.append((tag, part.split()[0]))
        elif tag == "object" and a.get("data"):
            self.fetched.append((tag, a["data"]))

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buf.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._in == tag:
            (self.inline_scripts if tag == "script" else self.styles).append("".join(self._buf))
            self._in = None


def _resources(page: Path) -> _Resources:
    parser = _Resources()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser


def _external_css_urls(css: str) -> list[str]:
    urls = [m.group(2) if m.group(2) is not None else m.group(4) for m in CSS_URL.finditer(css)]
    return [u for u in urls if EXTERNAL.match(u)]


def _rel(p: Path) -> str:
    return str(p.relative_to(HTML_DIR))


def _is_redirect(page: Path) -> bool:
    """sphinx-external-toc writes index.html as a bare meta-refresh to the root page."""
    text = page.read_text(encoding="utf-8")
    return len(text) < 300 and 'http-equiv="Refresh"' in text


def test_html_pages_exist() -> None:
    pages = [_rel(p) for p in html_pages()]
    assert "index.html" in pages
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    assert f"{toc['root']}.html" in pages


def test_html_fetches_nothing_from_other_hosts() -> None:
    problems = []
    for page in html_pages():
        res = _resources(page)
        problems += [
            f"{_rel(page)}: <{tag}> {url}" for tag, url in res.fetched if EXTERNAL.match(url)
        ]
        for css in res.styles:
            problems += [f"{_rel(page)}: inline CSS {u}" for u in _external_css_urls(css)]
    assert not problems, "pages load resources from other hosts:\n" + "\n".join(problems)


def test_local_css_fetches_nothing_from_other_hosts() -> None:
    problems = []
    for css in sorted(HTML_DIR.rglob("*.css")):
        problems += [
            f"{_rel(css)}: {u}" for u in _external_css_urls(css.read_text(encoding="utf-8"))
        ]
    assert not problems, "stylesheets import or url() other hosts:\n" + "\n".join(problems)


def _bundle_preset() -> dict[str, str]:
    bundle = HTML_DIR / VEGA_BUNDLE
    assert bundle.exists(), f"{VEGA_BUNDLE} is missing: is analysis.sphinxext.vega_offline enabled?"
    text = bundle.read_text(encoding="utf-8")
    m = re.search(
        r"window\.VEGA_DEBUG = Object\.assign\(window\.VEGA_DEBUG \|\| \{\}, (\{.*?\})\);\s*$", text
    )
    assert m, f"{VEGA_BUNDLE} does not preset window.VEGA_DEBUG at its end"
    assert text.split("\n", 2)[1].startswith("(function"), f"{VEGA_BUNDLE} is not IIFE-wrapped"
    return json.loads(m.group(1))


def test_vega_bundle_is_loaded_exactly_on_the_pages_with_charts() -> None:
    """The 898 KB offline bundle is in the <head> of every page that draws a chart, and of
    no other page (a reader of the memorandum does not download it)."""
    _bundle_preset()
    wrong = []
    for page in html_pages():
        if _is_redirect(page):
            continue
        resources = _resources(page)
        has_chart = any("vegaEmbed" in script for script in resources.inline_scripts)
        loads = any(s.split("?")[0].endswith(VEGA_BUNDLE) for s in resources.script_srcs)
        if has_chart != loads:
            wrong.append(f"{_rel(page)} (chart: {has_chart}, bundle: {loads})")
    assert not wrong, f"bundle loaded on the wrong pages: {wrong}"
    assert any("vegaEmbed" in s for p in html_pages() for s in _resources(p).inline_scripts)


def test_altair_cdn_urls_are_never_fetched() -> None:
    """Altair's inline script names CDN URLs; they are skipped only if the bundle is loaded
    first with the very versions the script asks for, and RequireJS is absent (with
    RequireJS, Altair's script loads from the CDN whatever VEGA_DEBUG says)."""
    preset = None
    for page in html_pages():
        res = _resources(page)
        charts = [s for s in res.inline_scripts if ALTAIR_CDN in s]
        if not charts:
            continue
        preset = preset or _bundle_preset()
        srcs = [s.split("?")[0] for s in res.script_srcs]
        assert any(s.endswith(VEGA_BUNDLE) for s in srcs), f"{_rel(page)} has charts but no bundle"
        assert not any(re.search(r"require(\.min)?\.js$", s) for s in srcs), (
            f"{_rel(page)} loads RequireJS: Altair would fetch vega from the CDN"
        )
        for script in charts:
            wanted = dict(re.findall(r'maybeLoadScript\("([a-z-]+)", "([^"]+)"\)', script))
            assert wanted, f"{_rel(page)}: unrecognised Altair template"
            for lib, version in wanted.items():
                key = lib.replace("-", "", 1) + "_version"
                assert preset.get(key) == version, (
                    f"{_rel(page)}: chart wants {lib}@{version}, bundle presets {key}={preset.get(key)!r}"
                )


# ---------------------------------------------------------------------------------------------
# PDF


def test_pdf_exists_and_is_the_latex_output() -> None:
    pdf = require_built(PDF_PATH)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-"), f"{PDF_PATH} is not a PDF"
    assert data == (LATEX_DIR / "book.pdf").read_bytes(), "_build/pdf/book.pdf is stale"


def test_pdf_text_extracts() -> None:
    text = pdf_text()
    assert len(text.split()) > 50, "pdftotext found (almost) no text in the PDF"
    title = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]
    assert normalize_text(title) in normalize_text(text, dehyphenate=True)


def test_pdf_pages_render(tmp_path: Path) -> None:
    from pypdf import PdfReader

    pages = len(PdfReader(str(PDF_PATH)).pages)
    assert pages >= 2
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(PDF_PATH), str(tmp_path / "p")],
        check=True,
        capture_output=True,
    )
    assert list(tmp_path.glob("p*.png")), "pdftoppm rendered nothing"


def test_latex_log_is_clean() -> None:
    """The last xelatex pass: no errors, no undefined references or citations."""
    log = require_built(LATEX_DIR / "book.log").read_text(encoding="utf-8", errors="replace")
    assert "Output written on book.pdf" in log
    errors = [line for line in log.splitlines() if line.startswith("! ")]
    assert not errors, "LaTeX errors:\n" + "\n".join(errors)
    undefined = re.findall(
        r"^.*(?:Reference|Citation|Hyper reference) `[^']*' .*undefined.*$", log, re.MULTILINE
    )
    undefined += re.findall(
        r"^LaTeX Warning: There were undefined (?:references|citations)\.$", log, re.MULTILINE
    )
    assert not undefined, "undefined in the final LaTeX pass:\n" + "\n".join(undefined)
