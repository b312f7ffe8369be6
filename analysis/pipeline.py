"""The analyses end to end: gold annotations and model in, derived tables and glue facts out.

``python -m analysis run`` calls :func:`run`, which recomputes every table of
``data/derived/`` (CSV, fixed row and column order, floats to 4 decimals, so that a rerun is
byte-identical) and writes them atomically: all tables are computed first, each is written
to a temporary file in the target directory and renamed into place only when every one
has been written. The chapters call the section functions (:func:`speaker_results`, …),
cached per process, and glue :func:`facts`.
"""

from __future__ import annotations

import itertools
import os
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import annotations, edition, framing, markings, speakers, topics, turns
from .segmentation_metrics import window_size
from .sentences import split_memorandum

DERIVED = edition.DATA / "derived"
PARTICIPANTS_ORDER = ["Brement", "Bessmertnykh"]
SPEAKER_ORDER = [*PARTICIPANTS_ORDER, speakers.BOTH, speakers.NARRATION]


def pct(x: float, digits: int = 1) -> str:
    return f"{100 * x:.{digits}f} %"


@dataclass
class Section:
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    facts: dict[str, object] = field(default_factory=dict)
    extra: dict[str, object] = field(default_factory=dict)


# -- speakers and turns -------------------------------------------------------------------
@lru_cache(maxsize=1)
def speaker_results() -> Section:
    memo = edition.memorandum()
    sentences = split_memorandum(memo)
    gold = annotations.gold_speakers()
    sieve = speakers.attribute(memo, sentences)
    base = speakers.paragraph_baseline(memo, sentences)
    s_sieve, s_base = speakers.score(gold, sieve), speakers.score(gold, base)

    labels = [lab for lab in SPEAKER_ORDER if lab in set(gold.values())]
    per_sentence = pd.DataFrame(
        [
            {
                "sentence": s.id,
                "paragraph": s.paragraph,
                "words": s.words,
                "gold": gold[s.id],
                "sieve": a.speaker,
                "sieve_rule": a.rule,
                "baseline": b.speaker,
            }
            for s, a, b in zip(sentences, sieve, base)
        ]
    )
    scores = pd.DataFrame(
        [
            {
                "method": name,
                "accuracy": sc.accuracy,
                "macro_f1": sc.macro_f1,
                "errors": len(sc.errors),
                **{f"f1_{lab}": sc.per_label.get(lab, {}).get("f1", 0.0) for lab in labels},
            }
            for name, sc in (
                ("Rule sieve", s_sieve),
                ("Baseline: paragraph = first frame's speaker", s_base),
            )
        ]
    )
    confusion = pd.DataFrame(
        [
            {"method": name, "gold": g, "predicted": p, "sentences": sc.confusion.get((g, p), 0)}
            for name, sc in (("sieve", s_sieve), ("baseline", s_base))
            for g in labels
            for p in labels
        ]
    )
    errors = pd.DataFrame(
        [
            {"method": name, "sentence": sid, "gold": g, "predicted": p, "text": text}
            for name, sc in (("sieve", s_sieve), ("baseline", s_base))
            for sid, g, p, text in sc.errors
        ],
        columns=["method", "sentence", "gold", "predicted", "text"],
    )
    ablation_rows = [
        {
            "rules_off": "none",
            "accuracy": s_sieve.accuracy,
            "macro_f1": s_sieve.macro_f1,
            "errors": len(s_sieve.errors),
        }
    ]
    for rule in speakers.RULES:
        sc = speakers.score(gold, speakers.attribute(memo, sentences, disable=frozenset({rule})))
        ablation_rows.append(
            {
                "rules_off": rule,
                "accuracy": sc.accuracy,
                "macro_f1": sc.macro_f1,
                "errors": len(sc.errors),
            }
        )
    sc = speakers.score(
        gold, speakers.attribute(memo, sentences, disable=frozenset(speakers.RULES))
    )
    ablation_rows.append(
        {
            "rules_off": "all seven",
            "accuracy": sc.accuracy,
            "macro_f1": sc.macro_f1,
            "errors": len(sc.errors),
        }
    )
    ablation = pd.DataFrame(ablation_rows)

    g_turns = turns.gold_turns(memo, gold)
    a_turns = turns.automatic_turns(memo)
    b_turns = turns.baseline_turns(memo)
    summary = turns.speaker_summary(g_turns, SPEAKER_ORDER)
    longest = turns.longest(g_turns, top=5)
    opener, closer = turns.opener_closer(g_turns)
    agree_a, agree_b = (
        turns.turn_agreement(g_turns, a_turns),
        turns.turn_agreement(g_turns, b_turns),
    )
    own = turns.participant_turns(g_turns)
    by = summary.set_index("speaker")
    bre, bes = by.loc["Brement"], by.loc["Bessmertnykh"]
    top = longest.iloc[0]
    total_words = sum(t.words for t in g_turns)
    multi = [t for t in own if t.last_paragraph != t.paragraph]
    # paragraphs in which the floor passes from one participant to the other
    split_paras = sorted(
        {b.paragraph for a, b in itertools.pairwise(own) if a.last_paragraph == b.paragraph}
    )
    facts = {
        "sentence_count": len(sentences),
        "turn_count": len(g_turns),
        "participant_turn_count": len(own),
        "turn_words_total": total_words,
        "brement_turns": int(bre["turns"]),
        "bessmertnykh_turns": int(bes["turns"]),
        "brement_words": int(bre["words"]),
        "bessmertnykh_words": int(bes["words"]),
        "brement_share": pct(bre["share_of_words"]),
        "bessmertnykh_share": pct(bes["share_of_words"]),
        "brement_median": f"{bre['median_words']:.0f}",
        "bessmertnykh_median": f"{bes['median_words']:.0f}",
        "brement_mean": f"{bre['mean_words']:.0f}",
        "bessmertnykh_mean": f"{bes['mean_words']:.0f}",
        "other_words": total_words - int(bre["words"]) - int(bes["words"]),
        "longest_turn_words": int(top["words"]),
        "longest_turn_speaker": top["speaker"],
        "longest_turn_paragraphs": top["paragraphs"],
        "multi_paragraph_turns": len(multi),
        "split_paragraphs": ", ".join(f"¶{p}" for p in split_paras),
        "opener": opener,
        "closer": closer,
        "alternation": "alternate strictly"
        if all(a.speaker != b.speaker for a, b in itertools.pairwise(own))
        else "do not always alternate",
        "sieve_accuracy": pct(s_sieve.accuracy),
        "sieve_macro_f1": f"{s_sieve.macro_f1:.3f}",
        "sieve_errors": len(s_sieve.errors),
        "baseline_accuracy": pct(s_base.accuracy),
        "baseline_macro_f1": f"{s_base.macro_f1:.3f}",
        "baseline_errors": len(s_base.errors),
        "baseline_turns": agree_b["predicted_turns"],
        "baseline_turns_exact": agree_b["exact"],
        "sieve_turns_exact": agree_a["exact"],
        "frames_only_accuracy": pct(sc.accuracy),
        "frames_only_errors": len(sc.errors),
        "carry_share": pct(sum(a.rule.startswith("carry") for a in sieve) / len(sieve), 0),
    }
    tables = {
        "speakers_by_sentence": per_sentence,
        "speaker_scores": scores,
        "speaker_confusion": confusion,
        "speaker_errors": errors,
        "speaker_ablation": ablation,
        "turns_gold": turns.turn_table(g_turns),
        "turns_automatic": turns.turn_table(a_turns),
        "turn_summary": summary,
    }
    return Section(tables, facts, {"longest": longest, "labels": labels, "gold_turns": g_turns})


# -- topics -------------------------------------------------------------------------------
def _method_facts(prefix: str, row: pd.Series) -> dict[str, object]:
    """A segmenter's scores as glue values: boundaries placed, exact hits, Pk, WindowDiff and
    B, each with the share of random segmentations that do as well (``…_p``)."""
    facts: dict[str, object] = {
        f"{prefix}_boundaries": int(row["boundaries"]),
        f"{prefix}_hits": int(row["exact_hits"]),
    }
    for metric, short in (("pk", "pk"), ("windowdiff", "wd"), ("b", "b")):
        facts[f"{prefix}_{short}"] = f"{row[metric]:.3f}"
        facts[f"{prefix}_{short}_p"] = f"{row[f'{metric}_p_random']:.3f}"
    return facts


@lru_cache(maxsize=1)
def topic_results() -> Section:
    memo = edition.memorandum()
    sentences = split_memorandum(memo)
    gold = annotations.gold_speakers()
    gold_topics = annotations.gold()[2]
    reference = topics.gold_boundaries(sentences, [t.start for t in gold_topics])
    n = len(sentences)
    auto = [a.speaker for a in speakers.attribute(memo, sentences)]
    ms = topics.methods(memo, sentences, reference, auto, [gold[s.id] for s in sentences])
    scores, rand = topics.evaluate(ms, reference, n)
    grid = topics.parameter_grid(memo, sentences, reference)
    init = topics.initiative(gold_topics, sentences, gold, PARTICIPANTS_ORDER)
    boundaries = pd.DataFrame(
        [
            {
                "sentence": s.id,
                "paragraph": s.paragraph,
                "gold": int(i in reference),
                **{m.name: int(i in m.boundaries) for m in ms},
            }
            for i, s in enumerate(sentences)
        ]
    )
    random_dist = pd.DataFrame({m: rand[m] for m in rand})
    by = scores.set_index("method")
    opened = init[init["opened_by"].isin(PARTICIPANTS_ORDER)]
    counts = opened["opened_by"].value_counts()
    taken = opened.groupby("opened_by")["taken_up"].sum()
    para_start = topics.paragraph_starts(sentences)
    facts = {
        "topic_count": len(gold_topics),
        "gold_boundary_count": len(reference),
        "gap_count": n - 1,
        "gold_at_paragraph_start": len(reference & para_start),
        "gold_inside_paragraph": len(reference - para_start),
        "pk_window": window_size(reference, n),
        "tt_w": topics.TEXTTILING_DEFAULTS["w"],
        "tt_k": topics.TEXTTILING_DEFAULTS["k"],
        "random_draws": f"{topics.RANDOM_DRAWS:,}",
        "c99_mask": topics.C99_DEFAULTS["mask"],
        "c99_c": topics.C99_DEFAULTS["c"],
        **_method_facts("tt", by.loc["TextTiling"]),
        **_method_facts("c99", by.loc["C99-style"]),
        **_method_facts("sp", by.loc["Speaker change (sieve)"]),
        "none_pk": f"{by.loc['None', 'pk']:.3f}",
        "none_wd": f"{by.loc['None', 'windowdiff']:.3f}",
        "para_b": f"{by.loc['Paragraph starts', 'b']:.3f}",
        "para_hits": int(by.loc["Paragraph starts", "exact_hits"]),
        "random_pk": f"{rand['pk'].mean():.3f}",
        "random_wd": f"{rand['windowdiff'].mean():.3f}",
        "random_b": f"{rand['b'].mean():.3f}",
        "tt_grid_b_min": f"{grid[grid.method == 'TextTiling']['b'].min():.3f}",
        "tt_grid_b_max": f"{grid[grid.method == 'TextTiling']['b'].max():.3f}",
        "c99_grid_b_min": f"{grid[grid.method == 'C99-style']['b'].min():.3f}",
        "c99_grid_b_max": f"{grid[grid.method == 'C99-style']['b'].max():.3f}",
        "topics_by_bessmertnykh": int(counts.get("Bessmertnykh", 0)),
        "topics_by_brement": int(counts.get("Brement", 0)),
        "taken_up_by_brement": int(taken.get("Bessmertnykh", 0)),
        "taken_up_by_bessmertnykh": int(taken.get("Brement", 0)),
    }
    tables = {
        "topic_scores": scores,
        "topic_grid": grid,
        "topic_boundaries": boundaries,
        "topic_initiative": init,
    }
    return Section(tables, facts, {"random": random_dist})


# -- markings -----------------------------------------------------------------------------
@lru_cache(maxsize=1)
def marking_results() -> Section:
    memo = edition.memorandum()
    gold = annotations.gold()[0]
    rows = [(s.paragraph, s.speaker, len(s.text.split())) for s in gold]
    paras = markings.paragraph_table(memo, rows)
    summary = markings.summary(paras)
    by_speaker = markings.crosstab(paras, "speaker")
    by_position = markings.crosstab(paras, "position")
    words_by_speaker = (
        pd.DataFrame(
            [
                {"marking": markings.marking_of(memo.block(p)), "speaker": sp, "words": w}
                for p, sp, w in rows
            ]
        )
        .pivot_table(
            index="marking", columns="speaker", values="words", aggfunc="sum", fill_value=0
        )
        .reindex([m for m in markings.MARKING_ORDER if m in set(paras["marking"])])
        .reindex(columns=SPEAKER_ORDER, fill_value=0)
    )
    full = markings.exact_test(
        by_speaker.reindex(columns=SPEAKER_ORDER, fill_value=0).values.tolist()
    )
    two = paras[paras["speaker"].isin(PARTICIPANTS_ORDER)]
    table2 = [
        [
            int(((two.speaker == sp) & (two.marking == "S")).sum()),
            int(((two.speaker == sp) & (two.marking != "S")).sum()),
        ]
        for sp in PARTICIPANTS_ORDER
    ]
    participants_only = markings.exact_test(table2)
    s = summary.set_index("marking")
    unclassified = paras[paras.marking == "U"]["paragraph"].tolist()
    unmarked = paras[paras.marking == markings.UNMARKED]["paragraph"].tolist()
    facts = {
        "secret_paragraphs": int(s.loc["S", "paragraphs"]),
        "secret_words": int(s.loc["S", "words"]),
        "secret_word_share": pct(s.loc["S", "word_share"]),
        "secret_paragraph_share": pct(s.loc["S", "paragraph_share"]),
        "unclassified_paragraphs": int(s.loc["U", "paragraphs"]),
        "unclassified_words": int(s.loc["U", "words"]),
        "unmarked_paragraphs": int(s.loc[markings.UNMARKED, "paragraphs"]),
        "unmarked_words": int(s.loc[markings.UNMARKED, "words"]),
        "unclassified_list": ", ".join(f"¶{p}" for p in unclassified),
        "unmarked_list": ", ".join(f"¶{p}" for p in unmarked),
        "bessmertnykh_secret": table2[1][0],
        "bessmertnykh_paragraphs": sum(table2[1]),
        "brement_secret": table2[0][0],
        "brement_paragraphs": sum(table2[0]),
        "fisher_full_p": f"{full['p_value']:.4f}",
        "fisher_full_tables": full["tables"],
        "fisher_full_shape": f"{full['rows']} × {full['columns']}",
        "fisher_two_p": f"{participants_only['p_value']:.3f}",
    }
    tables = {
        "markings_by_paragraph": paras,
        "markings_summary": summary,
        "markings_by_speaker": by_speaker.reset_index(),
        "markings_words_by_speaker": words_by_speaker.reset_index(),
        "markings_by_position": by_position.reset_index(),
        "markings_tests": pd.DataFrame(
            [
                {"table": "marking × dominant speaker (all blocks)", **full},
                {"table": "Secret vs other × Brement/Bessmertnykh paragraphs", **participants_only},
            ]
        ),
    }
    return Section(tables, facts)


# -- framing ------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def framing_results() -> Section:
    memo = edition.memorandum()
    gold_frames = annotations.gold()[1]
    detected = speakers.detect_frames(memo, split_memorandum(memo))
    by_class = framing.class_by_speaker(gold_frames, PARTICIPANTS_ORDER)
    verbs = framing.verbs_by_speaker(gold_frames, PARTICIPANTS_ORDER)
    manner = framing.manner_adjuncts(gold_frames)
    det = framing.detection_score(gold_frames, detected)
    c = by_class.set_index(["speaker", "class"])
    counts = {sp: sum(f.speaker == sp for f in gold_frames) for sp in PARTICIPANTS_ORDER}
    ev = {sp: int(c.loc[(sp, "evaluative"), "frames"]) for sp in PARTICIPANTS_ORDER}
    test = markings.exact_test([[ev[sp], counts[sp] - ev[sp]] for sp in PARTICIPANTS_ORDER])
    man = {sp: manner[manner.speaker == sp]["manner"].tolist() for sp in PARTICIPANTS_ORDER}

    def lemmas(sp: str, cls: str) -> str:
        own = [f.verb for f in gold_frames if f.speaker == sp and f.cls == cls]
        return ", ".join(f"*{v}*" for v in dict.fromkeys(own)) or "none"

    facts = {
        "frame_count": len(gold_frames),
        "brement_frames": counts["Brement"],
        "bessmertnykh_frames": counts["Bessmertnykh"],
        "brement_evaluative": ev["Brement"],
        "bessmertnykh_evaluative": ev["Bessmertnykh"],
        "brement_evaluative_share": pct(c.loc[("Brement", "evaluative"), "share"], 0),
        "bessmertnykh_evaluative_share": pct(c.loc[("Bessmertnykh", "evaluative"), "share"], 0),
        "brement_neutral": int(c.loc[("Brement", "neutral"), "frames"]),
        "bessmertnykh_neutral": int(c.loc[("Bessmertnykh", "neutral"), "frames"]),
        "brement_evaluative_verbs": lemmas("Brement", "evaluative"),
        "bessmertnykh_evaluative_verbs": lemmas("Bessmertnykh", "evaluative"),
        "bessmertnykh_manner": "; ".join(f"“{m}”" for m in man["Bessmertnykh"]) or "none",
        "brement_manner": "; ".join(f"“{m}”" for m in man["Brement"]) or "none",
        "evaluative_fisher_p": f"{test['p_value']:.2f}",
        "detect_precision": pct(det["precision"]),
        "detect_recall": pct(det["recall"]),
        "detect_matched": det["matched"],
        "detect_missed": "; ".join(det["missed"]) or "none",
        "detect_spurious": "; ".join(det["spurious"]) or "none",
        "detect_speaker_agreement": pct(det["speaker_agreement"]),
        "detect_manner_agreement": pct(det["manner_agreement"]),
    }
    tables = {
        "frames_gold": framing.frames_table(gold_frames),
        "frames_by_class": by_class,
        "frames_by_verb": verbs,
        "frames_manner": manner,
    }
    return Section(tables, facts)


def facts() -> dict[str, object]:
    out: dict[str, object] = {}
    for section in (speaker_results(), topic_results(), marking_results(), framing_results()):
        out.update(section.facts)
    return out


def tables() -> dict[str, pd.DataFrame]:
    out: dict[str, pd.DataFrame] = {}
    for section in (speaker_results(), topic_results(), marking_results(), framing_results()):
        out.update(section.tables)
    return out


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    return df.to_csv(index=False, lineterminator="\n", float_format="%.4f").encode("utf-8")


def run(outdir: Path = DERIVED) -> list[Path]:
    """Recompute every derived table and write it to ``outdir``; returns the paths written.
    Nothing is written unless every table was computed; each file is replaced atomically."""
    payload = {f"{name}.csv": to_csv_bytes(df) for name, df in sorted(tables().items())}
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, data in payload.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=outdir)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            staged.append((tmp, outdir / name))
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise
    for tmp, target in staged:
        os.replace(tmp, target)
    return [target for _, target in staged]
