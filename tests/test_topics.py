"""Segmentation metrics against known values, and the segmenters' basic properties."""

from __future__ import annotations

import numpy as np
import pytest

from analysis import annotations, topics
from analysis import segmentation_metrics as sm
from analysis.sentences import split_memorandum


def masses_to_boundaries(masses):
    out, pos = set(), 0
    for m in masses[:-1]:
        pos += m
        out.add(pos)
    return frozenset(out)


@pytest.mark.parametrize(
    "a,b,expected",
    [
        ([2, 3, 6], [5, 6], 0.5),  # values from the tests of Fournier's SegEval
        ([2, 3, 6], [2, 2, 7], 0.75),  # one near miss counts half
        ([2, 3, 6], [2, 3, 3, 3], 2 / 3),
        ([2, 3, 6], [1, 1, 3, 1, 5], 0.5),
    ],
)
def test_boundary_similarity_known_values(a, b, expected):
    assert sm.boundary_similarity(
        masses_to_boundaries(a), masses_to_boundaries(b)
    ) == pytest.approx(expected)


def test_metrics_extremes():
    ref = frozenset({5, 10, 15})
    assert sm.score(ref, ref, 20) == {"pk": 0.0, "windowdiff": 0.0, "b": 1.0}
    assert sm.boundary_similarity(frozenset(), frozenset()) == 1.0
    assert sm.boundary_similarity(ref, frozenset()) == 0.0
    assert sm.windowdiff(ref, frozenset(range(1, 20)), 20) > sm.windowdiff(
        ref, frozenset({6, 10}), 20
    )
    with pytest.raises(ValueError):
        sm.gap_string(frozenset({20}), 20)


def test_random_draws_are_seeded_and_p_is_never_zero():
    ref = frozenset({5, 10, 15})
    a, b = sm.random_scores(ref, 40, 50, seed=1), sm.random_scores(ref, 40, 50, seed=1)
    assert all(np.array_equal(a[m], b[m]) for m in sm.METRICS)
    assert 0 < sm.empirical_p(1.0, a["b"], "b") <= 1


def test_segmenters_return_valid_boundaries(real_memo):
    sentences = split_memorandum(real_memo)
    n = len(sentences)
    for b in (topics.texttiling(real_memo, sentences), topics.c99(sentences)):
        assert b and all(1 <= x < n for x in b)
    # TextTiling can only cut at paragraph starts
    assert topics.texttiling(real_memo, sentences) <= topics.paragraph_starts(sentences)
    assert len(topics.even(n, 22)) == 22


def test_rank_matrix_is_a_share_and_c99_stops(real_memo):
    sentences = split_memorandum(real_memo)[:30]
    rank = topics.rank_matrix(topics.similarity_matrix(sentences), 11)
    assert rank.min() >= 0 and rank.max() <= 1
    order, dens = topics.divisive_clustering(rank)
    assert sorted(order) == list(range(1, 30)) and len(dens) == 30
    assert topics.stop_at_gradient(order, dens, 100.0) == frozenset()


def test_evaluation_table_and_initiative(real_memo):
    sentences = split_memorandum(real_memo)
    gold_topics = annotations.load_topics(real_memo)
    ref = topics.gold_boundaries(sentences, [t.start for t in gold_topics])
    ms = [
        topics.Method("None", "trivial", "", frozenset()),
        topics.Method("Oracle", "trivial", "", ref),
    ]
    table, _ = topics.evaluate(ms, ref, len(sentences), draws=20)
    oracle = table.set_index("method").loc["Oracle"]
    assert oracle["b"] == 1.0 and oracle["pk"] == 0.0 and oracle["b_p_random"] < 0.1
    gold = {s.id: s.speaker for s in annotations.load_sentences(real_memo)}
    init = topics.initiative(gold_topics, sentences, gold, ["Brement", "Bessmertnykh"])
    assert init["sentences"].sum() == len(sentences)
    assert (init["opened_by"] == [t.opened_by for t in gold_topics]).all()


@pytest.mark.parametrize("w, k", [(20, 10), (10, 6), (30, 4)])
def test_fast_block_comparison_gives_nltks_gap_scores(real_memo, w, k):
    from nltk.tokenize.texttiling import TextTilingTokenizer

    text = "\n\n".join(b.text for b in real_memo.blocks)
    options = {"w": w, "k": k, "stopwords": sorted(topics.STOPWORDS), "demo_mode": True}
    gap_scores = [
        tiler(**options).tokenize(text)[0] for tiler in (topics.TextTiling, TextTilingTokenizer)
    ]
    assert gap_scores[0] == gap_scores[1]
