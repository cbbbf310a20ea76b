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
from h2h_game.tui.screens.studio.dialogs import ConfirmDialog, HiddenCardsDialog, NewDeckDialog
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

FIRST = "Who is kind?"
SECOND = "Why me?"
THIRD = "Where to?"


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
        await write(pilot, "Trip")
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
        saved = user_decks_dir() / "trip.toml"
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
    """The doctor's open form of a closed question, taken with one key, passes the doctor."""
    path = write_small_deck(tmp_path)
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        await pilot.press("down", "enter", "f7")  # select all the text, to write over it
        await write(pilot, "Do you miss home?")
        await pilot.press("escape")
        await settled(pilot, editor)
        key = editor.current_card_key()
        assert key is not None
        assert editor.book.warnings(("card", key))
        await pilot.press("y")
        assert editor.draft.card(key).text == "What do you miss about home?"
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


async def test_a_10000_card_deck_opens_and_filters(services, tmp_path):
    """Only opening and filtering: the list holds rows, not widgets, so both stay quick."""
    from benchmarks.studio_bench import write_studio_deck

    path = tmp_path / "big.toml"
    texts = write_studio_deck(path, 10_000)
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        card_list = editor.query_one(CardList)
        assert card_list.rows is not None and len(card_list.rows) == 10_003  # and 3 headings
        assert len(list(editor.query(CardList))) == 1
        await pilot.press("slash")
        await write(pilot, "4217")
        rows = card_list.rows
        assert rows is not None
        shown = [editor.draft.levels[r[0]].cards[r[1]].text for r in rows.rows if r[2] == CARD]
        assert shown == [text for text in texts if "4217" in text]
        assert str(editor.query_one("#find-count").render()) == "1 of 10,000"
    # The checking process ends with the studio.
    assert editor._checker._process is None


async def test_levels_are_added_renamed_moved_and_deleted_asking_first(services, tmp_path):
    from h2h_game.tui.screens.studio.dialogs import LevelDialog

    path = write_small_deck(tmp_path)
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        await pilot.press("f3")
        await until(pilot, lambda: app.focused is not None and app.focused.id == "level-list")
        await pilot.press("end", "a")
        await in_dialog(pilot, LevelDialog)
        await write(pilot, "Last")
        await pilot.press("ctrl+s")
        await in_editor(pilot)
        assert [level.name for level in editor.draft.levels][-1] == "Last"
        assert editor.book.errors(("level", editor.draft.levels[-1].key))  # no cards yet
        await pilot.press("shift+up")
        assert editor.draft.levels[2].name == "Last"
        await pilot.press("x")  # empty: deleted without a question
        assert len(editor.draft.levels) == 3
        await pilot.press("home", "x")  # holds cards: asks
        await in_dialog(pilot, ConfirmDialog)
        await pilot.click("#answer-keep")
        await in_editor(pilot)
        assert len(editor.draft.levels) == 3
        await pilot.press("x")
        await in_dialog(pilot, ConfirmDialog)
        await pilot.click("#answer-delete")
        await in_editor(pilot)
        assert [level.name for level in editor.draft.levels] == ["Getting real", "Heart to heart"]
        await pilot.press("ctrl+z")
        assert editor.draft.levels[0].name == "Warm up"
        assert len(editor.draft.levels[0].cards) == 3


async def test_a_card_gets_a_tag_declared_on_the_spot(services, tmp_path):
    from h2h_game.tui.screens.studio.dialogs import CardTagsDialog

    path = write_small_deck(tmp_path)
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        await pilot.press("down", "t")
        await in_dialog(pilot, CardTagsDialog)
        await pilot.press("tab")  # to the new tag's field
        await write(pilot, "Joy")
        await pilot.press("enter", "ctrl+s")
        await in_editor(pilot)
        key = editor.current_card_key()
        assert key is not None
        assert editor.draft.card(key).tags == ("joy",)
        assert ("joy", "Joy") in editor.draft.details.tags
        await pilot.press("ctrl+z")
        assert editor.draft.card(key).tags == ()
        assert "joy" not in editor.draft.declared_tags()


async def test_a_wild_card_is_chosen_with_its_effect(services, tmp_path):
    from h2h_game.engine.deck import Effect, Kind
    from h2h_game.tui.screens.studio.dialogs import ChooseDialog

    path = write_small_deck(tmp_path)
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        await pilot.press("down", "k")
        await in_dialog(pilot, ChooseDialog)
        await pilot.press("down", "down", "down", "down", "enter")  # a quiet moment
        await in_editor(pilot)
        card = editor.draft.card(editor.current_card_key() or 0)
        assert (card.kind, card.effect) == (Kind.WILD, Effect.QUIET)


async def test_a_csv_import_shows_its_errors_and_a_good_one_opens(services, tmp_path):
    from h2h_game.tui.screens.studio.dialogs import PathDialog, ProblemsDialog

    bad = tmp_path / "bad.csv"
    bad.write_text("level,text\n1,\n1,Fine?\n", encoding="utf-8")
    good = tmp_path / "road_trip.csv"
    good.write_text("level,text\n1,Who taught you to drive?\n2,Where would we go?\n", "utf-8")
    app = studio_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        await in_browser(pilot)
        await pilot.press("i")
        dialog = await in_dialog(pilot, PathDialog)
        dialog.query_one("#path", Input).value = str(bad)  # a path is not worth typing key by key
        await pilot.press("enter")
        dialog = await in_dialog(pilot, ProblemsDialog)
        assert "row 2" in str(dialog.query_one(".studio-problems Static").render())
        await pilot.press("escape")
        await in_browser(pilot)
        await pilot.press("i")
        dialog = await in_dialog(pilot, PathDialog)
        dialog.query_one("#path", Input).value = str(good)
        await pilot.press("enter")
        editor = await in_editor(pilot)
        assert editor.draft.details.name == "Road trip"
        assert editor.draft.dirty
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not editor.draft.dirty)
    assert (user_decks_dir() / "road-trip.toml").is_file()


async def test_export_to_csv_beside_the_deck(services, tmp_path):
    from h2h_game.tui.screens.studio.dialogs import ChooseDialog, PathDialog

    path = write_small_deck(tmp_path)
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        await in_editor(pilot)
        await pilot.press("f9")
        await in_dialog(pilot, ChooseDialog)
        await pilot.press("enter")  # the spreadsheet
        await in_dialog(pilot, PathDialog)
        await pilot.press("enter")  # where it suggests: beside the deck
        await until(pilot, lambda: (tmp_path / "kitchen-table.csv").exists())
    assert (tmp_path / "kitchen-table.csv").read_text(encoding="utf-8").startswith("level,text")


async def test_a_broken_deck_opens_as_its_list_of_problems(services):
    from h2h_game.tui.screens.studio.dialogs import ProblemsDialog

    folder = user_decks_dir()
    folder.mkdir(parents=True)
    (folder / "half.toml").write_text('format = 1\n[deck]\nname = ""\n', encoding="utf-8")
    app = studio_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await in_browser(pilot)
        assert browser.highlighted is not None and browser.highlighted.deck is None  # yours first
        await pilot.press("enter")
        dialog = await in_dialog(pilot, ProblemsDialog)
        text = str(dialog.query_one(".studio-problems Static").render())
        assert "the deck's name is empty" in text and "no levels" in text


async def test_details_and_the_ending_are_edited_and_undone(services, tmp_path):
    from h2h_game.tui.screens.studio.dialogs import TextDialog

    path = write_small_deck(tmp_path)
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        await pilot.press("f4")
        await until(pilot, lambda: app.focused is not None and app.focused.id == "detail-name")
        await write(pilot, " 2")
        assert editor.draft.details.name == "Kitchen table 2"
        await pilot.press("tab", "tab")  # past the description, to who it is for
        await write(pilot, "us")
        assert editor.draft.details.audience == "us"
        await pilot.press("ctrl+z")
        assert editor.draft.details.audience == ""
        assert editor.query_one("#detail-audience", Input).value == ""
        await pilot.press("f5")
        await until(pilot, lambda: app.focused is not None and app.focused.id == "landing-list")
        await pilot.press("a")
        await in_dialog(pilot, TextDialog)
        await write(pilot, "Who do you miss?")
        await pilot.press("ctrl+s")
        await in_editor(pilot)
        assert editor.draft.ending.landing == ("Who do you miss?",)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not editor.draft.dirty)
    saved = load_deck(path)
    assert saved.name == "Kitchen table 2"
    assert saved.landing == ("Who do you miss?",)


async def test_cards_hidden_after_a_game_are_listed_and_brought_back(services):
    partners = load_deck(bundled_decks_dir() / "partners.toml")
    ids = sorted(card.id for card in partners.cards[:3])
    services.store.hide_cards("Partners", [*ids, "gone-since"])
    app = studio_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await in_browser(pilot)
        decks = browser.query_one("#browser-decks")
        decks.highlighted = next(i for i, e in enumerate(browser.entries) if e.name == "Partners")
        await pilot.pause()
        details = str(browser.query_one("#browser-details").render())
        assert "4 cards of this deck are hidden from new games" in details

        await pilot.press("h")
        dialog = await in_dialog(pilot, HiddenCardsDialog)
        listed = dialog.query_one("#hidden-cards")
        order = sorted([*ids, "gone-since"])
        gone = str(listed.get_option_at_index(order.index("gone-since")).prompt)
        assert "no longer in this deck" in gone  # edited away since: its id is all there is
        await pilot.press("ctrl+s")  # nothing ticked: it says so and stays
        assert app.screen is dialog
        await pilot.press("space", "ctrl+s")
        await in_browser(pilot)
        assert services.store.hidden_cards("Partners") == set(order[1:])

        await pilot.press("h")
        await in_dialog(pilot, HiddenCardsDialog)
        await pilot.press("a", "ctrl+s")
        await in_browser(pilot)
        assert services.store.hidden_cards("Partners") == frozenset()
        assert not browser.check_action("hidden", ())
        assert "hidden from new games" not in str(browser.query_one("#browser-details").render())
