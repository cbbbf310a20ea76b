"""Untrusted text loses everything that could drive a terminal, and nothing else."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from h2h_game.untrusted import display_text, terminal_safe, width


def test_display_text_keeps_lines_and_drops_controls_and_bidi_overrides():
    text = "one\ntwo\tthree \x1b[31mred\x07 \x9b2J \u202egnp.exe\u202c 漢字 🫶"
    assert display_text(text) == "one\ntwo    three [31mred 2J gnp.exe 漢字 🫶"


def test_terminal_safe_puts_everything_on_one_line():
    assert terminal_safe("a\nb\tc\x1b]0;title\x07d") == "a b c]0;titled"


def test_ordinary_text_is_untouched():
    for text in ("Maya", "What's under it?", "[bold]brackets stay[/]", "Zoë & Søren"):
        assert display_text(text) == text == terminal_safe(text)


UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What must never reach a terminal: every control character and the bidi overrides."""


@given(st.text())
def test_only_unsafe_characters_go_however_the_text_is_checked(text: str) -> None:
    # The printable shortcut must agree with the full scan on every text.
    one_line, lines = terminal_safe(text), display_text(text)
    assert not UNSAFE.search(one_line)
    assert one_line == UNSAFE.sub(lambda m: " " if m[0] in "\n\t" else "", text)
    assert lines == UNSAFE.sub(lambda m: {"\n": "\n", "\t": "    "}.get(m[0], ""), text)


@given(st.text())
def test_width_counts_wide_characters_twice_and_marks_not_at_all(text: str) -> None:
    expected = sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )
    assert width(text) == expected
