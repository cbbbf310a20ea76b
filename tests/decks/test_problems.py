"""Tests how problems are printed and how deck text is made safe for a terminal."""

from __future__ import annotations

import subprocess
import sys

import pytest

from h2h_game.decks.problems import (
    DeckError,
    Problem,
    Severity,
    describe_char,
    snippet,
    visible,
)
from h2h_game.untrusted import terminal_safe


def test_a_syntax_problem_reads_file_line_column() -> None:
    assert str(Problem("d.toml", "unclosed array", line=3, column=7)) == (
        "d.toml:3:7: error: unclosed array"
    )


def test_a_card_problem_names_the_place_and_the_start_of_the_card() -> None:
    problem = Problem("d.toml", "card text is empty", where="levels[2].cards[5]", label="x" * 50)
    assert str(problem) == f'd.toml: error: levels[2].cards[5] ("{"x" * 40}…"): card text is empty'


def test_a_warning_says_warning() -> None:
    problem = Problem("d.toml", "m", where="deck.tags", severity=Severity.WARNING)
    assert str(problem) == "d.toml: warning: deck.tags: m"


def test_snippets_are_one_line_and_trimmed_before_the_ellipsis() -> None:
    assert snippet("a\nb\tc") == "a b c"
    assert snippet("word " * 20) == "word word word word word word word word…"


@pytest.mark.parametrize(
    ("char", "name"),
    [("\x00", "U+0000 (NUL)"), ("\x1b", "U+001B (ESC)"), ("\x7f", "U+007F (DEL)"),
     ("\x9b", "U+009B")],
)  # fmt: skip
def test_control_characters_are_named(char: str, name: str) -> None:
    assert describe_char(char) == name


def test_visible_escapes_controls_and_terminal_safe_removes_them() -> None:
    text = "a\x1b[31mb\x9b\tc\nd"
    assert visible(text) == "a\\x1b[31mb\\x9b\\tc\\nd"
    assert terminal_safe(text) == "a[31mb c d"
    assert terminal_safe("plain ünïcode 💛") == "plain ünïcode 💛"


def test_a_problem_never_prints_a_raw_control_character() -> None:
    problem = Problem("evil\x1b.toml", "m", where="levels[0].cards[0]", label="\x1b]0;x\x07")
    assert "\x1b" not in str(problem) and "\x07" not in str(problem)


def test_a_deck_error_needs_a_problem_and_shows_every_line() -> None:
    with pytest.raises(ValueError):
        DeckError([])
    error = DeckError([Problem("a", "one"), Problem("a", "two")])
    assert error.first == "a: error: one"
    assert str(error) == "a: error: one\na: error: two"


def test_h2h_help_does_not_import_the_deck_format() -> None:
    code = (
        "import sys, h2h_game.cli as cli; cli.build_parser(); "
        "print(any(name.startswith('h2h_game.decks') for name in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
