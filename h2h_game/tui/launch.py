"""Provides what the app is asked to open on, and the choices already made for a new game."""

from __future__ import annotations

from dataclasses import dataclass

from h2h_game.engine import Deck


@dataclass(frozen=True)
class Preset:
    """Choices already made for a new game (from `h2h new …` or "play again")."""

    deck: Deck | None = None
    names: tuple[str, str] | None = None
    colours: tuple[str, str] | None = None
    length: str | None = None
    seed: int | None = None


@dataclass(frozen=True)
class Launch:
    """What the app opens on: the title, the new-game screen, a new table, or a saved game."""

    preset: Preset | None = None
    """Open the new-game screen with these choices made."""
    start: bool = False
    """Skip the new-game screen: the preset has a deck and names, so start straight away."""
    resume: str | None = None
    """Open this saved game ("" for the most recent unfinished one)."""
