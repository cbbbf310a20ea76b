"""Provides `TooSmall`: the notice that covers a screen while the terminal is below 80×24."""

from __future__ import annotations

from textual.widgets import Static

MIN_WIDTH = 80
MIN_HEIGHT = 24


class TooSmall(Static):
    """Shown by the stylesheet only while the app carries the `-too-small` class."""

    def __init__(self) -> None:
        super().__init__(
            "This terminal is a little small for the table.\n"
            f"Make it at least {MIN_WIDTH}×{MIN_HEIGHT} and everything comes back.",
            classes="too-small",
            markup=False,
        )
