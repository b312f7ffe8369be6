"""The computational edition's package: parse a FRUS memorandum into a typed model and analyse it."""

from .errors import SourceError
from .frus_text import parse_file, parse_text
from .model import Block, Memorandum, Note, NoteRef, PageBreak, Participant

__all__ = [
    "Block",
    "Memorandum",
    "Note",
    "NoteRef",
    "PageBreak",
    "Participant",
    "SourceError",
    "parse_file",
    "parse_text",
]
