"""Provides `Agreement`: one player's side of a two-key prompt, clickable like their key."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import Static


class Agreement(Static):
    """Shows whether a player has agreed; a click does what their key (f or j) does."""

    def __init__(self, player: int, press: Callable[[int], None], *, id: str) -> None:
        super().__init__(id=id, classes=f"agreement agreement-{player}")
        self.player = player
        self.press = press

    def on_click(self) -> None:
        self.press(self.player)
