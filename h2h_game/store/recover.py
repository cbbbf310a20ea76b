"""Provides recovering a damaged game: the newest good state its files still hold.

Two places may hold it: the previous good save kept beside every game (`<id>.previous.json`,
one action behind), and the damaged file itself, whose action log is replayed as far as it goes.
The longer game wins. The damaged file is kept (moved aside), never overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from h2h_game.store import record
from h2h_game.store.errors import GameNotFound, StoreError, write_failure
from h2h_game.store.gamefile import GameFiles
from h2h_game.store.ids import game_of, is_game_id
from h2h_game.store.index import SaveInfo, save_info
from h2h_game.store.migrations import NewerSchema
from h2h_game.store.storage import CORRUPT_MARK, UnreadableFile, dump, parse, read_json

FROM_PREVIOUS = "its previous copy"
FROM_DAMAGED = "the damaged file, up to its last good action"


class NothingToRecover(StoreError):
    """There is nothing to recover (the game is fine), or nothing left that can be read."""


@dataclass(frozen=True)
class Recovered:
    """A game brought back by `recover`."""

    game: SaveInfo
    """The game as it is now saved again, under its own id."""
    source: str
    """Where it came from, in words: FROM_PREVIOUS or FROM_DAMAGED."""
    lost: int | None
    """Actions lost (the damaged log's length minus those kept); None when nobody knows."""
    kept: Path | None
    """Where the damaged file is kept now, if there was one."""
    at_most: int | None = None
    """When `lost` is not known: the most that can have been lost. A previous copy is one save
    behind the file it stood beside, and each save is one action, so from it at most 1."""


def recover(files: GameFiles, listed_id: str) -> Recovered:
    """Restore the newest good state of a damaged game, by its id or a broken file's id.

    Raises GameNotFound, GameLocked (open in another window), NothingToRecover (with why, in
    words for the players) or SaveError (the recovered game could not be written).
    """
    game_id = game_of(listed_id)
    if not is_game_id(game_id):
        raise GameNotFound(listed_id)
    if listed_id == game_id and not files.path(game_id).exists():
        listed_id = _newest_damaged(files, game_id) or game_id
    lock = files.take_lock(
        game_id, lambda reason: StoreError(f"Could not recover {game_id}: {reason}.")
    )
    try:
        return _recover(files, listed_id, game_id)
    finally:
        lock.release()


def _newest_damaged(files: GameFiles, game_id: str) -> str | None:
    aside = sorted(
        files.folder.glob(f"{game_id}{CORRUPT_MARK}*.json"), key=lambda path: path.stat().st_mtime
    )
    return aside[-1].name.removesuffix(".json") if aside else None


def _recover(files: GameFiles, listed_id: str, game_id: str) -> Recovered:
    path = files.path(game_id)
    damaged = files.path(listed_id)
    in_place, reason = _judge(path)
    if reason == record.NEWER:
        raise NothingToRecover(
            f"The game {game_id} was saved by a newer version of h2h: it is not damaged. "
            "Update h2h to open it."
        )
    if in_place is not None:
        if listed_id == game_id:
            raise NothingToRecover(f"The game {game_id} is not damaged: it opens as it is.")
        raise NothingToRecover(
            f"The game {game_id} is already back in place and opens. The damaged file "
            f"{damaged.name} is still kept; `h2h saves delete {listed_id}` removes it."
        )
    salvaged = _salvage(damaged)
    previous, _ = _judge(files.previous(game_id))
    found = [
        (len(previous.log), FROM_PREVIOUS, previous) if previous else None,
        (len(salvaged.loaded.log), FROM_DAMAGED, salvaged.loaded) if salvaged else None,
    ]
    candidates = [candidate for candidate in found if candidate is not None]
    if not candidates:
        if not damaged.exists() and not files.previous(game_id).exists():
            raise GameNotFound(listed_id)
        raise NothingToRecover(
            f"Nothing of {game_id} could be recovered: neither the file nor its previous copy "
            "holds a game this version of h2h can read."
        )
    # The longest game is the newest; on a tie the fully checked previous copy. Only a game that
    # reads back as written will do: recovering must never write a file the reader refuses.
    candidates.sort(key=lambda candidate: candidate[0], reverse=True)
    chosen = next((c for c in candidates if _reads_back(game_id, c[2])), None)
    if chosen is None:
        raise NothingToRecover(
            f"Nothing of {game_id} could be recovered: what is left of it would not read back."
        )
    actions, source, loaded = chosen
    logged = salvaged.logged if salvaged else None
    known = files.known(listed_id)
    # The index's count holds only if it was taken after the last action we kept (it is not
    # updated on every action, so a crash can leave it behind).
    if logged is None and known is not None and known.updated >= loaded.updated:
        logged = known.actions
    lost = max(0, logged - actions) if logged is not None else None
    at_most = 1 if lost is None and source == FROM_PREVIOUS else None
    kept: Path | None = damaged if damaged.exists() or damaged.is_symlink() else None
    if kept == path:
        kept = files.set_aside(game_id, reason or "it was damaged", None, locked=True)
        if kept == path:
            raise StoreError(
                f"Could not recover {game_id}: the damaged file could not be moved aside, and "
                "it is never overwritten."
            )
    data = _encoded(game_id, loaded)
    try:
        files.write(game_id, data)
    except OSError as error:
        raise write_failure(error, files.folder, what="the recovered game") from error
    files.remember(game_id, loaded.state, loaded.created, loaded.updated, actions)
    summary = record.summary_of(loaded.state)
    game = save_info(game_id, path, summary, loaded.created, loaded.updated, actions)
    return Recovered(game, source, lost, kept, at_most)


def _encoded(game_id: str, loaded: record.Loaded) -> dict[str, dict[str, Any]]:
    log_data = [entry.to_dict() for entry in loaded.log]
    return record.encode(game_id, loaded.created, loaded.updated, loaded.state, log_data)


def _reads_back(game_id: str, loaded: record.Loaded) -> bool:
    try:
        record.decode(parse(dump(_encoded(game_id, loaded))))
    except (UnreadableFile, record.Unreadable, NewerSchema, ValueError):
        return False
    return True


def _judge(path: Path) -> tuple[record.Loaded | None, str | None]:
    """The game in a file when it loads and checks out in full, else None and why not (None
    when the file is not there or the disk would not let us read it)."""
    try:
        return record.decode(parse(read_json(path))), None
    except NewerSchema:
        return None, record.NEWER
    except (UnreadableFile, record.Unreadable) as error:
        return None, error.reason
    except OSError:
        return None, None


def _salvage(path: Path) -> record.Salvage | None:
    try:
        return record.salvage(parse(read_json(path)))
    except (OSError, UnreadableFile):
        return None
