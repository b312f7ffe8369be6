"""Reading the inline layer of a FRUS text block: page markers and glued note numbers.

``read_inline`` turns a raw block (possibly several source lines) into its reading text with
the positions of page breaks and note references in that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import SourceError
from .model import NoteRef, PageBreak
from .wordsplit import is_split_word

# Anything that starts like a page marker; VALID_PAGE_MARKER says whether it is well formed.
PAGE_MARKER_START = re.compile(r"\[Page\b[^\]\n]*\]?")
VALID_PAGE_MARKER = re.compile(r"\[Page ([1-9][0-9]*|[ivxlcdm]+)\]")
WORD_AT_END = re.compile(r"([^\W\d_]+)(-?)$")
WORD_AT_START = re.compile(r"^([^\W\d_]+)")
DIGITS = re.compile(r"[1-9][0-9]{0,2}")
CLOSING_PUNCTUATION = set(".,:;!?)]")
NEW_SENTENCE = re.compile(r"\s+[A-Z“\"‘]|\s*$")
QUOTES = set("”’\"'")
WHITESPACE_RUN = re.compile(r"\s+")


@dataclass(frozen=True)
class Inline:
    text: str
    page_breaks: tuple[PageBreak, ...]
    note_refs: tuple[NoteRef, ...]


@dataclass(frozen=True)
class Place:
    """Where a raw block starts, so that positions in it can be reported as file lines."""

    path: str
    line: int

    def error(self, raw: str, position: int, message: str) -> SourceError:
        return SourceError(self.path, self.line + raw.count("\n", 0, position), message)


def glued_note_numbers(segment: str) -> list[re.Match]:
    """The numbers in ``segment`` that are note references rather than part of the text.

    A note number is glued to the word or mark before it (``Conversation1``, ``speech.4``,
    ``War:6``, ``speech.”4``) and is not followed by a letter or digit. Numbers of the text
    stand after white space (``1972``), a dash (``60–70``), an opening apostrophe (``’80s``) or
    go on from a number (``40,000``, ``2.5 percent``); after a number that ends a clause, a
    note is still a note (``(May 1972)3``, ``in 1980.4 The``).
    """
    found = []
    for match in DIGITS.finditer(segment):
        start, end = match.span()
        if start == 0 or (end < len(segment) and (segment[end].isalnum() or segment[end] in "–-")):
            continue
        if start > 0 and segment[start - 1].isdigit():
            continue
        before = segment[start - 1]
        earlier = segment[start - 2] if start >= 2 else " "
        if before.isalpha():
            found.append(match)
        elif before in CLOSING_PUNCTUATION and not earlier.isspace():
            if not (earlier.isdigit() and _continues_number(segment, match)):
                found.append(match)
        elif before in QUOTES and not earlier.isspace():
            found.append(match)
    return found


def _continues_number(segment: str, match: re.Match) -> bool:
    """Whether digits after a figure and a separator belong to the figure, not to a note.

    A thousands group has three digits (``1,500``); a decimal goes on in lower case (``2.5
    percent``) where a note after a sentence-ending year is followed by a new sentence. After
    a colon the digits are read as a time (``10:30``), so ``1980:4`` is not a note.
    """
    separator = segment[match.start() - 1]
    if separator == ",":
        return len(match.group()) == 3
    if separator == ".":
        return not NEW_SENTENCE.match(segment, match.end())
    return separator == ":"


class _TextBuilder:
    """Accumulates reading text with white space collapsed, tracking offsets as it goes."""

    def __init__(self) -> None:
        self.text = ""
        self._strip_next = True

    def append(self, piece: str) -> None:
        piece = WHITESPACE_RUN.sub(" ", piece)
        if self._strip_next or self.text.endswith(" "):
            piece = piece.lstrip(" ")
        if piece:
            self._strip_next = False
        self.text += piece

    def break_here(self, separate: bool) -> int:
        """End the current word; the next piece starts the new page. Returns the break offset."""
        self.text = self.text.rstrip(" ")
        if separate and self.text:
            self.text += " "
        self._strip_next = True
        return len(self.text)


def read_inline(
    raw: str, place: Place, *, notes: bool = True, vocabulary: frozenset[str] = frozenset()
) -> Inline:
    """Read ``raw`` into reading text, page breaks and (if ``notes``) glued note references.

    ``vocabulary`` holds the document's own words (lower case), which decide splits of names
    that no dictionary knows.
    """
    markers = list(PAGE_MARKER_START.finditer(raw))
    for marker in markers:
        if not VALID_PAGE_MARKER.fullmatch(marker.group()):
            raise place.error(
                raw,
                marker.start(),
                f"malformed page marker {marker.group()!r}; expected '[Page N]'",
            )
    builder = _TextBuilder()
    page_breaks: list[PageBreak] = []
    note_refs: list[NoteRef] = []
    segment_starts = [0] + [m.end() for m in markers]
    segment_ends = [m.start() for m in markers] + [len(raw)]
    for index, (start, end) in enumerate(zip(segment_starts, segment_ends)):
        segment = raw[start:end]
        cursor = 0
        for match in glued_note_numbers(segment) if notes else ():
            builder.append(segment[cursor : match.start()])
            note_refs.append(NoteRef(int(match.group()), len(builder.text)))
            cursor = match.end()
        builder.append(segment[cursor:])
        if index < len(markers):
            marker = markers[index]
            following = raw[marker.end() : segment_ends[index + 1]]
            joined = _splits_word(segment, following, vocabulary)
            spacing = (_trailing_space(segment), _leading_space(following))
            offset = builder.break_here(separate=not joined)
            page = VALID_PAGE_MARKER.fullmatch(marker.group()).group(1)
            page_breaks.append(PageBreak(page, offset, joined=joined, spacing=spacing))
    text = builder.text.rstrip(" ")
    page_breaks = [
        PageBreak(p.page, min(p.offset, len(text)), p.joined, p.standalone, p.spacing)
        for p in page_breaks
    ]
    return Inline(text, tuple(page_breaks), tuple(note_refs))


def _splits_word(before: str, after: str, vocabulary: frozenset[str]) -> bool:
    """Whether a marker between ``before`` and ``after`` broke a word (hyphenated or not).

    Only letters on both sides can form a split word: a note number or punctuation before the
    marker, or a digit after it, means the marker stood between words.
    """
    left = WORD_AT_END.search(before.rstrip())
    right = WORD_AT_START.search(after.lstrip())
    if not (left and right):
        return False
    if left.group(2):  # "well-[Page 5]known": a hyphenated compound, kept with its hyphen
        return True
    return is_split_word(left.group(1), right.group(1), vocabulary)


def _trailing_space(segment: str) -> str:
    return segment[len(segment.rstrip()) :]


def _leading_space(segment: str) -> str:
    return segment[: len(segment) - len(segment.lstrip())]
