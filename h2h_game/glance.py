"""Provides a glance at the saves folder for the title: the game Continue would open.

The title's first frame should not wait for the saves store (TinyDB, file locks, the engine,
all of which it imports). When the index can say for sure what the folder holds
(`h2h_game.indexed`), it also says which game is the most recent unfinished one; when it cannot,
the title asks the store itself, after its first frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from h2h_game import indexed
from h2h_game.untrusted import terminal_safe


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
    games = indexed.games(folder)
    if games is None:
        return UNSURE
    for game_id, game in games:
        if not game["finished"]:
            first, second = (terminal_safe(name) for name in game["players"])
            label = f"{first} & {second} · {terminal_safe(game['deck'])}"
            return Glance(sure=True, game_id=game_id, label=label)
    return Glance(sure=True)
