"""Display setup for the book's notebooks: one output that suits both HTML and PDF.

``enable()`` is called by the IPython startup file
``_assets/ipython/profile_default/startup/00-display.py`` in every kernel that the
book build starts (``IPYTHONDIR=_assets/ipython``), so the chapters need no setup
cell. It does two things:

* Altair charts get an ``html_png`` renderer: the usual interactive ``text/html``
  (which the HTML build shows, with the libraries served offline by
  ``analysis.sphinxext.vega_offline``) plus an ``image/png`` drawn by vl-convert
  (which the LaTeX/PDF build picks, since it cannot use HTML).
* pandas DataFrames get a ``text/markdown`` representation, which the PDF build
  turns into a real table (this needs ``nb_render_markdown_format: myst``).

The execution cache (``_build/.jupyter_cache``) is keyed on the notebooks' code only;
``scripts/build.sh`` clears it when this file (or anything else under ``analysis/``
that a kernel imports) changes.
"""

from __future__ import annotations

from typing import Any

RENDERER_NAME = "html_png"
# The chart menu offers downloads and the chart's source, but not "Open in Vega Editor",
# which would send the reader's chart to an outside site.
EMBED_ACTIONS = {"export": True, "source": True, "compiled": False, "editor": False}
PNG_SCALE = 2  # PNG pixels per displayed pixel: sharp in the PDF, right size on the page


def html_png_renderer(
    spec: dict[str, Any], **metadata: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Altair renderer returning both ``text/html`` and ``image/png`` in one bundle."""
    from altair.vegalite.v6.display import html_renderer, png_renderer

    bundle: dict[str, Any] = dict(html_renderer(spec, **metadata))
    png_bundle, png_meta = png_renderer(spec, scale_factor=PNG_SCALE)
    bundle.update(png_bundle)
    size = png_meta["image/png"]
    # vl-convert reports the scaled pixel size as the display size, which would print the
    # chart PNG_SCALE times too large in the PDF: report the unscaled size instead.
    meta = {"image/png": {"width": size["width"] / PNG_SCALE, "height": size["height"] / PNG_SCALE}}
    return bundle, meta


def dataframe_markdown(df: Any) -> str:
    """Markdown table for a DataFrame (``tabulate`` does the work)."""
    return df.to_markdown()


def enable(ipython: Any = None) -> None:
    """Register and enable the renderer and the DataFrame formatter.

    Idempotent. ``ipython`` defaults to the running IPython shell; outside IPython only
    the Altair renderer is set up.
    """
    import altair as alt
    import pandas as pd

    if RENDERER_NAME not in alt.renderers.names():
        alt.renderers.register(RENDERER_NAME, html_png_renderer)
    alt.renderers.enable(RENDERER_NAME, embed_options={"actions": EMBED_ACTIONS})

    if ipython is None:
        from IPython import get_ipython

        ipython = get_ipython()
    if ipython is not None:
        formatter = ipython.display_formatter.formatters["text/markdown"]
        formatter.for_type(pd.DataFrame, dataframe_markdown)
