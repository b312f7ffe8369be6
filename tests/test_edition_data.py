"""The edition's data: the raw memorandum is untouched, and every metadata field is sourced."""

from __future__ import annotations

import hashlib

import pytest

from analysis import edition
from analysis.facts import document_facts

REQUIRED_FIELDS = [
    "document",
    "url",
    "dateline",
    "list_headings",
    "classification",
    "place",
    "covering_memorandum",
    "printed_pages",
    "also_printed_as",
    "archival_source",
]


def test_raw_memorandum_is_byte_for_byte_the_recorded_file():
    recorded = edition.metadata()["raw_file"]["sha256"]
    assert hashlib.sha256(edition.MEMORANDUM_FILE.read_bytes()).hexdigest() == recorded


@pytest.mark.parametrize("name", REQUIRED_FIELDS)
def test_every_metadata_field_has_a_value_and_its_provenance(name):
    entry = edition.metadata()[name]
    assert entry["value"], name
    assert len(entry["provenance"].split()) >= 3, f"{name}: say where the value comes from"


def test_metadata_agrees_with_the_text_it_describes():
    memo = edition.memorandum()
    source_note = memo.note(1).text
    assert edition.field("classification") + "." in source_note
    assert "Soviet Embassy" in source_note and "Soviet Embassy" in edition.field("place")
    assert "March 28" in source_note and edition.field("covering_memorandum").startswith("March 28")
    assert edition.field("url").endswith(edition.field("document"))
    first, last = edition.field("printed_pages").split("–")
    pages = [int(b.page) for block in memo.blocks for b in block.page_breaks]
    assert pages == list(range(int(first) + 1, int(last) + 1)), "one break per printed page"
    assert memo.title.startswith(edition.field("document").rsplit("/d", 1)[1] + ".")


def test_document_facts_are_computed_from_the_model():
    facts = document_facts()
    assert facts["paragraph_count"] == 32
    assert facts["linked_document_count"] == 23
    assert (
        facts["secret_paragraph_count"]
        + facts["unclassified_paragraph_count"]
        + facts["unmarked_paragraph_count"]
        == facts["paragraph_count"]
    )
