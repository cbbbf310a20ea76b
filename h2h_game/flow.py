"""Provides `GameFlow`: starting, resuming, replaying and leaving games, without a screen.

The Textual app turns what players choose into calls here, and the command line and tests can
make the same calls: one owner of the game flow. Every failure is a `FlowError` (or a store
error) whose text is meant for the players as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from h2h_game.engine import (
    DEFAULT_COLOURS,
    Deck,
    GameState,
    Length,
    Setup,
    SetupError,
    deal_game,
)
from h2h_game.services import Services
from h2h_game.session import Session
from h2h_game.store import Listed, StoreError


class FlowError(Exception):
    """Something the players asked for could not be done; `str(error)` says why, plainly."""


@dataclass(frozen=True)
class Preset:
    """Choices already made for a new game (from `h2h new …`, "play again" or the studio)."""

    deck: Deck | None = None
    names: tuple[str, str] | None = None
    colours: tuple[str, str] | None = None
    length: str | None = None
    seed: int | None = None
    first: int | None = None
    """Who speaks first, when already chosen (None: chance, or ask)."""


class GameFlow:
    """The way into and out of games for one folder of saves and decks."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.dealt_from: dict[str, Deck] = {}
        """Decks games were dealt from in this run, by name: the game keeps only a trimmed copy."""
        self._followed: dict[str, tuple[int, int, int]] = {}

    def setup_for(
        self,
        deck: Deck,
        *,
        names: tuple[str, str],
        colours: tuple[str, str] = DEFAULT_COLOURS,
        lines: frozenset[str] = frozenset(),
        length: Length = Length.EVENING,
        seed: int | None = None,
        first: int | None = None,
    ) -> Setup:
        """A setup for a new game, leaving out the cards these players hid in earlier games."""
        try:
            hidden = self.services.store.hidden_cards(deck.name)
        except (StoreError, OSError):
            hidden = frozenset()
        return Setup(
            deck=deck,
            names=names,
            colours=colours,
            lines=lines,
            hidden=hidden,
            length=length,
            seed=seed if seed is not None else self.services.new_seed(),
            first=first,
        )

    def start(self, setup: Setup) -> Session:
        """Deal a new game, save it, and return it ready to play."""
        now = self.services.clock()
        try:
            state = deal_game(setup, now)
        except SetupError as error:
            raise FlowError(str(error)) from error
        try:
            game = self.services.store.create(state, now)
        except StoreError as error:
            raise FlowError(str(error)) from error
        self.dealt_from[setup.deck.name] = setup.deck
        return Session(game.state, game, self.services.clock)

    def resume(self, game_id: str, *, read_only: bool = False) -> Session:
        """Open a saved game exactly where it was left.

        Raises the store's `GameLocked` when another window plays it (open it read-only
        instead), and FlowError for anything else that keeps it closed.
        """
        from h2h_game.store import GameLocked

        try:
            game = self.services.store.open(game_id, read_only=read_only)
        except GameLocked:
            raise
        except StoreError as error:
            raise FlowError(str(error)) from error
        return Session(game.state, game, self.services.clock)

    def follow(self, session: Session) -> bool:
        """Catch a read-only session up with the window that plays its game; True if it moved."""
        game = session.game
        if game is None or not game.read_only:
            return False
        try:
            info = game.path.stat()
        except OSError:
            return False
        stamp = (info.st_ino, info.st_size, info.st_mtime_ns)
        if self._followed.get(game.id) == stamp:
            return False  # unchanged since the last look: nothing to read
        self._followed[game.id] = stamp
        try:
            again = self.services.store.open(game.id, read_only=True)
        except StoreError:
            return False
        if again.state == session.state:
            return False
        session.game = again
        session.follow(again.state, {entry.action.kind for entry in again.log})
        return True

    def latest_unfinished(self) -> Listed | None:
        """What Continue opens: the game most recently played that is not over yet, or its
        damaged file when that game cannot be opened (never an older game in its place)."""
        try:
            return self.services.store.latest_unfinished()
        except (StoreError, OSError) as error:
            raise FlowError(f"Saved games could not be read: {error}") from error

    def recover(self, listed_id: str) -> str:
        """Bring a damaged game back to its last good state; what happened, in words.

        Raises the store's `GameLocked` when another window has it, FlowError otherwise.
        """
        from h2h_game.store import GameLocked

        try:
            done = self.services.store.recover(listed_id)
        except GameLocked:
            raise
        except StoreError as error:
            raise FlowError(str(error)) from error
        if done.lost == 0:
            lost = "nothing was lost"
        elif done.lost is not None:
            lost = f"{_actions(done.lost)} {'was' if done.lost == 1 else 'were'} lost"
        else:
            lost = f"at most {_actions(done.at_most or 1)} lost"
        return f"The game is back as it was at its last good save: {lost}."

    def again(self, state: GameState) -> Preset:
        """Choices for a new game with the same two, the same deck and the same colours."""
        players = state.players
        return Preset(
            deck=self.original_deck(state.deck.name) or state.deck,
            names=(players[0].name, players[1].name),
            colours=(players[0].colour, players[1].colour),
            length=state.deal.length.value,
        )

    def original_deck(self, name: str) -> Deck | None:
        """The deck a game was dealt from, found again by name (the game keeps only the cards it
        dealt, without their tags, so that it holds no trace of anyone's lines)."""
        if name in self.dealt_from:
            return self.dealt_from[name]
        from h2h_game.decks.library import find_decks

        for entry in find_decks(self.services.deck_dirs):
            if entry.deck is not None and entry.deck.name == name:
                return entry.deck
        return None

    def hide_removed(self, state: GameState) -> None:
        """Leave the cards removed tonight out of future games with this deck."""
        try:
            self.services.store.hide_cards(state.deck.name, state.moment.removed)
        except (StoreError, OSError) as error:
            raise FlowError(str(error)) from error

    def removed_are_hidden(self, state: GameState) -> bool:
        """Whether every card removed in this game is already hidden from future games."""
        removed = set(state.moment.removed)
        if not removed:
            return False
        try:
            return removed <= self.services.store.hidden_cards(state.deck.name)
        except (StoreError, OSError):
            return False


def _actions(count: int) -> str:
    return "one action" if count == 1 else f"{count} actions"
