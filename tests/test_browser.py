"""The built HTML in a real browser, offline: every page loads, draws its charts, sends no
request off the machine, logs no JavaScript error and passes axe-core.

Debian's Chromium (/usr/bin/chromium, installed by scripts/browser-packages.sh) is driven
through Playwright, launched by path: no browser is ever downloaded. ``_build/html`` is
served by a local HTTP server on 127.0.0.1 (a random port); every request for anything else
is aborted and reported. axe-core (tests/browser, from the npm registry) is injected into
each page once its charts are drawn. Each page is visited once (``_visit``); the tests
below then judge what that visit recorded, so a failure names the page and the problem.

Artifacts (gitignored): a screenshot of the key pages in ``artifacts/screenshots/`` and
every axe result, all impacts, in ``artifacts/axe/``.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from conftest_build import HTML_DIR, ROOT

pytestmark = pytest.mark.build

AXE_JS = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE_RESULTS = ARTIFACTS / "axe"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# axe impacts that fail a page; "moderate" and "minor" are recorded in artifacts/axe/.
FAILING_IMPACTS = {"critical", "serious"}
CHART_TIMEOUT_MS = 20_000
# Pages screenshotted besides every page with a chart.
KEY_PAGES = {"chapters/index.html", "chapters/memorandum.html", "404.html"}
SETUP_HINT = "run `make browser-packages` (scripts/browser-packages.sh)"


def _chromium() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(f"Debian's chromium is not installed: {SETUP_HINT}", pytrace=False)
    return path


def _page_names() -> list[str]:
    """Every HTML page of the built book (collected when pytest starts)."""
    if not HTML_DIR.is_dir():
        return ["<no _build/html: build the book first (make full)>"]
    return sorted(
        p.relative_to(HTML_DIR).as_posix()
        for p in HTML_DIR.rglob("*.html")
        if not {"_static", "_sources"} & set(p.relative_to(HTML_DIR).parts)
    )


PAGES = _page_names()


@dataclass
class Visit:
    """What one page did in the browser."""

    name: str
    final_url: str = ""
    errors: list[str] = field(default_factory=list)  # uncaught exceptions, console.error
    warnings: list[str] = field(default_factory=list)  # console.warning (reported, not failed)
    external: list[str] = field(default_factory=list)  # requests that would leave the machine
    broken: list[str] = field(default_factory=list)  # local requests that failed or 4xx/5xx
    charts_expected: int = 0
    charts: list[dict[str, Any]] = field(default_factory=list)
    axe: list[dict[str, Any]] = field(default_factory=list)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def site() -> Any:
    """``_build/html`` on http://127.0.0.1:<random port>/."""
    if not HTML_DIR.is_dir():
        pytest.fail("_build/html does not exist: build the book first (make full)", pytrace=False)
    handler = functools.partial(_QuietHandler, directory=str(HTML_DIR))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: run `make venv`", pytrace=False)
    if not AXE_JS.exists():
        pytest.fail(f"axe-core is not installed: {SETUP_HINT}", pytrace=False)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


_VISITS: dict[str, Visit] = {}

_CHART_STATE = """() => Array.from(document.querySelectorAll("[id^='altair-viz-']")).map(el => {
  const svg = el.querySelector('svg.marks');
  const doc = el.querySelector('[role="graphics-document"]');
  return {
    id: el.id,
    embedded: el.classList.contains('vega-embed'),
    drawn: !!(svg || el.querySelector('canvas.marks')),
    marks: el.querySelectorAll('.mark-rect path, .mark-symbol path, .mark-line path, .mark-rule line, .mark-area path, .mark-text text, .mark-tick line, .mark-bar path').length,
    error: (el.querySelector('.error') || {}).textContent || (el.textContent.includes('Error loading script') ? el.textContent.trim().slice(0, 200) : ''),
    label: doc ? (doc.getAttribute('aria-label') || '') : '',
    title: Array.from(el.querySelectorAll('.role-title-text text, .role-title text')).map(t => t.textContent).join(' '),
    width: el.getBoundingClientRect().width,
  };
})"""


def _visit(browser: Any, site: str, name: str) -> Visit:
    if name in _VISITS:
        return _VISITS[name]
    if name.startswith("<"):
        pytest.fail(name, pytrace=False)
    visit = Visit(name)
    html = (HTML_DIR / name).read_text(encoding="utf-8")
    visit.charts_expected = len(set(re.findall(r'id="(altair-viz-[0-9a-f]+)"', html)))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith((site, "data:", "blob:", "about:")):
            r.continue_()
        else:
            visit.external.append(f"{r.request.resource_type} {url}")
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda e: visit.errors.append(f"uncaught: {e}"))
    page.on(
        "console",
        lambda m: (
            visit.errors.append(f"console.error: {m.text}")
            if m.type == "error"
            else visit.warnings.append(m.text)
            if m.type == "warning"
            else None
        ),
    )
    page.on(
        "requestfailed",
        lambda r: visit.broken.append(f"{r.url} ({r.failure})") if r.url.startswith(site) else None,
    )
    page.on(
        "response",
        lambda r: (
            visit.broken.append(f"{r.url} (HTTP {r.status})")
            if r.status >= 400 and r.url.startswith(site)
            else None
        ),
    )
    try:
        page.goto(site + name, wait_until="load")
        page.wait_for_load_state("networkidle")
        visit.final_url = page.url
        if visit.charts_expected and visit.final_url == site + name:
            try:
                page.wait_for_function(
                    "n => document.querySelectorAll("
                    '".vega-embed svg.marks, .vega-embed canvas.marks").length >= n',
                    arg=visit.charts_expected,
                    timeout=CHART_TIMEOUT_MS,
                )
            except Exception as exc:  # the chart test reports what is missing
                visit.errors.append(f"charts not drawn within {CHART_TIMEOUT_MS} ms: {exc}")
        visit.charts = page.evaluate(_CHART_STATE)
        page.add_script_tag(path=str(AXE_JS))
        visit.axe = page.evaluate(
            """async () => {
              const r = await axe.run(document, {resultTypes: ['violations']});
              return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                helpUrl: v.helpUrl, nodes: v.nodes.map(n => ({target: n.target.join(' '),
                html: n.html.slice(0, 300), summary: n.failureSummary}))}));
            }"""
        )
        if name in KEY_PAGES or visit.charts_expected:
            shot = SCREENSHOTS / (name.replace("/", "__").removesuffix(".html") + ".png")
            shot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shot), full_page=True)
    finally:
        context.close()
    out = AXE_RESULTS / (name.replace("/", "__").removesuffix(".html") + ".json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(visit.axe, indent=1), encoding="utf-8")
    _VISITS[name] = visit
    return visit


# ---------------------------------------------------------------------------------------------
# Per page


@pytest.mark.parametrize("name", PAGES)
def test_page_stays_on_the_machine(browser: Any, site: str, name: str) -> None:
    visit = _visit(browser, site, name)
    assert not visit.external, f"{name} asked for other hosts:\n" + "\n".join(visit.external)
    assert not visit.broken, f"{name} has broken local requests:\n" + "\n".join(visit.broken)


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_javascript_error(browser: Any, site: str, name: str) -> None:
    visit = _visit(browser, site, name)
    assert not visit.errors, f"{name}:\n" + "\n".join(visit.errors)


@pytest.mark.parametrize("name", PAGES)
def test_page_draws_its_charts_with_alt_text(browser: Any, site: str, name: str) -> None:
    visit = _visit(browser, site, name)
    if not visit.charts_expected:
        return
    assert len(visit.charts) == visit.charts_expected
    for chart in visit.charts:
        where = f"{name} {chart['id']}"
        assert not chart["error"], f"{where}: {chart['error']}"
        assert chart["embedded"] and chart["drawn"], f"{where}: vega-embed drew nothing"
        assert chart["marks"] > 0, f"{where}: the chart has no marks"
        assert 0 < chart["width"] <= 1280, f"{where}: chart is {chart['width']} px wide"
        # vega puts the spec's description= on the chart's role="graphics-document" element:
        # the text alternative a screen reader announces. The title is what a sighted reader
        # is told the chart shows.
        assert len(chart["label"].split()) >= 4, (
            f"{where}: no description for screen readers (aria-label {chart['label']!r}); "
            'give the chart description="what it shows"'
        )
        assert chart["title"].strip(), f"{where}: the chart has no title"


def _format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:8]:
            lines.append(f"    {node['target']}\n        {node['html']}")
            lines.append("        " + (node["summary"] or "").replace("\n", "\n        "))
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


@pytest.mark.parametrize("name", PAGES)
def test_page_passes_axe(browser: Any, site: str, name: str) -> None:
    visit = _visit(browser, site, name)
    failing = [v for v in visit.axe if v["impact"] in FAILING_IMPACTS]
    assert not failing, f"axe-core on {name}:\n" + _format_violations(failing)


# ---------------------------------------------------------------------------------------------
# The book as a whole


def test_every_chart_of_the_book_was_checked(browser: Any, site: str) -> None:
    """The chart test found the charts: the pages hold some, and each was drawn."""
    for name in PAGES:
        _visit(browser, site, name)
    total = sum(v.charts_expected for v in _VISITS.values())
    drawn = sum(1 for v in _VISITS.values() for c in v.charts if c["drawn"])
    assert total > 0, "no Altair chart in the built HTML"
    assert drawn == total, f"{drawn} of {total} charts drawn"
    assert list(SCREENSHOTS.glob("*.png")), "no screenshot was written"


def test_search_works_offline(browser: Any, site: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    external: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(site):
            r.continue_()
        else:
            external.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    try:
        page.goto(site + "search.html?q=Bessmertnykh", wait_until="load")
        page.wait_for_selector("#search-results ul.search li", timeout=15_000)
        hits = page.locator("#search-results ul.search li").count()
    finally:
        context.close()
    assert hits >= 3, f"search for Bessmertnykh found {hits} pages"
    assert not external, external


def test_reader_buttons(browser: Any, site: str) -> None:
    """Repository, issue, edit, download (source, book PDF, data) and Binder launch buttons."""
    html = (HTML_DIR / "chapters" / "turns.html").read_text(encoding="utf-8")
    for label in (
        "repository-button",
        "issues-button",
        "edit-button",
        "download-source-button",
        "download-book-pdf-button",
        "download-data-button",
        "launch-buttons",
    ):
        assert label in html, f"chapters/turns.html has no {label}"
    assert "mybinder.org/v2/gh/" in html


def test_downloads_resolve(browser: Any, site: str) -> None:
    """The downloads page's CSV links and the book's PDF are in the site."""
    page_html = (HTML_DIR / "chapters" / "downloads.html").read_text(encoding="utf-8")
    csvs = re.findall(r'href="(\.\./_downloads/[^"]+\.csv)"', page_html)
    derived = sorted(p.name for p in (ROOT / "data" / "derived").glob("*.csv"))
    assert sorted(Path(c).name for c in csvs) == derived
    for href in csvs:
        assert (HTML_DIR / "chapters" / href).resolve().is_file(), href
    pdf = HTML_DIR / "book.pdf"
    assert pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-", (
        "_build/html/book.pdf is missing: scripts/build.sh pdf copies it there"
    )


def test_not_found_page(browser: Any, site: str) -> None:
    """A missing address gets the edition's own 404 page, whose links lead home."""
    assert (HTML_DIR / "404.html").is_file()
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(site + "404.html", wait_until="load")
        hrefs = page.eval_on_selector_all("a.home", "els => els.map(e => e.getAttribute('href'))")
    finally:
        context.close()
    assert "/index.html" in hrefs and "/chapters/memorandum.html" in hrefs
    for href in hrefs:
        assert (HTML_DIR / href.lstrip("/")).is_file(), href
