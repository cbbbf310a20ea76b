"""Provides `Agreement`: one player's side of a two-key prompt, clickable like their key."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Static


class Agreement(Static):
    """Shows whether a player has agreed; a click does what their key (f or j) does."""

    class Pressed(Message):
        """A player's side was clicked: the same as that player pressing their key."""

        def __init__(self, player: int) -> None:
            super().__init__()
            self.player = player

    def __init__(self, player: int, *, id: str) -> None:
        super().__init__(id=id, classes=f"agreement agreement-{player}", markup=False)
        self.player = player

    def on_click(self) -> None:
        self.post_message(self.Pressed(self.player))
