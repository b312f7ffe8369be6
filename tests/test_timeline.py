"""The timeline of events the conversation refers to: the data file, the table and the chart."""

from __future__ import annotations

from datetime import date

import pytest

from analysis import timeline
from analysis.timeline import COLUMNS, TimelineError, parse_rows


def row(**values) -> dict[str, str]:
    base = dict.fromkeys(COLUMNS, "")
    base.update(
        date="1980-03-20",
        precision="day",
        event="Meeting",
        kind="This conversation",
        paragraphs="1;31",
        source="frus1977-80v06",
    )
    base.update(values)
    return base


def test_rows_are_parsed_and_sorted():
    events = parse_rows([row(date="1980-03-20"), row(date="1972-05-08", paragraphs="3")])
    assert [e.start for e in events] == [date(1972, 5, 8), date(1980, 3, 20)]
    assert events[1].paragraphs == (1, 31)


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"date": "20 March 1980"}, "Invalid isoformat"),
        ({"end_date": "1980-01-01"}, "ends before"),
        ({"precision": "week"}, "precision"),
        ({"source": ""}, "required"),
        ({"paragraphs": "33"}, "outside"),
    ],
)
def test_bad_rows_are_refused(bad, message):
    with pytest.raises(TimelineError, match=message):
        parse_rows([row(**bad)], paragraph_count=32)


def test_dates_shown_no_more_precise_than_the_source():
    year, month, span = parse_rows(
        [
            row(date="1964-01-01", end_date="1966-12-31", precision="year"),
            row(date="1977-07-01", end_date="1978-03-31", precision="month"),
            row(date="1972-05-22", end_date="1972-05-30"),
        ]
    )
    assert {year.when, month.when, span.when} == {
        "1964 – 1966",
        "July 1977 – March 1978",
        "22 May 1972 – 30 May 1972",
    }


@pytest.fixture(scope="module")
def events(real_memo):
    return timeline.load_events(paragraph_count=len(real_memo.blocks))


REQUIRED = [
    ("Brement", 1964),
    ("Haiphong", 1972),
    ("Moscow Summit", 1972),
    ("Prevention of Nuclear War", 1973),
    ("Angola", 1975),
    ("Ethiopia", 1977),
    ("Cambodia", 1978),
    ("Daoud", 1978),
    ("Afghanistan", 1979),
    ("address", 1980),
    ("State of the Union", 1980),
    ("meet at the Soviet Embassy", 1980),
]


@pytest.mark.parametrize("words, year", REQUIRED)
def test_required_events_are_in_the_file(events, words, year):
    assert any(words in e.event and e.start.year == year for e in events), words


def test_every_source_resolves(events, repo_root):
    bib = (repo_root / "references.bib").read_text(encoding="utf-8")
    for e in events:
        assert e.source.startswith("https://") or f"{{{e.source}," in bib, e.event


def test_the_meeting_is_dated_20_march_1980(events):
    meeting = [e for e in events if e.kind == "This conversation"]
    assert meeting[0].start == date(1980, 3, 20)


def test_chart_has_title_alt_text_and_fits_the_page(events):
    chart = timeline.timeline_chart(events)
    spec = chart.to_dict()
    assert spec["title"]["text"].startswith("Events the conversation")
    assert len(spec["description"]) > 40
    assert spec["width"] + 340 <= 600
    encodings = [layer["encoding"] for layer in spec["layer"]]
    assert all(enc["x"]["title"] == "Date" for enc in encodings)
    assert len(spec["datasets"][next(iter(spec["datasets"]))]) == len(events)


def test_table_has_one_row_per_event(events):
    table = timeline.timeline_table(events)
    assert len(table) == len(events)
    assert {"when", "event", "paragraphs", "source"} <= set(table.columns)


@pytest.mark.parametrize(
    "source, shown",
    [
        ("garthoff1994detente", "garthoff1994detente"),
        (
            "https://history.state.gov/historicaldocuments/frus1969-76v08/d136",
            "FRUS frus1969-76v08/d136",
        ),
        ("https://www.presidency.ucsb.edu/documents/meet-the-press", "presidency.ucsb.edu"),
    ],
)
def test_sources_are_shortened_for_the_table(source, shown):
    assert timeline.short_source(source) == shown
