"""Provides `Ladder`: every level of the deck, marked current, open or locked."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from h2h_game.engine import GameState
from h2h_game.tui.text import literal_line


class Ladder(Static):
    """`● Warm up   ○ Getting real   ○ Heart to heart · locked` — not by colour alone."""

    def show(self, state: GameState) -> None:
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
        self.update(Content.assemble(*parts))
