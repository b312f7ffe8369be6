"""Notes → history.state.gov document addresses: in Document 271, in the synthetic memoranda, and
for the citation shapes FRUS notes use."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import parse_file
from analysis.cross_references import (
    HISTORY_STATE_GOV,
    document_links,
    document_numbers,
    roman_to_int,
    volume_id,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "memoranda"
CURRENT = "frus1977-80v99"  # a volume no citation names, so in-volume links stand out
INLINE = "inline_groups_no_subject.txt"


def links(volume: str, *numbers: int) -> list[str]:
    return [f"{HISTORY_STATE_GOV}{volume}/d{n}" for n in numbers]


# --- Document 271 ---------------------------------------------------------------------------------

NOTE_3_DOCUMENTS = (
    257,
    259,
    262,
    263,
    265,
    271,
    273,
    276,
    277,
    281,
    283,
    284,
    288,
    290,
    292,
    293,
    295,
    299,
    300,
)


@pytest.mark.parametrize(
    "n, expected",
    [
        (1, []),
        (2, links("frus1969-76v08", 136)),
        (3, links("frus1969-76v14", *NOTE_3_DOCUMENTS)),
        (4, links("frus1977-80v06", 252)),
        (5, links("frus1977-80v06", 260)),
        (6, links("frus1969-76v15", 122)),
    ],
)
def test_real_note_links(real_memo, n, expected):
    assert list(real_memo.note(n).links) == expected


def test_real_memorandum_cites_23_documents(real_memo):
    every = [link for note in real_memo.notes for link in note.links]
    assert len(every) == len(set(every)) == 23
    assert len(real_memo.note(3).links) == 19


def test_in_volume_references_need_the_volume(real_path):
    """Without its volume, "See footnote 5, Document 252" cannot be resolved and is left out."""
    memo = parse_file(real_path)
    assert memo.note(4).links == () and memo.note(5).links == ()
    assert len(memo.note(3).links) == 19


# --- The synthetic memoranda ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, n, expected",
    [
        ("indented_group_labels.txt", 3, links(CURRENT, 12, 13, 14)),
        (INLINE, 2, links(CURRENT, 5, 7)),
        (INLINE, 3, links("frus1969-76v12", 18) + links("frus1977-80v19", 3, 4)),
        (INLINE, 4, links("frus1964-68v14", 210, 211, 212) + links(CURRENT, 40)),
        (INLINE, 5, links("frus1969-76ve15p2", 33)),
        (INLINE, 6, []),
        ("attached_headings_subject_first.txt", 2, links("frus1977-80v06", 250)),
    ],
    ids=["range", "pair", "two-volumes", "volume-then-bare", "e-volume-part", "none", "own-volume"],
)
def test_fixture_note_links(name, n, expected):
    memo = parse_file(FIXTURES / name, volume=CURRENT)
    assert list(memo.note(n).links) == expected


# --- Citation shapes ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "note, expected",
    [
        ("See Document 40.", links(CURRENT, 40)),
        ("See Documents 12–14.", links(CURRENT, 12, 13, 14)),
        ("See Documents 12-14 and 20.", links(CURRENT, 12, 13, 14, 20)),
        ("See Documents 5 and 7.", links(CURRENT, 5, 7)),
        ("See Documents 5, 7, and 9.", links(CURRENT, 5, 7, 9)),
        ("See Documents 5 and 5.", links(CURRENT, 5)),
        ("See footnote 3, Document 260.", links(CURRENT, 260)),
        (
            "See Foreign Relations, 1969–1976, vol. XIV, Soviet Union, October 1971–May 1972, "
            "Document 257. On the summit itself, see Document 40.",
            links("frus1969-76v14", 257) + links(CURRENT, 40),
        ),
        (
            "See Foreign Relations, 1969–1976, vol. XXXVIII, Part 1, Foundations of Foreign "
            "Policy, 1973–1976, Documents 3 and 4.",
            links("frus1969-76v38p1", 3, 4),
        ),
        (
            "See Foreign Relations, 1969–1976, vol. E–15, Part 2, Documents on Eastern Europe, "
            "1973–1976, Document 33.",
            links("frus1969-76ve15p2", 33),
        ),
        (
            "See Foreign Relations, 1961–1963, vol. V, Soviet Union, Document 1; Foreign "
            "Relations, 1964–1968, vol. XIV, Soviet Union, Documents 2–3; and Foreign Relations, "
            "1977–1980, vol. VI, Soviet Union, Document 4.",
            links("frus1961-63v05", 1) + links("frus1964-68v14", 2, 3) + links("frus1977-80v06", 4),
        ),
        ("See Foreign Relations, 1969–1976, vol. XII, pp. 12–14.", []),
        ("Printed from an uninitialed copy. Brezhnev spoke for 40 minutes.", []),
    ],
)
def test_document_links(note, expected):
    assert document_links(note, CURRENT) == expected


def test_document_links_without_current_volume_keep_other_volumes():
    note = "See Foreign Relations, 1969–1976, vol. VIII, Document 136. See also Document 5."
    assert document_links(note, None) == links("frus1969-76v08", 136)


@pytest.mark.parametrize(
    "numeral, value",
    [
        ("I", 1),
        ("IV", 4),
        ("VI", 6),
        ("IX", 9),
        ("XIV", 14),
        ("XIX", 19),
        ("XXXVIII", 38),
        ("XL", 40),
    ],
)
def test_roman_to_int(numeral, value):
    assert roman_to_int(numeral) == value


@pytest.mark.parametrize(
    "args, expected",
    [
        (("1969", "1976", "XIV"), "frus1969-76v14"),
        (("1977", "1980", "VI"), "frus1977-80v06"),
        (("1969", "76", "VIII"), "frus1969-76v08"),
        (("1969", "1976", "E–15", "2"), "frus1969-76ve15p2"),
        (("1969", "1976", "E-5"), "frus1969-76ve5"),
    ],
)
def test_volume_id(args, expected):
    assert volume_id(*args) == expected


@pytest.mark.parametrize(
    "listing, numbers",
    [
        ("257", [257]),
        ("5 and 7", [5, 7]),
        ("257, 259, and 300", [257, 259, 300]),
        ("12–14", [12, 13, 14]),
        ("1-3, 7", [1, 2, 3, 7]),
    ],
)
def test_document_numbers(listing, numbers):
    assert document_numbers(listing) == numbers
