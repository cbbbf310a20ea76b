"""Provides the saved games of one folder: create, open, save each action, list, delete.

Each game is its own file, `<saves>/<game-id>.json`, so saving one action costs the same with
three saved games or three thousand. A game file is a TinyDB database (see `record.py`) written
through `AtomicJSONStorage`; the store hands the storage the whole database in one write, since
a save always replaces the one record whole and TinyDB's table API would first re-read and
re-parse the file on every action.

One process plays a game at a time: opening takes `<game-id>.lock`, an flock that the kernel
releases when the process ends, however it ends, so a crash never leaves a game locked.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import time
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

from filelock import FileLock, Timeout

from h2h_game.engine import GameState, LogEntry, replay
from h2h_game.store import migrations, record
from h2h_game.store.errors import (
    BrokenSaveError,
    GameLocked,
    GameNotFound,
    LoadError,
    ReadOnlyGame,
    SaveError,
    StoreError,
    read_failure,
    write_failure,
)
from h2h_game.store.hidden import HIDDEN_LOCK, HIDDEN_NAME, HiddenCards
from h2h_game.store.index import (
    INDEX_LOCK,
    INDEX_NAME,
    BrokenSave,
    Index,
    SaveInfo,
    entry_for,
    item_from,
    save_info,
    stamp_of,
)
from h2h_game.store.migrations import NewerSchema
from h2h_game.store.storage import (
    CORRUPT_MARK,
    FILE_MODE,
    TEMP_PREFIX,
    AtomicJSONStorage,
    UnreadableFile,
    fsync_folder,
    move_aside,
    parse,
    private_folder,
    remove_stray_temps,
    tighten_folder,
)

GAME_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A game id: lowercase ASCII words joined by hyphens, e.g. `2026-11-25-maya-sam-3f9c`."""
MAX_ID = 80
BROKEN_NAME = re.compile(rf"({GAME_ID.pattern}){re.escape(CORRUPT_MARK)}\d{{8}}T\d{{6}}Z(?:-\d+)?")
NAME_PART = 16
"""Characters of each player's name that go into a game id."""

Listed = SaveInfo | BrokenSave
Listing = list[Listed]


def is_game_id(text: str) -> bool:
    return len(text) <= MAX_ID and GAME_ID.fullmatch(text) is not None


def is_broken_id(text: str) -> bool:
    """A moved-aside file's name without `.json`, as `BrokenSave.id` gives it."""
    return BROKEN_NAME.fullmatch(text) is not None


def new_game_id(names: tuple[str, str], at: float, suffix: str | None = None) -> str:
    """A short, readable id: the local date, both names in ASCII, and four random hex digits."""
    date = time.strftime("%Y-%m-%d", time.localtime(at))
    first, second = _slug(names[0], "p1"), _slug(names[1], "p2")
    return f"{date}-{first}-{second}-{suffix or secrets.token_hex(2)}"


def _slug(name: str, fallback: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:NAME_PART].rstrip("-") or fallback


def _is_ours(name: str) -> bool:
    """Whether h2h writes files of this name into a saves folder."""
    stem, _, suffix = name.rpartition(".")
    return (
        (suffix in ("json", "lock") and (is_game_id(stem) or is_broken_id(stem)))
        or name in (INDEX_NAME, INDEX_LOCK, HIDDEN_NAME, HIDDEN_LOCK, ".gitkeep")
        or name.startswith((TEMP_PREFIX, HIDDEN_NAME.removesuffix(".json")))
    )


class OpenGame:
    """A saved game being played: its state and log, kept in step with its file.

    Opened for play it holds the game's lock until `close()` (or the end of a `with` block);
    opened read-only it holds nothing and refuses to save.
    """

    def __init__(
        self,
        store: SaveStore,
        game_id: str,
        loaded: record.Loaded,
        lock: FileLock | None,
    ) -> None:
        self.id = game_id
        self.path = store.folder / f"{game_id}.json"
        self.state: GameState = loaded.state
        self.log: list[LogEntry] = list(loaded.log)
        self.created = loaded.created
        self.updated = loaded.updated
        self.schema = loaded.schema
        """The schema the file was written in; older ones are rewritten as current on save."""
        self._store = store
        self._lock = lock
        self._log_data = [entry.to_dict() for entry in loaded.log]
        self._closed = False

    @property
    def read_only(self) -> bool:
        return self._lock is None

    @property
    def closed(self) -> bool:
        return self._closed

    def save(self, state: GameState, entry: LogEntry, at: float) -> None:
        """Record that `entry` led to `state`, durably, before the game moves on.

        `state` must be what `engine.apply` made of this game's state and `entry` (the caller
        has just applied it; checking would mean applying it again on every key press). Raises
        SaveError (ReadOnlyGame for a read-only game) with the file and this object unchanged,
        so the caller keeps showing the previous state and the players can try again.
        """
        if self._closed:
            raise RuntimeError(f"game {self.id} is closed")
        if self._lock is None:
            raise ReadOnlyGame(self.id)
        log_data = [*self._log_data, entry.to_dict()]
        data = record.encode(self.id, self.created, at, state, log_data)
        try:
            self._store._write(self.path, data)
        except OSError as error:
            raise write_failure(error, self._store.folder) from error
        # Finishing a game, or undoing its last key, changes how the list shows it.
        changed = state.is_over != self.state.is_over
        self.state, self.log, self._log_data, self.updated = state, [*self.log, entry], log_data, at
        if changed:
            self._store._remember(self)

    def close(self) -> None:
        """Stop playing: note the game in the index and let other windows open it."""
        if self._closed:
            return
        self._closed = True
        if self._lock is not None:
            try:
                self._store._remember(self)
            finally:
                self._lock.release()

    def __enter__(self) -> OpenGame:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "open"
        return f"<OpenGame {self.id} {mode}, {len(self.log)} actions>"


class SaveStore:
    """The saved games in one folder (see `h2h_game.paths.saves_dir` for which folder)."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self._index = Index(self.folder)
        self._hidden = HiddenCards(self.folder)
        if self.folder.is_dir():
            remove_stray_temps(self.folder)
            tighten_folder(self.folder, _is_ours)

    # --- games ---------------------------------------------------------------------------------

    def create(self, state: GameState, at: float) -> OpenGame:
        """Save a game `engine.deal_game` has just set up, under a new id, and open it for play."""
        if replay(state.deal, ()) != state:
            raise ValueError("create() takes a game as deal_game() set it up, before any action")
        names = (state.players[0].name, state.players[1].name)
        try:
            private_folder(self.folder)
        except OSError as error:
            raise write_failure(error, self.folder, what="new game") from error
        for _ in range(100):
            game_id = new_game_id(names, at)
            path = self._path(game_id)
            if path.exists() or any(self.folder.glob(f"{game_id}{CORRUPT_MARK}*")):
                continue
            lock = self._lock(game_id)
            try:
                lock.acquire()
            except Timeout:
                continue
            except OSError as error:
                raise write_failure(error, self.folder, what="new game") from error
            try:
                if path.exists():  # created by another window between our look and our lock
                    lock.release()
                    continue
                data = record.encode(game_id, at, at, state, [])
                self._write(path, data)
            except BaseException as error:
                lock.release()
                with contextlib.suppress(OSError):
                    os.unlink(self._lock_path(game_id))
                if isinstance(error, OSError):
                    raise write_failure(error, self.folder, what="new game") from error
                raise
            loaded = record.Loaded(state, (), at, at, migrations.SAVE_SCHEMA)
            game = OpenGame(self, game_id, loaded, lock)
            self._remember(game)
            return game
        raise SaveError("Could not find a free name for the new game. Please try again.")

    def open(self, game_id: str, *, read_only: bool = False) -> OpenGame:
        """Open a saved game: for play (taking its lock), or read-only (taking nothing).

        Raises GameNotFound, GameLocked (open in another window), BrokenSaveError (damaged, and
        moved aside; or saved by a newer h2h, and left alone) or LoadError (unreadable disk).
        """
        if not is_game_id(game_id):
            raise GameNotFound(game_id)
        path = self._path(game_id)
        lock = None
        if not read_only:
            lock = self._take_lock(
                game_id,
                lambda reason: LoadError(
                    f"Could not open the game for play: {reason}. You can still open it read-only."
                ),
            )
        try:
            loaded = self._load(game_id, path, locked=lock is not None)
        except BaseException as error:
            if lock is not None:
                if isinstance(error, GameNotFound):  # deleted meanwhile: take its lock file too
                    with contextlib.suppress(OSError):
                        os.unlink(self._lock_path(game_id))
                lock.release()
            raise
        return OpenGame(self, game_id, loaded, lock)

    def delete(self, game_id: str) -> None:
        """Delete a saved game, or a broken file by its listed id. GameLocked if it is open."""
        if is_broken_id(game_id):
            path = self._path(game_id)
            self._unlink(game_id, path)
            self._index.update({path.name: None})
            return
        if not is_game_id(game_id):
            raise GameNotFound(game_id)
        path = self._path(game_id)
        lock = self._take_lock(
            game_id, lambda reason: StoreError(f"Could not delete {game_id}: {reason}.")
        )
        try:
            self._unlink(game_id, path)
            self._index.update({path.name: None})
            with contextlib.suppress(OSError):
                os.unlink(self._lock_path(game_id))
        finally:
            lock.release()

    def list(self) -> Listing:
        """Every saved game and every broken file, most recently played first.

        Files unchanged since the index last saw them are not opened; changed ones are read and
        checked in full, and a damaged one is moved aside and listed as a BrokenSave.
        """
        try:
            entries = [
                entry
                for entry in os.scandir(self.folder)
                if entry.name.endswith(".json")
                and (is_game_id(entry.name[:-5]) or is_broken_id(entry.name[:-5]))
            ]
        except FileNotFoundError:
            return []
        except OSError as error:
            raise read_failure(error, self.folder) from error
        known = self._index.read()
        changes: dict[str, dict[str, Any] | None] = {}
        listing: Listing = []
        seen: set[str] = set()
        for entry in entries:
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            path = Path(entry.path)
            stamp = stamp_of(info)
            cached = known.get(entry.name)
            if cached is not None and cached.get("stamp") == list(stamp):
                try:
                    listing.append(item_from(cached, entry.name, path, info.st_mtime))
                except ValueError:
                    pass  # a damaged index entry: read the file instead
                else:
                    seen.add(entry.name)
                    continue
            examined = self._examine(entry.name[:-5], path, info.st_mtime)
            if examined is None:
                continue
            item, lasting = examined
            listing.append(item)
            if item.path != path:
                # Moved aside just now: remember it under its new name.
                with contextlib.suppress(OSError):
                    changes[item.path.name] = entry_for(item, stamp_of(item.path.stat()))
                    seen.add(item.path.name)
            elif lasting:
                changes[entry.name] = entry_for(item, stamp)
                seen.add(entry.name)
        for name in known.keys() - seen:
            changes[name] = None
        self._index.update(changes)
        listing.sort(key=lambda item: item.modified, reverse=True)
        return listing

    def most_recent_unfinished(self) -> SaveInfo | None:
        """The game most recently played that is not over yet, if any."""
        for item in self.list():
            if isinstance(item, SaveInfo) and not item.finished:
                return item
        return None

    # --- hidden cards --------------------------------------------------------------------------

    def hidden_cards(self, deck_name: str) -> frozenset[str]:
        """Ids of this deck's cards the players chose to leave out of future games."""
        return self._hidden.of(deck_name)

    def hide_cards(self, deck_name: str, ids: Iterable[str]) -> None:
        """Leave these cards out of future games with this deck. SaveError if it can't be saved."""
        self._hidden.hide(deck_name, ids)

    def unhide_cards(self, deck_name: str, ids: Iterable[str] | None = None) -> None:
        """Bring hidden cards of this deck back (all of them when `ids` is None)."""
        self._hidden.unhide(deck_name, ids)

    # --- the files underneath ------------------------------------------------------------------

    def _path(self, game_id: str) -> Path:
        return self.folder / f"{game_id}.json"

    def _lock_path(self, game_id: str) -> Path:
        return self.folder / f"{game_id}.lock"

    def _take_lock(self, game_id: str, failure: Callable[[str], StoreError]) -> FileLock:
        """The game's lock, held: GameNotFound, GameLocked, or `failure(reason)` on a disk error."""
        if not self._path(game_id).exists():
            raise GameNotFound(game_id)
        lock = self._lock(game_id)
        try:
            lock.acquire()
        except Timeout as error:
            raise GameLocked(game_id) from error
        except OSError as error:
            raise failure(str(error.strerror or error)) from error
        return lock

    def _lock(self, game_id: str) -> FileLock:
        # Not thread-local: a game opened on one thread may be closed from another.
        return FileLock(self._lock_path(game_id), timeout=0, mode=FILE_MODE, thread_local=False)

    @staticmethod
    def _write(path: Path, data: dict[str, dict[str, Any]]) -> None:
        AtomicJSONStorage(path).write(data)

    def _load(self, game_id: str, path: Path, *, locked: bool) -> record.Loaded:
        try:
            raw = path.read_bytes()
        except FileNotFoundError as error:
            raise GameNotFound(game_id) from error
        except OSError as error:
            raise read_failure(error, path) from error
        try:
            return record.decode(parse(raw))
        except NewerSchema as error:
            raise BrokenSaveError(game_id, path, record.NEWER, moved=False) from error
        except (UnreadableFile, record.Unreadable) as error:
            reason = error.reason
            where = self._set_aside(game_id, path, raw, locked=locked)
            raise BrokenSaveError(game_id, where, reason, moved=where != path) from error

    def _examine(self, stem: str, path: Path, modified: float) -> tuple[Listed, bool] | None:
        """Read and check one file for the list: what to show, and whether the verdict lasts
        as long as the file is unchanged (a passing disk error or a lock held elsewhere does
        not). None if the file vanished meanwhile."""
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            reason = f"it could not be read ({error.strerror})"
            return BrokenSave(stem, path, reason, modified), False
        try:
            loaded = record.decode(parse(raw))
        except NewerSchema:
            return BrokenSave(stem, path, record.NEWER, modified), True
        except (UnreadableFile, record.Unreadable) as error:
            reason = error.reason
            if is_broken_id(stem):
                return BrokenSave(stem, path, reason, modified), True
            where = self._set_aside(stem, path, raw, locked=False)
            return BrokenSave(where.name.removesuffix(".json"), where, reason, modified), False
        if is_broken_id(stem):
            return BrokenSave(stem, path, "it was set aside as unreadable", modified), True
        summary = record.summary_of(loaded.state)
        return save_info(stem, path, summary, loaded.created, loaded.updated), True

    def _set_aside(self, game_id: str, path: Path, raw: bytes, *, locked: bool) -> Path:
        """Move a damaged game file aside, unless its writer still has it open; where it is now."""
        lock = None
        if not locked:
            lock = self._lock(game_id)
            try:
                lock.acquire()
            except OSError:  # Timeout included: another window has it; leave it there
                return path
        try:
            # Only what we judged: if it changed since we read it, it is no longer ours to move.
            if path.read_bytes() != raw:
                return path
            where = move_aside(path)
            self._index.update({path.name: None})
            with contextlib.suppress(OSError):
                os.unlink(self._lock_path(game_id))
            return where
        except OSError:
            return path
        finally:
            if lock is not None:
                lock.release()

    def _remember(self, game: OpenGame) -> None:
        """Note a game's summary in the index, so listing does not have to open its file."""
        try:
            info = game.path.stat()
        except OSError:
            return
        summary = record.summary_of(game.state)
        item = save_info(game.id, game.path, summary, game.created, game.updated)
        self._index.update({game.path.name: entry_for(item, stamp_of(info))})

    def _unlink(self, game_id: str, path: Path) -> None:
        try:
            os.unlink(path)
        except FileNotFoundError as error:
            raise GameNotFound(game_id) from error
        except OSError as error:
            raise StoreError(f"Could not delete {game_id}: {error.strerror or error}.") from error
        with contextlib.suppress(OSError):
            fsync_folder(self.folder)
