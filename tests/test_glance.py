"""The title's glance at the saves folder says what the store says, or that it cannot be sure."""

from __future__ import annotations

import json
import os
from pathlib import Path

from h2h_game import describe, glance
from h2h_game.engine import Answer, LogEntry, Skip, WrapUp, apply
from h2h_game.store import SaveInfo, SaveStore
from h2h_game.store.index import INDEX_NAME
from tests.store.helpers import START, fresh_game


def store_says(folder: Path) -> tuple[str | None, str | None]:
    latest = SaveStore(folder).latest_unfinished()
    if latest is None:
        return None, None
    assert isinstance(latest, SaveInfo)
    return latest.id, f"{describe.players(latest)} · {latest.deck}"


def play(folder: Path, names: tuple[str, str], *, at: float, finish: bool = False) -> str:
    store = SaveStore(folder)
    with store.create(fresh_game(names=names), at) as game:
        state = game.state
        for offset, action in enumerate((Answer(), *((WrapUp(), Skip()) if finish else ()))):
            state = apply(state, action, at + offset + 1)
            game.save(state, LogEntry(action, at + offset + 1), at + offset + 1)
        return game.id


def test_no_folder_means_surely_nothing_to_continue(tmp_path: Path) -> None:
    assert glance.latest_unfinished(tmp_path / "nowhere") == glance.Glance(sure=True)


def test_with_a_fresh_index_the_glance_agrees_with_the_store(tmp_path: Path) -> None:
    play(tmp_path, ("Ann", "Ben"), at=START)
    play(tmp_path, ("Maya", "Sam"), at=START + 100)
    play(tmp_path, ("Old", "Done"), at=START + 200, finish=True)
    SaveStore(tmp_path).list()  # the index is up to date after any listing
    seen = glance.latest_unfinished(tmp_path)
    assert seen.sure
    assert (seen.game_id, seen.label) == store_says(tmp_path)
    assert seen.label == "Maya & Sam · Little deck"


def test_only_finished_games_means_surely_nothing(tmp_path: Path) -> None:
    play(tmp_path, ("Old", "Done"), at=START, finish=True)
    SaveStore(tmp_path).list()
    assert glance.latest_unfinished(tmp_path) == glance.Glance(sure=True)
    assert store_says(tmp_path) == (None, None)


def test_a_file_changed_since_the_index_saw_it_makes_the_glance_unsure(tmp_path: Path) -> None:
    game_id = play(tmp_path, ("Maya", "Sam"), at=START)
    SaveStore(tmp_path).list()
    path = tmp_path / f"{game_id}.json"
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1000))
    assert not glance.latest_unfinished(tmp_path).sure


def test_a_damaged_or_unknown_file_makes_the_glance_unsure(tmp_path: Path) -> None:
    game_id = play(tmp_path, ("Maya", "Sam"), at=START)
    SaveStore(tmp_path).list()
    (tmp_path / "2026-01-01-new-game-0000.json").write_text("{}")
    assert not glance.latest_unfinished(tmp_path).sure
    (tmp_path / "2026-01-01-new-game-0000.json").unlink()
    assert glance.latest_unfinished(tmp_path).sure
    (tmp_path / f"{game_id}.json").write_text("{ cut short")
    assert not glance.latest_unfinished(tmp_path).sure


def test_a_damaged_or_missing_index_makes_the_glance_unsure(tmp_path: Path) -> None:
    play(tmp_path, ("Maya", "Sam"), at=START)
    SaveStore(tmp_path).list()
    index = tmp_path / INDEX_NAME
    index.write_text('{"files": ' * 200 + "}" * 200)
    assert not glance.latest_unfinished(tmp_path).sure
    index.unlink()
    assert not glance.latest_unfinished(tmp_path).sure


def test_names_in_the_index_cannot_reach_the_terminal(tmp_path: Path) -> None:
    game_id = play(tmp_path, ("Maya", "Sam"), at=START)
    SaveStore(tmp_path).list()
    index = tmp_path / INDEX_NAME
    data = json.loads(index.read_text())
    data["files"][f"{game_id}.json"]["game"]["players"] = ["Ev\x1b[2Jil", "Sam\u202e"]
    index.write_text(json.dumps(data))  # hand-edited by someone
    seen = glance.latest_unfinished(tmp_path)
    assert seen.sure and seen.label is not None
    assert "\x1b" not in seen.label and "\u202e" not in seen.label


def test_cards_hidden_after_a_game_leave_the_glance_sure(tmp_path: Path) -> None:
    play(tmp_path, ("Maya", "Sam"), at=START)
    SaveStore(tmp_path).list()
    (tmp_path / ".hidden-cards.json").write_text('{"hidden": {}}')  # not a game: never listed
    assert glance.latest_unfinished(tmp_path).sure
