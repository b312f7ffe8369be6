"""A light reader for the book's MyST text notebooks, enough for the content checks.

It does not render anything. It splits a chapter into its parts, keeping every line number:

* the YAML front matter (``---`` … ``---`` on the first lines);
* fenced blocks: code cells and code blocks (``verbatim``: their content is not MyST) and
  directives (```` ```{name} ```` or ``:::{name}``, whose content is MyST and may nest);
* the MyST *markup* (everything that MyST parses as markdown: roles, links, labels) and,
  within it, the *prose* (what a reader reads as running text: no block quotes, math
  blocks, comments, labels, directive options or fences).

The text views keep the file's line numbers: every line that does not belong to a view is
blanked, and inline spans are masked with spaces, so an offset in a view is an offset in
the file. Limits, by design: fences must be closed by the same character (at least as many
times), roles and code spans may run over lines but not over a blank line, and indented
(four-space) code blocks are read as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# Directives whose content is code or data, not MyST.
VERBATIM = {
    "code-cell",
    "code",
    "code-block",
    "sourcecode",
    "literalinclude",
    "math",
    "raw",
    "eval-rst",
    "csv-table",
    "mermaid",
    "bibliography",
}
# Directives whose content is MyST but not running prose (kept in the markup, not in prose).
NOT_PROSE = {"glossary"}

FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
DIRECTIVE_INFO = re.compile(r"^\{(?P<name>[^}\s]+)\}\s*(?P<argument>.*)$")
OPTION = re.compile(r"^\s*:(?P<key>[\w-]+):(?:\s+(?P<value>.*))?$")
LABEL = re.compile(r"^\s*\((?P<label>[^()\s]+)\)=\s*$")
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.+?)\s*#*\s*$")
ALLOW_STATISTIC = re.compile(r"^%\s*check:\s*allow-statistic\b")

# Inline spans. No span runs over a blank line (a paragraph break).
_SPAN = r"(?:(?!\n[ \t]*\n).)"
ROLE = re.compile(
    r"\{(?P<name>[A-Za-z][\w:+.-]*)\}(?P<ticks>`+)(?P<content>" + _SPAN + r"+?)(?P=ticks)(?!`)",
    re.S,
)
CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`)" + _SPAN + r"+?(?<!`)(?P=ticks)(?!`)", re.S)
DOLLAR_MATH = re.compile(
    r"\$\$" + _SPAN + r"+?\$\$|(?<![\\$\w])\$(?![\s$])" + _SPAN + r"+?(?<![\s\\$])\$(?![\d$])",
    re.S,
)
URL = re.compile(r"<[a-zA-Z][\w+.-]*:[^>\s]*>|\b(?:https?|ftp|mailto|doi):\S+")
LINK = re.compile(
    r"(?<!\\)(?P<image>!?)\[(?P<text>[^\]]*)\]\((?P<target>[^)\s]*)(?:\s+\"[^\"]*\")?\)"
)
LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+.*$", re.M)
HTML_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")
SUBSTITUTION = re.compile(r"\{\{" + _SPAN + r"+?\}\}", re.S)


@dataclass(frozen=True)
class Role:
    """An inline role: ``{name}`content``` (``name`` as written, e.g. ``cite:p``)."""

    name: str
    content: str
    line: int

    @property
    def target(self) -> str:
        """The target of ``text <target>``, else the whole content; whitespace collapsed."""
        m = re.fullmatch(r"(?s).*<(?P<target>[^<>]+)>\s*", self.content)
        return " ".join((m.group("target") if m else self.content).split())


@dataclass
class Directive:
    """A fenced block: a directive, a code cell or a plain code block."""

    name: str  # "code-cell", "glossary", …; "" for a plain code block
    argument: str
    line: int  # the opening fence
    verbatim: bool
    fence: str
    options: dict[str, str] = field(default_factory=dict)
    body: list[tuple[int, str]] = field(default_factory=list)  # (line, text) after the options
    end_line: int | None = None

    @property
    def source(self) -> str:
        return "\n".join(text for _, text in self.body)


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    line: int


@dataclass
class Document:
    path: Path
    rel: str  # the path as reported: relative to the book's root
    text: str
    front_matter: dict | None = None
    front_matter_line: int | None = None  # the opening ---
    front_matter_error: str | None = None
    directives: list[Directive] = field(default_factory=list)
    labels: list[tuple[str, int]] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    structure_errors: list[tuple[int, str]] = field(default_factory=list)
    markup: str = ""  # the MyST-parsed text, other lines blanked
    prose: str = ""  # running prose, other lines blanked and inline code/roles/math/URLs masked
    roles: list[Role] = field(default_factory=list)
    links: list[tuple[str, str, str, int]] = field(default_factory=list)  # (!, text, target, line)

    @property
    def code_cells(self) -> list[Directive]:
        return [d for d in self.directives if d.name == "code-cell"]

    @staticmethod
    def line_of(view: str, offset: int) -> int:
        """The line of ``offset`` in one of the text views (each keeps the file's lines)."""
        return view.count("\n", 0, offset) + 1


def _mask(text: str, pattern: re.Pattern, keep_newlines: bool = True) -> str:
    def blank(m: re.Match) -> str:
        return "".join(c if c == "\n" and keep_newlines else " " for c in m.group(0))

    return pattern.sub(blank, text)


def read(path: Path, rel: str | None = None) -> Document:
    text = path.read_text(encoding="utf-8")
    return parse(text, path, rel if rel is not None else str(path))


def parse(text: str, path: Path | str = "<text>", rel: str | None = None) -> Document:
    path = Path(path)
    doc = Document(path=path, rel=rel if rel is not None else str(path), text=text)
    lines = text.split("\n")
    markup = [""] * len(lines)
    prose = [""] * len(lines)
    i = 0

    # Front matter: "---" on the first line, closed by "---" (or "...").
    if lines and lines[0].rstrip() == "---":
        for j in range(1, len(lines)):
            if lines[j].rstrip() in ("---", "..."):
                doc.front_matter_line = 1
                try:
                    loaded = yaml.safe_load("\n".join(lines[1:j]))
                except yaml.YAMLError as error:
                    doc.front_matter_error = f"front matter is not valid YAML: {error}".replace(
                        "\n", " "
                    )
                    loaded = {}
                if loaded is not None and not isinstance(loaded, dict):
                    doc.front_matter_error = "front matter is not a YAML mapping"
                    loaded = {}
                doc.front_matter = loaded or {}
                i = j + 1
                break
        else:
            doc.structure_errors.append((1, "front matter opened by '---' is never closed"))
            i = len(lines)

    stack: list[Directive] = []
    option_phase = False  # right after a directive's opening fence
    yaml_options: list[str] | None = None  # inside a "---" options block
    in_math = False
    in_comment = False
    allow_next_paragraph = False
    allowed_paragraph = False

    while i < len(lines):
        line = lines[i]
        n = i + 1
        top = stack[-1] if stack else None

        if top is not None and yaml_options is not None:
            if line.rstrip() == "---":
                try:
                    options = yaml.safe_load("\n".join(yaml_options)) or {}
                    if isinstance(options, dict):
                        top.options.update({str(k): str(v) for k, v in options.items()})
                except yaml.YAMLError:
                    doc.structure_errors.append((n, f"the options of {{{top.name}}} are not YAML"))
                yaml_options = None
            else:
                yaml_options.append(line)
            i += 1
            continue

        if top is not None and option_phase and line.rstrip() == "---" and not top.options:
            yaml_options = []
            i += 1
            continue

        if top is not None and top.verbatim:
            m = FENCE.match(line)
            if m and _closes(m, top):
                top.end_line = n
                stack.pop()
            elif option_phase and (opt := OPTION.match(line)) is not None:
                top.options[opt.group("key")] = (opt.group("value") or "").strip()
            else:
                option_phase = False
                top.body.append((n, line))
            i += 1
            continue

        if top is not None and option_phase:
            m = OPTION.match(line)
            if m:
                top.options[m.group("key")] = (m.group("value") or "").strip()
                markup[i] = line  # option values may hold MyST (captions); not prose
                i += 1
                continue
            option_phase = False

        m = FENCE.match(line)
        if m and top is not None and _closes(m, top):
            top.end_line = n
            stack.pop()
            i += 1
            continue
        if m and not (m.group("fence")[0] == "`" and "`" in m.group("info")):
            info = m.group("info").strip()
            d = DIRECTIVE_INFO.match(info)
            name, argument = (d.group("name"), d.group("argument").strip()) if d else ("", info)
            verbatim = not d or name in VERBATIM
            stack.append(Directive(name, argument, n, verbatim, fence=m.group("fence")))
            doc.directives.append(stack[-1])
            option_phase = bool(d)
            i += 1
            continue

        # A line of MyST markup.
        markup[i] = line
        stripped = line.strip()
        in_prose_block = not any(s.name in NOT_PROSE for s in stack)
        if in_comment:
            markup[i] = ""
            in_comment = "-->" not in line
        elif stripped.startswith("<!--"):
            markup[i] = ""
            in_comment = "-->" not in stripped[4:]
        elif stripped.startswith("%"):
            markup[i] = ""
            if ALLOW_STATISTIC.match(stripped):
                allow_next_paragraph = True
        elif stripped == "$$" or (stripped.startswith("$$") and not stripped.endswith("$$")):
            in_math = not in_math
        elif stripped.startswith("$$") and stripped.endswith("$$") and len(stripped) > 4:
            pass  # a one-line display formula: markup, not prose
        elif in_math:
            pass
        elif (label := LABEL.match(line)) is not None:
            doc.labels.append((label.group("label"), n))
        elif stripped == "+++" or stripped.startswith("+++ "):
            markup[i] = ""
        elif re.match(r"^\s{0,3}>", line):
            pass  # a block quote: the memorandum's own words, not ours
        else:
            if (h := HEADING.match(line)) is not None and not stack:
                doc.headings.append(Heading(len(h.group("hashes")), h.group("title"), n))
            if stripped and allow_next_paragraph:
                allowed_paragraph, allow_next_paragraph = True, False
            if not stripped:
                allowed_paragraph = False
            if in_prose_block and not allowed_paragraph:
                prose[i] = line
        i += 1

    for open_block in stack:
        kind = f"{{{open_block.name}}}" if open_block.name else "code block"
        doc.structure_errors.append(
            (open_block.line, f"{kind} opened with {open_block.fence} is never closed")
        )

    doc.markup = "\n".join(markup)
    for m in ROLE.finditer(doc.markup):
        doc.roles.append(
            Role(m.group("name"), m.group("content"), doc.line_of(doc.markup, m.start()))
        )
    unroled = _mask(doc.markup, ROLE)
    unroled = _mask(unroled, CODE_SPAN)
    for m in LINK.finditer(unroled):
        line = doc.line_of(unroled, m.start())
        doc.links.append((m.group("image"), m.group("text"), m.group("target"), line))

    masked = "\n".join(prose)
    for pattern in (ROLE, CODE_SPAN, DOLLAR_MATH, SUBSTITUTION, LINK_DEFINITION, URL, HTML_TAG):
        masked = _mask(masked, pattern)
    # Link targets are addresses, not prose; the link text stays.
    masked = re.sub(r"\]\([^)]*\)", lambda m: " " * len(m.group(0)), masked)
    doc.prose = masked
    return doc


def _closes(m: re.Match, top: Directive) -> bool:
    fence = m.group("fence")
    return fence[0] == top.fence[0] and len(fence) >= len(top.fence) and not m.group("info").strip()
