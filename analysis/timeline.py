"""The events the conversation refers to, as a table and as a chart.

``data/registers/timeline.csv`` holds one event a row: its date (and end date for a span),
the precision of the date, a short description, a kind, the memorandum's paragraphs that
refer to it (``3;4``) and a source (a key of ``references.bib`` or a URL). This module loads
and checks it and draws it; it knows nothing of Sphinx.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .edition import DATA

TIMELINE_FILE = DATA / "registers" / "timeline.csv"
COLUMNS = (
    "date",
    "end_date",
    "precision",
    "event",
    "kind",
    "paragraphs",
    "source",
    "source_detail",
)
PRECISIONS = ("day", "month", "year")
CHART_WIDTH = 560  # px: fits the text column and the PDF page
ROW_HEIGHT = 22


@dataclass(frozen=True)
class Event:
    start: date
    end: date | None
    precision: str
    event: str
    kind: str
    paragraphs: tuple[int, ...]
    source: str
    source_detail: str = ""

    @property
    def when(self) -> str:
        """The date as a reader should see it, no more precise than the source allows."""

        def show(d: date) -> str:
            if self.precision == "year":
                return str(d.year)
            if self.precision == "month":
                return d.strftime("%B %Y")
            return f"{d.day} {d:%B %Y}"

        if self.end is None or show(self.start) == show(self.end):
            return show(self.start)
        return f"{show(self.start)} – {show(self.end)}"


class TimelineError(ValueError):
    """A row of the timeline breaks one of the file's rules."""


def parse_rows(rows: list[dict[str, str]], paragraph_count: int | None = None) -> tuple[Event, ...]:
    """Check and convert the CSV rows; the events come back in date order."""
    events = []
    for line, row in enumerate(rows, start=2):
        if tuple(row) != COLUMNS:
            raise TimelineError(f"line {line}: columns must be {', '.join(COLUMNS)}")
        try:
            start = date.fromisoformat(row["date"])
            end = date.fromisoformat(row["end_date"]) if row["end_date"] else None
        except ValueError as error:
            raise TimelineError(f"line {line}: {error}") from None
        if end is not None and end < start:
            raise TimelineError(f"line {line}: ends before it starts")
        if row["precision"] not in PRECISIONS:
            raise TimelineError(f"line {line}: precision must be one of {PRECISIONS}")
        if not row["event"].strip() or not row["kind"].strip() or not row["source"].strip():
            raise TimelineError(f"line {line}: event, kind and source are required")
        paragraphs = tuple(int(p) for p in row["paragraphs"].split(";") if p.strip())
        if paragraph_count is not None and any(not 1 <= p <= paragraph_count for p in paragraphs):
            raise TimelineError(f"line {line}: paragraphs {paragraphs} outside 1-{paragraph_count}")
        events.append(
            Event(
                start,
                end,
                row["precision"],
                row["event"],
                row["kind"],
                paragraphs,
                row["source"],
                row["source_detail"],
            )
        )
    return tuple(sorted(events, key=lambda e: (e.start, e.end or e.start)))


def load_events(
    path: Path = TIMELINE_FILE, paragraph_count: int | None = None
) -> tuple[Event, ...]:
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return parse_rows(list(csv.DictReader(handle)), paragraph_count)


def short_source(source: str) -> str:
    """A source as a table can show it: a bibliography key as is, a FRUS address as its
    volume and document ("FRUS frus1969-76v08/d136"), another address by its site."""
    if not source.startswith(("http://", "https://")):
        return source
    host, _, path = source.split("://", 1)[1].partition("/")
    if host == "history.state.gov" and path.startswith("historicaldocuments/"):
        return "FRUS " + path.removeprefix("historicaldocuments/")
    return host.removeprefix("www.")


def timeline_table(events: tuple[Event, ...] | None = None):
    """The events as a DataFrame, one row each, for display and for the chart."""
    import pandas as pd

    events = load_events() if events is None else events
    return pd.DataFrame(
        {
            "start": [pd.Timestamp(e.start) for e in events],
            "end": [pd.Timestamp(e.end or e.start) for e in events],
            "when": [e.when for e in events],
            "event": [e.event for e in events],
            "kind": [e.kind for e in events],
            "paragraphs": [", ".join(f"¶{p}" for p in e.paragraphs) or "—" for e in events],
            "source": [
                short_source(e.source) + (f" ({e.source_detail})" if e.source_detail else "")
                for e in events
            ],
        }
    )


def timeline_chart(events: tuple[Event, ...] | None = None):
    """A dot-and-bar chart: one row per event in date order, spans drawn as bars."""
    import altair as alt

    table = timeline_table(events)
    order = list(table["event"])
    y = alt.Y("event:N", sort=order, title=None, axis=alt.Axis(labelLimit=330, labelFontSize=10))
    x = alt.X("start:T", title="Date", axis=alt.Axis(format="%Y", tickCount="year"))
    color = alt.Color(
        "kind:N", title="Kind of event", legend=alt.Legend(orient="bottom", columns=3)
    )
    tooltip = ["when:N", "event:N", "kind:N", "paragraphs:N", "source:N"]
    base = alt.Chart(table)
    spans = base.mark_bar(height=8).encode(x=x, x2="end:T", y=y, color=color, tooltip=tooltip)
    points = base.mark_point(filled=True, size=60).encode(x=x, y=y, color=color, tooltip=tooltip)
    return (spans + points).properties(
        width=CHART_WIDTH - 340,
        height=ROW_HEIGHT * len(table),
        title=alt.Title(
            "Events the conversation of 20 March 1980 refers to",
            subtitle="One row per event, in date order; bars mark spans",
        ),
        description=(
            "Timeline of the events named in Brement's memorandum of 20 March 1980, from "
            "Brement's Moscow posting in the mid-1960s through the first Moscow Summit, the "
            "interventions in Angola, Ethiopia, Cambodia and Afghanistan, and Carter's "
            "January 1980 speeches, to the meeting itself."
        ),
    )
