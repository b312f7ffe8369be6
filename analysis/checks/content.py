"""The content checks behind ``make check``: each takes the :class:`~.core.Book` and returns
the :class:`~.core.Problem` items it finds, each naming a file and line and how to fix it.

They read the chapters' text only (no Sphinx build), so they run in a second and catch what
a reviewer would otherwise have to: a chapter missing from the table of contents, incomplete
front matter, an unknown citation key, a chart without alt text, a link or reference that
leads nowhere, a statistic typed into the prose instead of computed.
"""

from __future__ import annotations

import ast
import difflib
import re
from collections.abc import Callable
from pathlib import Path

from . import myst
from .core import Book, Problem

# -------------------------------------------------------------------------------------------
# 1. Table of contents


def check_toc(book: Book) -> list[Problem]:
    """Every chapter is in ``_toc.yml`` and every entry there exists, once."""
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for entry in book.toc_entries:
        name = book.docname_of(entry.docname)
        if book.source_for(entry.docname) is None:
            problems.append(
                Problem(
                    "_toc.yml",
                    entry.line,
                    f"table of contents entry '{entry.docname}' has no file {name}.md",
                    f'create {name}.md (make new-chapter NAME=… TITLE="…") or remove the entry',
                )
            )
        if name in seen:
            problems.append(
                Problem(
                    "_toc.yml",
                    entry.line,
                    f"'{entry.docname}' is listed twice (first on line {seen[name]})",
                    "keep one entry",
                )
            )
        seen.setdefault(name, entry.line)
    if book.toc_path.is_file() and not book.toc_entries and not book.errors:
        problems.append(
            Problem(
                "_toc.yml", 1, "the table of contents lists no file", "add root: and the chapters"
            )
        )
    chapters = book.root / "chapters"
    if chapters.is_dir():
        for path in sorted(chapters.rglob("*")):
            if path.suffix not in (".md", ".ipynb") or path.name.startswith(("_", ".")):
                continue
            docname = book.rel(path)[: -len(path.suffix)]
            if docname not in book.docnames:
                problems.append(
                    Problem(
                        book.rel(path),
                        1,
                        "chapter is not in the table of contents",
                        f"add '- file: {docname}' to a part of _toc.yml (or rename it _{path.name} "
                        "if it is not a page)",
                    )
                )
    return problems


# -------------------------------------------------------------------------------------------
# 2. Front matter and structure

REQUIRED_FRONT_MATTER = {
    ("jupytext", "formats"): "md:myst",
    ("jupytext", "text_representation", "extension"): ".md",
    ("jupytext", "text_representation", "format_name"): "myst",
    ("kernelspec", "name"): "python3",
    ("kernelspec", "display_name"): None,  # any non-empty value
    ("kernelspec", "language"): "python",
}
FRONT_MATTER_FIX = (
    "start the file with the front matter of templates/chapter.md: jupytext "
    "(formats: md:myst, text_representation: {extension: .md, format_name: myst}) and "
    "kernelspec: {display_name: Python 3, language: python, name: python3}"
)


def _get(data: object, keys: tuple[str, ...]) -> object:
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def check_front_matter(book: Book) -> list[Problem]:
    """Chapters with code have complete notebook front matter; every chapter has one title,
    heading levels that do not skip, and no unclosed fence."""
    problems: list[Problem] = []
    for doc in book.documents:
        for line, message in doc.structure_errors:
            problems.append(Problem(doc.rel, line, message, "close it with the same fence"))
        if doc.front_matter_error:
            problems.append(Problem(doc.rel, 1, doc.front_matter_error, FRONT_MATTER_FIX))
        executable = bool(doc.code_cells) or any(r.name.startswith("glue") for r in doc.roles)
        if executable and doc.front_matter is None:
            problems.append(
                Problem(
                    doc.rel,
                    1,
                    "chapter has code or {glue} but no front matter, so it is not executed",
                    FRONT_MATTER_FIX,
                )
            )
        elif doc.front_matter is not None and (executable or "kernelspec" in doc.front_matter):
            for keys, expected in REQUIRED_FRONT_MATTER.items():
                value = _get(doc.front_matter, keys)
                name = ".".join(keys)
                if value in (None, ""):
                    problems.append(
                        Problem(doc.rel, 1, f"front matter lacks {name}", FRONT_MATTER_FIX)
                    )
                elif expected is not None and str(value) != expected:
                    problems.append(
                        Problem(
                            doc.rel,
                            1,
                            f"front matter has {name}: {value!r}, expected {expected!r}",
                            FRONT_MATTER_FIX,
                        )
                    )
        titles = [h for h in doc.headings if h.level == 1]
        if not titles:
            problems.append(
                Problem(
                    doc.rel,
                    1,
                    "chapter has no title (a '# Title' heading)",
                    "add one '# Title' line before the text",
                )
            )
        for extra in titles[1:]:
            problems.append(
                Problem(
                    doc.rel,
                    extra.line,
                    f"second top-level heading '# {extra.title}'",
                    "a chapter has one '# Title'; make this a section: '## …'",
                )
            )
        if doc.headings and titles and doc.headings[0].level != 1:
            first = doc.headings[0]
            problems.append(
                Problem(
                    doc.rel,
                    first.line,
                    "a section comes before the title",
                    "put the '# Title' first",
                )
            )
        for before, after in zip(doc.headings, doc.headings[1:]):
            if after.level > before.level + 1:
                problems.append(
                    Problem(
                        doc.rel,
                        after.line,
                        f"heading level jumps from {before.level} to {after.level} "
                        "(MyST warns, and the build fails)",
                        f"make it a level-{before.level + 1} heading ({'#' * (before.level + 1)})",
                    )
                )
    return problems


# -------------------------------------------------------------------------------------------
# 3. Citations


def _suggest(word: str, candidates) -> str:
    close = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def check_citations(book: Book) -> list[Problem]:
    """Every ``{cite}`` key (any flavour: cite:p, cite:t, …) is in the bibliography."""
    problems: list[Problem] = []
    keys = book.bib_keys
    for doc in book.documents:
        for role in doc.roles:
            if role.name != "cite" and not role.name.startswith("cite:"):
                continue
            for key in (k.strip() for k in role.content.split(",")):
                if key and key not in keys:
                    problems.append(
                        Problem(
                            doc.rel,
                            role.line,
                            f"unknown citation key '{key}'",
                            "add an entry with this key to references.bib or correct the key"
                            + _suggest(key, keys),
                        )
                    )
    return problems


def check_bibliography(book: Book) -> list[Problem]:
    """Every bibliography entry has a unique key and is cited somewhere in the book."""
    problems: list[Problem] = []
    first: dict[str, tuple[str, int]] = {}
    for key, rel, line in book.bib_entries:
        if key in first:
            where = f"{first[key][0]}:{first[key][1]}"
            problems.append(
                Problem(rel, line, f"citation key '{key}' is already used at {where}", "rename one")
            )
            continue
        first[key] = (rel, line)
        if key not in book.cited_keys:
            problems.append(
                Problem(
                    rel,
                    line,
                    f"entry '{key}' is cited nowhere in the book",
                    "cite it with {cite}`" + key + "` where the book relies on it, or remove it",
                )
            )
    return problems


# -------------------------------------------------------------------------------------------
# 4. Alt text

CHART_CALL = re.compile(r"(?<![\w.])(?:(?P<module>[A-Za-z_]\w*)\.)?(?P<func>[A-Za-z_]\w*)\s*\(")
ALT_FIX = (
    'give the chart a title and alt text: .properties(title=…, description="What the chart '
    'shows, in a sentence or two")'
)


def _imports(cells: list[myst.Directive]) -> tuple[dict[str, str], dict[str, str]]:
    """Names the cells import from ``analysis``: (alias -> module, function -> module)."""
    modules: dict[str, str] = {}
    functions: dict[str, str] = {}
    for cell in cells:
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module == "analysis":
                    for a in node.names:
                        modules[a.asname or a.name] = f"analysis.{a.name}"
                elif node.module.startswith("analysis."):
                    for a in node.names:
                        functions[a.asname or a.name] = node.module
            elif isinstance(node, ast.Import):
                for a in node.names:
                    if a.name.startswith("analysis.") and a.asname:
                        modules[a.asname] = a.name
    return modules, functions


def _function_has_description(book: Book, module: str, func: str) -> tuple[bool | None, str]:
    """Whether ``module.func`` (a file under the book's root) sets ``description=``:
    (True/False, "file:line"), or (None, reason) if the function cannot be found."""
    path = book.root / Path(*module.split("."))
    path = path.with_suffix(".py") if path.with_suffix(".py").is_file() else path / "__init__.py"
    if not path.is_file():
        return None, f"no file for module {module}"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == func:
            where = f"{book.rel(path)}:{node.lineno}"
            has = any(isinstance(k, ast.keyword) and k.arg == "description" for k in ast.walk(node))
            return has, where
    return None, f"no function {func} in {book.rel(path)}"


def check_alt_text(book: Book) -> list[Problem]:
    """Every image has alt text, every figure/image directive an :alt:, and every chart a
    ``description`` (Altair turns it into the chart's accessible label).

    A chart is a call in a code cell to a function whose name contains ``chart`` or to
    ``alt.Chart``. A function from ``analysis`` is read (not run): it must pass
    ``description=`` somewhere in its body. A chart built in the cell itself must do so in
    the cell.
    """
    problems: list[Problem] = []
    for doc in book.documents:
        for image, text, target, line in doc.links:
            if image and not text.strip():
                problems.append(
                    Problem(
                        doc.rel,
                        line,
                        f"image '{target}' has no alt text",
                        "write a description between the brackets: ![…](…)",
                    )
                )
        for d in doc.directives:
            if d.name in ("image", "figure") and not d.options.get("alt", "").strip():
                problems.append(
                    Problem(
                        doc.rel,
                        d.line,
                        f"{{{d.name}}} has no :alt: text",
                        f"add ':alt: …' under the {{{d.name}}} line",
                    )
                )
        cells = doc.code_cells
        modules, functions = _imports(cells)
        for cell in cells:
            code = "\n".join(
                text if not text.lstrip().startswith("#") else "" for _, text in cell.body
            )
            for m in CHART_CALL.finditer(code):
                module, func = m.group("module"), m.group("func")
                line = cell.body[code.count("\n", 0, m.start())][0] if cell.body else cell.line
                if module == "alt" and func == "Chart":
                    if "description=" not in code:
                        problems.append(
                            Problem(
                                doc.rel,
                                line,
                                "alt.Chart built in the cell without description=",
                                ALT_FIX,
                            )
                        )
                    continue
                if "chart" not in func.lower() or (module is None and func in ("Chart",)):
                    continue
                where_module = modules.get(module) if module else functions.get(func)
                if where_module is None:
                    if "description=" not in code:
                        problems.append(
                            Problem(
                                doc.rel,
                                line,
                                f"chart call {m.group(0)[:-1].strip()}(…) does not come from "
                                "analysis/ and the cell sets no description=",
                                "build charts in a function in analysis/ that sets "
                                ".properties(title=…, description=…)",
                            )
                        )
                    continue
                has, where = _function_has_description(book, where_module, func)
                if has is None:
                    problems.append(
                        Problem(
                            doc.rel,
                            line,
                            f"cannot find the chart function: {where}",
                            "import it from analysis/ and check its name",
                        )
                    )
                elif not has:
                    problems.append(
                        Problem(
                            doc.rel,
                            line,
                            f"chart {func}() ({where}) has no alt text: it sets no description=",
                            ALT_FIX.replace("give", f"in {where}, give"),
                        )
                    )
    return problems


# -------------------------------------------------------------------------------------------
# 5. Internal links and references

REF_ROLES = {"ref", "numref"}
GLUE_CALL = re.compile(r"\bglue\(\s*(?P<q>['\"])(?P<key>[^'\"]+)(?P=q)\s*[,)]")
GLUE_DYNAMIC = re.compile(r"\bglue\(\s*(?!(?P<q>['\"])[^'\"]+(?P=q)\s*[,)])")


def _glue_keys(doc: myst.Document) -> tuple[set[str], bool]:
    """The keys a chapter glues literally (``glue("key", …)``), and whether it also glues
    keys computed at run time (``glue(name, …)``, ``glue("prefix_" + name, …)``)."""
    keys: set[str] = set()
    dynamic = False
    for cell in doc.code_cells:
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:  # IPython magics and the like: read the text instead
            keys |= {m.group("key") for m in GLUE_CALL.finditer(cell.source)}
            dynamic = dynamic or bool(GLUE_DYNAMIC.search(cell.source))
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name != "glue":
                continue
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                keys.add(first.value)
            else:
                dynamic = True
    return keys, dynamic


def check_references(book: Book) -> list[Problem]:
    """Every ``{ref}``/``{numref}`` label, ``{doc}`` page, ``{term}`` of the glossary,
    ``{glue}`` key and relative link resolves; no label is defined twice.

    Labels are the chapters' ``(label)=`` targets plus those the memorandum extension makes:
    ``memo-p1`` … ``memo-pN`` (N blocks of the memorandum), ``memo-cN`` for each
    ``{memo-comment} N`` and ``person-ID`` for each register entry. ``{glue}`` keys must
    appear literally in a ``glue("key", …)`` call of the same chapter, unless the chapter
    glues in a loop (``glue(name, value)``): such keys are known only when the code runs, so
    they are left to the build (``-W`` fails on a missing key).
    """
    problems: list[Problem] = []
    labels = book.labels
    known = set(labels) | set(book.extension_labels)
    for label, places in labels.items():
        for rel, line in places[1:]:
            problems.append(
                Problem(
                    rel,
                    line,
                    f"label '{label}' is already defined at {places[0][0]}:{places[0][1]}",
                    "give this target a unique name",
                )
            )
    terms = book.glossary_terms
    for doc in book.documents:
        glued, glue_loop = _glue_keys(doc)
        here = doc.path.parent
        for role in doc.roles:
            target = role.target
            if role.name in REF_ROLES:
                if target not in known:
                    problems.append(
                        Problem(
                            doc.rel,
                            role.line,
                            f"{{{role.name}}} to unknown label '{target}'",
                            "define it with a '(" + target + ")=' line above a heading, or use an "
                            "existing label" + _suggest(target, known),
                        )
                    )
            elif role.name == "doc":
                docname = target.lstrip("/") if target.startswith("/") else book.rel(here / target)
                docname = book.docname_of(docname)
                if docname not in book.docnames:
                    exists = book.source_for(docname) is not None
                    problems.append(
                        Problem(
                            doc.rel,
                            role.line,
                            f"{{doc}} to '{target}', which is "
                            + (
                                "not in the table of contents"
                                if exists
                                else "not a page of the book"
                            ),
                            "add it to _toc.yml"
                            if exists
                            else "point to an existing page (relative to this file, or /chapters/… from "
                            "the book's root)" + _suggest(docname, book.docnames),
                        )
                    )
            elif role.name == "term" and terms is not None:
                if target.lower() not in terms:
                    problems.append(
                        Problem(
                            doc.rel,
                            role.line,
                            f"{{term}} '{target}' is not in the glossary",
                            "add the term to chapters/glossary.md or use an existing one"
                            + _suggest(target.lower(), terms),
                        )
                    )
            elif role.name == "glue" or role.name.startswith("glue:"):
                key = target.split(":", 1)[0].strip()
                if key not in glued and not glue_loop:
                    problems.append(
                        Problem(
                            doc.rel,
                            role.line,
                            f"{{{role.name}}} key '{key}' is never glued in this chapter",
                            f'glue it in the chapter\'s first code cell: glue("{key}", value, '
                            "display=False)",
                        )
                    )
        for d in doc.directives:
            if d.name.startswith("glue") and d.argument:
                key = d.argument.split()[0]
                if key not in glued and not glue_loop:
                    problems.append(
                        Problem(
                            doc.rel,
                            d.line,
                            f"{{{d.name}}} key '{key}' is never glued",
                            f'glue("{key}", value) in a code cell',
                        )
                    )
        for _image, _text, target, line in doc.links:
            if not target or target.startswith("#") or re.match(r"^[a-zA-Z][\w+.-]*:", target):
                continue  # anchors in the page and external addresses (make linkcheck)
            path = target.split("#", 1)[0]
            resolved = (book.root / path.lstrip("/")) if path.startswith("/") else (here / path)
            if not resolved.exists():
                problems.append(
                    Problem(
                        doc.rel,
                        line,
                        f"link to '{target}', which does not exist",
                        "correct the path (relative to this file); for a page prefer {doc}`…`",
                    )
                )
    return problems


# -------------------------------------------------------------------------------------------
# 6. Statistics typed into prose

# Not statistics: dotted versions and dates (3.11.2, 20.3.1980), times (1.30 p.m.), and
# numbered things (Figure 2.1, section 3.2, Document 271, page 780).
ALLOWED_NUMBERS = [
    re.compile(r"(?<![\w.])\d+(?:\.\d+){2,}(?![\w.]*\d)"),
    re.compile(r"(?<![\w.])\d{1,2}[.:]\d{2}\s?(?:a\.m\.|p\.m\.)", re.I),
    re.compile(
        r"\b(?:Documents?|Doc\.|pages?|pp?\.|vol\.|volume|§|sections?|chapters?|figures?|Fig\.|"
        r"tables?|notes?|footnotes?|¶|paragraphs?|version|v)\s*\d+(?:\.\d+)+",
        re.I,
    ),
]
STATISTIC = re.compile(
    r"(?<![\w.])(?:\d[\d,]*(?:\.\d+)?|\.\d+)\s?(?:%|\bper\s?cent\b|\bpercent\b)"
    r"|(?<![\w.])\d[\d,]*\.\d+(?!\.?\d)(?!\w)"
    r"|(?<![\w.])\.\d+(?!\.?\d)(?!\w)",
    re.I,
)
STATISTIC_FIX = (
    "compute the number in analysis/, glue it in the chapter's first code cell "
    '(glue("name", value, display=False)) and write {glue:text}`name` in the prose; '
    "if it is not a statistic (a quotation, a label), put a line "
    "'% check: allow-statistic' before the paragraph"
)


def check_glossary(book: Book) -> list[Problem]:
    """Every glossary term is used with ``{term}`` outside the glossary: a term nobody points
    to is padding."""
    entries = book.glossary_entries or []
    glossaries = {rel for _, rel, _ in entries}
    used = {
        role.target.lower()
        for doc in book.documents
        if doc.rel not in glossaries
        for role in doc.roles
        if role.name == "term"
    }
    return [
        Problem(
            rel,
            line,
            f"glossary term '{term}' is used nowhere outside the glossary",
            "point to it with {term}`" + term + "` where the book uses it, or remove it",
        )
        for term, rel, line in entries
        if term.lower() not in used
    ]


def check_statistics(book: Book) -> list[Problem]:
    """No number with a decimal point or a percent sign is typed into the prose.

    The prose is the chapter's running text without code cells, inline code, roles
    (``{glue:text}`` output included), math, URLs, HTML and block quotes (the memorandum's
    own words). Numbers that are not statistics are allowed: see ``ALLOWED_NUMBERS``.
    """
    problems: list[Problem] = []
    for doc in book.documents:
        prose = doc.prose
        for pattern in ALLOWED_NUMBERS:
            prose = myst._mask(prose, pattern)
        for m in STATISTIC.finditer(prose):
            problems.append(
                Problem(
                    doc.rel,
                    doc.line_of(prose, m.start()),
                    f"statistic '{m.group(0).strip()}' typed into the prose",
                    STATISTIC_FIX,
                )
            )
    return problems


CHECKS: list[Callable[[Book], list[Problem]]] = [
    check_toc,
    check_front_matter,
    check_citations,
    check_bibliography,
    check_alt_text,
    check_references,
    check_glossary,
    check_statistics,
]
