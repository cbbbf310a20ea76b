"""Provides `Launch`: what the app is asked to open on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from h2h_game.flow import Preset


@dataclass(frozen=True)
class Launch:
    """What the app opens on: the title, the new-game screen, a new table, or a saved game."""

    preset: Preset | None = None
    """Open the new-game screen with these choices made."""
    start: bool = False
    """Skip the new-game screen: the preset has a deck and names, so start straight away."""
    resume: str | None = None
    """Open this saved game ("" for the most recent unfinished one)."""
    studio: str | None = None
    """Open the deck studio on this deck file ("" for the studio's list of decks)."""

    @property
    def to_table(self) -> bool:
        """Whether the first screen is meant to be the table (a new game or a saved one)."""
        return self.start or self.resume is not None
