"""The inline layer: which numbers are note references, which page markers split a word, and the
offsets ``read_inline`` reports in the reading text."""

from __future__ import annotations

import pytest

from analysis import SourceError
from analysis.inline import Place, glued_note_numbers, read_inline
from analysis.wordsplit import is_split_word


@pytest.mark.parametrize(
    "segment, expected",
    [
        ("271. Memorandum of Conversation1", [("Conversation", "1")]),
        ("were blockading Haiphong2 and bombs", [("Haiphong", "2")]),
        ("the first Moscow Summit3 and the signing", [("Summit", "3")]),
        ("the President’s January 4 speech.4 That", [("speech.", "4")]),
        ("the State of the Union speech5 is not", [("speech", "5")]),
        ("the Prevention of Nuclear War:6", [("War:", "6")]),
        ("he said it plainly.”12 Then", [("plainly.”", "12")]),
        ("a Soviet ’yes’7 in reply", [("’yes’", "7")]),
        ("the Basic Principles (May 1972)3 were signed", [("(May 1972)", "3")]),
        ("the agreement was signed in 1980.4 The talks", [("1980.", "4")]),
        ("and again in 1980,4 after which", [("1980,", "4")]),
        ("[Omitted here is a passage.]2", [("passage.]", "2")]),
        ("in the spring,3 and", [("spring,", "3")]),
        ("Was it true?7 He", [("true?", "7")]),
        ("the U.S.2 position", [("U.S.", "2")]),
        ("the SALT II3 treaty", [("SALT II", "3")]),
        ("the talks;9 then", [("talks;", "9")]),
        ("Haiphong2 and Summit3", [("Haiphong", "2"), ("Summit", "3")]),
    ],
)
def test_glued_note_numbers_found(segment, expected):
    found = glued_note_numbers(segment)
    assert [m.group() for m in found] == [number for _, number in expected]
    for match, (glued_to, _) in zip(found, expected):
        assert segment[: match.start()].endswith(glued_to)


@pytest.mark.parametrize(
    "segment",
    [
        "1972 was the year",
        "in Vietnam in 1972, Bessmertnykh",
        "from 1964–1966 I had served",
        "only represent 20–30 percent",
        "represent 60–70 percent,",
        "in the ’80s and ’90s",
        "no longer the ’50s or ’60s,",
        "had 40,000 servicemen in Iran",
        "There were 300,000 refugees",
        "there are more than 600,000.",
        "a force of 1,500 men",
        "during 1980, since it",
        "And 1981 will also",
        "at 10:30 a.m.",
        "grew by 2.5 percent",
        "the figure was 2.5.",
        "$1.5 billion in credits",
        "the SS-20 missiles",
        "B-52s and MIG-21s",
        "the world of the 1950s and 1960s",
        "the year (1979) was hard",
        "Article 3 of the treaty",
        "under a March 28 covering memorandum",
        "3. The President said",
        "Box 79, Sensitive X: 3/80.",
    ],
)
def test_numbers_of_the_text_are_not_notes(segment):
    assert glued_note_numbers(segment) == []


@pytest.mark.parametrize(
    "left, right",
    [
        ("dis", "turbing"),
        ("es", "tablish"),
        ("govern", "ment"),
        ("con", "versation"),
        ("ad", "ministration"),
        ("Afghan", "istan"),
    ],
)
def test_split_word_is_rejoined(left, right):
    assert is_split_word(left, right)


@pytest.mark.parametrize(
    "left, right",
    [
        ("strong", "response"),
        ("fundamental", "aim"),
        ("even", "know"),
        ("exist", "We"),
        ("the", "President"),
        ("Soviet", "Union"),
        ("Moscow", "had"),
        # both halves are common words more frequent than the compound: the printed spacing wins
        ("any", "one"),
        ("with", "out"),
    ],
)
def test_two_words_stay_apart(left, right):
    assert not is_split_word(left, right)


def test_a_name_the_document_uses_elsewhere_is_rejoined():
    vocabulary = frozenset({"bessmertnykh", "said", "korniyenko"})
    assert not is_split_word("Bessmert", "nykh")
    assert is_split_word("Bessmert", "nykh", vocabulary)
    assert is_split_word("Korni", "yenko", vocabulary)
    assert not is_split_word("strong", "response", vocabulary | {"strong", "response"})


# --- read_inline ----------------------------------------------------------------------------------

PLACE = Place("memo.txt", 10)


@pytest.mark.parametrize(
    "raw, text, offset, joined, spacing",
    [
        ("a strong [Page 780] response", "a strong response", 9, False, (" ", " ")),
        ("were dis [Page 783] turbing our", "were disturbing our", 8, True, (" ", " ")),
        ("were dis[Page 783]turbing our", "were disturbing our", 8, True, ("", "")),
        ("and well- [Page 5] considered", "and well-considered", 9, True, (" ", " ")),
        ("the [Page xii] preface", "the preface", 4, False, (" ", " ")),
        ("they exist. [Page 785] We have", "they exist. We have", 12, False, (" ", " ")),
        ("the first Summit3 [Page 5] and", "the first Summit and", 17, False, (" ", " ")),
    ],
)
def test_read_inline_page_break(raw, text, offset, joined, spacing):
    inline = read_inline(raw, PLACE)
    assert inline.text == text
    (page_break,) = inline.page_breaks
    assert (page_break.offset, page_break.joined, page_break.spacing) == (offset, joined, spacing)


def test_read_inline_note_offsets_and_white_space():
    inline = read_inline("The   Summit3 and\n  Haiphong2,\tthen", PLACE)
    assert inline.text == "The Summit and Haiphong, then"
    assert [(r.n, inline.text[: r.offset]) for r in inline.note_refs] == [
        (3, "The Summit"),
        (2, "The Summit and Haiphong"),
    ]


def test_read_inline_without_notes_keeps_digits():
    note = "See Document 5; Summit3"
    assert read_inline(note, PLACE, notes=False).text == note


@pytest.mark.parametrize(
    "marker", ["[Page ]", "[Page 78", "[Page ?]", "[Page 0]", "[Page 7a]", "[Page XII]"]
)
def test_malformed_page_marker_is_reported_on_its_own_line(marker):
    with pytest.raises(SourceError) as caught:
        read_inline(f"first line\nsecond line\nthird {marker} line", PLACE)
    assert caught.value.line == 12
    assert "malformed page marker" in caught.value.message
