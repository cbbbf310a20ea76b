"""Damaged JSON never takes other games down: deep nesting, huge numbers, NaN and Infinity.

Each case is written into a save, the index, the hidden-cards file or the deck cache. Then
`h2h saves list` (and the rest) must exit 0 without a traceback, still list the healthy game,
list the damaged one with a reason, and `h2h saves recover` must bring the damaged one back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from h2h_game import jsonsafe
from h2h_game.decks.library import cache_dir, open_deck
from h2h_game.store import BrokenSave, BrokenSaveError, SaveInfo, SaveStore
from h2h_game.store.hidden import HIDDEN_NAME
from h2h_game.store.index import INDEX_NAME
from h2h_game.store.record import NEWER
from tests.decks.builders import SHORTEST, write
from tests.hostile.conftest import Run

DEPTH = 100_000
WHOLE_FILES: dict[str, bytes] = {
    "array nested 100,000 deep": b"[" * DEPTH + b"]" * DEPTH,
    "object nested 100,000 deep": b'{"a":' * DEPTH + b"1" + b"}" * DEPTH,
    "opened 100,000 deep, never closed": b"[" * DEPTH,
    "a 400-digit number": b'{"save": {"1": {"schema": ' + b"9" * 400 + b"}}}",
    "Infinity": b'{"save": {"1": {"schema": Infinity}}}',
    "NaN": b'{"save": {"1": {"schema": NaN}}}',
    "1e400": b'{"save": {"1": {"created": 1e400}}}',
    "-1e400": b"[-1e400]",
    "a 4,000-digit number": b"[" + b"7" * 4000 + b"]",
    "empty": b"",
    "not UTF-8": bytes(range(256)),
    "a JSON string": b'"hello"',
    "TinyDB of another shape": b'{"files": [1, 2], "decks": "x", "save": {"1": [null]}}',
}

NUMBERS: dict[str, bytes] = {
    "400 digits": b"9" * 400,
    "-400 digits": b"-" + b"9" * 400,
    "1e400": b"1e400",
    "-1e400": b"-1e400",
    "1e308": b"1e308",
    "NaN": b"NaN",
    "Infinity": b"Infinity",
    "-Infinity": b"-Infinity",
    "2**64": b"18446744073709551616",
}
PLACES: dict[str, tuple[str | int, ...]] = {
    "created": ("created",),
    "updated": ("updated",),
    "schema": ("schema",),
    "jar": ("state", "moment", "jar"),
    "clock": ("state", "moment", "clock"),
    "together": ("state", "moment", "together"),
    "turn": ("state", "moment", "turn"),
    "seed": ("state", "deal", "seed"),
    "started": ("state", "deal", "started"),
    "unlock": ("state", "deal", "deck", "levels", 1, "unlock"),
    "last action's time": ("log", -1, "at"),
    "summary": ("summary", "answered"),
}
MARK = "@@hostile@@"


def with_number(raw: bytes, place: tuple[str | int, ...], number: bytes) -> bytes:
    """The save with one number replaced by raw JSON text no `json.dumps` would write."""
    data = json.loads(raw)
    target: Any = data["save"]["1"]
    for key in place[:-1]:
        target = target[key]
    target[place[-1]] = MARK
    return json.dumps(data).encode().replace(f'"{MARK}"'.encode(), number)


def check_damage_is_contained(
    h2h: Run, store: SaveStore, folder: Path, games: tuple[str, str], bad: bytes
) -> None:
    """The whole promise for one damaged save: listed, others listed, opened or recoverable."""
    healthy, target = games
    path = folder / f"{target}.json"
    path.write_bytes(bad)

    listed = h2h("saves", "list")
    assert listed.code == 0
    assert healthy in listed.out
    assert target in listed.out
    assert path.read_bytes() == bad  # listing moved nothing
    item = next(item for item in store.list() if item.id == target)
    if isinstance(item, SaveInfo):
        with store.open(target) as game:  # harmless after all (a number nobody checks)
            assert game.id == target
        return
    assert isinstance(item, BrokenSave) and item.reason
    assert item.game is not None and item.game.players == ("Maya", "Sam")
    assert h2h("continue").code == 1  # says which game is damaged; opens nothing
    with pytest.raises(BrokenSaveError):
        store.open(target)
    if item.reason == NEWER:  # a schema of 2**64 claims a newer h2h: left exactly as it is
        assert path.read_bytes() == bad
        return
    recovered = h2h("saves", "recover", target)
    assert recovered.code == 0, recovered.err
    assert "no action was lost" in recovered.out or "1 action was lost" in recovered.out
    with store.open(target) as game:
        assert len(game.log) >= 7
    with store.open(healthy) as game:
        assert len(game.log) == 8


@pytest.mark.parametrize("kind", list(WHOLE_FILES))
def test_a_hostile_save(
    h2h: Run, store: SaveStore, folder: Path, games: tuple[str, str], kind: str
) -> None:
    check_damage_is_contained(h2h, store, folder, games, WHOLE_FILES[kind])


@pytest.mark.parametrize("place", list(PLACES))
def test_a_hostile_number_inside_a_save(
    h2h: Run, store: SaveStore, folder: Path, games: tuple[str, str], place: str
) -> None:
    _, target = games
    good = (folder / f"{target}.json").read_bytes()
    previous = (folder / f"{target}.previous.json").read_bytes()
    for number in NUMBERS.values():
        check_damage_is_contained(
            h2h, store, folder, games, with_number(good, PLACES[place], number)
        )
        # Put the game back as it was for the next number.
        for aside in folder.glob(f"{target}.corrupt-*"):
            aside.unlink()
        (folder / f"{target}.json").write_bytes(good)
        (folder / f"{target}.previous.json").write_bytes(previous)


def test_a_save_over_the_size_cap_is_refused_unread(
    h2h: Run, store: SaveStore, folder: Path, games: tuple[str, str]
) -> None:
    _, target = games
    path = folder / f"{target}.json"
    with path.open("r+b") as file:
        file.truncate(65 * 1024 * 1024)  # sparse: costs no disk, and is never read
    ran = h2h("saves", "list")
    assert ran.code == 0 and "far too large" in ran.out
    assert h2h("saves", "recover", target).code == 0


@pytest.mark.parametrize("kind", list(WHOLE_FILES))
def test_a_hostile_index_is_rebuilt(
    h2h: Run, store: SaveStore, folder: Path, games: tuple[str, str], kind: str
) -> None:
    (folder / INDEX_NAME).write_bytes(WHOLE_FILES[kind])
    ran = h2h("saves", "list")
    assert ran.code == 0
    assert all(game in ran.out for game in games)
    assert "damaged" not in ran.out
    rebuilt = jsonsafe.loads((folder / INDEX_NAME).read_bytes())
    assert {f"{game}.json" for game in games} <= set(rebuilt["files"])


@pytest.mark.parametrize("kind", list(WHOLE_FILES))
def test_hostile_hidden_cards_hide_nothing_and_are_set_aside_on_change(
    h2h: Run, store: SaveStore, folder: Path, games: tuple[str, str], kind: str
) -> None:
    path = folder / HIDDEN_NAME
    path.write_bytes(WHOLE_FILES[kind])
    assert store.hidden_cards("Little deck") == frozenset()
    ran = h2h("deck", "hidden")
    assert ran.code == 0 and "No hidden cards" in ran.out
    store.hide_cards("Little deck", ["L1-000000000000"])
    assert store.hidden_cards("Little deck") == {"L1-000000000000"}
    kept = list(folder.glob(".hidden-cards.corrupt-*"))
    if WHOLE_FILES[kind]:  # an empty file is an empty list, nothing to keep
        assert [aside.read_bytes() for aside in kept] == [WHOLE_FILES[kind]]


@pytest.mark.parametrize("kind", list(WHOLE_FILES))
def test_a_hostile_deck_cache_entry_is_ignored_and_rewritten(
    h2h: Run, tmp_path: Path, kind: str
) -> None:
    decks = tmp_path / "decks"
    path = write(decks, "friends.toml", SHORTEST.replace("Old friends", "Far friends"))
    deck = open_deck(path)
    (entry,) = cache_dir().glob("*.json")
    entry.write_bytes(WHOLE_FILES[kind])
    ran = h2h("deck", "list", "--decks", decks)
    assert ran.code == 0
    assert "Far friends" in ran.out and "BROKEN" not in ran.out
    assert open_deck(path) == deck
    assert jsonsafe.loads(entry.read_bytes())["path"] == str(path.resolve())
