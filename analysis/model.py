"""The typed model of a FRUS memorandum: the one structure every chapter and analysis reads.

Offsets are positions in a block's reading ``text`` (page markers and note numbers removed,
split words rejoined, white space collapsed). The ``Layout`` keeps what the reading text drops
so that :mod:`analysis.frus_render` can write the source rendering back byte for byte.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Marking = Literal["U", "C", "S", "TS"]
MARKING_NAMES: dict[str, str] = {
    "U": "Unclassified",
    "C": "Confidential",
    "S": "Secret",
    "TS": "Top Secret",
}


@dataclass(frozen=True)
class PageBreak:
    """The start of printed page ``page`` at ``offset`` in the block's text."""

    page: str
    offset: int
    joined: bool = False  # the marker split a word that the reading text rejoins
    standalone: bool = False  # the marker stood on its own between paragraphs
    spacing: tuple[str, str] = (" ", " ")  # white space before and after the marker in the source


@dataclass(frozen=True)
class NoteRef:
    """A reference to note ``n``, glued in the source to the word ending at ``offset``."""

    n: int
    offset: int


@dataclass(frozen=True)
class Block:
    """A body block: a paragraph or a section heading, numbered from 1 in reading order."""

    n: int
    kind: Literal["paragraph", "heading"]
    text: str
    marking: Marking | None
    page_breaks: tuple[PageBreak, ...] = ()
    footnote_refs: tuple[NoteRef, ...] = ()
    label: str | None = None  # a leading "The President:" or "COMMENT:" label, without the colon
    line: int = 0  # first source line, for messages

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Participant:
    text: str  # the entry as printed, e.g. "Marshall Brement, NSC Staff Member"
    name: str  # the person, e.g. "Marshall Brement"
    role: str | None
    group: str | None = (
        None  # the label over this part of the list, as printed: "U.S.", "Soviet Side:"
    )
    footnote_refs: tuple[NoteRef, ...] = ()
    group_inline: bool = field(default=False, compare=False)  # printed "USSR: Name" on one line
    line: int = 0  # source line, for messages

    @property
    def short_name(self) -> str:
        """How the memorandum names the person: "Bessmertnykh", but "The President" whole."""
        return self.name if self.name.startswith("The ") else self.name.split()[-1]


@dataclass(frozen=True)
class Note:
    n: int
    text: str
    links: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Layout:
    """What the reading model drops but the source rendering needs for a byte-exact round trip."""

    line_ending: str = "\n"
    gaps: tuple[int, ...] = ()  # blank lines after each non-blank source line, in order
    header_order: tuple[str, ...] = ("participants", "subject")
    header_headings: tuple[str | None, ...] = ()  # "PARTICIPANTS"/"SUBJECT" lines, where printed
    header_prefixes: tuple[str, ...] = ()  # the indent and bullet of each header line, in order
    note_indent: str = "  "
    final_newline: bool = True


@dataclass(frozen=True)
class Memorandum:
    title: str
    participants: tuple[Participant, ...]
    subject: str | None
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...]
    title_footnote_refs: tuple[NoteRef, ...] = ()
    subject_marking: Marking | None = None
    subject_footnote_refs: tuple[NoteRef, ...] = ()
    layout: Layout = field(default_factory=Layout, compare=False)

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind == "paragraph")

    def block(self, n: int) -> Block:
        if not 1 <= n <= len(self.blocks):
            raise KeyError(f"no block {n}: the memorandum has blocks 1-{len(self.blocks)}")
        return self.blocks[n - 1]

    def note(self, n: int) -> Note:
        for note in self.notes:
            if note.n == n:
                return note
        raise KeyError(f"no note {n}")

    def to_json(self) -> dict:
        """The command-line contract of ``python -m analysis parse``, plus a few extra keys."""

        def refs(items):
            return [{"n": r.n, "offset": r.offset} for r in items]

        return {
            "title": self.title,
            "participants": [p.text for p in self.participants],
            "subject": self.subject,
            "paragraphs": [
                {
                    "n": b.n,
                    "kind": b.kind,
                    "text": b.text,
                    "marking": b.marking,
                    "page_breaks": [{"page": p.page, "offset": p.offset} for p in b.page_breaks],
                    "footnote_refs": refs(b.footnote_refs),
                    "label": b.label,
                    "words": b.words,
                }
                for b in self.blocks
            ],
            "footnotes": [{"n": f.n, "text": f.text, "links": list(f.links)} for f in self.notes],
            "title_footnote_refs": refs(self.title_footnote_refs),
            "subject_marking": self.subject_marking,
            "participant_details": [
                {
                    "name": p.name,
                    "role": p.role,
                    "group": p.group,
                    "footnote_refs": refs(p.footnote_refs),
                }
                for p in self.participants
            ],
        }
