"""Provides `SaveStore`: the saved games of one folder, to create, open, list, recover and delete.

Each game is its own file, `<saves>/<game-id>.json`, so saving one action costs the same with
three saved games or three thousand. A game file is a TinyDB database (see `record.py`) written
whole through the atomic writer, since a save always replaces the one record and TinyDB's table
API would first re-read and re-parse the file on every action.

One process plays a game at a time: opening takes `<game-id>.lock`, an flock that the kernel
releases when the process ends, however it ends, so a crash never leaves a game locked.

The work is done by `gamefile` (a game's files: write, read, set aside), `game` (`OpenGame`),
`listing` (the list, `continue`, tidying) and `recover`; this class ties them to one folder.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from filelock import Timeout

from h2h_game.engine import GameState, replay
from h2h_game.store import listing, migrations, record
from h2h_game.store.errors import (
    AmbiguousId,
    GameNotFound,
    LoadError,
    SaveError,
    StoreError,
    write_failure,
)
from h2h_game.store.game import OpenGame
from h2h_game.store.gamefile import GameFiles
from h2h_game.store.hidden import HiddenCards
from h2h_game.store.ids import (
    closest,
    is_broken_id,
    is_game_id,
    is_listed_id,
    is_ours,
    matching,
    new_game_id,
)
from h2h_game.store.index import Listed, Listing, SaveInfo
from h2h_game.store.recover import Recovered, recover
from h2h_game.store.storage import (
    CORRUPT_MARK,
    private_folder,
    remove_stray_temps,
    tighten_folder,
)


class SaveStore:
    """The saved games in one folder (see `h2h_game.paths.saves_dir` for which folder)."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self._files = GameFiles(self.folder)
        self._hidden = HiddenCards(self.folder)
        if self.folder.is_dir():
            remove_stray_temps(self.folder)
            tighten_folder(self.folder, is_ours)

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
        files = self._files
        for _ in range(100):
            game_id = new_game_id(names, at)
            path = files.path(game_id)
            if path.exists() or any(self.folder.glob(f"{game_id}{CORRUPT_MARK}*")):
                continue
            lock = files.lock(game_id)
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
                files.write(game_id, record.encode(game_id, at, at, state, []))
            except BaseException as error:
                lock.release()
                files.forget_lock(game_id)
                if isinstance(error, OSError):
                    raise write_failure(error, self.folder, what="new game") from error
                raise
            loaded = record.Loaded(state, (), at, at, migrations.SAVE_SCHEMA)
            game = OpenGame(files, game_id, loaded, lock)
            files.remember(game_id, state, at, at, 0)
            return game
        raise SaveError("Could not find a free name for the new game. Please try again.")

    def open(self, game_id: str, *, read_only: bool = False) -> OpenGame:
        """Open a saved game: for play (taking its lock), or read-only (taking nothing).

        Raises GameNotFound, GameLocked (open in another window), BrokenSaveError (damaged, and
        moved aside; or saved by a newer h2h, and left alone) or LoadError (unreadable disk).
        """
        files = self._files
        if not is_game_id(game_id) or not _exists(files.path(game_id)):
            raise GameNotFound(game_id)
        lock = None
        if not read_only:
            lock = files.take_lock(
                game_id,
                lambda reason: LoadError(
                    f"Could not open the game for play: {reason}. You can still open it read-only."
                ),
            )
        try:
            loaded = files.load(game_id, locked=lock is not None)
        except BaseException as error:
            if lock is not None:
                if isinstance(error, GameNotFound):  # deleted meanwhile: take its lock file too
                    files.forget_lock(game_id)
                lock.release()
            raise
        return OpenGame(files, game_id, loaded, lock)

    def delete(self, listed_id: str) -> None:
        """Delete a saved game (with its previous copy), or a broken file by its listed id.

        GameLocked if the game is open in another window.
        """
        files = self._files
        if is_broken_id(listed_id):
            files.unlink(listed_id)
            return
        if not is_game_id(listed_id) or not _exists(files.path(listed_id)):
            raise GameNotFound(listed_id)
        lock = files.take_lock(
            listed_id, lambda reason: StoreError(f"Could not delete {listed_id}: {reason}.")
        )
        try:
            files.unlink(listed_id)
            with contextlib.suppress(OSError):
                os.unlink(files.previous(listed_id))
            files.forget_lock(listed_id)
        finally:
            lock.release()

    def list(self) -> Listing:
        """Every saved game and every broken file, most recently played first.

        Listing changes no file: a damaged game is listed where it lies (see `listing`).
        """
        return listing.list_saves(self._files)

    def latest_unfinished(self) -> Listed | None:
        """What `h2h continue` opens: the most recent unfinished game, or a BrokenSave when
        that game's file is damaged (so the players are told rather than given an older game)."""
        return listing.latest_unfinished(self.list())

    def most_recent_unfinished(self) -> SaveInfo | None:
        """The most recent unfinished game if it can be opened; None when there is none, or
        when it is damaged (see `latest_unfinished` to tell which)."""
        latest = self.latest_unfinished()
        return latest if isinstance(latest, SaveInfo) else None

    def resolve(self, wanted: str) -> str:
        """The listed id that `wanted` names: the id itself, or the one id it begins.

        GameNotFound (with the closest ids) when none matches, AmbiguousId (with every match)
        when several do.
        """
        ids = [item.id for item in self.list()]
        found = matching(wanted, ids)
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousId(wanted, tuple(found))
        raise GameNotFound(wanted, tuple(closest(wanted, ids)))

    def recover(self, listed_id: str) -> Recovered:
        """Bring back the newest good state of a damaged game (see `recover.recover`)."""
        if not is_listed_id(listed_id):
            raise GameNotFound(listed_id)
        return recover(self._files, listed_id)

    def tidy(self) -> listing.Tidied:
        """Move damaged games aside and clear what crashed writers left behind."""
        if not self.folder.is_dir():
            return listing.Tidied()
        return listing.tidy(self._files)

    # --- hidden cards --------------------------------------------------------------------------

    def hidden_cards(self, deck_name: str) -> frozenset[str]:
        """Ids of this deck's cards the players chose to leave out of future games."""
        return self._hidden.of(deck_name)

    def all_hidden_cards(self) -> dict[str, frozenset[str]]:
        """Every deck's hidden cards, by deck name (decks with none are left out)."""
        return self._hidden.all()

    def hide_cards(self, deck_name: str, ids: Iterable[str]) -> None:
        """Leave these cards out of future games with this deck. SaveError if it can't be saved."""
        self._hidden.hide(deck_name, ids)

    def unhide_cards(self, deck_name: str, ids: Iterable[str] | None = None) -> None:
        """Bring hidden cards of this deck back (all of them when `ids` is None)."""
        self._hidden.unhide(deck_name, ids)


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()
