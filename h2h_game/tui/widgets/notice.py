"""Provides `TooSmall`: the notice that covers a screen while the window is too small for it."""

from __future__ import annotations

from textual.widgets import Static

MIN_WIDTH = 80
"""Below this width the play screens take their narrow layout (a phone, a split pane)."""
NARROW_WIDTH = 40
"""The narrowest the play screens lay out: a phone held upright in `h2h serve` is 43 columns."""
MIN_HEIGHT = 24
SHORT_HEIGHT = 32
"""Below this height a narrow table leaves out the ladder and seats the players side by side."""


class TooSmall(Static):
    """Shown by the stylesheet only while the window is smaller than its screen can use.

    Every screen covers itself below `NARROW_WIDTH`×`MIN_HEIGHT` (the app's `-too-small`);
    a screen that needs the full width (the deck studio, say) also covers itself in the
    narrow layout (the app's `-narrow` over a screen with the `-wide-only` class).
    """

    def __init__(self, *, wide: bool = False) -> None:
        width = MIN_WIDTH if wide else NARROW_WIDTH
        super().__init__(
            "This window is a little small for this screen.\n"
            f"Make it at least {width}×{MIN_HEIGHT} and everything comes back.",
            classes="too-small",
            markup=False,
        )
