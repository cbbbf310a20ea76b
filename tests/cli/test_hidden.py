"""`h2h deck hidden` and `h2h deck unhide`: the cards players hid, listed and brought back."""

from __future__ import annotations

from pathlib import Path

import pytest

from h2h_game.decks.format import load_deck
from h2h_game.decks.problems import snippet
from h2h_game.engine.deck import Deck
from h2h_game.store import SaveStore
from tests.cli.conftest import Run
from tests.decks.builders import SHORTEST, write


@pytest.fixture
def deck(tmp_path: Path) -> tuple[Deck, Path]:
    folder = tmp_path / "decks"
    return load_deck(write(folder, "old-friends.toml", SHORTEST)), folder


def test_nothing_hidden(h2h: Run) -> None:
    ran = h2h("deck", "hidden")
    assert ran.code == 0 and ran.out.startswith("No hidden cards")


def test_hidden_cards_are_listed_with_their_text(
    h2h: Run, store: SaveStore, deck: tuple[Deck, Path]
) -> None:
    found, folder = deck
    first, second, _ = found.cards
    store.hide_cards("Old friends", [first.id, second.id])
    store.hide_cards("Gone deck", ["L1-000000000000"])
    ran = h2h("deck", "hidden", "--decks", folder)
    assert ran.code == 0
    lines = ran.out.splitlines()
    assert '"Gone deck": 1 hidden card (deck not found here: ids only)' in lines
    assert "  L1-000000000000" in lines
    assert '"Old friends": 2 hidden cards' in lines
    assert f"  {first.id}  {snippet(first.text)}" in lines  # its first 40 characters
    only = h2h("deck", "hidden", "old FRIENDS", "--decks", folder)
    assert "Gone deck" not in only.out and first.id in only.out


def test_unhide_by_id_by_text_or_all(h2h: Run, store: SaveStore, deck: tuple[Deck, Path]) -> None:
    found, folder = deck
    first, _, third = found.cards
    store.hide_cards("Old friends", [card.id for card in found.cards])
    assert h2h("deck", "unhide", "Old friends", first.id, "--decks", folder).code == 0
    ran = h2h("deck", "unhide", "Old friends", "which PLACE", "--decks", folder)
    assert ran.code == 0
    assert ran.out == 'Brought back 1 card of "Old friends" for future games.\n'
    assert store.hidden_cards("Old friends") == {third.id}
    assert h2h("deck", "unhide", "Old friends", "--all").code == 0
    assert store.hidden_cards("Old friends") == frozenset()


def test_unhide_mistakes_exit_2(h2h: Run, store: SaveStore, deck: tuple[Deck, Path]) -> None:
    found, folder = deck
    store.hide_cards("Old friends", [card.id for card in found.cards])
    assert h2h("deck", "unhide", "Old friends").code == 2  # neither cards nor --all
    assert h2h("deck", "unhide", "No such deck", "--all").code == 2
    nothing = h2h("deck", "unhide", "Old friends", "Nothing starts like this", "--decks", folder)
    assert nothing.code == 2 and "no hidden card is" in nothing.err
    several = h2h("deck", "unhide", "Old friends", "Wh", "--decks", folder)
    assert several.code == 2 and "begins 3 hidden cards" in several.err
    assert len(store.hidden_cards("Old friends")) == 3
