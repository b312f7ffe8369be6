"""``python -m analysis parse FILE``: the JSON contract on good input, and on bad input a single
``FILE:LINE: message`` on stderr, exit status 2, nothing on stdout and no traceback.

Bad files are derived on the fly from Document 271, whose layout is fixed: the title on line 1,
participants on 4–5, subject on 8, paragraph n on line 8 + 2n up to paragraph 18, the lone
``[Page 784]`` on 46, paragraph 19 on 48 and the rest every other line after it, paragraph 32 on 74
and notes 1–6 on lines 76–81 (no final newline).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis import SourceError, parse_file

REAL = Path(__file__).resolve().parent.parent / "data" / "raw" / "frus1977-80v06-d271.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "memoranda"
REAL_BYTES = REAL.read_bytes()
EXIT_BAD_INPUT = 2


def replaced(old: bytes, new: bytes) -> bytes:
    assert REAL_BYTES.count(old) == 1, old
    return REAL_BYTES.replace(old, new)


def cut_before(text: bytes) -> bytes:
    """Document 271 cut off just before ``text``, as an interrupted download leaves it."""
    return REAL_BYTES[: REAL_BYTES.index(text)]


def inserted_on_line(line: int, data: bytes) -> bytes:
    lines = REAL_BYTES.split(b"\n")
    lines[line - 1] = lines[line - 1][:20] + data + lines[line - 1][20:]
    return b"\n".join(lines)


# id → (file content, the line the message must name, a fragment of the message)
BAD_INPUTS = {
    "empty": (b"", 1, "empty file"),
    "blank-lines-only": (b"\n\n  \n", 1, "empty file"),
    "nul-byte": (inserted_on_line(18, b"\x00"), 18, "binary data (NUL byte)"),
    "utf-16": (REAL_BYTES.decode("utf-8").encode("utf-16-le"), 1, "binary data"),
    "windows-1252": (REAL_BYTES.decode("utf-8").encode("cp1252"), 4, "not UTF-8: byte 0x95"),
    "stray-byte": (inserted_on_line(30, b"\xff"), 30, "not UTF-8: byte 0xff"),
    "note-without-note": (
        replaced(b"Haiphong2", b"Haiphong7"),
        14,
        "note number 7 in the text, but there is no note 7",
    ),
    "note-never-referred-to": (
        REAL_BYTES + b"\n  7. An orphan note.",
        82,
        "note 7 is not referred to",
    ),
    "reference-removed": (replaced(b"speech5", b"speech"), 80, "note 5 is not referred to"),
    "unknown-marking": (
        replaced(b"icy smile. (S)", b"icy smile. (X)"),
        18,
        "unknown portion marking (X)",
    ),
    "empty-page-marker": (
        replaced(b"[Page 783]", b"[Page ]"),
        34,
        "malformed page marker '[Page ]'",
    ),
    "unclosed-page-marker": (
        replaced(b"\n[Page 784]\n", b"\n[Page 78\n"),
        46,
        "malformed page marker '[Page 78'",
    ),
    "cut-mid-paragraph": (
        cut_before(b"but they should understand"),
        28,
        "ends mid-paragraph (truncated?)",
    ),
    "cut-to-a-fragment": (
        cut_before(b" acknowledged with"),
        18,
        "ends mid-paragraph (truncated?)",
    ),
    "cut-after-header": (
        cut_before(b"\nBessmertnykh opened"),
        8,
        "no paragraphs after the header",
    ),
    "cut-mid-notes": (cut_before(b", 263, 265"), 78, "note 3 ends mid-sentence (truncated?)"),
    "cut-between-notes": (
        cut_before(b"\n  3. See"),
        14,
        "note number 3 in the text, but there is no note 3",
    ),
    "notes-missing": (
        cut_before(b"\n  1. Source"),
        1,
        "note number 1 in the text, but the file has no notes",
    ),
}


@pytest.fixture(params=BAD_INPUTS, ids=str)
def bad_input(request, tmp_path):
    content, line, message = BAD_INPUTS[request.param]
    path = tmp_path / f"{request.param}.txt"
    path.write_bytes(content)
    return path, line, message


def test_cli_reports_bad_input(run_cli, bad_input):
    path, line, message = bad_input
    result = run_cli("parse", path)
    assert result.returncode == EXIT_BAD_INPUT
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"{path}:{line}: ")
    assert message in result.stderr


def test_parse_file_raises_source_error(bad_input):
    path, line, message = bad_input
    with pytest.raises(SourceError) as caught:
        parse_file(path)
    assert (caught.value.path, caught.value.line) == (str(path), line)
    assert message in caught.value.message


def test_cli_reports_a_missing_file(run_cli, tmp_path):
    missing = tmp_path / "missing.txt"
    result = run_cli("parse", missing)
    assert result.returncode == EXIT_BAD_INPUT
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{missing}:0: cannot read file")


# --- Good input: the JSON contract ----------------------------------------------------------------


def check_contract(output: dict) -> None:
    """The keys and types the issue promises (the output may carry more keys)."""
    assert isinstance(output["title"], str)
    assert all(isinstance(p, str) for p in output["participants"])
    assert output["subject"] is None or isinstance(output["subject"], str)
    for n, paragraph in enumerate(output["paragraphs"], start=1):
        assert paragraph["n"] == n
        assert paragraph["kind"] in ("paragraph", "heading")
        assert isinstance(paragraph["text"], str)
        assert paragraph["marking"] in ("U", "C", "S", "TS", None)
        for page_break in paragraph["page_breaks"]:
            assert isinstance(page_break["page"], str) and isinstance(page_break["offset"], int)
            assert 0 <= page_break["offset"] <= len(paragraph["text"])
        for ref in paragraph["footnote_refs"]:
            assert isinstance(ref["n"], int) and isinstance(ref["offset"], int)
            assert 0 < ref["offset"] <= len(paragraph["text"])
    for note in output["footnotes"]:
        assert isinstance(note["n"], int) and isinstance(note["text"], str)
        for link in note["links"]:
            assert link.startswith("https://history.state.gov/historicaldocuments/")


def test_cli_prints_the_real_memorandum(run_cli, real_memo):
    result = run_cli("parse", "data/raw/frus1977-80v06-d271.txt")
    assert (result.returncode, result.stderr) == (0, "")
    output = json.loads(result.stdout)
    check_contract(output)
    assert output == real_memo.to_json()
    assert output["title"] == "271. Memorandum of Conversation"
    assert output["subject"] == "Afghanistan and US-Soviet Relations"
    assert len(output["paragraphs"]) == 32
    assert output["paragraphs"][18]["page_breaks"] == [{"page": "784", "offset": 0}]
    assert output["paragraphs"][2]["footnote_refs"] == [
        {"n": 2, "offset": 130},
        {"n": 3, "offset": 243},
    ]
    assert sum(len(note["links"]) for note in output["footnotes"]) == 23


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.name)
def test_cli_prints_each_fixture(run_cli, path):
    result = run_cli("parse", path)
    assert (result.returncode, result.stderr) == (0, "")
    output = json.loads(result.stdout)
    check_contract(output)
    assert output == parse_file(path, volume="frus1977-80v06").to_json()


def test_cli_volume_option_resolves_in_volume_references(run_cli):
    """A fixture's file name names no volume: "See Documents 12–14" falls back to this edition's
    volume unless ``--volume`` says otherwise."""
    path = FIXTURES / "indented_group_labels.txt"
    default = json.loads(run_cli("parse", path).stdout)
    chosen = json.loads(run_cli("parse", path, "--volume", "frus1977-80v99").stdout)
    assert default["footnotes"][2]["links"][0].endswith("/frus1977-80v06/d12")
    assert chosen["footnotes"][2]["links"] == [
        f"https://history.state.gov/historicaldocuments/frus1977-80v99/d{n}" for n in (12, 13, 14)
    ]
