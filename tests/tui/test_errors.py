"""What players are told when something goes wrong around the table; nothing is lost."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from h2h_game.flow import Preset
from h2h_game.store import GameLocked, SaveError, SaveStore
from h2h_game.tui.app import H2HApp
from h2h_game.tui.launch import Launch
from h2h_game.tui.screens.dialogs import ChoiceDialog
from h2h_game.tui.screens.help import HelpScreen
from h2h_game.tui.screens.load_game import LoadGameScreen
from h2h_game.tui.screens.new_game import NewGameScreen
from h2h_game.tui.screens.table import TableScreen
from h2h_game.tui.screens.title import TitleScreen
from tests.tui.conftest import story_deck, table_app
from tests.tui.helpers import hint, panel, said, table_of, until


def toasts(app: H2HApp) -> str:
    """Every notification showing, as one text."""
    return " ".join(str(toast.render()) for toast in app.screen.query("Toast"))


async def test_a_game_that_cannot_be_saved_does_not_start_and_says_why(services):
    services.saves_dir.parent.mkdir(parents=True, exist_ok=True)
    services.saves_dir.write_text("a file where the saves folder should be")
    app = H2HApp(services, Launch(preset=Preset(deck=story_deck(), names=("Maya", "Sam"))))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, NewGameScreen))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "not a folder" in toasts(app))
        assert isinstance(app.screen, NewGameScreen)  # the choices are still there to try again


async def test_continue_with_no_unfinished_game_says_so(services):
    app = H2HApp(services, Launch(resume=""))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await until(pilot, lambda: "There is no unfinished game to continue." in toasts(app))
        assert isinstance(app.screen, TitleScreen)


async def test_hiding_removed_cards_that_cannot_be_saved_says_why(services, monkeypatch):
    app = table_app(services)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        table = table_of(app)
        await pilot.press("x", "w", "w", "k")
        assert panel(table) == "summary-panel"

        def disk_full(deck: str, ids: object) -> None:
            raise SaveError("Could not save the hidden cards: the disk is full.")

        monkeypatch.setattr(SaveStore, "hide_cards", lambda self, d, i: disk_full(d, i))
        await pilot.press("h")
        assert "the disk is full" in said(table)
        assert table.query_one("#hide").display  # still offered, to try again


async def test_recovering_a_game_open_elsewhere_says_so(services, monkeypatch):
    app = H2HApp(services)

    def locked(self: object, listed_id: str) -> str:
        raise GameLocked(listed_id)

    monkeypatch.setattr("h2h_game.flow.GameFlow.recover", locked)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert not app.recover("2026-01-01-maya-sam-0000", "2026-01-01-maya-sam-0000")
        await until(pilot, lambda: "open in another window" in toasts(app))


async def test_hints_can_be_turned_off_at_the_table(services):
    app = table_app(services)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        table = table_of(app)
        assert hint(table).startswith("Answer:")
        app.choose_setting("hints", "off")
        await pilot.pause()
        assert hint(table) == ""
        app.choose_setting("hints", "on")
        await pilot.pause()
        assert hint(table) != ""


@pytest.mark.parametrize("hints", [True, False])
async def test_the_hint_line_keeps_its_place_whether_hints_are_on_or_off(services, hints):
    services.hints = hints
    app = table_app(services)
    async with app.run_test(size=(80, 24)):
        table = table_of(app)
        line = table.query_one("#hint", Static)
        assert line.display == hints


async def test_the_title_menu_opens_help_and_quits(services):
    app = H2HApp(services)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await until(pilot, lambda: isinstance(app.screen, TitleScreen))
        await pilot.press("down", "down", "down", "enter")  # Help
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.press("escape")
        await pilot.press("q")
    assert app.return_value is None


async def test_load_game_on_an_unreadable_saves_folder_says_why(services):
    services.saves_dir.parent.mkdir(parents=True, exist_ok=True)
    services.saves_dir.write_text("a file where the saves folder should be")
    app = H2HApp(services)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("l")
        await until(pilot, lambda: isinstance(app.screen, LoadGameScreen))
        assert "No saved games yet" in str(app.screen.query_one("#load-empty").render())


async def test_deleting_a_game_open_elsewhere_is_refused_plainly(services):
    first = table_app(services)
    async with first.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("a")
        other = H2HApp(services)
        async with other.run_test(size=(120, 30), notifications=True) as second:
            await second.press("l")
            await until(second, lambda: isinstance(other.screen, LoadGameScreen))
            await second.press("d")
            await until(second, lambda: isinstance(other.screen, ChoiceDialog))
            await second.click("#choice-delete")
            await until(second, lambda: "open in another window" in toasts(other))
        assert isinstance(first.screen, TableScreen)
        await pilot.press("m")
        assert first.screen.state.moment.met == 1  # the game plays on, untouched
