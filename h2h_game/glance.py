"""Provides a glance at the saves folder for the title: the game Continue would open.

The title's first frame should not wait for the saves store (TinyDB, file locks, the engine,
all of which it imports). The store keeps an index of every game file with the file's stamp
`(inode, size, mtime_ns)`; when every game file still has the stamp the index remembers, the
index alone says which game is the most recent unfinished one. Anything else — a damaged file,
a file the index has not seen, an index that cannot be read — makes the glance unsure, and the
title asks the store itself, after its first frame.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from h2h_game import jsonsafe
from h2h_game.files import read_regular
from h2h_game.untrusted import terminal_safe

INDEX_NAME = ".index.json"
"""The store's index file (`h2h_game.store.index.INDEX_NAME`; a test holds the two equal)."""
INDEX_TABLE = "files"
INDEX_LIMIT = 8 * 1024 * 1024
GAME_FILE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\.json")
"""A game's own file; anything else listed (a damaged file set aside) needs the store."""


@dataclass(frozen=True)
class Glance:
    """What a glance at the saves folder found."""

    sure: bool
    """True when the index is up to date, so `game_id` and `label` are what the store says."""
    game_id: str | None = None
    label: str | None = None
    """Who and which deck, ready to print: "Maya & Sam · Partners"."""


UNSURE = Glance(sure=False)


def latest_unfinished(folder: Path) -> Glance:
    """The most recent unfinished game, if the index can say so for certain."""
    try:
        entries = [entry for entry in os.scandir(folder) if entry.name.endswith(".json")]
    except FileNotFoundError:
        return Glance(sure=True)
    except OSError:
        return UNSURE
    known = _index(folder)
    if known is None:
        return UNSURE
    newest: tuple[float, str, dict[str, Any]] | None = None
    for entry in entries:
        if entry.name == INDEX_NAME or entry.name.endswith(".previous.json"):
            continue
        if not GAME_FILE.fullmatch(entry.name):
            return UNSURE  # a damaged file set aside: the store decides what it means
        remembered = known.get(entry.name)
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            return UNSURE
        stamp = [info.st_ino, info.st_size, info.st_mtime_ns]
        if not isinstance(remembered, dict) or remembered.get("stamp") != stamp:
            return UNSURE
        game = remembered.get("game")
        if "broken" in remembered or not isinstance(game, dict):
            return UNSURE
        updated = game.get("updated")
        if game.get("finished") is not False or not isinstance(updated, int | float):
            if game.get("finished") is True:
                continue
            return UNSURE
        if newest is None or updated > newest[0]:
            newest = (float(updated), entry.name[:-5], game)
    if newest is None:
        return Glance(sure=True)
    _, game_id, game = newest
    players = game.get("players")
    deck = game.get("deck")
    if not (isinstance(players, list) and len(players) == 2 and isinstance(deck, str)):
        return UNSURE
    label = f"{terminal_safe(str(players[0]))} & {terminal_safe(str(players[1]))} · "
    return Glance(sure=True, game_id=game_id, label=label + terminal_safe(deck))


def _index(folder: Path) -> dict[str, Any] | None:
    try:
        data = jsonsafe.loads(read_regular(folder / INDEX_NAME, INDEX_LIMIT, follow_links=False))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        return None
    table = data.get(INDEX_TABLE) if isinstance(data, dict) else None
    return table if isinstance(table, dict) else None
