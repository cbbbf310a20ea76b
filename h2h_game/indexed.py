"""Provides what the saves index alone can say about a saves folder, when it can say it for sure.

The store keeps an index of every game file with the file's stamp `(inode, size, mtime_ns)` and
the game's summary (`h2h_game.store.index`). When every game file in the folder still has the
stamp the index remembers, and every entry holds a whole summary as the store writes it, the
index alone is the list of saved games: the title's Continue (`h2h_game.glance`) and
`h2h saves list` read it without the store. Anything else — a damaged file, a file the index has
not seen, an index that cannot be read, an entry not as the store writes it — makes the answer
"not sure", and the caller asks the store, which reads what changed and heals the index.

Only os and json's C scanner load here (no pathlib, dataclasses or typing at run time):
`h2h saves list` should cost about what starting Python costs, and the store with the engine
behind it costs four times that.
"""

from __future__ import annotations

import os

from h2h_game import jsonsafe
from h2h_game.files import read_regular

TYPE_CHECKING = False  # typing alone costs more than this whole module
if TYPE_CHECKING:
    from typing import Any, TypeGuard

INDEX_NAME = ".index.json"
"""The store's index file (`h2h_game.store.index.INDEX_NAME`; a test holds the two equal)."""
INDEX_TABLE = "files"
INDEX_LIMIT = 8 * 1024 * 1024
MAX_ID = 80
ID_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
SET_ASIDE = ".corrupt-"
"""In the name of a damaged file moved aside (`h2h_game.store.storage.CORRUPT_MARK`)."""

TEXT = ("deck", "level_name", "deepest_name")
COUNTS = ("level", "deepest", "answered", "met", "minutes")
PAIRS = ("players", "colours")
TIMES = ("created", "updated")
SUMMARY = (*TEXT, *COUNTS, *PAIRS, "finished")
"""Every field of the summary the store's list shows (`h2h_game.store.index._SUMMARY`)."""

Game = tuple[str, "dict[str, Any]"]
"""A game's id and its summary as the index keeps it (`h2h_game.store.index.game_entry`)."""


def is_game_id(stem: str) -> bool:
    """Whether a file named `<stem>.json` is a game's: `h2h_game.store.ids.is_game_id` in string
    operations (a test holds the two alike), since compiling its pattern costs more here than
    checking a folder of names."""
    return (
        0 < len(stem) <= MAX_ID
        and ID_CHARACTERS.issuperset(stem)
        and stem[0] != "-"
        and stem[-1] != "-"
        and "--" not in stem
    )


def games(folder: str | os.PathLike[str]) -> list[Game] | None:
    """Every saved game in `folder`, most recently played first, from the index alone; None
    when the index cannot be sure of every file (the store must look)."""
    try:
        entries = [entry for entry in os.scandir(folder) if entry.name.endswith(".json")]
    except FileNotFoundError:
        return []
    except OSError:
        return None
    known = _index(folder)
    if known is None:
        return None
    found: list[Game] = []
    for entry in entries:
        stem = entry.name[:-5]
        if not is_game_id(stem):
            if SET_ASIDE in stem:
                return None  # a damaged file set aside: the store says what it was
            continue  # not a game: the store does not list it either
        remembered = known.get(entry.name)
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            return None
        stamp = [info.st_ino, info.st_size, info.st_mtime_ns]
        if not isinstance(remembered, dict) or remembered.get("stamp") != stamp:
            return None
        game = remembered.get("game")
        if "broken" in remembered or not _whole(game):
            return None
        found.append((stem, game))
    # Stable, as the store's sort is: equal times keep the folder's order.
    found.sort(key=lambda item: item[1]["updated"], reverse=True)
    return found


def _whole(game: Any) -> TypeGuard[dict[str, Any]]:
    """Whether an index entry's game holds every field the store writes, of the type it
    writes: anything the store would have to convert, it reads again instead."""
    if not isinstance(game, dict):
        return False
    return (
        all(_is_pair(game.get(name)) for name in PAIRS)
        and all(isinstance(game.get(name), str) for name in TEXT)
        and all(type(game.get(name)) is int for name in COUNTS)
        and type(game.get("actions", 0)) is int
        and isinstance(game.get("finished"), bool)
        and all(_is_time(game.get(name)) for name in TIMES)
    )


def _is_pair(value: Any) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)


def _is_time(value: Any) -> bool:
    return type(value) in (int, float)  # finite: jsonsafe refuses NaN and the infinities


def _index(folder: str | os.PathLike[str]) -> dict[str, Any] | None:
    try:
        path = os.path.join(folder, INDEX_NAME)
        data = jsonsafe.loads(read_regular(path, INDEX_LIMIT, follow_links=False))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        return None
    table = data.get(INDEX_TABLE) if isinstance(data, dict) else None
    return table if isinstance(table, dict) else None
