"""The one registry of moves: keys, words, and what the help page and README say about them."""

from __future__ import annotations

import random
from pathlib import Path

from h2h_game.engine import ACTION_TYPES, legal_actions
from h2h_game.tui.moves import MOVES, TABLE_MOVES, choices, key_table, move_for
from h2h_game.tui.screens.table import TableScreen
from tests.engine.builders import game

REPO = Path(__file__).resolve().parents[2]
HELP = REPO / "h2h_game" / "tui" / "help.md"


def test_help_and_readme_show_the_key_table_of_the_registry() -> None:
    table = key_table()
    assert table in HELP.read_text(encoding="utf-8")
    assert table in (REPO / "README.md").read_text(encoding="utf-8")


def test_every_key_of_the_registry_is_bound_on_the_table() -> None:
    bound = {binding.key for binding in TableScreen.BINDINGS}  # type: ignore[union-attr]
    assert {move.key for move in MOVES} == bound


def test_every_engine_action_has_a_move_or_is_handled_another_way() -> None:
    state = game()
    names = {move.name for move in MOVES}
    for kind, cls in ACTION_TYPES.items():
        if kind in ("agree", "share-landing", "share-closing"):
            action = cls(0)  # type: ignore[call-arg]
        elif kind in ("ask-deeper", "go-lighter"):
            action = cls(2)  # type: ignore[call-arg]
        else:
            action = cls()
        name = move_for(state, action)
        assert name in names, kind
    assert names >= TABLE_MOVES


def test_hints_fit_one_line_at_80_columns() -> None:
    for move in MOVES:
        assert len(move.hint) <= 76, move.name


def test_one_choice_per_key_in_every_state_of_many_games() -> None:
    """Keys are shared by moves that are never possible together (a: answer, or play again
    on the summary); a random walk through many games finds no moment where two collide."""
    from h2h_game.engine import apply

    for seed in range(25):
        rng = random.Random(seed)
        state = game(story_deck_for_moves(), seed=seed)
        for _ in range(120):
            legal = legal_actions(state)
            found = choices(state, legal, read_only=False)
            keys = [choice.move.key for choice in found]
            assert len(keys) == len(set(keys)), (keys, state.moment)
            if not legal:
                break
            state = apply(state, rng.choice(legal))


def story_deck_for_moves():
    from tests.engine.builders import plain_deck

    return plain_deck(per_level=8)
