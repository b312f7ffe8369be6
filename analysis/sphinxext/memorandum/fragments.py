"""Doctree fragments built from the model: the reading text with its page breaks, note
references and linked person names, the notes, the markings and the header lines."""

from __future__ import annotations

from docutils import nodes

from ... import persons
from ...model import MARKING_NAMES, Memorandum, Note, NoteRef, PageBreak
from .nodes import frus_marking, frus_noteref, frus_page, frus_person, frus_styled


def person_nodes(text: str) -> list[nodes.Node]:
    """``text`` as Text nodes with every registered person's name wrapped in a link."""
    out: list[nodes.Node] = []
    cursor = 0
    register = persons.load_register()
    people = persons.by_id(register)
    for mention in persons.find_mentions(text, register):
        if mention.start > cursor:
            out.append(nodes.Text(text[cursor : mention.start]))
        person = people[mention.person]
        out.append(frus_person("", mention.form, anchor=person.anchor, hover=person.hover))
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
