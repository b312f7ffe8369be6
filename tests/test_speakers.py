"""The rule sieve: frames, pronouns, narration, and its score against the gold and the baseline."""

from __future__ import annotations

import pytest

from analysis import annotations, speakers
from analysis.sentences import split_memorandum


@pytest.fixture(scope="module")
def gold(real_memo):
    return {s.id: s.speaker for s in annotations.load_sentences(real_memo)}


def test_author_is_the_participant_never_named(real_memo):
    assert speakers.Sieve(real_memo).author == "Brement"


def test_frames_positions_and_manner(real_memo):
    frames = {(f.sentence, f.verb): f for f in speakers.detect_frames(real_memo)}
    assert frames[("p02.s03", "said")].position == "final"  # inverted: "said Bessmertnykh"
    assert frames[("p02.s03", "said")].speaker == "Bessmertnykh"
    assert frames[("p02.s01", "continued")].speaker == "Bessmertnykh"  # "he" resolved
    assert frames[("p05.s01", "acknowledged")].manner == "with an icy smile"
    assert frames[("p30.s01", "replied")].manner == "smiling faintly"
    assert frames[("p15.s01", "continued")].position == "final"  # comma inside the quote


def test_sieve_beats_the_paragraph_baseline(real_memo, gold):
    sieve = speakers.score(gold, speakers.attribute(real_memo))
    base = speakers.score(gold, speakers.paragraph_baseline(real_memo))
    assert sieve.accuracy > base.accuracy and sieve.macro_f1 > base.macro_f1
    # the baseline cannot split ¶23 between its two speakers
    assert {e[0] for e in base.errors} >= {f"p23.s{i:02d}" for i in range(2, 16)}


def test_every_rule_ablation_runs_and_none_improves(real_memo, gold):
    full = speakers.score(gold, speakers.attribute(real_memo)).accuracy
    for rule in speakers.RULES:
        assert (
            speakers.score(gold, speakers.attribute(real_memo, disable=frozenset({rule}))).accuracy
            <= full
        )
    with pytest.raises(ValueError, match="unknown rules"):
        speakers.attribute(real_memo, disable=frozenset({"telepathy"}))


def test_score_counts_and_lists_errors():
    class S:  # a minimal sentence stand-in
        def __init__(self, i, t):
            self.id, self.text = i, t

    pred = [speakers.Attribution(S("a", "x"), "A", ""), speakers.Attribution(S("b", "y"), "A", "")]
    sc = speakers.score({"a": "A", "b": "B"}, pred)
    assert sc.accuracy == 0.5
    assert sc.errors == [("b", "B", "A", "y")]
    assert sc.per_label["A"]["precision"] == 0.5 and sc.per_label["B"]["recall"] == 0.0
    assert sc.macro_f1 == pytest.approx((2 / 3 + 0) / 2)


def test_labels_headings_and_third_person_memos(repo_root):
    from analysis import parse_file

    memo = parse_file(repo_root / "tests/fixtures/memoranda/bullet_group_labels.txt", volume="x")
    got = {a.sentence.paragraph: a.speaker for a in speakers.attribute(memo)}
    assert got[1] == "narration"  # heading
    assert got[2] == "The President" and got[3] == "Vinogradov" and got[7] == "Ames"
    memo = parse_file(repo_root / "tests/fixtures/memoranda/list_headings.txt", volume="x")
    got = [a.speaker for a in speakers.attribute(memo, split_memorandum(memo))]
    assert got == ["Vinogradov", "Park", "Vinogradov", "Park"]
