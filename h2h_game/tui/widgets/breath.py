"""Provides `Breath`: a slow shape that grows and shrinks, for pauses and quiet moments."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

PERIOD = 8.0
"""Seconds for one breath in and out."""
FRAMES = 16
SIZES = (1, 2, 3, 4, 5, 6, 7, 8, 8, 7, 6, 5, 4, 3, 2, 1)


class Breath(Static):
    """A soft circle of dots that breathes; still when animations are off."""

    frame = reactive(4)

    def on_mount(self) -> None:
        if self.app.animation_level != "none":
            self.set_interval(PERIOD / FRAMES, self._next)

    def _next(self) -> None:
        self.frame = (self.frame + 1) % FRAMES

    def render(self) -> Content:
        size = SIZES[self.frame]
        rows = []
        for row in range(-3, 4):
            width = max(0, size * 2 - abs(row) * 3)
            rows.append(" ".join("·" * width))
        return Content("\n".join(rows))
