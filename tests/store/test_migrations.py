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
    game_id, path = install("save-v1.json", folder)
    original = path.read_bytes()
    with store.open(game_id) as game:
        assert game.schema == 1
        assert path.read_bytes() == original  # loading alone never rewrites
        state = game.state
        assert [p.name for p in state.players] == ["Maya", "Sam"]
        assert state.deck.name == "Fixture deck"
        assert [level.name for level in state.deck.levels] == [
            "Warm up",
            "Getting closer",
            "Heart to heart",
        ]
        assert state.deal.length is Length.EVENING
        assert len(game.log) == 38
        assert (state.moment.turn, state.moment.phase, state.moment.level) == (6, Phase.PASSED, 2)
        assert (state.moment.jar, state.moment.answered, state.moment.met) == (5, 3, 2)
        assert game.created == 1_764_000_000.0
        # It keeps the rules it began with: no settling, no landing card.
        assert state.deal.rules == 1 and state.deal.landing == ""
        assert [level.settle for level in state.deck.levels] == [0, 0, 0]
        # And, as every save now, no trace of which topics were left out.
        in_play = {card for pile in state.deal.piles for card in pile}
        assert {card.id for card in state.deck.cards} == in_play
        assert state.deck.tags == () and all(not card.tags for card in state.deck.cards)
        clock = game.updated + 60
        after, entry = next_step(state, random.Random(0), clock)
        game.save(after, entry, clock)
    record = json.loads(path.read_text())["save"]["1"]
    assert record["schema"] == migrations.SAVE_SCHEMA
    assert "family" not in json.dumps(record["state"])
    with store.open(game_id) as again:
        assert again.schema == migrations.SAVE_SCHEMA
        assert again.state == after
        assert len(again.log) == 39
    (listed,) = store.list()
    assert isinstance(listed, SaveInfo)
    assert (listed.players, listed.deck, listed.level_name) == (
        ("Maya", "Sam"),
        "Fixture deck",
        after.deck.level(after.moment.level).name,
    )


def test_a_version_2_save_loads_and_plays_on(store: SaveStore, folder: Path) -> None:
    game_id, _ = install("save-v2.json", folder)
    with store.open(game_id) as game:
        assert game.schema == 2
        state = game.state
        assert state.deal.rules == 2
        assert state.deck.audience == "Anyone who keeps a save fixture"
        assert state.deal.landing == "What are you looking forward to tomorrow?"
        assert [level.settle for level in state.deck.levels] == [2, 2, 2]
        assert len(game.log) == 60 and state.moment.paused
        clock = game.updated + 60
        after, entry = next_step(state, random.Random(0), clock)
        game.save(after, entry, clock)
    with store.open(game_id) as again:
        assert again.state == after


def v2_to_v3(record: dict[str, Any]) -> dict[str, Any]:
    """A made-up step: version 3 keeps the players under a new name."""
    record = dict(record)
    record["people"] = record.pop("players")
    return record


@pytest.fixture
def version_3(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Pretend this code is at version 3, with a step from 2; returns the versions migrated."""
    calls: list[int] = []

    def step(record: dict[str, Any]) -> dict[str, Any]:
        calls.append(record["schema"])
        return v2_to_v3(record)

    monkeypatch.setattr(migrations, "SAVE_SCHEMA", 3)
    monkeypatch.setitem(migrations.MIGRATIONS, 2, step)
    return calls


def test_an_old_save_is_migrated_on_load_and_written_as_new(
    store: SaveStore, folder: Path, version_3: list[int]
) -> None:
    game_id, path = install("save-v2.json", folder)
    original = path.read_bytes()
    with store.open(game_id) as game:
        assert version_3 == [2]
        assert game.schema == 2
        assert path.read_bytes() == original  # loading alone never rewrites
        clock = game.updated + 60
        after, entry = next_step(game.state, random.Random(0), clock)
        game.save(after, entry, clock)
    record = json.loads(path.read_text())["save"]["1"]
    assert record["schema"] == 3
    with store.open(game_id) as again:
        assert again.schema == 3
        assert again.state == after
    assert version_3 == [2]  # a version 3 file needs no step


def test_a_missing_step_makes_an_old_save_unreadable(
    store: SaveStore, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(migrations, "SAVE_SCHEMA", 3)
    game_id, path = install("save-v2.json", folder)
    original = path.read_bytes()
    with pytest.raises(BrokenSaveError, match="this version can read"):
        store.open(game_id)
    (broken,) = store.list()
    assert isinstance(broken, BrokenSave)
    assert broken.path.read_bytes() == original


def test_a_step_that_fails_on_a_damaged_record(
    store: SaveStore, folder: Path, version_3: list[int]
) -> None:
    _, path = install("save-v2.json", folder)
    data = json.loads(path.read_text())
    del data["save"]["1"]["players"]  # the step needs it
    path.write_text(json.dumps(data))
    (broken,) = store.list()
    assert isinstance(broken, BrokenSave)
    assert "this version can read" in broken.reason


def test_a_version_1_save_whose_log_was_tampered_with_is_damaged(
    store: SaveStore, folder: Path
) -> None:
    _, path = install("save-v1.json", folder)
    data = json.loads(path.read_text())
    data["save"]["1"]["log"].insert(0, {"action": {"type": "meet"}, "at": 1.0})
    path.write_text(json.dumps(data))
    (broken,) = store.list()
    assert isinstance(broken, BrokenSave)
    assert "action log does not match" in broken.reason


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


@pytest.mark.parametrize(
    "damage",
    [
        lambda table: table["players"].pop(),
        lambda table: table.update(seed="seven"),
        lambda table: table.update(length="forever"),
    ],
    ids=["one player", "a seed as text", "an unknown length"],
)
def test_a_version_1_save_whose_deal_was_tampered_with_is_damaged(
    store: SaveStore, folder: Path, damage: Any
) -> None:
    game_id, path = install("save-v1.json", folder)
    data = json.loads(path.read_text())
    damage(data["save"]["1"]["state"]["table"])
    path.write_text(json.dumps(data))
    original = path.read_bytes()
    (broken,) = store.list()
    assert isinstance(broken, BrokenSave)
    assert broken.reason == "the game state is damaged"
    with pytest.raises(BrokenSaveError, match="the game state is damaged"):
        store.open(game_id)
    (aside,) = folder.glob(f"{game_id}.corrupt-*.json")
    assert aside.read_bytes() == original
