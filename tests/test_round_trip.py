"""Source → model → source, byte for byte: the model keeps everything the rendering says."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import parse_file, parse_text
from analysis.frus_render import render_text

TESTS = Path(__file__).resolve().parent
REAL = TESTS.parent / "data" / "raw" / "frus1977-80v06-d271.txt"
SOURCES = [REAL, *sorted((TESTS / "fixtures" / "memoranda").glob("*.txt"))]


@pytest.fixture(params=SOURCES, ids=lambda path: path.name)
def source(request) -> Path:
    return request.param


def test_fixtures_are_present():
    assert len(SOURCES) >= 6


def test_render_reproduces_the_file(source):
    assert render_text(parse_file(source)).encode("utf-8") == source.read_bytes()


def test_crlf_file_renders_back_to_crlf(source, tmp_path):
    crlf = tmp_path / source.name
    crlf.write_bytes(source.read_bytes().replace(b"\n", b"\r\n"))
    rendered = render_text(parse_file(crlf)).encode("utf-8")
    assert rendered == crlf.read_bytes()
    assert b"\r\n" in rendered and b"\n" not in rendered.replace(b"\r\n", b"")


def test_rendered_text_parses_to_the_same_model(source):
    memo = parse_file(source)
    assert parse_text(render_text(memo), str(source)) == memo


@pytest.mark.parametrize(
    "ending", ["", "\n", "\n\n\n"], ids=["no-final-newline", "one-newline", "trailing-blank-lines"]
)
def test_file_ending_is_kept(source, ending):
    text = source.read_text(encoding="utf-8").rstrip("\n") + ending
    assert render_text(parse_text(text)) == text


def test_blank_line_runs_are_kept():
    """The real memorandum has two blank lines after the title and after the participants."""
    text = REAL.read_text(encoding="utf-8")
    assert text.startswith("271. Memorandum of Conversation1\n\n\n  •")
    widened = text.replace("(U)\n\nIt was", "(U)\n\n\n\nIt was")
    assert render_text(parse_text(widened)) == widened
