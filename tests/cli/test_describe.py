"""One description of a saved game for every screen: status, level, last played, the story."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from h2h_game import describe
from h2h_game.engine import summarise
from h2h_game.store import BrokenSave, SaveInfo
from h2h_game.tui.widgets import panels
from h2h_game.untrusted import width

NOW = datetime(2025, 11, 25, 22, 0).astimezone()
GAME = SaveInfo(
    id="2025-11-25-maya-sam-3f9c",
    path=Path("x.json"),
    deck="Partners",
    players=("Maya", "Sam"),
    colours=("coral", "teal"),
    level=1,
    level_name="Warm up",
    deepest=3,
    deepest_name="Deep end",
    answered=12,
    met=2,
    minutes=48,
    finished=False,
    created=NOW.timestamp() - 3600,
    updated=NOW.timestamp() - 600,
)


def test_status_words() -> None:
    assert describe.status(GAME) == "in progress"
    assert describe.status(replace(GAME, finished=True)) == "finished"
    broken = BrokenSave("x", Path("x.json"), "it is not valid JSON")
    assert describe.status(broken) == "damaged"
    assert describe.status(replace(broken, recovered=True)) == "damaged, recovered"
    assert describe.status(replace(broken, reason=describe.NEWER_REASON)) == "needs a newer h2h"


def test_a_game_in_progress_shows_where_it_picks_up_a_finished_one_how_deep_it_went() -> None:
    assert describe.level_shown(GAME) == "Warm up"
    assert describe.level_shown(replace(GAME, finished=True)) == "Deep end"


def test_last_played_in_words_and_never_a_crash_for_a_time_out_of_range() -> None:
    def at(*when: int) -> float:
        return datetime(*when).astimezone().timestamp()  # type: ignore[misc]

    assert describe.last_played(at(2025, 11, 25, 21, 14), NOW) == "today 21:14"
    assert describe.last_played(at(2025, 11, 24, 23, 5), NOW) == "yesterday 23:05"
    assert describe.last_played(at(2025, 11, 21, 20, 0), NOW) == "Friday 20:00"
    assert describe.last_played(at(2024, 12, 31, 23, 59), NOW) == "31 Dec 2024"
    assert describe.last_played(1e300, NOW) == "unknown"


def test_a_damaged_row_keeps_what_was_known_of_its_game() -> None:
    broken = BrokenSave("2025-11-25-maya-sam-3f9c", Path("x.json"), "it is cut short", 0.0, GAME)
    row = describe.row(broken, NOW)
    assert (row.players, row.deck, row.level) == ("Maya & Sam", "Partners", "Warm up")
    assert row.last_played == "today 21:50"
    assert row.status == "damaged: it is cut short"
    unknown = describe.row(replace(broken, game=None, modified=NOW.timestamp()), NOW)
    assert (unknown.players, unknown.last_played) == ("", "today 22:00")


def test_the_table_fits_the_terminal_by_narrowing_names_first() -> None:
    wide = replace(GAME, players=("Maximiliana Alexandrovna", "Bartholomew"), deck="漢字" * 10)
    text = describe.table([wide, GAME], NOW, columns=100)
    assert all(width(line) <= 100 for line in text.splitlines())
    assert text.splitlines()[1].endswith("in progress")  # the state is never cut off
    assert "…" in text


def test_untrusted_text_cannot_reach_the_terminal() -> None:
    evil = replace(GAME, players=("Ev\x1b[2Jil", "Sam\u202e"), deck="D\x07eck")
    text = describe.table([evil], NOW) + "\n".join(describe.detail(evil)) + describe.named(evil)
    assert not any(char in text for char in "\x1b\x07\u202e")


def test_the_story_is_the_one_the_summary_screen_tells(tmp_path: Path) -> None:
    from tests.store.helpers import fresh_game

    summary = summarise(fresh_game())
    assert panels.story is describe.story  # the summary panel tells this very story
    lines = describe.evening(summary)
    assert lines[:2] == describe.story(summary)[:2]
    assert lines[2] == f"You reached “{summary.deepest_name}”."
