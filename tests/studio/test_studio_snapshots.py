"""Pictures of the deck studio at the smallest supported size and at a roomy one.

Each test says in its docstring what the picture proves. Update them with
`pytest tests/studio --snapshot-update`, then look at the report before committing. The decks
shown are written by the tests (the bundled ones appear in the list of decks, as they do for
everyone); nothing blinks: the list, not a text field, has the focus in every picture.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from h2h_game.paths import user_decks_dir
from tests.studio.decks import SMALL_DECK, write_small_deck
from tests.studio.helpers import in_browser, in_editor, studio_app

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])

CLOSED = "Do you miss your hometown?"
"""A closed question: the doctor warns, and offers an open form to take with one key."""


def write_broken_deck(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "half-done.toml").write_text(
        'format = 1\n[deck]\nname = "Half done"\n[[levels]]\nname = "Warm up"\n', "utf-8"
    )


class TestBrowser:
    @SIZES
    def test_the_list_of_decks(self, snap_compare, services, size):
        """The bundled decks, one of yours and one broken one with its first problem, each with
        the doctor's count; the highlighted deck's levels and description beside."""
        write_small_deck(user_decks_dir())
        write_broken_deck(user_decks_dir())

        async def run_before(pilot: Pilot[None]) -> None:
            await in_browser(pilot)

        assert snap_compare(studio_app(services), terminal_size=size, run_before=run_before)


class TestEditor:
    @SIZES
    def test_the_cards_of_a_deck(self, snap_compare, services, size, tmp_path):
        """The cards by level in a list, the first card in the panel beside it, its kind and
        tags, the keys for what can be done now, and the deck's counts at the top."""
        path = write_small_deck(tmp_path)

        async def run_before(pilot: Pilot[None]) -> None:
            await in_editor(pilot)
            await pilot.press("down")

        app = studio_app(services, path)
        assert snap_compare(app, terminal_size=size, run_before=run_before)

    @SIZES
    def test_a_card_with_a_warning(self, snap_compare, services, size, tmp_path):
        """A closed question marked in the list, the doctor's warning beside it, and the open
        form it offers, with the key that takes it."""
        path = tmp_path / "kitchen-table.toml"
        path.write_text(
            SMALL_DECK.replace("What did your family cook on Sundays?", CLOSED), "utf-8"
        )

        async def run_before(pilot: Pilot[None]) -> None:
            await in_editor(pilot)
            await pilot.press("down", "down")

        app = studio_app(services, path)
        assert snap_compare(app, terminal_size=size, run_before=run_before)
