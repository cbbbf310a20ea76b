"""Untrusted text loses everything that could drive a terminal, and nothing else."""

from __future__ import annotations

from h2h_game.untrusted import display_text, terminal_safe


def test_display_text_keeps_lines_and_drops_controls_and_bidi_overrides():
    text = "one\ntwo\tthree \x1b[31mred\x07 \x9b2J \u202egnp.exe\u202c 漢字 🫶"
    assert display_text(text) == "one\ntwo    three [31mred 2J gnp.exe 漢字 🫶"


def test_terminal_safe_puts_everything_on_one_line():
    assert terminal_safe("a\nb\tc\x1b]0;title\x07d") == "a b c]0;titled"


def test_ordinary_text_is_untouched():
    for text in ("Maya", "What's under it?", "[bold]brackets stay[/]", "Zoë & Søren"):
        assert display_text(text) == text == terminal_safe(text)
