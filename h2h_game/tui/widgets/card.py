"""Provides `CardView`: the card, large and centred, with its level name and number."""

from __future__ import annotations

from textual.content import Content

from h2h_game.engine import GameState, Phase
from h2h_game.tui.literal import literal, literal_line
from h2h_game.tui.widgets.view import StateView, same_look
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
            self._titles(None, None)
            return Content(_FACE_DOWN.get(state.moment.phase, ""))
        level = state.deck.level(card.level)
        led = "one level up · " if state.moment.led else ""
        self._titles(literal_line(level.name.upper()), Content(f"{led}{level.number}"))
        parts: list[Content] = []
        if card.effect is not None:
            parts.append(Content(WILD_INSTRUCTIONS[card.effect]).stylize("italic dim"))
            parts.append(Content("\n\n"))
        parts.append(literal(card.text))
        return Content.assemble(*parts)

    def _titles(self, title: Content | None, subtitle: Content | None) -> None:
        """Set the border's titles when they change: setting one redraws the whole card, even
        to the same words (twice on every key, before)."""
        shown = getattr(self, "_shown_titles", (None, None))
        if not (same_look(title, shown[0]) and same_look(subtitle, shown[1])):
            self._shown_titles = (title, subtitle)
            self.border_title = title
            self.border_subtitle = subtitle
