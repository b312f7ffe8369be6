"""Shared fixtures: the repository's paths, the real memorandum, and a runner for the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from analysis import Memorandum, parse_file

REPO_ROOT = Path(__file__).resolve().parent.parent
REAL_MEMORANDUM = REPO_ROOT / "data" / "raw" / "frus1977-80v06-d271.txt"
REAL_VOLUME = "frus1977-80v06"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def real_path() -> Path:
    return REAL_MEMORANDUM


@pytest.fixture(scope="session")
def real_memo() -> Memorandum:
    """Document 271, parsed once for the whole session."""
    return parse_file(REAL_MEMORANDUM, volume=REAL_VOLUME)


@pytest.fixture(scope="session")
def run_cli():
    """Run ``python -m analysis ARGS…`` from the repository root, as a user would."""

    def run(*args: str | Path) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "analysis", *map(str, args)],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=60,
        )

    return run


# ==== build outputs (owner: build/release engineer) ===========================================
# Fixtures over the built book; the helpers themselves live in tests/conftest_build.py.
# Tests using them need `make test` (or `make full`) to have built _build/html and the PDF.
from conftest_build import built_html_text as _built_html_text
from conftest_build import pdf_text as _pdf_text


@pytest.fixture(scope="session")
def built_html():
    """``built_html("chapters/memorandum")`` -> the reading text of that built page."""
    return _built_html_text


@pytest.fixture(scope="session")
def built_pdf_text() -> str:
    """The whole PDF's text (pdftotext)."""
    return _pdf_text()


# ==== end build outputs =======================================================================
