"""Provides `Seat`: one player's side of the table, with their name, role and a hint."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from h2h_game.engine import GameState, Phase
from h2h_game.tui.text import literal_line
from h2h_game.tui.words import (
    ANSWERER_WAITS,
    RESPONDER_HINT,
    SPEAKER_HINT,
    listening_tip,
)


class Seat(Vertical):
    """Player 1 sits on the left, player 2 on the right; the side whose move it is is lit."""

    def __init__(self, player: int) -> None:
        super().__init__(id=f"seat-{player}", classes=f"seat seat-{player}")
        self.player = player

    def compose(self) -> ComposeResult:
        yield Static(classes="seat-name")
        yield Static(classes="seat-hint")

    def show(self, state: GameState) -> None:
        player = state.players[self.player]
        speaking = state.moment.speaker == self.player
        role = "speaking" if speaking else "listening"
        lit, hint = self._moment(state)
        for colour in ("coral", "teal"):
            self.set_class(player.colour == colour, f"-{colour}")
        self.set_class(lit, "-lit")
        marker = "▸ " if lit else "  "
        name = Content.assemble(marker, literal_line(player.name).stylize("bold"), f" · {role}")
        self.query_one(".seat-name", Static).update(name)
        self.query_one(".seat-hint", Static).update(Content(hint))

    def _moment(self, state: GameState) -> tuple[bool, str]:
        """Whether this seat has the next move, and the hint it shows."""
        phase = state.moment.phase
        if phase in (Phase.CLOSING, Phase.OVER):
            return False, ""
        if phase is Phase.SPEAKING:
            lit = state.answerer == self.player
            return lit, SPEAKER_HINT if lit else listening_tip(state.moment.turn)
        if phase in (Phase.ANSWERED, Phase.REFLECTING):
            responding = state.responder == self.player
            if phase is Phase.REFLECTING:
                return not responding, "did that land?" if not responding else "you said it back"
            return responding, RESPONDER_HINT if responding else ANSWERER_WAITS
        speaking = state.moment.speaker == self.player
        return speaking, SPEAKER_HINT if speaking else listening_tip(state.moment.turn)
