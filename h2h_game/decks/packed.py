"""Provides a validated deck as plain JSON values that rebuild it fast: the deck cache's form.

Each level keeps its card ids and texts as two lists, and only the few cards with tags, or that
are wild, as a list of extras. Rebuilding is then one loop that makes a Card from an id and a
text, with no per-card dictionaries to read; a 10,000-card deck comes back in a few milliseconds.

`unpack` trusts what it is given: it is only for values `pack` made from a deck that validated.
It turns nothing into a DeckError; a value of another shape raises KeyError, TypeError or
ValueError.
"""

from __future__ import annotations

from typing import Any

from h2h_game.engine.deck import Card, Deck, Effect, Kind, Level

_TEXT_FIELDS = ("description", "author", "language", "how_to_play", "audience", "closing")


def pack(deck: Deck) -> dict[str, Any]:
    """The deck as JSON values that `unpack` turns back into an equal deck."""
    packed: dict[str, Any] = {"name": deck.name}
    for field in _TEXT_FIELDS:
        packed[field] = getattr(deck, field)
    packed["tags"] = [list(pair) for pair in deck.tags]
    packed["landing"] = list(deck.landing)
    packed["levels"] = [_pack_level(level) for level in deck.levels]
    return packed


def _pack_level(level: Level) -> dict[str, Any]:
    extras = [
        [
            index,
            list(card.tags),
            card.kind.value,
            None if card.effect is None else card.effect.value,
        ]
        for index, card in enumerate(level.cards)
        if card.tags or card.kind is not Kind.QUESTION or card.effect is not None
    ]
    return {
        "name": level.name,
        "unlock": level.unlock,
        "settle": level.settle,
        "description": level.description,
        "ids": [card.id for card in level.cards],
        "texts": [card.text for card in level.cards],
        "extras": extras,
    }


def unpack(packed: Any) -> Deck:
    """The deck `pack` made these values from."""
    return Deck(
        name=packed["name"],
        **{field: packed[field] for field in _TEXT_FIELDS},
        tags=tuple((tag, label) for tag, label in packed["tags"]),
        landing=tuple(packed["landing"]),
        levels=tuple(
            _unpack_level(number, level) for number, level in enumerate(packed["levels"], 1)
        ),
    )


def _unpack_level(number: int, packed: Any) -> Level:
    # Positional arguments (id, level, text): keywords cost a fifth more over 10,000 cards.
    cards = [
        Card(id_, number, text) for id_, text in zip(packed["ids"], packed["texts"], strict=True)
    ]
    for index, tags, kind, effect in packed["extras"]:
        plain = cards[index]
        cards[index] = Card(
            id=plain.id,
            level=number,
            text=plain.text,
            tags=tuple(tags),
            kind=Kind(kind),
            effect=None if effect is None else Effect(effect),
        )
    return Level(
        number=number,
        name=packed["name"],
        unlock=packed["unlock"],
        cards=tuple(cards),
        description=packed["description"],
        settle=packed["settle"],
    )
