"""The directives: ``memo-header``, ``memo-paragraphs``, ``memo-notes``, ``memo-comment``
and ``person-register`` (see the package's docstring)."""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective

from ... import edition, persons
from ...model import Memorandum
from .fragments import inline_nodes, marking_node, note_body, styled_line
from .nodes import (
    comment_id,
    frus_comment,
    frus_notes,
    frus_parnum,
    note_id,
    paragraph_id,
)
from .state import frus_data


class _MemoDirective(SphinxDirective):
    def memo(self) -> Memorandum:
        for path in (edition.MEMORANDUM_FILE, edition.METADATA_FILE, persons.REGISTER_FILE):
            self.env.note_dependency(str(path))
        return edition.memorandum()

    def frus_data(self, key: str) -> dict:
        return frus_data(self.env, key)

    def paragraphs(self, memo: Memorandum, record: str) -> range:
        """The paragraphs the argument names, recorded as rendered or commented on this page."""
        try:
            numbers = paragraph_range(self.arguments[0], len(memo.blocks))
        except ValueError as error:
            raise self.error(str(error)) from None
        self.frus_data(record).setdefault(self.env.docname, []).extend(numbers)
        return numbers


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
        numbers = self.paragraphs(memo, "rendered")
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
        if not self.content:
            raise self.error(f"commentary on {self.arguments[0]} is empty")
        numbers = self.paragraphs(self.memo(), "commented")
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
        people = persons.load_register()
        self.env.domaindata.setdefault("frus", {})["register"] = {"doc": self.env.docname}
        container = nodes.container(classes=["frus-register"])
        lines = _register_markdown(people, memo).splitlines()

        self.state.nested_parse(StringList(lines, source=str(persons.REGISTER_FILE)), 0, container)
        return [container]
