"""Provides the deck model shared by deck files, saves and the rules: Deck, Level and Card."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    """What a card asks of the players."""

    QUESTION = "question"
    WILD = "wild"


class Effect(StrEnum):
    """What a wild card does when it is drawn."""

    BOTH_ANSWER = "both-answer"
    """Both answer; the speaker goes first."""
    SWAP = "swap"
    """The listener answers first; the speaker may then meet them there."""
    APPRECIATE = "appreciate"
    """Each tells the other one thing they appreciate about them."""
    QUIET = "quiet"
    """A quiet moment together."""
    DEEPER = "deeper"
    """The next card comes from one level deeper, as if leading the way."""


MAX_LEVELS = 7
DEFAULT_SETTLE = 4
"""Cards answered at the level below before a level can open, unless the deck says otherwise."""


def card_id(level: int, text: str) -> str:
    """Derive a card's id from its level and text, so reordering cards keeps ids stable.

    Whitespace and Unicode normalisation differences do not change the id, so re-saving a deck
    in another editor keeps saves and hidden-card lists valid.
    """
    (derived,) = card_ids(level, [canonical_text(text)])
    return derived


def canonical_text(text: str) -> str:
    """Text as card ids see it: Unicode NFC, each run of whitespace one space, none at the ends."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def card_ids(level: int, canonical: Iterable[str]) -> list[str]:
    """The ids `card_id` gives cards of `level` whose texts have these canonical forms.

    Many at once, for big decks: one loop of C calls instead of a function call per card.
    """
    head, prefix, sha256 = f"L{level}-", f"{level}\n".encode(), hashlib.sha256
    return [head + sha256(prefix + text.encode()).hexdigest()[:12] for text in canonical]


@dataclass(frozen=True)
class Card:
    """One question or wild card, sitting on one level."""

    id: str
    level: int
    """1-based depth of the level the card belongs to."""
    text: str
    tags: tuple[str, ...] = ()
    kind: Kind = Kind.QUESTION
    effect: Effect | None = None

    @property
    def is_wild(self) -> bool:
        return self.kind is Kind.WILD

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "text": self.text}
        if self.tags:
            data["tags"] = list(self.tags)
        if self.kind is not Kind.QUESTION:
            data["kind"] = self.kind.value
        if self.effect is not None:
            data["effect"] = self.effect.value
        return data

    @classmethod
    def from_dict(cls, level: int, data: Mapping[str, Any]) -> Card:
        effect = data.get("effect")
        return cls(
            id=str(data["id"]),
            level=level,
            text=str(data["text"]),
            tags=tuple(str(tag) for tag in data.get("tags", ())),
            kind=Kind(data.get("kind", Kind.QUESTION.value)),
            effect=Effect(effect) if effect is not None else None,
        )


@dataclass(frozen=True)
class Level:
    """One level of depth: a name, an unlock threshold in trust tokens, and its cards."""

    number: int
    """1-based position in the deck; also the tokens a met card of this level is worth."""
    name: str
    unlock: int
    cards: tuple[Card, ...]
    description: str = ""
    settle: int = DEFAULT_SETTLE
    """Cards the players must have answered at the level below before this one can open."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "unlock": self.unlock, "settle": self.settle}
        if self.description:
            data["description"] = self.description
        data["cards"] = [card.to_dict() for card in self.cards]
        return data

    @classmethod
    def from_dict(cls, number: int, data: Mapping[str, Any]) -> Level:
        return cls(
            number=number,
            name=str(data["name"]),
            unlock=int(data["unlock"]),
            cards=tuple(Card.from_dict(number, card) for card in data["cards"]),
            description=str(data.get("description", "")),
            settle=int(data.get("settle", DEFAULT_SETTLE)),
        )


@dataclass(frozen=True)
class Deck:
    """An ordered list of levels of depth, lightest first."""

    name: str
    levels: tuple[Level, ...]
    description: str = ""
    author: str = ""
    language: str = "en"
    how_to_play: str = ""
    tags: tuple[tuple[str, str], ...] = ()
    """Declared topic tags as (tag, label) pairs, in the order the author wrote them."""
    audience: str = ""
    """Who the deck is for, in one line, shown when choosing a deck."""
    landing: tuple[str, ...] = ()
    """Light cards for coming back up before the closing card (`[ending] landing`)."""
    closing: str = ""
    """The deck's own closing card, replacing stars and wishes (`[ending] closing`)."""
    _by_id: dict[str, Card] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        cards = {card.id: card for level in self.levels for card in level.cards}
        object.__setattr__(self, "_by_id", cards)

    @property
    def cards(self) -> tuple[Card, ...]:
        return tuple(card for level in self.levels for card in level.cards)

    def card(self, card_id: str) -> Card:
        """The card with this id; KeyError if the deck has none."""
        return self._by_id[card_id]

    def level(self, number: int) -> Level:
        """The level with this 1-based number."""
        return self.levels[number - 1]

    def tag_label(self, tag: str) -> str:
        """The author's label for a tag, or the tag itself when it has none."""
        return dict(self.tags).get(tag) or tag

    def used_tags(self) -> tuple[str, ...]:
        """Every tag some card carries, declared ones first in declared order."""
        used = {tag for card in self.cards for tag in card.tags}
        declared = [tag for tag, _ in self.tags if tag in used]
        return (*declared, *sorted(used - set(declared)))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name}
        for key in ("description", "author", "how_to_play", "audience", "closing"):
            if value := getattr(self, key):
                data[key] = value
        data["language"] = self.language
        if self.tags:
            data["tags"] = [[tag, label] for tag, label in self.tags]
        if self.landing:
            data["landing"] = list(self.landing)
        data["levels"] = [level.to_dict() for level in self.levels]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Deck:
        return cls(
            name=str(data["name"]),
            description=str(data.get("description", "")),
            author=str(data.get("author", "")),
            language=str(data.get("language", "en")),
            how_to_play=str(data.get("how_to_play", "")),
            tags=tuple((str(tag), str(label)) for tag, label in data.get("tags", ())),
            audience=str(data.get("audience", "")),
            landing=tuple(str(text) for text in data.get("landing", ())),
            closing=str(data.get("closing", "")),
            levels=tuple(
                Level.from_dict(number, level)
                for number, level in enumerate(data["levels"], start=1)
            ),
        )
