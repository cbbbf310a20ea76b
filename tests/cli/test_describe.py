"""One description of a saved game for every screen: status, level, last played, the story."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from h2h_game import describe
from h2h_game.engine import Ending, summarise
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


def test_time_together_in_words() -> None:
    said = {
        minutes: describe.minutes_phrase(minutes)
        for minutes in (0, 1, 48, 89, 90, 123, 125, 60 * 3 + 59)
    }
    assert said == {
        0: "a few moments",
        1: "a minute",
        48: "48 minutes",
        89: "89 minutes",
        90: "an hour and 30 minutes",
        123: "2 hours",  # a few minutes over the hour are not worth saying
        125: "2 hours and 5 minutes",
        239: "3 hours and 59 minutes",
    }


def test_the_story_of_an_evening_that_went_somewhere() -> None:
    from tests.store.helpers import fresh_game

    quiet = summarise(fresh_game())
    full = replace(
        quiet,
        minutes=95,
        answered=1,
        met=3,
        felt_heard=1,
        jar=1,
        deepest_name="Deep \x1b[31mend",
        ending=Ending.WRAP_UP,
    )
    assert describe.evening(full) == [
        "You spent an hour and 35 minutes together.",
        "You answered one card and met each other 3 times.",
        "You reached “Deep [31mend”.",
        "Someone felt truly heard once.",
        "The trust jar holds one token.",
        "You chose to wrap up here.",
    ]
    many = replace(full, answered=7, met=2, felt_heard=2, jar=9, ending=Ending.CARDS)
    assert describe.story(many)[1:] == [
        "You answered 7 cards and met each other twice.",
        "Someone felt truly heard twice.",
        "The trust jar holds 9 tokens.",
    ]
    assert describe.evening(many)[-1] == "You have been through every card you could reach."


def test_a_damaged_file_of_an_unknown_game_is_named_by_its_file() -> None:
    broken = BrokenSave("2025-11-25-maya-sam-3f9c", Path("/s/2025-11-25-maya-sam-3f9c.json"), "x")
    assert describe.named(broken, NOW) == "the damaged file 2025-11-25-maya-sam-3f9c.json"
    assert describe.damaged_message(broken, NOW) == [
        "The damaged file 2025-11-25-maya-sam-3f9c.json cannot be opened: x.",
        "Its file is /s/2025-11-25-maya-sam-3f9c.json.",
        "Bring back its last good state with: h2h saves recover 2025-11-25-maya-sam-3f9c",
        "Or delete it with: h2h saves delete 2025-11-25-maya-sam-3f9c",
    ]
    assert describe.detail(broken) == [
        "2025-11-25-maya-sam-3f9c.json: x.",
        "`h2h saves recover 2025-11-25-maya-sam-3f9c` brings back its last good state.",
    ]


def test_what_is_said_of_a_recovered_or_newer_file() -> None:
    aside = "2025-11-25-maya-sam-3f9c.corrupt-20251125T210000Z"
    recovered = BrokenSave(aside, Path(f"{aside}.json"), "it is cut short", 0.0, GAME, True)
    message = describe.damaged_message(recovered, NOW)
    assert message[0].startswith("The game of Maya and Sam (Partners, last played today 21:50)")
    assert message[1].endswith("(moved aside and kept as it was).")
    assert message[2:] == [
        "It has been recovered. Carry on with: h2h continue 2025-11-25-maya-sam-3f9c"
    ]
    assert describe.detail(recovered)[-1] == "It has been recovered as 2025-11-25-maya-sam-3f9c."
    newer = BrokenSave(GAME.id, Path("x.json"), describe.NEWER_REASON, 0.0, GAME)
    assert describe.damaged_message(newer, NOW)[2:] == ["Update h2h to open it."]
    assert describe.detail(newer) == [
        "Maya & Sam · Partners",
        "Reached “Deep end”, met each other twice, 48 minutes together.",
        "x.json: saved by a newer version of h2h.",
    ]


def test_a_terminal_too_narrow_for_the_table_cuts_its_lines() -> None:
    text = describe.table([GAME], NOW, columns=40)
    lines = text.splitlines()
    assert all(width(line) <= 40 for line in lines)
    assert lines[1].startswith(GAME.id) and lines[1].endswith("…")


def said_by_datetime(when: float, now: datetime) -> str:
    """How the list said a moment when it worked it out with datetime."""
    try:
        moment = datetime.fromtimestamp(when).astimezone()
    except (OverflowError, OSError, ValueError):
        return "unknown"
    days = (now.date() - moment.date()).days
    clock = moment.strftime("%H:%M")
    if days in (0, 1):
        return f"{('today', 'yesterday')[days]} {clock}"
    if 1 < days < 7:
        return f"{moment:%A} {clock}"
    if moment.year == now.year:
        return f"{moment.day} {moment:%b} {clock}"
    return f"{moment.day} {moment:%b %Y}"


@given(
    # Whole seconds: within a microsecond of the next second datetime rounds up, the list not.
    when=st.integers(min_value=0, max_value=300_000_000_000) | st.sampled_from([1e300, -1e300]),
    now=st.integers(min_value=0, max_value=4_000_000_000),
)
def test_a_moment_is_said_as_datetime_would_say_it(when: float, now: int) -> None:
    today = datetime.fromtimestamp(now).astimezone()
    assert describe.last_played(when, today) == said_by_datetime(when, today)
