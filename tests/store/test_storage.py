"""The atomic TinyDB storage: whole files or nothing, private permissions, no stray temps."""

from __future__ import annotations

import errno
import os
import stat
import time
from pathlib import Path

import pytest
from tinydb import Query, TinyDB

from h2h_game.store.storage import (
    TEMP_PREFIX,
    AtomicJSONStorage,
    UnreadableFile,
    move_aside,
    private_folder,
    remove_stray_temps,
    tighten_folder,
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_tinydb_works_through_it(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    with TinyDB(path, storage=AtomicJSONStorage) as db:
        db.table("people").insert({"name": "Maya"})
        db.table("people").insert({"name": "Zoë"})
    with TinyDB(path, storage=AtomicJSONStorage) as db:
        assert db.table("people").get(Query().name == "Zoë") == {"name": "Zoë"}
    assert mode(path) == 0o600


def test_missing_and_empty_files_read_as_an_empty_database(tmp_path: Path) -> None:
    assert AtomicJSONStorage(tmp_path / "nothing.json").read() is None
    (tmp_path / "empty.json").write_bytes(b"  \n")
    assert AtomicJSONStorage(tmp_path / "empty.json").read() is None


@pytest.mark.parametrize("content", [b'{"_default": {"1": ', b"\xff\xfe", b"[1, 2]", b"nope"])
def test_unreadable_content_is_an_error_not_an_empty_database(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(UnreadableFile) as caught:
        AtomicJSONStorage(path).read()
    assert caught.value.reason.startswith("it is not")


def test_a_failed_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write({"t": {"1": {"v": 1}}})

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        storage.write({"t": {"1": {"v": 2}}})
    monkeypatch.undo()
    assert storage.read() == {"t": {"1": {"v": 1}}}
    assert os.listdir(tmp_path) == ["db.json"]


def test_a_folder_is_created_private(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "saves"
    old = os.umask(0)  # even with a permissive umask
    try:
        private_folder(folder)
    finally:
        os.umask(old)
    assert mode(folder) == 0o700


def test_only_a_folder_of_ours_is_tightened(tmp_path: Path) -> None:
    ours = tmp_path / "ours"
    ours.mkdir(mode=0o755)
    (ours / "game.json").write_text("{}")
    os.chmod(ours, 0o755)
    assert tighten_folder(ours, lambda name: name == "game.json")
    assert mode(ours) == 0o700

    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "holiday.jpg").write_text("")
    os.chmod(shared, 0o755)
    assert not tighten_folder(shared, lambda name: name == "game.json")
    assert mode(shared) == 0o755


def test_stray_temps_of_dead_writers_are_removed(tmp_path: Path) -> None:
    dead = tmp_path / f"{TEMP_PREFIX}999999999-abcd-game.json"  # no such pid
    live = tmp_path / f"{TEMP_PREFIX}{os.getppid()}-abcd-game.json"
    old = tmp_path / f"{TEMP_PREFIX}{os.getppid()}-ef01-game.json"
    mine = tmp_path / "game.json"
    for path in (dead, live, old, mine):
        path.write_text("{")
    an_hour_ago = time.time() - 3600
    os.utime(old, (an_hour_ago, an_hour_ago))
    removed = remove_stray_temps(tmp_path)
    assert sorted(removed) == sorted([dead, old])
    assert live.exists() and mine.exists()


def test_moving_aside_never_overwrites(tmp_path: Path) -> None:
    first = tmp_path / "game.json"
    first.write_bytes(b"first")
    moved_first = move_aside(first, now=0)
    second = tmp_path / "game.json"
    second.write_bytes(b"second")
    moved_second = move_aside(second, now=0)
    assert moved_first.name == "game.corrupt-19700101T000000Z.json"
    assert moved_second.name == "game.corrupt-19700101T000000Z-2.json"
    assert moved_first.read_bytes() == b"first"
    assert moved_second.read_bytes() == b"second"
    assert not first.exists()


def test_a_folder_someone_else_owns_or_that_is_gone_is_not_tightened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    os.chmod(theirs, 0o755)
    monkeypatch.setattr(os, "getuid", lambda: theirs.stat().st_uid + 1)
    assert not tighten_folder(theirs, lambda name: True)
    monkeypatch.undo()
    assert mode(theirs) == 0o755
    assert not tighten_folder(tmp_path / "gone", lambda name: True)


def no_hard_links(path: Path, target: Path, **_: object) -> None:
    raise OSError(errno.EPERM, "Operation not permitted")


def test_without_hard_links_moving_aside_renames_and_still_never_overwrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tmp_path / "game.json"
    first.write_bytes(b"first")
    moved_first = move_aside(first, now=0)
    monkeypatch.setattr(os, "link", no_hard_links)
    first.write_bytes(b"second")
    moved_second = move_aside(first, now=0)
    monkeypatch.undo()
    assert moved_second.name == "game.corrupt-19700101T000000Z-2.json"
    assert moved_first.read_bytes() == b"first"
    assert moved_second.read_bytes() == b"second"
    assert not first.exists()


def test_a_file_that_cannot_be_moved_aside_stays_where_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "game.json"
    path.write_bytes(b"damaged")

    def taken(*_: object, **__: object) -> None:
        raise FileExistsError(errno.EEXIST, "File exists")

    monkeypatch.setattr(os, "link", taken)
    with pytest.raises(FileExistsError, match="no free name to move the file aside"):
        move_aside(path, now=0)

    def broken(*_: object, **__: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "link", broken)
    with pytest.raises(OSError, match="Input/output error"):
        move_aside(path, now=0)
    monkeypatch.undo()
    assert os.listdir(tmp_path) == ["game.json"]
    assert path.read_bytes() == b"damaged"


def test_temps_of_this_process_and_of_unknown_writers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine = tmp_path / f"{TEMP_PREFIX}{os.getpid()}-abcd-game.json"  # a save of ours under way
    nameless = tmp_path / f"{TEMP_PREFIX}nopid-abcd-game.json"  # not a writer anyone can ask
    theirs = tmp_path / f"{TEMP_PREFIX}1-abcd-game.json"  # a pid we may not signal
    for path in (mine, nameless, theirs):
        path.write_text("{")

    def not_allowed(pid: int, signal: int) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "kill", not_allowed)
    assert remove_stray_temps(tmp_path) == [nameless]
    monkeypatch.undo()
    assert mine.exists() and theirs.exists()
    assert remove_stray_temps(tmp_path / "no such folder") == []


def test_a_stray_temp_that_cannot_be_removed_is_left_for_next_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dead = tmp_path / f"{TEMP_PREFIX}999999999-abcd-game.json"
    dead.write_text("{")

    def refused(path: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "unlink", refused)
    assert remove_stray_temps(tmp_path) == []
    monkeypatch.undo()
    assert dead.exists()
    assert remove_stray_temps(tmp_path) == [dead]


def test_the_store_loads_tinydb_only_for_hidden_cards(tmp_path: Path) -> None:
    """A game starts without TinyDB (3 ms of every start); hiding cards loads it and works."""
    import subprocess
    import sys

    probe = f"""
import sys
from pathlib import Path
from h2h_game.store import SaveStore
from tests.store.helpers import START, fresh_game
store = SaveStore(Path({str(tmp_path)!r}))
deck = fresh_game().deck
before = store.hidden_cards(deck.name)
with store.create(fresh_game(), START):
    pass
print("tinydb" in sys.modules, sorted(before))
store.hide_cards(deck.name, {{"L1-abc"}})
print("tinydb" in sys.modules, sorted(store.hidden_cards(deck.name)))
"""
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[2],
    )
    assert done.stdout.split("\n")[:2] == ["False []", "True ['L1-abc']"]
