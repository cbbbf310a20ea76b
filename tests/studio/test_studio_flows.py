"""The deck studio, driven as a person would drive it: keys in, files and screens out."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.widgets import Input

from h2h_game.decks.format import load_deck
from h2h_game.decks.studio.finding import CARD
from h2h_game.paths import bundled_decks_dir, user_decks_dir
from h2h_game.tui.screens.studio.card_list import CardList
from h2h_game.tui.screens.studio.dialogs import ConfirmDialog, NewDeckDialog
from tests.studio.decks import SMALL_DECK, write_small_deck
from tests.studio.helpers import (
    card_texts,
    in_browser,
    in_dialog,
    in_editor,
    settled,
    studio_app,
    until,
    write,
)

FIRST = "Who made you laugh?"
SECOND = "What weighs on you?"
THIRD = "What do we hope for?"


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "h2h_game", "deck", "validate", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


async def test_a_deck_from_nothing_to_a_file_that_validates(services):
    """Create, fill three levels, be stopped by an error, fix it, save, and open it again."""
    app = studio_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await in_browser(pilot)
        await pilot.press("n")
        await in_dialog(pilot, NewDeckDialog)
        await write(pilot, "Road trip")
        await pilot.press("enter")
        editor = await in_editor(pilot)
        assert [level.name for level in editor.draft.levels] == [
            "Warm up",
            "Getting real",
            "Heart to heart",
        ]
        # One card on each level: add on a level's heading, write, escape, on to the next.
        for text in (FIRST, SECOND, THIRD):
            await pilot.press("a")
            await write(pilot, text)
            await pilot.press("escape", "down")
        assert card_texts(editor) == [[FIRST], [SECOND], [THIRD]]
        # A second card on the last level, the same as the first card: an error.
        await pilot.press("up", "a")
        await write(pilot, FIRST.upper())
        await pilot.press("escape", "ctrl+s")
        await pilot.pause()
        assert not any(user_decks_dir().glob("*.toml")), "an error must block saving"
        assert editor.book.error_count == 1
        assert editor.current_card_key() == editor.draft.levels[2].cards[0].key
        # Fix it where the error pointed, and save.
        await pilot.press("enter")
        await write(pilot, " Now?")
        await pilot.press("escape", "ctrl+s")
        await until(pilot, lambda: not editor.draft.dirty)
        saved = user_decks_dir() / "road-trip.toml"
        assert editor.path == saved
    assert validate(saved).returncode == 0
    assert [len(level.cards) for level in load_deck(saved).levels] == [1, 1, 2]

    again = studio_app(services, saved)
    async with again.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        assert card_texts(editor)[0] == [FIRST]
        assert not editor.draft.dirty


async def test_a_bundled_deck_is_duplicated_and_the_copy_edited(services):
    bundled = bundled_decks_dir() / "partners.toml"
    before = bundled.read_bytes()
    app = studio_app(services, bundled)
    async with app.run_test(size=(100, 30)) as pilot:
        await in_dialog(pilot, ConfirmDialog)  # it comes with the game: duplicate to edit?
        await pilot.click("#answer-copy")
        editor = await in_editor(pilot)
        assert editor.draft.details.name == "Partners (copy)"
        assert editor.path is not None and editor.path.parent == user_decks_dir()
        await pilot.press("down", "enter")
        await write(pilot, " Mine now")
        await pilot.press("escape", "ctrl+s")
        await until(pilot, lambda: not editor.draft.dirty)
        copy = editor.path
    assert bundled.read_bytes() == before
    assert "Mine now" in copy.read_text(encoding="utf-8")
    assert validate(copy).returncode == 0


async def test_undo_and_redo_every_kind_of_edit(services, tmp_path):
    path = write_small_deck(tmp_path)
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        start = card_texts(editor)
        await pilot.press("down", "x")  # delete the first card
        assert card_texts(editor)[0] == start[0][1:]
        await pilot.press("ctrl+z")
        assert card_texts(editor) == start
        await pilot.press("ctrl+y")
        assert card_texts(editor)[0] == start[0][1:]
        await pilot.press("ctrl+z", "enter")
        await write(pilot, " And why?")
        await pilot.press("escape")
        assert card_texts(editor)[0][0] == start[0][0] + " And why?"
        await pilot.press("ctrl+z")  # the whole run of typing is one step
        assert card_texts(editor) == start
        await pilot.press("shift+down")
        assert card_texts(editor)[0][:2] == [start[0][1], start[0][0]]
        await pilot.press("ctrl+z")
        assert card_texts(editor) == start
        assert not editor.draft.dirty


async def test_leaving_with_unsaved_changes_asks_first(services, tmp_path):
    path = write_small_deck(tmp_path)
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        await pilot.press("down", "x", "escape")
        await in_dialog(pilot, ConfirmDialog)
        await pilot.click("#answer-stay")
        await in_editor(pilot)
        assert editor.draft.dirty
        await pilot.press("escape")
        await in_dialog(pilot, ConfirmDialog)
        await pilot.click("#answer-drop")
        await in_browser(pilot)
    assert path.read_text(encoding="utf-8") == SMALL_DECK


async def test_ctrl_q_asks_before_unsaved_changes_go_and_can_save_them(services, tmp_path):
    path = write_small_deck(tmp_path)
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        await pilot.press("down", "x", "ctrl+q")
        await in_dialog(pilot, ConfirmDialog)
        assert app.is_running
        await pilot.click("#answer-save")
        await until(pilot, lambda: not app.is_running)
    assert not editor.draft.dirty
    assert "What made you smile today" not in path.read_text(encoding="utf-8")


async def test_a_change_on_disk_is_never_overwritten_silently(services, tmp_path):
    path = write_small_deck(tmp_path)
    theirs = SMALL_DECK.replace("Kitchen table", "Edited elsewhere")
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        await pilot.press("down", "x")
        path.write_text(theirs, encoding="utf-8")
        await pilot.press("ctrl+s")
        await in_dialog(pilot, ConfirmDialog)
        await pilot.click("#answer-cancel")
        await in_editor(pilot)
        assert path.read_text(encoding="utf-8") == theirs
        await pilot.press("ctrl+s")
        await in_dialog(pilot, ConfirmDialog)
        await pilot.click("#answer-reload")
        await in_editor(pilot)
        assert editor.draft.details.name == "Edited elsewhere"
        assert not editor.draft.dirty
        await pilot.press("down", "x")
        path.write_text(SMALL_DECK, encoding="utf-8")
        await pilot.press("ctrl+s")
        await in_dialog(pilot, ConfirmDialog)
        await pilot.click("#answer-keep")
        await until(pilot, lambda: not editor.draft.dirty)
    assert load_deck(path).name == "Edited elsewhere"


async def test_try_it_plays_the_edited_deck_and_comes_back(services, tmp_path):
    from h2h_game.tui.screens.new_game import NewGameScreen
    from h2h_game.tui.screens.table import TableScreen

    path = write_small_deck(tmp_path)
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        await pilot.press("down", "enter")
        await write(pilot, " Tried")
        await pilot.press("escape", "f8")
        await until(pilot, lambda: isinstance(app.screen, NewGameScreen))
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, TableScreen))
        played = app.flow.dealt_from["Kitchen table"]
        assert any(card.text.endswith("Tried") for card in played.cards)
        assert editor in app.screen_stack
        await pilot.press("q")
        await until(pilot, lambda: app.screen is editor)
        assert editor.draft.dirty  # still there, still unsaved


async def test_a_closed_question_shows_its_open_form_and_y_takes_it(services, tmp_path):
    path = write_small_deck(tmp_path)
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        await pilot.press("down", "enter", "f7")  # select all the text, to write over it
        await write(pilot, "What do you love about your job?")
        await pilot.press("escape")
        await settled(pilot, editor)
        key = editor.current_card_key()
        assert key is not None
        assert editor.book.warnings(("card", key))
        await pilot.press("y")
        assert editor.draft.card(key).text == "What stands out to you about your job?"
        await settled(pilot, editor)
        assert not editor.book.warnings(("card", key))


async def test_finding_cards_by_text_and_tag(services, tmp_path):
    path = write_small_deck(tmp_path)
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        await pilot.press("slash")
        await write(pilot, "family")
        rows = editor.query_one(CardList).rows
        assert rows is not None
        shown = [editor.draft.levels[r[0]].cards[r[1]].text for r in rows.rows if r[2] == CARD]
        assert shown == ["What did your family cook on Sundays?"]
        assert isinstance(app.focused, Input)
