"""Provides listing a saves folder with damage triage, the game `continue` means, and tidying.

Listing never changes a file: a damaged game is listed where it lies, with its reason and what
the index knew of it (players, deck, when last played). Moving damaged files aside happens when
a game is opened or recovered, or on `tidy()`.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from h2h_game.files import kind_of
from h2h_game.store import record
from h2h_game.store.errors import LoadError
from h2h_game.store.gamefile import GameFiles
from h2h_game.store.ids import is_broken_id, is_game_id, is_listed_id
from h2h_game.store.index import (
    BrokenSave,
    Listed,
    Listing,
    SaveInfo,
    entry_for,
    item_from,
    known_game,
    save_info,
    stamp_of,
)
from h2h_game.store.migrations import NewerSchema
from h2h_game.store.storage import UnreadableFile, parse, read_json, remove_stray_temps


def list_saves(files: GameFiles) -> Listing:
    """Every saved game and every broken file, most recently played first.

    Files unchanged since the index last saw them are not opened; changed ones are read, from
    the head alone while their seal holds (`record.shown`), else checked in full. Raises
    LoadError when the folder itself cannot be read.
    """
    folder = files.folder
    try:
        entries = [
            entry
            for entry in os.scandir(folder)
            if entry.name.endswith(".json") and is_listed_id(entry.name[:-5])
        ]
    except FileNotFoundError:
        return []
    except NotADirectoryError as error:
        message = f"The saves folder {folder} is a file, not a folder. Choose another with --saves."
        raise LoadError(message) from error
    except OSError as error:
        # read_failure speaks of a file; this is the folder, and nothing in it was touched.
        why = "permission denied" if isinstance(error, PermissionError) else error.strerror
        raise LoadError(f"Could not read the saves folder {folder}: {why or error}.") from error
    known = files.index.read()
    changes: dict[str, dict[str, Any] | None] = {}
    listing: Listing = []
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
                continue
        examined = examine(entry.name[:-5], path, info, cached)
        if examined is None:
            continue
        item, lasting = examined
        listing.append(item)
        if lasting:
            changes[entry.name] = entry_for(item, stamp)
    present = {entry.name for entry in entries}
    changes.update({name: None for name in known.keys() - present})
    files.index.update(changes)
    return _in_order(listing)


def _in_order(listing: Listing) -> Listing:
    playable = {item.id for item in listing if isinstance(item, SaveInfo)}
    marked = [
        dataclasses.replace(item, recovered=True)
        if isinstance(item, BrokenSave) and item.moved and item.game_id in playable
        else item
        for item in listing
    ]
    return sorted(marked, key=lambda item: item.last_played, reverse=True)


def examine(
    stem: str, path: Path, info: os.stat_result, cached: dict[str, Any] | None
) -> tuple[Listed, bool] | None:
    """Read and check one file for the list: what to show, and whether the verdict lasts as
    long as the file is unchanged (a passing disk error does not). None if it vanished."""
    modified = info.st_mtime
    known = known_game(cached, path)

    def broken(reason: str) -> tuple[Listed, bool]:
        return BrokenSave(stem, path, reason, modified, known), True

    if not stat.S_ISREG(info.st_mode):
        return broken(f"it is {kind_of(info.st_mode)}, not a saved game")
    try:
        raw = read_json(path)
    except FileNotFoundError:
        return None
    except UnreadableFile as error:
        return broken(error.reason)
    except OSError as error:
        reason = f"it could not be read ({error.strerror})"
        return BrokenSave(stem, path, reason, modified, known), False
    try:
        item = _read(stem, path, raw)
    except NewerSchema:
        return broken(record.NEWER)
    except (UnreadableFile, record.Unreadable) as error:
        return broken(error.reason)
    if is_broken_id(stem):
        return broken("it was set aside as unreadable")
    return item, True


def _read(stem: str, path: Path, raw: bytes) -> SaveInfo:
    """The game in a file's bytes as the list shows it: from the head of a sealed file, else
    checked in full, which parses the whole file, rebuilds the game and replays its log (for
    a thousand games, seconds where their heads take a tenth of one)."""
    seen = record.shown(raw)
    if seen is not None:
        try:
            return save_info(stem, path, seen.summary, seen.created, seen.updated, seen.actions)
        except ValueError:
            pass  # a summary this version would not write: the full check decides
    seen = record.Shown.of(record.decode(parse(raw)))
    return save_info(stem, path, seen.summary, seen.created, seen.updated, seen.actions)


def latest_unfinished(listing: Listing) -> Listed | None:
    """What `h2h continue` means: the most recently played game that is not over yet.

    A damaged file counts when it may be that game (unfinished, or nobody knows), so that a
    damaged latest game is reported rather than passed over for an older one. A damaged file
    whose game has been recovered does not count.
    """
    for item in listing:
        if isinstance(item, SaveInfo):
            if not item.finished:
                return item
        elif not item.recovered and (item.game is None or not item.game.finished):
            return item
    return None


@dataclass
class Tidied:
    """What `tidy()` did."""

    moved: list[tuple[str, str]] = field(default_factory=list)
    """(game id, its new listed id) of each damaged game moved aside."""
    left: list[str] = field(default_factory=list)
    """Damaged games left in place: open in another window, or the move failed."""
    temps: int = 0
    """Temporary files of crashed writers removed."""


def tidy(files: GameFiles) -> Tidied:
    """Move every damaged game aside (never a newer h2h's save) and remove stray temporary
    files; the listing that finds them also heals the index."""
    done = Tidied(temps=len(remove_stray_temps(files.folder)))
    for item in list_saves(files):
        if not isinstance(item, BrokenSave) or item.moved or item.reason == record.NEWER:
            continue
        damaged, raw = _judged(item.path)
        if not damaged or not is_game_id(item.id):
            continue
        where = files.set_aside(item.id, item.reason, raw, locked=False)
        if where == item.path:
            done.left.append(item.id)
        else:
            done.moved.append((item.id, where.name.removesuffix(".json")))
    list_saves(files)
    return done


def _judged(path: Path) -> tuple[bool, bytes | None]:
    """Whether the file is still damaged, and the bytes it was judged on (None for something
    that is not a plain file, which has none)."""
    try:
        raw = read_json(path)
    except UnreadableFile:
        return True, None
    except OSError:
        return False, None  # the disk, not the file: nothing to judge
    try:
        record.decode(parse(raw))
    except (UnreadableFile, record.Unreadable):
        return True, raw
    except NewerSchema:
        return False, raw
    return False, raw
