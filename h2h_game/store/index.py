"""Provides the list of saved games as it is shown, and the index file that keeps listing instant.

The index (`<saves>/.index.json`, in TinyDB's layout, keyed by file name) remembers, for each
file, its summary and the `(inode, size, mtime_ns)` it had when the summary was taken; for a
damaged file, why, and what the game was before the damage. Listing stats
every file and re-reads only those that differ, so the index is a cache that heals itself: a
crash, a lost update or a hand-copied save costs one re-read, never a wrong listing.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from h2h_game.store.storage import CORRUPT_MARK, FILE_MODE, AtomicJSONStorage, UnreadableFile

INDEX_NAME = ".index.json"
INDEX_LOCK = ".index.lock"
INDEX_TABLE = "files"
LOCK_WAIT = 2.0
"""Seconds to wait for another process updating the index; after that the update is skipped."""


@dataclass(frozen=True)
class SaveInfo:
    """One saved game as the list shows it."""

    id: str
    path: Path
    deck: str
    players: tuple[str, str]
    colours: tuple[str, str]
    level: int
    level_name: str
    """The level the game is at now: where it picks up."""
    deepest: int
    deepest_name: str
    """The deepest level the players reached."""
    answered: int
    met: int
    minutes: int
    finished: bool
    created: float
    updated: float
    """When the game was last played (seconds since the epoch)."""
    actions: int = 0
    """How many actions its log holds."""

    @property
    def modified(self) -> float:
        return self.updated

    @property
    def last_played(self) -> float:
        return self.updated


@dataclass(frozen=True)
class BrokenSave:
    """A file in the saves folder that cannot be played, reported by name rather than hidden."""

    id: str
    """The file's name without `.json`: what `h2h saves delete` and `recover` take. The game's
    own id while the file is still in place; `<game-id>.corrupt-<time>` once moved aside."""
    path: Path
    reason: str
    modified: float = 0.0
    """When the file was last changed (seconds since the epoch)."""
    game: SaveInfo | None = None
    """What the index knew about the game before the file was damaged, if it knew it."""
    recovered: bool = False
    """A playable save of the same game is back in place (`h2h saves recover` made it)."""

    @property
    def game_id(self) -> str:
        """The id of the game this file belongs to."""
        return self.id.split(CORRUPT_MARK, 1)[0]

    @property
    def moved(self) -> bool:
        """Whether the file has been moved aside already."""
        return CORRUPT_MARK in self.id

    @property
    def last_played(self) -> float:
        """When the game was last played as far as anyone knows: the index's word, else when
        the file last changed."""
        return self.game.updated if self.game is not None else self.modified


Listed = SaveInfo | BrokenSave
Listing = list[Listed]

Stamp = tuple[int, int, int]
"""(inode, size, mtime_ns) of a file. Every atomic write makes a new inode; a freed inode number
can come back, but only with the same size in the same clock tick would a changed file pass
for unchanged, and each save makes the file longer by one log entry."""

_SUMMARY: dict[str, Callable[[Any], Any]] = {
    "deck": str,
    "players": lambda value: _pair(value),
    "colours": lambda value: _pair(value),
    "level": int,
    "level_name": str,
    "deepest": int,
    "deepest_name": str,
    "answered": int,
    "met": int,
    "minutes": int,
    "finished": bool,
}
"""The fields of a game's summary (`record.summary_of`) that the list shows, and their types."""


def stamp_of(info: os.stat_result) -> Stamp:
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def save_info(
    game_id: str,
    path: Path,
    summary: Mapping[str, Any],
    created: float,
    updated: float,
    actions: int = 0,
) -> SaveInfo:
    """A SaveInfo from a game's summary (`record.summary_of`); ValueError if it is malformed."""
    try:
        fields = {name: convert(summary[name]) for name, convert in _SUMMARY.items()}
        return SaveInfo(
            id=game_id,
            path=path,
            created=_finite(created),
            updated=_finite(updated),
            actions=int(actions),
            **fields,
        )
    except (KeyError, TypeError, ValueError, OverflowError) as error:
        raise ValueError(f"malformed summary for {game_id}") from error


def _finite(value: Any) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"not a time: {value!r}")
    return number


def game_entry(item: SaveInfo) -> dict[str, Any]:
    """What the index keeps of a game: its summary, times and length."""
    entry: dict[str, Any] = {
        name: list(value) if isinstance(value, tuple) else value
        for name in _SUMMARY
        for value in [getattr(item, name)]
    }
    entry.update(created=item.created, updated=item.updated, actions=item.actions)
    return entry


def entry_for(item: Listed, stamp: Stamp) -> dict[str, Any]:
    """The index document remembering `item` for a file with this stamp."""
    entry: dict[str, Any] = {"stamp": list(stamp)}
    if isinstance(item, BrokenSave):
        entry["broken"] = item.reason
        if item.game is not None:
            entry["game"] = game_entry(item.game)
        return entry
    entry["game"] = game_entry(item)
    return entry


def item_from(entry: Mapping[str, Any], name: str, path: Path, modified: float) -> Listed:
    """What an index document remembers about the file `name`; ValueError if it is malformed."""
    stem = name.removesuffix(".json")
    if "broken" in entry:
        return BrokenSave(stem, path, str(entry["broken"]), modified, known_game(entry, path))
    game = game_from(entry, stem, path)
    if game is None:
        raise ValueError(f"malformed index entry for {name}")
    return game


def game_from(entry: Mapping[str, Any], game_id: str, path: Path) -> SaveInfo | None:
    """The game an index document remembers, under `game_id`; None if it remembers none."""
    game = entry.get("game")
    if not isinstance(game, dict):
        return None
    try:
        return save_info(
            game_id, path, game, game["created"], game["updated"], game.get("actions", 0)
        )
    except (KeyError, ValueError):
        return None


def known_game(entry: Mapping[str, Any] | None, path: Path) -> SaveInfo | None:
    """The game an index entry knew, under its own id and at its own path (a broken file's
    name is neither)."""
    if entry is None:
        return None
    game_id = path.name.removesuffix(".json").split(CORRUPT_MARK, 1)[0]
    return game_from(entry, game_id, path.with_name(f"{game_id}.json"))


def _pair(value: Any) -> tuple[str, str]:
    first, second = value
    return (str(first), str(second))


class Index:
    """The index file of one saves folder: a TinyDB-layout file, `{"files": {name: entry}}`.

    It is read and written whole, by hand rather than through TinyDB, so that no shape a
    damaged or hand-edited index can take makes reading it fail: entries that are not what we
    wrote are dropped, and the rest is kept.
    """

    def __init__(self, folder: Path) -> None:
        self.path = folder / INDEX_NAME
        self.lock_path = folder / INDEX_LOCK

    def read(self) -> dict[str, dict[str, Any]]:
        """Every remembered file, by name; empty when the index is missing or damaged."""
        try:
            data = AtomicJSONStorage(self.path).read()
        except (OSError, UnreadableFile):
            return {}
        table = data.get(INDEX_TABLE) if isinstance(data, dict) else None
        if not isinstance(table, dict):
            return {}
        return {str(name): entry for name, entry in table.items() if isinstance(entry, dict)}

    def update(self, changes: Mapping[str, dict[str, Any] | None]) -> bool:
        """Remember (or, for None, forget) files by name, in one write; False if it could not.

        Never raises: the index is only a cache, and a failed update costs a re-read later.
        """
        if not changes:
            return True
        lock = FileLock(self.lock_path, timeout=LOCK_WAIT, mode=FILE_MODE, thread_local=False)
        try:
            with lock:
                entries = self.read()
                for name, entry in changes.items():
                    if entry is None:
                        entries.pop(name, None)
                    else:
                        entries[name] = entry
                AtomicJSONStorage(self.path).write({INDEX_TABLE: entries})
        except (OSError, Timeout, ValueError):
            return False
        return True
