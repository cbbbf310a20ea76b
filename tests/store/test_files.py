"""The atomic writer and private folders (`h2h_game.files`) when the disk says no: the old file
and its previous copy stay as they were, no temporary file is left, and the right error is
raised, or the save goes ahead when only its safety net failed."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from h2h_game.files import (
    TEMP_PREFIX,
    fsync_folder,
    private_folder,
    promote_stray_previous,
    write_atomic,
)
from h2h_game.store import SaveError, SaveStore
from tests.store.helpers import START, fresh_game

DISK_FULL = OSError(errno.ENOSPC, "No space left on device")
IO_ERROR = OSError(errno.EIO, "Input/output error")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def saved(tmp_path: Path) -> tuple[Path, Path]:
    """A file saved twice, so it has a previous copy: "one" then "two"."""
    path, previous = tmp_path / "game.json", tmp_path / "game.previous.json"
    write_atomic(path, b"one", keep_previous=previous)
    assert not previous.exists()  # a first save has nothing to keep
    write_atomic(path, b"two", keep_previous=previous)
    return path, previous


def as_they_were(path: Path, previous: Path) -> None:
    assert path.read_bytes() == b"two"
    assert previous.read_bytes() == b"one"
    assert sorted(os.listdir(path.parent)) == [path.name, previous.name]


def fails_on_call(
    real: Callable[..., Any], number: int, error: BaseException
) -> Callable[..., Any]:
    """`real`, except that its `number`th call (from 1) raises `error`."""
    calls = 0

    def fake(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == number:
            raise error
        return real(*args, **kwargs)

    return fake


def test_each_save_keeps_the_one_before_as_a_file_of_its_own(saved: tuple[Path, Path]) -> None:
    path, previous = saved
    as_they_were(path, previous)
    assert not path.samefile(previous)  # damage to one is never damage to both
    assert mode(path) == mode(previous) == 0o600
    write_atomic(path, b"three", keep_previous=previous)
    assert (path.read_bytes(), previous.read_bytes()) == (b"three", b"two")


def test_a_write_cut_short_by_the_disk_is_carried_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.write
    monkeypatch.setattr(os, "write", lambda fd, data: real(fd, bytes(data[:3])))
    write_atomic(tmp_path / "deck.toml", b"a whole deck of cards")
    monkeypatch.undo()
    assert (tmp_path / "deck.toml").read_bytes() == b"a whole deck of cards"


@pytest.mark.parametrize("error", [DISK_FULL, KeyboardInterrupt()], ids=["disk-full", "ctrl-c"])
@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_a_save_stopped_at_any_step_leaves_both_files_and_no_temp(
    saved: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, step: str, error: BaseException
) -> None:
    path, previous = saved
    monkeypatch.setattr(os, step, fails_on_call(getattr(os, step), 1, error))
    with pytest.raises(type(error)):
        write_atomic(path, b"three", keep_previous=previous)
    monkeypatch.undo()
    as_they_were(path, previous)


def test_a_temp_name_taken_by_a_link_is_never_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Someone who guessed the temporary name planted a link there: O_EXCL refuses it.
    path = tmp_path / "game.json"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(b"theirs")
    monkeypatch.setattr("h2h_game.files.os.urandom", lambda _: bytes.fromhex("0000beef"))
    planted = tmp_path / f"{TEMP_PREFIX}{os.getpid()}-0000beef-game.json"
    planted.symlink_to(elsewhere)
    with pytest.raises(FileExistsError):
        write_atomic(path, b"ours")
    assert elsewhere.read_bytes() == b"theirs"
    assert not path.exists()


def test_when_the_previous_copy_cannot_take_its_place_the_save_still_happens(
    saved: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, previous = saved
    real = os.replace

    def replace(source: Any, target: Any) -> None:
        if Path(target) == previous:
            raise IO_ERROR
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    write_atomic(path, b"three", keep_previous=previous)
    monkeypatch.undo()
    assert path.read_bytes() == b"three"
    assert previous.read_bytes() == b"one"  # older than it should be, but whole
    assert sorted(os.listdir(path.parent)) == [path.name, previous.name]


@pytest.mark.parametrize("code", [errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK])
def test_without_hard_links_the_previous_copy_is_a_copy(
    saved: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    path, previous = saved
    monkeypatch.setattr(os, "link", fails_on_call(os.link, 1, OSError(code, os.strerror(code))))
    write_atomic(path, b"three", keep_previous=previous)
    monkeypatch.undo()
    assert (path.read_bytes(), previous.read_bytes()) == (b"three", b"two")
    assert mode(previous) == 0o600
    assert sorted(os.listdir(path.parent)) == [path.name, previous.name]


@pytest.mark.parametrize(
    "fault",
    ["a link fails", "no links, and the copy fills the disk", "no links, and the file is a FIFO"],
)
def test_when_no_previous_copy_can_be_made_the_save_goes_ahead(
    saved: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    path, previous = saved
    if fault == "a link fails":
        monkeypatch.setattr(os, "link", fails_on_call(os.link, 1, IO_ERROR))
    else:
        no_links = OSError(errno.EXDEV, "Invalid cross-device link")
        monkeypatch.setattr(os, "link", fails_on_call(os.link, 1, no_links))
        if "disk" in fault:
            # The new file's own write is the first; the copy's is the second.
            monkeypatch.setattr(os, "write", fails_on_call(os.write, 2, DISK_FULL))
        else:
            path.unlink()
            os.mkfifo(path)
    write_atomic(path, b"three", keep_previous=previous)
    monkeypatch.undo()
    assert path.read_bytes() == b"three"
    assert previous.read_bytes() == b"one"
    assert sorted(os.listdir(path.parent)) == [path.name, previous.name]


# --- a previous copy a crash left under its temporary name ------------------------------------


def stray_for(previous: Path, content: bytes, pid: int = 4_000_000) -> Path:
    stray = previous.with_name(f"{TEMP_PREFIX}{pid}-abcd-{previous.name}")
    stray.write_bytes(content)
    return stray


def test_a_stray_previous_copy_is_put_in_place_even_with_its_game_gone(tmp_path: Path) -> None:
    previous = tmp_path / "game.previous.json"
    stray = stray_for(previous, b"kept")
    assert promote_stray_previous(stray, tmp_path / "game.json")
    assert previous.read_bytes() == b"kept"
    assert not stray.exists()


def test_a_file_that_is_not_ours_is_never_promoted(tmp_path: Path) -> None:
    stray = tmp_path / "holiday.jpg"
    stray.write_bytes(b"photo")
    assert not promote_stray_previous(stray, tmp_path / "game.json")
    mangled = tmp_path / f"{TEMP_PREFIX}nodashes"
    mangled.write_bytes(b"?")
    assert not promote_stray_previous(mangled, tmp_path / "game.json")
    assert stray.read_bytes() == b"photo" and mangled.exists()


def test_a_stray_that_vanished_meanwhile_is_let_be(tmp_path: Path) -> None:
    previous = tmp_path / "game.previous.json"
    stray = previous.with_name(f"{TEMP_PREFIX}4000000-abcd-{previous.name}")
    assert not promote_stray_previous(stray, tmp_path / "game.json")
    assert os.listdir(tmp_path) == []


# --- making a rename durable ------------------------------------------------------------------


def failing_for_folders(real: Callable[..., Any], error: OSError) -> Callable[..., Any]:
    """`real` (os.open or os.fsync), raising `error` for a folder only."""

    def fake(target: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(target, int):
            is_folder = stat.S_ISDIR(os.fstat(target).st_mode)
        else:
            is_folder = Path(target).is_dir()
        if is_folder:
            raise error
        return real(target, *args, **kwargs)

    return fake


@pytest.mark.parametrize(
    ("call", "code"),
    [
        ("open", errno.EACCES),
        ("open", errno.EISDIR),
        ("fsync", errno.EINVAL),
        ("fsync", errno.ENOTSUP),
        ("fsync", errno.EBADF),
    ],
)
def test_a_folder_that_cannot_be_synced_is_let_be(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str, code: int
) -> None:
    monkeypatch.setattr(os, call, failing_for_folders(getattr(os, call), OSError(code, "no")))
    write_atomic(tmp_path / "game.json", b"saved")
    fsync_folder(tmp_path)
    monkeypatch.undo()
    assert (tmp_path / "game.json").read_bytes() == b"saved"


@pytest.mark.parametrize("call", ["open", "fsync"])
def test_a_folder_that_fails_to_sync_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    monkeypatch.setattr(os, call, failing_for_folders(getattr(os, call), IO_ERROR))
    with pytest.raises(OSError) as caught:
        fsync_folder(tmp_path)
    assert caught.value.errno == errno.EIO


# --- private folders --------------------------------------------------------------------------


def test_a_file_or_a_link_in_the_way_of_a_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(NotADirectoryError) as caught:
        private_folder(tmp_path / "file" / "saves")
    assert caught.value.filename == str(tmp_path / "file")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    with pytest.raises(NotADirectoryError) as caught:
        private_folder(tmp_path / "dangling" / "saves")
    assert caught.value.filename == str(tmp_path / "dangling")
    assert not (tmp_path / "nowhere").exists()


def test_a_folder_made_by_someone_else_meanwhile_is_left_as_they_made_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared"
    real = os.mkdir

    def beaten_to_it(path: Any, mode: int = 0o777) -> None:
        if Path(path) == shared:
            real(path, 0o755)
            os.chmod(path, 0o755)
        real(path, mode)

    monkeypatch.setattr(os, "mkdir", beaten_to_it)
    private_folder(shared / "saves")
    monkeypatch.undo()
    assert mode(shared) == 0o755
    assert mode(shared / "saves") == 0o700


def test_a_file_made_meanwhile_where_the_folder_goes_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    saves = tmp_path / "saves"
    real = os.mkdir

    def beaten_to_it(path: Any, mode: int = 0o777) -> None:
        Path(path).write_bytes(b"")
        real(path, mode)

    monkeypatch.setattr(os, "mkdir", beaten_to_it)
    with pytest.raises(NotADirectoryError) as caught:
        private_folder(saves)
    assert caught.value.filename == str(saves)


def test_a_saves_folder_that_cannot_be_made_is_said_plainly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "saves"
    denied = PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(os, "mkdir", fails_on_call(os.mkdir, 1, denied))
    with pytest.raises(SaveError) as caught:
        SaveStore(folder).create(fresh_game(), START)
    monkeypatch.undo()
    assert str(caught.value) == (
        f"Could not start the game: permission denied in {folder}. Nothing was saved; "
        "check that you can write there."
    )
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("durable", [True, False])
def test_only_a_durable_write_waits_for_the_disk(
    durable: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []
    monkeypatch.setattr(os, "fsync", synced.append)
    write_atomic(tmp_path / "f", b"data", durable=durable)
    assert (tmp_path / "f").read_bytes() == b"data"
    assert bool(synced) is durable
    assert os.listdir(tmp_path) == ["f"]
