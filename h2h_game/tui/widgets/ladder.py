"""Provides `Ladder`: every level of the deck, marked current, open or locked."""

from __future__ import annotations

from textual.content import Content

from h2h_game.engine import GameState
from h2h_game.tui.literal import literal_line
from h2h_game.tui.widgets.view import StateView


class Ladder(StateView):
    """`● Warm up   ○ Getting real   ○ Heart to heart · locked` — not by colour alone."""

    def show(self, state: GameState) -> Content:
        parts: list[Content | str] = []
        for level in state.deck.levels:
            if parts:
                parts.append("   ")
            name = literal_line(level.name)
            if level.number == state.moment.level:
                parts.append(Content.assemble(("● ", "$accent"), name.stylize("bold")))
            elif level.number <= state.unlocked:
                parts.append(Content.assemble("○ ", name))
            else:
                parts.append(Content.assemble("○ ", name, " · locked").stylize("dim"))
        return Content.assemble(*parts)
