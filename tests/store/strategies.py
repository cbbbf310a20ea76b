"""Provides hypothesis strategies for the store's tests."""

from __future__ import annotations

from hypothesis import strategies as st

from h2h_game.engine import Card, Deck, Effect, Kind, Level, card_id


@st.composite
def decks(draw: st.DrawFn) -> Deck:
    """Small random decks: 1–3 levels of 1–5 cards, some wild, with varied unlock thresholds."""
    levels = []
    unlock = 0
    for number in range(1, draw(st.integers(1, 3)) + 1):
        if number > 1:
            unlock += draw(st.integers(0, 4))
        cards = []
        for index in range(draw(st.integers(1, 5))):
            text = f"Card {index} on level {number}?"
            effect = draw(st.none() | st.sampled_from(list(Effect)))
            kind = Kind.QUESTION if effect is None else Kind.WILD
            cards.append(Card(card_id(number, text), number, text, (), kind, effect))
        if number == 1:
            # A first question that is not wild keeps every game startable.
            text = "The first question?"
            cards.insert(0, Card(card_id(1, text), 1, text))
        levels.append(Level(number, f"Level {number}", unlock, tuple(cards)))
    return Deck(draw(st.sampled_from(["Deck", "Zoë's deck", "深い話"])), tuple(levels))
