"""This edition's own data: where the memorandum and its metadata live, and loading them."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from .frus_text import parse_file
from .model import Memorandum

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
DOCUMENT = "frus1977-80v06-d271"
VOLUME = "frus1977-80v06"
MEMORANDUM_FILE = DATA / "raw" / f"{DOCUMENT}.txt"
METADATA_FILE = DATA / "metadata" / f"{DOCUMENT}.yml"
FILE_NAME = re.compile(r"^(?P<volume>frus[0-9]{4}-[0-9]{2}v[0-9a-z]+)-d[0-9]+$")


def volume_for(path: str | Path) -> str:
    """The volume a memorandum file belongs to: from a name like ``frus1977-80v06-d271.txt``,
    else this edition's volume."""
    match = FILE_NAME.match(Path(path).stem)
    return match.group("volume") if match else VOLUME


@lru_cache(maxsize=1)
def memorandum() -> Memorandum:
    """The edition's memorandum, parsed once per process."""
    return parse_file(MEMORANDUM_FILE, volume=VOLUME)


@lru_cache(maxsize=1)
def metadata() -> dict:
    """The metadata fields, as ``{field: {"value": …, "provenance": …, …}}``."""
    return yaml.safe_load(METADATA_FILE.read_text(encoding="utf-8"))


def field(name: str):
    return metadata()[name]["value"]
