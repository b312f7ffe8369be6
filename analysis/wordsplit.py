"""Deciding, from word frequencies, whether a page marker split one word or stood between two.

The FRUS rendering keeps a printed page's end-of-page hyphenation as ``dis [Page 783] turbing``,
so the same spacing also surrounds markers that fall between words (``strong [Page 780]
response``). A hand list of split words cannot serve other memoranda; English word frequencies
(wordfreq's Zipf scale, 0 for unknown strings) can: the halves of a split word are rarely words
themselves, while the joined form is.
"""

from __future__ import annotations

from functools import lru_cache

from wordfreq import zipf_frequency


@lru_cache(maxsize=4096)
def _zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def is_split_word(left: str, right: str, vocabulary: frozenset[str] = frozenset()) -> bool:
    """True when ``left + right`` reads as one word better than ``left`` and ``right`` apart.

    First the document's own ``vocabulary`` (lower-case words): a joined form it uses
    elsewhere, whose halves it does not both use, is a split word (``Bessmert|nykh``). Then
    English frequencies: the joined form must be more frequent than the rarer half:
    ``dis|turbing`` (4.05 against 0.0) joins, ``strong|response`` (0.0 against 5.03) does not,
    and ``any|one`` (5.38 against 6.07) stays two words, keeping the printed spacing.
    """
    joined = (left + right).lower()
    if joined in vocabulary and not (left.lower() in vocabulary and right.lower() in vocabulary):
        return True
    return _zipf(left + right) > min(_zipf(left), _zipf(right))
