"""A full disk, a refused permission, a read-only folder: the action is refused with a clear
message, the last save stays whole and loadable, and the game goes on once the fault is gone."""

from __future__ import annotations

import contextlib
import errno
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from h2h_game.store import SaveError, SaveStore
from h2h_game.store.storage import TEMP_PREFIX
from tests.store.helpers import START, fresh_game, next_step, play

DISK_FULL = OSError(errno.ENOSPC, "No space left on device")
DENIED = PermissionError(errno.EACCES, "Permission denied")
READ_ONLY = OSError(errno.EROFS, "Read-only file system")
IO_ERROR = OSError(errno.EIO, "Input/output error")


def failing(
    real: Callable[..., Any], error: OSError, only_temps: bool = False
) -> Callable[..., Any]:
    def fake(*args: Any, **kwargs: Any) -> Any:
        if only_temps and TEMP_PREFIX not in str(args[0]):
            return real(*args, **kwargs)
        raise error

    return fake


FAULTS = {
    "os.open: disk full": ("open", DISK_FULL, True, "the disk is full"),
    "os.open: permission denied": ("open", DENIED, True, "permission denied"),
    "os.open: read-only folder": ("open", READ_ONLY, True, "is read-only"),
    "os.write: disk full": ("write", DISK_FULL, False, "the disk is full"),
    "os.fsync: disk full": ("fsync", DISK_FULL, False, "the disk is full"),
    "os.fsync: I/O error": (
        "fsync",
        OSError(errno.EIO, "Input/output error"),
        False,
        "Input/output",
    ),
    "os.replace: permission denied": ("replace", DENIED, False, "permission denied"),
}


def temps(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.startswith(TEMP_PREFIX)]


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_failed_save_changes_nothing_and_the_game_goes_on(
    store: SaveStore, folder: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    name, error, only_temps, words = FAULTS[fault]
    with store.create(fresh_game(), START) as game:
        play(game, 8)
        before = (game.state, list(game.log), game.updated)
        on_disk = (folder / f"{game.id}.json").read_bytes()
        state, entry = next_step(game.state, random.Random(1), START + 10_000)

        monkeypatch.setattr(os, name, failing(getattr(os, name), error, only_temps))
        with pytest.raises(SaveError) as caught:
            game.save(state, entry, START + 10_000)
        monkeypatch.undo()

        message = str(caught.value)
        assert message.startswith("Could not save: ")
        assert words in message
        assert "Your game is safe up to the last action" in message
        assert (game.state, game.log, game.updated) == before
        assert (folder / f"{game.id}.json").read_bytes() == on_disk
        assert temps(folder) == []
        with store.open(game.id, read_only=True) as other:
            assert other.state == before[0]

        game.save(state, entry, START + 10_000)  # the fault is gone: the game goes on
        play(game, 5, seed=2)
        final = game.state
    with store.open(game.id) as again:
        assert again.state == final


def test_the_disk_full_message_is_plain(store: SaveStore, monkeypatch: pytest.MonkeyPatch) -> None:
    with store.create(fresh_game(), START) as game:
        state, entry = next_step(game.state, random.Random(1), START + 1)
        monkeypatch.setattr(os, "fsync", failing(os.fsync, DISK_FULL))
        with pytest.raises(SaveError) as caught:
            game.save(state, entry, START + 1)
        monkeypatch.undo()
    assert str(caught.value) == (
        "Could not save: the disk is full. Your game is safe up to the last action; "
        "free some space and try again."
    )


@pytest.mark.parametrize("error", [DISK_FULL, DENIED])
def test_a_game_that_cannot_be_created_leaves_nothing_behind(
    store: SaveStore, folder: Path, monkeypatch: pytest.MonkeyPatch, error: OSError
) -> None:
    folder.mkdir(mode=0o700)
    monkeypatch.setattr(os, "replace", failing(os.replace, error))
    with pytest.raises(SaveError, match=r"^Could not start the game: .*Nothing was saved"):
        store.create(fresh_game(), START)
    monkeypatch.undo()
    assert [name for name in os.listdir(folder) if not name.startswith(".index")] == []
    with store.create(fresh_game(), START) as game:
        play(game, 2)
    assert len(store.list()) == 1


def test_a_failing_index_never_fails_the_game(
    store: SaveStore, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.create(fresh_game(), START) as game:
        play(game, 3)
        real = os.open

        def no_index(path: Any, *args: Any, **kwargs: Any) -> Any:
            if ".index" in str(path):
                raise DISK_FULL
            return real(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", no_index)
        play(game, 3, seed=1)
        game.close()  # would update the index: fails quietly
        monkeypatch.undo()
    assert [item.id for item in store.list()] == [game.id]


def test_hidden_cards_that_cannot_be_saved(
    store: SaveStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.hide_cards("Little deck", ["L1-a"])
    monkeypatch.setattr(os, "fsync", failing(os.fsync, DISK_FULL))
    with pytest.raises(SaveError, match=r"^Could not save the hidden cards: the disk is full"):
        store.hide_cards("Little deck", ["L1-b"])
    monkeypatch.undo()
    assert store.hidden_cards("Little deck") == {"L1-a"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders anyway")
def test_a_really_read_only_folder(store: SaveStore, folder: Path) -> None:
    with store.create(fresh_game(), START) as game:
        play(game, 3)
        before = game.state
        os.chmod(folder, 0o500)
        try:
            state, entry = next_step(game.state, random.Random(1), START + 10_000)
            with pytest.raises(SaveError, match="permission denied"):
                game.save(state, entry, START + 10_000)
            assert game.state == before
            assert [item.id for item in SaveStore(folder).list()] == [game.id]
        finally:
            os.chmod(folder, 0o700)
        game.save(state, entry, START + 10_000)


# --- the real thing, where this machine lets us mount a tiny filesystem ------------------------


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KiB tmpfs of our own (Linux, as root); skipped where mounting is not allowed."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root on Linux to mount a tiny filesystem")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", str(disk)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount here: {mounted.stderr.decode().strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


@contextlib.contextmanager
def read_only(disk: Path) -> Iterator[None]:
    """Lay a read-only view of `disk` over it, as a folder turning read-only under a game would.

    (Remounting the disk itself read-only is refused while the game holds its lock file open.)
    """
    subprocess.run(["mount", "--bind", str(disk), str(disk)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(disk)], check=True)
        yield
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_really_full_disk(tiny_disk: Path) -> None:
    store = SaveStore(tiny_disk / "saves")
    with store.create(fresh_game(), START) as game:
        play(game, 5)
        before, on_disk = game.state, (tiny_disk / "saves" / f"{game.id}.json").read_bytes()
        filler = tiny_disk / "filler"
        with open(filler, "wb", buffering=0) as fill, contextlib.suppress(OSError):
            while True:
                fill.write(b"\0" * 4096)
        state, entry = next_step(game.state, random.Random(1), START + 10_000)
        with pytest.raises(SaveError, match="the disk is full"):
            game.save(state, entry, START + 10_000)
        assert game.state == before
        assert (tiny_disk / "saves" / f"{game.id}.json").read_bytes() == on_disk
        assert temps(tiny_disk / "saves") == []
        filler.unlink()
        game.save(state, entry, START + 10_000)
        play(game, 5, seed=1)
        final = game.state
    with store.open(game.id) as again:
        assert again.state == final


def test_a_really_read_only_filesystem(tiny_disk: Path) -> None:
    folder = tiny_disk / "saves"
    store = SaveStore(folder)
    with store.create(fresh_game(), START) as game:
        play(game, 5)
        before = game.state
        with read_only(tiny_disk):
            state, entry = next_step(game.state, random.Random(1), START + 10_000)
            with pytest.raises(SaveError, match="is read-only"):
                game.save(state, entry, START + 10_000)
            assert game.state == before
            listing = SaveStore(folder).list()  # reading still works; the index is let be
            assert [item.id for item in listing] == [game.id]
            with SaveStore(folder).open(game.id, read_only=True) as viewer:
                assert viewer.state == before
        game.save(state, entry, START + 10_000)
    with store.open(game.id) as again:
        assert again.state == state
