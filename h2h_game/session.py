"""Provides `Session`: one game at the table, where every action is applied and then saved.

This is the imperative shell around the engine: it reads the clock, asks the engine for the
next state, and hands that state to the store. Nothing here knows about the screen, so the
command line and tests can drive a game the same way the table does.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from h2h_game.engine import Action, GameState, IllegalAction, LogEntry, apply, legal_actions
from h2h_game.store import OpenGame, SaveError


@dataclass(frozen=True)
class Step:
    """What one action did: the state before and after it, or why nothing changed."""

    action: Action
    before: GameState
    after: GameState
    refused: str | None = None
    """Why nothing changed, in words a player can read; None when the action was taken."""

    @property
    def taken(self) -> bool:
        return self.refused is None


class Session:
    """A game in play: its current state, what is legal in it, and the save it is written to."""

    def __init__(
        self,
        state: GameState,
        game: OpenGame | None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._state = state
        self._legal: tuple[Action, ...] | None = None
        self.game = game
        self.clock = clock
        self.used = {entry.action.kind for entry in (game.log if game is not None else ())}
        """The kinds of action taken in this game so far, from its log: what needs no hint."""

    @property
    def state(self) -> GameState:
        return self._state

    @property
    def id(self) -> str | None:
        """The saved game's id; None for a game that is not saved."""
        return self.game.id if self.game is not None else None

    @property
    def read_only(self) -> bool:
        return self.game is not None and self.game.read_only

    @property
    def legal(self) -> tuple[Action, ...]:
        """What the players may do now: asked of the engine once per state, then remembered."""
        if self._legal is None:
            self._legal = () if self.read_only else tuple(legal_actions(self._state))
        return self._legal

    def act(self, action: Action) -> Step:
        """Apply and save an action; the step says what it did, or why it did nothing.

        The state only moves on once the save has succeeded, so what the players see is
        always what a restart would bring back.
        """
        before = self._state
        now = self.clock()
        try:
            after = apply(before, action, now)
        except IllegalAction as refusal:
            return Step(action, before, before, refusal.reason)
        if self.game is not None:
            try:
                self.game.save(after, LogEntry(action, now), now)
            except SaveError as error:
                return Step(action, before, before, str(error))
        self._state = after
        self._legal = None
        self.used.add(action.kind)
        return Step(action, before, after)

    def follow(self, state: GameState, used: set[str]) -> None:
        """Show a state played elsewhere (a read-only window following the one that plays)."""
        self._state = state
        self._legal = None
        self.used = used

    def close(self) -> None:
        """Let go of the save (and its lock). Every action is already on disk."""
        if self.game is not None and not self.game.closed:
            self.game.close()
