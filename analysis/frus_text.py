"""The parser: a memorandum in the FRUS plain-text rendering → :class:`~analysis.model.Memorandum`.

The rendering, as history.state.gov's text export prints it:

* a title line ("271. Memorandum of Conversation1"), its note number glued on;
* one or two bulleted header lists, participants and subject, in either order (the headings
  PARTICIPANTS and SUBJECT are lost); long participant lists carry group labels ("U.S.");
* body blocks separated by blank lines, paragraphs ending in a portion marking "(S)", and
  page markers "[Page 784]" alone between blocks or inside one, even inside a word;
* the notes, indented and numbered, at the end.

Nothing else in the project reads the text: every chapter and analysis takes the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from .cross_references import document_links
from .errors import SourceError
from .inline import VALID_PAGE_MARKER, Place, read_inline
from .model import Block, Layout, Memorandum, Note, NoteRef, PageBreak, Participant

MARKINGS = ("U", "C", "S", "TS")
# A parenthesised run of capitals ending a block is a portion-marking slot ("(S)", "(S/NF)");
# longer acronyms such as "(OAU)" are text.
MARKING_SLOT = re.compile(r"\s*\((?P<marking>[A-Z]{1,2}(?:/[A-Z]+)*)\)$")
BULLET = re.compile(r"^(?P<prefix>\s*•\s+)(?P<item>.*)$")
NOTE_START = re.compile(r"^(?P<indent>\s+)(?P<n>\d+)\.\s+(?P<text>.*)$")
LIST_HEADINGS = {"PARTICIPANTS": "participants", "SUBJECT": "subject"}
INLINE_GROUP = re.compile(r"^(?P<group>[A-Z][A-Za-z.]{0,11}):\s+(?P<rest>\S.*)$")
GROUP_LABEL = re.compile(r"^(?:[A-Z][A-Z.]*|.+ (?:Side|side|Delegation|delegation)|[^,;]+:)$")
SPEAKER_LABEL = re.compile(
    r"^(?P<label>[A-Z][\w.’'-]*(?: (?:[A-Z][\w.’'-]*|of|the|de|von)){0,4}):\s"
)
SENTENCE_FINAL = tuple('.?!:;,”"’)]…')
COMPLETE_ENDING = tuple('.?!”"’)]')
MAX_HEADING_WORDS = 12
WORD = re.compile(r"[^\W\d_]+")
AROUND_PAGE_MARKER = re.compile(r"[^\W\d_]*\s*\[Page\b[^\]\n]*\]?\s*[^\W\d_]*")


@dataclass(frozen=True)
class LineGroup:
    """A run of non-blank source lines."""

    line: int  # 1-based number of the first line
    lines: tuple[str, ...]

    @property
    def raw(self) -> str:
        return "\n".join(self.lines)

    @property
    def last_line(self) -> int:
        return self.line + len(self.lines) - 1


def decode_source(data: bytes, path: str) -> tuple[str, str]:
    """Decoded text with LF line ends, and the line ending the source used."""
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise SourceError(path, line, "binary data (NUL byte): expected a UTF-8 text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start]
        raise SourceError(path, line, f"not UTF-8: byte 0x{byte:02x} cannot be decoded") from None
    line_ending = "\r\n" if "\r\n" in text else "\n"
    return text.replace("\r\n", "\n"), line_ending


def parse_file(path: str | Path, volume: str | None = None) -> Memorandum:
    """Parse a memorandum file; ``volume`` (e.g. ``frus1977-80v06``) resolves in-volume notes."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise SourceError(name, 0, f"cannot read file: {error.strerror}") from None
    text, line_ending = decode_source(data, name)
    memo = parse_text(text, name, volume)
    return replace(memo, layout=replace(memo.layout, line_ending=line_ending))


def parse_text(text: str, path: str = "<text>", volume: str | None = None) -> Memorandum:
    """Parse decoded text (LF line ends) into the model; raises :class:`SourceError`."""
    if not text.strip():
        raise SourceError(path, 1, "empty file: expected a FRUS memorandum in plain text")
    groups, gaps = _line_groups(text, path)
    title_group, *rest = groups
    if BULLET.match(title_group.lines[0]):
        raise SourceError(path, title_group.line, "expected a title line before the bulleted lists")
    header_groups, rest = _take_while(rest, _is_header_group)
    body_groups, note_groups = _split_notes(rest)
    if not body_groups:
        raise SourceError(path, groups[-1].last_line, "no paragraphs after the header (truncated?)")

    title = read_inline(title_group.raw, Place(path, title_group.line))
    header = _read_header(header_groups, path)
    blocks = _read_blocks(body_groups, path, document_vocabulary(text))
    notes = _read_notes(note_groups, path, volume)
    _check_complete(path, blocks, body_groups, notes)
    _check_note_references(path, title_group.line, title, header, blocks, notes)

    layout = Layout(
        gaps=gaps,
        header_order=header.order,
        header_headings=header.headings,
        header_prefixes=header.prefixes,
        note_indent=NOTE_START.match(note_groups[0].lines[0]).group("indent")
        if note_groups
        else "  ",
        final_newline=text.endswith("\n"),
    )
    return Memorandum(
        title=title.text,
        participants=header.participants,
        subject=header.subject,
        blocks=blocks,
        notes=notes,
        title_footnote_refs=title.note_refs,
        subject_marking=header.subject_marking,
        subject_footnote_refs=header.subject_refs,
        layout=layout,
    )


def _line_groups(text: str, path: str) -> tuple[list[LineGroup], tuple[int, ...]]:
    """Runs of non-blank lines, and for each non-blank line the blank lines that follow it."""
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    groups: list[LineGroup] = []
    gaps: list[int] = []
    current: list[str] = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.rstrip())
            gaps.append(0)
        else:
            if current:
                groups.append(LineGroup(start, tuple(current)))
                current = []
            elif not groups:
                raise SourceError(path, number, "blank line before the title")
            gaps[-1] += 1
    if current:
        groups.append(LineGroup(start, tuple(current)))
    return groups, tuple(gaps)


def _take_while(groups, predicate):
    count = 0
    while count < len(groups) and predicate(groups[count]):
        count += 1
    return groups[:count], groups[count:]


def _is_header_group(group: LineGroup) -> bool:
    _, items = _split_heading(group)
    if items is None:
        return True
    bullets = [bool(BULLET.match(line)) for line in items.lines]
    return any(bullets) and all(b or line[:1].isspace() for b, line in zip(bullets, items.lines))


def _split_heading(group: LineGroup) -> tuple[str | None, LineGroup | None]:
    """A PARTICIPANTS or SUBJECT line and the list under it, printed with or without a blank
    line between them."""
    if group.lines[0] not in LIST_HEADINGS:
        return None, group
    items = group.lines[1:]
    return group.lines[0], (LineGroup(group.line + 1, items) if items else None)


def _is_note_group(group: LineGroup) -> bool:
    return bool(NOTE_START.match(group.lines[0])) and all(
        line[:1].isspace() for line in group.lines
    )


def _split_notes(groups: list[LineGroup]) -> tuple[list[LineGroup], list[LineGroup]]:
    """Body groups, then the trailing note groups (indented, numbered)."""
    first_note = len(groups)
    while first_note > 0 and _is_note_group(groups[first_note - 1]):
        first_note -= 1
    return groups[:first_note], groups[first_note:]


@dataclass(frozen=True)
class _Header:
    participants: tuple[Participant, ...]
    subject: str | None
    subject_marking: str | None
    subject_refs: tuple[NoteRef, ...]
    order: tuple[str, ...]
    headings: tuple[str | None, ...]
    prefixes: tuple[str, ...]
    line: int  # first header line, for messages
    subject_line: int  # first subject line, for messages


def _read_header(all_groups: list[LineGroup], path: str) -> _Header:
    headings, groups = _list_headings(all_groups)
    if len(groups) > 2:
        raise SourceError(
            path, groups[2].line, "expected at most two header lists (participants, subject)"
        )
    kinds = [
        LIST_HEADINGS[heading] if heading else guess
        for heading, guess in zip(headings, _classify_header_lists(groups))
    ]
    participants: list[Participant] = []
    subject = _Subject()
    prefixes: list[str] = []
    for group, kind in zip(groups, kinds):
        label = None
        for offset, line in enumerate(group.lines):
            place = Place(path, group.line + offset)
            bullet = BULLET.match(line)
            item = bullet.group("item") if bullet else line.strip()
            prefixes.append(
                bullet.group("prefix") if bullet else line[: len(line) - len(line.lstrip())]
            )
            if kind == "subject":
                subject.add(item, place)
            elif not bullet or GROUP_LABEL.match(item):
                label = item  # kept as printed, so that the round trip can restore it
            else:
                participants.append(_participant(item, label, place))
    return _Header(
        participants=tuple(participants),
        subject=subject.text or None,
        subject_marking=subject.marking,
        subject_refs=tuple(subject.refs),
        order=tuple(kinds),
        headings=tuple(headings),
        prefixes=tuple(prefixes),
        line=groups[0].line if groups else 1,
        subject_line=subject.line,
    )


def _list_headings(all_groups: list[LineGroup]) -> tuple[list[str | None], list[LineGroup]]:
    """The header lists, and the PARTICIPANTS/SUBJECT heading printed over each (or None)."""
    headings: list[str | None] = []
    groups: list[LineGroup] = []
    for heading, group in map(_split_heading, all_groups):
        if heading:
            headings.append(heading)
        if group:
            headings += [None] * (len(groups) + 1 - len(headings))
            groups.append(group)
    headings += [None] * (len(groups) - len(headings))
    return headings, groups


class _Subject:
    """The subject list's items joined with "; ", their note references and marking."""

    def __init__(self) -> None:
        self.text = ""
        self.refs: list[NoteRef] = []
        self.marking: str | None = None
        self.line = 0

    def add(self, item: str, place: Place) -> None:
        slot = MARKING_SLOT.search(item)
        if slot:
            self.marking = _checked_marking(slot.group("marking"), place)
            item = item[: slot.start()]
        self.line = self.line or place.line
        inline = read_inline(item, place)
        start = len(self.text) + (2 if self.text else 0)
        self.refs += [NoteRef(r.n, r.offset + start) for r in inline.note_refs]
        self.text += ("; " if self.text else "") + inline.text


def _classify_header_lists(groups: list[LineGroup]) -> list[str]:
    """Which list is the subject: the one with a portion marking, else a single-item list.

    With two lists and no other evidence the first is the participants, as FRUS prints them.
    """

    def subject_evidence(group: LineGroup) -> int:
        items = [BULLET.match(line) for line in group.lines]
        labels = any(not item or GROUP_LABEL.match(item.group("item")) for item in items)
        marked = any(item and MARKING_SLOT.search(item.group("item")) for item in items)
        return 2 * marked + (len(items) == 1) - 2 * labels

    if not groups:
        return []
    if len(groups) == 1:
        return ["subject" if subject_evidence(groups[0]) >= 2 else "participants"]
    first, second = (subject_evidence(g) for g in groups)
    return ["subject", "participants"] if first > second else ["participants", "subject"]


def _participant(item: str, group: str | None, place: Place) -> Participant:
    """A participant entry: "Name; Role" or "Name, Role" (the first separator), possibly with
    its group printed in front ("USSR: Anatoliy Dobrynin, Soviet Ambassador")."""
    inline_group = INLINE_GROUP.match(item) if ";" not in item.split(":")[0] else None
    if inline_group:
        group, item = inline_group.group("group"), inline_group.group("rest")
    entry = read_inline(item, place)
    name, _, role = entry.text.partition(";") if ";" in entry.text else entry.text.partition(",")
    return Participant(
        text=entry.text,
        name=name.strip(),
        role=role.strip() or None,
        group=group,
        footnote_refs=entry.note_refs,
        line=place.line,
        group_inline=bool(inline_group),
    )


def _checked_marking(marking: str, place: Place) -> str:
    if marking not in MARKINGS:
        known = ", ".join(f"({m})" for m in MARKINGS)
        raise SourceError(
            place.path, place.line, f"unknown portion marking ({marking}); expected one of {known}"
        )
    return marking


def document_vocabulary(text: str) -> frozenset[str]:
    """The words the document uses away from page markers, lower case: the fragments of a
    word split by a marker must not vouch for themselves."""
    return frozenset(WORD.findall(AROUND_PAGE_MARKER.sub(" ", text).lower()))


def _read_blocks(
    groups: list[LineGroup], path: str, vocabulary: frozenset[str]
) -> tuple[Block, ...]:
    """Body blocks in order; a page marker standing alone opens the next block at offset 0."""
    blocks: list[Block] = []
    pending_pages: list[str] = []
    for group in groups:
        raw = group.raw.strip()
        standalone = VALID_PAGE_MARKER.fullmatch(raw)
        if standalone:
            pending_pages.append(standalone.group(1))
            continue
        marking = None
        slot = MARKING_SLOT.search(raw)
        if slot:
            marking = _checked_marking(slot.group("marking"), Place(path, group.last_line))
            raw = raw[: slot.start()]
        inline = read_inline(raw, Place(path, group.line), vocabulary=vocabulary)
        standalone_breaks = tuple(PageBreak(page, 0, standalone=True) for page in pending_pages)
        page_breaks = standalone_breaks + inline.page_breaks
        pending_pages = []
        blocks.append(
            Block(
                n=len(blocks) + 1,
                kind="heading" if _looks_like_heading(inline.text, group) else "paragraph",
                text=inline.text,
                marking=marking,
                page_breaks=page_breaks,
                footnote_refs=inline.note_refs,
                label=(m.group("label") if (m := SPEAKER_LABEL.match(inline.text)) else None),
                line=group.line,
            )
        )
    if pending_pages:
        raise SourceError(
            path,
            groups[-1].last_line,
            f"page marker [Page {pending_pages[-1]}] has no text after it",
        )
    return tuple(blocks)


def _looks_like_heading(text: str, group: LineGroup) -> bool:
    """A short single line with no sentence punctuation at its end, e.g. "Afghanistan"."""
    return (
        len(group.lines) == 1
        and len(text.split()) <= MAX_HEADING_WORDS
        and not text.endswith(SENTENCE_FINAL)
        and not text.startswith(("“", '"'))
    )


def _read_notes(groups: list[LineGroup], path: str, volume: str | None) -> tuple[Note, ...]:
    notes: list[Note] = []
    for group in groups:
        current: list[str] = []
        start = group.line
        for offset, line in enumerate(group.lines):
            match = NOTE_START.match(line)
            if match and current:
                notes.append(_note(current, start, path, volume, len(notes) + 1))
                current = []
            if match or not current:
                start = group.line + offset
            current.append(line)
        notes.append(_note(current, start, path, volume, len(notes) + 1))
    return tuple(notes)


def _note(lines: list[str], line: int, path: str, volume: str | None, expected: int) -> Note:
    match = NOTE_START.match(lines[0])
    n = int(match.group("n"))
    if n != expected:
        raise SourceError(path, line, f"note {n} is out of sequence: expected note {expected}")
    raw = " ".join([match.group("text")] + [text.strip() for text in lines[1:]])
    text = read_inline(raw, Place(path, line), notes=False).text
    return Note(n=n, text=text, links=tuple(document_links(text, volume)), line=line)


def _check_note_references(path, title_line, title, header, blocks, notes) -> None:
    """Every note number in the text has a note, and every note is referred to."""
    numbered = {note.n: note for note in notes}
    referenced: set[int] = set()
    places = [(title.note_refs, title_line)]
    places += [(p.footnote_refs, p.line) for p in header.participants]
    places.append((header.subject_refs, header.subject_line))
    places += [(b.footnote_refs, b.line) for b in blocks]
    for refs, line in places:
        for ref in refs:
            if ref.n not in numbered:
                reason = (
                    "the file has no notes (truncated?)"
                    if not notes
                    else f"there is no note {ref.n}"
                )
                raise SourceError(path, line, f"note number {ref.n} in the text, but {reason}")
            referenced.add(ref.n)
    for note in notes:
        if note.n not in referenced:
            raise SourceError(
                path, note.line, f"note {note.n} is not referred to anywhere in the text"
            )


def _check_complete(path, blocks, body_groups, notes) -> None:
    """A file cut short ends mid-paragraph or mid-note."""
    if notes:
        last = notes[-1]
        if not last.text.endswith(COMPLETE_ENDING):
            raise SourceError(path, last.line, f"note {last.n} ends mid-sentence (truncated?)")
        return
    last = blocks[-1]  # a memorandum never ends on a heading: a short fragment looks like one
    if last.marking is None and not last.text.endswith(COMPLETE_ENDING):
        raise SourceError(
            path, body_groups[-1].last_line, "the text ends mid-paragraph (truncated?)"
        )
