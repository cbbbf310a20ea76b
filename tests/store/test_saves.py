"""Creating, saving, opening, listing and deleting games; ids, locks, the index, hidden cards."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from tinydb import TinyDB

from h2h_game.engine import LogEntry, Pass, apply, legal_actions, state_to_dict
from h2h_game.store import (
    SAVE_SCHEMA,
    AtomicJSONStorage,
    BrokenSave,
    GameLocked,
    GameNotFound,
    ReadOnlyGame,
    SaveInfo,
    SaveStore,
    new_game_id,
    storage,
)
from h2h_game.store.index import INDEX_NAME
from tests.store.helpers import START, fresh_game, play


def test_a_game_resumes_exactly_where_it_was_left(store: SaveStore) -> None:
    with store.create(fresh_game(), START) as game:
        play(game, 25)
        state, log = game.state, game.log
    with store.open(game.id) as again:
        assert again.state == state
        assert again.log == log
        assert again.created == START
        assert again.updated == game.updated


def test_ids_are_short_readable_and_ascii() -> None:
    at = 1_764_072_000.0  # 25 Nov 2025, midday UTC: the same date in every time zone near it
    assert new_game_id(("Maya", "Sam"), at, "3f9c") == "2025-11-25-maya-sam-3f9c"
    assert new_game_id(("Zoë", "José María"), at, "0000") == "2025-11-25-zoe-jose-maria-0000"
    assert new_game_id(("明", "Sam (2)"), at, "0000") == "2025-11-25-p1-sam-2-0000"
    long = new_game_id(("A" * 40, "B" * 40), at)
    assert len(long) <= 60


def test_each_new_game_gets_its_own_id(store: SaveStore) -> None:
    ids = set()
    for _ in range(20):
        with store.create(fresh_game(), START) as game:
            ids.add(game.id)
    assert len(ids) == 20
    assert all(id.startswith("2025-11-") and "-maya-sam-" in id for id in ids)


def test_create_wants_a_game_before_its_first_action(store: SaveStore) -> None:
    state = apply(fresh_game(), Pass(), START + 1)
    with pytest.raises(ValueError):
        store.create(state, START)


def test_what_a_save_holds(store: SaveStore, folder: Path) -> None:
    with store.create(fresh_game(names=("Maya", "Sam")), START) as game:
        play(game, 6)
        state = game.state
    data = json.loads((folder / f"{game.id}.json").read_text())
    assert list(data) == ["save"]
    saved = data["save"]["1"]
    assert saved["schema"] == SAVE_SCHEMA
    assert saved["id"] == game.id
    assert saved["created"] == START
    assert saved["players"] == [
        {"name": "Maya", "colour": "coral"},
        {"name": "Sam", "colour": "teal"},
    ]
    assert saved["summary"]["deck"] == "Little deck"
    assert saved["summary"]["answered"] == state.moment.answered
    assert saved["summary"]["finished"] is False
    assert saved["state"] == state_to_dict(state)
    assert saved["state"]["deal"]["deck"]["name"] == "Little deck"  # the deck travels along
    assert len(saved["log"]) == len(game.log)
    assert "lines" not in json.dumps(saved["state"]["deal"]["deck"])


def test_files_are_private(store: SaveStore, folder: Path) -> None:
    with store.create(fresh_game(), START) as game:
        play(game, 3)
    store.hide_cards("Little deck", ["L1-x"])
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_an_existing_saves_folder_of_ours_is_made_private(folder: Path) -> None:
    folder.mkdir(mode=0o755)
    (folder / ".gitkeep").write_text("")
    os.chmod(folder, 0o755)
    SaveStore(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_second_window_is_refused_and_may_read(store: SaveStore) -> None:
    with store.create(fresh_game(), START) as game:
        play(game, 4)
        with pytest.raises(GameLocked, match="open in another window"):
            store.open(game.id)
        with pytest.raises(GameLocked):
            store.delete(game.id)
        with store.open(game.id, read_only=True) as viewer:
            assert viewer.state == game.state
            assert viewer.read_only
            action = legal_actions(viewer.state)[0]
            state = apply(viewer.state, action, START + 500)
            with pytest.raises(ReadOnlyGame):
                viewer.save(state, LogEntry(action, START + 500), START + 500)
    with store.open(game.id) as again:  # closing released the lock
        assert again.state == game.state


def test_opening_what_is_not_there(store: SaveStore) -> None:
    for game_id in ("2025-11-25-nobody-here-0000", "../../etc/passwd", "", "A B"):
        with pytest.raises(GameNotFound):
            store.open(game_id)
        with pytest.raises(GameNotFound):
            store.delete(game_id)


def test_the_list_is_newest_first_and_says_what_matters(store: SaveStore) -> None:
    with store.create(fresh_game(names=("Ana", "Ben")), START) as older:
        play(older, 3)
    finished = fresh_game(names=("Cy", "Di"), at=START + 100)
    with store.create(finished, START + 100) as newer:
        play(newer, 500)
        assert newer.state.is_over
    listing = store.list()
    assert [item.id for item in listing] == [newer.id, older.id]
    first = listing[0]
    assert isinstance(first, SaveInfo)
    assert first.players == ("Cy", "Di")
    assert first.deck == "Little deck"
    assert first.finished
    assert first.answered == newer.state.moment.answered
    assert first.updated == newer.updated
    assert store.most_recent_unfinished() == listing[1]


def test_delete(store: SaveStore, folder: Path) -> None:
    with store.create(fresh_game(), START) as game:
        play(game, 3)
    store.delete(game.id)
    assert store.list() == []
    assert not any(path.name.startswith(game.id) for path in folder.iterdir())
    with pytest.raises(GameNotFound):
        store.open(game.id)


def test_the_index_is_not_written_per_action(store: SaveStore, folder: Path) -> None:
    with store.create(fresh_game(), START) as game:
        index = folder / INDEX_NAME
        before = index.stat().st_ino
        play(game, 10)
        assert index.stat().st_ino == before
    assert index.stat().st_ino != before  # closing noted the game


def test_the_index_heals_itself(store: SaveStore, folder: Path) -> None:
    games = []
    for names in (("Ana", "Ben"), ("Cy", "Di"), ("Ed", "Flo")):
        with store.create(fresh_game(names=names), START) as game:
            play(game, 2)
            games.append(game)
    assert len(store.list()) == 3
    index = folder / INDEX_NAME

    # A crash before close: the file moved on, the index did not.
    game = store.open(games[0].id)
    play(game, 5, seed=3)
    listed = {item.id: item for item in store.list()}
    assert listed[game.id].updated == game.updated
    assert listed[game.id].answered == game.state.moment.answered
    game.close()

    # A lost index, a damaged index, an index that remembers a deleted game.
    index.unlink()
    assert {item.id for item in store.list()} == {game.id for game in games}
    index.write_text("{ not json")
    assert len(store.list()) == 3
    os.unlink(folder / f"{games[1].id}.json")
    assert {item.id for item in store.list()} == {games[0].id, games[2].id}
    assert len(json.loads(index.read_text())["files"]) == 2


def test_listing_does_not_read_unchanged_files(
    store: SaveStore, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(3):
        with store.create(fresh_game(), START) as game:
            play(game, 2)
    first = store.list()[0].path
    read: list[Path] = []
    real = storage.read_regular

    def spy(path: Path, limit: int, *, follow_links: bool = True) -> bytes:
        read.append(path)
        return real(path, limit, follow_links=follow_links)

    monkeypatch.setattr(storage, "read_regular", spy)
    assert len(store.list()) == 3
    assert [path.name for path in read] == [INDEX_NAME]
    os.utime(first, ns=(1, 1))
    assert len(store.list()) == 3
    # Then only the one file that changed (and the index, read again to update it).
    assert [path.name for path in read if path.name != INDEX_NAME] == [first.name]


def test_an_empty_or_missing_folder_lists_nothing(tmp_path: Path) -> None:
    assert SaveStore(tmp_path / "nowhere").list() == []
    assert not (tmp_path / "nowhere").exists()
    assert SaveStore(tmp_path).list() == []


def test_other_files_in_the_folder_are_left_alone(store: SaveStore, folder: Path) -> None:
    with store.create(fresh_game(), START):
        pass
    (folder / "notes.txt").write_text("hello")
    (folder / "Holiday Plans.json").write_text("[]")
    listing = store.list()
    assert len(listing) == 1
    assert (folder / "Holiday Plans.json").read_text() == "[]"


def test_hidden_cards(store: SaveStore, folder: Path) -> None:
    assert store.hidden_cards("Little deck") == frozenset()
    store.hide_cards("Little deck", ["L1-a", "L1-b"])
    store.hide_cards("Little deck", ["L1-b", "L2-c"])
    store.hide_cards("Other deck", ["L1-z"])
    assert store.hidden_cards("Little deck") == {"L1-a", "L1-b", "L2-c"}
    assert store.hidden_cards("Other deck") == {"L1-z"}
    store.unhide_cards("Little deck", ["L1-a"])
    assert store.hidden_cards("Little deck") == {"L1-b", "L2-c"}
    store.unhide_cards("Little deck")
    assert store.hidden_cards("Little deck") == frozenset()
    assert store.list() == []  # never listed as a game
    assert store.hidden_cards("Other deck") == {"L1-z"}


def test_a_damaged_hidden_cards_file_is_kept_aside(store: SaveStore, folder: Path) -> None:
    store.hide_cards("Little deck", ["L1-a"])
    (folder / ".hidden-cards.json").write_text('{"decks": ')
    assert store.hidden_cards("Little deck") == frozenset()
    store.hide_cards("Little deck", ["L1-b"])
    assert store.hidden_cards("Little deck") == {"L1-b"}
    aside = [path for path in folder.iterdir() if path.name.startswith(".hidden-cards.corrupt-")]
    assert [path.read_text() for path in aside] == ['{"decks": ']


def test_stray_temps_are_cleaned_when_the_store_opens(folder: Path) -> None:
    store = SaveStore(folder)
    with store.create(fresh_game(), START):
        pass
    stray = folder / ".h2h-tmp-999999999-dead-game.json"
    stray.write_text('{"half": ')
    SaveStore(folder)
    assert not stray.exists()


def test_a_broken_listing_entry_never_hides_a_game(store: SaveStore, folder: Path) -> None:
    with store.create(fresh_game(), START) as game:
        pass
    index = folder / INDEX_NAME
    data = json.loads(index.read_text())
    data["files"][f"{game.id}.json"]["game"] = {"nonsense": True}
    index.write_text(json.dumps(data))
    assert [item.id for item in store.list()] == [game.id]
    assert not any(isinstance(item, BrokenSave) for item in store.list())


def test_a_game_file_is_a_tinydb_database(store: SaveStore, folder: Path) -> None:
    with store.create(fresh_game(), START) as game:
        play(game, 3)
    with TinyDB(folder / f"{game.id}.json", storage=AtomicJSONStorage) as db:
        saved = db.table("save").get(doc_id=1)
    assert isinstance(saved, dict)
    assert saved["id"] == game.id
    assert len(saved["log"]) == len(game.log)
