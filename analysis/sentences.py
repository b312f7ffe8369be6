"""Sentence splitting for FRUS memoranda: the unit inventory of the gold annotations.

No trained model (nltk's punkt cannot be downloaded at build time) and none needed: the
rule is a sentence ends at ``.``, ``?`` or ``!`` (with any closing quotation marks) when
white space and a capital letter, a digit or an opening quotation mark follow, unless the
full stop belongs to an abbreviation ("Dr.", "Mr.", "U.S.") or to a spaced ellipsis
(". . ."). Sentences are cut only at white space, so every sentence is a substring of its
block, the sentences joined by single spaces give the block back, and their whitespace
tokens add up to ``Block.words``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Block, Memorandum

# Abbreviations whose full stop does not end a sentence (compared case-sensitively, with the
# token's leading punctuation stripped). Initials ("U.S.", "J.") are caught by INITIALS.
ABBREVIATIONS = frozenset(
    {
        "Dr.",
        "Mr.",
        "Mrs.",
        "Ms.",
        "St.",
        "Gen.",
        "Amb.",
        "Sen.",
        "Rep.",
        "Prof.",
        "No.",
        "vol.",
        "Vol.",
        "cf.",
        "e.g.",
        "i.e.",
        "etc.",
        "Jan.",
        "Feb.",
        "Mar.",
        "Apr.",
        "Aug.",
        "Sept.",
        "Oct.",
        "Nov.",
        "Dec.",
    }
)
INITIALS = re.compile(r"^(?:[A-Z]\.)+$")  # "U.S.", "J."
ENUMERATOR = re.compile(r"^(?:\d+|[a-z]|[IVX]+)\.$")  # a paragraph number, not a sentence
CLOSERS = '”’")]'
TERMINAL = re.compile(r"[.?!][" + re.escape(CLOSERS) + r"]*$")
OPENER = re.compile(r"^[“‘\"(\[]*[A-Z0-9]")


@dataclass(frozen=True)
class Sentence:
    id: str  # "p04.s03": block 4, third sentence
    paragraph: int
    index: int  # 1-based within the block
    start: int  # offset in Block.text
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def _ends_sentence(token: str, following: str) -> bool:
    if not TERMINAL.search(token):
        return False
    if token == "." or following.startswith("."):  # a spaced ellipsis ". . ."
        return False
    bare = token.lstrip('“‘"([').rstrip(CLOSERS)
    if bare in ABBREVIATIONS or (INITIALS.match(bare) and not token.endswith(tuple(CLOSERS))):
        # "U.S. policy" continues; an initialism ending a sentence before a capital is
        # ambiguous and rare in these texts: we keep it inside the sentence.
        return False
    return bool(OPENER.match(following))


def split_text(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``."""
    tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    spans: list[tuple[int, int]] = []
    start = None
    for i, (a, b) in enumerate(tokens):
        if start is None:
            start = a
        following = text[tokens[i + 1][0] : tokens[i + 1][1]] if i + 1 < len(tokens) else ""
        if i == 0 and ENUMERATOR.match(text[a:b]):  # "1. The President said ..."
            continue
        if not following or _ends_sentence(text[a:b], following):
            spans.append((start, b))
            start = None
    return spans


def split_block(block: Block) -> list[Sentence]:
    """The block's sentences; a heading is one unit, whatever its punctuation."""
    spans = [(0, len(block.text))] if block.kind == "heading" else split_text(block.text)
    return [
        Sentence(f"p{block.n:02d}.s{i:02d}", block.n, i, a, b, block.text[a:b])
        for i, (a, b) in enumerate(spans, start=1)
    ]


def split_memorandum(memo: Memorandum) -> list[Sentence]:
    """Every sentence of every block, in reading order (a heading is a single unit)."""
    return [s for block in memo.blocks for s in split_block(block)]
