"""What the saves index alone says is what the store says, or it says it cannot be sure."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from h2h_game import cli, indexed
from h2h_game.store import SaveStore
from h2h_game.store.ids import MAX_ID, is_game_id
from h2h_game.store.index import _SUMMARY, INDEX_NAME, INDEX_TABLE
from h2h_game.store.storage import CORRUPT_MARK
from tests.store.helpers import START
from tests.test_glance import play


def listed(folder: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert cli.main(["saves", "list", "--saves", str(folder)]) == 0
    return capsys.readouterr().out


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    play(tmp_path, ("Ann", "Ben"), at=START)
    play(tmp_path, ("Maya", "Sam"), at=START + 100)
    play(tmp_path, ("Old", "Done"), at=START + 200, finish=True)
    play(tmp_path, ("Tie", "One"), at=START + 100)
    SaveStore(tmp_path).list()  # the index is up to date after any listing
    return tmp_path


def edit_index(folder: Path, change: Any) -> None:
    path = folder / INDEX_NAME
    data = json.loads(path.read_text())
    change(data[INDEX_TABLE])
    path.write_text(json.dumps(data))


def test_the_index_and_the_store_name_alike() -> None:
    assert (indexed.INDEX_NAME, indexed.INDEX_TABLE) == (INDEX_NAME, INDEX_TABLE)
    assert (indexed.SET_ASIDE, indexed.MAX_ID) == (CORRUPT_MARK, MAX_ID)
    assert set(indexed.SUMMARY) == set(_SUMMARY)


@given(st.text(alphabet="az09-_A.é", max_size=90))
@example("")
@example("-a")
@example("a-")
@example("a--b")
@example("a" * MAX_ID)
@example("a" * (MAX_ID + 1))
def test_the_index_knows_a_game_s_file_as_the_store_does(stem: str) -> None:
    assert indexed.is_game_id(stem) == is_game_id(stem)


def test_a_sure_index_lists_what_the_store_lists(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    games = indexed.games(folder)
    assert games is not None
    assert [game_id for game_id, _ in games] == [item.id for item in SaveStore(folder).list()]
    from_index = listed(folder, capsys)
    (folder / INDEX_NAME).unlink()
    assert indexed.games(folder) is None
    assert listed(folder, capsys) == from_index  # the store's own listing, which heals the index
    assert indexed.games(folder) == games
    assert "Old & Done" in from_index and "finished" in from_index


def test_files_the_store_does_not_list_leave_the_index_sure(folder: Path) -> None:
    (folder / ".hidden-cards.json").write_text("{}")
    (folder / "My notes.json").write_text("[]")
    (folder / ("x" * (MAX_ID + 1) + ".json")).write_text("[]")
    assert indexed.games(folder) is not None


@pytest.mark.parametrize(
    "damage",
    [
        "a file the index has not seen",
        "a file changed since",
        "a file set aside as damaged",
        "a damaged file",
    ],
)
def test_any_file_the_index_cannot_vouch_for_makes_it_unsure(folder: Path, damage: str) -> None:
    game = sorted(folder.glob("*-ann-*.json"))[0]
    if damage == "a file the index has not seen":
        (folder / "2026-01-01-new-game-0000.json").write_text("{}")
    elif damage == "a file changed since":
        info = game.stat()
        os.utime(game, ns=(info.st_atime_ns, info.st_mtime_ns + 1000))
    elif damage == "a file set aside as damaged":
        (folder / f"{game.stem}{CORRUPT_MARK}20260101T000000Z.json").write_text("{ cut")
    else:
        game.write_text("{ cut short")
    assert indexed.games(folder) is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("answered", "3"),
        ("answered", True),
        ("players", ["Only one"]),
        ("colours", None),
        ("finished", 0),
        ("updated", "yesterday"),
        ("met", None),
        ("deck", 7),
    ],
)
def test_an_entry_not_as_the_store_writes_it_makes_the_index_unsure(
    folder: Path, field: str, value: Any
) -> None:
    def change(table: dict[str, Any]) -> None:
        game = next(iter(table.values()))["game"]
        if value is None:
            del game[field]
        else:
            game[field] = value

    edit_index(folder, change)
    assert indexed.games(folder) is None


def test_a_broken_or_missing_index_makes_it_unsure(folder: Path) -> None:
    edit_index(folder, lambda table: table.update({"x.json": {"broken": "cut short"}}))
    assert indexed.games(folder) is not None  # an entry for a file that is gone is no matter
    edit_index(folder, lambda table: next(iter(table.values())).update(broken="cut short"))
    assert indexed.games(folder) is None
    (folder / INDEX_NAME).write_text('{"files": ' * 200 + "}" * 200)
    assert indexed.games(folder) is None
    (folder / INDEX_NAME).write_text("[]")
    assert indexed.games(folder) is None


def test_no_folder_is_surely_no_games(tmp_path: Path) -> None:
    assert indexed.games(tmp_path / "nowhere") == []
    assert indexed.games(tmp_path) == []  # a folder with no index and no games


def test_names_from_the_index_cannot_reach_the_terminal(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def change(table: dict[str, Any]) -> None:
        game = next(iter(table.values()))["game"]
        game["players"] = ["Ev\x1b[2Jil", "Sam\u202e"]
        game["deck"] = "D\x07eck"

    edit_index(folder, change)
    assert indexed.games(folder) is not None
    text = listed(folder, capsys)
    assert "Ev[2Jil & Sam" in text and "Deck" in text
    assert not any(char in text for char in "\x1b\x07\u202e")
