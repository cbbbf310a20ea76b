"""Provides the text helpers that keep untrusted text (cards, deck and player names) inert.

A shared deck or a hand-edited save can carry ESC bytes and other controls that would recolour,
move or rewrite the player's terminal, or bidirectional overrides that make text read backwards.
Everything from a deck, a save or a name goes through here before it is printed or shown.

This is also the one place that knows which characters are controls (`CONTROL`), how wide text
is in a terminal (`width`, `cut`) and how a name becomes part of a file name (`slug`).
"""

from __future__ import annotations

import functools
import re

_C0_C1 = "\x00-\x1f\x7f-\x9f"
_BIDI = "\u202a-\u202e\u2066-\u2069"

CONTROL = re.compile(f"[{_C0_C1}]")
"""Unicode category Cc exactly (C0, DEL, C1): a regex scans long texts far faster than a loop."""
FORBIDDEN_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters not allowed in deck text: all of them except tab and newline."""


@functools.cache
def _unsafe() -> re.Pattern[str]:
    """Controls and the bidi embedding/override/isolate characters."""
    # Compiled when first needed: its ranges above U+00FF make it a third of a millisecond to
    # compile, a fiftieth of `h2h saves list`, which seldom meets such a character.
    return re.compile(f"[{_C0_C1}{_BIDI}]")


def display_text(text: str) -> str:
    """Text safe to show on screen: newlines kept, tabs as spaces, other controls removed."""
    if text.isprintable():
        return text  # no control and no bidi character (both are unprintable): nothing to do
    return _unsafe().sub(_replacement_keeping_lines, text)


def terminal_safe(text: str) -> str:
    """Text safe to print on one line: newlines and tabs become spaces, other controls go."""
    if text.isprintable():
        return text
    return _unsafe().sub(_replacement_on_one_line, text)


def _replacement_keeping_lines(match: re.Match[str]) -> str:
    char = match[0]
    if char == "\n":
        return "\n"
    return "    " if char == "\t" else ""


def _replacement_on_one_line(match: re.Match[str]) -> str:
    return " " if match[0] in "\n\t" else ""


def width(text: str) -> int:
    """Columns `text` takes in a terminal: wide East Asian characters take two, marks none."""
    if text.isascii():
        return len(text)  # every ASCII character counts one here, controls included
    import unicodedata  # loaded on the first text that is not ASCII: most lists have none

    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def cut(text: str, columns: int) -> str:
    """`text` shortened with an ellipsis to fit in `columns` terminal columns."""
    if width(text) <= columns:
        return text
    if columns <= 0:
        return ""
    kept, used = [], 0
    for ch in text:
        step = width(ch)
        if used + step > columns - 1:
            break
        kept.append(ch)
        used += step
    return "".join(kept).rstrip() + "…"


def slug(text: str, *, fallback: str, limit: int = 40, ascii_only: bool = False) -> str:
    """Words of `text` joined by hyphens, lowercase, for a file name: "Road trip!" → "road-trip".

    With `ascii_only` letters lose their accents and anything else non-ASCII goes (game ids are
    ASCII); otherwise letters of every script stay. `fallback` when nothing is left.
    """
    import unicodedata

    folded = (
        unicodedata.normalize("NFKD", text) if ascii_only else unicodedata.normalize("NFC", text)
    )
    if ascii_only:
        folded = folded.encode("ascii", "ignore").decode()
    words = "".join(ch if ch.isalnum() and ch.isprintable() else " " for ch in folded.casefold())
    if ascii_only:
        words = "".join(ch if ch.isascii() else " " for ch in words)
    joined = "-".join(words.split())
    return joined[:limit].rstrip("-") or fallback
