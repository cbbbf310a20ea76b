"""Provides `StateView`: a line of the table that draws itself from the game state it is given.

The table screen holds the state as a reactive and binds it down to each view (`data_bind`);
a view redraws only when what it shows has changed, and without a layout when its height is
fixed, so a key press costs as little as the framework allows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from h2h_game.engine import GameState
from h2h_game.tui.widgets.remembered import Remembered

if TYPE_CHECKING:
    from textual.css.styles import RulesMap


def same_look(one: Content | None, other: Content | None) -> bool:
    """Whether two contents look alike: the same text in the same styles. (`Content.__eq__`
    compares the text alone, so a change of style only would be skipped as no change.)"""
    if one is None or other is None:
        return one is other
    return one.plain == other.plain and one.spans == other.spans


class Line(Remembered, Static):
    """A line of the table that the screen writes: the header, the hint, what was just said.
    Each goes back and forth between a few texts ("Maya answered.", "Thank you. Now it is
    Sam's turn."), so their drawn lines are kept."""

    def __init__(self, *, id: str, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)


class StateView(Remembered, Static):
    """A `Static` whose content is `show(state)`, redrawn only when it changes."""

    state: reactive[GameState | None] = reactive(None, layout=False, repaint=False)
    FIXED_HEIGHT = False
    """True for views whose height never changes: updates then skip the layout pass."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self._shown: Content | None = None
        self._height: int | None = None

    def watch_state(self, state: GameState | None) -> None:
        if state is None:
            return
        content = self.show(state)
        if same_look(content, self._shown):
            return
        # A new text of the same height needs only a repaint; a taller or shorter one, a
        # layout of the screen. Most key presses change text, not height.
        width = self.content_size.width
        # As Textual's own Widget.get_content_height does: the styles stand for the rules.
        height = content.get_height(cast("RulesMap", self.styles), width) if width else None
        relayout = not self.FIXED_HEIGHT and (height is None or height != self._height)
        self._shown, self._height = content, height
        self.update(content, layout=relayout)

    def show(self, state: GameState) -> Content:
        """What this view shows for `state`."""
        raise NotImplementedError

    def on_resize(self) -> None:
        # Views that fit their content to the width draw again when the width changes.
        if self.state is not None:
            self._shown = None
            self.watch_state(self.state)
