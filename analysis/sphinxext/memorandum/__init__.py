"""Sphinx directives that render the memorandum from the model, never from pasted text.

``{memo-header}``
    The document's head: number and title, the dateline, PARTICIPANTS and SUBJECT, restored
    from the metadata where the plain-text rendering lost them.
``{memo-paragraphs} N`` or ``{memo-paragraphs} N-M``
    Paragraphs N to M, each with a stable anchor ``#pN`` (label ``memo-pN`` for ``{ref}``),
    its portion marking as a badge, page breaks as markers, and FRUS's note numbers.
``{memo-notes}``
    FRUS's own notes, as real footnotes with their cross-references as links.
``{memo-comment} N`` or ``{memo-comment} N-M``
    This edition's commentary on paragraphs N to M: its MyST body (with ``{cite}``,
    ``{term}``, ``{ref}``) becomes a labelled side note beside the paragraph on wide screens,
    a tinted block after it on narrow ones, and a framed block after it in print. Anchor
    ``#cN``, label ``memo-cN``.
``{person-register}``
    The persons register from ``data/registers/persons.yml``, one entry per person with
    anchor ``#person-ID`` (label ``person-ID``) and links back to every paragraph that names
    the person.

Every mention of a registered person in the memorandum (text, list of participants, notes)
links to the register entry, with the person's role as a hover preview on screen.

Commentary stands in MyST between the paragraphs. Consistency checks make the build fail
(under ``-W``) unless every paragraph is rendered exactly once and has exactly one
commentary.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from .directives import (
    MemoComment,
    MemoHeader,
    MemoNotes,
    MemoParagraphs,
    PersonRegister,
    paragraph_range,
)
from .layout import add_comment_links, move_comments_beside_paragraphs
from .nodes import add_nodes
from .state import (
    check_every_paragraph_commented,
    check_every_paragraph_once,
    merge_rendered,
    purge_rendered,
)

__all__ = ["paragraph_range", "setup"]

LATEX_PACKAGE = Path(__file__).with_name("frusedition.sty")
STYLESHEET = Path(__file__).with_name("memorandum.css")


def install_assets(app: Sphinx) -> None:
    """Ship the stylesheet (HTML) or the LaTeX package with the output, so the extension is
    self-contained and a changed asset is never left stale by an incremental build."""
    if app.builder.format == "latex":
        (Path(app.outdir) / LATEX_PACKAGE.name).write_bytes(LATEX_PACKAGE.read_bytes())
    elif app.builder.format == "html":
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        (static / STYLESHEET.name).write_bytes(STYLESHEET.read_bytes())
        app.add_css_file(STYLESHEET.name)


def setup(app: Sphinx) -> dict:
    add_nodes(app)
    app.add_directive("memo-header", MemoHeader)
    app.add_directive("memo-paragraphs", MemoParagraphs)
    app.add_directive("memo-notes", MemoNotes)
    app.add_directive("memo-comment", MemoComment)
    app.add_directive("person-register", PersonRegister)
    app.add_latex_package(LATEX_PACKAGE.stem)
    app.connect("builder-inited", install_assets)
    app.connect("env-purge-doc", purge_rendered)
    app.connect("env-merge-info", merge_rendered)
    app.connect("env-check-consistency", check_every_paragraph_once)
    app.connect("env-check-consistency", check_every_paragraph_commented)
    app.connect("doctree-read", add_comment_links)
    app.connect("doctree-resolved", move_comments_beside_paragraphs)
    return {
        "version": "4",
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 4,
    }
