"""Provides `TrustJar`: the shared tokens, and how many the next level needs."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from h2h_game.engine import GameState
from h2h_game.tui.text import literal_line

MAX_DOTS = 24
"""Beyond this many tokens the jar is shown as a number, so it never wraps."""


class TrustJar(Static):
    """One line: `Trust jar  ● ● ● ○ ○   3 of 9 to open "Heart to heart"`."""

    def show(self, state: GameState) -> None:
        jar = state.moment.jar
        locked = [level for level in state.deck.levels if level.unlock > jar]
        parts: list[Content | tuple[str, str] | str] = [("Trust jar  ", "bold")]
        if locked:
            target = locked[0]
            if target.unlock <= MAX_DOTS:
                parts += [("● " * jar, "$accent"), ("○ " * (target.unlock - jar), "dim")]
            parts += [
                f"  {jar} of {target.unlock} to open ",
                Content.assemble("“", literal_line(target.name), "”"),
            ]
        else:
            if jar <= MAX_DOTS:
                parts.append(("● " * jar, "$accent"))
            word = "token" if jar == 1 else "tokens"
            parts.append(f"  {jar} {word} · every level is open")
        self.update(Content.assemble(*parts))
