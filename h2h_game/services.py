"""Provides `Services`: what the game needs from outside itself, passed in so tests can fix it.

This module is imported before the first frame, so it stays light: the saves store (TinyDB,
file locks, the engine) is opened on first use, not when the program starts.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from h2h_game.store import SaveStore


def _new_seed() -> int:
    return secrets.randbits(32)


@dataclass
class Services:
    """Where saves and decks live, the clock and the source of seeds."""

    saves_dir: Path
    deck_dirs: list[Path] = field(default_factory=list)
    clock: Callable[[], float] = time.time
    new_seed: Callable[[], int] = _new_seed
    hints: bool = True
    """Whether the table explains each move the first time it is possible."""
    theme: str | None = None
    """The theme to open with; None for the one remembered in the settings, or the default."""
    remember: bool = True
    """Whether choices such as the theme and hints are written to the settings file."""
    _store: SaveStore | None = field(default=None, init=False, repr=False)

    @property
    def store(self) -> SaveStore:
        """The saved games, opened on first use: the title's first frame need not wait."""
        if self._store is None:
            from h2h_game.store import SaveStore

            self._store = SaveStore(self.saves_dir)
        return self._store
