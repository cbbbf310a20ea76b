"""Provides `MoveButton`: one of the fixed slots under the card that carry the moves possible now.

Textual's `Button` lays the whole screen out again whenever its label changes, and showing or
hiding one does too. The table has four slots of fixed width instead: a move changes a slot's
words and leaves the slots it does not need blank, which costs a repaint, never a layout.

A blank slot has no background (nor a hover one): an inline style, not a class. A class
change makes Textual match the stylesheet against the slot again, a quarter of a move's
update on the keys where the number of moves changes.
"""

from __future__ import annotations

from textual.color import Color
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from h2h_game.tui.moves import Move
from h2h_game.tui.widgets.remembered import Remembered
from h2h_game.tui.widgets.view import same_look

BLANK = Color(0, 0, 0, 0)
"""An empty slot's background: none, so the table shows through, even under the pointer."""


class MoveButton(Remembered, Static):
    """A clickable slot that shows one move, or nothing."""

    class Pressed(Message):
        """A slot was clicked: the same as pressing its move's key."""

        def __init__(self, move: str) -> None:
            super().__init__()
            self.move = move

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, classes="move-slot", markup=False)
        self.move: str | None = None

    def show_move(self, move: Move | None, words: str = "") -> None:
        """Show this move with these words (its label when none are given), or nothing."""
        name = move.name if move is not None else None
        label = (
            Content.assemble(words or move.label, "  ", (move.shown, "dim"))
            if move is not None
            else Content("")
        )
        if name != self.move or not same_look(label, getattr(self, "_label", None)):
            self.move = name
            self._label = label
            self.update(label, layout=False)
            self.tooltip = move.tooltip if move is not None else None
            self.styles.background = None if move is not None else BLANK

    def on_click(self) -> None:
        if self.move is not None:
            self.post_message(self.Pressed(self.move))
