"""What every check shares: the :class:`Problem` it reports and the :class:`Book` it reads."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from . import myst

SOURCE_SUFFIXES = (".md", ".ipynb", ".rst")


@dataclass(frozen=True, order=True)
class Problem:
    """One failure, printed as ``path:line: message (fix: …)``."""

    path: str
    line: int
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} (fix: {self.fix})"


@dataclass(frozen=True)
class TocEntry:
    docname: str  # as written in _toc.yml, e.g. "chapters/turns"
    line: int  # its line in _toc.yml
    key: str  # "root" or "file"


class Book:
    """The book under ``root``: its table of contents, chapters, bibliography and labels.

    Everything is read lazily from the files, so a check can run on a copy of the
    repository (the tests do) and a broken file fails one check, not all of them.
    """

    def __init__(self, root: Path | str):
        self.root = Path(root).resolve()
        self.toc_path = self.root / "_toc.yml"
        self.errors: list[Problem] = []  # files the checks could not read at all

    # -- paths -----------------------------------------------------------------------------
    def rel(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def source_for(self, docname: str) -> Path | None:
        """The file a docname ("chapters/turns") stands for, if it exists."""
        base = self.root / docname
        if base.suffix in SOURCE_SUFFIXES and base.is_file():
            return base
        for suffix in SOURCE_SUFFIXES:
            candidate = base.with_name(base.name + suffix)
            if candidate.is_file():
                return candidate
        return None

    @staticmethod
    def docname_of(entry: str) -> str:
        for suffix in SOURCE_SUFFIXES:
            if entry.endswith(suffix):
                return entry[: -len(suffix)]
        return entry

    # -- configuration ---------------------------------------------------------------------
    @cached_property
    def config(self) -> dict:
        path = self.root / "_config.yml"
        try:
            return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as error:
            self.errors.append(
                Problem(
                    "_config.yml",
                    1,
                    f"cannot read the book's configuration: {error}",
                    "restore a valid _config.yml",
                )
            )
            return {}

    @cached_property
    def toc_entries(self) -> list[TocEntry]:
        """Every ``root:`` and ``file:`` of ``_toc.yml``, with its line."""
        try:
            node = yaml.compose(self.toc_path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as error:
            line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
            self.errors.append(
                Problem(
                    "_toc.yml",
                    line,
                    f"cannot read the table of contents: {error}".replace("\n", " "),
                    "make _toc.yml valid YAML (see the Jupyter Book _toc.yml format)",
                )
            )
            return []
        entries: list[TocEntry] = []

        def walk(n: yaml.Node) -> None:
            if isinstance(n, yaml.MappingNode):
                for key, value in n.value:
                    if key.value in ("root", "file") and isinstance(value, yaml.ScalarNode):
                        entries.append(TocEntry(value.value, value.start_mark.line + 1, key.value))
                    else:
                        walk(value)
            elif isinstance(n, yaml.SequenceNode):
                for item in n.value:
                    walk(item)

        if node is not None:
            walk(node)
        return entries

    @cached_property
    def docnames(self) -> set[str]:
        return {self.docname_of(e.docname) for e in self.toc_entries}

    @cached_property
    def documents(self) -> list[myst.Document]:
        """The chapters listed in the table of contents that exist, read once."""
        docs, seen = [], set()
        for entry in self.toc_entries:
            path = self.source_for(entry.docname)
            if path is None or path.suffix != ".md" or path in seen:
                continue
            seen.add(path)
            docs.append(myst.read(path, self.rel(path)))
        return docs

    def document(self, docname: str) -> myst.Document | None:
        path = self.source_for(docname)
        return next((d for d in self.documents if d.path == path), None)

    # -- what the chapters may point to ----------------------------------------------------
    @cached_property
    def bib_entries(self) -> list[tuple[str, str, int]]:
        """Every entry of the bibliography files: (key, file, line)."""
        files = self.config.get("bibtex_bibfiles") or ["references.bib"]
        entries = []
        for name in files:
            path = self.root / name
            if path.is_file():
                text = path.read_text(encoding="utf-8")
                for m in re.finditer(r"^\s*@\w+\s*\{\s*([^,\s]+)\s*,", text, re.M):
                    entries.append((m.group(1), self.rel(path), text.count("\n", 0, m.start()) + 1))
        return entries

    @cached_property
    def bib_keys(self) -> set[str]:
        return {key for key, _, _ in self.bib_entries}

    @cached_property
    def memorandum_blocks(self) -> int:
        """The number of blocks of the edition's memorandum: labels memo-p1 … memo-pN."""
        from .. import edition
        from ..frus_text import parse_file

        path = self.root / "data" / "raw" / f"{edition.DOCUMENT}.txt"
        if path.is_file():
            return len(parse_file(path, volume=edition.VOLUME).blocks)
        return 0

    @cached_property
    def extension_labels(self) -> dict[str, str]:
        """Labels that the memorandum extension defines, with where they come from."""
        labels: dict[str, str] = {}
        uses_memo = any(
            d.name == "memo-paragraphs" for doc in self.documents for d in doc.directives
        )
        if uses_memo:
            for n in range(1, self.memorandum_blocks + 1):
                labels[f"memo-p{n}"] = "a paragraph of the memorandum"
        for doc in self.documents:
            for d in doc.directives:
                if d.name == "memo-comment":
                    m = re.match(r"(\d+)", d.argument)
                    if m:
                        labels[f"memo-c{m.group(1)}"] = "a commentary block"
                if d.name == "person-register":
                    for pid in self.person_ids:
                        labels[f"person-{pid}"] = "an entry of the persons register"
        # Sphinx's own.
        for name in ("genindex", "modindex", "search"):
            labels[name] = "a Sphinx index page"
        return labels

    @cached_property
    def register_entries(self) -> list[dict]:
        """The persons register's entries, read leniently (its own tests validate it)."""
        path = self.root / "data" / "registers" / "persons.yml"
        if not path.is_file():
            return []
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if isinstance(data, dict):  # {persons: [...]} or {id: {...}}
            data = data.get("persons", [{"id": k} for k in data])
        return [p for p in data if isinstance(p, dict) and "id" in p]

    @cached_property
    def person_ids(self) -> list[str]:
        return [str(p["id"]) for p in self.register_entries]

    @cached_property
    def cited_keys(self) -> set[str]:
        """Every key the book cites: ``{cite}`` roles in the chapters, and the sources of the
        persons register, which its generated page cites."""
        keys = {
            key.strip()
            for doc in self.documents
            for role in doc.roles
            if role.name == "cite" or role.name.startswith("cite:")
            for key in role.content.split(",")
        }
        if any(d.name == "person-register" for doc in self.documents for d in doc.directives):
            keys |= {str(p.get("source", "")) for p in self.register_entries}
        return keys - {""}

    @cached_property
    def labels(self) -> dict[str, list[tuple[str, int]]]:
        """``(label)=`` targets in the chapters: label -> [(file, line), …]."""
        found: dict[str, list[tuple[str, int]]] = {}
        for doc in self.documents:
            for label, line in doc.labels:
                found.setdefault(label, []).append((doc.rel, line))
        return found

    @cached_property
    def glossary_entries(self) -> list[tuple[str, str, int]] | None:
        """Every term of every ``{glossary}`` in the book: (term, file, line); None if the
        book has no glossary."""
        entries: list[tuple[str, str, int]] | None = None
        for doc in self.documents:
            for d in doc.directives:
                if d.name != "glossary":
                    continue
                entries = entries or []
                end = (d.end_line or d.line) - 1
                for number, text in enumerate(doc.text.split("\n")[d.line : end], d.line + 1):
                    if text.strip() and not text[0].isspace() and not myst.OPTION.match(text):
                        entries.append((text.strip(), doc.rel, number))
        return entries

    @cached_property
    def glossary_terms(self) -> set[str] | None:
        """Lower-cased terms of every ``{glossary}`` in the book; None if there is none."""
        if self.glossary_entries is None:
            return None
        return {term.lower() for term, _, _ in self.glossary_entries}
