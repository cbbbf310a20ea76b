"""Saves of every schema version load: committed fixtures, and the migration mechanism."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from h2h_game.engine import Length, Phase
from h2h_game.store import BrokenSave, BrokenSaveError, SaveInfo, SaveStore, migrations
from tests.store.helpers import next_step

FIXTURES = Path(__file__).parent / "fixtures"


def install(name: str, folder: Path) -> tuple[str, Path]:
    """Copy a fixture into a saves folder under its game's id."""
    source = FIXTURES / name
    game_id = json.loads(source.read_text())["save"]["1"]["id"]
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / f"{game_id}.json"
    shutil.copyfile(source, target)
    return game_id, target


def test_every_old_version_has_a_fixture_and_a_step() -> None:
    for version in range(1, migrations.SAVE_SCHEMA):
        assert (FIXTURES / f"save-v{version}.json").exists()
        assert version in migrations.MIGRATIONS
    assert (FIXTURES / f"save-v{migrations.SAVE_SCHEMA}.json").exists()


def test_a_version_1_save_loads_and_plays_on(store: SaveStore, folder: Path) -> None:
    game_id, _ = install("save-v1.json", folder)
    with store.open(game_id) as game:
        assert game.schema == 1
        state = game.state
        assert [p.name for p in state.players] == ["Maya", "Sam"]
        assert state.deck.name == "Fixture deck"
        assert [level.name for level in state.deck.levels] == [
            "Warm up",
            "Getting closer",
            "Heart to heart",
        ]
        assert state.table.length is Length.EVENING
        assert state.table.lines == 1
        assert len(game.log) == 38
        assert (state.now.turn, state.now.phase, state.now.level) == (6, Phase.PASSED, 2)
        assert (state.now.jar, state.now.answered, state.now.met) == (5, 3, 2)
        assert game.created == 1_764_000_000.0
        clock = game.updated + 60
        after, entry = next_step(state, random.Random(0), clock)
        game.save(after, entry, clock)
    with store.open(game_id) as again:
        assert again.state == after
        assert len(again.log) == 39
    (listed,) = store.list()
    assert isinstance(listed, SaveInfo)
    assert (listed.players, listed.deck, listed.level_name) == (
        ("Maya", "Sam"),
        "Fixture deck",
        after.deck.level(after.now.level).name,
    )


def v1_to_v2(record: dict[str, Any]) -> dict[str, Any]:
    """A made-up step: version 2 keeps the players under a new name."""
    record = dict(record)
    record["people"] = record.pop("players")
    return record


@pytest.fixture
def version_2(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Pretend this code is at version 2, with a step from 1; returns the versions migrated."""
    calls: list[int] = []

    def step(record: dict[str, Any]) -> dict[str, Any]:
        calls.append(record["schema"])
        return v1_to_v2(record)

    monkeypatch.setattr(migrations, "SAVE_SCHEMA", 2)
    monkeypatch.setitem(migrations.MIGRATIONS, 1, step)
    return calls


def test_an_old_save_is_migrated_on_load_and_written_as_new(
    store: SaveStore, folder: Path, version_2: list[int]
) -> None:
    game_id, path = install("save-v1.json", folder)
    original = path.read_bytes()
    with store.open(game_id) as game:
        assert version_2 == [1]
        assert game.schema == 1
        assert path.read_bytes() == original  # loading alone never rewrites
        clock = game.updated + 60
        after, entry = next_step(game.state, random.Random(0), clock)
        game.save(after, entry, clock)
    record = json.loads(path.read_text())["save"]["1"]
    assert record["schema"] == 2
    with store.open(game_id) as again:
        assert again.schema == 2
        assert again.state == after
    assert version_2 == [1]  # a version 2 file needs no step


def test_a_missing_step_makes_an_old_save_unreadable(
    store: SaveStore, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrations, "SAVE_SCHEMA", 2)
    game_id, path = install("save-v1.json", folder)
    original = path.read_bytes()
    with pytest.raises(BrokenSaveError, match="this version can read"):
        store.open(game_id)
    (broken,) = store.list()
    assert isinstance(broken, BrokenSave)
    assert broken.path.read_bytes() == original


def test_a_step_that_fails_on_a_damaged_record(
    store: SaveStore, folder: Path, version_2: list[int]
) -> None:
    _, path = install("save-v1.json", folder)
    data = json.loads(path.read_text())
    del data["save"]["1"]["players"]  # the step needs it
    path.write_text(json.dumps(data))
    (broken,) = store.list()
    assert isinstance(broken, BrokenSave)
    assert "this version can read" in broken.reason


def test_migrate_steps_one_version_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(migrations, "SAVE_SCHEMA", 3)
    monkeypatch.setitem(migrations.MIGRATIONS, 1, lambda r: {**r, "one": True})
    monkeypatch.setitem(migrations.MIGRATIONS, 2, lambda r: {**r, "two": r["one"]})
    assert migrations.migrate({"schema": 1}) == {"schema": 3, "one": True, "two": True}
    assert migrations.migrate({"schema": 3}) == {"schema": 3}
    with pytest.raises(migrations.NewerSchema):
        migrations.migrate({"schema": 4})
    for bad in ({}, {"schema": 0}, {"schema": "2"}, {"schema": True}):
        with pytest.raises(migrations.MigrationFailed):
            migrations.migrate(bad)
