"""The gold tables load, agree with the model, and their checks reject bad rows."""

from __future__ import annotations

import re

import pytest

from analysis import annotations
from analysis.errors import SourceError


def test_gold_tables_load_and_use_stable_ids(real_memo):
    sentences = annotations.load_sentences(real_memo)
    frames = annotations.load_frames(real_memo)
    topics = annotations.load_topics(real_memo)
    assert [s.id for s in sentences] == sorted(s.id for s in sentences)
    assert all(re.fullmatch(r"f\d{2}", f.id) for f in frames)
    assert [t.id for t in topics] == [f"t{i:02d}" for i in range(1, len(topics) + 1)]
    assert {s.paragraph for s in sentences} == {b.n for b in real_memo.blocks}


def test_speaker_vocabulary_and_the_two_speaker_paragraph(real_memo):
    gold = {s.id: s.speaker for s in annotations.load_sentences(real_memo)}
    assert set(gold.values()) == {"Brement", "Bessmertnykh", "both", "narration"}
    # ¶23 holds two turns: Brement's question, Bessmertnykh's answer
    assert gold["p23.s01"] == "Brement" and gold["p23.s02"] == "Bessmertnykh"
    # free direct speech: Bessmertnykh's "I"
    assert gold["p09.s02"] == "Bessmertnykh"


def test_topic_openers_agree_with_the_sentence_labels(real_memo):
    gold = {s.id: s.speaker for s in annotations.load_sentences(real_memo)}
    for t in annotations.load_topics(real_memo):
        assert t.opened_by == gold[t.start], t.id


def test_frames_lie_in_their_sentence_and_match_its_speaker(real_memo):
    gold = {s.id: s for s in annotations.load_sentences(real_memo)}
    for f in annotations.load_frames(real_memo):
        assert f.frame in gold[f.sentence].text
        if f.speaker in ("Brement", "Bessmertnykh") and gold[f.sentence].speaker not in (
            "both",
            "narration",
        ):
            assert gold[f.sentence].speaker == f.speaker, f.id


def _write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_speaker_is_reported_with_file_and_line(real_memo, tmp_path):
    src = annotations.SENTENCES_FILE.read_text(encoding="utf-8").splitlines()
    src[3] = src[3].replace(",Bessmertnykh,", ",Gromyko,", 1)
    bad = _write(tmp_path / "s.csv", "\n".join(src) + "\n")
    with pytest.raises(SourceError, match=r"s\.csv:4: speaker 'Gromyko'"):
        annotations.load_sentences(real_memo, bad)


def test_text_not_in_block_and_missing_sentence_are_rejected(real_memo, tmp_path):
    src = annotations.SENTENCES_FILE.read_text(encoding="utf-8").splitlines()
    changed = [
        src[0],
        src[1].replace("opened the conversation", "closed the conversation"),
        *src[2:],
    ]
    with pytest.raises(SourceError, match="text is not in block 1"):
        annotations.load_sentences(real_memo, _write(tmp_path / "a.csv", "\n".join(changed) + "\n"))
    dropped = [line for line in src if not line.startswith("p08.s03,")]
    with pytest.raises(SourceError, match="block 8 do not add up"):
        annotations.load_sentences(real_memo, _write(tmp_path / "b.csv", "\n".join(dropped) + "\n"))


def test_topics_out_of_order_are_rejected(real_memo, tmp_path):
    src = annotations.TOPICS_FILE.read_text(encoding="utf-8").splitlines()
    swapped = [src[0], src[1], src[3], src[2], *src[4:]]
    with pytest.raises(SourceError, match="reading order"):
        annotations.load_topics(real_memo, _write(tmp_path / "t.csv", "\n".join(swapped) + "\n"))
