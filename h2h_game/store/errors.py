"""Provides the store's errors, each carrying a message a player can read as it is."""

from __future__ import annotations

import errno
from pathlib import Path


class StoreError(Exception):
    """Something went wrong with saved games; `str(error)` is meant for the players."""


class SaveError(StoreError):
    """A game could not be written. The file on disk still holds the last good save."""


class ReadOnlyGame(SaveError):
    """The game was opened read-only (it is open in another window), so it cannot be saved."""

    def __init__(self, game_id: str) -> None:
        super().__init__(
            "This game is open read-only here, so nothing done in this window is saved."
        )
        self.game_id = game_id


class LoadError(StoreError):
    """A saved game could not be read because of the disk or its permissions, not its content."""


class GameLocked(StoreError):
    """Another process has this game open; only one window may play a game at a time."""

    def __init__(self, game_id: str) -> None:
        super().__init__(
            "This game is open in another window. Close it there, or open it here read-only."
        )
        self.game_id = game_id


class GameNotFound(StoreError, KeyError):
    """There is no saved game with this id; `closest` holds ids that look like it."""

    def __init__(self, game_id: str, closest: tuple[str, ...] = ()) -> None:
        super().__init__(f"There is no saved game called {game_id!r}.")
        self.game_id = game_id
        self.closest = closest

    def __str__(self) -> str:
        # KeyError would quote the message; players should read it plainly.
        return str(self.args[0])


class AmbiguousId(StoreError):
    """More than one saved game begins with the id given."""

    def __init__(self, prefix: str, candidates: tuple[str, ...]) -> None:
        super().__init__(f"{len(candidates)} saved games begin with {prefix!r}.")
        self.prefix = prefix
        self.candidates = candidates


class BrokenSaveError(StoreError):
    """A saved game's file cannot be played: it is damaged, or written by a newer h2h."""

    def __init__(self, game_id: str, path: Path, reason: str, *, moved: bool) -> None:
        where = f" It was moved aside to {path.name} and kept as it was." if moved else ""
        if reason != "saved by a newer version of h2h":
            where += f" `h2h saves recover {game_id}` brings back its last good state."
        super().__init__(f"The saved game {game_id!r} cannot be opened: {reason}.{where}")
        self.game_id = game_id
        self.path = path
        """Where the file is now (its new name when it was moved aside)."""
        self.reason = reason
        self.moved = moved


def write_failure(error: OSError, folder: Path, *, what: str = "action") -> SaveError:
    """A SaveError saying in plain words why writing into `folder` failed and what to do.

    `what` is what was being saved: "action" (a game already on disk stays safe up to its last
    action), "new game" (nothing was saved yet) or anything else, named as it is.
    """
    code = error.errno
    if code == errno.ENOTDIR or isinstance(error, NotADirectoryError):
        where = error.filename or folder
        cause = f"the saves path {where} is not a folder"
        fix = "move that file away or choose another folder with --saves"
    elif code in (errno.ENOSPC, errno.EDQUOT):
        cause, fix = "the disk is full", "free some space and try again"
    elif isinstance(error, PermissionError) or code in (errno.EACCES, errno.EPERM):
        cause, fix = f"permission denied in {folder}", "check that you can write there"
    elif code == errno.EROFS:
        cause, fix = f"{folder} is read-only", "make it writable or choose another --saves folder"
    else:
        cause, fix = error.strerror or str(error), "try again"
    if what == "action":
        return SaveError(
            f"Could not save: {cause}. Your game is safe up to the last action; {fix}."
        )
    if what == "new game":
        return SaveError(f"Could not start the game: {cause}. Nothing was saved; {fix}.")
    return SaveError(f"Could not save {what}: {cause}. {fix[0].upper()}{fix[1:]}.")


def read_failure(error: OSError, path: Path) -> LoadError:
    """A LoadError for a file the disk or its permissions would not let us read."""
    if isinstance(error, PermissionError):
        return LoadError(f"Could not read {path.name}: permission denied. The file was left as is.")
    reason = error.strerror or str(error)
    return LoadError(f"Could not read {path.name}: {reason}. The file was left as is.")
