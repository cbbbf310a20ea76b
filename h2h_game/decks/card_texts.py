"""Provides checks and canonical forms of many card texts at once, for big decks.

Checking one card at a time costs a few microseconds of Python per card: a 10,000-card deck spent
longer there than tomllib spent parsing it. These functions do the same work for a whole level in
a handful of passes made of C-level string methods. They answer exactly as the one-card checks
and `canonical_text` would, or say None when some text needs those checks to explain it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from h2h_game.decks.problems import FORBIDDEN_CONTROL
from h2h_game.engine.deck import canonical_text

_JOIN = "\x00"
"""Joins texts for whole-level passes: NUL is a control character no card text may hold, and
Unicode never composes, folds or splits it, so the joined passes split back cleanly."""


def trimmed_if_clean(raws: Sequence[str], longest: int) -> list[str] | None:
    """The texts trimmed when every one is a good card text; None when any is not.

    Good: no control character other than tab and newline, something left after trimming, and
    at most `longest` characters of it.
    """
    joined = "\n".join(raws)
    if not _printable_ascii(joined, also="\t\n") and FORBIDDEN_CONTROL.search(joined):
        return None
    trimmed = [raw.strip() for raw in raws]
    if not all(trimmed) or max(map(len, trimmed), default=0) > longest:
        return None
    return trimmed


def canonical_texts(texts: Sequence[str]) -> list[str]:
    """`canonical_text` of every text, in the same order."""
    # Trimming first changes no canonical form (no whitespace character normalises into or
    # composes with anything else), and leaves runs of spaces as all there is to look for.
    trimmed = [text.strip() for text in texts]
    joined = _JOIN.join(trimmed)
    if not trimmed or joined.count(_JOIN) != len(trimmed) - 1:
        return [canonical_text(text) for text in trimmed]
    if not unicodedata.is_normalized("NFC", joined):
        joined = unicodedata.normalize("NFC", joined)
    forms = joined.split(_JOIN)
    # Printable text has no whitespace but the plain space: with no two of them together,
    # every text is in canonical form already.
    printable = _printable_ascii(joined, also=_JOIN) or all(map(str.isprintable, forms))
    if printable and "  " not in joined:
        return forms
    return [" ".join(form.split()) for form in forms]


def folded(texts: Sequence[str]) -> list[str]:
    """Every text case-folded, in the same order."""
    joined = _JOIN.join(texts)
    if not texts or joined.count(_JOIN) != len(texts) - 1:
        return [text.casefold() for text in texts]
    # Case folding maps one character at a time, never NUL, so the pieces split back.
    return joined.casefold().split(_JOIN)


_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


def _printable_ascii(text: str, *, also: str) -> bool:
    """Whether `text` is ASCII with no characters but printable ones and those in `also`.

    A quick yes for the commonest decks (deleting the allowed bytes leaves nothing, in one C
    pass); a no only means a slower check must decide.
    """
    return text.isascii() and not text.encode("ascii").translate(
        None, _PRINTABLE_ASCII + also.encode("ascii")
    )
