"""Provides `Session`: one game at the table, where every action is applied and then saved.

This is the imperative shell around the engine: it reads the clock, asks the engine for the
next state, and hands that state to the store. Nothing here knows about the screen, so the
command line and tests can drive a game the same way the table does.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from h2h_game.engine import Action, GameState, IllegalAction, LogEntry, apply
from h2h_game.store import OpenGame, SaveError


class Session:
    """A game in play: its current state, and the open save it is written to."""

    def __init__(
        self,
        state: GameState,
        game: OpenGame | None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.state = state
        self.game = game
        self.clock = clock

    @property
    def read_only(self) -> bool:
        return self.game is not None and self.game.read_only

    def act(self, action: Action) -> str | None:
        """Apply and save an action. Returns None, or why nothing changed.

        The state only moves on once the save has succeeded, so what the players see is
        always what a restart would bring back.
        """
        now = self.clock()
        try:
            new = apply(self.state, action, now)
        except IllegalAction as refusal:
            return refusal.reason
        if self.game is not None:
            try:
                self.game.save(new, LogEntry(action, now), now)
            except SaveError as error:
                return str(error)
        self.state = new
        return None

    def close(self) -> None:
        """Let go of the save (and its lock). Every action is already on disk."""
        if self.game is not None and not self.game.closed:
            self.game.close()
