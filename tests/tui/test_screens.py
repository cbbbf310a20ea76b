"""The screens around the table: title, new game, load game, decks, help, small terminals."""

from __future__ import annotations

from h2h_game.engine import Length
from h2h_game.store import SaveStore
from h2h_game.tui.app import H2HApp
from h2h_game.tui.launch import Launch, Preset
from h2h_game.tui.screens.decks import DecksScreen
from h2h_game.tui.screens.dialogs import ChoiceDialog
from h2h_game.tui.screens.help import HelpScreen
from h2h_game.tui.screens.load_game import LoadGameScreen
from h2h_game.tui.screens.new_game import NewGameScreen
from h2h_game.tui.screens.table import TableScreen
from h2h_game.tui.screens.title import TitleScreen
from tests.tui.conftest import story_deck, table_app


def menu_ids(app: H2HApp) -> list[str]:
    menu = app.screen.query_one("#menu")
    return [option.id for option in menu.options]


async def test_the_title_says_heart_to_heart_and_offers_continue_only_with_a_game(services):
    app = H2HApp(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert str(app.screen.query_one("#title-words").render()) == "Heart to Heart"
        assert menu_ids(app) == ["new", "load", "decks", "help", "quit"]
    async with table_app(services).run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "q")
        await pilot.pause()
        assert menu_ids(pilot.app)[0] == "continue"


async def test_a_new_game_with_private_lines_reaches_the_table(services):
    app = H2HApp(services, Launch(preset=Preset()))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, NewGameScreen)
        await pilot.press("enter")  # the default deck: Heart to Heart
        assert screen.deck is not None and screen.deck.name == "Heart to Heart"
        await pilot.press(*"Maya", "tab", *"Sam", "enter")
        assert screen.step == "look-0"
        await pilot.press("enter")  # Sam looks away
        await pilot.press("space", "enter")  # Maya ticks the first topic
        assert screen.step == "look-1"
        await pilot.press("enter")
        # Sam does not see what Maya ticked.
        assert screen.query_one("#lines-list").selected == []
        await pilot.press("down", "space", "enter")
        assert screen.step == "length"
        # No count: with two players, a count would tell each of them the other's lines.
        assert "left out" not in str(screen.query_one("#lines-count").render())
        await pilot.press("up", "enter")  # short
        await pilot.press("f", "j")
        await pilot.pause(0.8)
        assert screen.step == "first"
        await pilot.press("down", "enter")  # Maya goes first
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        state = app.screen.state
        assert [p.name for p in state.players] == ["Maya", "Sam"]
        assert state.deal.length is Length.SHORT
        assert state.moment.speaker == 0
        tags = {"family", "loss"}
        bundled = screen.deck
        assert bundled is not None
        assert not any(tags & set(bundled.card(c).tags) for pile in state.deal.piles for c in pile)


async def test_every_step_can_be_skipped_with_defaults(services):
    app = H2HApp(services, Launch(preset=Preset()))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        assert [p.name for p in app.screen.state.players] == ["Player 1", "Player 2"]


async def test_a_name_with_control_characters_is_refused_with_a_message(services):
    app = H2HApp(services, Launch(preset=Preset()))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        app.screen.query_one("#name-0").value = "Maya\x07"
        await pilot.press("enter", "enter")
        assert app.screen.step == "names"
        assert "U+0007" in str(app.screen.query_one("#name-error").render())


async def test_load_game_lists_games_and_broken_saves_and_deletes_with_confirmation(
    services, saves
):
    async with table_app(services).run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "m", "q")
    (saves / "2026-01-01-broken-game-0000.json").write_text("{ not json", encoding="utf-8")
    app = H2HApp(services)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LoadGameScreen)
        table = app.screen.query_one("#saves")
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert any(row[0] == "Maya & Sam" and row[3] == "1" for row in rows)
        assert any("broken" in row[5] for row in rows)
        maya = next(i for i, row in enumerate(rows) if row[0] == "Maya & Sam")
        table.move_cursor(row=maya)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#choice-delete")
        await pilot.pause()
        left = SaveStore(saves).list()
        assert len(left) == 1 and all(getattr(i, "players", None) is None for i in left)


async def test_open_from_load_game_lands_on_the_table(services):
    async with table_app(services).run_test(size=(100, 30)) as pilot:
        await pilot.press("a", "q")
    app = H2HApp(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)


async def test_a_game_open_in_another_window_is_offered_read_only(services):
    first = table_app(services)
    async with first.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        other = H2HApp(services, Launch(resume=""))
        async with other.run_test(size=(100, 30)) as second:
            await second.pause()
            assert isinstance(other.screen, ChoiceDialog)
            await second.press("enter")  # look without changing
            await second.pause()
            table = other.screen
            assert isinstance(table, TableScreen) and table.session.read_only
            await second.press("m")
            assert table.state.moment.met == 0  # nothing changes from the second window
        await pilot.press("m")
        assert first.screen.state.moment.met == 1


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


async def test_decks_lists_the_bundled_decks(services):
    app = H2HApp(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.action_choose("decks")
        await pilot.pause()
        assert isinstance(app.screen, DecksScreen)
        text = " ".join(str(o.prompt) for o in app.screen.query_one("#deck-list").options)
        for name in ("Heart to Heart", "Partners", "Old friends", "Family table"):
            assert name in text


async def test_a_small_terminal_shows_a_notice_that_goes_away_on_resize(services):
    app = table_app(services)
    async with app.run_test(size=(70, 20)) as pilot:
        await pilot.pause()
        notice = app.screen.query_one(".too-small")
        assert app.has_class("-too-small") and notice.display
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not app.has_class("-too-small")
        assert not app.screen.query_one(".too-small").display


async def test_play_again_keeps_the_two_players_and_the_deck(services):
    deck = story_deck()
    app = table_app(services, deck)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("w", "escape")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NewGameScreen)
        assert screen.deck == deck and screen.names == ["Maya", "Sam"]
