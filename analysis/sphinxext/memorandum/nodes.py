"""The memorandum's own doctree nodes, their ids, and how each output format writes them.

HTML carries the screen apparatus (badges, CSS page markers, side notes, hover previews);
LaTeX uses the macros of ``frusedition.sty``; the text builder gives plain equivalents.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from .state import register_doc


class frus_marking(nodes.Inline, nodes.TextElement):
    """A portion marking such as (S), shown as a badge."""


class frus_page(nodes.Inline, nodes.TextElement):
    """The start of a printed page of the FRUS volume."""


class frus_parnum(nodes.Inline, nodes.TextElement):
    """A paragraph's number, linking to its own anchor."""


class frus_styled(nodes.Inline, nodes.TextElement):
    """A header line of the document (title, dateline, list heading), styled in each format."""


class frus_noteref(nodes.Inline, nodes.Element):
    """A FRUS note number in the text. It carries the note's content: HTML links to the notes
    list, LaTeX sets the content as a footnote at the foot of the page."""


class frus_notes(nodes.General, nodes.Element):
    """The list of FRUS notes after the text (HTML and text only: in print they are footnotes)."""


class frus_person(nodes.Inline, nodes.TextElement):
    """A mention of a registered person, linking to the register entry."""


class frus_comment(nodes.General, nodes.Element):
    """The edition's commentary on a paragraph or a short run of paragraphs."""


class frus_commentref(nodes.Inline, nodes.Element):
    """At the end of a commented paragraph: a link to its commentary (HTML only)."""


def paragraph_id(n: int) -> str:
    return f"p{n}"


def note_id(n: int) -> str:
    return f"frus-note-{n}"


def note_ref_id(n: int) -> str:
    return f"frus-noteref-{n}"


def comment_id(n: int) -> str:
    return f"c{n}"


def visit_marking_html(self, node: frus_marking) -> None:
    name = node["explanation"]
    self.body.append(
        f'<span class="frus-marking frus-marking-{node["marking"].lower()}" title="{name}">'
        f'<span class="sr-only">Portion marked {name}: </span><span aria-hidden="true">'
    )


def depart_marking_html(self, node: frus_marking) -> None:
    self.body.append("</span></span>")


def visit_page_html(self, node: frus_page) -> None:
    # The marker's text comes from CSS (data-page), so words split by a page break stay whole
    # for search and copying; role="separator" with its label tells assistive technology
    # what it is (doc-pagebreak is allowed on <hr> only, and a <span> with an invalid role
    # may not carry aria-label: axe aria-prohibited-attr, serious).
    page = node["page"]
    self.body.append(
        f'<span class="frus-page" id="page-{page}" data-page="{page}" role="separator" '
        f'aria-label="Page {page}" title="Page {page} of the printed volume begins here"></span>'
    )
    raise nodes.SkipNode


def visit_parnum_html(self, node: frus_parnum) -> None:
    n = node["n"]
    self.body.append(
        f'<a class="frus-parnum" href="#{paragraph_id(n)}" title="Link to paragraph {n}">'
    )


def depart_parnum_html(self, node: frus_parnum) -> None:
    self.body.append("</a>")


def visit_styled_html(self, node: frus_styled) -> None:
    self.body.append(f'<span class="frus-{node["style"]}">')


def depart_styled_html(self, node: frus_styled) -> None:
    self.body.append("</span>")


def visit_styled_latex(self, node: frus_styled) -> None:
    self.body.append(rf"\frus{node['style']}{{")


def depart_styled_latex(self, node: frus_styled) -> None:
    self.body.append("}")


def visit_noteref_html(self, node: frus_noteref) -> None:
    n = node["n"]
    self.body.append(
        f'<sup class="frus-noteref"><a href="#{note_id(n)}" id="{note_ref_id(n)}" '
        f'role="doc-noteref" aria-label="FRUS note {n}">{n}</a></sup>'
    )
    raise nodes.SkipNode


def visit_noteref_latex(self, node: frus_noteref) -> None:
    self.body.append(rf"\footnote[{node['n']}]{{")


def depart_noteref_latex(self, node: frus_noteref) -> None:
    self.body.append("}")


def visit_notes_html(self, node: frus_notes) -> None:
    self.body.append('<section class="frus-notes" role="doc-endnotes" aria-label="FRUS notes">')


def depart_notes_html(self, node: frus_notes) -> None:
    self.body.append("</section>")


def skip(self, node) -> None:
    raise nodes.SkipNode


def _person_uri(self, node: frus_person) -> str | None:
    doc = register_doc(self.builder.env)
    if doc is None:
        return None
    anchor = node["anchor"]
    if self.builder.name == "singlehtml":
        return f"#{anchor}"
    return self.builder.get_relative_uri(self.builder.current_docname, doc) + f"#{anchor}"


def visit_person_html(self, node: frus_person) -> None:
    uri = _person_uri(self, node)
    hover = self.attval(node["hover"])
    if uri is None:
        self.body.append(f'<span class="frus-person" title="{hover}">')
    else:
        self.body.append(f'<a class="frus-person" href="{uri}" title="{hover}">')


def depart_person_html(self, node: frus_person) -> None:
    self.body.append("</span>" if register_doc(self.builder.env) is None else "</a>")


def visit_person_latex(self, node: frus_person) -> None:
    doc = register_doc(self.builder.env)
    if doc is None:
        self.body.append("{")
        return
    anchor = node["anchor"]
    self.body.append(r"\frusperson{" + self.idescape(f"{doc}:{anchor}") + "}{")


def depart_person_latex(self, node: frus_person) -> None:
    self.body.append("}")


def visit_comment_html(self, node: frus_comment) -> None:
    first, span = node["first"], node["span"]
    self.body.append(
        f'<aside class="margin memo-comment" id="{comment_id(first)}" '
        f'aria-label="Commentary on paragraph {span}">'
        + "".join(f'<span id="{i}"></span>' for i in node["ids"][1:])
        + f'<p class="memo-comment-label"><a href="#{paragraph_id(first)}" '
        f'title="Back to the text of \u00b6{span}">Commentary \u00b6{span}</a></p>'
    )


def depart_comment_html(self, node: frus_comment) -> None:
    self.body.append("</aside>")


def visit_comment_latex(self, node: frus_comment) -> None:
    targets = "".join(self.hypertarget(i) for i in node["ids"])
    span = node["span"].replace("\u2013", "--")
    back = self.idescape(f"{self.curfilestack[-1]}:{paragraph_id(node['first'])}")
    self.body.append(f"\n{targets}\\begin{{frusComment}}{{{span}}}{{{back}}}\n")


def depart_comment_latex(self, node: frus_comment) -> None:
    self.body.append("\n\\end{frusComment}\n")


def visit_comment_text(self, node: frus_comment) -> None:
    self.new_state(0)
    self.add_text(f"[Commentary ¶{node['span']}] ")


def depart_comment_text(self, node: frus_comment) -> None:
    self.end_state()


def visit_commentref_html(self, node: frus_commentref) -> None:
    n = node["first"]
    self.body.append(
        f' <a class="frus-commentref" href="#{comment_id(n)}" '
        f'aria-label="Commentary on paragraph {n}" title="Commentary on \u00b6{n}">'
        f'<span aria-hidden="true">commentary</span></a>'
    )
    raise nodes.SkipNode


def _latex_macro(name: str, attribute: str):
    def visit(self, node) -> None:
        self.body.append(rf"\{name}{{{node[attribute]}}}")
        raise nodes.SkipNode

    return visit


def visit_parnum_latex(self, node: frus_parnum) -> None:
    # The anchor makes {ref}`memo-pN` a working link in the PDF too.
    self.body.append(self.hypertarget(paragraph_id(node["n"])) + rf"\fruspar{{{node['n']}}}")
    raise nodes.SkipNode


def _text_visit(self, node) -> None:
    if isinstance(node, frus_person):
        self.add_text(node.astext())
    elif isinstance(node, frus_noteref):
        self.add_text(str(node["n"]))
    else:
        self.add_text(node.astext() + (" " if isinstance(node, frus_parnum) else ""))
    raise nodes.SkipNode


def _ignore(self, node) -> None:
    """Write nothing for the node itself; its children are written as usual."""


WRITERS = {
    frus_marking: {
        "html": (visit_marking_html, depart_marking_html),
        "latex": (_latex_macro("frusmarking", "marking"), None),
        "text": (_text_visit, None),
    },
    frus_page: {
        "html": (visit_page_html, None),
        "latex": (_latex_macro("fruspage", "page"), None),
        "text": (_text_visit, None),
    },
    frus_parnum: {
        "html": (visit_parnum_html, depart_parnum_html),
        "latex": (visit_parnum_latex, None),
        "text": (_text_visit, None),
    },
    frus_styled: {
        "html": (visit_styled_html, depart_styled_html),
        "latex": (visit_styled_latex, depart_styled_latex),
        "text": (_ignore, _ignore),
    },
    frus_noteref: {
        "html": (visit_noteref_html, None),
        "latex": (visit_noteref_latex, depart_noteref_latex),
        "text": (_text_visit, None),
    },
    frus_notes: {
        "html": (visit_notes_html, depart_notes_html),
        "latex": (skip, None),
        "text": (_ignore, _ignore),
    },
    frus_person: {
        "html": (visit_person_html, depart_person_html),
        "latex": (visit_person_latex, depart_person_latex),
        "text": (_text_visit, None),
    },
    frus_comment: {
        "html": (visit_comment_html, depart_comment_html),
        "latex": (visit_comment_latex, depart_comment_latex),
        "text": (visit_comment_text, depart_comment_text),
    },
    frus_commentref: {
        "html": (visit_commentref_html, None),
        "latex": (skip, None),
        "text": (skip, None),
    },
}


def add_nodes(app: Sphinx) -> None:
    for node, writers in WRITERS.items():
        app.add_node(node, **writers)
