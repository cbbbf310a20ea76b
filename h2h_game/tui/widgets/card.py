"""Provides `CardView`: the card, large and centred, with its level name and number."""

from __future__ import annotations

from textual.content import Content

from h2h_game.engine import GameState, Phase
from h2h_game.tui.literal import literal, literal_line
from h2h_game.tui.widgets.view import StateView
from h2h_game.tui.wording import WILD_INSTRUCTIONS

_FACE_DOWN = {
    Phase.PASSED: "Set aside. Draw another card, or hand the turn over.",
    Phase.EMPTY: "This level's pile is empty. Choose where to go next, or wrap up.",
    Phase.DRAWING: "The next card is waiting.",
}


class CardView(StateView):
    """The card on the table, or a quiet face-down card between draws."""

    DEFAULT_CLASSES = "card"

    def show(self, state: GameState) -> Content:
        card = state.card
        self.set_class(card is None, "-face-down")
        self.set_class(card is not None and card.is_wild, "-wild")
        self.set_class(state.moment.led, "-led")
        if card is None:
            self.border_title = None
            self.border_subtitle = None
            return Content(_FACE_DOWN.get(state.moment.phase, ""))
        level = state.deck.level(card.level)
        self.border_title = literal_line(level.name.upper())
        led = "one level up · " if state.moment.led else ""
        self.border_subtitle = Content(f"{led}{level.number}")
        parts: list[Content] = []
        if card.effect is not None:
            parts.append(Content(WILD_INSTRUCTIONS[card.effect]).stylize("italic dim"))
            parts.append(Content("\n\n"))
        parts.append(literal(card.text))
        return Content.assemble(*parts)
