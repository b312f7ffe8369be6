"""The printed book: a dated title page and no empty Bibliography chapter.

* **Date.** The title page shows the edition's release date and version from
  ``CITATION.cff``, not the day of the build, so a rebuild next year prints the same book.
* **Index.** The glossary's terms make index entries, sorted with xindy by default under
  xelatex; where xindy is missing (TeX Live's Debian packages ship makeindex only), the
  build uses makeindex rather than fail.
* **Bibliography.** sphinx-jupyterbook-latex moves every bibliography to the end of the
  PDF, where it prints under its own heading; the HTML page that held it would otherwise
  remain in the PDF as an empty chapter. The empty chapter is reduced to its link target
  and moved to the bibliography, so ``{doc}`` links to the page still arrive there.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex.nodes import thebibliography
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform

CITATION_FILE = "CITATION.cff"
BIBLIOGRAPHY_PAGE = "chapters/bibliography"


def edition_date(app: Sphinx, config: Config) -> None:
    citation = yaml.safe_load((Path(app.confdir) / CITATION_FILE).read_text(encoding="utf-8"))
    released = citation["date-released"]
    config.today = f"{released.day} {released:%B %Y}"
    config.version = config.release = str(citation["version"])


def index_without_xindy(app: Sphinx, config) -> None:
    """Sort the index with makeindex where xindy is not installed."""
    if shutil.which("xindy") is None:
        config.latex_use_xindy = False


class DropEmptyBibliographyChapter(SphinxPostTransform):
    # After sphinx-jupyterbook-latex (700) has moved the bibliography to the end.
    default_priority = 800
    builders = ("latex",)

    def run(self, **kwargs) -> None:
        bibliography = next(iter(self.document.findall(thebibliography)), None)
        for chapter in list(self.document.findall(addnodes.start_of_file)):
            if chapter.get("docname") != BIBLIOGRAPHY_PAGE or bibliography is None:
                continue
            if any(_outside_titles(text) for text in chapter.findall(nodes.Text)):
                continue
            chapter.parent.remove(chapter)
            chapter.clear()
            chapter += nodes.target("", "", ids=[":doc"])  # becomes the page's \label
            bibliography.parent.insert(bibliography.parent.index(bibliography), chapter)


def _outside_titles(text: nodes.Text) -> bool:
    """Whether a piece of text is content rather than part of a heading."""
    if not text.astext().strip():
        return False
    parent = text.parent
    while parent is not None:
        if isinstance(parent, nodes.title):
            return False
        parent = parent.parent
    return True


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("config-inited", edition_date)
    app.connect("config-inited", index_without_xindy, priority=900)
    app.add_post_transform(DropEmptyBibliographyChapter)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
