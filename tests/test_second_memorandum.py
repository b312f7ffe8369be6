"""A second memorandum, end to end, exactly as CONTRIBUTING.md ("Adding another memorandum")
tells a contributor to do it: the file goes into data/raw/ named VOLUME-dN.txt, its metadata
into data/metadata/VOLUME-dN.yml, and the same commands and functions run on it.

The memorandum is a synthetic fixture in the FRUS plain-text rendering
(tests/fixtures/second_memorandum/, apart from the parser's fixtures, which the CLI tests read
as volume VI): a 1980 conversation between the President and a Soviet ambassador, with
labelled dialogue ("The President: …") and reported speech, a page break, portion markings
and notes. It is installed in a copy of data/ under tmp_path;
the repository's data/ is never touched.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from analysis import blocks, edition, parse_file
from analysis.frus_render import render_text

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "second_memorandum"
NAME = "frus1977-80v99-d17"
VOLUME = "frus1977-80v99"


@pytest.fixture
def installed(tmp_path: Path) -> Path:
    """A copy of data/ with the second memorandum and its metadata added; returns the root."""
    shutil.copytree(REPO / "data", tmp_path / "data")
    raw = tmp_path / "data" / "raw" / f"{NAME}.txt"
    shutil.copy(FIXTURES / f"{NAME}.txt", raw)
    shutil.copy(FIXTURES / f"{NAME}.yml", tmp_path / "data" / "metadata" / f"{NAME}.yml")
    return tmp_path


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m analysis ARGS`` from the root of the copy, as the guide says."""
    return subprocess.run(
        [sys.executable, "-m", "analysis", *args],
        cwd=root,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def test_metadata_is_sourced_and_matches_the_file(installed):
    meta = yaml.safe_load((installed / "data" / "metadata" / f"{NAME}.yml").read_text())
    raw = installed / meta["raw_file"]["value"]
    assert hashlib.sha256(raw.read_bytes()).hexdigest() == meta["raw_file"]["sha256"]
    for field, entry in meta.items():
        assert entry["value"], field
        assert len(entry["provenance"].split()) >= 3, f"{field}: say where the value comes from"
    assert meta["document"]["value"] == f"{VOLUME}/d17"


def test_volume_is_read_from_the_file_name(installed):
    assert edition.volume_for(installed / "data" / "raw" / f"{NAME}.txt") == VOLUME


def test_parse_command(installed):
    result = run(installed, "parse", f"data/raw/{NAME}.txt")
    assert result.returncode == 0, result.stderr
    memo = json.loads(result.stdout)
    assert memo["title"] == "17. Memorandum of Conversation"
    assert memo["participants"][0] == "The President"
    assert memo["subject"] == "Afghanistan and the Olympic Games"
    assert [p["marking"] for p in memo["paragraphs"]] == ["U", "S", "S", "S", "S", "C", "C", "U"]
    assert [p["label"] for p in memo["paragraphs"]][1:3] == ["The President", "Voronin"]
    assert sum(len(p["page_breaks"]) for p in memo["paragraphs"]) == 1
    # "See Document 12." in a note links into the memorandum's own volume, from the file name.
    assert memo["footnotes"][1]["links"] == [
        f"https://history.state.gov/historicaldocuments/{VOLUME}/d12"
    ]


def test_turns_command(installed):
    result = run(installed, "turns", f"data/raw/{NAME}.txt")
    if result.returncode == 2 and "invalid choice: 'turns'" in result.stderr:
        pytest.fail("python -m analysis turns is missing from analysis/cli.py")
    assert result.returncode == 0, result.stderr
    turns = json.loads(result.stdout)
    speakers = [t["speaker"] for t in turns]
    # Labelled dialogue and reported speech alternate between the two principals; the
    # Secretary's one labelled block is his, and the closing COMMENT is narration.
    assert speakers == [
        "The President",
        "Voronin",
        "The President",
        "Voronin",
        "Ames",
        "Voronin",
        "narration",
    ]
    assert turns[0]["paragraph"] == 1 and turns[-1]["paragraph"] == 8


def test_bad_file_is_reported_not_a_traceback(installed):
    bad = installed / "data" / "raw" / f"{VOLUME}-d18.txt"
    bad.write_text("Not a memorandum at all.\n", encoding="utf-8")
    result = run(installed, "parse", f"data/raw/{bad.name}")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"data/raw/{bad.name}:") and "Traceback" not in result.stderr


def test_the_chapter_functions_run_on_it(installed):
    """What a chapter does with it: parse_file, then the analyses' functions."""
    path = installed / "data" / "raw" / f"{NAME}.txt"
    memo = parse_file(path, volume=edition.volume_for(path))
    assert render_text(memo).encode("utf-8") == path.read_bytes()  # nothing lost
    facts = blocks.block_facts(memo)
    assert facts["block_count"] == 8
    assert facts["longest_block"] == "¶2"
    assert blocks.chart_block_lengths(blocks.block_table(memo)).to_dict()["description"]
