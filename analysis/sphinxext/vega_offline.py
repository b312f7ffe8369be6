"""Serve Altair's JavaScript (vega, vega-lite, vega-embed) from the book itself.

Altair's default ``html`` output loads its three libraries from a CDN, so a chart
stays blank (with "Error loading script: https://cdn.jsdelivr.net/...") for a reader
who is offline. Altair's inline template skips loading a library when
``window.VEGA_DEBUG.<lib>_version`` already equals the version it wants. This
extension therefore writes vl-convert's bundled copy of the three libraries to
``<html outdir>/_static/vega-offline.js``, presets ``VEGA_DEBUG`` in the same file,
and adds it to the ``<head>`` of every page that draws a chart (the bundle is 898 KB:
pages without charts do not load it). The CDN URLs remain in the pages as
strings inside Altair's inline script, but they are never fetched.

Notes (see the project's toolchain notes):

* The bundle is wrapped in an IIFE: unwrapped, its top-level ``const _`` collides
  with Sphinx's own global ``_`` and ``vegaEmbed`` is never defined.
* The file is written straight into the output directory instead of an
  ``html_static_path`` folder: incremental builds do not recopy static files, and
  generating an 898 KB file into the source tree would be worse.
* It is regenerated only when the versions in its first line change
  (``vl_convert.javascript_bundle()`` costs about 2.5 s).
"""

from __future__ import annotations

import json
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

BUNDLE_NAME = "vega-offline.js"


def _preset() -> dict[str, str]:
    from altair.vegalite.v6.display import VEGA_VERSION, VEGAEMBED_VERSION, VEGALITE_VERSION

    return {
        "vega_version": VEGA_VERSION,
        "vegalite_version": VEGALITE_VERSION,
        "vegaembed_version": VEGAEMBED_VERSION,
    }


def _header(preset: dict[str, str]) -> str:
    import vl_convert

    return f"/* vega-offline {json.dumps(preset, sort_keys=True)} vl-convert {vl_convert.__version__} */\n"


def _write_bundle(app: Sphinx) -> None:
    if app.builder.format != "html":
        return
    import vl_convert
    from altair.utils._importers import vl_version_for_vl_convert

    preset = _preset()
    header = _header(preset)
    out = Path(app.outdir) / "_static" / BUNDLE_NAME
    current = ""
    if out.exists():
        with out.open(encoding="utf-8") as fh:
            current = fh.readline()
    if current != header:
        logger.info("vega_offline: writing %s", out)
        bundle = vl_convert.javascript_bundle(vl_version=vl_version_for_vl_convert())
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(".js.tmp")
        tmp.write_text(
            header
            + "(function () {\n"
            + bundle
            + "\n})();\n"
            + "window.VEGA_DEBUG = Object.assign(window.VEGA_DEBUG || {}, "
            + json.dumps(preset, sort_keys=True)
            + ");\n",
            encoding="utf-8",
        )
        tmp.replace(out)


def _load_on_chart_pages(app: Sphinx, pagename, templatename, context, doctree) -> None:
    """Called per page; Sphinx adds a file given here to this page only."""
    if "vegaEmbed" in context.get("body", ""):
        app.add_js_file(BUNDLE_NAME)


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("builder-inited", _write_bundle)
    app.connect("html-page-context", _load_on_chart_pages)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
