"""The screens around the table: title, new game, load game, decks, help, small terminals."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from h2h_game.engine import Length
from h2h_game.flow import Preset
from h2h_game.store import SaveStore
from h2h_game.tui.app import H2HApp
from h2h_game.tui.launch import Launch
from h2h_game.tui.messages import StartGame
from h2h_game.tui.screens.dialogs import ChoiceDialog
from h2h_game.tui.screens.help import HelpScreen
from h2h_game.tui.screens.load_game import LoadGameScreen
from h2h_game.tui.screens.new_game import NewGameScreen
from h2h_game.tui.screens.studio.browser import StudioBrowser
from h2h_game.tui.screens.table import TableScreen
from h2h_game.tui.screens.title import TitleScreen
from tests.tui.conftest import story_deck, table_app
from tests.tui.helpers import said, table_of, until


def menu_ids(app: H2HApp) -> list[str]:
    menu = app.screen.query_one("#menu")
    return [option.id for option in menu.options]


def step_of(app: H2HApp) -> str:
    screen = app.screen
    assert isinstance(screen, NewGameScreen)
    return screen.step.id or ""


def name_error(app: H2HApp) -> str:
    return str(app.screen.query_one("#name-error", Static).render())


async def at_table(pilot, app: H2HApp) -> TableScreen:
    await until(pilot, lambda: isinstance(app.screen, TableScreen))
    return table_of(app)


async def test_the_title_says_heart_to_heart_and_offers_continue_only_with_a_game(services):
    app = H2HApp(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert str(app.screen.query_one("#title-words").render()) == "Heart to Heart"
        assert menu_ids(app) == ["new", "load", "decks", "help", "quit"]
    async with table_app(services).run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "q")
        await until(pilot, lambda: isinstance(pilot.app.screen, TitleScreen))
        assert menu_ids(pilot.app)[0] == "continue"


async def test_a_new_game_with_private_lines_reaches_the_table(services):
    app = H2HApp(services, Launch(preset=Preset()))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, NewGameScreen))
        screen = app.screen
        assert step_of(app) == "deck"
        await pilot.press("enter")  # the default deck: Heart to Heart
        assert screen.choices.deck is not None and screen.choices.deck.name == "Heart to Heart"
        await pilot.press(*"Maya", "enter", *"Sam", "enter")
        assert step_of(app) == "look-0"
        await pilot.press("enter")  # Sam looks away
        await pilot.press("space", "enter")  # Maya ticks the first topic
        assert step_of(app) == "look-1"
        await pilot.press("enter")
        # Sam does not see what Maya ticked.
        assert screen.query_one("#lines-list-1").selected == []
        await pilot.press("down", "space", "enter")
        assert step_of(app) == "length"
        # No count of topics left out: with two players it would tell each the other's lines.
        assert "left out" not in " ".join(str(s.render()) for s in screen.query(Static))
        await pilot.press("up", "enter")  # short
        assert step_of(app) == "ritual"
        await pilot.press("enter")  # "How a turn goes": read
        await pilot.press("f", "j")
        await until(pilot, lambda: step_of(app) == "first")
        await pilot.press("down", "enter")  # Maya goes first
        table = await at_table(pilot, app)
        state = table.state
        assert [p.name for p in state.players] == ["Maya", "Sam"]
        assert state.deal.length is Length.SHORT
        assert state.moment.speaker == 0
        tags = {"family", "loss", "childhood"} & set(screen.choices.deck.used_tags())
        ticked = screen.choices.lines[0] | screen.choices.lines[1]
        assert len(ticked) == 2
        assert not any(
            ticked & set(screen.choices.deck.card(c).tags)
            for pile in state.deal.piles
            for c in pile
        ), tags


async def test_enter_after_the_first_name_moves_to_the_second(services):
    app = H2HApp(services, Launch(preset=Preset()))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, NewGameScreen))
        await pilot.press("enter", *"Ann", "enter")
        assert step_of(app) == "names"
        assert app.screen.focused is app.screen.query_one("#name-1", Input)
        await pilot.press(*"Ben", "enter")
        assert app.screen.choices.names == ["Ann", "Ben"]


@pytest.mark.parametrize(
    ("first", "second", "says"),
    [
        ("Sam", "sam", "Both of you are called Sam"),
        ("Ann", "Bo\u202eb", "The second name: A name can't hold the invisible character U+202E"),
        ("Ann\x07", "Ben", "The first name: A name can't hold the invisible character U+0007"),
    ],
)
async def test_names_that_cannot_be_told_apart_or_shown_are_refused_plainly(
    services, first, second, says
):
    app = H2HApp(services, Launch(preset=Preset()))
    async with app.run_test(size=(120, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, NewGameScreen))
        await pilot.press("enter")
        app.screen.query_one("#name-0", Input).value = first
        app.screen.query_one("#name-1", Input).value = second
        await pilot.click("#next")
        assert step_of(app) == "names"
        assert says in name_error(app)


async def test_names_with_joiners_and_emoji_are_kept_whole(services):
    family = "Zoë 👩\u200d👩\u200d👧"
    persian = "\u0645\u0647\u200c\u0633\u0627"
    app = H2HApp(services, Launch(preset=Preset(deck=story_deck())))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, NewGameScreen))
        app.screen.query_one("#name-0", Input).value = family
        app.screen.query_one("#name-1", Input).value = persian
        await pilot.press("ctrl+s")
        table = await at_table(pilot, app)
        assert [p.name for p in table.state.players] == [family, persian]


async def test_every_step_can_be_taken_with_enter_and_the_defaults(services):
    app = H2HApp(services, Launch(preset=Preset()))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, NewGameScreen))
        await pilot.press("enter", "enter", "enter")  # deck, first name, second name
        for _ in range(4):  # the curtain and the lines, twice
            await pilot.press("enter")
        await pilot.press("enter", "k", "f", "j")  # length; skip the how-to; both ready
        await until(pilot, lambda: step_of(app) == "first")
        await pilot.press("enter")
        table = await at_table(pilot, app)
        assert [p.name for p in table.state.players] == ["Player 1", "Player 2"]


async def test_back_and_esc_walk_back_through_every_step_to_the_title(services):
    app = H2HApp(services, Launch(preset=Preset()))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, NewGameScreen))
        await pilot.press("enter", *"Maya", "enter", *"Sam", "enter")
        seen = [step_of(app)]
        await pilot.press("enter", "space", "enter")  # Maya's lines: one ticked
        seen.append(step_of(app))
        await pilot.press("escape")
        # Back never goes straight into someone's ticks: the curtain comes first.
        assert step_of(app) == "look-0"
        await pilot.press("escape")
        assert step_of(app) == "names"
        assert app.screen.query_one("#name-0", Input).value == "Maya"
        await pilot.click("#back")
        assert step_of(app) == "deck"
        assert str(app.screen.query_one("#back").label) == "Title  esc"
        await pilot.press("escape")
        assert isinstance(app.screen, TitleScreen)
        assert seen == ["look-0", "look-1"]


async def test_the_ritual_has_how_a_turn_goes_then_needs_both_players(services):
    app = H2HApp(services, Launch(preset=Preset(deck=story_deck(), names=("Maya", "Sam"))))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, NewGameScreen))
        await pilot.press("enter")  # length
        assert step_of(app) == "ritual"
        how = str(app.screen.query_one("#how-a-turn-goes").render())
        assert "How a turn goes" in how and "5. Pass (p)" in how
        await pilot.press("f")  # not yet: they are still reading
        await pilot.press("k")
        ritual = str(app.screen.query_one("#ritual-text").render())
        assert "never used later in an argument" in ritual
        assert "Awkward is allowed, and laughing is fine." in ritual
        await pilot.click("#next")
        assert step_of(app) == "ritual"  # both must confirm
        await pilot.click("#ready-1")
        await pilot.press("f")
        await until(pilot, lambda: step_of(app) == "first")


async def test_with_hints_off_the_ritual_skips_how_a_turn_goes(services):
    services.hints = False
    app = H2HApp(services, Launch(preset=Preset(deck=story_deck(), names=("Maya", "Sam"))))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, NewGameScreen))
        await pilot.press("enter")
        assert not app.screen.query_one("#how-a-turn-goes").display
        await pilot.press("f", "j")
        await until(pilot, lambda: step_of(app) == "first")


async def test_a_deck_shows_who_it_is_for(services):
    app = H2HApp(services, Launch(preset=Preset()))
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, NewGameScreen))
        details = str(app.screen.query_one("#deck-details").render())
        assert details.startswith("Heart to Heart\nFor: ")


async def test_the_new_game_screen_posts_what_was_chosen(services):
    seen: list[StartGame] = []
    app = H2HApp(services, Launch(preset=Preset(deck=story_deck(), names=("Maya", "Sam"))))

    def hook(message: object) -> None:
        if isinstance(message, StartGame):
            seen.append(message)

    async with app.run_test(size=(100, 30), message_hook=hook) as pilot:
        await until(pilot, lambda: isinstance(app.screen, NewGameScreen))
        await pilot.press("ctrl+s")
        await at_table(pilot, app)
    # (The hook sees the message at each step as it bubbles from the screen to the app.)
    assert len({id(message) for message in seen}) == 1
    assert seen[0].names == ("Maya", "Sam")
    assert seen[0].lines == frozenset()


async def test_load_game_lists_games_and_broken_saves_and_deletes_with_confirmation(
    services, saves
):
    async with table_app(services).run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "m", "q")
    (saves / "2026-01-01-broken-game-0000.json").write_text("{ not json", encoding="utf-8")
    app = H2HApp(services)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, LoadGameScreen))
        table = app.screen.query_one("#saves")
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert any(row[0] == "Maya & Sam" and row[3] == "1" for row in rows)
        maya = next(i for i, row in enumerate(rows) if row[0] == "Maya & Sam")
        table.move_cursor(row=maya)
        await pilot.press("d")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#choice-delete")
        await until(pilot, lambda: isinstance(app.screen, LoadGameScreen))
        left = SaveStore(saves).list()
        assert all(getattr(i, "players", None) is None for i in left)


async def test_open_from_load_game_lands_on_the_table(services):
    async with table_app(services).run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "q")
    app = H2HApp(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, LoadGameScreen))
        await pilot.press("enter")
        await at_table(pilot, app)


async def test_a_game_open_in_another_window_is_followed_read_only(services):
    first = table_app(services)
    async with first.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        other = H2HApp(services, Launch(resume=""))
        async with other.run_test(size=(100, 30)) as second:
            await until(second, lambda: isinstance(other.screen, ChoiceDialog))
            dialog = other.screen
            region = dialog.query_one(".dialog").region
            # Centred like every dialog, not drawn in the top-left corner.
            assert region.x > 5 and region.y > 3
            await second.press("enter")  # follow without changing
            table = await at_table(second, other)
            assert table.session.read_only
            await second.press("m")
            assert table.state.moment.met == 0  # nothing changes from the second window
            assert "this one follows along, and keys do nothing" in said(table)
            await pilot.press("m")
            assert first.screen.state.moment.met == 1
            # The second window follows the first's move.
            await until(second, lambda: table.state.moment.met == 1)


async def test_help_opens_with_f1_and_question_mark_and_closes_with_escape(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        markdown = app.screen.query_one("Markdown")
        assert "Going deeper needs both" in markdown.source


async def test_decks_opens_the_studio_on_the_bundled_decks(services):
    app = H2HApp(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "down")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, StudioBrowser))
        text = " ".join(str(o.prompt) for o in app.screen.query_one("#browser-decks").options)
        for name in ("Heart to Heart", "Partners", "Old friends", "Family table"):
            assert name in text


@pytest.mark.parametrize("size", [(39, 24), (100, 23)], ids=["narrow", "short"])
async def test_a_small_terminal_shows_a_notice_and_no_key_acts_behind_it(services, size):
    app = table_app(services)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        table = table_of(app)
        notice = app.screen.query_one(".too-small")
        assert app.has_class("-too-small") and notice.display
        await pilot.press("a", "m")
        assert table.state.moment.phase.value == "speaking"  # nothing played unseen
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.has_class("-too-small")
        assert not app.screen.query_one(".too-small").display
        await pilot.press("a")
        assert table.state.moment.phase.value == "answered"


async def test_a_phone_wide_table_lays_the_moves_out_two_by_two_and_plays(services):
    """40 to 79 columns is a phone held upright or a split pane: the table still plays."""
    app = table_app(services)
    async with app.run_test(size=(44, 30)) as pilot:
        await pilot.pause()
        assert app.has_class("-narrow") and not app.has_class("-too-small")
        assert not app.screen.query_one(".too-small").display
        slots = [slot for slot in app.screen.query(".move-slot") if slot.display]
        assert len({slot.region.y for slot in slots}) == 2  # two rows of moves
        assert all(slot.region.right <= 44 for slot in slots)
        table = table_of(app)
        assert "answered" in str(app.screen.query_one("#slot-0").render())
        await pilot.click("#slot-0")
        await until(pilot, lambda: table.state.moment.phase.value == "answered")


@pytest.mark.parametrize("size", [(43, 40), (43, 24)], ids=["phone", "small-pane"])
async def test_no_key_falls_off_the_narrow_key_bar(services, size):
    app = table_app(services)
    async with app.run_test(size=size) as pilot:
        for key in ("", "a"):
            if key:
                await pilot.press(key)
            await pilot.pause()
            bar = app.screen.query_one("KeyBar")
            rows = bar._layout()
            assert len(rows) <= bar.size.height, rows
            assert "Help" in str(bar.render()) and "Leave" in str(bar.render())


async def test_a_split_pane_gives_the_card_the_rows_it_needs(services):
    """60×24: the ladder goes (the jar line names the next level) and the card is whole."""
    app = table_app(services)
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        assert app.has_class("-narrow", "-short")
        screen = app.screen
        assert not screen.query_one("#ladder").display
        card, row = screen.query_one("#card").region, screen.query_one("#card-row").region
        assert row.y <= card.y and card.bottom <= row.bottom  # nothing of it cut off
        await pilot.resize_terminal(60, 40)
        await pilot.pause()
        assert not app.has_class("-short") and screen.query_one("#ladder").display


async def test_screens_that_need_the_width_cover_themselves_when_narrow(services):
    app = H2HApp(services)
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.press("down", "down", "enter")
        await until(pilot, lambda: isinstance(app.screen, StudioBrowser))
        notice = app.screen.query_one(".too-small")
        assert notice.display and "80×24" in str(notice.render())
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not notice.display


async def test_play_again_keeps_the_two_players_and_the_deck(services):
    deck = story_deck()
    app = table_app(services, deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("w", "w", "k")
        await pilot.press("a")
        await until(pilot, lambda: isinstance(app.screen, NewGameScreen))
        screen = app.screen
        assert screen.choices.deck == deck and screen.choices.names == ["Maya", "Sam"]
        assert step_of(app) == "length"


async def damaged_game(services) -> str:
    """A game played for a few moves, whose file was then cut short (its previous copy is
    still beside it)."""
    app = table_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "m", "a")
        game_id = table_of(app).session.id
        await pilot.press("q")
    path = services.saves_dir / f"{game_id}.json"
    path.write_bytes(path.read_bytes()[:-40])
    return game_id


async def test_continue_says_which_game_is_damaged_and_brings_it_back_on_request(services):
    game_id = await damaged_game(services)
    app = H2HApp(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: menu_ids(app)[:1] == ["continue"])
        entry = str(app.screen.query_one("#menu").options[0].prompt)
        assert "Maya & Sam" in entry and "(can't be opened)" in entry
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        body = str(app.screen.query_one(".dialog-body").render())
        assert "Maya and Sam" in body and "cannot be opened" in body and "Its file is" in body
        assert not any(isinstance(s, TableScreen) for s in app.screen_stack)  # nothing opened
        await pilot.press("enter")  # bring back its last good state
        table = await at_table(pilot, app)
        assert table.session.id == game_id
        # The previous copy is one save behind: the last key press ("a") is the one lost.
        assert table.state.moment.phase.value == "speaking" and table.state.moment.jar == 1


async def test_load_game_offers_to_recover_a_damaged_game(services):
    await damaged_game(services)
    app = H2HApp(services)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, LoadGameScreen))
        table = app.screen.query_one("#saves")
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[0] == "Maya & Sam" and row[5] == "damaged"
        detail = str(app.screen.query_one("#load-detail").render())
        assert "Enter brings back its last good state" in detail
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        await pilot.click("#choice-recover")
        await at_table(pilot, app)


async def test_a_chosen_theme_is_remembered_for_the_next_run(services):
    from h2h_game.settings import load_settings

    app = H2HApp(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.choose_setting("theme", "h2h-high-contrast")
        app.choose_setting("hints", "off")
    remembered = load_settings()
    assert remembered.theme == "h2h-high-contrast" and remembered.hints is False


async def test_continue_appears_even_when_the_index_cannot_tell_at_first(services):
    async with table_app(services).run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "q")
    (services.saves_dir / ".index.json").unlink()  # the glance cannot be sure without it
    app = H2HApp(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await until(pilot, lambda: menu_ids(app)[:1] == ["continue"])
        assert app.screen.query_one("#menu").highlighted == 0  # Continue is first, and chosen


async def test_hints_off_for_one_game_are_not_remembered_when_the_theme_changes(services):
    from h2h_game.settings import load_settings

    services.hints = False  # as `h2h --no-hints` gives it: for this run only
    app = H2HApp(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.choose_setting("theme", "h2h-high-contrast")
    remembered = load_settings()
    assert remembered.theme == "h2h-high-contrast" and remembered.hints is True


async def test_a_long_list_of_games_shows_a_screenful_first_then_every_game(services, saves):
    """Load game adds the first rows at once and the older games just after; all are there,
    in the store's order, and a delete lists them again, each game once."""
    from tests.store.helpers import fresh_game, play

    store = SaveStore(saves)
    for number in range(75):
        with store.create(fresh_game(names=(f"Ann{number}", "Bob")), 1_000.0 + number) as game:
            play(game, 2, seed=number)
    app = H2HApp(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, LoadGameScreen))
        table = app.screen.query_one("#saves")
        await until(pilot, lambda: table.row_count == 75)
        players = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert len(set(players)) == 75
        assert players == [" & ".join(item.players) for item in store.list()]  # store order
        await pilot.press("d")
        await pilot.click("#choice-delete")
        await until(pilot, lambda: isinstance(app.screen, LoadGameScreen))
        await until(pilot, lambda: table.row_count == 74)
        await pilot.pause()
        assert table.row_count == 74


async def test_load_game_draws_a_sure_index_first_then_the_store_lists_the_same_rows(
    services, saves, monkeypatch
):
    """With a sure index the list is drawn before the store loads; the store's listing then
    brings the detail line and the actions, without drawing a row again."""
    from h2h_game.tui.screens import load_game
    from tests.store.helpers import fresh_game, play

    store = SaveStore(saves)
    for number in range(load_game.FIRST_ROWS + 2 * load_game.MORE_ROWS + 5):
        names = (f"Ann{number}", "Bob" * (number % 7 + 1))
        with store.create(fresh_game(names=names), 1_000.0 + number) as game:
            play(game, 2, seed=number)
    store.list()  # the index is up to date: the index alone is sure
    drawn: list[tuple[bool, int]] = []
    show = LoadGameScreen._show_rows

    def recording(screen: LoadGameScreen, rows: list, items: dict) -> None:
        drawn.append((screen.listed, len(rows)))
        show(screen, rows, items)

    monkeypatch.setattr(LoadGameScreen, "_show_rows", recording)
    app = H2HApp(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, LoadGameScreen))
        screen = app.screen
        table = screen.query_one("#saves")
        await until(pilot, lambda: screen.listed and table.row_count == len(store.list()))
        first_rows = screen._rows
        assert drawn == [(False, 365), (True, 365)]
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        for column, width in enumerate(screen._widths):
            assert width == max(len(row[column]) for row in [*rows, [*load_game.COLUMNS]])
        assert str(screen.query_one("#load-detail").render()).startswith(rows[0][0] + " · ")
        assert screen._rows is first_rows  # the store's rows were the index's: none redrawn


async def test_a_key_before_the_store_s_listing_acts_on_the_game_all_the_same(services):
    async with table_app(services).run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "q")
    app = H2HApp(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, LoadGameScreen))
        screen = app.screen
        screen.listed, screen.items = False, {}  # as drawn from the index, not yet listed
        screen.action_open()
        await at_table(pilot, app)
