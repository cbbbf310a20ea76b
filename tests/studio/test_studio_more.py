"""The rest of the studio, driven by keys: moving cards, the finder's lists, levels, tags, the
ending, saving when something goes wrong, and the list of decks."""

from __future__ import annotations

from textual.widgets import Input, Select, TextArea

from h2h_game.decks.format import load_deck
from h2h_game.decks.studio import files
from h2h_game.decks.studio.finding import CARD
from h2h_game.paths import user_decks_dir
from h2h_game.tui.screens.studio.card_list import CardList
from h2h_game.tui.screens.studio.dialogs import (
    ChooseDialog,
    ConfirmDialog,
    LevelDialog,
    NewDeckDialog,
    PathDialog,
    TagDialog,
    TextDialog,
)
from h2h_game.tui.screens.studio.editor import StudioScreen
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


def shown_cards(editor: StudioScreen) -> list[str]:
    rows = editor.query_one(CardList).rows
    assert rows is not None
    return [editor.draft.levels[r[0]].cards[r[1]].text for r in rows.rows if r[2] == CARD]


async def test_cards_move_between_levels_and_the_finders_lists_narrow_them(services, tmp_path):
    path = write_small_deck(tmp_path)
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        start = card_texts(editor)
        await pilot.press("down", "m")
        await in_dialog(pilot, ChooseDialog)
        await pilot.press("down", "down", "enter")
        await in_editor(pilot)
        assert card_texts(editor)[2][-1] == start[0][0]
        # The first card of "Getting real", moved up past the top of its level.
        key = editor.draft.levels[1].cards[0].key
        editor.go_to(("card", key))
        await pilot.press("shift+up")
        assert editor.draft.level_of(key) is editor.draft.levels[0]
        await pilot.press("shift+down")
        assert editor.draft.level_of(key) is editor.draft.levels[1]
        # The lists beside the find field: a level, a tag, cards with errors.
        editor.query_one("#find-level", Select).value = editor.draft.levels[1].key
        await pilot.pause()
        assert shown_cards(editor) == card_texts(editor)[1]
        editor.query_one("#find-level", Select).clear()
        editor.query_one("#find-tag", Select).value = "family"
        await pilot.pause()
        assert shown_cards(editor) == ["What did your family cook on Sundays?"]
        editor.query_one("#find-tag", Select).clear()
        editor.query_one("#find-show", Select).value = "errors"
        await pilot.pause()
        assert shown_cards(editor) == []
        # Adding a card shows every card again, so the new one is not hidden by the finder.
        editor.query_one(CardList).focus()
        await pilot.press("a", "escape")
        assert not editor.filter.active
        assert "left out" in editor.note  # nothing written: the new card went again
        assert sum(map(len, card_texts(editor))) == 6


async def test_an_error_stops_try_it_and_export_and_shows_where_it_is(services, tmp_path):
    from h2h_game.tui.screens.new_game import NewGameScreen

    path = write_small_deck(tmp_path)
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        await pilot.press("down", "down", "enter", "f7", "backspace", "escape", "up", "up")
        key = editor.draft.levels[0].cards[1].key
        await pilot.press("f8")
        await pilot.pause()
        assert not isinstance(app.screen, NewGameScreen)
        assert editor.current_card_key() == key  # taken to the card with the error
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, StudioScreen)


async def test_undo_takes_you_to_what_it_undid(services, tmp_path):
    path = write_small_deck(tmp_path)
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        editor.after_edit(editor.draft.set_detail("author", "Sam"))
        editor.after_edit(editor.draft.set_level(editor.draft.levels[1].key, "name", "Deep"))
        editor.after_edit(editor.draft.set_landing(("Who do you miss?",)))
        tabs = editor.query_one("#studio-tabs")
        await pilot.press("ctrl+z")
        await until(pilot, lambda: tabs.active == "ending")
        await pilot.press("ctrl+z")
        await until(pilot, lambda: tabs.active == "levels")
        await pilot.press("ctrl+z")
        await until(pilot, lambda: tabs.active == "details")
        assert not editor.draft.dirty
        await pilot.press("ctrl+y")
        assert editor.draft.details.author == "Sam"


async def test_levels_tags_and_the_ending_through_their_windows(services, tmp_path):
    path = write_small_deck(tmp_path)
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        # A level's settings: a name is needed; unlock and settle can be set.
        await pilot.press("f3")
        await until(pilot, lambda: app.focused is not None and app.focused.id == "level-list")
        await pilot.press("down", "enter")
        dialog = await in_dialog(pilot, LevelDialog)
        dialog.query_one("#level-name", Input).value = " "
        await pilot.press("ctrl+s")
        assert "needs a name" in str(dialog.query_one("#form-error").render())
        dialog.query_one("#level-name", Input).value = "Deeper still"
        dialog.query_one("#level-unlock", Input).value = "5"
        dialog.query_one("#level-settle", Input).value = "2"
        await pilot.press("ctrl+s")
        await in_editor(pilot)
        level = editor.draft.levels[1]
        assert (level.name, level.unlock, level.settle) == ("Deeper still", 5, 2)
        # Tags: add one, rename it, remove a used one (asking first).
        await pilot.press("f4")
        await until(pilot, lambda: app.focused is not None and app.focused.id == "detail-name")
        editor.query_one("#tag-list").focus()
        await pilot.press("a")
        dialog = await in_dialog(pilot, TagDialog)
        await write(pilot, "Loss")
        assert dialog.query_one("#tag-name", Input).value == "loss"
        await pilot.press("enter")
        await in_editor(pilot)
        assert ("loss", "Loss") in editor.draft.details.tags
        await pilot.press("end", "enter")
        dialog = await in_dialog(pilot, TagDialog)
        dialog.query_one("#tag-name", Input).value = "family"
        await pilot.press("ctrl+s")
        assert "already has" in str(dialog.query_one("#form-error").render())
        dialog.query_one("#tag-name", Input).value = "grief"
        await pilot.press("ctrl+s")
        await in_editor(pilot)
        assert ("grief", "Loss") in editor.draft.details.tags
        await pilot.press("home", "x")  # family: one card carries it
        await in_dialog(pilot, ConfirmDialog)
        await pilot.click("#answer-remove")
        await in_editor(pilot)
        assert "family" not in editor.draft.declared_tags()
        assert all("family" not in card.tags for _, card in editor.draft.cards())
        # The ending: a landing card must have words; then edit, move, delete; the closing card.
        await pilot.press("f5")
        await until(pilot, lambda: app.focused is not None and app.focused.id == "landing-list")
        for text in ("Who?", "Why?"):
            await pilot.press("a")
            dialog = await in_dialog(pilot, TextDialog)
            if text == "Who?":
                await pilot.press("ctrl+s")
                assert "Write something" in str(dialog.query_one("#form-error").render())
            await write(pilot, text)
            await pilot.press("ctrl+s")
            await in_editor(pilot)
        assert editor.draft.ending.landing == ("Who?", "Why?")
        await pilot.press("shift+up")
        assert editor.draft.ending.landing == ("Why?", "Who?")
        await pilot.press("enter")
        await in_dialog(pilot, TextDialog)
        await write(pilot, " Now")
        await pilot.press("ctrl+s")
        await in_editor(pilot)
        assert editor.draft.ending.landing == ("Why? Now", "Who?")
        await pilot.press("x")
        assert editor.draft.ending.landing == ("Who?",)
        editor.query_one("#closing-text", TextArea).focus()
        await write(pilot, "Thank you.")
        assert editor.draft.ending.closing == "Thank you."
        await pilot.press("escape", "ctrl+s")
        await until(pilot, lambda: not editor.draft.dirty)
    saved = load_deck(path)
    assert saved.landing == ("Who?",) and saved.closing == "Thank you."
    assert saved.levels[1].unlock == 5


async def test_saving_asks_about_comments_once_and_says_when_it_cannot(
    services, tmp_path, monkeypatch
):
    path = tmp_path / "commented.toml"
    path.write_text("# Our deck\n" + SMALL_DECK, encoding="utf-8")
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        await pilot.press("down", "x", "ctrl+s")
        await in_dialog(pilot, ConfirmDialog)
        await pilot.click("#answer-cancel")
        await in_editor(pilot)
        assert path.read_text(encoding="utf-8").startswith("# Our deck")

        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        with monkeypatch.context() as patch:
            patch.setattr(files, "write_atomically", refuse)
            await pilot.press("ctrl+s")
            await in_dialog(pilot, ConfirmDialog)
            await pilot.click("#answer-save")
            await in_editor(pilot)
            await pilot.pause()
            assert editor.draft.dirty
        await pilot.press("ctrl+s")  # asked once already: saved without asking again
        await until(pilot, lambda: not editor.draft.dirty)
    assert not path.read_text(encoding="utf-8").startswith("#")


async def test_a_broken_file_on_disk_is_not_opened_over_your_changes(services, tmp_path):
    path = write_small_deck(tmp_path)
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        await pilot.press("down", "x")
        path.write_text("not = [a deck", encoding="utf-8")
        await pilot.press("ctrl+s")
        await in_dialog(pilot, ConfirmDialog)
        await pilot.click("#answer-reload")
        await in_editor(pilot)
        assert editor.draft.dirty and editor.draft.card_count == 5


async def test_export_a_printable_page_asks_before_replacing_a_file(services, tmp_path):
    path = write_small_deck(tmp_path)
    page = tmp_path / "kitchen-table-cards.html"
    page.write_text("mine", encoding="utf-8")
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        await in_editor(pilot)
        for answer in ("cancel", "replace"):
            await pilot.press("f9")
            await in_dialog(pilot, ChooseDialog)
            await pilot.press("down", "enter")  # A4
            await in_dialog(pilot, PathDialog)
            await pilot.press("enter")
            await in_dialog(pilot, ConfirmDialog)
            await pilot.click(f"#answer-{answer}")
            await in_editor(pilot)
            await pilot.pause()
            if answer == "cancel":
                assert page.read_text(encoding="utf-8") == "mine"
    assert "<html" in page.read_text(encoding="utf-8")


async def test_the_list_of_decks_makes_copies_new_decks_and_opens_yours(services, tmp_path):
    write_small_deck(user_decks_dir())
    app = studio_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await in_browser(pilot)
        assert browser.highlighted is not None and browser.highlighted.name == "Kitchen table"
        await pilot.press("enter")  # yours: it opens
        editor = await in_editor(pilot)
        assert editor.path == user_decks_dir() / "kitchen-table.toml"
        await pilot.press("escape")  # nothing changed: no question
        await in_browser(pilot)
        await pilot.press("down", "d")  # a bundled deck: copied
        editor = await in_editor(pilot)
        assert editor.draft.details.name.endswith("(copy)")
        assert "original is unchanged" in editor.note
        await pilot.press("escape")
        await in_browser(pilot)
        await pilot.press("n")
        dialog = await in_dialog(pilot, NewDeckDialog)
        await pilot.press("ctrl+s")
        assert "needs a name" in str(dialog.query_one("#form-error").render())
        await pilot.press("escape")
        await in_browser(pilot)
        await pilot.press("i", "escape")
        await in_browser(pilot)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, type(browser)))


async def test_a_new_file_named_on_the_command_line_becomes_a_new_deck(services, tmp_path):
    app = studio_app(services, tmp_path / "road_trip.toml")
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        assert editor.draft.details.name == "Road trip"
        assert editor.draft.dirty
        assert editor.path == tmp_path / "road_trip.toml"


async def test_big_folders_of_decks_are_counted_in_the_background(services, tmp_path):
    from benchmarks.studio_bench import write_studio_deck

    write_studio_deck(user_decks_dir() / "big.toml", 1_600, "Big enough")
    app = studio_app(services)
    async with app.run_test(size=(100, 30)) as pilot:
        browser = await in_browser(pilot)
        big = user_decks_dir() / "big.toml"
        await until(pilot, lambda: big in browser.warnings, timeout=60)
        await pilot.pause()
        assert "warning" in str(browser.query_one("#browser-decks").options[0].prompt)


async def test_a_big_deck_is_checked_in_the_background_after_an_edit(services, tmp_path):
    from benchmarks.studio_bench import write_studio_deck

    path = tmp_path / "big.toml"
    write_studio_deck(path, 400)
    app = studio_app(services, path)
    async with app.run_test(size=(100, 30)) as pilot:
        editor = await in_editor(pilot)
        await settled(pilot, editor)
        await pilot.press("down", "enter", "f7", "D", "o", "?", "escape")
        await settled(pilot, editor)
        key = editor.current_card_key()
        assert key is not None and editor.book.warnings(("card", key))
        assert "warning" in str(editor.query_one("#studio-state").render())
