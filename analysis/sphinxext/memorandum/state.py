"""What the build remembers across pages: which paragraphs each page rendered and commented,
and which page holds the persons register; with the checks that every paragraph is rendered
once and commented once (warnings, so errors under ``-W``).

Kept in ``env.domaindata["frus"]`` so that incremental and parallel builds purge and merge it.
"""

from __future__ import annotations

from collections import Counter

from sphinx.application import Sphinx
from sphinx.util import logging

from ... import edition

logger = logging.getLogger(__name__)


def frus_data(env, key: str) -> dict:
    return env.domaindata.setdefault("frus", {}).setdefault(key, {})


def check_every_paragraph_once(app: Sphinx, env) -> None:
    """Warn (an error under -W) when a paragraph is missing from the book or rendered twice."""
    rendered = env.domaindata.get("frus", {}).get("rendered", {})
    if not rendered:
        return
    counts = Counter(n for numbers in rendered.values() for n in numbers)
    total = len(edition.memorandum().blocks)
    missing = [n for n in range(1, total + 1) if counts[n] == 0]
    repeated = [n for n, count in counts.items() if count > 1]
    if missing:
        logger.warning("memorandum paragraphs never rendered: %s", missing, type="frus")
    if repeated:
        logger.warning("memorandum paragraphs rendered more than once: %s", repeated, type="frus")


def check_every_paragraph_commented(app: Sphinx, env) -> None:
    """Warn (an error under -W) unless every rendered paragraph has exactly one commentary,
    and when the memorandum names persons but no page holds the persons register."""
    data = env.domaindata.get("frus", {})
    if not data.get("rendered"):
        return
    counts = Counter(n for numbers in data.get("commented", {}).values() for n in numbers)
    total = len(edition.memorandum().blocks)
    missing = [n for n in range(1, total + 1) if counts[n] == 0]
    repeated = sorted(n for n, count in counts.items() if count > 1)
    if missing:
        logger.warning("memorandum paragraphs without commentary: %s", missing, type="frus")
    if repeated:
        logger.warning(
            "memorandum paragraphs with more than one commentary: %s", repeated, type="frus"
        )
    if not data.get("register", {}).get("doc"):
        logger.warning(
            "the memorandum names persons but no page has {person-register}", type="frus"
        )


def purge_rendered(app: Sphinx, env, docname: str) -> None:
    data = env.domaindata.get("frus", {})
    data.get("rendered", {}).pop(docname, None)
    data.get("commented", {}).pop(docname, None)
    if data.get("register", {}).get("doc") == docname:
        data["register"] = {}


def merge_rendered(app: Sphinx, env, docnames, other) -> None:
    mine = env.domaindata.setdefault("frus", {})
    theirs = other.domaindata.get("frus", {})
    for key in ("rendered", "commented"):
        store = mine.setdefault(key, {})
        for docname in docnames:
            if docname in theirs.get(key, {}):
                store[docname] = theirs[key][docname]
    if theirs.get("register", {}).get("doc") in docnames:
        mine["register"] = dict(theirs["register"])


def register_doc(env) -> str | None:
    return env.domaindata.get("frus", {}).get("register", {}).get("doc")
