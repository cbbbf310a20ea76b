"""Provides the messages screens post up to the app: what the players chose, never how to do it.

The app (a switchboard) handles each one by asking `GameFlow`, then shows the result. Screens
never call the app's methods or each other directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from h2h_game.engine import Deck, Length
    from h2h_game.flow import Preset
    from h2h_game.session import Session
    from h2h_game.store import BrokenSave


class NewGame(Message):
    """The players want to set up a new game (with some choices already made)."""

    def __init__(self, preset: Preset | None = None) -> None:
        super().__init__()
        self.preset = preset


class StartGame(Message):
    """The new-game screen is done: deal a game with these choices and sit the players down."""

    def __init__(
        self,
        deck: Deck,
        *,
        names: tuple[str, str],
        colours: tuple[str, str] | None = None,
        lines: frozenset[str] = frozenset(),
        length: Length | None = None,
        seed: int | None = None,
        first: int | None = None,
    ) -> None:
        super().__init__()
        self.deck = deck
        self.names = names
        self.colours = colours
        self.lines = lines
        """Both players' private lines, together: nobody can tell whose they were."""
        self.length = length
        self.seed = seed
        self.first = first


class ResumeGame(Message):
    """Open a saved game (None: the most recent unfinished one)."""

    def __init__(self, game_id: str | None, *, read_only: bool = False) -> None:
        super().__init__()
        self.game_id = game_id
        self.read_only = read_only


class LeaveTable(Message):
    """The players leave the table (every action is already saved)."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session


class PlayAgain(Message):
    """A new game with the same two, the same deck and the same colours."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session


class HideRemoved(Message):
    """Leave the cards removed in this game out of future games with its deck."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session


class FollowGame(Message):
    """A read-only window asks to catch up with the window that plays the game."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session


class ShowHelp(Message):
    """The players asked for the rules and the keys."""


class OfferRecovery(Message):
    """A damaged game was chosen: say what is wrong with it, and offer to bring it back."""

    def __init__(self, damaged: BrokenSave) -> None:
        super().__init__()
        self.damaged = damaged
