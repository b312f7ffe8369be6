"""The persons register and the mention finder that links names in the memorandum to it."""

from __future__ import annotations

import pytest

from analysis import persons
from analysis.persons import Person, RegisterError, find_mentions, parse_register, unlinked_names


def person(pid: str, *forms: str) -> Person:
    return Person(
        id=pid, name=pid.title(), forms=forms, role="role", dates="d", bio="b", source="s"
    )


PEOPLE = (
    person("carter", "President Carter", "Carter", "the President", "The President"),
    person("brzezinski", "Dr. Brzezinski", "Brzezinski"),
    person("daoud", "Daoud"),
    person("johnson", "Johnson"),
    person("nixon", "Nixon"),
)


def spans(text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.person) for m in find_mentions(text, PEOPLE)]


def test_longest_form_wins():
    assert spans("It is our prediction that President Carter will be nominated") == [
        ("President Carter", "carter")
    ]
    assert spans("that Dr. Brzezinski will be a part") == [("Dr. Brzezinski", "brzezinski")]


def test_shorter_form_alone_and_inside_a_phrase():
    assert spans("for the Carter administration, and") == [("Carter", "carter")]
    assert spans("Brzezinski said") == [("Brzezinski", "brzezinski")]


@pytest.mark.parametrize(
    "text", ["Daoud’s killers", "Daoud's killers", "Daoud—and", "(Daoud)", "Daoud."]
)
def test_possessives_and_punctuation_keep_the_name(text):
    assert spans(text) == [("Daoud", "daoud")]


@pytest.mark.parametrize("text", ["Carterism", "Johnsons", "McNixon", "Daouds", "Presidents"])
def test_whole_words_only(text):
    assert spans(text) == []


def test_two_names_in_a_row_and_offsets():
    text = "both Presidents Johnson and Nixon clearly desired"
    found = find_mentions(text, PEOPLE)
    assert [(m.person, m.form) for m in found] == [("johnson", "Johnson"), ("nixon", "Nixon")]
    for m in found:
        assert text[m.start : m.end] == m.form


def test_the_president_capitalised_or_not():
    assert spans("The President has said") == [("The President", "carter")]
    assert spans("in the President’s January 4 speech") == [("the President", "carter")]


def test_excluded_phrases_are_not_mentions():
    carter = Person(
        id="carter",
        name="C",
        forms=("Carter",),
        role="r",
        dates="d",
        bio="b",
        source="s",
        exclude=("Carter Library",),
    )
    text = "Source: Carter Library, Box 79. Carter said"
    assert [(m.start, m.form) for m in find_mentions(text, (carter,))] == [(32, "Carter")]
    assert unlinked_names(text, (carter,)) == []


def test_forms_are_case_sensitive():
    assert spans("the carter of goods") == []


def test_unlinked_names_reports_a_surname_outside_every_form():
    people = (person("brzezinski", "Dr. Brzezinski"),)
    assert unlinked_names("Dr. Brzezinski and Brzezinski", people) == [(19, "Brzezinski")]


def test_register_rules():
    good = {
        "id": "x",
        "name": "X",
        "forms": ["X"],
        "role": "r",
        "dates": "d",
        "bio": "b",
        "source": "s",
    }
    assert parse_register([good])[0].anchor == "person-x"
    with pytest.raises(RegisterError, match="missing"):
        parse_register([{**good, "source": ""}])
    with pytest.raises(RegisterError, match="duplicate"):
        parse_register([good, {**good, "forms": ["Y"]}])
    with pytest.raises(RegisterError, match="belongs to both"):
        parse_register([good, {**good, "id": "y"}])
    with pytest.raises(RegisterError, match="lower-case"):
        parse_register([{**good, "id": "X"}])


# --- the real register against the real memorandum -----------------------------------------


@pytest.fixture(scope="module")
def register():
    return persons.load_register()


def texts(memo):
    yield "participants", " ".join(p.text for p in memo.participants)
    for block in memo.blocks:
        yield f"¶{block.n}", block.text
    for note in memo.notes:
        yield f"note {note.n}", note.text


REQUIRED = {
    "bessmertnykh",
    "brement",
    "gromyko",
    "korniyenko",
    "dobrynin",
    "brzezinski",
    "carter",
    "vance",
    "turner",
    "johnson",
    "nixon",
    "daoud",
}


def test_register_has_the_required_persons(register):
    assert {p.id for p in register} >= REQUIRED


def test_every_register_entry_is_mentioned(register, real_memo):
    mentioned = {m.person for _, text in texts(real_memo) for m in find_mentions(text, register)}
    assert {p.id for p in register} - mentioned == set(), "register entries never mentioned"


def test_every_registered_surname_in_the_text_resolves(register, real_memo):
    misses = [
        (where, name)
        for where, text in texts(real_memo)
        for _, name in unlinked_names(text, register)
    ]
    assert misses == []


def test_the_archive_is_not_the_president(register, real_memo):
    assert all(m.person != "carter" for m in find_mentions(real_memo.note(1).text, register))


def test_every_participant_is_in_the_register(register, real_memo):
    for participant in real_memo.participants:
        assert find_mentions(participant.text, register), participant.text


def test_register_sources_exist(register, repo_root):
    bib = (repo_root / "references.bib").read_text(encoding="utf-8")
    for p in register:
        assert p.source.startswith("https://") or f"{{{p.source}," in bib, p.id


def test_no_mention_straddles_a_cut(register, real_memo):
    """Names are linked between page breaks and note numbers: none may span one."""
    for block in real_memo.blocks:
        cuts = [r.offset for r in block.footnote_refs] + [b.offset for b in block.page_breaks]
        for m in find_mentions(block.text, register):
            assert not any(m.start < c < m.end for c in cuts), (block.n, m)
