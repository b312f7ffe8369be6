"""The parser against the real memorandum (Document 271) and against synthetic memoranda in the
same rendering that exercise the shapes Document 271 does not have."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis import Memorandum, SourceError, parse_file, parse_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "memoranda"
SYNTHETIC_VOLUME = "frus1977-80v99"


def fixture(name: str) -> Memorandum:
    return parse_file(FIXTURES / name, volume=SYNTHETIC_VOLUME)


def texts(memo: Memorandum) -> list[str]:
    return [block.text for block in memo.blocks]


# --- Document 271: structure and markings ---------------------------------------------------------

UNCLASSIFIED = {1, 12, 31, 32}
UNMARKED = {28, 29}


def test_real_has_32_paragraphs_numbered_in_order(real_memo):
    assert [b.n for b in real_memo.blocks] == list(range(1, 33))
    assert {b.kind for b in real_memo.blocks} == {"paragraph"}
    assert real_memo.paragraphs == real_memo.blocks


@pytest.mark.parametrize("n", range(1, 33))
def test_real_marking(real_memo, n):
    expected = "U" if n in UNCLASSIFIED else None if n in UNMARKED else "S"
    assert real_memo.block(n).marking == expected


def test_real_header(real_memo):
    assert real_memo.title == "271. Memorandum of Conversation"
    assert [p.text for p in real_memo.participants] == [
        "Alexander Bessmertnykh; Minister-Counselor, Soviet Embassy",
        "Marshall Brement, NSC Staff Member",
    ]
    assert [(p.name, p.role) for p in real_memo.participants] == [
        ("Alexander Bessmertnykh", "Minister-Counselor, Soviet Embassy"),
        ("Marshall Brement", "NSC Staff Member"),
    ]
    assert real_memo.subject == "Afghanistan and US-Soviet Relations"
    assert real_memo.subject_marking == "U"


def test_real_reading_text_is_clean(real_memo):
    """No page markers, portion markings, glued digits or stray white space survive."""
    for text in texts(real_memo):
        assert "[Page" not in text
        assert not re.search(r"\((?:U|C|S|TS)\)$", text)
        assert "  " not in text and text == text.strip()
        assert not re.search(r"[^\W\d_][1-9]\b", text), "a note number glued to a word"


def test_real_labels(real_memo):
    assert real_memo.block(32).label == "COMMENT"
    assert [b.n for b in real_memo.blocks if b.label] == [32]


# --- Document 271: page breaks --------------------------------------------------------------------

# page → (block, the text just before the break, the text the new page starts with)
REAL_PAGE_BREAKS = {
    "780": (2, "there would be a strong ", "response, said"),
    "781": (6, "as a fundamental ", "aim of US"),
    "782": (9, "did not even ", "know we were"),
    "783": (13, "Hostile states were dis", "turbing our security"),
    "784": (19, "", "You state that the Daoud"),
    "785": (23, "wherever they exist. ", "We have the right"),
    "786": (26, "If your aim is to es", "tablish in Kabul"),
}


def test_real_page_breaks_are_780_to_786_in_reading_order(real_memo):
    pages = [(b.n, p.page) for b in real_memo.blocks for p in b.page_breaks]
    assert pages == [(block, page) for page, (block, _, _) in REAL_PAGE_BREAKS.items()]


@pytest.mark.parametrize("page", REAL_PAGE_BREAKS)
def test_real_page_break_offset(real_memo, page):
    n, before, after = REAL_PAGE_BREAKS[page]
    block = real_memo.block(n)
    (page_break,) = block.page_breaks
    assert page_break.page == page
    assert block.text[: page_break.offset].endswith(before)
    assert block.text[page_break.offset :].startswith(after)


def test_real_page_break_between_words_keeps_two_words(real_memo):
    block = real_memo.block(2)
    assert "a strong response, said" in block.text
    assert not block.page_breaks[0].joined


@pytest.mark.parametrize("n, word", [(13, "disturbing"), (26, "establish")])
def test_real_page_break_inside_word_rejoins_it(real_memo, n, word):
    block = real_memo.block(n)
    (page_break,) = block.page_breaks
    assert page_break.joined
    start = block.text.index(word)
    assert start < page_break.offset < start + len(word)


def test_real_standalone_page_marker_opens_next_paragraph(real_memo):
    (page_break,) = real_memo.block(19).page_breaks
    assert (page_break.page, page_break.offset, page_break.standalone) == ("784", 0, True)
    assert not real_memo.block(18).page_breaks


# --- Document 271: note references ----------------------------------------------------------------

# note → (block, the reading text right before the reference)
REAL_NOTE_REFS = {
    2: (3, "blockading Haiphong"),
    3: (3, "the first Moscow Summit"),
    4: (7, "January 4 speech."),
    5: (17, "The State of the Union speech"),
    6: (28, "Prevention of Nuclear War:"),
}


def test_real_title_note_follows_conversation(real_memo):
    assert [(r.n, r.offset) for r in real_memo.title_footnote_refs] == [
        (1, len("271. Memorandum of Conversation"))
    ]


def test_real_has_exactly_six_references_in_order(real_memo):
    refs = list(real_memo.title_footnote_refs)
    refs += [r for p in real_memo.participants for r in p.footnote_refs]
    refs += list(real_memo.subject_footnote_refs)
    refs += [r for b in real_memo.blocks for r in b.footnote_refs]
    assert [r.n for r in refs] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("n", REAL_NOTE_REFS)
def test_real_note_reference_offset(real_memo, n):
    block_n, before = REAL_NOTE_REFS[n]
    block = real_memo.block(block_n)
    (ref,) = [r for r in block.footnote_refs if r.n == n]
    assert block.text[: ref.offset].endswith(before)
    assert ref.offset == len(block.text) or block.text[ref.offset] == " "


@pytest.mark.parametrize(
    "number",
    [
        "in 1972,",
        "1972 Summit",
        "1964–1966",
        "20–30 percent",
        "60–70 percent",
        "the ’80s and ’90s",
        "40,000",
        "300,000",
        "600,000",
        "during 1980,",
        "1981 will",
    ],
)
def test_real_numbers_of_the_text_stay_in_the_text(real_memo, number):
    assert number in " ".join(texts(real_memo))


def test_real_notes(real_memo):
    assert [n.n for n in real_memo.notes] == [1, 2, 3, 4, 5, 6]
    assert real_memo.note(1).text.startswith("Source: Carter Library")
    assert real_memo.note(6).text.endswith("June 1972–August 1974, Document 122.")
    assert real_memo.note(4).text == "See footnote 5, Document 252."


# --- Synthetic memoranda: the header --------------------------------------------------------------


def test_indented_group_labels_assign_every_participant_a_side():
    """Labels "U.S." and "U.S.S.R." printed as indented lines without bullets."""
    memo = fixture("indented_group_labels.txt")
    groups = [p.group for p in memo.participants]
    assert groups == ["U.S."] * 5 + ["U.S.S.R."] * 5
    assert memo.participants[0].name == "The President"
    assert memo.participants[0].role is None
    assert (memo.participants[2].name, memo.participants[2].role) == (
        "Dr. Walter Keel",
        "Assistant to the President for National Security Affairs",
    )
    assert (memo.participants[8].name, memo.participants[8].role) == (
        "Yuri Sitnikov",
        "First Deputy Foreign Minister",
    )
    assert "U.S." not in [p.text for p in memo.participants]
    assert memo.subject == "Strategic Arms Limitation and Regional Issues"
    assert memo.subject_marking == "C"


def test_bullet_group_labels_and_subject_first():
    """Labels printed as bullet items, and the subject list printed before the participants.

    The first list carries a portion marking and a single item: that is the subject.
    """
    memo = fixture("bullet_group_labels.txt")
    assert memo.subject == "Arms Control and the Horn of Africa"
    assert memo.subject_marking == "TS"
    assert memo.layout.header_order == ("subject", "participants")
    assert [(p.short_name, p.group) for p in memo.participants] == [
        ("The President", "U.S."),
        ("Ames", "U.S."),
        ("Keel", "U.S."),
        ("Vinogradov", "U.S.S.R."),
        ("Sitnikov", "U.S.S.R."),
    ]
    assert memo.participants[4].role == "Minister-Counselor, Soviet Embassy"


def test_inline_group_prefixes_and_no_subject():
    memo = fixture("inline_groups_no_subject.txt")
    assert memo.subject is None and memo.subject_marking is None
    assert [(p.group, p.name, p.role) for p in memo.participants] == [
        ("USSR", "Oleg Vinogradov", "Soviet Ambassador"),
        ("USSR", "Yuri Sitnikov", "Minister-Counselor"),
        ("US", "Harold Ames", "Secretary of State"),
        ("US", "Walter Keel", "Assistant to the President"),
    ]
    assert all(p.group_inline for p in memo.participants)
    assert memo.to_json()["subject"] is None


@pytest.mark.parametrize(
    "name, order",
    [
        ("list_headings.txt", ("participants", "subject")),
        ("attached_headings_subject_first.txt", ("subject", "participants")),
    ],
)
def test_list_headings_decide_which_list_is_which(name, order):
    """PARTICIPANTS / SUBJECT lines, with a blank line under them or directly over the list.

    In the second file the subject is unmarked and comes first: only its heading says so.
    """
    memo = fixture(name)
    assert memo.layout.header_order == order
    assert memo.layout.header_headings == tuple(kind.upper() for kind in order)
    assert len(memo.participants) == 2
    assert memo.participants[0].name == "Oleg Vinogradov"
    assert "PARTICIPANTS" not in " ".join(texts(memo))
    assert memo.blocks[0].text.startswith("Vinogradov")


def test_heading_over_list_gives_same_model_as_heading_apart():
    attached = fixture("attached_headings_subject_first.txt")
    text = (FIXTURES / "attached_headings_subject_first.txt").read_text(encoding="utf-8")
    apart = parse_text(
        text.replace("SUBJECT\n", "SUBJECT\n\n").replace("PARTICIPANTS\n", "PARTICIPANTS\n\n"),
        volume=SYNTHETIC_VOLUME,
    )
    assert apart.to_json() == attached.to_json()
    assert apart.layout.header_headings == attached.layout.header_headings


# --- Synthetic memoranda: the body ----------------------------------------------------------------


def test_numbered_paragraphs_and_section_headings():
    """A printed paragraph number stays in the text; blocks are numbered in reading order,
    headings included, so block n and the printed number differ after a heading."""
    memo = fixture("indented_group_labels.txt")
    kinds = [(b.n, b.kind, b.marking) for b in memo.blocks]
    assert kinds == [
        (1, "paragraph", "C"),
        (2, "paragraph", "C"),
        (3, "heading", None),
        (4, "paragraph", "S"),
        (5, "paragraph", "C"),
        (6, "heading", None),
        (7, "paragraph", "C"),
        (8, "paragraph", "U"),
    ]
    assert memo.block(1).text.startswith("1. The President said that")
    assert memo.block(3).text == "SALT"
    assert memo.block(6).text == "Middle East"
    assert memo.block(8).text.startswith("6. The President agreed")
    assert memo.paragraphs == tuple(b for b in memo.blocks if b.n not in (3, 6))


def test_numbered_paragraph_keeps_numbers_of_its_text():
    block = fixture("indented_group_labels.txt").block(4)
    assert "before 1980 if" in block.text and "20–30 percent" in block.text
    assert block.footnote_refs == ()


def test_note_after_closing_parenthesis_and_after_word():
    block = fixture("indented_group_labels.txt").block(5)
    assert [(r.n, block.text[: r.offset][-11:]) for r in block.footnote_refs] == [
        (3, " last March"),
        (4, " (May 1972)"),
    ]


def test_speaker_labels():
    memo = fixture("bullet_group_labels.txt")
    labelled = [(b.label, b.marking) for b in memo.blocks]
    assert labelled == [
        (None, None),
        ("The President", "TS"),
        ("Vinogradov", "TS"),
        ("The President", "TS"),
        (None, None),
        (None, None),
        ("Secretary Ames", "C"),
        ("Vinogradov", "C"),
    ]
    assert memo.block(2).text.startswith("The President: I want to begin")


def test_headings_and_editorial_insertion():
    """A bracketed editorial line ending in ".]" is a paragraph, not a section heading."""
    memo = fixture("bullet_group_labels.txt")
    assert [b.text for b in memo.blocks if b.kind == "heading"] == ["Afghanistan", "SALT"]
    omitted = memo.block(5)
    assert omitted.kind == "paragraph"
    assert omitted.text == "[Omitted here is discussion unrelated to Afghanistan.]"


def test_page_marker_without_spaces_inside_a_word():
    block = fixture("list_headings.txt").block(1)
    (page_break,) = block.page_breaks
    assert "were disturbing themselves" in block.text
    assert page_break.page == "402" and page_break.joined
    assert block.text[page_break.offset - 3 : page_break.offset] == "dis"
    assert page_break.spacing == ("", "")


def test_hyphenated_compound_split_across_pages():
    """``well- [Page 403] considered`` is the compound "well-considered", hyphen kept."""
    block = fixture("list_headings.txt").block(2)
    (page_break,) = block.page_breaks
    assert "long and well-considered debate" in block.text
    assert page_break.joined
    assert block.text[page_break.offset :].startswith("considered debate")


def test_standalone_marker_in_synthetic_text():
    memo = fixture("list_headings.txt")
    breaks = [(p.page, p.offset, p.standalone) for p in memo.block(3).page_breaks]
    assert breaks == [("404", 0, True)]


# --- CRLF -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
def test_crlf_gives_same_model_as_lf(path, tmp_path):
    crlf = tmp_path / path.name
    crlf.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    lf_memo, crlf_memo = fixture(path.name), parse_file(crlf, volume=SYNTHETIC_VOLUME)
    assert crlf_memo == lf_memo
    assert crlf_memo.to_json() == lf_memo.to_json()
    assert (lf_memo.layout.line_ending, crlf_memo.layout.line_ending) == ("\n", "\r\n")


def test_crlf_real_memorandum_gives_same_model(real_memo, real_path, tmp_path):
    crlf = tmp_path / real_path.name
    crlf.write_bytes(real_path.read_bytes().replace(b"\n", b"\r\n"))
    assert parse_file(crlf, volume="frus1977-80v06") == real_memo


# --- Bad input at the unit level (the CLI's messages are in test_cli.py) --------------------------


HEAD = "7. Memo1\n\n  • A Bee, Role\n\n"  # title on line 1, participant on 3, body from 5
NOTE = "\n  1. Source: x.\n"


@pytest.mark.parametrize(
    "text, line, message",
    [
        pytest.param("", 1, "empty file", id="empty"),
        pytest.param("\n \n\t\n", 1, "empty file", id="white-space"),
        pytest.param("\n1. Memo\n", 1, "blank line before the title", id="blank-first"),
        pytest.param(HEAD + "Text.2 (S)\n" + NOTE, 5, "there is no note 2", id="no-such-note"),
        pytest.param(
            "7. Memo1\n\n  • A Bee, Role2\n\n  • Grain (S)\n\nText. (S)\n" + NOTE,
            3,
            "there is no note 2",
            id="participant-note",
        ),
        pytest.param(
            HEAD + "  • Grain2 (S)\n\nText. (S)\n" + NOTE, 5, "no note 2", id="subject-note"
        ),
        pytest.param(
            HEAD + "Text. (S)\n" + NOTE + "  2. Orphan.\n", 8, "note 2 is not referred", id="orphan"
        ),
        pytest.param(HEAD + "Text. (S)\n\nMore text. (X)\n" + NOTE, 7, "(X)", id="marking"),
        pytest.param(HEAD + "Text [Page ] here. (S)\n" + NOTE, 5, "'[Page ]'", id="page-marker"),
        pytest.param(HEAD + "Text. (S)\n\nSuch was not his\n", 7, "mid-paragraph", id="cut-short"),
        pytest.param(HEAD + "Text. (S)\n", 1, "the file has no notes", id="no-notes"),
        pytest.param(HEAD, 3, "no paragraphs", id="header-only"),
    ],
)
def test_parse_text_reports_the_line(text, line, message):
    with pytest.raises(SourceError) as caught:
        parse_text(text, "memo.txt")
    assert caught.value.line == line
    assert message in caught.value.message
    assert str(caught.value).startswith(f"memo.txt:{line}: ")


def test_a_name_split_across_pages_is_rejoined_from_the_documents_own_vocabulary():
    text = (
        "12. Memorandum of Conversation\n\n\n  • Alexander Bessmertnykh, Minister-Counselor\n\n"
        "Bessmertnykh opened the talk. (U)\n\n"
        "Later Bessmert [Page 13] nykh said he agreed. (U)\n"
    )
    block = parse_text(text).block(2)
    assert block.text == "Later Bessmertnykh said he agreed."
    assert (
        block.page_breaks[0].joined
        and block.text[block.page_breaks[0].offset :] == "nykh said he agreed."
    )
