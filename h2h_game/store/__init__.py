"""Saved games: one crash-safe TinyDB file per game, a lock per game, and a listing index.

Nothing here knows about the screen; the import-linter contract in pyproject.toml keeps it so.
"""

from h2h_game.store.errors import (
    BrokenSaveError,
    GameLocked,
    GameNotFound,
    LoadError,
    ReadOnlyGame,
    SaveError,
    StoreError,
)
from h2h_game.store.index import BrokenSave, SaveInfo
from h2h_game.store.migrations import SAVE_SCHEMA
from h2h_game.store.saves import OpenGame, SaveStore, is_broken_id, is_game_id, new_game_id
from h2h_game.store.storage import AtomicJSONStorage

__all__ = [
    "SAVE_SCHEMA",
    "AtomicJSONStorage",
    "BrokenSave",
    "BrokenSaveError",
    "GameLocked",
    "GameNotFound",
    "LoadError",
    "OpenGame",
    "ReadOnlyGame",
    "SaveError",
    "SaveInfo",
    "SaveStore",
    "StoreError",
    "is_broken_id",
    "is_game_id",
    "new_game_id",
]
