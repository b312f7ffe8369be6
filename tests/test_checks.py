"""``make check``'s content checks (analysis/checks): each one fails on a small bad input,
naming the file and line, and passes the corrected input.

The books here are written into tmp_path: a ``_config.yml``, ``_toc.yml``, ``references.bib``
and a chapter or two, so each test shows exactly what it checks.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from analysis.checks import Problem, content, myst, run_checks

REPO = Path(__file__).resolve().parent.parent

FRONT = textwrap.dedent(
    """\
    ---
    jupytext:
      formats: md:myst
      text_representation: {extension: .md, format_name: myst}
    kernelspec: {display_name: Python 3, language: python, name: python3}
    ---
    """
)
BIB = textwrap.dedent(
    """\
    @book{frus1977-80v06,
      title = {Soviet Union},
    }
    @article{hearst1997texttiling,
      title = {TextTiling},
    }
    """
)

CITES_BIB = "\nSources: {cite}`frus1977-80v06`, {cite}`hearst1997texttiling`.\n"


def book(tmp_path: Path, chapters: dict[str, str], toc: str | None = None) -> Path:
    """A small book in tmp_path: chapters {name: text} under chapters/, all in the toc."""
    (tmp_path / "chapters").mkdir(parents=True, exist_ok=True)
    (tmp_path / "_config.yml").write_text("bibtex_bibfiles:\n  - references.bib\n")
    (tmp_path / "references.bib").write_text(BIB)
    for name, text in chapters.items():
        (tmp_path / "chapters" / f"{name}.md").write_text(textwrap.dedent(text))
    if toc is None:
        names = list(chapters)
        toc = "format: jb-book\nroot: chapters/" + names[0] + "\n"
        if names[1:]:
            toc += "chapters:\n" + "".join(f"  - file: chapters/{n}\n" for n in names[1:])
    (tmp_path / "_toc.yml").write_text(toc)
    return tmp_path


def problems(root: Path, check) -> list[Problem]:
    return run_checks(root, [check])


def notebook(body: str, cell: str = "") -> str:
    """A chapter with front matter, a title and an optional first code cell."""
    code = f"```{{code-cell}} python\n:tags: [remove-cell]\n{cell}\n```\n\n" if cell else ""
    return FRONT + "\n# Title\n\n" + code + textwrap.dedent(body)


# ---------------------------------------------------------------------------------------------
# The reader


def test_reader_keeps_line_numbers_and_separates_code_from_prose():
    text = notebook(
        """\
        Prose with {cite}`a,
        b` over two lines and `code 1.5` inline.

        > A quotation: 12.5 percent.

        % a comment 3.5

        :::{note}
        Inside a directive: 7.5.
        :::
        """,
        cell='glue("x", 1.5)',
    )
    doc = myst.parse(text, "c.md")
    lines = text.split("\n")
    assert [c.options["tags"] for c in doc.code_cells] == ["[remove-cell]"]
    assert doc.code_cells[0].source == 'glue("x", 1.5)'
    (role,) = doc.roles
    assert (role.name, role.line) == ("cite", lines.index("Prose with {cite}`a,") + 1)
    assert role.content == "a,\nb"
    assert doc.prose.count("\n") == text.count("\n")
    assert "1.5" not in doc.prose and "12.5" not in doc.prose and "3.5" not in doc.prose
    assert "7.5" in doc.prose  # a directive's content is prose
    assert doc.front_matter["kernelspec"]["name"] == "python3"
    assert [h.title for h in doc.headings] == ["Title"]


def test_reader_reports_unclosed_fences():
    doc = myst.parse("# T\n\n```{code-cell} python\nx = 1\n", "c.md")
    assert doc.structure_errors == [(3, "{code-cell} opened with ``` is never closed")]


def test_role_target_takes_the_angle_brackets():
    doc = myst.parse("# T\n\nSee {ref}`the text <memo-p3>` and {term}`portion\nmarking`.\n")
    assert [r.target for r in doc.roles] == ["memo-p3", "portion marking"]


def test_problem_prints_file_line_message_and_fix():
    p = Problem("chapters/x.md", 12, "unknown citation key 'foo'", "add it to references.bib")
    assert str(p) == "chapters/x.md:12: unknown citation key 'foo' (fix: add it to references.bib)"


# ---------------------------------------------------------------------------------------------
# 1. Table of contents


def test_toc_entry_without_file_fails(tmp_path):
    root = book(
        tmp_path,
        {"index": "# Home\n"},
        toc="root: chapters/index\nchapters:\n  - file: chapters/gone\n",
    )
    (p,) = problems(root, content.check_toc)
    assert (p.path, p.line) == ("_toc.yml", 3) and "chapters/gone" in p.message


def test_chapter_missing_from_toc_fails(tmp_path):
    root = book(tmp_path, {"index": "# Home\n"})
    (root / "chapters" / "orphan.md").write_text("# Orphan\n")
    (root / "chapters" / "_draft.md").write_text("# Draft, not a page\n")
    (p,) = problems(root, content.check_toc)
    assert p.path == "chapters/orphan.md" and "not in the table of contents" in p.message
    assert "- file: chapters/orphan" in p.fix


def test_toc_listing_a_chapter_twice_fails(tmp_path):
    toc = "root: chapters/index\nchapters:\n  - file: chapters/a\n  - file: chapters/a.md\n"
    root = book(tmp_path, {"index": "# Home\n", "a": "# A\n"}, toc=toc)
    (p,) = problems(root, content.check_toc)
    assert (p.path, p.line) == ("_toc.yml", 4) and "twice" in p.message


def test_good_toc_passes(tmp_path):
    assert problems(book(tmp_path, {"index": "# Home\n", "a": "# A\n"}), content.check_toc) == []


# ---------------------------------------------------------------------------------------------
# 2. Front matter and structure


def test_code_without_front_matter_fails(tmp_path):
    root = book(tmp_path, {"index": "# Home\n\n```{code-cell} python\n1\n```\n"})
    (p,) = problems(root, content.check_front_matter)
    assert p.path == "chapters/index.md" and "no front matter" in p.message


def test_incomplete_front_matter_fails(tmp_path):
    front = FRONT.replace("format_name: myst", "format_name: markdown").replace(
        "language: python, ", ""
    )
    root = book(tmp_path, {"index": front + "\n# Home\n\n```{code-cell} python\n1\n```\n"})
    messages = [p.message for p in problems(root, content.check_front_matter)]
    assert any("format_name: 'markdown', expected 'myst'" in m for m in messages)
    assert any("lacks kernelspec.language" in m for m in messages)


def test_titles_and_heading_levels_are_checked(tmp_path):
    root = book(tmp_path, {"index": "Text.\n\n### Deep\n", "b": "# One\n\n# Two\n\n### Skip\n"})
    found = {(p.path, p.line, p.message) for p in problems(root, content.check_front_matter)}
    assert ("chapters/index.md", 1, "chapter has no title (a '# Title' heading)") in found
    assert ("chapters/b.md", 3, "second top-level heading '# Two'") in found
    assert any(f[:2] == ("chapters/b.md", 5) and "jumps from 1 to 3" in f[2] for f in found)


def test_good_front_matter_passes(tmp_path):
    root = book(tmp_path, {"index": notebook("## Section\n\nText.\n", cell="x = 1")})
    assert problems(root, content.check_front_matter) == []


# ---------------------------------------------------------------------------------------------
# 3. Citations


def test_unknown_citation_key_fails_naming_file_line_and_a_suggestion(tmp_path):
    root = book(
        tmp_path, {"index": "# Home\n\nAs shown {cite:p}`hearst1997texttiling,frus1977-80v6`.\n"}
    )
    (p,) = problems(root, content.check_citations)
    assert (p.path, p.line) == ("chapters/index.md", 3)
    assert p.message == "unknown citation key 'frus1977-80v6'"
    assert "did you mean 'frus1977-80v06'" in p.fix


def test_known_citation_keys_pass(tmp_path):
    root = book(
        tmp_path,
        {"index": "# Home\n\n{cite:t}`frus1977-80v06` and {cite}`hearst1997texttiling`.\n"},
    )
    assert problems(root, content.check_citations) == []


def test_citation_in_code_is_not_a_citation(tmp_path):
    root = book(
        tmp_path, {"index": "# Home\n\n```text\n{cite}`nothing`\n```\n\nAnd `{cite}` inline.\n"}
    )
    assert problems(root, content.check_citations) == []


def test_uncited_and_duplicate_bibliography_entries_fail(tmp_path):
    root = book(tmp_path, {"index": "# Home\n\n{cite}`frus1977-80v06`.\n"})
    (root / "references.bib").write_text(BIB + "@book{frus1977-80v06,\n  title = {Again},\n}\n")
    found = problems(root, content.check_bibliography)
    assert [(p.path, p.line, p.message) for p in found] == [
        ("references.bib", 4, "entry 'hearst1997texttiling' is cited nowhere in the book"),
        (
            "references.bib",
            7,
            "citation key 'frus1977-80v06' is already used at references.bib:1",
        ),
    ]


def test_every_cited_bibliography_entry_passes(tmp_path):
    index = "# Home\n\n{cite:t}`frus1977-80v06` and {cite:p}`hearst1997texttiling`.\n"
    assert problems(book(tmp_path, {"index": index}), content.check_bibliography) == []


# ---------------------------------------------------------------------------------------------
# 4. Alt text

CHART_MODULE = """
import altair as alt


def chart_good(table):
    return alt.Chart(table).mark_bar().properties(title="T", description="Bar chart of x.")


def chart_bad(table):
    return alt.Chart(table).mark_bar().properties(title="T")
"""


def _chart_book(tmp_path: Path, cell: str) -> Path:
    root = book(tmp_path, {"index": notebook("Text.\n", cell=cell)})
    (root / "analysis").mkdir()
    (root / "analysis" / "__init__.py").write_text("")
    (root / "analysis" / "charts.py").write_text(CHART_MODULE)
    return root


def test_chart_function_without_description_fails(tmp_path):
    root = _chart_book(tmp_path, "from analysis import charts\ncharts.chart_bad(t)")
    (p,) = problems(root, content.check_alt_text)
    assert p.path == "chapters/index.md" and p.line == 13
    assert "chart_bad() (analysis/charts.py:9) has no alt text" in p.message


def test_chart_function_with_description_passes(tmp_path):
    root = _chart_book(tmp_path, "from analysis.charts import chart_good\nchart_good(t)")
    assert problems(root, content.check_alt_text) == []


def test_chart_built_in_the_cell_needs_a_description(tmp_path):
    bad = _chart_book(tmp_path / "bad", "import altair as alt\nalt.Chart(t).mark_bar()")
    good = _chart_book(
        tmp_path / "good",
        "import altair as alt\nalt.Chart(t).mark_bar().properties(description='x')",
    )
    assert [p.message for p in problems(bad, content.check_alt_text)] == [
        "alt.Chart built in the cell without description="
    ]
    assert problems(good, content.check_alt_text) == []


def test_images_and_figures_need_alt_text(tmp_path):
    text = "# Home\n\n![](a.png)\n\n```{figure} b.png\n:name: fig-b\nCaption.\n```\n\n![A map](c.png)\n"
    found = [
        (p.line, p.message)
        for p in problems(book(tmp_path, {"index": text}), content.check_alt_text)
    ]
    assert found == [(3, "image 'a.png' has no alt text"), (5, "{figure} has no :alt: text")]
    text = text.replace("![](a.png)", "![A chart](a.png)").replace(
        ":name: fig-b", ":alt: A bar chart"
    )
    assert problems(book(tmp_path, {"index": text}), content.check_alt_text) == []


# ---------------------------------------------------------------------------------------------
# 5. Internal links and references


def test_unknown_ref_label_fails_and_defined_labels_pass(tmp_path):
    chapters = {
        "index": "(home)=\n# Home\n\nSee {ref}`the other <other>` and {ref}`home`.\n",
        "other": "(other)=\n# Other\n\nBack to {ref}`hom`.\n",
    }
    (p,) = problems(book(tmp_path, chapters), content.check_references)
    assert (p.path, p.line) == ("chapters/other.md", 4)
    assert p.message == "{ref} to unknown label 'hom'" and "did you mean 'home'" in p.fix


def test_label_defined_twice_fails(tmp_path):
    chapters = {"index": "(x)=\n# Home\n", "other": "# Other\n\n(x)=\n## Again\n"}
    (p,) = problems(book(tmp_path, chapters), content.check_references)
    assert (p.path, p.line) == ("chapters/other.md", 3) and "chapters/index.md:1" in p.message


def test_memorandum_paragraph_labels_come_from_the_model(tmp_path):
    root = book(
        tmp_path,
        {
            "index": "# Home\n\n:::{memo-paragraphs} 1-32\n:::\n\nSee {ref}`memo-p32` and {ref}`memo-p33`.\n"
        },
    )
    (root / "data" / "raw").mkdir(parents=True)
    shutil.copy(REPO / "data" / "raw" / "frus1977-80v06-d271.txt", root / "data" / "raw")
    (p,) = problems(root, content.check_references)
    assert p.message == "{ref} to unknown label 'memo-p33'"


def test_doc_links_resolve_against_the_toc(tmp_path):
    chapters = {
        "index": "# Home\n\n{doc}`other`, {doc}`/chapters/other`, {doc}`missing`, {doc}`draft`.\n",
        "other": "# O\n",
    }
    root = book(tmp_path, chapters)
    (root / "chapters" / "_draft.md").write_text("# Draft\n")
    (root / "chapters" / "draft.md").write_text("# Draft\n")
    found = [p.message for p in problems(root, content.check_references)]
    assert sorted(found) == [
        "{doc} to 'draft', which is not in the table of contents",
        "{doc} to 'missing', which is not a page of the book",
    ]


def test_terms_must_be_in_the_glossary(tmp_path):
    glossary = (
        "# Glossary\n\n```{glossary}\nportion marking\n  A letter.\n\nNSC\n  The council.\n```\n"
    )
    index = "# Home\n\n{term}`Portion marking`, {term}`the council <NSC>`, {term}`detente`.\n"
    found = problems(
        book(tmp_path, {"index": index, "glossary": glossary}), content.check_references
    )
    assert [p.message for p in found] == ["{term} 'detente' is not in the glossary"]


def test_glossary_terms_must_be_used_outside_the_glossary(tmp_path):
    glossary = (
        "# Glossary\n\n```{glossary}\nportion marking\n  A letter, see {term}`NSC`.\n\n"
        "NSC\n  The council.\n```\n"
    )
    index = "# Home\n\nEach {term}`Portion  marking` is a letter.\n"
    found = problems(book(tmp_path, {"index": index, "glossary": glossary}), content.check_glossary)
    assert [(p.path, p.line, p.message) for p in found] == [
        ("chapters/glossary.md", 7, "glossary term 'NSC' is used nowhere outside the glossary")
    ]


def test_glue_keys_must_be_glued_in_the_same_chapter(tmp_path):
    index = notebook(
        "There are {glue:text}`count` and {glue:text}`missing:.1f`.\n",
        cell='glue("count", 3, display=False)',
    )
    (p,) = problems(book(tmp_path, {"index": index}), content.check_references)
    assert p.message == "{glue:text} key 'missing' is never glued in this chapter"
    looped = notebook(
        "{glue:text}`anything`\n", cell="for k, v in facts().items():\n    glue(k, v)"
    )
    assert problems(book(tmp_path, {"index": looped}), content.check_references) == []


def test_relative_links_must_exist(tmp_path):
    index = "# Home\n\n[data](../data/x.csv), [web](https://example.org), [here](#top), [gone](../nothing.csv).\n"
    root = book(tmp_path, {"index": index})
    (root / "data").mkdir()
    (root / "data" / "x.csv").write_text("a\n")
    (p,) = problems(root, content.check_references)
    assert p.message == "link to '../nothing.csv', which does not exist"


# ---------------------------------------------------------------------------------------------
# 6. Statistics typed into prose


@pytest.mark.parametrize(
    "sentence, typed",
    [
        ("Brement holds 40% of the words.", "40%"),
        ("Brement holds 40 percent of the words.", "40 percent"),
        ("Brement holds 40 per cent of the words.", "40 per cent"),
        ("The accuracy is 0.97.", "0.97"),
        ("The mean is 12.5 words.", "12.5"),
        ("A kappa of .85 is good.", ".85"),
        ("In all, 1,234.5 words.", "1,234.5"),
    ],
)
def test_typed_statistic_fails_naming_file_and_line(tmp_path, sentence, typed):
    (p,) = problems(
        book(tmp_path, {"index": f"# Home\n\nFirst line.\n{sentence}\n"}), content.check_statistics
    )
    assert (p.path, p.line) == ("chapters/index.md", 4)
    assert p.message == f"statistic '{typed}' typed into the prose"
    assert "{glue:text}" in p.fix


@pytest.mark.parametrize(
    "sentence",
    [
        "On 20 March 1980, in Document 271 of volume VI, printed on pages 779–786.",
        "Python 3.11.7 and the dotted date 20.3.1980; see Figure 2.1 and section 3.2.",
        "It began at 1.30 p.m. and ended at 3.00 p.m.",
        "The share is {glue:text}`share:.1%` and the count `12.5` in code.",
        "A formula $p = 0.5$ and a link [to the data](https://example.org/v2.5/) and https://x.org/1.5.",
        "Numbers: 12, 1,000 and 271; the end of a sentence in 1980.",
    ],
)
def test_numbers_that_are_not_statistics_pass(tmp_path, sentence):
    assert (
        problems(book(tmp_path, {"index": f"# Home\n\n{sentence}\n"}), content.check_statistics)
        == []
    )


def test_statistics_in_code_quotations_and_allowed_paragraphs_pass(tmp_path):
    text = notebook(
        """\
        > "We proposed limits of 20–30 percent below current levels," he said, "or 12.5."

        % check: allow-statistic (a quotation in the running text)
        He spoke of "a 40% cut"
        in the same breath.

        But 33.3% here is typed.
        """,
        cell="share = 0.5  # 50%",
    )
    (p,) = problems(book(tmp_path, {"index": text}), content.check_statistics)
    assert p.message == "statistic '33.3%' typed into the prose"


def test_statistic_in_a_directive_or_table_is_prose(tmp_path):
    text = "# Home\n\n:::{note}\nAbout 45.5 words.\n:::\n\n| a | b |\n|---|---|\n| x | 7.5 |\n"
    found = [
        (p.line, p.message)
        for p in problems(book(tmp_path, {"index": text}), content.check_statistics)
    ]
    assert found == [
        (4, "statistic '45.5' typed into the prose"),
        (9, "statistic '7.5' typed into the prose"),
    ]


# ---------------------------------------------------------------------------------------------
# The command


def _run(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis.checks", "--root", str(root)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_command_exits_1_and_names_each_problem(tmp_path):
    root = book(tmp_path, {"index": "# Home\n\nAbout 12.5 words {cite}`nope`.\n" + CITES_BIB})
    result = _run(root)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "chapters/index.md:3: statistic '12.5' typed into the prose (fix: "
        + content.STATISTIC_FIX
        + ")",
        "chapters/index.md:3: unknown citation key 'nope' (fix: add an entry with this key to "
        "references.bib or correct the key)",
    ]
    assert "2 problem(s) in 1 file(s)" in result.stderr and "Traceback" not in result.stderr


def test_command_exits_0_on_a_clean_book(tmp_path):
    result = _run(book(tmp_path, {"index": "# Home\n\nClean.\n" + CITES_BIB}))
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("check: content checks passed")


def test_broken_toc_is_a_problem_not_a_traceback(tmp_path):
    root = book(tmp_path, {"index": "# Home\n"}, toc="root: [unclosed\n")
    result = _run(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.startswith("_toc.yml:")


def test_glue_keys_computed_at_run_time_count_as_a_loop(tmp_path):
    cell = 'for name in ("a", "b"):\n    glue("cite_" + name, 1, display=False)'
    index = notebook("{glue:text}`cite_a`\n", cell=cell)
    assert problems(book(tmp_path, {"index": index}), content.check_references) == []
    magic = notebook("{glue:text}`x` {glue:text}`y`\n", cell='%time glue("x", 1)')
    (p,) = problems(book(tmp_path, {"index": magic}), content.check_references)
    assert "key 'y'" in p.message
