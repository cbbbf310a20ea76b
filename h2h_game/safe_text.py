"""Provides the text helpers that keep untrusted text (cards, deck and player names) inert.

A shared deck or a hand-edited save can carry ESC bytes and other controls that would recolour,
move or rewrite the player's terminal, or bidirectional overrides that make text read backwards.
Everything from a deck, a save or a name goes through here before it is printed or shown.
"""

from __future__ import annotations

import re

# Unicode category Cc (C0, DEL, C1) and the bidi embedding/override/isolate controls.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def display_text(text: str) -> str:
    """Text safe to show on screen: newlines kept, tabs as spaces, other controls removed."""
    return _UNSAFE.sub(_replacement_keeping_lines, text)


def terminal_safe(text: str) -> str:
    """Text safe to print on one line: newlines and tabs become spaces, other controls go."""
    return _UNSAFE.sub(_replacement_on_one_line, text)


def _replacement_keeping_lines(match: re.Match[str]) -> str:
    char = match[0]
    if char == "\n":
        return "\n"
    return "    " if char == "\t" else ""


def _replacement_on_one_line(match: re.Match[str]) -> str:
    return " " if match[0] in "\n\t" else ""
