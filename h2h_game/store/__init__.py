"""Saved games: one crash-safe TinyDB file per game, a lock per game, and a listing index.

Nothing here knows about the screen; the import-linter contract in pyproject.toml keeps it so.
"""

from h2h_game.store.errors import (
    AmbiguousId,
    BrokenSaveError,
    GameLocked,
    GameNotFound,
    LoadError,
    ReadOnlyGame,
    SaveError,
    StoreError,
)
from h2h_game.store.game import OpenGame
from h2h_game.store.ids import is_broken_id, is_game_id, new_game_id
from h2h_game.store.index import BrokenSave, Listed, SaveInfo
from h2h_game.store.listing import Tidied
from h2h_game.store.migrations import SAVE_SCHEMA
from h2h_game.store.recover import NothingToRecover, Recovered
from h2h_game.store.saves import SaveStore
from h2h_game.store.storage import AtomicJSONStorage

__all__ = [
    "SAVE_SCHEMA",
    "AmbiguousId",
    "AtomicJSONStorage",
    "BrokenSave",
    "BrokenSaveError",
    "GameLocked",
    "GameNotFound",
    "Listed",
    "LoadError",
    "NothingToRecover",
    "OpenGame",
    "ReadOnlyGame",
    "Recovered",
    "SaveError",
    "SaveInfo",
    "SaveStore",
    "StoreError",
    "Tidied",
    "is_broken_id",
    "is_game_id",
    "new_game_id",
]
