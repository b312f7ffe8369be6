"""A memorandum's blocks as a table, their lengths as named facts and as a chart.

The worked example behind ``templates/chapter.md`` (``make new-chapter``): the three kinds of
function a chapter calls, each small and tested. They take any parsed memorandum, so a
chapter can run them on a second document (``analysis.parse_file``) as well as on this
edition's (``analysis.edition.memorandum()``, the default).
"""

from __future__ import annotations

from statistics import median

import pandas as pd

from . import edition
from .markings import marking_label
from .model import Memorandum


def block_table(memo: Memorandum | None = None) -> pd.DataFrame:
    """One row per block: its number, words, portion marking and page breaks."""
    memo = memo or edition.memorandum()
    return pd.DataFrame(
        [
            {
                "block": block.n,
                "words": block.words,
                "marking": marking_label(block),
                "page_breaks": len(block.page_breaks),
            }
            for block in memo.blocks
        ],
        columns=["block", "words", "marking", "page_breaks"],
    )


def block_facts(memo: Memorandum | None = None) -> dict[str, object]:
    """Named facts about the blocks' lengths, for ``{glue:text}``."""
    table = block_table(memo)
    longest = table.loc[table["words"].idxmax()]
    return {
        "block_count": len(table),
        "block_words_median": float(median(table["words"])),
        "longest_block": f"¶{longest['block']}",
        "longest_block_words": int(longest["words"]),
    }


def chart_block_lengths(table: pd.DataFrame):
    """Words per block in reading order: a bar chart with a title and alt text."""
    import altair as alt

    return (
        alt.Chart(table)
        .mark_bar()
        .encode(
            x=alt.X("block:O", title="Block (¶)"),
            y=alt.Y("words:Q", title="Words"),
            tooltip=["block:O", "words:Q", "marking:N"],
        )
        .properties(
            width=440,
            height=180,
            title="Length of each block",
            description=(
                "Bar chart: one bar per block of the memorandum in reading order, its height "
                "the number of words in the block."
            ),
        )
    )
