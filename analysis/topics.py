"""Topic segmentation of the memorandum: automatic segmenters, baselines, and their evaluation.

Units are the sentences of the gold inventory; a boundary ``b`` means a new topic begins at
sentence ``b`` (0-based). The segmenters:

* **TextTiling** (Hearst 1997), nltk's implementation, fed the paragraphs separated by blank
  lines, with an explicit stop-word list (nltk's corpus cannot be downloaded at build time)
  and nltk's defaults ``w=20, k=10``. It can only place boundaries at paragraph starts, it
  ignores a paragraph break less than 100 characters after the previous one, and it never
  places a boundary within a few pseudo-sentences of either end (its depth scores are
  clipped there).
* **C99-style** (Choi 2000): cosine similarity of stemmed content-word vectors between
  sentences, each cell replaced by its rank in an ``11×11`` neighbourhood, divisive
  clustering that maximises the density of the diagonal blocks, stopped at the last split
  whose density gain exceeds the mean gain plus ``c = 1.2`` standard deviations.
* **Speaker change**: a boundary wherever the (automatic) speaker changes.
* trivial baselines: **none**, **all** gaps, and **even** spacing with the gold number of
  boundaries.

Parameters are the published defaults, fixed before looking at the scores; the grid in
:func:`parameter_grid` only shows how the scores move, and picks nothing.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd
from nltk.stem.porter import PorterStemmer
from nltk.tokenize.texttiling import TextTilingTokenizer

from . import segmentation_metrics as sm
from .model import Memorandum
from .sentences import Sentence

# An explicit English stop-word list (function words, auxiliaries, pronouns): nltk's
# stopwords corpus is not available offline. Written for this edition; it is close to, but
# not the same as, nltk's list.
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "cannot",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "either",
        "even",
        "ever",
        "every",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "however",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "least",
        "less",
        "many",
        "may",
        "me",
        "might",
        "more",
        "most",
        "much",
        "must",
        "my",
        "myself",
        "neither",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "ought",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "per",
        "quite",
        "rather",
        "really",
        "said",
        "same",
        "say",
        "says",
        "shall",
        "she",
        "should",
        "so",
        "some",
        "still",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "though",
        "through",
        "thus",
        "to",
        "too",
        "under",
        "until",
        "up",
        "upon",
        "us",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "whether",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "within",
        "without",
        "would",
        "yet",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "s",
        "t",
        "don",
        "one",
        "two",
    ]
)

TEXTTILING_DEFAULTS = {"w": 20, "k": 10}  # nltk's
C99_DEFAULTS = {"mask": 11, "c": 1.2}  # Choi's
RANDOM_DRAWS = 1000  # random segmentations each score is placed among
RANDOM_SEED = 271
_stem = PorterStemmer().stem


def content_words(text: str) -> list[str]:
    return [
        _stem(w) for w in re.findall(r"[a-z]+", text.lower()) if w not in STOPWORDS and len(w) > 1
    ]


# -- reference ----------------------------------------------------------------------------
def gold_boundaries(sentences: list[Sentence], starts: list[str]) -> frozenset[int]:
    """Boundaries from the ids of the sentences that begin a gold segment."""
    index = {s.id: i for i, s in enumerate(sentences)}
    return frozenset(index[s] for s in starts if index[s] > 0)


def paragraph_starts(sentences: list[Sentence]) -> frozenset[int]:
    return frozenset(i for i, s in enumerate(sentences) if i > 0 and s.index == 1)


# -- segmenters ---------------------------------------------------------------------------
class TextTiling(TextTilingTokenizer):
    """nltk's TextTiling with its block comparison computed on a count matrix.

    nltk rescans every token's occurrence list for each gap, which makes the parameter grid
    take seconds; the sums here are the same integers, so the gap scores are identical
    (``tests/test_topics.py`` compares them with nltk's own method).
    """

    def _block_comparison(self, tokseqs, token_table):
        tokens = {token: column for column, token in enumerate(token_table)}
        rows = {seq.index: row for row, seq in enumerate(tokseqs)}
        counts = np.zeros((len(tokseqs), len(tokens)), dtype=np.int64)
        for token, entry in token_table.items():
            for seq_index, count in entry.ts_occurences:
                counts[rows[seq_index], tokens[token]] += count
        numgaps = len(tokseqs) - 1
        scores = []
        for gap in range(numgaps):
            # nltk's window near the ends, in nltk's order of tests
            window = gap + 1 if gap < self.k - 1 else min(self.k, numgaps - gap)
            left = counts[gap - window + 1 : gap + 1].sum(axis=0)
            right = counts[gap + 1 : gap + window + 1].sum(axis=0)
            divisor = math.sqrt(float(left @ left) * float(right @ right))
            scores.append(float(left @ right) / divisor if divisor else 0.0)
        return scores


def texttiling(
    memo: Memorandum,
    sentences: list[Sentence],
    w: int = TEXTTILING_DEFAULTS["w"],
    k: int = TEXTTILING_DEFAULTS["k"],
) -> frozenset[int]:
    """nltk's TextTiling on the paragraphs; its boundaries mapped to the first sentence of the
    paragraph they precede. A text too short for its windows gets no boundary."""
    blocks = [b for b in memo.blocks if b.kind == "paragraph"]
    text = "\n\n".join(b.text for b in blocks)
    ends, offset = {}, 0
    for b in blocks:
        offset += len(b.text)
        ends[offset] = b.n  # a break right after block b.n
        offset += 2
    try:
        segments = TextTiling(w=w, k=k, stopwords=sorted(STOPWORDS)).tokenize(text)
    except ValueError:  # nltk: "No paragraph breaks were found" or too few pseudo-sentences
        return frozenset()
    first_of = {}
    for i, s in enumerate(sentences):
        first_of.setdefault(s.paragraph, i)
    out, position = set(), 0
    for seg in segments[:-1]:
        position += len(seg)
        if position in ends and ends[position] + 1 in first_of:
            out.add(first_of[ends[position] + 1])
    return frozenset(out)


def similarity_matrix(sentences: list[Sentence]) -> np.ndarray:
    vocab: dict[str, int] = {}
    bags = [Counter(content_words(s.text)) for s in sentences]
    for bag in bags:
        for w in bag:
            vocab.setdefault(w, len(vocab))
    m = np.zeros((len(bags), len(vocab)))
    for i, bag in enumerate(bags):
        for w, c in bag.items():
            m[i, vocab[w]] = c
    norms = np.linalg.norm(m, axis=1)
    norms[norms == 0] = 1
    m = m / norms[:, None]
    return m @ m.T


def rank_matrix(sim: np.ndarray, mask: int = 11) -> np.ndarray:
    """Each cell replaced by the share of cells in its ``mask×mask`` neighbourhood (clipped at
    the edges, itself excluded) with a lower similarity (Choi 2000)."""
    n, r = len(sim), mask // 2
    padded = np.full((n + 2 * r, n + 2 * r), np.nan)
    padded[r : r + n, r : r + n] = sim
    lower = np.zeros_like(sim)
    examined = np.zeros_like(sim)
    for di in range(-r, r + 1):
        for dj in range(-r, r + 1):
            if di == 0 and dj == 0:
                continue
            shifted = padded[r + di : r + di + n, r + dj : r + dj + n]
            inside = ~np.isnan(shifted)
            examined += inside
            lower += inside & (np.nan_to_num(shifted, nan=np.inf) < sim)
    return np.divide(lower, examined, out=np.zeros_like(sim), where=examined > 0)


def divisive_clustering(rank: np.ndarray) -> tuple[list[int], list[float]]:
    """Choi's divisive clustering: split after split, each time the boundary that maximises
    the inside density (sum of rank values in the diagonal blocks over their area). Returns
    the boundaries in the order chosen and the density after each split (first: unsplit)."""
    n = len(rank)
    prefix = np.zeros((n + 1, n + 1))
    prefix[1:, 1:] = rank.cumsum(0).cumsum(1)

    def block(a: int, b: int) -> float:  # sum of rank[a:b, a:b]
        return prefix[b, b] - prefix[a, b] - prefix[b, a] + prefix[a, a]

    bounds = [0, n]
    order: list[int] = []
    densities = [block(0, n) / n**2]
    while len(bounds) - 1 < n:
        segs = list(itertools.pairwise(bounds))
        inner = sum(block(a, b) for a, b in segs)
        area = sum((b - a) ** 2 for a, b in segs)
        best, best_d = None, -1.0
        for a, b in segs:
            base_s, base_a = inner - block(a, b), area - (b - a) ** 2
            for x in range(a + 1, b):
                d = (base_s + block(a, x) + block(x, b)) / (base_a + (x - a) ** 2 + (b - x) ** 2)
                if d > best_d:
                    best, best_d = x, d
        order.append(best)
        bounds = sorted(bounds + [best])
        densities.append(best_d)
    return order, densities


def stop_at_gradient(order: list[int], densities: list[float], c: float) -> frozenset[int]:
    """Keep the splits up to the last one whose density gain exceeds mean + c·std of the gains."""
    gains = np.diff(densities)
    if len(gains) == 0:
        return frozenset()
    above = np.flatnonzero(gains > gains.mean() + c * gains.std())
    return frozenset(order[: above[-1] + 1]) if len(above) else frozenset()


def c99(
    sentences: list[Sentence],
    mask: int = C99_DEFAULTS["mask"],
    c: float = C99_DEFAULTS["c"],
) -> frozenset[int]:
    if len(sentences) < 3:
        return frozenset()
    return stop_at_gradient(
        *divisive_clustering(rank_matrix(similarity_matrix(sentences), mask)), c
    )


def speaker_change(speakers: list[str]) -> frozenset[int]:
    return frozenset(i for i in range(1, len(speakers)) if speakers[i] != speakers[i - 1])


def even(n: int, count: int) -> frozenset[int]:
    return frozenset(round((i + 1) * n / (count + 1)) for i in range(count)) - {0}


# -- evaluation ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Method:
    name: str
    family: str  # automatic, baseline, trivial
    parameters: str
    boundaries: frozenset[int]


def methods(
    memo: Memorandum,
    sentences: list[Sentence],
    reference: frozenset[int],
    auto_speakers: list[str],
    gold_speakers: list[str],
) -> list[Method]:
    n = len(sentences)
    tt, cc = TEXTTILING_DEFAULTS, C99_DEFAULTS
    return [
        Method(
            "TextTiling",
            "automatic",
            f"w={tt['w']}, k={tt['k']}",
            texttiling(memo, sentences, **tt),
        ),
        Method("C99-style", "automatic", f"mask={cc['mask']}, c={cc['c']}", c99(sentences, **cc)),
        Method(
            "Speaker change (sieve)",
            "baseline",
            "automatic speakers",
            speaker_change(auto_speakers),
        ),
        Method(
            "Speaker change (gold)",
            "baseline",
            "gold speakers (oracle)",
            speaker_change(gold_speakers),
        ),
        Method("Paragraph starts", "baseline", "every paragraph", paragraph_starts(sentences)),
        Method("None", "trivial", "", frozenset()),
        Method("All", "trivial", "", frozenset(range(1, n))),
        Method("Even", "trivial", f"{len(reference)} boundaries", even(n, len(reference))),
    ]


def evaluate(
    ms: list[Method],
    reference: frozenset[int],
    n: int,
    draws: int = RANDOM_DRAWS,
    seed: int = RANDOM_SEED,
) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """One row per method: boundaries found, hits (exact), Pk, WindowDiff, B, and for each
    metric the share of random segmentations (gold number of boundaries) doing as well."""
    rand = sm.random_scores(reference, n, draws, seed)
    rows = []
    for m in ms:
        scores = sm.score(reference, m.boundaries, n)
        row = {
            "method": m.name,
            "family": m.family,
            "parameters": m.parameters,
            "boundaries": len(m.boundaries),
            "exact_hits": len(m.boundaries & reference),
        }
        for metric, value in scores.items():
            row[metric] = value
            row[f"{metric}_p_random"] = sm.empirical_p(value, rand[metric], metric)
        rows.append(row)
    rows.append(
        {
            "method": f"Random (mean of {draws})",
            "family": "random",
            "parameters": f"{len(reference)} boundaries, seed {seed}",
            "boundaries": len(reference),
            "exact_hits": math.nan,
            **{metric: float(rand[metric].mean()) for metric in sm.METRICS},
            **{f"{metric}_p_random": math.nan for metric in sm.METRICS},
        }
    )
    return pd.DataFrame(rows), rand


def parameter_grid(
    memo: Memorandum, sentences: list[Sentence], reference: frozenset[int]
) -> pd.DataFrame:
    """How the scores move with the parameters (shown, never used to choose)."""
    n = len(sentences)
    rows = []
    for w in (10, 20, 30):
        for k in (5, 10, 15):
            b = texttiling(memo, sentences, w=w, k=k)
            rows.append(
                {
                    "method": "TextTiling",
                    "parameters": f"w={w}, k={k}",
                    "default": (w, k) == (20, 10),
                    "boundaries": len(b),
                    **sm.score(reference, b, n),
                }
            )
    sim = similarity_matrix(sentences)
    for mask in (7, 11, 15):
        order, densities = divisive_clustering(rank_matrix(sim, mask))
        for c in (0.8, 1.2, 1.6):
            b = stop_at_gradient(order, densities, c)
            rows.append(
                {
                    "method": "C99-style",
                    "parameters": f"mask={mask}, c={c}",
                    "default": (mask, c) == (11, 1.2),
                    "boundaries": len(b),
                    **sm.score(reference, b, n),
                }
            )
    return pd.DataFrame(rows)


# -- who moves the conversation on ------------------------------------------------------
def initiative(
    topics, sentences: list[Sentence], speaker_of: dict[str, str], participants: list[str]
) -> pd.DataFrame:
    """Per gold segment: its opener (the speaker of its first sentence), its length, and
    whether the other participant speaks in it (takes the topic up)."""
    index = {s.id: i for i, s in enumerate(sentences)}
    starts = [index[t.start] for t in topics] + [len(sentences)]
    rows = []
    for t, a, b in zip(topics, starts, starts[1:]):
        inside = [speaker_of[s.id] for s in sentences[a:b]]
        opener = speaker_of[sentences[a].id]
        others = [p for p in participants if p != opener]
        taken = (opener in participants) and any(sp in others for sp in inside)
        rows.append(
            {
                "topic": t.id,
                "label": t.label,
                "first_sentence": t.start,
                "paragraph": sentences[a].paragraph,
                "opened_by": opener,
                "sentences": b - a,
                "words": sum(s.words for s in sentences[a:b]),
                "taken_up": taken if opener in participants else None,
            }
        )
    return pd.DataFrame(rows)


# -- charts ---------------------------------------------------------------------------------
def chart_boundaries(boundaries: pd.DataFrame, methods_order: list[str]):
    """One row per segmentation (gold first), a tick at each sentence that starts a segment."""
    import altair as alt

    rows = []
    order = ["gold", *methods_order]
    for i, r in boundaries.reset_index(drop=True).iterrows():
        for name in order:
            if r[name]:
                rows.append(
                    {
                        "sentence": i + 1,
                        "id": r["sentence"],
                        "paragraph": int(r["paragraph"]),
                        "segmentation": "Gold" if name == "gold" else name,
                    }
                )
    labels = ["Gold", *methods_order]
    return (
        alt.Chart(pd.DataFrame(rows))
        .mark_tick(thickness=2, size=14)
        .encode(
            x=alt.X(
                "sentence:Q",
                title="Sentence (reading order)",
                scale=alt.Scale(domain=[1, len(boundaries)]),
            ),
            y=alt.Y("segmentation:N", title=None, sort=labels),
            color=alt.condition(
                alt.datum.segmentation == "Gold", alt.value("#222222"), alt.value("#4c78a8")
            ),
            tooltip=["segmentation:N", "id:N", "paragraph:Q"],
        )
        .properties(
            width=440,
            height=22 * len(labels),
            title="Where each method places topic boundaries",
            description="Tick chart: for the gold segmentation and each automatic or baseline method, a tick "
            "at every sentence where a new topic segment begins, along the memorandum's sentences.",
        )
    )


def chart_random(random: pd.DataFrame, scores: pd.DataFrame, metric: str = "b"):
    """Histogram of a metric over the random segmentations, with each method's score as a rule."""
    import altair as alt

    names = {
        "b": "Boundary similarity B (higher is better)",
        "pk": "Pk (lower is better)",
        "windowdiff": "WindowDiff (lower is better)",
    }
    hist = (
        alt.Chart(random)
        .mark_bar(color="#bbbbbb")
        .encode(
            x=alt.X(f"{metric}:Q", bin=alt.Bin(maxbins=30), title=names[metric]),
            y=alt.Y("count():Q", title="Random segmentations"),
        )
    )
    s = scores[scores["family"].isin(["automatic", "baseline"])][["method", metric]]
    rules = (
        alt.Chart(s)
        .mark_rule(strokeWidth=2)
        .encode(
            x=f"{metric}:Q",
            color=alt.Color(
                "method:N", title="Method", legend=alt.Legend(orient="bottom", columns=2)
            ),
            tooltip=["method:N", f"{metric}:Q"],
        )
    )
    return (hist + rules).properties(
        width=440,
        height=220,
        title=f"{names[metric].split(' (')[0]}: methods against 1,000 random segmentations",
        description=f"Histogram of {names[metric]} for 1,000 random segmentations with the gold number of "
        "boundaries, with a vertical line at the score of each automatic and baseline method.",
    )


def chart_grid(grid: pd.DataFrame):
    """Boundary similarity over each method's parameter grid; the fixed default outlined."""
    import altair as alt

    return (
        alt.Chart(grid)
        .mark_point(filled=True, size=90)
        .encode(
            x=alt.X("parameters:N", title="Parameters", sort=None, axis=alt.Axis(labelAngle=-40)),
            y=alt.Y("b:Q", title="Boundary similarity B"),
            color=alt.Color(
                "method:N", title="Method", legend=alt.Legend(orient="bottom", columns=2)
            ),
            shape=alt.Shape(
                "default:N", title="Published default", legend=alt.Legend(orient="bottom")
            ),
            tooltip=["method:N", "parameters:N", "boundaries:Q", "pk:Q", "windowdiff:Q", "b:Q"],
        )
        .properties(
            width=440,
            height=220,
            title="How the score moves with the parameters (not used to choose them)",
            description="Point chart: boundary similarity of TextTiling and the C99-style segmenter for each "
            "combination of parameters in a small grid; the published defaults are marked by shape.",
        )
    )
