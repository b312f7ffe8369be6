"""Who speaks each sentence: a rule sieve anchored on reporting frames, and a naive baseline.

A memorandum of conversation reports speech mostly without quotation marks. What marks a
change of speaker is a *reporting frame*: "Bessmertnykh replied", "I said", inverted "said
Bessmertnykh". The sieve applies, in order:

1. headings and blocks labelled with something other than a participant ("COMMENT:") are
   narration; a block labelled with a participant ("The President:") is that participant's;
2. a block that is wholly a quotation and follows a sentence ending in a colon is read out by
   the speaker of that sentence's frame; the introducing sentence itself is narration;
3. a sentence with frames of two different speakers, or with "we" as the frame's subject,
   is *both*;
4. a sentence with a frame after a comma (medial, final or inverted) belongs to the frame's
   speaker; failing that, to a sentence-initial frame's speaker ("I pointed out that ...");
5. a sentence without a frame in which the author ("I") does something in the past tense
   that is not speaking ("At that point I had another meeting") is narration;
6. any other sentence takes the speaker of the nearest preceding frame in its paragraph
   (carry-forward), or of the first frame after it (carry-backward); a block without any
   frame is narration.

"I" outside a reported clause is the author, found as the one participant never named in
the body; "he"/"she" is the participant most recently named in a frame other than the
author. Verbs are matched in the past tense only: a memorandum reports its frames in the
past, so "I agree" or "I hope" belong to someone's free direct speech, not to a frame.

These rules were written while reading Document 271, so their score on it is an in-sample
score. They are generic (no sentence of the document is named), and the command
``python -m analysis turns FILE`` applies them to any memorandum.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .model import Memorandum
from .sentences import Sentence, split_memorandum

NARRATION = "narration"
BOTH = "both"
# The rules that can be switched off one at a time (an ablation shows what each contributes).
RULES = {
    "label": "block labels (participant or COMMENT)",
    "quotation": "a quoted block takes the speaker of the frame introducing it",
    "inverted": "inverted frames (said Bessmertnykh)",
    "joint": "two speakers' frames or 'we' make 'both'",
    "initial": "sentence-initial frames (I pointed out that ...)",
    "author-narration": "the author acting, not speaking, is narration",
    "carry-backward": "sentences before a paragraph's first frame take its speaker",
}

# Past-tense reporting verbs and their lemmas. Multi-word verbs first in the alternation.
REPORTING_VERBS: dict[str, str] = {
    "pointed out": "point out",
    "went on": "go on",
    "said": "say",
    "replied": "reply",
    "continued": "continue",
    "rejoined": "rejoin",
    "retorted": "retort",
    "countered": "counter",
    "interjected": "interject",
    "insisted": "insist",
    "acknowledged": "acknowledge",
    "stated": "state",
    "responded": "respond",
    "repeated": "repeat",
    "added": "add",
    "noted": "note",
    "asked": "ask",
    "answered": "answer",
    "observed": "observe",
    "remarked": "remark",
    "agreed": "agree",
    "explained": "explain",
    "argued": "argue",
    "declared": "declare",
    "emphasized": "emphasize",
    "stressed": "stress",
    "suggested": "suggest",
    "commented": "comment",
    "conceded": "concede",
    "objected": "object",
    "opened": "open",
    "recalled": "recall",
    "concluded": "conclude",
    "read": "read",
}
TITLES = r"(?:(?:Secretary|Ambassador|Minister|Foreign Minister|General Secretary|Dr\.|Mr\.|Mrs\.|Ms\.)\s+)?"
PRONOUNS = ("I", "he", "He", "she", "She", "we", "We")
ENUMERATION = re.compile(r"^\d+\.\s+")
NARRATIVE_I = re.compile(
    r"^(?:(?:At that point|Then|Later|Afterwards|Finally|At the end of the (?:meeting|conversation))"
    r",?\s+)?I\s+(?P<verb>had|was|left|\w+ed)\b"
)


@dataclass(frozen=True)
class Frame:
    """A reporting frame found in a sentence."""

    sentence: str  # sentence id
    subject: str  # as written: "Bessmertnykh", "I", "he"
    speaker: str | None  # resolved: a participant's short name, "both" for "we", None if unknown
    verb: str  # as written: "replied", "went on"
    lemma: str
    position: str  # initial, medial, final, final-inverted, embedded
    manner: str  # a manner adjunct: "with an icy smile", "smiling faintly", "readily", or ""
    start: int  # offsets of the frame in the sentence text
    end: int


@dataclass(frozen=True)
class Attribution:
    sentence: Sentence
    speaker: str
    rule: str  # which rule of the sieve decided


class _Patterns:
    def __init__(self, names: list[str]):
        names = sorted(set(names), key=len, reverse=True)
        verbs = "|".join(re.escape(v) for v in sorted(REPORTING_VERBS, key=len, reverse=True))
        name_alt = "|".join(re.escape(n) for n in names) or r"(?!x)x"
        subj = rf"(?P<subject>{name_alt}|{'|'.join(PRONOUNS)})"
        # subject (optionally titled), an optional -ly adverb, the verb
        self.forward = re.compile(
            rf"(?<![\w’'-]){TITLES}{subj}\s+(?:(?P<adverb>\w+ly)\s+)?(?P<verb>{verbs})(?![\w-])"
        )
        self.inverted = re.compile(rf",\s+(?P<verb>{verbs})\s+{TITLES}(?P<subject>{name_alt})\b")
        self.manner = re.compile(r"^,?\s*(?P<manner>smiling \w+|with an? [^,.;]+|\w+ly)(?=[,.;]|$)")


def _position(text: str, start: int, end: int) -> str:
    before = ENUMERATION.sub("", text[:start]).strip()
    after = text[end:].strip()
    if not before or re.fullmatch(r"(?:At that point|Then|Later|Afterwards|Finally),?", before):
        return "initial"
    if before.rstrip('”’"').endswith(","):  # American style puts the comma inside the quote
        tail = re.sub(r"^(?:smiling \w+|with an? [^,.;]+|\w+ly)", "", after.lstrip(", ")).strip()
        return "final" if after.startswith(".") or tail in {"", ".", "?", "!"} else "medial"
    return "embedded"


class Sieve:
    """The rule sieve for one memorandum: frames, pronoun resolution and the rules above."""

    def __init__(self, memo: Memorandum, disable: frozenset[str] = frozenset()):
        unknown = disable - set(RULES)
        if unknown:
            raise ValueError(f"unknown rules {sorted(unknown)}; the rules are {list(RULES)}")
        self.disable = disable
        self.memo = memo
        self.participants = [p.short_name for p in memo.participants]
        body = " ".join(b.text for b in memo.blocks)
        unnamed = [n for n in self.participants if not re.search(rf"\b{re.escape(n)}\b", body)]
        self.author = unnamed[0] if len(unnamed) == 1 else None
        self.patterns = _Patterns(self.participants)
        self._last_other: str | None = None
        others = [n for n in self.participants if n != self.author]
        if self.author and len(others) == 1:
            self._last_other = others[0]

    # -- frames -------------------------------------------------------------------------
    def _resolve(self, subject: str) -> str | None:
        if subject == "I":
            return self.author
        if subject.lower() in ("he", "she"):
            return self._last_other
        if subject.lower() == "we":
            return BOTH
        return subject

    def frames(self, sentence: Sentence) -> list[Frame]:
        """The sentence's frames in textual order; updates the pronoun antecedent."""
        text = sentence.text
        found = []
        for m in self.patterns.forward.finditer(text):
            found.append(
                (m.start(), m.end(), m.group("subject"), m.group("verb"), m.group("adverb") or "")
            )
        for m in self.patterns.inverted.finditer(text) if "inverted" not in self.disable else ():
            found.append((m.start() + 1, m.end(), m.group("subject"), m.group("verb"), ""))
        frames = []
        for start, end, subject, verb, adverb in sorted(found):
            start += len(text[start:end]) - len(text[start:end].lstrip(", "))
            manner = adverb
            after = self.patterns.manner.match(text[end:])
            if not manner and after and _position(text, start, end) != "embedded":
                manner = after.group("manner")
            speaker = self._resolve(subject)
            if subject in self.participants and subject != self.author:
                self._last_other = subject
            frames.append(
                Frame(
                    sentence.id,
                    subject,
                    speaker,
                    verb,
                    REPORTING_VERBS[verb],
                    _position(text, start, end),
                    manner,
                    start,
                    end,
                )
            )
        return frames

    # -- the sieve ------------------------------------------------------------------------
    def _label_speaker(self, label: str) -> str:
        for p in self.memo.participants:
            if label in (p.short_name, p.name) or label.split()[-1] == p.short_name:
                return p.short_name
        return NARRATION

    def attribute(
        self, sentences: list[Sentence] | None = None
    ) -> tuple[list[Attribution], list[Frame]]:
        sentences = sentences if sentences is not None else split_memorandum(self.memo)
        by_block: dict[int, list[Sentence]] = {}
        for s in sentences:
            by_block.setdefault(s.paragraph, []).append(s)
        result: list[Attribution] = []
        all_frames: list[Frame] = []
        quote_speaker: str | None = None
        for n in sorted(by_block):
            block = self.memo.block(n)
            sents = by_block[n]
            frames = {s.id: self.frames(s) for s in sents}
            for s in sents:
                all_frames.extend(frames[s.id])
            text = block.text.strip()
            if block.kind == "heading":
                result += [Attribution(s, NARRATION, "heading") for s in sents]
                continue
            if block.label and "label" not in self.disable:
                speaker = self._label_speaker(block.label)
                result += [Attribution(s, speaker, "label") for s in sents]
                continue
            if (
                quote_speaker
                and "quotation" not in self.disable
                and text.startswith(("“", '"'))
                and text.endswith(("”", '"'))
            ):
                result += [Attribution(s, quote_speaker, "quoted-document") for s in sents]
                quote_speaker = None
                continue
            quote_speaker = None
            decided: list[tuple[str | None, str]] = []
            for i, s in enumerate(sents):
                fs = frames[s.id]
                speakers = {f.speaker for f in fs if f.speaker}
                is_last = i == len(sents) - 1
                nxt = self.memo.blocks[n] if n < len(self.memo.blocks) else None
                if (
                    "quotation" not in self.disable
                    and is_last
                    and s.text.rstrip().endswith(":")
                    and nxt
                    and nxt.text.startswith(("“", '"'))
                ):
                    quote_speaker = next(iter(speakers), None) if len(speakers) == 1 else None
                    decided.append((NARRATION, "introduces-quotation"))
                elif "joint" not in self.disable and (len(speakers) > 1 or BOTH in speakers):
                    decided.append((BOTH, "joint-frame"))
                elif outer := [
                    f
                    for f in fs
                    if f.speaker and f.position in ("medial", "final", "final-inverted")
                ]:
                    decided.append((outer[-1].speaker, "frame"))
                elif "initial" not in self.disable and (
                    initial := [
                        f for f in fs if f.speaker and f.position == "initial" and f.speaker != BOTH
                    ]
                ):
                    decided.append((initial[0].speaker, "initial-frame"))
                elif (
                    "author-narration" not in self.disable
                    and not fs
                    and (m := NARRATIVE_I.match(s.text))
                    and m.group("verb") not in REPORTING_VERBS
                ):
                    decided.append((NARRATION, "author-narration"))
                else:
                    decided.append((None, ""))
            anchors = [
                (i, sp) for i, (sp, rule) in enumerate(decided) if sp and rule != "author-narration"
            ]
            for i, (s, (speaker, rule)) in enumerate(zip(sents, decided)):
                if speaker is None:
                    before = [sp for j, sp in anchors if j < i]
                    after = [sp for j, sp in anchors if j > i]
                    if before:
                        speaker, rule = before[-1], "carry-forward"
                    elif after and "carry-backward" not in self.disable:
                        speaker, rule = after[0], "carry-backward"
                    else:
                        speaker, rule = NARRATION, "no-frame"
                result.append(Attribution(s, speaker, rule))
        return result, all_frames


def attribute(
    memo: Memorandum, sentences: list[Sentence] | None = None, disable: frozenset[str] = frozenset()
) -> list[Attribution]:
    """The sieve's speaker for every sentence of ``memo`` (``disable``: rules switched off)."""
    return Sieve(memo, disable).attribute(sentences)[0]


def detect_frames(memo: Memorandum, sentences: list[Sentence] | None = None) -> list[Frame]:
    """Every reporting frame the sieve finds, in reading order."""
    return Sieve(memo).attribute(sentences)[1]


def paragraph_baseline(
    memo: Memorandum, sentences: list[Sentence] | None = None
) -> list[Attribution]:
    """The naive baseline: every sentence of a paragraph gets the speaker of the paragraph's
    first frame (a paragraph is a turn); a paragraph without a frame is narration."""
    sentences = sentences if sentences is not None else split_memorandum(memo)
    frames = detect_frames(memo, sentences)
    first: dict[int, str] = {}
    para_of = {s.id: s.paragraph for s in sentences}
    for f in frames:
        if f.speaker:
            first.setdefault(para_of[f.sentence], f.speaker)
    return [
        Attribution(s, first.get(s.paragraph, NARRATION), "paragraph-first-frame")
        for s in sentences
    ]


# -- evaluation ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Score:
    accuracy: float
    macro_f1: float
    per_label: dict[str, dict[str, float]]  # label -> precision, recall, f1, support
    confusion: dict[tuple[str, str], int]  # (gold, predicted) -> count
    errors: list[tuple[str, str, str, str]]  # (sentence id, gold, predicted, text)


def score(gold: dict[str, str], predicted: list[Attribution]) -> Score:
    """Sentence accuracy, macro-F1 over the labels in gold or prediction, confusion, errors."""
    pairs = [(gold[a.sentence.id], a.speaker) for a in predicted]
    if len(pairs) != len(gold):
        raise ValueError(f"{len(pairs)} predictions for {len(gold)} gold sentences")
    labels = sorted({g for g, _ in pairs} | {p for _, p in pairs})
    confusion = Counter(pairs)
    per_label = {}
    for label in labels:
        tp = confusion[(label, label)]
        pred = sum(c for (g, p), c in confusion.items() if p == label)
        true = sum(c for (g, p), c in confusion.items() if g == label)
        precision = tp / pred if pred else 0.0
        recall = tp / true if true else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {"precision": precision, "recall": recall, "f1": f1, "support": true}
    correct = sum(c for (g, p), c in confusion.items() if g == p)
    errors = [
        (a.sentence.id, gold[a.sentence.id], a.speaker, a.sentence.text)
        for a in predicted
        if gold[a.sentence.id] != a.speaker
    ]
    return Score(
        accuracy=correct / len(pairs),
        macro_f1=sum(v["f1"] for v in per_label.values()) / len(per_label),
        per_label=per_label,
        confusion=dict(confusion),
        errors=errors,
    )
