"""``make new-chapter``: the chapter it makes passes ``make check`` untouched, and the checks
catch an unknown citation key or a typed statistic added to it, naming the file.

Everything runs in copies under tmp_path: the real ``_toc.yml`` and chapters are never touched.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from analysis import blocks, parse_file
from analysis.checks import run_checks

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "new_chapter.py"

spec = importlib.util.spec_from_file_location("new_chapter", SCRIPT)
new_chapter = importlib.util.module_from_spec(spec)
spec.loader.exec_module(new_chapter)

MINIMAL_TOC = textwrap.dedent(
    """\
    # The book's table of contents.
    format: jb-book
    root: chapters/index
    parts:
      - caption: The document   # the text itself
        chapters:
          - file: chapters/memo
      - caption: Analyses
        chapters:
          - file: chapters/analysis-one

      # The apparatus comes last.
      - caption: Apparatus
        chapters:
          - file: chapters/bibliography
    """
)


def _copy(names: list[str], root: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in names:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=ignore)
        else:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, root / name)


@pytest.fixture
def small_book(tmp_path: Path) -> Path:
    """The template, the configuration and bibliography, analysis/ and three tiny chapters."""
    root = tmp_path / "book"
    root.mkdir()
    _copy(["_config.yml", "templates", "analysis", "scripts/new_chapter.py"], root)
    # The one entry the tiny chapters and the template cite (the checks want every entry cited).
    bib = (REPO / "references.bib").read_text(encoding="utf-8")
    (root / "references.bib").write_text(
        re.search(r"@book\{frus1977-80v06,.*?\n\}\n", bib, re.S)[0]
    )
    (root / "_toc.yml").write_text(MINIMAL_TOC)
    chapters = root / "chapters"
    chapters.mkdir()
    (chapters / "index.md").write_text("# Home\n\nAn edition {cite}`frus1977-80v06`.\n")
    (chapters / "memo.md").write_text("# The memorandum\n")
    (chapters / "analysis-one.md").write_text("(analysis-one)=\n# One analysis\n")
    (chapters / "bibliography.md").write_text("# Bibliography\n\n```{bibliography}\n```\n")
    return root


def scaffold(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args, "--root", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def check(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis.checks", "--root", str(root)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_new_chapter_passes_the_checks_untouched(small_book):
    result = scaffold(small_book, "reported-speech", "How the author reports speech")
    assert result.returncode == 0, result.stderr
    chapter = small_book / "chapters" / "reported-speech.md"
    text = chapter.read_text()
    assert "(reported-speech)=\n# How the author reports speech\n" in text
    assert "__NAME__" not in text and "__TITLE__" not in text
    assert run_checks(small_book) == []
    assert check(small_book).returncode == 0


def test_toc_gets_the_entry_and_keeps_its_comments(small_book):
    assert scaffold(small_book, "first", "First").returncode == 0
    assert scaffold(small_book, "second", "Second").returncode == 0
    toc = (small_book / "_toc.yml").read_text()
    # Every original line is still there, in order, with the new part after "Analyses".
    kept = iter(toc.splitlines())
    assert all(line in kept for line in MINIMAL_TOC.splitlines())
    parts = yaml.safe_load(toc)["parts"]
    assert [p["caption"] for p in parts] == [
        "The document",
        "Analyses",
        "Contributed chapters",
        "Apparatus",
    ]
    assert parts[2]["chapters"] == [{"file": "chapters/first"}, {"file": "chapters/second"}]


def test_unknown_citation_key_added_to_the_new_chapter_fails_naming_it(small_book):
    assert scaffold(small_book, "new-one", "New one").returncode == 0
    chapter = small_book / "chapters" / "new-one.md"
    chapter.write_text(chapter.read_text() + "\nAs argued by {cite}`nobody2020`.\n")
    result = check(small_book)
    assert result.returncode == 1
    line = len(chapter.read_text().splitlines())
    assert f"chapters/new-one.md:{line}: unknown citation key 'nobody2020'" in result.stdout


def test_typed_statistic_added_to_the_new_chapter_fails_naming_it(small_book):
    assert scaffold(small_book, "new-one", "New one").returncode == 0
    chapter = small_book / "chapters" / "new-one.md"
    text = chapter.read_text().replace(
        "## Method\n", "## Method\n\nThe blocks average 63.8 words, 12% of them marked.\n"
    )
    chapter.write_text(text)
    line = text.splitlines().index("The blocks average 63.8 words, 12% of them marked.") + 1
    result = check(small_book)
    assert result.returncode == 1
    assert f"chapters/new-one.md:{line}: statistic '63.8' typed into the prose" in result.stdout
    assert f"chapters/new-one.md:{line}: statistic '12%' typed into the prose" in result.stdout


def test_new_chapter_adds_no_problem_to_the_real_book(tmp_path):
    """On a copy of the whole book the scaffold adds no problem, whatever the state of the
    other chapters (which may be in progress)."""
    root = tmp_path / "repo"
    root.mkdir()
    _copy(
        ["_config.yml", "_toc.yml", "references.bib", "templates", "chapters", "analysis", "data"],
        root,
    )
    before = run_checks(root)
    result = scaffold(root, "contributed-example", "A contributed example")
    assert result.returncode == 0, result.stderr
    after = run_checks(root)
    assert [p for p in after if p not in before] == []
    toc = yaml.safe_load((root / "_toc.yml").read_text())
    contributed = [p for p in toc["parts"] if p["caption"] == "Contributed chapters"]
    assert {"file": "chapters/contributed-example"} in contributed[0]["chapters"]


def test_make_target_passes_name_and_title_through_the_environment(small_book):
    _copy(["Makefile"], small_book)
    (small_book / ".venv").symlink_to(Path(sys.prefix))
    result = subprocess.run(
        [
            "make",
            "-o",
            ".venv/.installed",
            "new-chapter",
            "NAME=quotes",
            'TITLE=A "quoted" title & more',
        ],
        cwd=small_book,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert '\n# A "quoted" title & more\n' in (small_book / "chapters" / "quotes.md").read_text()


@pytest.mark.parametrize(
    "args, message",
    [
        (["Bad Name", "T"], "new-chapter: NAME 'Bad Name' is not a slug"),
        (["", "T"], "new-chapter: NAME is missing"),
        (["ok-name", ""], "new-chapter: TITLE is missing"),
        (["ok-name", "# Heading"], "new-chapter: TITLE must be one line of plain text"),
        (["memo", "Again"], "chapters/memo.md:1: already exists; new-chapter never overwrites"),
        (["fresh", "T"], None),
    ],
)
def test_bad_input_exits_2_with_a_message_and_changes_nothing(small_book, args, message):
    if message is None:  # a label of that name elsewhere
        (small_book / "chapters" / "memo.md").write_text("# The memorandum\n\n(fresh)=\n## Fresh\n")
        message = "chapters/memo.md:3: the label 'fresh' is already defined here"
    toc = (small_book / "_toc.yml").read_text()
    files = sorted(p.name for p in (small_book / "chapters").iterdir())
    result = scaffold(small_book, *args)
    assert result.returncode == 2
    assert result.stderr.startswith(message), result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert (small_book / "_toc.yml").read_text() == toc
    assert sorted(p.name for p in (small_book / "chapters").iterdir()) == files


def test_entry_already_in_the_toc_is_refused(small_book):
    (small_book / "_toc.yml").write_text(MINIMAL_TOC + "      - file: chapters/listed\n")
    result = scaffold(small_book, "listed", "Listed")
    assert result.returncode == 2
    assert result.stderr.startswith("_toc.yml:16: chapters/listed is already listed")
    assert not (small_book / "chapters" / "listed.md").exists()


def test_toc_without_analyses_part_gets_the_new_part_before_the_last():
    toc = "root: chapters/index\nparts:\n- caption: A\n  chapters:\n  - file: chapters/a\n- caption: Z\n  chapters:\n  - file: chapters/z\n"
    text, line = new_chapter.insert_into_toc(toc, "chapters/new")
    assert yaml.safe_load(text)["parts"][1] == {
        "caption": "Contributed chapters",
        "chapters": [{"file": "chapters/new"}],
    }
    assert text.splitlines()[line - 1] == "  - file: chapters/new"


def test_toc_without_parts_is_an_error():
    with pytest.raises(new_chapter.ScaffoldError, match="no 'parts:' list"):
        new_chapter.insert_into_toc(
            "root: chapters/index\nchapters:\n- file: chapters/a\n", "chapters/b"
        )


# ---------------------------------------------------------------------------------------------
# What the template calls: analysis/blocks.py


def test_block_table_and_facts_agree_with_the_model(real_memo):
    table = blocks.block_table(real_memo)
    assert list(table["block"]) == [b.n for b in real_memo.blocks]
    assert table["words"].sum() == sum(b.words for b in real_memo.blocks)
    facts = blocks.block_facts(real_memo)
    assert facts["block_count"] == len(real_memo.blocks)
    longest = max(real_memo.blocks, key=lambda b: b.words)
    assert (facts["longest_block"], facts["longest_block_words"]) == (
        f"¶{longest.n}",
        longest.words,
    )


def test_block_chart_has_a_title_and_alt_text(real_memo):
    spec = blocks.chart_block_lengths(blocks.block_table(real_memo)).to_dict()
    assert spec["title"] and len(spec["description"].split()) >= 10


def test_blocks_work_on_any_memorandum():
    fixture = REPO / "tests" / "fixtures" / "second_memorandum" / "frus1977-80v99-d17.txt"
    memo = parse_file(fixture, volume="frus1977-80v99")
    assert blocks.block_facts(memo)["block_count"] == len(memo.blocks) == 8
