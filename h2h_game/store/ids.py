"""Provides game ids and the names of every file the store keeps in a saves folder."""

from __future__ import annotations

import difflib
import re
import secrets
import time
from collections.abc import Iterable

from h2h_game.files import TEMP_PREFIX
from h2h_game.store.hidden import HIDDEN_LOCK, HIDDEN_NAME
from h2h_game.store.index import INDEX_LOCK, INDEX_NAME
from h2h_game.store.storage import CORRUPT_MARK, PREVIOUS_SUFFIX
from h2h_game.untrusted import slug

GAME_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""A game id: lowercase ASCII words joined by hyphens, e.g. `2026-11-25-maya-sam-3f9c`."""
MAX_ID = 80
BROKEN_NAME = re.compile(rf"({GAME_ID.pattern}){re.escape(CORRUPT_MARK)}\d{{8}}T\d{{6}}Z(?:-\d+)?")
NAME_PART = 16
"""Characters of each player's name that go into a game id."""
PREVIOUS = PREVIOUS_SUFFIX


def is_game_id(text: str) -> bool:
    return len(text) <= MAX_ID and GAME_ID.fullmatch(text) is not None


def is_broken_id(text: str) -> bool:
    """A moved-aside file's name without `.json`, as `BrokenSave.id` gives it."""
    return BROKEN_NAME.fullmatch(text) is not None


def is_listed_id(text: str) -> bool:
    """An id the list of saved games may show: a game's, or a moved-aside file's."""
    return is_game_id(text) or is_broken_id(text)


def game_of(listed_id: str) -> str:
    """The game a listed id belongs to: itself, or the game a moved-aside file was."""
    return listed_id.split(CORRUPT_MARK, 1)[0]


def new_game_id(names: tuple[str, str], at: float, suffix: str | None = None) -> str:
    """A short, readable id: the local date, both names in ASCII, and four random hex digits."""
    date = time.strftime("%Y-%m-%d", time.localtime(at))
    first = slug(names[0], fallback="p1", limit=NAME_PART, ascii_only=True)
    second = slug(names[1], fallback="p2", limit=NAME_PART, ascii_only=True)
    return f"{date}-{first}-{second}-{suffix or secrets.token_hex(2)}"


def is_ours(name: str) -> bool:
    """Whether h2h writes files of this name into a saves folder."""
    if name.endswith(PREVIOUS):
        return is_game_id(name.removesuffix(PREVIOUS))
    stem, _, suffix = name.rpartition(".")
    return (
        (suffix in ("json", "lock") and is_listed_id(stem))
        or name in (INDEX_NAME, INDEX_LOCK, HIDDEN_NAME, HIDDEN_LOCK, ".gitkeep")
        or name.startswith((TEMP_PREFIX, HIDDEN_NAME.removesuffix(".json")))
    )


def matching(wanted: str, ids: Iterable[str]) -> list[str]:
    """The ids `wanted` names: itself when it is one of them, else those it begins."""
    known = list(ids)
    if wanted in known:
        return [wanted]
    return [known_id for known_id in known if wanted and known_id.startswith(wanted)]


def closest(wanted: str, ids: Iterable[str], count: int = 3) -> list[str]:
    """The ids that look most like `wanted` (a typo, a date off by one), best first."""
    return difflib.get_close_matches(wanted, list(ids), n=count, cutoff=0.5)
