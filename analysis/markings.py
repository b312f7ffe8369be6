"""The portion markings: how many paragraphs and words each carries, by speaker and position,
and an exact test of marking × speaker, reported as a description, not as an inference.

The exact test is the Fisher–Freeman–Halton generalisation of Fisher's test to an r×c
table: every table with the observed row and column totals is enumerated, each weighted by
its multivariate hypergeometric probability, and the p-value is the total probability of the
tables no more probable than the observed one (the usual two-sided convention). For the
small tables here the enumeration is instant.
"""

from __future__ import annotations

import math
from collections import Counter

import pandas as pd

from .model import MARKING_NAMES, Memorandum

UNMARKED = "unmarked"
MARKING_ORDER = ["S", "U", UNMARKED]
MARKING_LABELS = {**MARKING_NAMES, UNMARKED: "Unmarked"}


def marking_of(block) -> str:
    return block.marking or UNMARKED


def marking_label(block) -> str:
    """ "Secret", "Unclassified", … or "Unmarked"."""
    return MARKING_LABELS[marking_of(block)]


def dominant_speaker(paragraph: int, sentence_speakers: list[tuple[int, str, int]]) -> str:
    """The speaker with most words in the paragraph (``(paragraph, speaker, words)`` rows);
    ties go to the speaker who comes first."""
    words: Counter[str] = Counter()
    for p, speaker, w in sentence_speakers:
        if p == paragraph:
            words[speaker] += w
    return max(words, key=lambda s: (words[s], -list(words).index(s)))


def paragraph_table(
    memo: Memorandum, sentence_speakers: list[tuple[int, str, int]]
) -> pd.DataFrame:
    """One row per block: marking, words, dominant speaker, third of the conversation."""
    n = len(memo.blocks)
    rows = []
    for b in memo.blocks:
        rows.append(
            {
                "paragraph": b.n,
                "marking": marking_of(b),
                "marking_name": marking_label(b),
                "words": b.words,
                "speaker": dominant_speaker(b.n, sentence_speakers),
                "position": ("opening", "middle", "closing")[min(2, (b.n - 1) * 3 // n)],
            }
        )
    return pd.DataFrame(rows)


def summary(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Paragraphs and words per marking, with shares."""
    g = paragraphs.groupby("marking", sort=False).agg(
        paragraphs=("paragraph", "size"), words=("words", "sum")
    )
    g = g.reindex(
        [m for m in MARKING_ORDER if m in g.index] + [m for m in g.index if m not in MARKING_ORDER]
    )
    g["paragraph_share"] = g["paragraphs"] / g["paragraphs"].sum()
    g["word_share"] = g["words"] / g["words"].sum()
    g.insert(0, "marking_name", [MARKING_LABELS.get(m, m) for m in g.index])
    return g.reset_index()


def crosstab(paragraphs: pd.DataFrame, column: str, value: str = "paragraph") -> pd.DataFrame:
    """Marking × ``column`` (speaker or position): paragraph counts, or word sums."""
    agg = "size" if value == "paragraph" else "sum"
    t = paragraphs.pivot_table(
        index="marking",
        columns=column,
        values=value if agg == "sum" else "paragraph",
        aggfunc=agg,
        fill_value=0,
    )
    t = t.reindex([m for m in MARKING_ORDER if m in t.index])
    return t.astype(int)


# -- Fisher–Freeman–Halton exact test ------------------------------------------------------
def _log_table_probability(table: list[list[int]]) -> float:
    rows = [sum(r) for r in table]
    cols = [sum(c) for c in zip(*table)]
    n = sum(rows)
    lg = math.lgamma
    return (
        sum(lg(r + 1) for r in rows)
        + sum(lg(c + 1) for c in cols)
        - lg(n + 1)
        - sum(lg(x + 1) for r in table for x in r)
    )


def _tables(rows: list[int], cols: list[int]):
    """Every non-negative integer table with these margins (filled column by column)."""
    if len(cols) == 1:
        yield [[r] for r in rows]
        return
    first, rest = cols[0], cols[1:]

    def columns(i: int, left: int, remaining_rows: list[int]):
        if i == len(remaining_rows) - 1:
            if left <= remaining_rows[i]:
                yield [left]
            return
        capacity_after = sum(remaining_rows[i + 1 :])
        for x in range(max(0, left - capacity_after), min(left, remaining_rows[i]) + 1):
            for tail in columns(i + 1, left - x, remaining_rows):
                yield [x, *tail]

    for col in columns(0, first, rows):
        for sub in _tables([r - x for r, x in zip(rows, col)], rest):
            yield [[x, *s] for x, s in zip(col, sub)]


def exact_test(table: list[list[int]]) -> dict[str, float]:
    """Fisher–Freeman–Halton exact p-value for an r×c contingency table (zero rows and
    columns are dropped first), with the number of tables enumerated."""
    table = [r for r in table if sum(r) > 0]
    keep = [j for j in range(len(table[0])) if sum(r[j] for r in table) > 0]
    table = [[r[j] for j in keep] for r in table]
    rows = [sum(r) for r in table]
    cols = [sum(c) for c in zip(*table)]
    observed = _log_table_probability(table)
    p, count = 0.0, 0
    for t in _tables(rows, cols):
        count += 1
        lp = _log_table_probability(t)
        if lp <= observed + 1e-7:
            p += math.exp(lp)
    return {"p_value": min(1.0, p), "tables": count, "rows": len(rows), "columns": len(cols)}


# -- charts ---------------------------------------------------------------------------------
MARKING_COLORS = {"Secret": "#d62728", "Unclassified": "#2ca02c", "Unmarked": "#aaaaaa"}


def chart_paragraphs(paragraphs: pd.DataFrame):
    """Words per block in reading order, coloured by marking."""
    import altair as alt

    order = [m for m in MARKING_COLORS if m in set(paragraphs["marking_name"])]
    return (
        alt.Chart(paragraphs)
        .mark_bar()
        .encode(
            x=alt.X("paragraph:O", title="Block (¶)"),
            y=alt.Y("words:Q", title="Words"),
            color=alt.Color(
                "marking_name:N",
                title="Marking",
                sort=order,
                legend=alt.Legend(orient="bottom"),
                scale=alt.Scale(domain=order, range=[MARKING_COLORS[m] for m in order]),
            ),
            tooltip=["paragraph:O", "marking_name:N", "speaker:N", "words:Q", "position:N"],
        )
        .properties(
            width=440,
            height=200,
            title="Portion markings along the memorandum",
            description="Bar chart: one bar per block in reading order, its height the block's words and "
            "its colour the portion marking (Secret, Unclassified or unmarked).",
        )
    )
