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

from collections import Counter
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .. import edition, persons
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


class frus_person(nodes.Inline, nodes.TextElement):
    """A mention of a registered person, linking to the register entry."""


class frus_comment(nodes.General, nodes.Element):
    """The edition's commentary on a paragraph or a short run of paragraphs."""


class frus_commentref(nodes.Inline, nodes.Element):
    """At the end of a commented paragraph: a link to its commentary (HTML only)."""


FRUS_DATA_KEYS = ("rendered", "commented", "register")


def paragraph_id(n: int) -> str:
    return f"p{n}"


def note_id(n: int) -> str:
    return f"frus-note-{n}"


def note_ref_id(n: int) -> str:
    return f"frus-noteref-{n}"


def comment_id(n: int) -> str:
    return f"c{n}"


def register() -> tuple[persons.Person, ...]:
    return persons.load_register()


def person_nodes(text: str) -> list[nodes.Node]:
    """``text`` as Text nodes with every registered person's name wrapped in a link."""
    out: list[nodes.Node] = []
    cursor = 0
    people = persons.by_id(register())
    for mention in persons.find_mentions(text, register()):
        if mention.start > cursor:
            out.append(nodes.Text(text[cursor : mention.start]))
        person = people[mention.person]
        out.append(frus_person("", mention.form, person=person.id, hover=person.hover))
        cursor = mention.end
    if cursor < len(text):
        out.append(nodes.Text(text[cursor:]))
    return out


def marking_node(marking: str) -> frus_marking:
    return frus_marking("", f"({marking})", marking=marking, explanation=MARKING_NAMES[marking])


def note_body(note: Note) -> nodes.paragraph:
    """A note's text, followed by links to the documents it cites."""
    body = nodes.paragraph("", "", *person_nodes(note.text), support_smartquotes=False)
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
    word of the page; inside a word it splits the word, as in the printed volume. Names of
    registered persons are found in each stretch between two cuts (no name in the document
    is split by a page break or a note number) and become links to the persons register.
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
            out.extend(person_nodes(text[cursor:offset]))
            cursor = offset
        if isinstance(item, NoteRef):
            out.append(frus_noteref("", note_body(memo.note(item.n)), n=item.n))
        else:
            out.append(
                frus_page("", f"[Page {item.page}]", page=item.page, ids=[f"page-{item.page}"])
            )
    out.extend(person_nodes(text[cursor:]))
    return out


def styled_line(style: str, children: list[nodes.Node]) -> nodes.paragraph:
    return nodes.paragraph("", "", frus_styled("", "", *children, style=style))


class _MemoDirective(SphinxDirective):
    def memo(self) -> Memorandum:
        for path in (edition.MEMORANDUM_FILE, edition.METADATA_FILE, persons.REGISTER_FILE):
            self.env.note_dependency(str(path))
        return edition.memorandum()

    def frus_data(self, key: str):
        store = self.env.domaindata.setdefault("frus", {})
        return store.setdefault(key, {})


class MemoHeader(_MemoDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        memo = self.memo()
        headings = edition.field("list_headings")
        # The document's own typography stands: no smart quotes, no ". . ." turned into "…".
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
        self.frus_data("rendered").setdefault(self.env.docname, []).extend(numbers)
        std = self.env.get_domain("std")
        out: list[nodes.Node] = []
        for n in numbers:
            block = memo.block(n)
            classes = ["frus-block", f"frus-{block.kind}"] + (
                [f"frus-marked-{block.marking.lower()}"] if block.marking else ["frus-unmarked"]
            )
            para = nodes.paragraph(
                ids=[paragraph_id(n)], classes=classes, support_smartquotes=False
            )
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


class MemoComment(_MemoDirective):
    """``:::{memo-comment} N`` … ``:::``: the edition's commentary on paragraphs N(-M)."""

    required_arguments = 1
    has_content = True

    def run(self) -> list[nodes.Node]:
        memo = self.memo()
        try:
            numbers = paragraph_range(self.arguments[0], len(memo.blocks))
        except ValueError as error:
            raise self.error(str(error)) from None
        if not self.content:
            raise self.error(f"commentary on {self.arguments[0]} is empty")
        self.frus_data("commented").setdefault(self.env.docname, []).extend(numbers)
        first, last = numbers[0], numbers[-1]
        span = f"{first}" if first == last else f"{first}\u2013{last}"
        node = frus_comment(
            "",
            ids=[comment_id(n) for n in numbers],
            first=first,
            last=last,
            span=span,
            classes=["memo-comment"],
        )
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        std = self.env.get_domain("std")
        for n in numbers:
            std.note_hyperlink_target(
                f"memo-c{n}", self.env.docname, comment_id(n), f"Commentary on \u00b6{n}"
            )
        return [node]


def _register_markdown(people: tuple[persons.Person, ...], memo: Memorandum) -> str:
    """The register as MyST: a label and a definition-list entry per person, sorted by the
    last word of the name, with links to every place the memorandum names the person."""
    places: dict[str, list[str]] = {p.id: [] for p in people}

    def note(where: str, text: str) -> None:
        for pid in dict.fromkeys(m.person for m in persons.find_mentions(text, people)):
            places[pid].append(where)

    for participant in memo.participants:
        note("list of participants", participant.text)
    for block in memo.blocks:
        note(f"{{ref}}`\u00b6{block.n} <memo-p{block.n}>`", block.text)
    for fn in memo.notes:
        note(f"FRUS note {fn.n}", fn.text)

    lines = []
    for person in sorted(people, key=lambda p: (p.name.split()[-1], p.name)):
        if person.source.startswith(("http://", "https://")):
            source = f"<{person.source}>"
        else:
            source = f"{{cite:t}}`{person.source}`"
        if person.source_detail:
            source += f", {person.source_detail}"
        forms = ", ".join(f"\u201c{form}\u201d" for form in person.forms)
        lines += [
            f"({person.anchor})=",
            f"**{person.name}** ({person.dates})",
            f": *{person.role}.* {person.bio}",
            "",
            f"  Named as {forms}: {', '.join(places[person.id]) or 'nowhere'}. Source: {source}.",
            "",
        ]
    return "\n".join(lines)


class PersonRegister(_MemoDirective):
    """``:::{person-register}``: the persons register, generated from the data file."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        memo = self.memo()
        people = register()
        self.env.domaindata.setdefault("frus", {})["register"] = {"doc": self.env.docname}
        container = nodes.container(classes=["frus-register"])
        lines = _register_markdown(people, memo).splitlines()
        from docutils.statemachine import StringList

        self.state.nested_parse(StringList(lines, source=str(persons.REGISTER_FILE)), 0, container)
        return [container]


def add_comment_links(app: Sphinx, doctree: nodes.document) -> None:
    """After each paragraph that has commentary, a link to it (and the commentary links back
    to the paragraph from its label)."""
    for comment in list(doctree.findall(frus_comment)):
        target = paragraph_id(comment["first"])
        for para in doctree.findall(nodes.paragraph):
            if target in para["ids"]:
                para += frus_commentref("", first=comment["first"])
                break


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


def check_every_paragraph_commented(app: Sphinx, env) -> None:
    """Warn (an error under -W) unless every rendered paragraph has exactly one commentary,
    and when the memorandum names persons but no page holds the persons register."""
    data = env.domaindata.get("frus", {})
    if not data.get("rendered"):
        return
    counts = Counter(n for numbers in data.get("commented", {}).values() for n in numbers)
    total = len(edition.memorandum().blocks)
    missing = [n for n in range(1, total + 1) if counts[n] == 0]
    repeated = sorted(n for n, count in counts.items() if count > 1)
    if missing:
        logger.warning("memorandum paragraphs without commentary: %s", missing, type="frus")
    if repeated:
        logger.warning(
            "memorandum paragraphs with more than one commentary: %s", repeated, type="frus"
        )
    if not data.get("register", {}).get("doc"):
        logger.warning(
            "the memorandum names persons but no page has {person-register}", type="frus"
        )


def purge_rendered(app: Sphinx, env, docname: str) -> None:
    data = env.domaindata.get("frus", {})
    data.get("rendered", {}).pop(docname, None)
    data.get("commented", {}).pop(docname, None)
    if data.get("register", {}).get("doc") == docname:
        data["register"] = {}


def merge_rendered(app: Sphinx, env, docnames, other) -> None:
    mine = env.domaindata.setdefault("frus", {})
    theirs = other.domaindata.get("frus", {})
    for key in ("rendered", "commented"):
        store = mine.setdefault(key, {})
        for docname in docnames:
            if docname in theirs.get(key, {}):
                store[docname] = theirs[key][docname]
    if theirs.get("register", {}).get("doc") in docnames:
        mine["register"] = dict(theirs["register"])


def register_doc(env) -> str | None:
    return env.domaindata.get("frus", {}).get("register", {}).get("doc")


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
    anchor = persons.by_id(register())[node["person"]].anchor
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
    anchor = persons.by_id(register())[node["person"]].anchor
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


def index_without_xindy(app: Sphinx, config) -> None:
    """The glossary's terms make index entries, which the PDF build sorts with xindy by
    default under xelatex. TeX Live's Debian packages ship makeindex but not xindy: where
    xindy is missing, use makeindex rather than fail the PDF build."""
    import shutil

    if shutil.which("xindy") is None:
        config.latex_use_xindy = False


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
    app.add_node(
        frus_person,
        html=(visit_person_html, depart_person_html),
        latex=(visit_person_latex, depart_person_latex),
        text=(_text_visit, None),
    )
    app.add_node(
        frus_comment,
        html=(visit_comment_html, depart_comment_html),
        latex=(visit_comment_latex, depart_comment_latex),
        text=(visit_comment_text, depart_comment_text),
    )
    app.add_node(
        frus_commentref,
        html=(visit_commentref_html, None),
        latex=(skip, None),
        text=(skip, None),
    )
    app.add_directive("memo-header", MemoHeader)
    app.add_directive("memo-paragraphs", MemoParagraphs)
    app.add_directive("memo-notes", MemoNotes)
    app.add_directive("memo-comment", MemoComment)
    app.add_directive("person-register", PersonRegister)
    app.add_latex_package(LATEX_PACKAGE.stem)
    app.connect("config-inited", index_without_xindy, priority=900)
    app.connect("builder-inited", install_assets)
    app.connect("env-purge-doc", purge_rendered)
    app.connect("env-merge-info", merge_rendered)
    app.connect("env-check-consistency", check_every_paragraph_once)
    app.connect("env-check-consistency", check_every_paragraph_commented)
    app.connect("doctree-read", add_comment_links)
    app.connect("doctree-resolved", move_comments_beside_paragraphs)
    return {
        "version": "2",
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 2,
    }
