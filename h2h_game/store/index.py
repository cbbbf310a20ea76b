"""Provides the list of saved games as it is shown, and the index file that keeps listing instant.

The index (`<saves>/.index.json`, a TinyDB database keyed by file name) remembers, for each file,
its summary and the `(inode, size, mtime_ns)` it had when the summary was taken. Listing stats
every file and re-reads only those that differ, so the index is a cache that heals itself: a
crash, a lost update or a hand-copied save costs one re-read, never a wrong listing.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.table import Document, Table

from h2h_game.store.storage import FILE_MODE, AtomicJSONStorage, UnreadableFile

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

    @property
    def modified(self) -> float:
        return self.updated


@dataclass(frozen=True)
class BrokenSave:
    """A file in the saves folder that cannot be played, reported by name rather than hidden."""

    id: str
    """The file's name without `.json`: what `h2h saves delete` takes."""
    path: Path
    reason: str
    modified: float = 0.0
    """When the file was last changed (seconds since the epoch), for sorting the list."""


Listed = SaveInfo | BrokenSave

Stamp = tuple[int, int, int]
"""(inode, size, mtime_ns) of a file. Every atomic write makes a new inode; a freed inode number
can come back, but only with the same size in the same clock tick would a changed file pass
for unchanged, and each save makes the file longer by one log entry."""


def stamp_of(info: os.stat_result) -> Stamp:
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def save_info(
    game_id: str, path: Path, summary: Mapping[str, Any], created: float, updated: float
) -> SaveInfo:
    """A SaveInfo from a game's summary (`record.summary_of`); ValueError if it is malformed."""
    try:
        return SaveInfo(
            id=game_id,
            path=path,
            deck=str(summary["deck"]),
            players=_pair(summary["players"]),
            colours=_pair(summary["colours"]),
            level=int(summary["level"]),
            level_name=str(summary["level_name"]),
            deepest=int(summary["deepest"]),
            deepest_name=str(summary["deepest_name"]),
            answered=int(summary["answered"]),
            met=int(summary["met"]),
            minutes=int(summary["minutes"]),
            finished=bool(summary["finished"]),
            created=float(created),
            updated=float(updated),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"malformed summary for {game_id}") from error


def entry_for(item: Listed, stamp: Stamp) -> dict[str, Any]:
    """The index document remembering `item` for a file with this stamp."""
    entry: dict[str, Any] = {"stamp": list(stamp)}
    if isinstance(item, BrokenSave):
        entry["broken"] = item.reason
        return entry
    entry["game"] = {
        "deck": item.deck,
        "players": list(item.players),
        "colours": list(item.colours),
        "level": item.level,
        "level_name": item.level_name,
        "deepest": item.deepest,
        "deepest_name": item.deepest_name,
        "answered": item.answered,
        "met": item.met,
        "minutes": item.minutes,
        "finished": item.finished,
        "created": item.created,
        "updated": item.updated,
    }
    return entry


def item_from(entry: Mapping[str, Any], name: str, path: Path, modified: float) -> Listed:
    """What an index document remembers about the file `name`; ValueError if it is malformed."""
    stem = name.removesuffix(".json")
    if "broken" in entry:
        return BrokenSave(stem, path, str(entry["broken"]), modified)
    game = entry.get("game")
    if not isinstance(game, dict):
        raise ValueError(f"malformed index entry for {name}")
    try:
        return save_info(stem, path, game, float(game["created"]), float(game["updated"]))
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"malformed index entry for {name}") from error


def _pair(value: Any) -> tuple[str, str]:
    first, second = value
    return (str(first), str(second))


class _ByName(Table):
    """A TinyDB table whose document ids are file names rather than numbers."""

    document_id_class = str


class _IndexDB(TinyDB):
    table_class = _ByName


class Index:
    """The index file of one saves folder."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / INDEX_NAME
        self.lock_path = folder / INDEX_LOCK

    def read(self) -> dict[str, dict[str, Any]]:
        """Every remembered file, by name; empty when the index is missing or damaged."""
        try:
            with _IndexDB(self.path, storage=AtomicJSONStorage) as db:
                documents = db.table(INDEX_TABLE).all()
        except (OSError, UnreadableFile, TypeError, AttributeError, ValueError):
            return {}
        return {str(doc.doc_id): dict(doc) for doc in documents if isinstance(doc, dict)}

    def update(self, changes: Mapping[str, dict[str, Any] | None]) -> bool:
        """Remember (or, for None, forget) files by name, in one write; False if it could not.

        Never raises: the index is only a cache, and a failed update costs a re-read later.
        """
        if not changes:
            return True
        lock = FileLock(self.lock_path, timeout=LOCK_WAIT, mode=FILE_MODE, thread_local=False)
        try:
            with lock:
                self._apply(changes)
        except (OSError, Timeout, UnreadableFile, TypeError, AttributeError, ValueError):
            return False
        return True

    def _apply(self, changes: Mapping[str, dict[str, Any] | None]) -> None:
        # The cache makes the removals and insertions below one read and one atomic write.
        with _IndexDB(self.path, storage=CachingMiddleware(AtomicJSONStorage)) as db:
            try:
                table = db.table(INDEX_TABLE)
                table.remove(doc_ids=list(changes))
            except (UnreadableFile, TypeError, AttributeError, ValueError):
                # A damaged index is rebuilt from scratch; listing fills the rest back in.
                db.drop_tables()
                table = db.table(INDEX_TABLE)
            table.insert_multiple(
                Document(entry, doc_id=name) for name, entry in changes.items() if entry is not None
            )
