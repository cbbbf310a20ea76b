"""Provides `Seat`: one player's side of the table, with their name, role and a hint."""

from __future__ import annotations

from textual.content import Content

from h2h_game.engine import Effect, GameState, Phase
from h2h_game.tui.literal import literal_line
from h2h_game.tui.widgets.view import StateView
from h2h_game.tui.wording import (
    ANSWERER_WAITS,
    RESPONDER_HINT,
    SPEAKER_HINT,
    listening_tip,
)


class Seat(StateView):
    """Player 1 sits on the left, player 2 on the right; the side whose move it is is lit."""

    FIXED_HEIGHT = True

    def __init__(self, player: int) -> None:
        super().__init__(id=f"seat-{player}", classes=f"seat seat-{player}")
        self.player = player

    def show(self, state: GameState) -> Content:
        player = state.players[self.player]
        lit, hint = self._moment(state)
        # Lit by the text's own style, not a CSS class: a class change restyles the widget,
        # and the lit side changes on almost every key press.
        marker = "▸ " if lit else "  "
        style = f"bold $player-{player.colour}" if lit else "bold"
        name = Content.assemble(
            marker, literal_line(player.name).stylize(style), f" · {self._role(state)}"
        )
        return Content.assemble(name, "\n", hint).stylize("$foreground" if lit else "$text-muted")

    def _role(self, state: GameState) -> str:
        """Who speaks and who listens; on a swap card, who answers first."""
        card = state.card
        if card is not None and card.effect is Effect.SWAP and state.moment.phase is Phase.SPEAKING:
            return "answers first" if state.answerer == self.player else "listens first"
        return "speaking" if state.moment.speaker == self.player else "listening"

    def _moment(self, state: GameState) -> tuple[bool, str]:
        """Whether this seat has the next move, and the hint it shows."""
        phase = state.moment.phase
        if phase in (Phase.LANDING, Phase.CLOSING, Phase.OVER):
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
