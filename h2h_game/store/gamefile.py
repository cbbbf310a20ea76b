"""Provides the files of one saves folder, game by game: write, read, lock and set aside.

This is the one place that touches a game's files. Writing keeps the previous good save beside
the current one (`<game-id>.previous.json`) as part of the atomic write, so a crash at any moment
leaves at least one good copy and a damaged save can be recovered. Reading opens only plain files
(never a link, a FIFO or a device) of bounded size and checks them in full. A damaged file is
never overwritten: `set_aside` renames it, keeping what the index knew about the game.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from h2h_game.engine import GameState
from h2h_game.files import fsync_folder
from h2h_game.store import record
from h2h_game.store.errors import (
    BrokenSaveError,
    GameLocked,
    GameNotFound,
    StoreError,
    read_failure,
)
from h2h_game.store.ids import PREVIOUS, game_of
from h2h_game.store.index import (
    BrokenSave,
    Index,
    SaveInfo,
    entry_for,
    known_game,
    save_info,
    stamp_of,
)
from h2h_game.store.lock import FileLock, LockTimeout
from h2h_game.store.migrations import NewerSchema
from h2h_game.store.storage import (
    FILE_MODE,
    UnreadableFile,
    move_aside,
    parse,
    read_json,
    write_atomic,
)


class GameFiles:
    """The game files of one saves folder, and its index."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.index = Index(folder)

    # --- names ---------------------------------------------------------------------------------

    def path(self, listed_id: str) -> Path:
        """The file of a game, or of a moved-aside file by its listed id."""
        return self.folder / f"{listed_id}.json"

    def previous(self, game_id: str) -> Path:
        """Where the game's previous good save is kept."""
        return self.folder / f"{game_id}{PREVIOUS}"

    def lock_path(self, game_id: str) -> Path:
        return self.folder / f"{game_id}.lock"

    # --- locks ---------------------------------------------------------------------------------

    def lock(self, game_id: str) -> FileLock:
        # Not thread-local: a game opened on one thread may be closed from another.
        return FileLock(self.lock_path(game_id), timeout=0, mode=FILE_MODE)

    def take_lock(self, game_id: str, failure: Callable[[str], StoreError]) -> FileLock:
        """The game's lock, held: GameLocked if another window has it, `failure(reason)` on a
        disk error."""
        lock = self.lock(game_id)
        try:
            lock.acquire()
        except LockTimeout as error:
            raise GameLocked(game_id) from error
        except OSError as error:
            raise failure(str(error.strerror or error)) from error
        return lock

    def forget_lock(self, game_id: str) -> None:
        """Remove a lock file nobody needs any more (its game is gone or moved aside)."""
        with contextlib.suppress(OSError):
            os.unlink(self.lock_path(game_id))

    # --- writing -------------------------------------------------------------------------------

    def write(
        self,
        game_id: str,
        data: dict[str, dict[str, Any]],
        *,
        seal: bool = True,
        deal: record.EncodedDeal | None = None,
        log: record.EncodedLog | None = None,
    ) -> None:
        """Write a game's whole file atomically, keeping the save it replaces as its previous
        copy; sealed (see `record.sealed`) unless its log holds a time the reader refuses.
        `deal`, `log`: the parts `data` was encoded with (`record.encode`). OSError if it could not
        be written; the file on disk is then unchanged."""
        raw = record.sealed(data, deal, log) if seal else record.dump_record(data, deal, log)
        write_atomic(self.path(game_id), raw, keep_previous=self.previous(game_id))

    def remember(
        self, game_id: str, state: GameState, created: float, updated: float, actions: int
    ) -> None:
        """Note a game's summary in the index, so listing does not have to open its file."""
        path = self.path(game_id)
        try:
            info = path.stat()
        except OSError:
            return
        summary = record.summary_of(state)
        item = save_info(game_id, path, summary, created, updated, actions)
        self.index.update({path.name: entry_for(item, stamp_of(info))})

    # --- reading -------------------------------------------------------------------------------

    def read(self, listed_id: str) -> bytes:
        """The raw bytes of a listed file: GameNotFound, UnreadableFile (not a plain file, too
        big) or LoadError (the disk would not let us)."""
        path = self.path(listed_id)
        try:
            return read_json(path)
        except FileNotFoundError as error:
            raise GameNotFound(listed_id) from error
        except OSError as error:
            raise read_failure(error, path) from error

    def load(self, game_id: str, *, locked: bool) -> record.Loaded:
        """A game read and checked in full.

        A damaged file is moved aside (unless another window holds it) and reported as
        BrokenSaveError naming where it went; one saved by a newer h2h is left as it is.
        """
        path = self.path(game_id)
        raw: bytes | None = None
        try:
            raw = self.read(game_id)
            return record.decode(parse(raw))
        except NewerSchema as error:
            raise BrokenSaveError(game_id, path, record.NEWER, moved=False) from error
        except (UnreadableFile, record.Unreadable) as error:
            where = self.set_aside(game_id, error.reason, raw, locked=locked)
            raise BrokenSaveError(game_id, where, error.reason, moved=where != path) from error

    def known(self, listed_id: str) -> SaveInfo | None:
        """What the index knew of the game a file belongs to, whether or not it still holds."""
        path = self.path(listed_id)
        entry = self.index.read().get(path.name)
        return known_game(entry, path)

    # --- damage --------------------------------------------------------------------------------

    def set_aside(self, game_id: str, reason: str, raw: bytes | None, *, locked: bool) -> Path:
        """Move a damaged game file aside, unless its writer still has it open; where it is now.

        Only what was judged is moved: if the file changed since `raw` was read it is left
        alone (None for `raw` moves whatever is there: a FIFO or a link has no bytes to judge).
        The index keeps what it knew of the game under the file's new name.
        """
        path = self.path(game_id)
        lock = None
        if not locked:
            lock = self.lock(game_id)
            try:
                lock.acquire()
            except OSError:  # Timeout included: another window has it; leave it there
                return path
        try:
            if raw is not None and read_json(path) != raw:
                return path
            known = self.known(game_id)
            modified = path.lstat().st_mtime
            where = move_aside(path)
            broken = BrokenSave(where.name.removesuffix(".json"), where, reason, modified, known)
            self.index.update(
                {path.name: None, where.name: entry_for(broken, stamp_of(where.lstat()))}
            )
            self.forget_lock(game_of(game_id))
            return where
        except (OSError, UnreadableFile):
            return path
        finally:
            if lock is not None:
                lock.release()

    def unlink(self, listed_id: str) -> None:
        """Delete a listed file (and the index's note of it). GameNotFound if it is not there."""
        path = self.path(listed_id)
        try:
            os.unlink(path)
        except FileNotFoundError as error:
            raise GameNotFound(listed_id) from error
        except OSError as error:
            message = f"Could not delete {listed_id}: {error.strerror or error}."
            raise StoreError(message) from error
        self.index.update({path.name: None})
        with contextlib.suppress(OSError):
            fsync_folder(self.folder)
