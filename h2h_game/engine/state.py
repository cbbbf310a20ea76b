"""Provides the game state: the deal fixed at setup, and the moment that every action changes.

A `GameState` is plain, frozen data: the `Deal` (deck, players, length, the shuffled piles) never
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
    LANDING = "landing"
    """Coming back up: one light card both answer before the closing card."""
    CLOSING = "closing"
    """The closing card: each tells the other what they loved and what they wish for."""
    OVER = "over"
    """The game is finished; only the summary remains."""


RULES = 2
"""The edition of the rules new games are dealt with. Edition 1 had no settling, no landing
card, no putting back of a displaced card, and offered depth again one met card after going
lighter; games begun under it keep those rules."""

ENDING_PHASES = (Phase.LANDING, Phase.CLOSING)
"""The phases between the last card and the end of the game."""


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
class Deal:
    """Everything fixed when the cards are dealt: the deck, the players and the shuffled piles.

    The deck is the game's own copy, holding only the cards in its piles and no topic tags, so
    nothing kept about the game tells which topics the players left out tonight.
    """

    deck: Deck
    players: tuple[Player, Player]
    length: Length
    seed: int
    first: int
    """Index of the player who speaks first."""
    piles: tuple[tuple[str, ...], ...]
    """Card ids per level, top of the pile first, with lines and hidden cards already left out."""
    landing: str = ""
    """The light card offered before the closing card when the evening went past level 1."""
    started: float | None = None
    """When the game was set up, as passed in by the caller (seconds)."""
    rules: int = RULES
    """The edition of the rules the game is played by. A game keeps the rules it began with,
    so an old game's action log still replays to exactly the game it was."""


@dataclass(frozen=True)
class Offer:
    """An open question to both players: go deeper to `level`?"""

    level: int
    agreed: tuple[bool, bool] = (False, False)
    asked: bool = False
    """True when a player asked for it; False when the jar and the cards answered opened it."""


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
    """How many cards have been drawn from the top of each level's pile."""
    under: tuple[tuple[str, ...], ...] = ()
    """Cards put back under each level's pile, unanswered, to be drawn after the pile itself."""
    removed: tuple[str, ...] = ()
    jar: int = 0
    answered: int = 0
    answered_at: tuple[int, ...] = ()
    """Cards answered at each level: a level opens only once the level below has settled."""
    met: int = 0
    felt_heard: int = 0
    deepest: int = 1
    snoozed: bool = False
    """Someone said "not yet": no offer until the next reciprocated card."""
    lighter: int = 0
    """After going lighter: cards still to meet each other on before the next offer to go deeper."""
    offer: Offer | None = None
    quiet: bool = False
    paused: bool = False
    shared: tuple[bool, bool] = (False, False)
    """Who has answered the landing card, or shared their part of the closing card."""
    ending: Ending | None = None
    extended: bool = False
    """The chosen length was reached and the players kept playing: it no longer ends the game."""
    clock: float | None = None
    """When the last action happened, as passed in by the caller (seconds)."""
    together: float = 0.0
    """Seconds spent at the table, not counting pauses or long gaps away."""


@dataclass(frozen=True)
class GameState:
    """A whole game at one moment: the deal, the moment, and what undo can return to."""

    deal: Deal
    moment: Moment
    undo: tuple[Moment, ...] = ()

    @property
    def deck(self) -> Deck:
        return self.deal.deck

    @property
    def players(self) -> tuple[Player, Player]:
        return self.deal.players

    @property
    def speaker(self) -> Player:
        return self.deal.players[self.moment.speaker]

    @property
    def listener(self) -> Player:
        return self.deal.players[1 - self.moment.speaker]

    @property
    def card(self) -> Card | None:
        """The card showing, if any."""
        return self.deck.card(self.moment.card) if self.moment.card is not None else None

    @property
    def answerer(self) -> int:
        """Who answers the showing card first: the speaker, or the listener on a `swap` card."""
        card = self.card
        swapped = card is not None and card.effect is Effect.SWAP
        return 1 - self.moment.speaker if swapped else self.moment.speaker

    @property
    def responder(self) -> int:
        """Who may reflect on, meet or thank the answer."""
        return 1 - self.answerer

    @property
    def is_over(self) -> bool:
        return self.moment.phase is Phase.OVER

    @property
    def unlocked(self) -> int:
        """The deepest open level: its unlock reached, and the level below it settled."""
        return open_levels(self.deck, self.moment.jar, self.moment.answered_at)

    def cards_left(self, level: int) -> int:
        """Cards still to come at a level: the rest of its pile and any put back under it."""
        m = self.moment
        return len(self.deal.piles[level - 1]) - m.drawn[level - 1] + len(m.under[level - 1])


def open_levels(deck: Deck, jar: int, answered_at: tuple[int, ...]) -> int:
    """The deepest level open with this jar and these answers per level (level 1 always is).

    A level opens when the jar holds its unlock and the players have answered its `settle`
    number of cards at the level below: depth is earned over a few exchanges, not four cards.
    """
    deepest = 1
    for level in deck.levels[1:]:
        below = answered_at[level.number - 2] if level.number - 2 < len(answered_at) else 0
        if jar < level.unlock or below < level.settle:
            break
        deepest = level.number
    return deepest
