"""Segmentation metrics on boundary sets, and the random-segmentation reference distribution.

A segmentation of ``n`` units is the set of its boundaries: ``b`` in ``1 … n-1`` means a new
segment begins at unit ``b``. Pk and WindowDiff are nltk's implementations
(:mod:`nltk.metrics.segmentation`) applied to the gap string; boundary similarity B
(Fournier 2013) is implemented here with the defaults of Fournier's SegEval: one boundary
type, transpositions spanning fewer than ``n_t = 2`` units, a transposition weighted by the
distance it spans divided by ``n_t``.
"""

from __future__ import annotations

import numpy as np
from nltk.metrics.segmentation import pk as _nltk_pk
from nltk.metrics.segmentation import windowdiff as _nltk_windowdiff

Boundaries = frozenset[int]
METRICS = ("pk", "windowdiff", "b")
LOWER_IS_BETTER = {"pk": True, "windowdiff": True, "b": False}


def gap_string(boundaries: Boundaries, n: int) -> str:
    """``n-1`` characters, ``1`` at each gap that is a boundary (gap ``b-1`` precedes unit ``b``)."""
    if any(not 1 <= b < n for b in boundaries):
        raise ValueError(f"boundaries must lie in 1..{n - 1}")
    return "".join("1" if g + 1 in boundaries else "0" for g in range(n - 1))


def window_size(reference: Boundaries, n: int) -> int:
    """Half the mean reference segment length, rounded, at least 2 (Beeferman et al.; Pevzner
    and Hearst)."""
    return max(2, round(n / (len(reference) + 1) / 2))


def pk(reference: Boundaries, hypothesis: Boundaries, n: int, k: int | None = None) -> float:
    k = k or window_size(reference, n)
    return float(_nltk_pk(gap_string(reference, n), gap_string(hypothesis, n), k=k, boundary="1"))


def windowdiff(
    reference: Boundaries, hypothesis: Boundaries, n: int, k: int | None = None
) -> float:
    k = k or window_size(reference, n)
    ref, hyp = gap_string(reference, n), gap_string(hypothesis, n)
    return float(_nltk_windowdiff(ref, hyp, k, boundary="1"))  # already divided by the windows


def boundary_similarity(a: Boundaries, b: Boundaries, n_t: int = 2) -> float:
    """Boundary similarity B: 1 − (additions + weighted transpositions) / (additions +
    transpositions + matches). Identical segmentations (including two without boundaries)
    score 1."""
    matches = a & b
    rest_a, rest_b = sorted(a - b), sorted(b - a)
    transpositions: list[tuple[int, int]] = []
    used: set[int] = set()
    for x in rest_a:
        near = [y for y in rest_b if y not in used and abs(x - y) < n_t]
        if near:
            y = min(near, key=lambda y: (abs(x - y), y))
            used.add(y)
            transpositions.append((x, y))
    additions = (len(rest_a) - len(transpositions)) + (len(rest_b) - len(used))
    weighted_t = sum(abs(x - y) for x, y in transpositions) / n_t
    denominator = additions + len(transpositions) + len(matches)
    if denominator == 0:
        return 1.0
    return 1 - (additions + weighted_t) / denominator


def score(reference: Boundaries, hypothesis: Boundaries, n: int) -> dict[str, float]:
    return {
        "pk": pk(reference, hypothesis, n),
        "windowdiff": windowdiff(reference, hypothesis, n),
        "b": boundary_similarity(reference, hypothesis),
    }


def random_scores(reference: Boundaries, n: int, draws: int, seed: int) -> dict[str, np.ndarray]:
    """Scores of ``draws`` random segmentations with as many boundaries as the reference,
    placed uniformly among the ``n-1`` gaps (numpy ``default_rng(seed)``)."""
    rng = np.random.default_rng(seed)
    out = {m: np.empty(draws) for m in METRICS}
    for i in range(draws):
        hyp = frozenset(int(g) + 1 for g in rng.choice(n - 1, size=len(reference), replace=False))
        for m, v in score(reference, hyp, n).items():
            out[m][i] = v
    return out


def empirical_p(value: float, sample: np.ndarray, metric: str) -> float:
    """The share of random segmentations that do at least as well as ``value`` (with the
    usual +1 correction, so never 0)."""
    better = sample <= value + 1e-12 if LOWER_IS_BETTER[metric] else sample >= value - 1e-12
    return (1 + int(better.sum())) / (1 + len(sample))
