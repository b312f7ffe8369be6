"""The persons register: who is named in the memorandum, and where.

The register (``data/registers/persons.yml``) lists each person once, with the forms in which
the memorandum and FRUS's notes name him ("Dr. Brzezinski", "President Carter", "the King"),
his role at the time, dates and a source. :func:`find_mentions` finds those forms in a text,
so that the book can link every mention to its register entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .edition import DATA

REGISTER_FILE = DATA / "registers" / "persons.yml"
REQUIRED_FIELDS = ("id", "name", "forms", "role", "dates", "bio", "source")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    forms: tuple[str, ...]
    role: str  # the role at the time of the memorandum (or of the events it refers to)
    dates: str
    bio: str
    source: str  # a key of references.bib, or an authoritative URL
    source_detail: str = ""  # e.g. a document number or page, printed after the source
    exclude: tuple[
        str, ...
    ] = ()  # phrases in which a form does not name the person ("Carter Library")

    @property
    def anchor(self) -> str:
        """The HTML id of the register entry, and its ``{ref}`` label."""
        return f"person-{self.id}"

    @property
    def hover(self) -> str:
        """The one-line preview shown when a mention is hovered: name and role."""
        return f"{self.name}: {self.role}"


@dataclass(frozen=True)
class Mention:
    """A person named at ``start:end`` of a text, in the form ``form``."""

    start: int
    end: int
    person: str  # the person's id
    form: str


class RegisterError(ValueError):
    """The register file breaks one of its rules."""


def parse_register(entries: list[dict]) -> tuple[Person, ...]:
    """Validate the register's entries and build the persons, in file order."""
    persons: list[Person] = []
    seen_ids: set[str] = set()
    seen_forms: dict[str, str] = {}
    for index, entry in enumerate(entries, start=1):
        missing = [name for name in REQUIRED_FIELDS if not entry.get(name)]
        if missing:
            raise RegisterError(f"entry {index}: missing {', '.join(missing)}")
        pid = entry["id"]
        if not ID_PATTERN.match(pid):
            raise RegisterError(
                f"entry {index}: id {pid!r} is not lower-case letters, digits, hyphens"
            )
        if pid in seen_ids:
            raise RegisterError(f"entry {index}: duplicate id {pid!r}")
        seen_ids.add(pid)
        forms = tuple(entry["forms"])
        for form in forms:
            if form in seen_forms:
                raise RegisterError(f"form {form!r} belongs to both {seen_forms[form]} and {pid}")
            seen_forms[form] = pid
        persons.append(
            Person(
                id=pid,
                name=entry["name"],
                forms=forms,
                role=entry["role"],
                dates=str(entry["dates"]),
                bio=entry["bio"],
                source=entry["source"],
                source_detail=entry.get("source_detail", ""),
                exclude=tuple(entry.get("exclude", ())),
            )
        )
    return tuple(persons)


@lru_cache(maxsize=4)
def load_register(path: Path = REGISTER_FILE) -> tuple[Person, ...]:
    return parse_register(yaml.safe_load(Path(path).read_text(encoding="utf-8")))


def by_id(persons: tuple[Person, ...]) -> dict[str, Person]:
    return {p.id: p for p in persons}


@lru_cache(maxsize=16)
def _pattern(forms: tuple[tuple[str, str], ...]) -> re.Pattern:
    # Longest form first: at a given position the alternation takes the first that matches,
    # so "President Carter" wins over "Carter" and "Dr. Brzezinski" over "Brzezinski".
    ordered = sorted(forms, key=lambda item: (-len(item[0]), item[0]))
    alternatives = "|".join(re.escape(form) for form, _ in ordered)
    # Whole words only: not inside "Carterism" or "Johnsons"; a possessive ("Daoud’s",
    # "Daoud's") or punctuation may follow.
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])")


def excluded_spans(text: str, persons: tuple[Person, ...]) -> list[tuple[int, int]]:
    """Where a phrase stands in which a form names something else ("Carter Library")."""
    return [
        (m.start(), m.end())
        for p in persons
        for phrase in p.exclude
        for m in re.finditer(rf"(?<![\w]){re.escape(phrase)}(?![\w])", text)
    ]


def find_mentions(text: str, persons: tuple[Person, ...]) -> list[Mention]:
    """Every mention of a registered person in ``text``, left to right, not overlapping;
    a form inside one of the person's ``exclude`` phrases is not a mention."""
    owner = {form: p.id for p in persons for form in p.forms}
    if not owner:
        return []
    pattern = _pattern(tuple(sorted(owner.items())))
    skip = excluded_spans(text, persons)
    return [
        Mention(m.start(), m.end(), owner[m.group()], m.group())
        for m in pattern.finditer(text)
        if not any(s <= m.start() and m.end() <= e for s, e in skip)
    ]


def surnames(persons: tuple[Person, ...]) -> set[str]:
    """The last word of every form that is a name ("Carter", "Brzezinski"), for checking
    that no capitalised name in a text is left unlinked."""
    words = set()
    for person in persons:
        for form in person.forms:
            last = form.split()[-1]
            if last[:1].isupper() and last not in {"President", "King"}:
                words.add(last)
    return words


def unlinked_names(text: str, persons: tuple[Person, ...]) -> list[tuple[int, str]]:
    """Capitalised words of ``text`` that are a registered surname but fall outside every
    mention: names the register's forms fail to catch."""
    covered = [(m.start, m.end) for m in find_mentions(text, persons)]
    covered += excluded_spans(text, persons)
    names = surnames(persons)
    out = []
    for match in re.finditer(r"[A-Z][\w-]+", text):
        if match.group() in names and not any(s <= match.start() < e for s, e in covered):
            out.append((match.start(), match.group()))
    return out
