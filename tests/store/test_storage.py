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
