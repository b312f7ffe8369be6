"""Create a chapter from templates/chapter.md and list it in _toc.yml.

    make new-chapter NAME=reported-speech TITLE="How the author reports speech"
    python scripts/new_chapter.py NAME TITLE [--root DIR]

NAME becomes ``chapters/NAME.md`` and the chapter's label ``(NAME)=``; the entry goes at the
end of the part "Contributed chapters" of ``_toc.yml``, which is created after the
"Analyses" part if it does not exist yet. ``_toc.yml`` is edited as text, so its comments
and layout stay as they are, and both files are written atomically: on any error nothing
is changed. An existing chapter is never overwritten. Errors are printed as
``file:line: message`` (or ``new-chapter: message``) with exit status 2.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path("templates") / "chapter.md"
TOC = Path("_toc.yml")
PART = "Contributed chapters"
AFTER_PART = "Analyses"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EXIT_BAD_INPUT = 2


class ScaffoldError(Exception):
    """A problem with the input, reported as ``where: message``."""

    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}")


def validate(name: str, title: str) -> tuple[str, str]:
    example = 'make new-chapter NAME=reported-speech TITLE="How the author reports speech"'
    if not name:
        raise ScaffoldError("new-chapter", f"NAME is missing; for example: {example}")
    if not SLUG.match(name) or len(name) > 60:
        raise ScaffoldError(
            "new-chapter",
            f"NAME {name!r} is not a slug: use lower-case letters, digits and single hyphens "
            "(at most 60 characters), e.g. reported-speech",
        )
    title = title.strip()
    if not title:
        raise ScaffoldError("new-chapter", f"TITLE is missing; for example: {example}")
    if "\n" in title or "`" in title or title.startswith(("#", "%")) or len(title) > 120:
        raise ScaffoldError(
            "new-chapter",
            "TITLE must be one line of plain text (no backticks, not starting with # or %, "
            "at most 120 characters)",
        )
    return name, title


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content(line: str) -> bool:
    return bool(line.strip()) and not line.lstrip().startswith("#")


def insert_into_toc(text: str, entry: str) -> tuple[str, int]:
    """``text`` with ``- file: ENTRY`` added to the part PART; and the entry's line."""
    lines = text.split("\n")
    for n, line in enumerate(lines, 1):
        if re.match(rf"^\s*-?\s*file:\s*['\"]?{re.escape(entry)}(?:\.md)?['\"]?\s*(?:#.*)?$", line):
            raise ScaffoldError(f"{TOC}:{n}", f"{entry} is already listed")
    parts_at = next((i for i, line in enumerate(lines) if re.match(r"^parts:\s*$", line)), None)
    if parts_at is None:
        raise ScaffoldError(
            f"{TOC}:1", "no 'parts:' list to add the chapter to; add it by hand under a part"
        )
    # The parts: items at the first item's indentation, each a block [start, end).
    items = [
        i
        for i in range(parts_at + 1, len(lines))
        if re.match(r"^\s*- ", lines[i]) and _content(lines[i])
    ]
    if not items:
        raise ScaffoldError(f"{TOC}:{parts_at + 1}", "'parts:' is empty")
    part_indent = _indent(lines[items[0]])
    starts = [i for i in items if _indent(lines[i]) == part_indent]
    blocks = []
    for k, start in enumerate(starts):
        limit = starts[k + 1] if k + 1 < len(starts) else len(lines)
        end = start + 1
        for i in range(start + 1, limit):
            if _content(lines[i]):
                if _indent(lines[i]) <= part_indent:
                    break
                end = i + 1
        caption = None
        for i in range(start, end):
            m = re.match(r"^\s*(?:- )?caption:\s*['\"]?(.*?)['\"]?\s*$", lines[i])
            if m:
                caption = m.group(1)
                break
        blocks.append((start, end, caption))

    def entry_indent(start: int, end: int) -> int | None:
        for i in range(start, end):
            if re.match(r"^\s*- file:", lines[i]):
                return _indent(lines[i])
        return None

    for start, end, caption in blocks:
        if caption == PART:
            indent = entry_indent(start, end) or part_indent + 4
            lines.insert(end, " " * indent + f"- file: {entry}")
            return "\n".join(lines), end + 1

    # No such part yet: add it after AFTER_PART (else after the last part but one, so that a
    # closing part such as the bibliography stays last; else at the end).
    after = next((b for b in blocks if b[2] == AFTER_PART), None)
    if after is None:
        after = blocks[-2] if len(blocks) > 1 else blocks[-1]
    start, end, _ = after
    key_indent = next(
        (_indent(lines[i]) for i in range(start, end) if re.match(r"^\s*chapters:", lines[i])),
        part_indent + 2,
    )
    indent = entry_indent(start, end) or key_indent + 2
    new = [
        " " * part_indent + f"- caption: {PART}",
        " " * key_indent + "chapters:",
        " " * indent + f"- file: {entry}",
    ]
    lines[end:end] = new
    return "\n".join(lines), end + 3


def _write_atomic(path: Path, text: str, *, exclusive: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same directory; with
    ``exclusive``, fail with FileExistsError instead of replacing an existing file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)
        if exclusive:
            os.link(tmp, path)  # atomic, and refuses to replace
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def new_chapter(root: Path, name: str, title: str) -> tuple[Path, int]:
    """Create ``chapters/NAME.md`` and its ``_toc.yml`` entry; return the file and the line."""
    name, title = validate(name, title)
    chapter = root / "chapters" / f"{name}.md"
    rel = chapter.relative_to(root).as_posix()
    if chapter.exists():
        raise ScaffoldError(
            f"{rel}:1", "already exists; new-chapter never overwrites: choose another NAME"
        )
    for other in sorted((root / "chapters").glob("*.md")):
        for n, line in enumerate(other.read_text(encoding="utf-8").split("\n"), 1):
            if line.strip() == f"({name})=":
                raise ScaffoldError(
                    f"{other.relative_to(root).as_posix()}:{n}",
                    f"the label '{name}' is already defined here: choose another NAME",
                )
    template = root / TEMPLATE
    if not template.is_file():
        raise ScaffoldError(f"{TEMPLATE}", "the chapter template is missing")
    toc_path = root / TOC
    if not toc_path.is_file():
        raise ScaffoldError(f"{TOC}", "the table of contents is missing")
    toc_text = toc_path.read_text(encoding="utf-8")
    new_toc, line = insert_into_toc(toc_text, f"chapters/{name}")
    try:
        parsed = yaml.safe_load(new_toc)
    except yaml.YAMLError as error:
        raise ScaffoldError(
            f"{TOC}:{line}", f"the edited file would not be valid YAML: {error}"
        ) from None
    if f"chapters/{name}" not in _files(parsed):
        raise ScaffoldError(f"{TOC}:{line}", "could not add the entry; add it by hand")
    body = (
        template.read_text(encoding="utf-8").replace("__NAME__", name).replace("__TITLE__", title)
    )
    try:
        _write_atomic(chapter, body, exclusive=True)
    except FileExistsError:
        raise ScaffoldError(f"{rel}:1", "already exists; new-chapter never overwrites") from None
    try:
        _write_atomic(toc_path, new_toc)
    except BaseException:
        chapter.unlink()
        raise
    return chapter, line


def _files(node) -> list[str]:
    if isinstance(node, dict):
        found = [str(v) for k, v in node.items() if k in ("file", "root")]
        return found + [f for v in node.values() for f in _files(v)]
    if isinstance(node, list):
        return [f for v in node for f in _files(v)]
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="new_chapter.py", description=__doc__.splitlines()[0])
    parser.add_argument("name", nargs="?", default="", help="the chapter's file name (a slug)")
    parser.add_argument("title", nargs="?", default="", help="the chapter's title")
    parser.add_argument("--root", type=Path, default=ROOT, help="the book's root")
    args = parser.parse_args(argv)
    try:
        chapter, line = new_chapter(args.root.resolve(), args.name.strip(), args.title)
    except ScaffoldError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    rel = chapter.relative_to(args.root.resolve()).as_posix()
    print(f"new-chapter: created {rel} from {TEMPLATE}")
    print(f"new-chapter: listed it in {TOC}:{line} (part '{PART}')")
    print(f"next: edit {rel}, then `make check` (seconds) and `make html` (the book)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
