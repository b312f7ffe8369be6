"""Writing the model back out in the FRUS plain-text rendering it was read from.

The round trip (source → model → source, byte for byte) is the test that the model keeps
everything the rendering says: markings, page breaks with their spacing, note numbers, notes.
It holds for the rendering's one-line-per-block form, which is what FRUS prints.
"""

from __future__ import annotations

from .model import Block, Memorandum, NoteRef, PageBreak


def with_notes_and_pages(
    text: str, refs: tuple[NoteRef, ...] = (), breaks: tuple[PageBreak, ...] = ()
) -> str:
    """``text`` with its note numbers glued back on and its inline page markers restored."""
    inserts: list[tuple[int, int, str]] = [(r.offset, 0, str(r.n)) for r in refs]
    inserts += [(b.offset, 1, f"[Page {b.page}]") for b in breaks if not b.standalone]
    spacing = {b.offset: b for b in breaks if not b.standalone}
    out, cursor = "", 0
    for offset, kind, marker in sorted(inserts):
        piece = text[cursor:offset]
        if kind == 1:
            page_break = spacing[offset]
            if not page_break.joined:
                piece = piece.removesuffix(" ")
            before, after = page_break.spacing
            marker = before + marker + after
        out += piece + marker
        cursor = offset
    return out + text[cursor:]


def block_lines(block: Block) -> list[str]:
    lines = [f"[Page {b.page}]" for b in block.page_breaks if b.standalone]
    line = with_notes_and_pages(block.text, block.footnote_refs, block.page_breaks)
    if block.marking:
        line += f" ({block.marking})"
    return lines + [line]


def header_lines(memo: Memorandum) -> list[str]:
    """The header's lines; list headings come back as (prefix-less) lines of their own."""
    items: list[str] = []  # header items so far, to pick each list's prefixes
    headings = memo.layout.header_headings or (None,) * len(memo.layout.header_order)
    lines: list[str] = []
    for kind, heading in zip(memo.layout.header_order, headings):
        if heading:
            lines.append(heading)
        list_items = _list_items(memo, kind)
        prefixes = memo.layout.header_prefixes[len(items) : len(items) + len(list_items)]
        items += list_items
        lines += [prefix + item for prefix, item in zip(prefixes, list_items)]
    return lines


def _list_items(memo: Memorandum, kind: str) -> list[str]:
    if kind == "subject":
        subject = with_notes_and_pages(memo.subject or "", memo.subject_footnote_refs)
        if memo.subject_marking:
            subject += f" ({memo.subject_marking})"
        return [subject]
    items: list[str] = []
    group = None
    for participant in memo.participants:
        entry = with_notes_and_pages(participant.text, participant.footnote_refs)
        if participant.group_inline:
            entry = f"{participant.group}: {entry}"
        elif participant.group != group:
            items.append(participant.group)
        group = participant.group
        items.append(entry)
    return items


def render_text(memo: Memorandum) -> str:
    layout = memo.layout
    lines = [with_notes_and_pages(memo.title, memo.title_footnote_refs)]
    lines += header_lines(memo)
    for block in memo.blocks:
        lines += block_lines(block)
    lines += [f"{layout.note_indent}{note.n}. {note.text}" for note in memo.notes]
    out = ""
    for line, gap in zip(lines, layout.gaps, strict=True):
        out += line + "\n" + "\n" * gap
    if not layout.final_newline:
        out = out.removesuffix("\n")
    return out.replace("\n", layout.line_ending)
