"""The store when a lock, a read or a move is refused, or another window gets there first: each
refusal is an error in words for the players (or, where nothing is at stake, no error at all),
and no file is changed, lost or left behind."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from h2h_game.store import (
    BrokenSave,
    BrokenSaveError,
    GameNotFound,
    LoadError,
    NothingToRecover,
    SaveError,
    SaveInfo,
    SaveStore,
    StoreError,
    hidden,
    saves,
)
from h2h_game.store.gamefile import GameFiles
from h2h_game.store.hidden import HIDDEN_LOCK, HIDDEN_NAME
from h2h_game.store.index import INDEX_NAME
from h2h_game.store.lock import FileLock
from tests.store.helpers import START, fresh_game, play

READ_ONLY = OSError(errno.EROFS, "Read-only file system")
IO_ERROR = OSError(errno.EIO, "Input/output error")
DENIED = PermissionError(errno.EACCES, "Permission denied")


def refusing(
    real: Callable[..., Any], error: OSError, wanted: Callable[[Path], bool]
) -> Callable[..., Any]:
    """`real` (an `os` function taking a path first), raising `error` for the paths wanted."""

    def fake(path: Any, *args: Any, **kwargs: Any) -> Any:
        if not isinstance(path, int) and wanted(Path(os.fsdecode(path))):
            raise error
        return real(path, *args, **kwargs)

    return fake


def files_in(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


@pytest.fixture
def game(store: SaveStore) -> str:
    """A saved game of 6 actions, closed."""
    with store.create(fresh_game(), START) as playing:
        play(playing, 6)
    store.list()
    return playing.id


@pytest.fixture
def tokens(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The random endings new game ids get, in order, as the test lists them."""
    queue: list[str] = []
    real = saves.new_game_id
    monkeypatch.setattr(
        saves, "new_game_id", lambda names, at: real(names, at, suffix=queue.pop(0))
    )
    yield queue


# --- locks ----------------------------------------------------------------------------------------


def test_a_lock_that_cannot_be_made_refuses_play_but_not_reading(
    store: SaveStore, folder: Path, game: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / f"{game}.lock").unlink(missing_ok=True)
    before = files_in(folder)
    is_lock = lambda path: path.suffix == ".lock"  # noqa: E731
    monkeypatch.setattr(os, "open", refusing(os.open, READ_ONLY, is_lock))
    with pytest.raises(LoadError) as opening:
        store.open(game)
    with store.open(game, read_only=True) as viewer:
        assert len(viewer.log) == 6
    with pytest.raises(StoreError) as deleting:
        store.delete(game)
    with pytest.raises(StoreError) as recovering:
        store.recover(game)
    with pytest.raises(SaveError) as creating:
        store.create(fresh_game(names=("Ana", "Ben")), START)
    monkeypatch.undo()
    assert str(opening.value) == (
        "Could not open the game for play: Read-only file system. You can still open it read-only."
    )
    assert str(deleting.value) == f"Could not delete {game}: Read-only file system."
    assert str(recovering.value) == f"Could not recover {game}: Read-only file system."
    assert str(creating.value) == (
        f"Could not start the game: {folder} is read-only. Nothing was saved; "
        "make it writable or choose another --saves folder."
    )
    assert files_in(folder) == before


# --- a game gone, or taken, meanwhile -------------------------------------------------------------


def test_a_game_deleted_as_it_is_opened_takes_its_lock_file_with_it(
    store: SaveStore, folder: Path, game: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = folder / f"{game}.json"
    gone = FileNotFoundError(errno.ENOENT, "No such file or directory")
    monkeypatch.setattr(os, "open", refusing(os.open, gone, lambda p: p == path))
    with pytest.raises(GameNotFound):
        store.open(game)
    monkeypatch.undo()
    assert not (folder / f"{game}.lock").exists()
    with store.open(game) as again:  # nothing was harmed: it was only a passing look
        assert len(again.log) == 6


def test_a_game_file_that_vanished_after_writing_is_not_remembered(folder: Path) -> None:
    files = GameFiles(folder)
    files.remember("2025-11-24-maya-sam-0000", fresh_game(), START, START, 0)
    assert files.index.read() == {}


def test_a_new_game_never_takes_an_id_in_use_or_set_aside(
    store: SaveStore, folder: Path, tokens: list[str]
) -> None:
    tokens.append("aaaa")
    with store.create(fresh_game(), START) as first:
        pass
    (folder / f"{first.id}.json").write_text("garbage")
    assert store.tidy().moved  # its damaged file is kept aside under its id
    tokens.extend(["aaaa", "cccc"])
    with store.create(fresh_game(), START) as second:
        pass
    assert first.id.endswith("-aaaa") and second.id.endswith("-cccc")
    tokens.extend(["cccc"] * 100)
    with pytest.raises(SaveError, match=r"^Could not find a free name for the new game"):
        store.create(fresh_game(), START)


def test_a_new_game_whose_id_another_window_holds_takes_another(
    store: SaveStore, folder: Path, tokens: list[str]
) -> None:
    tokens.append("aaaa")
    with store.create(fresh_game(), START) as probe:
        pass
    stem = probe.id.removesuffix("-aaaa")
    store.delete(probe.id)
    with FileLock(folder / f"{stem}-cccc.lock"):
        tokens.extend(["cccc", "dddd"])
        with store.create(fresh_game(), START) as game:
            assert game.id == f"{stem}-dddd"


def test_a_new_game_stopped_by_ctrl_c_leaves_nothing_behind(
    store: SaveStore, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder.mkdir(mode=0o700)

    def interrupted(fd: int, data: Any) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.create(fresh_game(), START)
    monkeypatch.undo()
    assert os.listdir(folder) == []


# --- damage that cannot be moved aside ------------------------------------------------------------


def test_a_damaged_game_that_cannot_be_moved_aside_is_never_overwritten(
    store: SaveStore, folder: Path, game: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = folder / f"{game}.json"
    path.write_text("garbage")
    monkeypatch.setattr(os, "link", lambda *_, **__: (_ for _ in ()).throw(IO_ERROR))
    with pytest.raises(BrokenSaveError) as opening:
        store.open(game)
    with pytest.raises(StoreError) as recovering:
        store.recover(game)
    done = store.tidy()
    monkeypatch.undo()
    assert not opening.value.moved and opening.value.path == path
    assert str(opening.value) == (
        f"The saved game {game!r} cannot be opened: it is not valid JSON (it may be cut short). "
        f"`h2h saves recover {game}` brings back its last good state."
    )
    assert str(recovering.value) == (
        f"Could not recover {game}: the damaged file could not be moved aside, and it is never "
        "overwritten."
    )
    assert (done.moved, done.left) == ([], [game])
    assert path.read_text() == "garbage"
    assert store.recover(game).lost == 1  # once the disk lets it, it is recovered as ever


# --- recovering what needs no recovering ----------------------------------------------------


@pytest.mark.parametrize("wanted", ["Maya & Sam", "a" * 81, "a" * 81 + ".corrupt-20251124T000000Z"])
def test_recover_what_can_be_no_game_at_all(store: SaveStore, wanted: str) -> None:
    with pytest.raises(GameNotFound):
        store.recover(wanted)


def test_recover_leaves_a_newer_h2hs_game_exactly_as_it_is(
    store: SaveStore, folder: Path, game: str
) -> None:
    path = folder / f"{game}.json"
    data = json.loads(path.read_bytes())
    data["save"]["1"]["schema"] = 99
    path.write_text(json.dumps(data))
    before = files_in(folder)
    with pytest.raises(NothingToRecover) as caught:
        store.recover(game)
    assert str(caught.value) == (
        f"The game {game} was saved by a newer version of h2h: it is not damaged. "
        "Update h2h to open it."
    )
    assert files_in(folder) == before


def test_recover_a_kept_damaged_file_once_its_game_is_back(
    store: SaveStore, folder: Path, game: str
) -> None:
    (folder / f"{game}.json").write_text("garbage")
    kept = store.recover(game).kept
    assert kept is not None
    aside = kept.name.removesuffix(".json")
    with pytest.raises(NothingToRecover) as caught:
        store.recover(aside)
    assert str(caught.value) == (
        f"The game {game} is already back in place and opens. The damaged file {kept.name} is "
        f"still kept; `h2h saves delete {aside}` removes it."
    )
    assert kept.read_text() == "garbage"


# --- listing and tidying what cannot be read ------------------------------------------------------


def test_a_game_the_disk_will_not_give_is_listed_as_such_until_it_does(
    store: SaveStore, folder: Path, game: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = folder / f"{game}.json"
    os.utime(path, ns=(1, 1))  # changed since the index saw it: listing must read it
    index_before = (folder / INDEX_NAME).read_bytes()
    monkeypatch.setattr(os, "open", refusing(os.open, IO_ERROR, lambda p: p == path))
    (item,) = store.list()
    done = store.tidy()
    monkeypatch.undo()
    assert isinstance(item, BrokenSave)
    assert item.reason == "it could not be read (Input/output error)"
    assert (done.moved, done.left) == ([], [])  # the disk, not the file: nothing to move
    assert path.exists()
    # A passing error is no verdict on the file: the index keeps what it knew.
    assert (folder / INDEX_NAME).read_bytes() == index_before
    (again,) = store.list()
    assert isinstance(again, SaveInfo) and again.actions == 6


def test_a_kept_file_that_reads_well_is_still_listed_as_set_aside(
    store: SaveStore, folder: Path, game: str
) -> None:
    path = folder / f"{game}.json"
    good = path.read_bytes()
    path.write_text("garbage")
    ((_, aside),) = store.tidy().moved
    (folder / f"{aside}.json").write_bytes(good)  # mended by hand, but still under its new name
    listed = {item.id: item for item in store.list()}
    assert isinstance(listed[aside], BrokenSave)
    assert listed[aside].reason == "it was set aside as unreadable"


def test_tidy_moves_a_fifo_named_as_a_game_aside(store: SaveStore, folder: Path, game: str) -> None:
    path = folder / f"{game}.json"
    path.unlink()
    os.mkfifo(path)
    ((moved, aside),) = store.tidy().moved
    assert moved == game and not path.exists()
    assert (folder / f"{aside}.json").is_fifo()


def test_tidying_a_folder_that_is_not_there_makes_nothing(tmp_path: Path) -> None:
    done = SaveStore(tmp_path / "saves").tidy()
    assert (done.moved, done.left, done.temps) == ([], [], 0)
    assert not (tmp_path / "saves").exists()


# --- hidden cards ---------------------------------------------------------------------------------


def test_hidden_cards_the_disk_will_not_give_are_an_error_not_an_empty_set(
    store: SaveStore, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.hide_cards("Little deck", ["L1-a"])
    path = folder / HIDDEN_NAME
    before = path.read_bytes()
    monkeypatch.setattr(os, "open", refusing(os.open, DENIED, lambda p: p == path))
    with pytest.raises(LoadError) as one:
        store.hidden_cards("Little deck")
    with pytest.raises(LoadError) as every:
        store.all_hidden_cards()
    monkeypatch.setattr(os, "open", refusing(os.open, IO_ERROR, lambda p: p == path))
    with pytest.raises(LoadError) as failing:
        store.all_hidden_cards()
    monkeypatch.undo()
    denied = f"Could not read {HIDDEN_NAME}: permission denied. The file was left as is."
    assert str(one.value) == str(every.value) == denied
    assert str(failing.value) == (
        f"Could not read {HIDDEN_NAME}: Input/output error. The file was left as is."
    )
    assert path.read_bytes() == before


def test_hidden_cards_being_saved_by_another_window(
    store: SaveStore, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.hide_cards("Little deck", ["L1-a"])
    monkeypatch.setattr(hidden, "LOCK_WAIT", 0)
    with FileLock(folder / HIDDEN_LOCK), pytest.raises(SaveError) as caught:
        store.hide_cards("Little deck", ["L1-b"])
    assert str(caught.value) == (
        "Could not save the hidden cards: another window is saving them. Try again."
    )
    assert store.hidden_cards("Little deck") == {"L1-a"}


def test_hidden_cards_of_a_hand_edited_file_keep_what_makes_sense(
    store: SaveStore, folder: Path
) -> None:
    folder.mkdir(mode=0o700)
    documents = {
        "1": "not a document",
        "2": {"deck": 7, "cards": ["L1-x"]},
        "3": {"deck": "Little deck", "cards": ["L1-a", 5, None]},
        "4": {"deck": "Empty deck", "cards": []},
        "5": {"deck": "Odd deck", "cards": "L1-b"},
        "6": {"deck": "Little deck", "cards": ["L2-c"]},
    }
    (folder / HIDDEN_NAME).write_text(json.dumps({"decks": documents}))
    assert store.all_hidden_cards() == {"Little deck": frozenset({"L1-a", "L2-c"})}
