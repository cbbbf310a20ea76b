"""Pictures of every main screen, at the smallest supported size and at a roomy one.

Each test names the state it shows and says in its docstring what the picture proves. Update
them with `make snapshots`, then look at the report before committing.

What keeps the pictures identical from run to run:
- the fixed clock and seed from `conftest.py`, and a fresh saves folder per test;
- `TZ=UTC`, because "last played" on the load-game screen is local time;
- animations off (see `conftest.py`), so the breathing shape stands still;
- no cursor blink in text inputs, and no mouse: nothing is hovered;
- test decks for the table, so a change of wording in a bundled deck does not touch these.
"""

from __future__ import annotations

import os
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from h2h_game.engine import Deck, Effect
from h2h_game.flow import Preset
from h2h_game.tui.app import H2HApp
from h2h_game.tui.launch import Launch
from h2h_game.tui.screens.table import TableScreen
from tests.engine.builders import make_deck, question
from tests.tui.conftest import Clock, story_deck, table_app, wild_deck

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
"""The smallest size the game supports, and a roomy one."""
SMALLEST = pytest.mark.parametrize("size", [(80, 24)], ids=["80x24"])
"""Where every key must still be visible: each state over the table is pictured here too."""

RunBefore = Callable[[Pilot[None]], Awaitable[None]]


@pytest.fixture(autouse=True)
def steady_pictures(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """UTC local time (conftest turns animations off)."""
    old_tz = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old_tz is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old_tz
    time.tzset()


def pressing(*keys: str) -> RunBefore:
    """A `run_before` that presses these keys, one after another, and lets the screen settle."""

    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.press(*keys)
        await pilot.pause()

    return run_before


def steady_cursors(pilot: Pilot[None]) -> None:
    """Text inputs on the current screen show a steady cursor instead of a blinking one."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


def tagged_deck() -> Deck:
    """A small deck whose cards carry topics, so the private-lines step is shown."""
    return make_deck(
        [
            question(1, "What did your family do on Sunday mornings?", "family"),
            question(1, "What is something you were given that you still keep?", "loss"),
            question(1, "What would you do with a free afternoon and a little money?", "money"),
            question(1, "Where do you feel most at home in your own body?", "body"),
        ],
        [question(2, f"What are you carrying around lately, number {i}?") for i in range(4)],
    )


def short_pile_deck() -> Deck:
    """One card on the first level, and the second opens after it: a pile runs out early."""
    return make_deck(
        [question(1, "What is a small thing that made you smile today?")],
        [question(2, f"What are you carrying around lately, number {i}?") for i in range(4)],
        unlocks=[0, 1],
    )


def write_broken_save(saves: Path, clock: Clock) -> None:
    """A save that was set aside as unreadable, with a fixed name and a fixed age.

    The name already carries the `.corrupt-<time>` mark, so listing it does not move it aside
    under a name made from the real time.
    """
    saves.mkdir(mode=0o700, parents=True, exist_ok=True)
    broken = saves / "2026-01-01-broken-game-0000.corrupt-20260101T000000Z.json"
    broken.write_text("{ not json", encoding="utf-8")
    three_days_ago = clock.now - 3 * 86400
    os.utime(broken, (three_days_ago, three_days_ago))


# --- title ------------------------------------------------------------------------------


class TestTitle:
    @SIZES
    def test_title_without_a_saved_game(self, snap_compare, services, size):
        """The plain words "Heart to Heart", the promise, and a menu that starts at New game."""
        assert snap_compare(H2HApp(services), terminal_size=size)

    @SIZES
    def test_title_with_a_game_to_continue(self, snap_compare, services, size):
        """After leaving a game, Continue comes first, naming the two players and the deck."""
        app = table_app(services)
        assert snap_compare(app, terminal_size=size, run_before=pressing("a", "m", "q"))


# --- new game ---------------------------------------------------------------------------


class TestNewGame:
    @SIZES
    def test_deck_step_lists_the_bundled_decks(self, snap_compare, services, size):
        """Step 1 lists the four bundled decks, Heart to Heart highlighted, its details beside."""
        app = H2HApp(services, Launch(preset=Preset()))
        assert snap_compare(app, terminal_size=size)

    @SIZES
    def test_names_step_with_both_names_typed(self, snap_compare, services, size):
        """Who sits left (f) and right (j), with both names typed and a steady cursor."""

        async def run_before(pilot: Pilot[None]) -> None:
            await pilot.press("enter")
            steady_cursors(pilot)
            await pilot.press(*"Maya", "tab", *"Sam")
            await pilot.pause()

        app = H2HApp(services, Launch(preset=Preset()))
        assert snap_compare(app, terminal_size=size, run_before=run_before)

    @SIZES
    def test_private_lines_step_with_one_topic_ticked(self, snap_compare, services, size):
        """Maya, alone at the screen, sees the deck's topics and has ticked the first one."""
        app = H2HApp(services, Launch(preset=Preset(deck=tagged_deck(), names=("Maya", "Sam"))))
        assert snap_compare(app, terminal_size=size, run_before=pressing("enter", "space"))

    @SIZES
    def test_ritual_step_with_one_player_ready(self, snap_compare, services, size):
        """The ritual lines, Maya ready with a tick, Sam still asked to press j."""
        app = H2HApp(services, Launch(preset=Preset(deck=story_deck(), names=("Maya", "Sam"))))
        assert snap_compare(app, terminal_size=size, run_before=pressing("enter", "f"))


# --- the table --------------------------------------------------------------------------


class TestTable:
    @SIZES
    def test_speaking(self, snap_compare, services, size):
        """The card is the hero; the speaker's side is lit, the listener sees a listening tip,
        and the buttons offer only the speaker's moves."""
        assert snap_compare(table_app(services), terminal_size=size)

    @SIZES
    def test_after_i_answered_the_listener_moves(self, snap_compare, services, size):
        """After "I answered" the listener's side is lit and the buttons become theirs:
        reflect, meet them there, thank you."""
        assert snap_compare(table_app(services), terminal_size=size, run_before=pressing("a"))

    @SIZES
    def test_a_wild_card(self, snap_compare, services, size):
        """A wild card has its own border colour and a quiet line saying what kind it is."""
        app = table_app(services, wild_deck(Effect.BOTH_ANSWER))
        assert snap_compare(app, terminal_size=size)

    @SIZES
    def test_a_card_led_from_one_level_deeper(self, snap_compare, services, size):
        """After "lead the way" the card comes from level 2 with a double border, marked
        "one level up", while the ladder still shows level 1."""
        assert snap_compare(table_app(services), terminal_size=size, run_before=pressing("g"))

    @SIZES
    def test_an_empty_pile(self, snap_compare, services, size):
        """When a level's pile runs out (its one card met, going deeper put off with "not
        yet") the card lies face down and says so, and the ways on get buttons."""
        app = table_app(services, short_pile_deck())
        assert snap_compare(app, terminal_size=size, run_before=pressing("a", "m", "escape"))


# --- over the table ---------------------------------------------------------------------


class TestOverlays:
    @SIZES
    def test_go_deeper_with_one_player_agreed(self, snap_compare, services, size):
        """The offer names both players with their own keys; Maya has agreed with f and
        carries a tick, Sam is still asked to press j."""
        app = table_app(services)
        assert snap_compare(app, terminal_size=size, run_before=pressing("a", "m", "a", "m", "f"))

    @SIZES
    def test_quiet_moment(self, snap_compare, services, size, monkeypatch):
        """No card, one line of calm, a still breathing shape, and "Go on" greyed out, saying
        in words how long until it wakes."""
        monkeypatch.setattr(TableScreen, "GO_ON_AFTER", 60.0)
        app = table_app(services)
        assert snap_compare(app, terminal_size=size, run_before=pressing("a", "s"))

    @SIZES
    def test_pause(self, snap_compare, services, size):
        """The card is hidden: one line asking both to come back when ready, and Resume."""
        assert snap_compare(table_app(services), terminal_size=size, run_before=pressing("space"))

    @SIZES
    def test_closing_card(self, snap_compare, services, size):
        """Stars and wishes: what each loved and wishes for, with each player's own key, a
        labelled Skip (k) and a way back to the table (esc)."""
        app = table_app(services)
        assert snap_compare(app, terminal_size=size, run_before=pressing("a", "m", "w", "w"))

    @SIZES
    def test_landing_card(self, snap_compare, services, size):
        """After an evening that went past level 1, one light card to come back up together
        before the close: both answer, no tokens, skippable."""
        app = table_app(services)
        assert snap_compare(
            app, terminal_size=size, run_before=pressing("g", "a", "m", "w", "w", "j")
        )

    @SMALLEST
    def test_wrap_up_asks_once(self, snap_compare, services, size):
        """Wrap up asks "Wrap up the evening?" in a dialog centred over the table."""
        app = table_app(services)
        assert snap_compare(app, terminal_size=size, run_before=pressing("a", "w"))

    @SMALLEST
    def test_after_a_move_the_table_says_what_happened(self, snap_compare, services, size):
        """A removed card is acknowledged in plain words, and the hint line teaches the move
        the players are about to need, on a table of 80×24 with every key visible."""
        app = table_app(services)
        assert snap_compare(app, terminal_size=size, run_before=pressing("x"))

    @SMALLEST
    def test_a_full_jar_stays_on_one_line(self, snap_compare, services, size):
        """At 80 columns a jar of many tokens stays one line: tighter dots, then a number."""
        deck = make_deck(
            [
                question(1, f"What is a small thing that made you smile, number {i}?")
                for i in range(14)
            ],
            [question(2, "What are you carrying around lately?")],
            unlocks=[0, 40],
        )
        app = table_app(services, deck)
        turns = ("a", "r", "h", "m") * 11  # 22 tokens of 40
        assert snap_compare(app, terminal_size=size, run_before=pressing(*turns))

    @SIZES
    def test_summary(self, snap_compare, services, clock, size):
        """A short story of the evening (48 minutes, one card met, the level reached), not a
        scoreboard, then the offers, hiding the removed card included."""

        async def run_before(pilot: Pilot[None]) -> None:
            # Sixteen minutes between key presses: under the idle gap, so all of it counts.
            for key in ("x", "a", "m"):
                await pilot.press(key)
                clock.advance(16)
            await pilot.press("w", "w", "f", "j")
            await pilot.pause()

        app = table_app(services)
        assert snap_compare(app, terminal_size=size, run_before=run_before)


# --- around the table -------------------------------------------------------------------


class TestAround:
    @SIZES
    def test_load_game_with_one_game_and_one_broken_save(
        self, snap_compare, services, saves, clock, size
    ):
        """Saved games newest first: Maya & Sam's game played today, and a broken save listed
        by its file name with the reason, never hidden."""
        write_broken_save(saves, clock)
        app = table_app(services)
        assert snap_compare(app, terminal_size=size, run_before=pressing("a", "m", "q", "l"))

    @SIZES
    def test_decks(self, snap_compare, services, size):
        """Decks opens the deck studio: the seven bundled decks, each with its cards per level
        and where it came from, the first one's description beside (the doctor's counts are in
        tests/studio)."""
        app = H2HApp(services)
        assert snap_compare(app, terminal_size=size, run_before=pressing("down", "down", "enter"))

    @SIZES
    def test_help_over_the_table(self, snap_compare, services, size):
        """Help opens over the table with F1 and starts with the rules in plain words."""
        assert snap_compare(table_app(services), terminal_size=size, run_before=pressing("f1"))

    def test_too_small_notice(self, snap_compare, services):
        """Below 24 rows (or 40 columns) the whole screen is covered by one calm notice saying
        the size needed."""
        assert snap_compare(table_app(services), terminal_size=(70, 20))


# --- narrow: a split pane, and a phone in a browser -------------------------------------


class InABrowser(H2HApp):
    """The app as `h2h serve` runs it: Textual knows it is driving a web page."""

    @property
    def is_web(self) -> bool:
        return True


class TestNarrow:
    def test_the_table_in_a_split_pane(self, snap_compare, services):
        """60×24: the header on two lines, no ladder, the moves two by two, the card whole."""
        assert snap_compare(table_app(services), terminal_size=(60, 24), run_before=pressing("a"))

    def test_the_table_on_a_phone(self, snap_compare, services):
        """A phone held upright (about 43×40 cells): every move a finger-sized button."""
        app = table_app(services, kind=InABrowser)
        assert snap_compare(app, terminal_size=(43, 40), run_before=pressing("a"))

    def test_the_title_on_a_phone(self, snap_compare, services):
        """The menu fits the width; nothing is cut off at the right."""
        assert snap_compare(InABrowser(services), terminal_size=(43, 40))


# --- the README's picture ---------------------------------------------------------------


class TestReadme:
    def test_the_table_in_the_readme(self, snap_compare, services):
        """The README's screenshot: the bundled deck at 100×30, one card in, the jar filling.

        The README links this file, so the picture there is always the game as it is.
        """
        from h2h_game.decks.format import load_deck
        from h2h_game.paths import bundled_decks_dir

        deck = load_deck(bundled_decks_dir() / "heart-to-heart.toml")
        app = table_app(services, deck, seed=5, length="evening")
        assert snap_compare(app, terminal_size=(100, 30), run_before=pressing("a", "r", "h", "m"))
