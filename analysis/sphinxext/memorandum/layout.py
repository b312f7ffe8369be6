"""Placing the commentary: a link from each commented paragraph to its commentary, and on
screen the paragraph and its commentary wrapped in one unit so that the commentary can stand
beside the text."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from .nodes import frus_comment, frus_commentref, paragraph_id


def add_comment_links(app: Sphinx, doctree: nodes.document) -> None:
    """After each paragraph that has commentary, a link to it (and the commentary links back
    to the paragraph from its label)."""
    for comment in list(doctree.findall(frus_comment)):
        target = paragraph_id(comment["first"])
        for para in doctree.findall(nodes.paragraph):
            if target in para["ids"]:
                para += frus_commentref("", first=comment["first"])
                break


def move_comments_beside_paragraphs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On screen, wrap each run of commented paragraphs and its commentary in one unit, so the
    commentary can stand beside the text on wide screens (a CSS grid) and after it on narrow
    ones. Print keeps the plain order: text, then commentary."""
    if app.builder.format != "html":
        return
    for comment in list(doctree.findall(frus_comment)):
        parent = comment.parent
        index = parent.index(comment)
        first_id = paragraph_id(comment["first"])
        start = index
        while start > 0 and first_id not in parent[start - 1].get("ids", []):
            start -= 1
        if start == 0 and first_id not in parent[0].get("ids", []):
            continue  # the paragraph is not a sibling: leave the commentary where it is
        start -= 1
        members = parent[start:index]
        unit = nodes.container(classes=["memo-unit"])
        text = nodes.container(classes=["memo-unit-text"])
        for member in members:
            parent.remove(member)
            text += member
        parent.remove(comment)
        unit += text
        unit += comment
        parent.insert(start, unit)
