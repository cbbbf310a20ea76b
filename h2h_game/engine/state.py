"""Provides the game state: the table fixed at setup, and the moment that every action changes.

A `GameState` is plain, frozen data: the `Table` (deck, players, length, the shuffled piles) never
changes after setup; the `Moment` holds everything an action can change; `undo` keeps the
moments an undo can return to. Nothing here knows about screens, files or clocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from h2h_game.engine.deck import Card, Deck, Effect


class Length(StrEnum):
    """How long the players want tonight's game to be."""

    SHORT = "short"
    EVENING = "evening"
    OPEN = "open"

    @property
    def target(self) -> int | None:
        """Answered cards after which the game closes; None plays until wrap-up or empty piles."""
        return {"short": 8, "evening": 20, "open": None}[self.value]


class Phase(StrEnum):
    """Where in a turn the game stands."""

    DRAWING = "drawing"
    """A turn has begun but no card is drawn yet: an offer to go deeper comes first."""
    SPEAKING = "speaking"
    """A card is showing; its answerer may answer, pass, or lead the way; either may remove it."""
    PASSED = "passed"
    """The card was passed; the speaker draws another or hands the turn over."""
    ANSWERED = "answered"
    """The card was answered; the other player may reflect, meet them there, or say thank you."""
    REFLECTING = "reflecting"
    """The listener said back what they heard; the answerer felt heard, or not quite."""
    EMPTY = "empty"
    """The current level's pile is empty while another unlocked pile still has cards."""
    CLOSING = "closing"
    """Stars and wishes: each tells the other what they loved and what they wish for."""
    OVER = "over"
    """The game is finished; only the summary remains."""


class Ending(StrEnum):
    """Why a game came to its close."""

    LENGTH = "length"
    WRAP_UP = "wrap-up"
    CARDS = "cards"


@dataclass(frozen=True)
class Player:
    """One of the two people at the table."""

    name: str
    colour: str


@dataclass(frozen=True)
class Table:
    """Everything fixed when the game is set up."""

    deck: Deck
    players: tuple[Player, Player]
    length: Length
    seed: int
    first: int
    """Index of the player who speaks first."""
    piles: tuple[tuple[str, ...], ...]
    """Card ids per level, top of the pile first, with lines and hidden cards already left out."""
    lines: int = 0
    """How many topics were left out tonight. Never which ones, nor whose lines they were."""
    started: float | None = None
    """When the game was set up, as passed in by the caller (seconds)."""


@dataclass(frozen=True)
class Offer:
    """An open question to both players: go deeper to `level`?"""

    level: int
    agreed: tuple[bool, bool] = (False, False)
    asked: bool = False
    """True when a player asked for it; False when the jar reached the threshold."""


@dataclass(frozen=True)
class Moment:
    """Everything that changes as the game is played."""

    turn: int = 1
    speaker: int = 0
    phase: Phase = Phase.DRAWING
    level: int = 1
    """The current level: where cards are drawn from."""
    card: str | None = None
    """The id of the card showing, if any."""
    card_level: int = 1
    """The level the showing card came from (one above `level` when leading the way)."""
    led: bool = False
    """The card was drawn by leading the way, or by a `deeper` wild card."""
    heard: bool = False
    """The answerer has already felt heard on this card (one token per card at most)."""
    drawn: tuple[int, ...] = ()
    """How many cards have been drawn from each level's pile."""
    removed: tuple[str, ...] = ()
    jar: int = 0
    answered: int = 0
    met: int = 0
    felt_heard: int = 0
    deepest: int = 1
    snoozed: bool = False
    """Someone said "not yet" (or went lighter): no offer until the next reciprocated card."""
    offer: Offer | None = None
    quiet: bool = False
    paused: bool = False
    closing: tuple[bool, bool] = (False, False)
    """Who has shared their stars and wishes on the closing card."""
    ending: Ending | None = None
    clock: float | None = None
    """When the last action happened, as passed in by the caller (seconds)."""
    together: float = 0.0
    """Seconds spent at the table, not counting pauses or long gaps away."""


@dataclass(frozen=True)
class GameState:
    """A whole game at one moment: the table, the moment, and what undo can return to."""

    table: Table
    now: Moment
    undo: tuple[Moment, ...] = ()

    @property
    def deck(self) -> Deck:
        return self.table.deck

    @property
    def players(self) -> tuple[Player, Player]:
        return self.table.players

    @property
    def speaker(self) -> Player:
        return self.table.players[self.now.speaker]

    @property
    def listener(self) -> Player:
        return self.table.players[1 - self.now.speaker]

    @property
    def card(self) -> Card | None:
        """The card showing, if any."""
        return self.deck.card(self.now.card) if self.now.card is not None else None

    @property
    def answerer(self) -> int:
        """Who answers the showing card first: the speaker, or the listener on a `swap` card."""
        card = self.card
        swapped = card is not None and card.effect is Effect.SWAP
        return 1 - self.now.speaker if swapped else self.now.speaker

    @property
    def responder(self) -> int:
        """Who may reflect on, meet or thank the answer."""
        return 1 - self.answerer

    @property
    def is_over(self) -> bool:
        return self.now.phase is Phase.OVER

    @property
    def unlocked(self) -> int:
        """The deepest level the jar has unlocked."""
        return self.deck.unlocked_by(self.now.jar)

    def cards_left(self, level: int) -> int:
        """Cards still in a level's pile."""
        return len(self.table.piles[level - 1]) - self.now.drawn[level - 1]
