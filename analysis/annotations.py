"""The gold annotations in ``data/annotations/``: loading them and checking them against the model.

Three tables, one row per unit, each with a stable id:

* ``sentences.csv`` — every sentence of the memorandum (``p04.s03``: block 4, sentence 3)
  with its speaker: a participant's short name, ``narration`` or ``both``;
* ``frames.csv`` — every reporting frame (``f01``…): its sentence, speaker, verb and
  lemma, class (neutral, sequencing, evaluative), position and manner adjunct;
* ``topics.csv`` — the topic segments (``t01``…): the sentence each begins with, a short
  label and who opened it.

Turns are not annotated separately: they are the maximal runs of one speaker in
``sentences.csv`` (see :mod:`analysis.turns`). Every check raises
:class:`~analysis.errors.SourceError` with the file and line of the offending row.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import edition
from .errors import SourceError
from .model import Memorandum
from .sentences import split_memorandum

ANNOTATIONS = edition.DATA / "annotations"
SENTENCES_FILE = ANNOTATIONS / "sentences.csv"
FRAMES_FILE = ANNOTATIONS / "frames.csv"
TOPICS_FILE = ANNOTATIONS / "topics.csv"

NARRATION, BOTH = "narration", "both"
FRAME_CLASSES = ("neutral", "sequencing", "evaluative")
FRAME_POSITIONS = ("initial", "medial", "final", "final-inverted", "embedded")
SENTENCE_ID = re.compile(r"^p(?P<p>\d{2})\.s(?P<s>\d{2})$")


@dataclass(frozen=True)
class GoldSentence:
    id: str
    paragraph: int
    index: int
    speaker: str
    note: str
    text: str


@dataclass(frozen=True)
class GoldFrame:
    id: str
    sentence: str
    speaker: str
    frame: str
    verb: str
    lemma: str
    cls: str
    position: str
    manner: str


@dataclass(frozen=True)
class GoldTopic:
    id: str
    start: str  # id of the segment's first sentence
    label: str
    opened_by: str


def _rows(path: Path, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != columns:
            raise SourceError(
                str(path), 1, f"expected columns {columns}, found {reader.fieldnames}"
            )
        return [(reader.line_num, row) for row in reader]


def speakers_allowed(memo: Memorandum) -> set[str]:
    return {p.short_name for p in memo.participants} | {NARRATION, BOTH}


def load_sentences(
    memo: Memorandum | None = None, path: Path = SENTENCES_FILE
) -> list[GoldSentence]:
    """The gold sentence table, checked row by row against the model: the ids, the speaker
    vocabulary, and each sentence's text at its place in its block."""
    memo = memo or edition.memorandum()
    allowed = speakers_allowed(memo)
    out: list[GoldSentence] = []
    for line, row in _rows(path, ["id", "paragraph", "sentence", "speaker", "note", "text"]):
        where = (str(path), line)
        m = SENTENCE_ID.match(row["id"])
        if not m or int(m["p"]) != int(row["paragraph"]) or int(m["s"]) != int(row["sentence"]):
            raise SourceError(*where, f"id {row['id']!r} does not match paragraph/sentence columns")
        if row["speaker"] not in allowed:
            raise SourceError(*where, f"speaker {row['speaker']!r} is not one of {sorted(allowed)}")
        try:
            block = memo.block(int(row["paragraph"]))
        except KeyError as error:
            raise SourceError(*where, str(error)) from None
        if row["text"] not in block.text:
            raise SourceError(*where, f"{row['id']}: text is not in block {block.n}")
        out.append(
            GoldSentence(
                row["id"],
                int(row["paragraph"]),
                int(row["sentence"]),
                row["speaker"],
                row["note"],
                row["text"],
            )
        )
    ids = [s.id for s in out]
    if len(set(ids)) != len(ids):
        raise SourceError(str(path), 1, "duplicate sentence ids")
    for block in memo.blocks:
        texts = [s.text for s in out if s.paragraph == block.n]
        if " ".join(texts) != block.text:
            raise SourceError(
                str(path), 1, f"the sentences of block {block.n} do not add up to its text"
            )
    return out


def load_frames(memo: Memorandum | None = None, path: Path = FRAMES_FILE) -> list[GoldFrame]:
    memo = memo or edition.memorandum()
    sentences = {s.id: s for s in load_sentences(memo)}
    allowed = speakers_allowed(memo)
    out = []
    for line, row in _rows(
        path, ["id", "sentence", "speaker", "frame", "verb", "lemma", "class", "position", "manner"]
    ):
        where = (str(path), line)
        s = sentences.get(row["sentence"])
        if s is None:
            raise SourceError(*where, f"no sentence {row['sentence']!r}")
        if row["frame"] not in s.text or row["verb"] not in row["frame"]:
            raise SourceError(
                *where, f"{row['id']}: frame {row['frame']!r} not in {s.id} or verb not in frame"
            )
        if row["manner"] and row["manner"] not in s.text:
            raise SourceError(*where, f"{row['id']}: manner {row['manner']!r} not in {s.id}")
        if row["speaker"] not in allowed - {NARRATION}:
            raise SourceError(*where, f"{row['id']}: speaker {row['speaker']!r}")
        if row["class"] not in FRAME_CLASSES or row["position"] not in FRAME_POSITIONS:
            raise SourceError(*where, f"{row['id']}: class or position not in the vocabulary")
        out.append(
            GoldFrame(
                row["id"],
                row["sentence"],
                row["speaker"],
                row["frame"],
                row["verb"],
                row["lemma"],
                row["class"],
                row["position"],
                row["manner"],
            )
        )
    return out


def load_topics(memo: Memorandum | None = None, path: Path = TOPICS_FILE) -> list[GoldTopic]:
    memo = memo or edition.memorandum()
    order = [s.id for s in load_sentences(memo)]
    allowed = speakers_allowed(memo)
    out = []
    last = -1
    for line, row in _rows(path, ["id", "start", "label", "opened_by"]):
        where = (str(path), line)
        if row["start"] not in order:
            raise SourceError(*where, f"no sentence {row['start']!r}")
        position = order.index(row["start"])
        if position <= last:
            raise SourceError(*where, f"{row['id']}: segments must start in reading order")
        if not out and position != 0:
            raise SourceError(*where, "the first segment must start at the first sentence")
        if row["opened_by"] not in allowed or not row["label"].strip():
            raise SourceError(*where, f"{row['id']}: bad opener or empty label")
        last = position
        out.append(GoldTopic(row["id"], row["start"], row["label"], row["opened_by"]))
    return out


@lru_cache(maxsize=1)
def gold() -> tuple[list[GoldSentence], list[GoldFrame], list[GoldTopic]]:
    """The edition's three gold tables, loaded and checked once per process."""
    memo = edition.memorandum()
    return load_sentences(memo), load_frames(memo), load_topics(memo)


def gold_speakers() -> dict[str, str]:
    return {s.id: s.speaker for s in gold()[0]}


def splitter_agrees(memo: Memorandum | None = None) -> list[str]:
    """Ids where the automatic splitter's inventory differs from the gold (empty: agrees)."""
    memo = memo or edition.memorandum()
    auto = [(s.id, s.text) for s in split_memorandum(memo)]
    ref = [(s.id, s.text) for s in gold()[0]]
    return sorted({i for i, _ in set(auto) ^ set(ref)})
