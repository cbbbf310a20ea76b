"""The bundled decks' pacing: how many answered cards a pair needs to reach each level.

A warm pair reflects and meets on every card; a pair who meet but never reflect earn a token
less a card. The rules (`docs/game-rules.md`, "Going deeper") and the decks' unlock numbers
together should bring a warm pair to level 2 after roughly 5–6 cards and to level 3 after
roughly 12. The table below is pinned: change it only on purpose, with the decks.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from h2h_game.decks.format import load_deck
from h2h_game.engine import (
    Agree,
    Answer,
    Deck,
    EndQuiet,
    FeltHeard,
    GameState,
    Length,
    Meet,
    Phase,
    Reflect,
    Setup,
    apply,
    deal_game,
    is_legal,
)

DECKS = Path(__file__).parents[2] / "decks"

# deck file: (warm pair: cards to level 2, to level 3), (never reflecting: to 2, to 3)
PACING = {
    "after-a-hard-day.toml": ((6, None), (10, None)),
    "family-table.toml": ((6, 12), (10, 19)),
    "first-dates.toml": ((6, 12), (10, 19)),
    "heart-to-heart.toml": ((6, 11), (10, 18)),
    "long-distance.toml": ((5, 11), (10, 19)),
    "old-friends.toml": ((6, 13), (10, 20)),
    "partners.toml": ((5, 11), (10, 19)),
}


def cards_to_each_level(deck: Deck, *, reflect: bool, seed: int) -> list[int | None]:
    """Answered cards when each level after the first was reached (None: never, in 40 turns).

    The pair accepts every offer to go deeper, never leads the way, and takes every question
    as it comes; wild cards are played as they ask.
    """
    state = deal_game(Setup(deck, names=("A", "B"), length=Length.OPEN, seed=seed, first=0))
    reached: list[int | None] = [None] * (len(deck.levels) - 1)
    for _ in range(400):
        m = state.moment
        if m.level > 1 and reached[m.level - 2] is None:
            reached[m.level - 2] = m.answered
        if state.is_over or m.phase in (Phase.LANDING, Phase.CLOSING) or m.turn > 40:
            break
        state = _step(state, reflect=reflect)
    return reached


def _step(state: GameState, *, reflect: bool) -> GameState:
    m = state.moment
    if m.offer is not None:
        player = 0 if not m.offer.agreed[0] else 1
        return apply(state, Agree(player))
    if m.quiet:
        return apply(state, EndQuiet())
    if m.phase is Phase.SPEAKING:
        return apply(state, Answer())
    if m.phase is Phase.REFLECTING:
        return apply(state, FeltHeard())
    if reflect and is_legal(state, Reflect()):
        return apply(state, Reflect())
    return apply(state, Meet())


@pytest.mark.parametrize("name", sorted(PACING))
def test_a_warm_pair_reaches_each_level_at_the_pace_the_deck_promises(name: str) -> None:
    deck = load_deck(DECKS / name)
    warm, cool = PACING[name]
    assert tuple([*cards_to_each_level(deck, reflect=True, seed=1), None])[:2] == warm
    assert tuple([*cards_to_each_level(deck, reflect=False, seed=1), None])[:2] == cool


def test_every_bundled_deck_has_a_pacing_line() -> None:
    assert sorted(path.name for path in DECKS.glob("*.toml")) == sorted(PACING)
