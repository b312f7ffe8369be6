"""Reporting frames: how the author introduces each speaker's words.

Classes (annotated in ``data/annotations/frames.csv``):

* **neutral** — the verb only reports that something was said: *said*, *stated*, *read*;
* **sequencing** — it places the utterance in the exchange without judging it: *continued*,
  *went on*, *replied*, *responded*, *rejoined*, *repeated*;
* **evaluative** — it characterises the act or the speaker's stance: *retorted*,
  *countered*, *interjected*, *insisted*, *acknowledged*, *agreed*, *pointed out*.

The automatic frames of :mod:`analysis.speakers` are scored against the gold frames (a
frame matches when sentence and verb agree).
"""

from __future__ import annotations

import pandas as pd

from .annotations import FRAME_CLASSES, GoldFrame
from .speakers import Frame


def frames_table(frames: list[GoldFrame]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "id": f.id,
                "sentence": f.sentence,
                "speaker": f.speaker,
                "frame": f.frame,
                "verb": f.verb,
                "lemma": f.lemma,
                "class": f.cls,
                "position": f.position,
                "manner": f.manner,
            }
            for f in frames
        ]
    )


def class_by_speaker(frames: list[GoldFrame], speakers: list[str]) -> pd.DataFrame:
    """Frame counts per speaker and class, with each class's share of the speaker's frames."""
    rows = []
    for sp in speakers:
        own = [f for f in frames if f.speaker == sp]
        for cls in FRAME_CLASSES:
            n = sum(f.cls == cls for f in own)
            rows.append(
                {"speaker": sp, "class": cls, "frames": n, "share": n / len(own) if own else 0.0}
            )
    return pd.DataFrame(rows)


def verbs_by_speaker(frames: list[GoldFrame], speakers: list[str]) -> pd.DataFrame:
    """Lemma × speaker counts, lemmas ordered by class then frequency."""
    t = pd.DataFrame(
        [
            {"lemma": f.lemma, "class": f.cls, "speaker": f.speaker}
            for f in frames
            if f.speaker in speakers
        ]
    )
    table = t.pivot_table(index=["class", "lemma"], columns="speaker", aggfunc="size", fill_value=0)
    table = table.reindex(columns=speakers, fill_value=0)
    table["total"] = table.sum(axis=1)
    order = {c: i for i, c in enumerate(FRAME_CLASSES)}
    table = table.reset_index()
    table["_o"] = table["class"].map(order)
    return (
        table.sort_values(["_o", "total", "lemma"], ascending=[True, False, True])
        .drop(columns="_o")
        .reset_index(drop=True)
    )


def manner_adjuncts(frames: list[GoldFrame]) -> pd.DataFrame:
    """The frames that carry a manner adjunct ("with an icy smile")."""
    table = frames_table(frames)
    has_manner = table["manner"].fillna("").astype(bool)
    return table.loc[has_manner, ["id", "sentence", "speaker", "frame", "manner"]].reset_index(
        drop=True
    )


def detection_score(gold: list[GoldFrame], detected: list[Frame]) -> dict[str, float]:
    """Precision and recall of the automatic frames (sentence + verb), and of the speaker and
    the manner adjunct on the frames found."""
    g = {(f.sentence, f.verb): f for f in gold}
    d = {(f.sentence, f.verb): f for f in detected}
    hits = set(g) & set(d)
    speaker_ok = sum(g[k].speaker == d[k].speaker for k in hits)
    manner_ok = sum(g[k].manner == d[k].manner for k in hits)
    return {
        "gold": len(g),
        "detected": len(d),
        "matched": len(hits),
        "precision": len(hits) / len(d) if d else 0.0,
        "recall": len(hits) / len(g) if g else 0.0,
        "speaker_agreement": speaker_ok / len(hits) if hits else 0.0,
        "manner_agreement": manner_ok / len(hits) if hits else 0.0,
        "missed": sorted(f"{s} {v}" for s, v in set(g) - hits),
        "spurious": sorted(f"{s} {v}" for s, v in set(d) - hits),
    }


# -- charts ---------------------------------------------------------------------------------
def chart_classes(by_class: pd.DataFrame):
    import altair as alt

    return (
        alt.Chart(by_class)
        .mark_bar()
        .encode(
            y=alt.Y("speaker:N", title=None),
            x=alt.X("frames:Q", title="Reporting frames", stack="zero"),
            color=alt.Color(
                "class:N",
                title="Frame class",
                sort=list(FRAME_CLASSES),
                legend=alt.Legend(orient="bottom"),
                scale=alt.Scale(
                    domain=list(FRAME_CLASSES), range=["#9ecae1", "#4292c6", "#ef6548"]
                ),
            ),
            order=alt.Order("class_order:Q"),
            tooltip=["speaker:N", "class:N", "frames:Q", alt.Tooltip("share:Q", format=".0%")],
        )
        .transform_calculate(
            class_order="indexof(['neutral','sequencing','evaluative'], datum['class'])"
        )
        .properties(
            width=440,
            height=110,
            title="How Brement frames each speaker's words",
            description="Stacked bar chart: the number of reporting frames for Brement and for Bessmertnykh, "
            "split into neutral, sequencing and evaluative frames.",
        )
    )
