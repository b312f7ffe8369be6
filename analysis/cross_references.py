"""Resolving the cross-references in FRUS notes to history.state.gov document addresses.

"Foreign Relations, 1969–1976, vol. XIV, …, Documents 257, 259, and 300" names documents of
another volume; a bare "Document 252" (as in "See footnote 5, Document 252") is one of the
volume the note belongs to. A volume citation reaches to the end of its sentence.
"""

from __future__ import annotations

import re

HISTORY_STATE_GOV = "https://history.state.gov/historicaldocuments/"

VOLUME_CITATION = re.compile(
    r"Foreign Relations,\s+(?P<first>\d{4})[–-](?P<last>\d{2,4}),\s+vol\.\s+"
    r"(?P<volume>[IVXLC]+|E[–-]\d+)(?:,\s+Part\s+(?P<part>\d+))?"
)
DOCUMENT_LIST = re.compile(
    r"\bDocuments?\s+(?P<numbers>\d+(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*[–-]\s*)\d+)*)"
)
# A full stop before a capital ends a sentence unless it closes one of these abbreviations.
SENTENCE_END = re.compile(r"(?<!\bvol)(?<!\bp)(?<!\bpp)(?<!\bNo)(?<!\bNos)\.\s+(?=[A-Z(])")
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_to_int(numeral: str) -> int:
    total = 0
    for char, following in zip(numeral, numeral[1:] + " "):
        value = ROMAN[char]
        total += -value if ROMAN.get(following, 0) > value else value
    return total


def volume_id(first: str, last: str, volume: str, part: str | None = None) -> str:
    """``("1969", "1976", "XIV")`` → ``"frus1969-76v14"``; ``E–15``, Part 2 → ``…ve15p2``."""
    if volume.startswith("E"):
        number = "e" + re.split(r"[–-]", volume)[1]
    else:
        number = f"{roman_to_int(volume):02d}"
    return f"frus{first}-{last[-2:]}v{number}" + (f"p{part}" if part else "")


def document_numbers(listing: str) -> list[int]:
    """``"257, 259, and 300"`` → ``[257, 259, 300]``; a range ``"12–14"`` is expanded."""
    numbers: list[int] = []
    for item in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", listing):
        bounds = [int(bound) for bound in re.split(r"\s*[–-]\s*", item)]
        numbers.extend(range(bounds[0], bounds[-1] + 1))
    return numbers


def document_links(note: str, current_volume: str | None) -> list[str]:
    """Every document address a note cites, in order, without repeats.

    Documents of the note's own volume resolve only when ``current_volume`` is known.
    """
    citations = list(VOLUME_CITATION.finditer(note))
    sentence_ends = [m.start() for m in SENTENCE_END.finditer(note)]
    links: list[str] = []
    for listing in DOCUMENT_LIST.finditer(note):
        volume = current_volume
        preceding = [c for c in citations if c.end() <= listing.start()]
        if preceding:
            citation = preceding[-1]
            if not any(citation.end() <= end < listing.start() for end in sentence_ends):
                volume = volume_id(*citation.group("first", "last", "volume", "part"))
        if volume is None:
            continue
        for number in document_numbers(listing.group("numbers")):
            link = f"{HISTORY_STATE_GOV}{volume}/d{number}"
            if link not in links:
                links.append(link)
    return links
