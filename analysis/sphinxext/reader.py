"""The reader's side of the HTML book: markup repairs for screen readers and a PDF download.

Each repair fixes, at the point where Sphinx writes the page, a defect of a dependency that
``tests/test_browser.py`` (axe-core and the browser console) reports; the theme templates
that need changing are overridden in ``_templates/`` instead.

* **Inline scripts written twice** (Sphinx 7.4): ``app.add_js_file(None, body=...)`` called
  after the builder started (sphinx-thebe's and sphinx-togglebutton's configuration) is
  stored once with the file name ``None`` and added again in ``prepare_writing`` with the
  name ``""``; the two differ, so each page got the script twice and the second
  ``const THEBE_JS_URL`` threw "Identifier 'THEBE_JS_URL' has already been declared".
  The page's script list is de-duplicated on ``(name or "", priority, attributes)``.
* **Bibliography roles** (docutils 0.21): the citation list is ``role="list"`` but its
  entries are ``role="doc-biblioentry"``, a role deprecated in ARIA and not a list item, so
  axe reports the list as broken (critical). The entries become ``role="listitem"``.
* **Hidden code toggles** (myst-nb): ``<summary aria-label="Toggle hidden content">`` hides
  its visible text ("Show code cell source") from the accessible name (axe:
  label-content-name-mismatch). The label is dropped; the visible text names the control.
* **The book's PDF** in the theme's download menu of every page, next to the page's source
  and a link to the downloads page. ``scripts/build.sh pdf`` copies the PDF to
  ``<html>/book.pdf`` (the PDF is built after the HTML, so it cannot be a Sphinx download).
"""

from __future__ import annotations

import re
from typing import Any

from sphinx.application import Sphinx

PDF_NAME = "book.pdf"
DOWNLOADS_PAGE = "chapters/downloads"

_BIBLIOENTRY = re.compile(r'(<div class="citation"[^>]*?) role="doc-biblioentry"')
_TOGGLE_LABEL = ' aria-label="Toggle hidden content"'


def _dedupe_scripts(app: Sphinx, context: dict[str, Any]) -> None:
    files = getattr(app.builder, "_js_files", None)
    if not files:
        return
    seen: set[tuple[object, ...]] = set()
    unique = []
    for js in files:
        key = (
            js.filename or "",
            js.priority,
            tuple(sorted((k, str(v)) for k, v in js.attributes.items())),
        )
        if key not in seen:
            seen.add(key)
            unique.append(js)
    if len(unique) != len(files):
        files[:] = unique  # the same list object is the page's ``script_files``


def _repair_body(context: dict[str, Any]) -> None:
    body = context.get("body")
    if not body:
        return
    body = _BIBLIOENTRY.sub(r'\1 role="listitem"', body)
    body = body.replace("<summary" + _TOGGLE_LABEL + ">", "<summary>")
    context["body"] = body


def _download_menu(context: dict[str, Any]) -> None:
    pathto = context.get("pathto")
    buttons = context.get("header_buttons")
    if pathto is None or not buttons:
        return
    for group in buttons:
        if group.get("label") != "download-buttons":
            continue
        group["buttons"].append(
            {
                "type": "link",
                "url": pathto(PDF_NAME, 1),
                "text": "book (PDF)",
                "tooltip": "Download the whole book as a PDF",
                "icon": "fas fa-book",
                "label": "download-book-pdf-button",
            }
        )
        group["buttons"].append(
            {
                "type": "link",
                "url": pathto(DOWNLOADS_PAGE),
                "text": "data (CSV)",
                "tooltip": "The derived data sets behind the analyses",
                "icon": "fas fa-table",
                "label": "download-data-button",
            }
        )


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    _dedupe_scripts(app, context)
    _repair_body(context)
    if DOWNLOADS_PAGE in app.env.all_docs:
        _download_menu(context)


def setup(app: Sphinx) -> dict[str, object]:
    # After sphinx-book-theme has filled ``header_buttons`` (its handlers run at 500-501).
    app.connect("html-page-context", _page_context, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
