"""Turns: maximal runs of sentences with one speaker, and what can be counted on them.

A turn here is a unit of the *memorandum*, not of the talk: the stretch of Brement's text
that he gives to one speaker before he gives the floor to the other (or to narration). A
paragraph is not a turn: a turn can end inside a paragraph (¶23) and run over several
(¶14–¶15). Words are whitespace tokens of the block text, so the turns of a memorandum add
up to its word count.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .model import Memorandum
from .sentences import Sentence, split_memorandum
from .speakers import BOTH, NARRATION, attribute, paragraph_baseline


@dataclass(frozen=True)
class Turn:
    n: int
    speaker: str
    paragraph: int  # the block the turn begins in
    last_paragraph: int
    sentences: tuple[str, ...]
    text: str
    words: int

    def to_json(self) -> dict:
        return {
            "n": self.n,
            "speaker": self.speaker,
            "paragraph": self.paragraph,
            "text": self.text,
            "words": self.words,
        }


def runs(labelled: list[tuple[Sentence, str]]) -> list[Turn]:
    """Group consecutive sentences with the same speaker into turns, numbered from 1."""
    groups: list[list[tuple[Sentence, str]]] = []
    for sentence, speaker in labelled:
        if groups and groups[-1][-1][1] == speaker:
            groups[-1].append((sentence, speaker))
        else:
            groups.append([(sentence, speaker)])
    return [
        Turn(
            n=i,
            speaker=g[0][1],
            paragraph=g[0][0].paragraph,
            last_paragraph=g[-1][0].paragraph,
            sentences=tuple(s.id for s, _ in g),
            text=" ".join(s.text for s, _ in g),
            words=sum(s.words for s, _ in g),
        )
        for i, g in enumerate(groups, start=1)
    ]


def automatic_turns(memo: Memorandum) -> list[Turn]:
    """The rule sieve's turns for any memorandum (what ``python -m analysis turns`` prints)."""
    return runs([(a.sentence, a.speaker) for a in attribute(memo, split_memorandum(memo))])


def baseline_turns(memo: Memorandum) -> list[Turn]:
    return runs([(a.sentence, a.speaker) for a in paragraph_baseline(memo, split_memorandum(memo))])


def gold_turns(memo: Memorandum, gold: dict[str, str]) -> list[Turn]:
    """Turns from the gold sentence labels (``gold``: sentence id -> speaker)."""
    return runs([(s, gold[s.id]) for s in split_memorandum(memo)])


def turn_table(turns: list[Turn]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "turn": t.n,
                "speaker": t.speaker,
                "paragraph": t.paragraph,
                "last_paragraph": t.last_paragraph,
                "first_sentence": t.sentences[0],
                "last_sentence": t.sentences[-1],
                "sentences": len(t.sentences),
                "words": t.words,
            }
            for t in turns
        ]
    )


def speaker_summary(turns: list[Turn], order: list[str]) -> pd.DataFrame:
    """Turns, words, share of words, and words per turn (mean, median, longest) per speaker,
    in the order ``order``."""
    total = sum(t.words for t in turns)
    rows = []
    for speaker in order:
        w = [t.words for t in turns if t.speaker == speaker]
        if not w:
            continue
        s = pd.Series(w)
        rows.append(
            {
                "speaker": speaker,
                "turns": len(w),
                "words": int(s.sum()),
                "share_of_words": s.sum() / total,
                "mean_words": float(s.mean()),
                "median_words": float(s.median()),
                "longest_turn": int(s.max()),
            }
        )
    return pd.DataFrame(rows)


def longest(turns: list[Turn], top: int = 5) -> pd.DataFrame:
    """The longest floor-holds: the ``top`` longest turns of a participant."""
    ranked = sorted(
        (t for t in turns if t.speaker not in (NARRATION, BOTH)), key=lambda t: (-t.words, t.n)
    )
    return pd.DataFrame(
        [
            {
                "turn": t.n,
                "speaker": t.speaker,
                "paragraphs": f"¶{t.paragraph}"
                + (f"–¶{t.last_paragraph}" if t.last_paragraph != t.paragraph else ""),
                "words": t.words,
                "begins": " ".join(t.text.split()[:8]) + " …",
            }
            for t in ranked[:top]
        ]
    )


def participant_turns(turns: list[Turn]) -> list[Turn]:
    return [t for t in turns if t.speaker not in (NARRATION, BOTH)]


def opener_closer(turns: list[Turn]) -> tuple[str, str]:
    """The first and last turn by one participant (narration and joint acts left aside)."""
    own = participant_turns(turns)
    return own[0].speaker, own[-1].speaker


def turn_agreement(gold: list[Turn], predicted: list[Turn]) -> dict[str, float]:
    """How well predicted turns match gold turns: exact matches of (first, last sentence)."""
    g = {(t.sentences[0], t.sentences[-1], t.speaker) for t in gold}
    p = {(t.sentences[0], t.sentences[-1], t.speaker) for t in predicted}
    hit = len(g & p)
    return {
        "gold_turns": len(g),
        "predicted_turns": len(p),
        "exact": hit,
        "precision": hit / len(p) if p else 0.0,
        "recall": hit / len(g) if g else 0.0,
    }


# -- charts (Altair; built from the tables above) ------------------------------------------
SPEAKER_COLORS = {
    "Brement": "#1f77b4",
    "Bessmertnykh": "#d62728",
    "both": "#9467bd",
    "narration": "#7f7f7f",
}


def _color(alt, order: list[str]):
    return alt.Color(
        "speaker:N",
        title="Speaker",
        sort=order,
        legend=alt.Legend(orient="bottom"),
        scale=alt.Scale(domain=order, range=[SPEAKER_COLORS[s] for s in order]),
    )


def chart_turn_lengths(table: pd.DataFrame, order: list[str]):
    """Words per turn, one dot per turn, one row per speaker."""
    import altair as alt

    return (
        alt.Chart(table)
        .mark_circle(size=90, opacity=0.75)
        .encode(
            x=alt.X("words:Q", title="Words in the turn"),
            y=alt.Y("speaker:N", title=None, sort=order),
            color=_color(alt, order),
            tooltip=["turn:Q", "speaker:N", "paragraph:Q", "words:Q"],
        )
        .properties(
            width=440,
            height=150,
            title="How long each turn is, by speaker (gold turns)",
            description="Dot plot: one dot per turn of the memorandum, placed by its length in words, "
            "in one row per speaker (Brement, Bessmertnykh, both, narration).",
        )
    )


def chart_turn_sequence(table: pd.DataFrame, order: list[str]):
    """The turns in reading order as bars along the running word count."""
    import altair as alt

    t = table.copy()
    t["end"] = t["words"].cumsum()
    t["start"] = t["end"] - t["words"]
    return (
        alt.Chart(t)
        .mark_bar(height=18, stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("start:Q", title="Position in the memorandum (running word count)"),
            x2="end:Q",
            y=alt.Y("speaker:N", title=None, sort=order),
            color=_color(alt, order),
            tooltip=["turn:Q", "speaker:N", "paragraph:Q", "last_paragraph:Q", "words:Q"],
        )
        .properties(
            width=440,
            height=150,
            title="Who holds the floor, in order (gold turns)",
            description="Timeline: each turn is a bar spanning its words along the memorandum's running "
            "word count, on the row of its speaker; the bars alternate between Brement and Bessmertnykh.",
        )
    )
