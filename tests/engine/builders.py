"""Provides small decks and shortcuts for engine tests."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from hypothesis import strategies as st

from h2h_game.engine import (
    Action,
    Card,
    Deck,
    Effect,
    GameState,
    Kind,
    Length,
    Level,
    Setup,
    apply,
    card_id,
    deal_game,
    opening,
)

TAGS = ("family", "loss", "money", "body")


def question(level: int, text: str, *tags: str) -> Card:
    return Card(card_id(level, text), level, text, tuple(tags))


def wild(level: int, text: str, effect: Effect) -> Card:
    return Card(card_id(level, text), level, text, (), Kind.WILD, effect)


def make_deck(
    *levels: Sequence[Card],
    unlocks: Sequence[int] | None = None,
    settle: Sequence[int] | None = None,
    landing: Sequence[str] = (),
    closing: str = "",
) -> Deck:
    """A deck of these levels. Unless told otherwise, levels open on tokens alone (settle 0)."""
    unlocks = unlocks or [0, 3, 9, 15, 24, 33, 45][: len(levels)]
    settle = settle or [0] * len(levels)
    return Deck(
        name="Test deck",
        levels=tuple(
            Level(
                number,
                f"Level {number}",
                unlocks[number - 1],
                tuple(cards),
                settle=settle[number - 1],
            )
            for number, cards in enumerate(levels, start=1)
        ),
        tags=tuple((tag, tag.title()) for tag in TAGS),
        landing=tuple(landing),
        closing=closing,
    )


def plain_deck(per_level: int = 6, levels: int = 3) -> Deck:
    """A deck of questions only: `per_level` cards on each of `levels` levels."""
    return make_deck(
        *(
            [question(n, f"Question {i} on level {n}?") for i in range(per_level)]
            for n in range(1, levels + 1)
        )
    )


def deck_with(effect: Effect, levels: int = 3) -> Deck:
    """A deck whose first card is a wild card with `effect`, with plain questions after it."""
    first = [wild(1, f"Wild {effect}", effect)]
    rest = [question(1, f"Question {i} on level 1?") for i in range(5)]
    deeper = [
        [question(n, f"Question {i} on level {n}?") for i in range(5)] for n in range(2, levels + 1)
    ]
    return make_deck(first + rest, *deeper)


def game(
    deck: Deck | None = None,
    *,
    length: Length = Length.OPEN,
    first: int = 0,
    seed: int = 1,
    lines: Iterable[str] = (),
    names: tuple[str, str] = ("Maya", "Sam"),
) -> GameState:
    return deal_game(
        Setup(
            deck or plain_deck(),
            names=names,
            length=length,
            seed=seed,
            first=first,
            lines=frozenset(lines),
        )
    )


def unshuffled(state: GameState) -> GameState:
    """The same game with every pile in deck order, so a test knows which card comes next."""
    piles = tuple(tuple(card.id for card in level.cards) for level in state.deck.levels)
    return opening(replace(state.deal, piles=piles))


def play(state: GameState, *actions: Action) -> GameState:
    for action in actions:
        state = apply(state, action)
    return state


# --- hypothesis strategies ---------------------------------------------------------------------

effects = st.sampled_from(list(Effect))


@st.composite
def cards_for(draw: st.DrawFn, level: int, count: int) -> list[Card]:
    cards = []
    for index in range(count):
        text = f"Card {index} on level {level}?"
        tags = tuple(draw(st.sets(st.sampled_from(TAGS), max_size=2)))
        if draw(st.integers(0, 4)) == 0:
            cards.append(Card(card_id(level, text), level, text, tags, Kind.WILD, draw(effects)))
        else:
            cards.append(Card(card_id(level, text), level, text, tags))
    return cards


@st.composite
def decks(draw: st.DrawFn) -> Deck:
    """Random decks: 1–4 levels of 1–8 cards, with tags, wild cards and varied unlocks."""
    count = draw(st.integers(1, 4))
    steps = draw(st.lists(st.integers(0, 4), min_size=count - 1, max_size=count - 1))
    unlocks = [0]
    for step in steps:
        unlocks.append(unlocks[-1] + step)
    levels = [draw(cards_for(n, draw(st.integers(1, 8)))) for n in range(1, count + 1)]
    # Level 1 keeps at least one untagged question so any lines leave a card to start with.
    levels[0] = [question(1, "The first question?"), *levels[0]]
    settle = [0, *draw(st.lists(st.integers(0, 3), min_size=count - 1, max_size=count - 1))]
    landing = draw(st.sampled_from([(), ("What are you looking forward to?",)]))
    return make_deck(*levels, unlocks=unlocks, settle=settle, landing=landing)


@st.composite
def setups(draw: st.DrawFn) -> Setup:
    deck = draw(decks())
    # Cards hidden in earlier games; the first question stays, so a game can always begin.
    hideable = [card.id for card in deck.cards if card.text != "The first question?"]
    hidden = draw(st.sets(st.sampled_from(hideable), max_size=3)) if hideable else set()
    return Setup(
        deck,
        names=draw(st.sampled_from([("Maya", "Sam"), ("", ""), ("Ana", "Zoë 👩‍👩‍👧")])),
        hidden=frozenset(hidden),
        lines=frozenset(draw(st.sets(st.sampled_from(TAGS), max_size=2))),
        length=draw(st.sampled_from(list(Length))),
        seed=draw(st.integers(0, 2**32)),
        first=draw(st.sampled_from([None, 0, 1])),
    )
