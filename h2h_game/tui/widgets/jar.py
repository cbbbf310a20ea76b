"""Provides `TrustJar`: the shared tokens, and what the next level needs, on one line."""

from __future__ import annotations

from textual.content import Content

from h2h_game.engine import GameState
from h2h_game.tui.literal import literal_line
from h2h_game.tui.widgets.view import StateView
from h2h_game.tui.wording import plural

LABEL = "Trust jar  "


class TrustJar(StateView):
    """`Trust jar  ● ● ● ○ ○   3 of 10 to open “Opening up”` — always a single line.

    The dots tighten, then give way to a number, rather than wrap into the lines below.
    """

    FIXED_HEIGHT = True

    def show(self, state: GameState) -> Content:
        jar = state.moment.jar
        width = self.size.width or 100
        tail, goal = self._tail(state)
        for dots in (self._dots(jar, goal, " "), self._dots(jar, goal, ""), Content("")):
            line = Content.assemble((LABEL, "bold"), dots, tail)
            if line.cell_length <= width:
                return line
        return Content.assemble((LABEL, "bold"), Content(f"{jar}")).truncate(width)

    @staticmethod
    def _dots(jar: int, goal: int, gap: str) -> Content:
        full = min(jar, goal) if goal else jar
        empty = max(goal - jar, 0)
        return Content.assemble((f"●{gap}" * full, "$accent"), (f"○{gap}" * empty, "dim"))

    @staticmethod
    def _tail(state: GameState) -> tuple[Content, int]:
        """What comes after the dots, and how many dots make a full jar for the next level."""
        m = state.moment
        jar = m.jar
        closed = [level for level in state.deck.levels if level.number > state.unlocked]
        if not closed:
            return Content(f"  {plural(jar, 'token')} · every level is open"), jar
        target = closed[0]
        name = Content.assemble("“", literal_line(target.name), "”")
        below = m.answered_at[target.number - 2] if target.number >= 2 else 0
        if jar >= target.unlock:
            more = target.settle - below
            return Content.assemble(
                f"  {jar} of {target.unlock} · {plural(more, 'more card')} answered here to open ",
                name,
            ), target.unlock
        return Content.assemble(f"  {jar} of {target.unlock} to open ", name), target.unlock
