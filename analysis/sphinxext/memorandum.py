"""Sphinx directives that render the memorandum from the model, never from pasted text.

``{memo-header}``
    The document's head: number and title, the dateline, PARTICIPANTS and SUBJECT, restored
    from the metadata where the plain-text rendering lost them.
``{memo-paragraphs} N`` or ``{memo-paragraphs} N-M``
    Paragraphs N to M, each with a stable anchor ``#pN`` (label ``memo-pN`` for ``{ref}``),
    its portion marking as a badge, page breaks as markers, and FRUS's note numbers.
``{memo-notes}``
    FRUS's own notes, as real footnotes with their cross-references as links.

Commentary can therefore stand in MyST between the paragraphs. A consistency check makes
the build fail (under ``-W``) unless every paragraph is rendered exactly once.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .. import edition
from ..model import MARKING_NAMES, Memorandum, Note, NoteRef, PageBreak

logger = logging.getLogger(__name__)
LATEX_PACKAGE = Path(__file__).with_name("frusedition.sty")
STYLESHEET = Path(__file__).with_name("memorandum.css")


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


def paragraph_id(n: int) -> str:
    return f"p{n}"


def note_id(n: int) -> str:
    return f"frus-note-{n}"


def note_ref_id(n: int) -> str:
    return f"frus-noteref-{n}"


def marking_node(marking: str) -> frus_marking:
    return frus_marking("", f"({marking})", marking=marking, explanation=MARKING_NAMES[marking])


def note_body(note: Note) -> nodes.paragraph:
    """A note's text, followed by links to the documents it cites."""
    body = nodes.paragraph("", note.text, support_smartquotes=False)
    if note.links:
        body += nodes.Text(" Online: ")
        for index, url in enumerate(note.links):
            volume, document = url.rsplit("/", 2)[-2:]
            if index:
                body += nodes.Text(", ")
            body += nodes.reference("", f"{volume}/{document}", refuri=url)
        body += nodes.Text(".")
    return body


def inline_nodes(
    text: str,
    refs: tuple[NoteRef, ...] = (),
    breaks: tuple[PageBreak, ...] = (),
    memo: Memorandum | None = None,
) -> list[nodes.Node]:
    """Reading text cut at its page breaks and note references, with their nodes between.

    A page break between words is placed before the space, so the marker follows the last
    word of the page; inside a word it splits the word, as in the printed volume.
    """
    cuts = [(r.offset, 0, r) for r in refs]
    for b in breaks:
        between_words = not b.joined and b.offset > 0 and text[b.offset - 1] == " "
        cuts.append((b.offset - between_words, 1, b))
    cuts.sort(key=lambda cut: cut[:2])
    out: list[nodes.Node] = []
    cursor = 0
    for offset, _, item in cuts:
        if offset > cursor:
            out.append(nodes.Text(text[cursor:offset]))
            cursor = offset
        if isinstance(item, NoteRef):
            out.append(frus_noteref("", note_body(memo.note(item.n)), n=item.n))
        else:
            out.append(frus_page("", f"[Page {item.page}]", page=item.page, ids=[f"page-{item.page}"]))
    out.append(nodes.Text(text[cursor:]))
    return out


def styled_line(style: str, children: list[nodes.Node]) -> nodes.paragraph:
    return nodes.paragraph("", "", frus_styled("", "", *children, style=style))


class _MemoDirective(SphinxDirective):
    def memo(self) -> Memorandum:
        for path in (edition.MEMORANDUM_FILE, edition.METADATA_FILE):
            self.env.note_dependency(str(path))
        return edition.memorandum()


class MemoHeader(_MemoDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        memo = self.memo()
        headings = edition.field("list_headings")
        head = nodes.container(classes=["frus-header"], support_smartquotes=False)
        head += styled_line("title", inline_nodes(memo.title, memo.title_footnote_refs, memo=memo))
        head += styled_line("dateline", [nodes.Text(edition.field("dateline"))])
        head += styled_line("heading", [nodes.Text(headings["participants"])])
        participants = nodes.bullet_list(classes=["frus-participants"])
        for person in memo.participants:
            item = nodes.paragraph()
            item += inline_nodes(person.text, person.footnote_refs, memo=memo)
            participants += nodes.list_item("", item)
        head += participants
        if memo.subject:
            head += styled_line("heading", [nodes.Text(headings["subject"])])
            subject = nodes.paragraph(classes=["frus-subject"])
            subject += inline_nodes(memo.subject, memo.subject_footnote_refs, memo=memo)
            if memo.subject_marking:
                subject += [nodes.Text(" "), marking_node(memo.subject_marking)]
            head += subject
        return [head]


def paragraph_range(argument: str, count: int) -> range:
    first, _, last = argument.strip().partition("-")
    start, stop = int(first), int(last or first)
    if not 1 <= start <= stop <= count:
        raise ValueError(f"paragraphs {argument!r} are outside 1-{count}")
    return range(start, stop + 1)


class MemoParagraphs(_MemoDirective):
    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        memo = self.memo()
        try:
            numbers = paragraph_range(self.arguments[0], len(memo.blocks))
        except ValueError as error:
            raise self.error(str(error)) from None
        rendered = self.env.domaindata.setdefault("frus", {}).setdefault("rendered", {})
        rendered.setdefault(self.env.docname, []).extend(numbers)
        std = self.env.get_domain("std")
        out: list[nodes.Node] = []
        for n in numbers:
            block = memo.block(n)
            classes = ["frus-block", f"frus-{block.kind}"] + (
                [f"frus-marked-{block.marking.lower()}"] if block.marking else ["frus-unmarked"]
            )
            para = nodes.paragraph(ids=[paragraph_id(n)], classes=classes, support_smartquotes=False)
            para += frus_parnum("", f"¶{n}", n=n)
            para += inline_nodes(block.text, block.footnote_refs, block.page_breaks, memo)
            if block.marking:
                para += [nodes.Text(" "), marking_node(block.marking)]
            std.note_hyperlink_target(f"memo-p{n}", self.env.docname, paragraph_id(n), f"¶{n}")
            out.append(para)
        return out


class MemoNotes(_MemoDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        memo = self.memo()
        listing = nodes.enumerated_list(enumtype="arabic")
        for note in memo.notes:
            item = nodes.list_item("", note_body(note), ids=[note_id(note.n)])
            listing += item
        return [frus_notes("", listing)]


def check_every_paragraph_once(app: Sphinx, env) -> None:
    """Warn (an error under -W) when a paragraph is missing from the book or rendered twice."""
    rendered = env.domaindata.get("frus", {}).get("rendered", {})
    if not rendered:
        return
    counts = Counter(n for numbers in rendered.values() for n in numbers)
    total = len(edition.memorandum().blocks)
    missing = [n for n in range(1, total + 1) if counts[n] == 0]
    repeated = [n for n, count in counts.items() if count > 1]
    if missing:
        logger.warning("memorandum paragraphs never rendered: %s", missing, type="frus")
    if repeated:
        logger.warning("memorandum paragraphs rendered more than once: %s", repeated, type="frus")


def purge_rendered(app: Sphinx, env, docname: str) -> None:
    env.domaindata.get("frus", {}).get("rendered", {}).pop(docname, None)


def merge_rendered(app: Sphinx, env, docnames, other) -> None:
    rendered = env.domaindata.setdefault("frus", {}).setdefault("rendered", {})
    for docname in docnames:
        if docname in other.domaindata.get("frus", {}).get("rendered", {}):
            rendered[docname] = other.domaindata["frus"]["rendered"][docname]


# --- writers -------------------------------------------------------------------------------


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
    # for search and copying; doc-pagebreak tells assistive technology what it is.
    page = node["page"]
    self.body.append(
        f'<span class="frus-page" id="page-{page}" data-page="{page}" role="doc-pagebreak" '
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
    if isinstance(node, frus_noteref):
        self.add_text(str(node["n"]))
    else:
        self.add_text(node.astext() + (" " if isinstance(node, frus_parnum) else ""))
    raise nodes.SkipNode


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
    app.add_node(
        frus_marking,
        html=(visit_marking_html, depart_marking_html),
        latex=(_latex_macro("frusmarking", "marking"), None),
        text=(_text_visit, None),
    )
    app.add_node(
        frus_page,
        html=(visit_page_html, None),
        latex=(_latex_macro("fruspage", "page"), None),
        text=(_text_visit, None),
    )
    app.add_node(
        frus_parnum,
        html=(visit_parnum_html, depart_parnum_html),
        latex=(visit_parnum_latex, None),
        text=(_text_visit, None),
    )
    app.add_node(
        frus_styled,
        html=(visit_styled_html, depart_styled_html),
        latex=(visit_styled_latex, depart_styled_latex),
        text=(lambda self, node: None, lambda self, node: None),
    )
    app.add_node(
        frus_noteref,
        html=(visit_noteref_html, None),
        latex=(visit_noteref_latex, depart_noteref_latex),
        text=(_text_visit, None),
    )
    app.add_node(
        frus_notes,
        html=(visit_notes_html, depart_notes_html),
        latex=(skip, None),
        text=(lambda self, node: None, lambda self, node: None),
    )
    app.add_directive("memo-header", MemoHeader)
    app.add_directive("memo-paragraphs", MemoParagraphs)
    app.add_directive("memo-notes", MemoNotes)
    app.add_latex_package(LATEX_PACKAGE.stem)
    app.connect("builder-inited", install_assets)
    app.connect("env-purge-doc", purge_rendered)
    app.connect("env-merge-info", merge_rendered)
    app.connect("env-check-consistency", check_every_paragraph_once)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
