"""Named facts about the edition's memorandum, for ``{glue:text}`` in the chapters' prose.

Every number a chapter states about the document comes from here, computed from the model
and the metadata, so that prose and data cannot drift apart.
"""

from __future__ import annotations

from collections import Counter

from . import edition
from .model import Memorandum


def document_facts(memo: Memorandum | None = None) -> dict[str, object]:
    memo = memo or edition.memorandum()
    markings = Counter(block.marking for block in memo.blocks)
    pages = [b.page for block in memo.blocks for b in block.page_breaks]
    return {
        "paragraph_count": len(memo.blocks),
        "word_count": sum(block.words for block in memo.blocks),
        "note_count": len(memo.notes),
        "linked_document_count": sum(len(note.links) for note in memo.notes),
        "page_break_count": len(pages),
        "first_page_break": pages[0] if pages else None,
        "last_page_break": pages[-1] if pages else None,
        "printed_pages": edition.field("printed_pages"),
        "dateline": edition.field("dateline"),
        "document_url": edition.field("url"),
        "secret_paragraph_count": markings["S"],
        "unclassified_paragraph_count": markings["U"],
        "unmarked_paragraph_count": markings[None],
        "also_printed_as": edition.field("also_printed_as"),
    }
