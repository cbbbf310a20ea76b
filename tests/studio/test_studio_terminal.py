"""The real `h2h deck edit` in a real terminal (tmux): a new deck written by keys, saved, and
validated from the shell, as someone would do it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tui.test_terminal import Terminal

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None,
    reason="tmux is not on PATH: the real-terminal test runs h2h inside a tmux pane",
)

CARDS = ("Who made you laugh today?", "What weighs on you lately?", "What do we hope for?")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(tmp_path)
    try:
        yield term
    finally:
        term.close()


def test_a_new_deck_written_by_keys_saves_a_file_that_validates(terminal: Terminal, tmp_path: Path):
    deck = tmp_path / "road-trip.toml"
    studio = terminal.start("deck", "edit", str(deck))
    terminal.wait_for(
        studio, "the editor", lambda s: "Road trip" in s and "Warm up" in s and "a Add" in s
    )
    for text in CARDS:
        terminal.press(studio, "a")
        terminal.wait_for(studio, "a new card", lambda s: "Write the question here" in s)
        terminal.press(studio, text)
        terminal.wait_for(studio, "the card's text", lambda s, t=text: t in s)
        terminal.press(studio, "Escape")
        terminal.wait_for(studio, "the list again", lambda s: "a Add" in s)
        terminal.press(studio, "Down")
    terminal.wait_for(studio, "no errors", lambda s: "no errors" in s)
    terminal.press(studio, "C-s")
    terminal.wait_for(studio, "the save", lambda s: "Saved to" in s and "saved" in s)
    terminal.press(studio, "C-q")
    assert terminal.wait_for_exit(studio) == 0

    validate = subprocess.run(
        [sys.executable, "-m", "h2h_game", "deck", "validate", str(deck)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert validate.returncode == 0, validate.stderr
    assert '"Road trip", 3 levels, 3 cards' in validate.stdout
