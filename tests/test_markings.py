"""Marking counts and the exact test."""

from __future__ import annotations

import pytest

from analysis import annotations, markings


@pytest.mark.parametrize(
    "table,p",
    [
        ([[3, 1], [1, 3]], 0.4857142857),  # Fisher's tea-tasting table
        ([[1, 9], [11, 3]], 0.002759456),  # R: fisher.test(matrix(c(1,11,9,3),2))
    ],
)
def test_exact_test_matches_fisher_on_2x2(table, p):
    assert markings.exact_test(table)["p_value"] == pytest.approx(p, rel=1e-6)


def test_exact_test_r_by_c_is_a_probability_and_enumerates_all_tables():
    result = markings.exact_test([[2, 0, 1], [0, 2, 1], [1, 1, 0]])
    assert 0 < result["p_value"] <= 1
    assert markings.exact_test([[5, 0], [0, 0]])["columns"] == 1  # empty row/column dropped


def test_counts_cover_every_block(real_memo):
    rows = [
        (s.paragraph, s.speaker, len(s.text.split())) for s in annotations.load_sentences(real_memo)
    ]
    paras = markings.paragraph_table(real_memo, rows)
    summary = markings.summary(paras)
    assert summary["paragraphs"].sum() == len(real_memo.blocks)
    assert summary["words"].sum() == sum(b.words for b in real_memo.blocks)
    assert set(summary["marking"]) == {"S", "U", "unmarked"}
    assert paras.set_index("paragraph").loc[23, "speaker"] == "Bessmertnykh"  # most words
