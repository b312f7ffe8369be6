"""Turns: maximal runs, word totals, and the `turns` command."""

from __future__ import annotations

import itertools
import json

from analysis import annotations, turns


def test_turns_are_maximal_runs_that_add_up(real_memo):
    gold = {s.id: s.speaker for s in annotations.load_sentences(real_memo)}
    ts = turns.gold_turns(real_memo, gold)
    assert all(a.speaker != b.speaker for a, b in itertools.pairwise(ts))
    assert sum(t.words for t in ts) == sum(b.words for b in real_memo.blocks)
    assert [t.n for t in ts] == list(range(1, len(ts) + 1))
    # ¶23 holds the end of one turn and the start of the next
    assert [t.speaker for t in ts if t.paragraph == 23] == ["Brement", "Bessmertnykh"]


def test_automatic_turns_match_gold_on_this_memorandum(real_memo):
    gold = {s.id: s.speaker for s in annotations.load_sentences(real_memo)}
    agree = turns.turn_agreement(
        turns.gold_turns(real_memo, gold), turns.automatic_turns(real_memo)
    )
    assert (
        agree["recall"]
        > turns.turn_agreement(turns.gold_turns(real_memo, gold), turns.baseline_turns(real_memo))[
            "recall"
        ]
    )


def test_summary_shares_sum_to_one(real_memo):
    gold = {s.id: s.speaker for s in annotations.load_sentences(real_memo)}
    summary = turns.speaker_summary(
        turns.gold_turns(real_memo, gold), ["Brement", "Bessmertnykh", "both", "narration"]
    )
    assert abs(summary["share_of_words"].sum() - 1) < 1e-9
    assert (summary["longest_turn"] >= summary["median_words"]).all()


def test_turns_command_prints_the_contract(run_cli, real_path, real_memo):
    result = run_cli("turns", real_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert all(set(t) == {"n", "speaker", "paragraph", "text", "words"} for t in data)
    assert sum(t["words"] for t in data) == sum(b.words for b in real_memo.blocks)
    names = {p.short_name for p in real_memo.participants} | {"narration", "both"}
    assert {t["speaker"] for t in data} <= names


def test_turns_command_on_labelled_memo_and_bad_input(run_cli, repo_root, tmp_path):
    result = run_cli("turns", repo_root / "tests/fixtures/memoranda/bullet_group_labels.txt")
    assert result.returncode == 0
    assert "The President" in {t["speaker"] for t in json.loads(result.stdout)}
    bad = tmp_path / "bad.txt"
    bad.write_text("garbage\n", encoding="utf-8")
    result = run_cli("turns", bad)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"{bad}:")
