"""The sentence splitter: it reproduces the gold inventory and never loses a character."""

from __future__ import annotations

from analysis import annotations
from analysis.sentences import split_memorandum, split_text


def test_splitter_reproduces_the_gold_inventory(real_memo):
    auto = [(s.id, s.text) for s in split_memorandum(real_memo)]
    gold = [(s.id, s.text) for s in annotations.load_sentences(real_memo)]
    assert auto == gold


def test_sentences_are_substrings_that_cover_their_block(real_memo):
    sentences = split_memorandum(real_memo)
    for block in real_memo.blocks:
        own = [s for s in sentences if s.paragraph == block.n]
        assert all(block.text[s.start : s.end] == s.text for s in own)
        assert " ".join(s.text for s in own) == block.text
        assert sum(s.words for s in own) == block.words


def test_abbreviations_initialisms_and_ellipsis_do_not_end_sentences():
    text = "It is our expectation that Dr. Brzezinski will stay. The U.S. Embassy agreed . . . to proceed."
    spans = [text[a:b] for a, b in split_text(text)]
    assert spans == [
        "It is our expectation that Dr. Brzezinski will stay.",
        "The U.S. Embassy agreed . . . to proceed.",
    ]


def test_closing_quotes_and_questions_end_sentences():
    text = "It is “a policy of pin pricks.” Nothing will change. Surely he was not proposing that? “If so, say it.”"
    assert [text[a:b] for a, b in split_text(text)] == [
        "It is “a policy of pin pricks.”",
        "Nothing will change.",
        "Surely he was not proposing that?",
        "“If so, say it.”",
    ]


def test_lower_case_after_a_full_stop_and_paragraph_numbers_do_not_split():
    assert len(split_text("1. The President said that the talks, e.g. on SALT, went well.")) == 1
    assert len(split_text("Refugees rose from 300,000 to 600,000. Today more.")) == 2
