"""Files that cannot be trusted are moved aside, reported by name, and never hide other games."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from h2h_game.store import BrokenSave, BrokenSaveError, GameNotFound, SaveInfo, SaveStore
from tests.store.helpers import START, fresh_game, play


def edit(change: Callable[[dict[str, Any]], None]) -> Callable[[bytes], bytes]:
    def rewrite(raw: bytes) -> bytes:
        data = json.loads(raw)
        change(data["save"]["1"])
        return json.dumps(data).encode()

    return rewrite


def drop_last_action(record: dict[str, Any]) -> None:
    record["log"].pop()


def swap_an_action(record: dict[str, Any]) -> None:
    record["log"][0]["action"] = {"type": "wrap-up"}


DAMAGE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "truncated": (lambda raw: raw[: len(raw) // 2], "it is not valid JSON"),
    "empty": (lambda raw: b"", "the file is empty"),
    "not JSON": (lambda raw: b"Dear diary, tonight we talked about", "it is not valid JSON"),
    "binary": (lambda raw: bytes(range(256)), "it is not text (not UTF-8)"),
    "a JSON list": (lambda raw: b"[1, 2, 3]", "it is not a saved game"),
    "another TinyDB file": (lambda raw: b'{"_default": {"1": {"a": 1}}}', "not a saved game"),
    "no schema": (edit(lambda r: r.pop("schema")), "not a saved game this version can read"),
    "schema as text": (edit(lambda r: r.update(schema="1")), "this version can read"),
    "jar as text": (edit(lambda r: r["state"]["moment"].update(jar="lots")), "state is damaged"),
    "unknown card": (
        edit(lambda r: r["state"]["deal"]["piles"][0].append("L1-nope")),
        "state is damaged",
    ),
    "no state": (edit(lambda r: r.pop("state")), "the game state is missing"),
    "bad time": (edit(lambda r: r.update(created=True)), "not a saved game"),
    "log not a list": (edit(lambda r: r.update(log={})), "the action log is missing"),
    "unknown action": (
        edit(lambda r: r["log"].append({"action": {"type": "shout"}, "at": 1.0})),
        "the action log is damaged",
    ),
    "log one short": (edit(drop_last_action), "action log does not match"),
    "log rewritten": (edit(swap_an_action), "action log does not match"),
}


@pytest.fixture
def games(store: SaveStore) -> tuple[str, str]:
    """Two saved games: the first will be damaged, the second must survive it."""
    ids = []
    for names in (("Ana", "Ben"), ("Cy", "Di")):
        with store.create(fresh_game(names=names), START) as game:
            play(game, 12)
            ids.append(game.id)
    return ids[0], ids[1]


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_a_damaged_file_is_listed_where_it_lies_and_moved_aside_when_opened(
    store: SaveStore, folder: Path, games: tuple[str, str], kind: str
) -> None:
    damaged, healthy = games
    path = folder / f"{damaged}.json"
    before = next(item for item in store.list() if item.id == damaged)
    damage, reason = DAMAGE[kind]
    bad = damage(path.read_bytes())
    path.write_bytes(bad)

    listing = store.list()
    broken = [item for item in listing if isinstance(item, BrokenSave)]
    assert len(broken) == 1
    assert reason in broken[0].reason
    # Listing renames nothing, and the row keeps what the index knew of the game.
    assert (broken[0].id, broken[0].path) == (damaged, path)
    assert path.read_bytes() == bad
    assert broken[0].game == before
    assert [item.id for item in listing if isinstance(item, SaveInfo)] == [healthy]

    with store.open(healthy) as game:
        assert game.state.moment.turn >= 1
    with pytest.raises(BrokenSaveError) as caught:
        store.open(damaged)
    assert caught.value.moved and not path.exists()
    assert caught.value.path.read_bytes() == bad  # kept exactly as it was
    with pytest.raises(GameNotFound):
        store.open(damaged)

    aside = [item for item in store.list() if isinstance(item, BrokenSave)]
    assert [item.id for item in aside] == [caught.value.path.stem]
    assert aside[0].id.startswith(f"{damaged}.corrupt-")
    assert aside[0].game == before  # still the players, deck and last-played time it had
    assert aside[0].last_played == before.updated
    store.delete(aside[0].id)
    assert [item.id for item in store.list()] == [healthy]


def test_two_breakages_in_the_same_second_keep_both_files(
    store: SaveStore, folder: Path, games: tuple[str, str]
) -> None:
    damaged, _ = games
    path = folder / f"{damaged}.json"
    good = path.read_bytes()
    path.write_bytes(b"first")
    store.tidy()
    path.write_bytes(good)
    store.list()
    path.write_bytes(b"second")
    store.tidy()
    contents = sorted(aside.read_bytes() for aside in folder.iterdir() if ".corrupt-" in aside.name)
    assert contents == [b"first", b"second"]


def test_a_file_open_in_another_window_is_not_moved(
    store: SaveStore, folder: Path, games: tuple[str, str]
) -> None:
    damaged, _ = games
    with store.open(damaged):
        path = folder / f"{damaged}.json"
        path.write_bytes(b"garbage")
        other = SaveStore(folder)
        assert other.tidy().left == [damaged]
        broken = [item for item in other.list() if isinstance(item, BrokenSave)]
        assert [item.id for item in broken] == [damaged]
        assert path.read_bytes() == b"garbage"


def newer(raw: bytes) -> bytes:
    data = json.loads(raw)
    data["save"]["1"]["schema"] = 99
    data["save"]["1"]["state"] = {"something": "we cannot know yet"}
    return json.dumps(data).encode()


def test_a_save_from_a_newer_h2h_is_listed_and_left_alone(
    store: SaveStore, folder: Path, games: tuple[str, str]
) -> None:
    later, healthy = games
    path = folder / f"{later}.json"
    path.write_bytes(newer(path.read_bytes()))
    before = (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_ino)

    for _ in range(2):
        listing = store.list()
        broken = [item for item in listing if isinstance(item, BrokenSave)]
        assert [(item.id, item.path, item.reason) for item in broken] == [
            (later, path, "saved by a newer version of h2h")
        ]
        assert healthy in {item.id for item in listing}
    for read_only in (False, True):
        with pytest.raises(BrokenSaveError) as caught:
            store.open(later, read_only=read_only)
        assert not caught.value.moved
        assert "newer version of h2h" in str(caught.value)
    assert (path.read_bytes(), path.stat().st_mtime_ns, path.stat().st_ino) == before
    assert sorted(os.listdir(folder)) == sorted(
        name for name in os.listdir(folder) if ".corrupt-" not in name
    )


def test_a_state_from_a_newer_engine_is_left_alone(
    store: SaveStore, folder: Path, games: tuple[str, str]
) -> None:
    later, _ = games
    path = folder / f"{later}.json"
    data = json.loads(path.read_bytes())
    data["save"]["1"]["state"]["schema"] = 99
    path.write_text(json.dumps(data))
    broken = [item for item in store.list() if isinstance(item, BrokenSave)]
    assert [(item.id, item.reason) for item in broken] == [
        (later, "saved by a newer version of h2h")
    ]
    assert path.exists()
