"""Provides save schema versions and the migrations that bring an old save up to date on load.

How to change what a save holds (including any change to the engine's `state_to_dict` form,
whose own `SCHEMA` then goes up too):

1. Before changing anything, commit a fixture of the current version: play a game with the
   current code and keep its file as `tests/store/fixtures/save-v<N>.json` (a fixture, once
   committed, is never regenerated: it stands for every save of that version out there).
   `python -m tests.store.make_fixture` writes one.
2. Bump `SAVE_SCHEMA` to N+1 and change the code that writes and reads saves.
3. Add `MIGRATIONS[N]`: a function that takes a save record of version N (the document in the
   file's `save` table, as plain JSON data) and returns it as version N+1. Keep it pure and
   self-contained: copy what it needs rather than calling code that may change later.
4. Add a test that loads `save-v<N>.json` with the new code and checks the migrated game.

The engine's rules count too: a save is checked on load by replaying its action log. A change
to what an action does gets a new edition of the rules (`engine.RULES`); each game's deal keeps
the edition it began with, so its log replays to exactly the game it was. A migrated record may
leave its state out and keep only the deal and the log: loading then rebuilds the state by
replaying the log, which is how version 1 saves come up to version 2.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

SAVE_SCHEMA = 2
"""The version of save records this code writes and reads."""

Record = dict[str, Any]


def _v1_to_v2(record: Record) -> Record:
    """Version 2: the state's `table` is its `deal`, played by the first edition of the rules.

    The deal keeps only the cards in its piles, with no tags and no count of left-out topics,
    so that nothing saved tells which topics the players left out. The state itself is left
    out: loading rebuilds it by replaying the log (whose actions did not change).
    """
    state = record["state"]
    table = state["table"]
    in_play = {card for pile in table["piles"] for card in pile}
    deck = {key: value for key, value in table["deck"].items() if key != "tags"}
    deck["levels"] = [
        {
            **{key: value for key, value in level.items() if key != "cards"},
            "settle": 0,
            "cards": [
                {key: value for key, value in card.items() if key != "tags"}
                for card in level["cards"]
                if card["id"] in in_play
            ],
        }
        for level in table["deck"]["levels"]
    ]
    deal = {
        "deck": deck,
        "players": table["players"],
        "length": table["length"],
        "seed": table["seed"],
        "first": table["first"],
        "piles": table["piles"],
        "landing": "",
        "started": table["started"],
        "rules": 1,
    }
    return {**record, "state": {"schema": 2, "deal": deal}}


MIGRATIONS: dict[int, Callable[[Record], Record]] = {1: _v1_to_v2}
"""`MIGRATIONS[n]` turns a record of version n into one of version n + 1."""


class NewerSchema(Exception):
    """The save was written by a newer h2h than this one; it must be left exactly as it is."""

    def __init__(self, version: int) -> None:
        super().__init__(f"save schema {version} is newer than {SAVE_SCHEMA}")
        self.version = version


class MigrationFailed(ValueError):
    """The record claims a version but cannot be brought up to date: it is damaged."""


def schema_of(record: Record) -> int:
    """The record's schema version; MigrationFailed when it has none that makes sense."""
    version = record.get("schema")
    if type(version) is not int or version < 1:
        raise MigrationFailed(f"no save schema version (found {version!r})")
    return version


def migrate(record: Record) -> Record:
    """The record brought up to `SAVE_SCHEMA`, one step at a time.

    Raises NewerSchema for a record from a newer h2h, and MigrationFailed when a step is
    missing or the record does not have the shape its version promises.
    """
    version = schema_of(record)
    if version > SAVE_SCHEMA:
        raise NewerSchema(version)
    while version < SAVE_SCHEMA:
        step = MIGRATIONS.get(version)
        if step is None:
            raise MigrationFailed(f"no migration from save schema {version}")
        try:
            record = step(record)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
            problem = f"save schema {version} could not be migrated: {error!r}"
            raise MigrationFailed(problem) from error
        version += 1
        record["schema"] = version
    return record
